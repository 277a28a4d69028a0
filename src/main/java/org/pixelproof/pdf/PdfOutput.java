package org.pixelproof.pdf;

import java.util.List;
import java.util.Objects;

/**
 * A rendered PDF, with what the renderer asked for while laying it out. Immutable and thread-safe (do not modify the
 * array).
 *
 * @param pdf       the PDF bytes
 * @param pages     the number of pages
 * @param requested every resource URI the renderer asked for (all refused unless {@code data:})
 * @param refused   the URIs refused: anything but {@code data:}
 */
public record PdfOutput(byte[] pdf, int pages, List<String> requested, List<String> refused) {
    public PdfOutput {
        Objects.requireNonNull(pdf, "pdf");
        requested = List.copyOf(requested);
        refused = List.copyOf(refused);
    }
}
