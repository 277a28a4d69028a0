package org.pixelproof.preview;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SafePreview#render} produced: the message's HTML with nothing able to load, in three shapes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param partPath      the MIME part path of the body rendered, or {@code null} when the message has no body
 * @param sourceKind    {@code html}, {@code plain} (a text body shown as preformatted text) or {@code none}
 * @param htmlDocument  a complete HTML document for a browser (an {@code iframe srcdoc} or a dedicated page): the
 *                      message's sanitized {@code <style>} blocks and classes kept, a {@code Content-Security-Policy}
 *                      meta element forbidding every remote load, {@code <meta name="referrer" content="no-referrer">}
 * @param htmlFragment  the same body as an HTML fragment, one {@code <div class="pp-preview">} holding the sanitized
 *                      {@code <style>} blocks and the body's content, for embedding in a page that sends its own CSP
 * @param xhtmlFragment a well-formed XHTML fragment (one {@code <div class="pp-preview">}) for the PDF annex: the
 *                      message's own classes and {@code <style>} blocks dropped so they cannot restyle the dossier,
 *                      inline styles kept, placeholders marked with the classes {@code pp-ph} and
 *                      {@code pp-ph-tracker}
 * @param placeholders  every remote reference replaced, in document order ({@code <style>} blocks first)
 * @param inlinedImages the number of {@code cid:} images inlined as {@code data:} URIs
 * @param truncated     true when a {@link PreviewLimits} limit cut or flattened the body
 */
public record PreviewResult(
        String partPath,
        String sourceKind,
        String htmlDocument,
        String htmlFragment,
        String xhtmlFragment,
        List<Placeholder> placeholders,
        int inlinedImages,
        boolean truncated) {

    public PreviewResult {
        Objects.requireNonNull(sourceKind, "sourceKind");
        Objects.requireNonNull(htmlDocument, "htmlDocument");
        Objects.requireNonNull(htmlFragment, "htmlFragment");
        Objects.requireNonNull(xhtmlFragment, "xhtmlFragment");
        placeholders = List.copyOf(placeholders);
    }

    /** @return the placeholders that stand for trackers, in document order. */
    public List<Placeholder> trackerPlaceholders() {
        return placeholders.stream().filter(p -> p.trackerId() != null).toList();
    }
}
