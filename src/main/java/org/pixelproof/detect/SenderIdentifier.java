package org.pixelproof.detect;

import java.util.List;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;

/**
 * Identifies the sending organisation (the data controller). Thread-safe. TODO(sender): implementation pending.
 */
public final class SenderIdentifier {
    /** @param rules the rule set */
    public SenderIdentifier(RuleSet rules) {
    }

    /**
     * @param email the message
     * @param html  its parsed HTML bodies
     * @return the identity, with what was found where and what is missing
     */
    public SenderIdentity identify(ReceivedEmail email, List<HtmlBody> html) {
        return new SenderIdentity(null, null, null, null, null, List.of(), List.of(), null, null, null, null, false,
                null, null, List.of(), List.of());
    }
}
