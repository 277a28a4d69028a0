package org.pixelproof.assess;

import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.detect.Findings;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;

/**
 * Qualifies findings in law. Thread-safe.
 * TODO(assess): implementation pending.
 */
public final class Assessor {
    /** @param rules the rule set (provisions and key dates) */
    public Assessor(RuleSet rules) {
    }

    /** @return the assessment of one message's findings */
    public Assessment assess(ReceivedEmail email, Findings findings, Authenticity authenticity) {
        throw new UnsupportedOperationException("assess not implemented yet");
    }
}
