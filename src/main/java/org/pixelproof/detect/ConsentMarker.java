package org.pixelproof.detect;

import java.util.Objects;

/**
 * One consent or information marker found in the message.
 *
 * @param type     which marker
 * @param text     the matched text (link text or sentence, at most 300 characters)
 * @param url      the link's URL for link markers, else {@code null}
 * @param location where it was found
 * @param ruleId   the marker-phrase rule that matched, or {@code "header.list-unsubscribe"}
 */
public record ConsentMarker(ConsentMarkerType type, String text, String url, Location location, String ruleId) {
    public ConsentMarker {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
    }
}
