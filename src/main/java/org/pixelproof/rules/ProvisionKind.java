package org.pixelproof.rules;

import java.util.Locale;

/**
 * What kind of text a {@link LegalProvision} is, independent of how sure the rule data is of its content
 * ({@link SourceConfidence}). The dossier labels each kind differently: an official text whose paraphrase has not been
 * checked at its source is still an official text, not a "secondary source", while guidance and decisions reported by
 * third parties are secondary sources.
 */
public enum ProvisionKind {
    /** A statute, code, EU regulation or directive: binding law ({@code law} in the rule data). */
    LAW,
    /** Guidance without binding force: a CNIL recommendation, EDPB guidelines ({@code soft-law}). */
    SOFT_LAW,
    /** A decision of an authority or a court, e.g. a CNIL sanction ({@code decision}). */
    DECISION;

    /** @return the value written in the rule data: {@code law}, {@code soft-law} or {@code decision}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param code a {@link #code()}
     * @return the kind
     * @throws IllegalArgumentException when the code is not one of them
     */
    public static ProvisionKind fromCode(String code) {
        for (ProvisionKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown provision kind: " + code);
    }
}
