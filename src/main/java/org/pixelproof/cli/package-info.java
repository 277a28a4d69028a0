/**
 * The command line: batch analysis of files, folders, mbox and Maildir over the same pipeline, with JSON, JSON Lines,
 * CSV and PDF outputs.
 */
package org.pixelproof.cli;
