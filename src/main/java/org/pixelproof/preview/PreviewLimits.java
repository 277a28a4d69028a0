package org.pixelproof.preview;

/**
 * Limits that keep {@link SafePreview} and {@link CleanedCopy} bounded on hostile input. Immutable and thread-safe.
 *
 * <p>Past a limit nothing fails: the preview is cut or flattened and {@link PreviewResult#truncated()} says so.
 *
 * @param maxHtmlChars        the longest HTML body rendered, in characters; default 5,242,880 (5 Mi). A longer body is
 *                            cut there before parsing.
 * @param maxHtmlDepth        the deepest element nesting kept, in elements; default 128. Deeper elements are attached
 *                            at this depth by jsoup's parser ({@code Parser#setMaxDepth}), so that the PDF renderer,
 *                            which lays boxes out recursively, never meets a pathological tree.
 * @param maxInlineImageBytes the largest {@code cid:} or {@code data:} image inlined, in decoded bytes; default 262,144
 *                            (256 KiB). Larger images become placeholders.
 * @param maxInlineTotalBytes the total of decoded image bytes inlined into one preview; default 2,097,152 (2 MiB).
 * @param maxCssChars         the most CSS characters kept per {@code <style>} block or {@code style} attribute;
 *                            default 262,144 (256 Ki).
 * @param maxElements         the most HTML elements kept, in document order; default 150,000 (a large real newsletter
 *                            has a few thousand). Past it the rest of the body is dropped: a body of a million
 *                            {@code <div>} would otherwise take hundreds of megabytes to clean and serialise.
 */
public record PreviewLimits(
        int maxHtmlChars,
        int maxHtmlDepth,
        long maxInlineImageBytes,
        long maxInlineTotalBytes,
        int maxCssChars,
        int maxElements) {

    /** The defaults listed above, for the web preview and the cleaned copies. */
    public static final PreviewLimits DEFAULT = new PreviewLimits(5 << 20, 128, 256 << 10, 2 << 20, 256 << 10,
            150_000);

    /**
     * The limits of the rendering printed in the dossier's annex, which the PDF renderer lays out page by page in
     * memory: 256 KiB of HTML (or of plain text; Gmail itself cuts messages at about 100 KB), 20,000 elements, 64 KiB
     * of CSS per block; images and depth as {@link #DEFAULT}. A message past them is rendered in part, the annex says
     * so, and the whole original is attached to the PDF anyway.
     */
    public static final PreviewLimits ANNEX = new PreviewLimits(256 << 10, 128, 256 << 10, 2 << 20, 64 << 10, 20_000);

    public PreviewLimits {
        if (maxHtmlChars <= 0 || maxHtmlDepth <= 0 || maxInlineImageBytes < 0 || maxInlineTotalBytes < 0
                || maxCssChars <= 0 || maxElements <= 0) {
            throw new IllegalArgumentException("limits must be positive (inline image limits may be 0: no inlining)");
        }
    }

    /** The limits of the earlier five-component form, with the default {@link #maxElements()} (150,000). */
    public PreviewLimits(int maxHtmlChars, int maxHtmlDepth, long maxInlineImageBytes, long maxInlineTotalBytes,
            int maxCssChars) {
        this(maxHtmlChars, maxHtmlDepth, maxInlineImageBytes, maxInlineTotalBytes, maxCssChars, 150_000);
    }
}
