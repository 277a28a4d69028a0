package org.pixelproof.detect;

import java.util.List;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;

/**
 * Finds consent and information markers. Thread-safe. TODO(markers): implementation pending.
 */
public final class ConsentMarkerFinder {
    /** @param rules the marker phrases */
    public ConsentMarkerFinder(RuleSet rules) {
    }

    /**
     * @param email  the message (headers, text bodies)
     * @param html   its parsed HTML bodies
     * @return markers found, in document order
     */
    public List<ConsentMarker> find(ReceivedEmail email, List<HtmlBody> html) {
        return List.of();
    }
}
