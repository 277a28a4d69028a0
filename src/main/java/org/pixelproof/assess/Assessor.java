package org.pixelproof.assess;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Findings;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.detect.VisibleText;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.KeyDate;
import org.pixelproof.rules.RuleSet;

/**
 * Qualifies one message's findings in law, as codes and ids that the dossier templates turn into careful words. It
 * never says "unlawful" (DESIGN.md, third invariant): it says what was found, which exemptions the message's cues
 * leave open, which provisions are engaged, and what the result does not prove.
 *
 * <h2>Verdict</h2>
 * {@link Verdict#NO_TRACKING_FOUND} without trackers; with trackers, {@link Verdict#TRACKING_WITH_CONSENT_MARKERS} when
 * a {@link ConsentMarkerType#TRACKING_NOTICE} or a {@link ConsentMarkerType#TRACKING_OPT_OUT_LINK} was found, else
 * {@link Verdict#TRACKING_WITHOUT_CONSENT_MARKERS}. An unsubscribe link or {@code List-Unsubscribe} is not a tracking
 * consent marker: CNIL délibération 2026-042 wants consent to tracking separate from consent to receive the mail.
 *
 * <h2>Message class</h2>
 * By {@link MessageClassifier}: explicit cues and a documented dominance rule.
 *
 * <h2>Exemptions</h2>
 * One {@link ExemptionCheck} for {@value #AUTHENTICATION_SECURITY} and one for {@value #DELIVERABILITY_TRANSACTIONAL}
 * (délibération 2026-042 as summarised in legal-notes.md), with {@link ExemptionReason} codes:
 * <ul>
 *   <li>no tracker: {@code CANNOT_TELL} with {@code no-tracker-found};</li>
 *   <li>authentication security: {@code MAY_APPLY} for a {@code SECURITY} message without marketing cues;
 *   {@code DOES_NOT_APPLY} for marketing or personal messages, or without security wording; {@code CANNOT_TELL}
 *   when security wording meets marketing or transactional cues;</li>
 *   <li>deliverability: {@code MAY_APPLY} for a {@code TRANSACTIONAL} or {@code SECURITY} message (security alerts
 *   are service messages) without marketing cues, given with {@code last-open-day-retention-unverifiable};
 *   {@code DOES_NOT_APPLY} for marketing or personal messages and whenever links carry per-recipient identifiers
 *   (the exemption covers opens, keeping only the day of the last open, not click tracking); {@code CANNOT_TELL}
 *   when service content is mixed with marketing content or the class is unknown;</li>
 *   <li>both: {@code DOES_NOT_APPLY} when a tracker belongs to an advertising or analytics vendor; informative
 *   {@code third-party-vendor-outside-eea}, {@code list-unsubscribe-present}, {@code click-tracking-present}.</li>
 * </ul>
 *
 * <h2>Provisions</h2>
 * Ids of {@code legal-rules/provisions.yaml}, in this citing order, each when its condition holds (and only if the
 * rule set defines it):
 * {@code lil-82}, {@code eprivacy-5-3}, {@code edpb-2-2023}, {@code cnil-2026-042}, {@code gdpr-4-11},
 * {@code gdpr-6-1-a}, {@code gdpr-7-1} (trackers found: access to the terminal needs consent as the GDPR defines
 * it, which the sender must be able to show); {@code gdpr-7-3} (trackers, no tracking opt-out link);
 * {@code gdpr-5-1-a}, {@code gdpr-12}, {@code gdpr-13}, {@code gdpr-14} (trackers, no tracking notice: 13 or 14
 * depending on how the address was obtained); {@code cpce-l34-5}, {@code eprivacy-13}, {@code gdpr-21-2},
 * {@code gdpr-21-3} (marketing message); {@code gdpr-44} (a tracker's vendor outside the EU/EEA); {@code gdpr-15},
 * {@code gdpr-17}, {@code gdpr-12-3} (trackers: the prior request asks for access and erasure within one month);
 * {@code gdpr-77} (whenever another provision is engaged). Enforcement background ({@code cnil-san-*}) is the
 * dossier's to choose, not an engaged provision.
 *
 * <h2>Date and timeline</h2>
 * The received date is the {@link ReceivedDate} (Europe/Paris): {@link Authenticity#deliveredAt()}, else the newest
 * {@code Received} hop, else {@code Date}. The timeline sets it against every key date whose id starts with
 * {@code cnil-2026-042-}, in date order, as {@code before}, {@code same-day} or {@code after}.
 *
 * <h2>Caveats</h2>
 * {@link Caveat} codes, in the enum's order.
 *
 * <p>Thread-safe: immutable; one instance serves concurrent analyses.
 */
