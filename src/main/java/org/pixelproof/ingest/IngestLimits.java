package org.pixelproof.ingest;

/**
 * Limits that keep the reading of a hostile message bounded in time and memory. Immutable and thread-safe; build
 * variants with the {@code with...} methods.
 *
 * <p>Past a limit, reading never fails: what lies within the limit is analysed and an {@link Anomaly} says what was
 * left out. Only {@link #maxMessageBytes()} rejects a message outright ({@link AnomalyCode#MESSAGE_TOO_LARGE}).
 *
 * @param maxMessageBytes    largest accepted message, in bytes; default 26,214,400 (25 MiB)
 * @param maxParts           most MIME parts read, counting every node of the tree; default 1,000
 * @param maxDepth           deepest MIME nesting read (the message itself is depth 1); default 30
 * @param maxHeaderCount     most header fields kept per part; default 1,000
 * @param maxHeaderLineBytes longest header field kept (unfolded), in characters; default 65,536 (64 KiB)
 * @param maxBodyBytes       largest decoded HTML or text body analysed, in bytes of its decoded content; default
 *                           5,242,880 (5 MiB); a longer body is cut there. It also bounds the decompressed RTF body
 *                           of an Outlook {@code .msg} ([MS-OXRTFCP]), whatever size its header claims
 * @param maxHtmlDepth       deepest HTML element nesting analysed; default 512
 * @param maxCssBytes        most CSS characters analysed per {@code <style>} block or {@code style} attribute; default
 *                           262,144 (256 KiB)
 */
public record IngestLimits(
        long maxMessageBytes,
        int maxParts,
        int maxDepth,
        int maxHeaderCount,
        int maxHeaderLineBytes,
        long maxBodyBytes,
        int maxHtmlDepth,
        int maxCssBytes) {

    /** The defaults listed above: generous for real mail, bounded for hostile input. */
    public static final IngestLimits DEFAULT =
            new IngestLimits(25L << 20, 1_000, 30, 1_000, 64 << 10, 5L << 20, 512, 256 << 10);

    /** Tighter limits for public deployments under load: 10 MiB, 200 parts, depth 15, 2 MiB bodies. */
    public static final IngestLimits STRICT =
            new IngestLimits(10L << 20, 200, 15, 500, 16 << 10, 2L << 20, 256, 64 << 10);

    /** Looser limits for batch work on trusted mailboxes: 100 MiB, 10,000 parts, depth 64, 20 MiB bodies. */
    public static final IngestLimits PERMISSIVE =
            new IngestLimits(100L << 20, 10_000, 64, 5_000, 1 << 20, 20L << 20, 1_024, 1 << 20);

    public IngestLimits {
        if (maxMessageBytes <= 0 || maxParts <= 0 || maxDepth <= 0 || maxHeaderCount <= 0
                || maxHeaderLineBytes <= 0 || maxBodyBytes <= 0 || maxHtmlDepth <= 0 || maxCssBytes <= 0) {
            throw new IllegalArgumentException("every limit must be positive");
        }
    }

    /** @return a copy with another {@link #maxMessageBytes()}. */
    public IngestLimits withMaxMessageBytes(long bytes) {
        return new IngestLimits(bytes, maxParts, maxDepth, maxHeaderCount, maxHeaderLineBytes, maxBodyBytes,
                maxHtmlDepth, maxCssBytes);
    }

    /** @return a copy with another {@link #maxParts()}. */
    public IngestLimits withMaxParts(int parts) {
        return new IngestLimits(maxMessageBytes, parts, maxDepth, maxHeaderCount, maxHeaderLineBytes, maxBodyBytes,
                maxHtmlDepth, maxCssBytes);
    }

    /** @return a copy with another {@link #maxDepth()}. */
    public IngestLimits withMaxDepth(int depth) {
        return new IngestLimits(maxMessageBytes, maxParts, depth, maxHeaderCount, maxHeaderLineBytes, maxBodyBytes,
                maxHtmlDepth, maxCssBytes);
    }

    /** @return a copy with another {@link #maxBodyBytes()}. */
    public IngestLimits withMaxBodyBytes(long bytes) {
        return new IngestLimits(maxMessageBytes, maxParts, maxDepth, maxHeaderCount, maxHeaderLineBytes, bytes,
                maxHtmlDepth, maxCssBytes);
    }

    /** @return a copy with another {@link #maxHeaderCount()}. */
    public IngestLimits withMaxHeaderCount(int count) {
        return new IngestLimits(maxMessageBytes, maxParts, maxDepth, count, maxHeaderLineBytes, maxBodyBytes,
                maxHtmlDepth, maxCssBytes);
    }

    /** @return a copy with another {@link #maxHeaderLineBytes()}. */
    public IngestLimits withMaxHeaderLineBytes(int characters) {
        return new IngestLimits(maxMessageBytes, maxParts, maxDepth, maxHeaderCount, characters, maxBodyBytes,
                maxHtmlDepth, maxCssBytes);
    }

    /** @return a copy with another {@link #maxHtmlDepth()}. */
    public IngestLimits withMaxHtmlDepth(int depth) {
        return new IngestLimits(maxMessageBytes, maxParts, maxDepth, maxHeaderCount, maxHeaderLineBytes, maxBodyBytes,
                depth, maxCssBytes);
    }

    /** @return a copy with another {@link #maxCssBytes()}. */
    public IngestLimits withMaxCssBytes(int bytes) {
        return new IngestLimits(maxMessageBytes, maxParts, maxDepth, maxHeaderCount, maxHeaderLineBytes, maxBodyBytes,
                maxHtmlDepth, bytes);
    }
}
