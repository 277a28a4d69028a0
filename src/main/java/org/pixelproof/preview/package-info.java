/**
 * Shows a received e-mail without letting anything load: {@link org.pixelproof.preview.SafePreview} rewrites every
 * remote reference into a visible placeholder (numbered like the trackers, {@code T1}...), and
 * {@link org.pixelproof.preview.CleanedCopy} gives the user a copy of the message ({@code .eml} and {@code .html}) with
 * the trackers removed. Nothing in this package dereferences a URL found in the message (DESIGN.md, invariant 1).
 */
package org.pixelproof.preview;