public final class Assessor {
    /** Id of the authentication-security exemption. */
    public static final String AUTHENTICATION_SECURITY = "authentication-security";
    /** Id of the deliverability exemption for transactional or requested-service messages. */
    public static final String DELIVERABILITY_TRANSACTIONAL = "deliverability-transactional";
    /** Prefix of the key dates set against the received date. */
    public static final String TIMELINE_PREFIX = "cnil-2026-042-";
    /** Key date from which new addresses need consent. */
    public static final String PUBLISHED_DATE_ID = "cnil-2026-042-published";

    private static final List<String> CITING_ORDER = List.of("lil-82", "eprivacy-5-3", "edpb-2-2023", "cnil-2026-042",
            "gdpr-4-11", "gdpr-6-1-a", "gdpr-7-1", "gdpr-7-3", "gdpr-5-1-a", "gdpr-12", "gdpr-13", "gdpr-14",
            "cpce-l34-5", "eprivacy-13", "gdpr-21-2", "gdpr-21-3", "gdpr-44", "gdpr-15", "gdpr-17", "gdpr-12-3",
            "gdpr-77");

    private final RuleSet rules;
    private final MessageClassifier classifier;

    /** @param rules the rule set (provisions, key dates, classification phrases, vendors) */
    public Assessor(RuleSet rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.classifier = new MessageClassifier(rules);
    }

    /**
     * @param email        the message
     * @param findings     what {@code detect} found
     * @param authenticity what {@code authenticity} found (may be {@link Authenticity#none()})
     * @return the assessment of one message's findings
     */
    public Assessment assess(ReceivedEmail email, Findings findings, Authenticity authenticity) {
        Objects.requireNonNull(email, "email");
        return assess(email, findings, authenticity,
                VisibleText.ofEmail(email, List.of(), MessageClassifier.MAX_CHARS_PER_BODY));
    }

    /**
     * {@link #assess(ReceivedEmail, Findings, Authenticity)} from visible texts already read, e.g. by
     * {@code Detector.detectWithTexts}, instead of parsing the HTML bodies again.
     *
     * @param email        the message
     * @param findings     what {@code detect} found
     * @param authenticity what {@code authenticity} found
     * @param texts        the visible texts of the message's bodies ({@link VisibleText#ofEmail}, any limit of at
     *                     least {@link MessageClassifier#MAX_CHARS_PER_BODY}: only that much of each is read)
     * @return the assessment of one message's findings
     */
    public Assessment assess(ReceivedEmail email, Findings findings, Authenticity authenticity,
            List<VisibleText> texts) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(texts, "texts");
        MessageClassifier.Result classification = classifier.classify(email, findings, texts);

        boolean tracking = !findings.trackers().isEmpty();
        boolean markers = findings.has(ConsentMarkerType.TRACKING_NOTICE)
                || findings.has(ConsentMarkerType.TRACKING_OPT_OUT_LINK);
        Verdict verdict = !tracking ? Verdict.NO_TRACKING_FOUND
                : markers ? Verdict.TRACKING_WITH_CONSENT_MARKERS : Verdict.TRACKING_WITHOUT_CONSENT_MARKERS;

        TrackerFacts facts = new TrackerFacts(findings, rules);
        List<ExemptionCheck> exemptions = List.of(
                authenticationSecurity(tracking, classification, facts),
                deliverability(tracking, classification, facts, email));

        List<String> provisions = provisions(tracking, findings, classification.messageClass(), facts);

        ReceivedDate received = ReceivedDate.of(email, authenticity);
        LocalDate receivedDate = received == null ? null : received.date();
        List<TimelineEntry> timeline = timeline(receivedDate);

