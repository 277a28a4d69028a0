/**
 * Turns the dossier's XHTML into a PDF (Flying Saucer over OpenPDF), with embedded fonts, the original message as an
 * embedded file, metadata and bookmarks. The only package that knows OpenPDF.
 */
package org.pixelproof.pdf;
