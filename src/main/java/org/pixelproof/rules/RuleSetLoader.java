package org.pixelproof.rules;

/**
 * Loads and validates {@code legal-rules/}. TODO(rules): implementation pending.
 */
public final class RuleSetLoader {
    private RuleSetLoader() {
    }

    /** @return the rule set shipped in the application's {@code legal-rules/} resources */
    public static RuleSet loadDefault() {
        throw new UnsupportedOperationException("rules not implemented yet");
    }
}
