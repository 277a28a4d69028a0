package org.pixelproof.preview;

import java.util.Objects;

/**
 * One remote reference of the message that {@link SafePreview} replaced by a visible placeholder instead of loading it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param trackerId the tracker's id ({@code "T1"}...) when the reference is one of the trackers found, else
 *                  {@code null}
 * @param vector    what would have loaded it: {@code img}, {@code srcset}, {@code css-background}, {@code css-style},
 *                  {@code background-attribute}, {@code iframe}, {@code video-poster}, {@code video}, {@code audio},
 *                  {@code embed}, {@code object}, {@code vml}, {@code link}, {@code input-image}, {@code svg-image},
 *                  {@code font-face}, {@code css-import}, {@code meta-refresh}, {@code script}
 * @param host      the lower-case host of the reference, or {@code null} when it has none (relative or malformed)
 * @param url       the reference as written in the message (HTML entities decoded), at most 2,000 characters
 */
public record Placeholder(String trackerId, String vector, String host, String url) {
    public Placeholder {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(url, "url");
    }
}
