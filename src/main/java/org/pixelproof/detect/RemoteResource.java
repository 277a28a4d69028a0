package org.pixelproof.detect;

import java.util.Objects;

/**
 * A remote resource that a mail client would load on opening the message but that shows no sign of tracking (a logo
 * on a CDN, a web font). It still reveals the opening's IP address to its host, so it is listed, but not as a tracker.
 *
 * @param url      as a client would request it
 * @param host     lower-case host
 * @param vector   how it is loaded: {@code img}, {@code css-background}, {@code font-face}, {@code link-stylesheet},
 *                 {@code video-poster}...
 * @param vendor   the vendor whose asset host it is, or {@code null}
 * @param location where it was found
 * @param evidence the source excerpt, at most 1,000 characters
 */
public record RemoteResource(String url, String host, String vector, String vendor, Location location,
        String evidence) {
    public RemoteResource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(location, "location");
    }
}
