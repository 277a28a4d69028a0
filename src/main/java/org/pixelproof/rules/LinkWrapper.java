package org.pixelproof.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rewriting added by the recipient's own mail system, not by the sender: Outlook Safe Links, Proofpoint URL
 * Defense, Mimecast, Google redirect links, webmail image proxies. PixelProof looks through them to the sender's URL
 * and never reports them as the sender's tracker.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         rule id, e.g. {@code "outlook-safelinks"}
 * @param name       display name, e.g. {@code "Microsoft Defender Safe Links"}
 * @param host       compiled, anchored, case-insensitive host pattern
 * @param parameter  the query parameter holding the wrapped URL (e.g. {@code url}), or {@code null} when the URL is
 *                   carried otherwise (see {@code encoding})
 * @param encoding   how the wrapped URL is carried: {@code query} (URL-encoded in {@code parameter}),
 *                   {@code proofpoint-v2}, {@code proofpoint-v3}, {@code path} (after a fixed prefix, e.g. Google
 *                   image proxies' {@code #} fragment)
 * @param source     documentation URL
 * @param line       line in its YAML file
 */
public record LinkWrapper(String id, String name, Pattern host, String parameter, String encoding, String source,
        int line) {
    public LinkWrapper {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(encoding, "encoding");
    }
}
