package org.pixelproof.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.pixelproof.ingest.IngestLimits;

/**
 * The limits that keep a hostile upload bounded ({@code pixelproof.limits.*}); defaults are those of
 * {@link IngestLimits#DEFAULT}. {@link #maxMessageBytes()} is also the web upload limit: a larger file or pasted
 * source is refused with HTTP 413 and a readable reason.
 */
@ConfigMapping(prefix = "pixelproof.limits")
public interface LimitsConfig {

    /** @return largest accepted upload, in bytes; default 26,214,400 (25 MiB) */
    @WithDefault("26214400")
    long maxMessageBytes();

    /** @return most MIME parts read; default 1,000 */
    @WithDefault("1000")
    int maxParts();

    /** @return deepest MIME nesting read; default 30 */
    @WithDefault("30")
    int maxDepth();

    /** @return most header fields kept per part; default 1,000 */
    @WithDefault("1000")
    int maxHeaderCount();

    /** @return longest header field kept, in characters; default 65,536 */
    @WithDefault("65536")
    int maxHeaderLineBytes();

    /** @return largest decoded body analysed, in bytes; default 5,242,880 (5 MiB) */
    @WithDefault("5242880")
    long maxBodyBytes();

    /** @return deepest HTML element nesting analysed; default 512 */
    @WithDefault("512")
    int maxHtmlDepth();

    /** @return most CSS characters analysed per block; default 262,144 */
    @WithDefault("262144")
    int maxCssBytes();

    /** @return these values as {@link IngestLimits} */
    default IngestLimits toIngestLimits() {
        return new IngestLimits(maxMessageBytes(), maxParts(), maxDepth(), maxHeaderCount(), maxHeaderLineBytes(),
                maxBodyBytes(), maxHtmlDepth(), maxCssBytes());
    }
}
