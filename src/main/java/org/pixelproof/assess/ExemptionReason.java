package org.pixelproof.assess;

import java.util.Locale;

/**
 * Why a CNIL exemption from consent may or may not cover the tracking found (délibération 2026-042, as summarised in
 * {@code legal-notes.md}: (1) security of authentication, e.g. checking that a password-reset message was opened on
 * a known device; (2) deliverability only, in transactional or requested-service messages, keeping only the day of
 * the last open). Each constant's {@link #code()} is what {@link ExemptionCheck#reasons()} holds and what the dossier
 * templates word in French and English. A <em>decisive</em> reason sets the outcome; the others inform.
 */
public enum ExemptionReason {
    /** No tracker was found, so there is nothing for an exemption to cover. Outcome {@code CANNOT_TELL}. */
    NO_TRACKER_FOUND(false),
    /** The message is marketing (promotional or newsletter cues dominate): neither exemption covers it. Decisive. */
    MARKETING_CONTENT(true),
    /**
     * The message mixes service content (order, account, security) with promotional or newsletter content: the
     * exemption cannot cover the promotional part, and one message does not show which purpose the tracking serves.
     * Outcome {@code CANNOT_TELL}.
     */
    MARKETING_CONTENT_MIXED(true),
    /** A person-to-person message: neither a security message nor a transactional one. Decisive. */
    PERSONAL_MESSAGE(true),
    /** Password-reset, login or security-alert wording was found (supports the authentication-security exemption). */
    SECURITY_WORDING_FOUND(false),
    /** No password-reset, login or security-alert wording: the authentication-security exemption is ruled out. */
    NO_SECURITY_WORDING(true),
    /** Order, invoice, delivery, account or booking wording was found (supports the deliverability exemption). */
    TRANSACTIONAL_WORDING_FOUND(false),
    /** No order, invoice, delivery, account or booking wording was found. Outcome {@code CANNOT_TELL} at most. */
    NO_TRANSACTIONAL_WORDING(false),
    /** The cues contradict each other or are absent (message class {@code UNKNOWN}). */
    MESSAGE_CLASS_UNCLEAR(false),
    /**
     * Links carry per-recipient identifiers through a click-tracking redirector: the deliverability exemption covers
     * opens (keeping the day of the last open), not click tracking. Decisive for deliverability; informative for
     * authentication security (a reset link must carry its own token, and one message does not show whether the
     * redirector adds more).
     */
    PER_RECIPIENT_CLICK_TRACKING(true),
    /** Click tracking without a visible per-recipient identifier. Informative. */
    CLICK_TRACKING_PRESENT(false),
    /** A {@code List-Unsubscribe} header, usual for bulk and marketing mail, rare for transactional mail. Informative. */
    LIST_UNSUBSCRIBE_PRESENT(false),
    /**
     * A tracker belongs to an advertising or analytics vendor (rule-set category {@code ad-tech} or
     * {@code analytics}): such tracking goes beyond security or deliverability. Decisive.
     */
    ADVERTISING_OR_ANALYTICS_VENDOR(true),
    /** A tracker's vendor is established outside the EU/EEA (a transfer, GDPR art. 44). Informative. */
    THIRD_PARTY_VENDOR_OUTSIDE_EEA(false),
    /**
     * The exemption requires keeping only the day of the last open: no message can show what the sender keeps.
     * Informative, given with {@code MAY_APPLY}.
     */
    LAST_OPEN_DAY_RETENTION_UNVERIFIABLE(false);

    private final boolean decisive;

    ExemptionReason(boolean decisive) {
        this.decisive = decisive;
    }

    /** @return the kebab-case code, e.g. {@code "per-recipient-click-tracking"}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return true when this reason, present, sets the outcome. */
    public boolean decisive() {
        return decisive;
    }
}
