package org.pixelproof.detect;

import java.util.List;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;

/**
 * Finds trackers, remote content, links, consent markers and the sender in a message. Thread-safe.
 * TODO(detect): implementation pending.
 */
public final class Detector {
    /** @param rules the rule set; @param limits HTML depth and CSS size limits */
    public Detector(RuleSet rules, IngestLimits limits) {
    }

    /**
     * @param email           the message
     * @param extraRecipients recipient addresses to search besides those of the headers
     * @return the findings
     */
    public Findings detect(ReceivedEmail email, List<String> extraRecipients) {
        throw new UnsupportedOperationException("detect not implemented yet");
    }
}
