/**
 * Turns a dossier's XHTML into a PDF: Flying Saucer lays out the XHTML and its print CSS over OpenPDF with embedded
 * fonts, and OpenPDF's API adds what the renderer lacks (the original {@code .eml} as an embedded file, document
 * metadata). The only package that imports OpenPDF and Flying Saucer; the renderer is never allowed to fetch anything.
 */
package org.pixelproof.pdf;