        List<String> caveats = caveats(email, findings, authenticity, tracking, markers, classification, exemptions,
                received, facts);
        return new Assessment(verdict, classification.messageClass(), classification.cues(), exemptions, provisions,
                receivedDate, timeline, caveats);
    }

    // ------------------------------------------------------------------ what the trackers show

    /** Facts about the trackers that the exemption checks and provisions need. */
    private static final class TrackerFacts {
        final boolean perRecipientClicks;
        final boolean clicks;
        final boolean outsideEea;
        final boolean adOrAnalytics;
        final boolean heuristicOnly;
        final boolean lowOnly;
        final boolean readReceiptOnly;

        TrackerFacts(Findings f, RuleSet rules) {
            List<Tracker> ts = f.trackers();
            perRecipientClicks = ts.stream().anyMatch(t -> t.kind() == TrackerKind.CLICK_TRACKING
                    && RecipientTokens.carriesIdentifier(t));
            clicks = ts.stream().anyMatch(t -> t.kind() == TrackerKind.CLICK_TRACKING);
            outsideEea = ts.stream().anyMatch(t -> t.vendorDetails() != null && t.vendorDetails().outsideEea());
            adOrAnalytics = ts.stream().anyMatch(t -> t.vendorDetails() != null && rules.vendor(t.vendorDetails().id())
                    .map(v -> "ad-tech".equals(v.category()) || "analytics".equals(v.category())).orElse(false));
            heuristicOnly = !ts.isEmpty() && ts.stream().allMatch(t -> t.vendorDetails() == null
                    && (t.ruleId() == null || t.ruleId().startsWith("heuristic")));
            lowOnly = !ts.isEmpty() && ts.stream().allMatch(t -> t.confidence() == Confidence.LOW);
            readReceiptOnly = !ts.isEmpty() && ts.stream().allMatch(t -> t.kind() == TrackerKind.READ_RECEIPT);
        }
    }

    // ------------------------------------------------------------------ exemptions

    private static ExemptionCheck authenticationSecurity(boolean tracking, MessageClassifier.Result c,
            TrackerFacts facts) {
        if (!tracking) {
            return check(AUTHENTICATION_SECURITY, ExemptionOutcome.CANNOT_TELL, EnumSet.of(
                    ExemptionReason.NO_TRACKER_FOUND));
        }
        Set<ExemptionReason> reasons = new LinkedHashSet<>();
        ExemptionOutcome outcome;
        boolean security = c.has(MessageClass.SECURITY);
        switch (c.messageClass()) {
            case MARKETING -> {
                outcome = ExemptionOutcome.DOES_NOT_APPLY;
                reasons.add(ExemptionReason.MARKETING_CONTENT);
                if (!security) {
                    reasons.add(ExemptionReason.NO_SECURITY_WORDING);
                }
            }
            case PERSONAL -> {
                outcome = ExemptionOutcome.DOES_NOT_APPLY;
                reasons.add(ExemptionReason.PERSONAL_MESSAGE);
            }
            case SECURITY -> {
                reasons.add(ExemptionReason.SECURITY_WORDING_FOUND);
                if (c.has(MessageClass.MARKETING)) {
                    outcome = ExemptionOutcome.CANNOT_TELL;
                    reasons.add(ExemptionReason.MARKETING_CONTENT_MIXED);
                } else {
                    outcome = ExemptionOutcome.MAY_APPLY;
                }
            }
            case TRANSACTIONAL -> {
                reasons.add(ExemptionReason.TRANSACTIONAL_WORDING_FOUND);
                if (security) {
                    outcome = ExemptionOutcome.CANNOT_TELL;
                    reasons.add(ExemptionReason.SECURITY_WORDING_FOUND);
                } else {
                    outcome = ExemptionOutcome.DOES_NOT_APPLY;
                    reasons.add(ExemptionReason.NO_SECURITY_WORDING);
                }
            }
            default -> {
                reasons.add(ExemptionReason.MESSAGE_CLASS_UNCLEAR);
                if (security) {
                    outcome = ExemptionOutcome.CANNOT_TELL;
                    reasons.add(ExemptionReason.SECURITY_WORDING_FOUND);
                } else {
                    outcome = ExemptionOutcome.DOES_NOT_APPLY;
                    reasons.add(ExemptionReason.NO_SECURITY_WORDING);
                }
            }
        }
        if (facts.adOrAnalytics) {
            outcome = ExemptionOutcome.DOES_NOT_APPLY;
            reasons.add(ExemptionReason.ADVERTISING_OR_ANALYTICS_VENDOR);
        }
        if (facts.clicks) {
            reasons.add(facts.perRecipientClicks ? ExemptionReason.PER_RECIPIENT_CLICK_TRACKING
                    : ExemptionReason.CLICK_TRACKING_PRESENT);
        }
        if (facts.outsideEea) {
            reasons.add(ExemptionReason.THIRD_PARTY_VENDOR_OUTSIDE_EEA);
        }
        return check(AUTHENTICATION_SECURITY, outcome, reasons);
    }

    private static ExemptionCheck deliverability(boolean tracking, MessageClassifier.Result c, TrackerFacts facts,
            ReceivedEmail email) {
        if (!tracking) {
            return check(DELIVERABILITY_TRANSACTIONAL, ExemptionOutcome.CANNOT_TELL, EnumSet.of(
                    ExemptionReason.NO_TRACKER_FOUND));
        }
        Set<ExemptionReason> reasons = new LinkedHashSet<>();
        ExemptionOutcome outcome;
        boolean service = c.has(MessageClass.TRANSACTIONAL) || c.has(MessageClass.SECURITY);
        switch (c.messageClass()) {
            case MARKETING -> {
                outcome = ExemptionOutcome.DOES_NOT_APPLY;
                reasons.add(ExemptionReason.MARKETING_CONTENT);
                if (!service) {
                    reasons.add(ExemptionReason.NO_TRANSACTIONAL_WORDING);
                }
            }
            case PERSONAL -> {
                outcome = ExemptionOutcome.DOES_NOT_APPLY;
                reasons.add(ExemptionReason.PERSONAL_MESSAGE);
            }
            case TRANSACTIONAL, SECURITY -> {
                reasons.add(c.messageClass() == MessageClass.SECURITY ? ExemptionReason.SECURITY_WORDING_FOUND
                        : ExemptionReason.TRANSACTIONAL_WORDING_FOUND);
                if (c.has(MessageClass.MARKETING)) {
                    outcome = ExemptionOutcome.CANNOT_TELL;
                    reasons.add(ExemptionReason.MARKETING_CONTENT_MIXED);
                } else {
                    outcome = ExemptionOutcome.MAY_APPLY;
                }
            }
            default -> {
                outcome = ExemptionOutcome.CANNOT_TELL;
                reasons.add(ExemptionReason.MESSAGE_CLASS_UNCLEAR);
                reasons.add(service ? ExemptionReason.TRANSACTIONAL_WORDING_FOUND
                        : ExemptionReason.NO_TRANSACTIONAL_WORDING);
            }
        }
        if (facts.perRecipientClicks) {
            outcome = ExemptionOutcome.DOES_NOT_APPLY;
            reasons.add(ExemptionReason.PER_RECIPIENT_CLICK_TRACKING);
        } else if (facts.clicks) {
            reasons.add(ExemptionReason.CLICK_TRACKING_PRESENT);
        }
        if (facts.adOrAnalytics) {
            outcome = ExemptionOutcome.DOES_NOT_APPLY;
            reasons.add(ExemptionReason.ADVERTISING_OR_ANALYTICS_VENDOR);
        }
        if (email.header("List-Unsubscribe").isPresent()) {
            reasons.add(ExemptionReason.LIST_UNSUBSCRIBE_PRESENT);
        }
        if (facts.outsideEea) {
            reasons.add(ExemptionReason.THIRD_PARTY_VENDOR_OUTSIDE_EEA);
        }
        if (outcome == ExemptionOutcome.MAY_APPLY) {
            reasons.add(ExemptionReason.LAST_OPEN_DAY_RETENTION_UNVERIFIABLE);
        }
        return check(DELIVERABILITY_TRANSACTIONAL, outcome, reasons);
    }

    private static ExemptionCheck check(String id, ExemptionOutcome outcome, Set<ExemptionReason> reasons) {
        return new ExemptionCheck(id, outcome, reasons.stream().map(ExemptionReason::code).toList());
    }

    // ------------------------------------------------------------------ provisions

    private List<String> provisions(boolean tracking, Findings f, MessageClass messageClass, TrackerFacts facts) {
        Set<String> engaged = new LinkedHashSet<>();
        if (tracking) {
            engaged.addAll(List.of("lil-82", "eprivacy-5-3", "edpb-2-2023", "cnil-2026-042", "gdpr-4-11", "gdpr-6-1-a",
                    "gdpr-7-1", "gdpr-15", "gdpr-17", "gdpr-12-3"));
            if (!f.has(ConsentMarkerType.TRACKING_OPT_OUT_LINK)) {
                engaged.add("gdpr-7-3");
            }
            if (!f.has(ConsentMarkerType.TRACKING_NOTICE)) {
                engaged.addAll(List.of("gdpr-5-1-a", "gdpr-12", "gdpr-13", "gdpr-14"));
            }
            if (facts.outsideEea) {
                engaged.add("gdpr-44");
            }
        }
        if (messageClass == MessageClass.MARKETING) {
            engaged.addAll(List.of("cpce-l34-5", "eprivacy-13", "gdpr-21-2", "gdpr-21-3"));
        }
        if (!engaged.isEmpty()) {
            engaged.add("gdpr-77");
        }
        List<String> out = new ArrayList<>();
        for (String id : CITING_ORDER) {
            if (engaged.contains(id) && rules.provision(id).isPresent()) {
                out.add(id);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ timeline and caveats

    private List<TimelineEntry> timeline(LocalDate received) {
        if (received == null) {
            return List.of();
        }
        List<TimelineEntry> out = new ArrayList<>();
        rules.keyDates().stream().filter(k -> k.id().startsWith(TIMELINE_PREFIX))
                .sorted(Comparator.comparing(KeyDate::date))
                .forEach(k -> out.add(new TimelineEntry(k.id(), k.date(), received.isBefore(k.date()) ? "before"
                        : received.isEqual(k.date()) ? "same-day" : "after")));
        return out;
    }

    /** Anomalies that mean a limit left part of the message unread or unanalysed. */
    private static final Set<AnomalyCode> LEFT_OUT = EnumSet.of(AnomalyCode.TOO_MANY_PARTS, AnomalyCode.TOO_DEEP,
            AnomalyCode.UNREADABLE_PART, AnomalyCode.BODY_TOO_LARGE, AnomalyCode.HTML_TOO_DEEP,
            AnomalyCode.HTML_TOO_MANY_ELEMENTS, AnomalyCode.CSS_TOO_LARGE, AnomalyCode.REFERENCES_NOT_ANALYSED);

    private List<String> caveats(ReceivedEmail email, Findings findings, Authenticity authenticity, boolean tracking,
            boolean markers, MessageClassifier.Result classification, List<ExemptionCheck> exemptions,
            ReceivedDate received, TrackerFacts facts) {
        Set<Caveat> c = EnumSet.of(Caveat.ONE_MESSAGE_ONLY);
        if (Stream.concat(email.anomalies().stream(), findings.anomalies().stream())
                .anyMatch(a -> LEFT_OUT.contains(a.code()))) {
            c.add(Caveat.PART_NOT_ANALYSED);
        }
        if (!tracking) {
            c.add(Caveat.NO_TRACKER_IS_NOT_NO_TRACKING);
            if (!findings.remoteContent().isEmpty()) {
                c.add(Caveat.REMOTE_CONTENT_PRESENT);
            }
        } else {
            c.add(Caveat.CONSENT_MAY_EXIST_ELSEWHERE);
            if (markers) {
                c.add(Caveat.MARKER_QUALITY_NOT_ASSESSED);
            }
            LocalDate published = rules.keyDate(PUBLISHED_DATE_ID).map(KeyDate::date).orElse(null);
            if (received == null || published == null || !received.date().isBefore(published)) {
                c.add(Caveat.ADDRESS_COLLECTION_DATE_UNKNOWN);
                c.add(Caveat.EXISTING_LIST_TRANSITION_OPEN);
            } else {
                c.add(Caveat.RECEIVED_BEFORE_RECOMMENDATION);
            }
            if (facts.heuristicOnly) {
                c.add(Caveat.HEURISTIC_FINDINGS_ONLY);
            }
            if (facts.lowOnly) {
                c.add(Caveat.LOW_CONFIDENCE_ONLY);
            }
            if (facts.readReceiptOnly) {
                c.add(Caveat.READ_RECEIPT_ONLY);
            }
            if (exemptions.stream().anyMatch(e -> e.outcome() != ExemptionOutcome.DOES_NOT_APPLY)) {
                c.add(Caveat.EXEMPTION_NOT_EXCLUDED);
            }
        }
        if (received == null) {
            c.add(Caveat.RECEIVED_DATE_UNKNOWN);
        } else if ("date-header".equals(received.source())) {
            c.add(Caveat.RECEIVED_DATE_FROM_DATE_HEADER);
        }
        if (classification.messageClass() == MessageClass.UNKNOWN) {
            c.add(Caveat.MESSAGE_CLASS_UNCERTAIN);
        }
        List<DkimResult> dkim = authenticity == null ? List.of() : authenticity.dkim();
        if (dkim.stream().noneMatch(d -> "pass".equals(d.result()))) {
            c.add(Caveat.SENDER_NOT_AUTHENTICATED);
        }
        if (findings.sender() != null && !findings.sender().missing().isEmpty()) {
            c.add(Caveat.SENDER_IDENTITY_INCOMPLETE);
        }
        if (findings.sender() != null && !findings.sender().identityCaveats().isEmpty()) {
            c.add(Caveat.SENDER_IDENTITY_DOUBTFUL);
        }
        if (email.forwardedBy() != null) {
            c.add(Caveat.FORWARDED_COPY);
        }
        return c.stream().map(Caveat::code).toList();
    }
}
