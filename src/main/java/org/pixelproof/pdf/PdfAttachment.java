package org.pixelproof.pdf;

import java.util.Objects;

/**
 * A file embedded in the PDF (ISO 32000-1, section 7.11.4), e.g. the original {@code .eml}. Immutable and thread-safe
 * (do not modify the array).
 *
 * @param fileName    the name shown in the PDF reader's attachment panel, e.g. {@code E1-original.eml}
 * @param description a short description shown with it
 * @param mimeType    its MIME type, e.g. {@code message/rfc822}
 * @param bytes       its exact bytes, never altered
 */
public record PdfAttachment(String fileName, String description, String mimeType, byte[] bytes) {
    public PdfAttachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(bytes, "bytes");
    }
}
