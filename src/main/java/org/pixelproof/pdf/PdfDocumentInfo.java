package org.pixelproof.pdf;

/**
 * The document information a PDF carries (ISO 32000-1, section 14.3.3), written through OpenPDF's API.
 * {@code null} fields are left out. Immutable and thread-safe.
 *
 * @param title    the title
 * @param subject  the subject
 * @param author   the author: the complainant when they gave their name, else {@code null}
 * @param keywords comma-separated keywords
 * @param creator  the application that created the content, e.g. {@code PixelProof 0.1.0}
 * @param created  the creation and modification date written in the PDF (the dossier's date, from its clock), or
 *                 {@code null} for the time of rendering
 */
public record PdfDocumentInfo(String title, String subject, String author, String keywords, String creator,
        java.time.Instant created) {
}
