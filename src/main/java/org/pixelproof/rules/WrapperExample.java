package org.pixelproof.rules;

import java.util.Objects;

/**
 * An example of a {@link LinkWrapper}: a wrapped URL and the sender's URL it carries.
 *
 * @param url     the URL as rewritten by the recipient's mail system
 * @param wrapped the original URL it unwraps to, or {@code null} when the wrapper is not decodable offline
 *                ({@code encoding: opaque})
 */
public record WrapperExample(String url, String wrapped) {
    public WrapperExample {
        Objects.requireNonNull(url, "url");
    }
}
