package org.pixelproof.assess;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
    /**
     * Order, invoice, delivery, account, booking or subscription-confirmation wording was found (supports the
     * deliverability exemption).
     */
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

    /** Which way a reason points for one exemption, so that a dossier never gives a reason for as one against. */
    public enum Bearing {
        /** The reason speaks for the exemption (e.g. order wording, for the deliverability exemption). */
        FOR,
        /** The reason speaks against it (e.g. marketing content, per-recipient click tracking for deliverability). */
        AGAINST,
        /** The reason informs without pointing either way for this exemption (e.g. click tracking present). */
        NEUTRAL
    }

    private static final Map<String, ExemptionReason> BY_CODE = new HashMap<>();

    static {
        for (ExemptionReason r : values()) {
            BY_CODE.put(r.code(), r);
        }
    }

    private final boolean decisive;

    ExemptionReason(boolean decisive) {
        this.decisive = decisive;
    }

    /**
     * @param code a reason code, as {@link ExemptionCheck#reasons()} holds it
     * @return the reason, or empty for a code this version does not know
     */
    public static Optional<ExemptionReason> ofCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /**
     * Which way this reason points for one exemption. Order, invoice or account wording speaks for the deliverability
     * exemption and, for the authentication-security exemption, against it (the message is about something else);
     * login or security wording speaks for both (security alerts are service messages). Per-recipient click tracking
     * rules out deliverability (which covers opens only) and says nothing either way about authentication security
     * (a reset link carries its own token). A {@code List-Unsubscribe} header, usual for bulk mail, speaks against
     * deliverability. Marketing, personal, unclear and advertising-vendor reasons speak against both.
     *
     * @param exemption {@link Assessor#AUTHENTICATION_SECURITY} or {@link Assessor#DELIVERABILITY_TRANSACTIONAL}
     * @return the bearing; {@link Bearing#NEUTRAL} for an unknown exemption id
     */
    public Bearing bearingOn(String exemption) {
        boolean auth = Assessor.AUTHENTICATION_SECURITY.equals(exemption);
        boolean deliverability = Assessor.DELIVERABILITY_TRANSACTIONAL.equals(exemption);
        if (!auth && !deliverability) {
            return Bearing.NEUTRAL;
        }
        return switch (this) {
            case MARKETING_CONTENT, MARKETING_CONTENT_MIXED, PERSONAL_MESSAGE, MESSAGE_CLASS_UNCLEAR,
                    ADVERTISING_OR_ANALYTICS_VENDOR -> Bearing.AGAINST;
            case SECURITY_WORDING_FOUND -> Bearing.FOR;
            case TRANSACTIONAL_WORDING_FOUND -> auth ? Bearing.AGAINST : Bearing.FOR;
            case NO_SECURITY_WORDING -> auth ? Bearing.AGAINST : Bearing.NEUTRAL;
            case NO_TRANSACTIONAL_WORDING, PER_RECIPIENT_CLICK_TRACKING, LIST_UNSUBSCRIBE_PRESENT ->
                    deliverability ? Bearing.AGAINST : Bearing.NEUTRAL;
            case NO_TRACKER_FOUND, CLICK_TRACKING_PRESENT, THIRD_PARTY_VENDOR_OUTSIDE_EEA,
                    LAST_OPEN_DAY_RETENTION_UNVERIFIABLE -> Bearing.NEUTRAL;
        };
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
