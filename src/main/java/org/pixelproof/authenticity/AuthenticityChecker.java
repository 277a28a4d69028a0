package org.pixelproof.authenticity;

import org.pixelproof.detect.Findings;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Checks DKIM signatures and reads authentication headers. Thread-safe.
 * TODO(authenticity): implementation pending.
 */
public final class AuthenticityChecker {
    private AuthenticityChecker() {
    }

    /** @return a checker that makes no DNS lookup (DKIM results {@code neutral}). */
    public static AuthenticityChecker offline() {
        return new AuthenticityChecker();
    }

    /** @return what can be said of the message's origin */
    public Authenticity check(ReceivedEmail email, Findings findings) {
        return Authenticity.none();
    }
}
