package org.pixelproof.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.MessageSummary;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.assess.TimelineEntry;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.dossier.Dossier.AuthenticityRecord;
import org.pixelproof.dossier.Dossier.CopyComparison;
import org.pixelproof.dossier.Dossier.EmailRecord;
import org.pixelproof.dossier.Dossier.Evidence;
import org.pixelproof.dossier.Dossier.KindGroup;
import org.pixelproof.dossier.Dossier.LegalGround;
import org.pixelproof.dossier.Dossier.MarkerRow;
import org.pixelproof.dossier.Dossier.MessageIdentification;
import org.pixelproof.dossier.Dossier.Organisation;
import org.pixelproof.dossier.Dossier.PriorSteps;
import org.pixelproof.dossier.Dossier.TimelineRow;
import org.pixelproof.dossier.Dossier.TokenDifference;
import org.pixelproof.dossier.Dossier.TrackerRow;
import org.pixelproof.dossier.Dossier.VendorRow;
import org.pixelproof.ingest.Header;
import org.pixelproof.preview.PreviewLimits;
import org.pixelproof.preview.PreviewResult;
import org.pixelproof.preview.SafePreview;
import org.pixelproof.rules.KeyDate;
import org.pixelproof.rules.LegalProvision;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.Vendor;

/**
 * Builds a {@link Dossier} from one or more analysed e-mails of the same sender, the complainant's own statements and
 * the rule data (provisions, key dates, vendors).
 *
 * <p>What it adds to the analyses: the sections' grouping, the evidence that identifiers are per recipient across the
 * e-mails ({@link TokenEvidence}), the rendering of each message without remote loads ({@link SafePreview}), the
 * legal grounds looked up in the rule set, and the prior-request deadline (one month, GDPR art. 12(3)) computed from
 * the injected clock. It invents nothing about the complainant; provision ids missing from the rule set are listed in
 * {@link Dossier#unknownProvisionIds()}, never made up.
 *
 * <p>Immutable and thread-safe.
 */
public final class DossierBuilder {
    /** The zone the dossier's dates are written in: the CNIL's. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /** The provisions the letters rest on (GDPR 7(3), 21(2), 15, 17, 12(3), 77), cited in the {@code rights} group. */
    public static final List<String> RIGHTS_PROVISIONS = List.of("gdpr-7-3", "gdpr-21-2", "gdpr-21-3", "gdpr-15",
            "gdpr-17", "gdpr-12-3", "gdpr-77");
    /** The provision on transfers outside the EEA, cited when a vendor involved is based outside it. */
    public static final String TRANSFER_PROVISION = "gdpr-44";
    /** The enforcement decisions cited as background (legal-notes, "Enforcement context"). */
    public static final List<String> BACKGROUND_PROVISIONS = List.of("cnil-san-2025-004", "cnil-san-2024-019");

    /**
     * An address in a header value. Bounded (RFC 5321: 64 characters before the {@code @}, 253 after) and anchored at
     * the start of a run, so that a 64 KiB header of address characters without an {@code @} is scanned in linear
     * time instead of quadratic.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63})");
    private static final DateTimeFormatter REF_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final RuleSet rules;
    private final Clock clock;
    private final SafePreview preview;

    /**
     * @param rules the rule set (provisions, key dates, vendors)
     * @param clock gives the dossier's date and the prior-request status; inject a fixed clock in tests
     */
    public DossierBuilder(RuleSet rules, Clock clock) {
        this(rules, clock, new SafePreview(PreviewLimits.ANNEX));
    }

    /**
     * @param rules   the rule set
     * @param clock   the clock
     * @param preview renders each message without remote loads, for the annex; give it
     *                {@link PreviewLimits#ANNEX} (as the two-argument constructor does) so that the PDF renderer,
     *                which lays the whole annex out in memory, never meets a body of megabytes
     */
    public DossierBuilder(RuleSet rules, Clock clock, SafePreview preview) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.preview = Objects.requireNonNull(preview, "preview");
    }

    /**
     * @param emails      the e-mails of the case, at least one, normally from the same sender; the first is the one
     *                    the letters quote
     * @param complainant the complainant's statements ({@link Complainant#UNKNOWN} when they gave none)
     * @param language    the language to write the dossier in ({@code null}: French)
     * @return the dossier
     * @throws IllegalArgumentException when {@code emails} is empty
     */
    public Dossier build(List<CaseEmail> emails, Complainant complainant, Language language) {
        Objects.requireNonNull(emails, "emails");
        if (emails.isEmpty()) {
            throw new IllegalArgumentException("a dossier needs at least one e-mail");
        }
        Complainant who = complainant == null ? Complainant.UNKNOWN : complainant;
        Language lang = language == null ? Language.FR : language;
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZONE).toLocalDate();
        boolean several = emails.size() > 1;

        List<TokenEvidence.Input> inputs = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            CaseEmail ce = emails.get(i);
            inputs.add(new TokenEvidence.Input("E" + (i + 1), ce.analysis(), ce.email()));
        }
        List<Dossier.RecurringIdentifier> recurring = TokenEvidence.recurring(inputs);
        List<CopyComparison> comparisons = TokenEvidence.compareCopies(inputs);
        Set<String> recurringRefs = new HashSet<>();
        recurring.forEach(r -> recurringRefs.addAll(r.occurrences()));
        Set<String> differingRefs = new HashSet<>();
        for (CopyComparison c : comparisons) {
            for (TokenDifference d : c.differences()) {
                if (d.source().equals("tracker")) {
                    differingRefs.add(c.emailA() + " " + d.refA());
                    differingRefs.add(c.emailB() + " " + d.refB());
                }
            }
        }

        List<EmailRecord> records = new ArrayList<>();
        Map<TrackerKind, List<String>> byKind = new EnumMap<>(TrackerKind.class);
        Map<TrackerKind, Boolean> kindPerRecipient = new EnumMap<>(TrackerKind.class);
        for (int i = 0; i < emails.size(); i++) {
            EmailRecord rec = emailRecord(inputs.get(i).label(), emails.get(i), recurringRefs, differingRefs);
            records.add(rec);
            for (TrackerRow t : rec.trackers()) {
                byKind.computeIfAbsent(t.kind(), k -> new ArrayList<>())
                        .add(several ? rec.label() + " " + t.id() : t.id());
                kindPerRecipient.merge(t.kind(), t.perRecipient(), Boolean::logicalOr);
            }
        }
        List<KindGroup> learnings = new ArrayList<>();
        byKind.forEach((k, ids) -> learnings.add(new KindGroup(k, ids, kindPerRecipient.getOrDefault(k, false))));

        Organisation organisation = organisation(emails, records, several);
        List<String> unknown = new ArrayList<>();
        List<LegalGround> grounds = legalGrounds(emails, organisation, unknown);

        Set<String> caveats = new LinkedHashSet<>();
        records.forEach(r -> caveats.addAll(r.caveats()));
        if (records.stream().allMatch(r -> r.authenticity().empty()) && !caveats.contains("sender-not-authenticated")) {
            caveats.add("authenticity-not-checked");
        }
        if (records.stream().anyMatch(r -> r.message().forwarded())) {
            caveats.add("forwarded-copy");
        }
        int trackerCount = records.stream().mapToInt(r -> r.trackers().size()).sum();
        if (trackerCount == 0) {
            caveats.add("no-tracker-is-not-no-tracking");
        }

        Set<String> versions = new LinkedHashSet<>();
        records.forEach(r -> versions.add(String.valueOf(r.rulesVersion())));
        String reference = "PP-" + REF_DATE.format(today) + "-" + records.get(0).sha256().substring(0, 8);
        return new Dossier(reference, lang, now, today, org.pixelproof.analysis.ToolVersion.get(),
                String.join(", ", versions), who, overallVerdict(records), trackerCount, learnings, organisation,
                records, recurring, comparisons, grounds, priorSteps(who.priorRequest(), today),
                List.copyOf(caveats), unknown);
    }

    private EmailRecord emailRecord(String label, CaseEmail ce, Set<String> recurringRefs,
            Set<String> differingRefs) {
        Analysis a = ce.analysis();
        List<TrackerRow> trackers = new ArrayList<>();
        for (Tracker t : a.trackers()) {
            List<String> reasons = new ArrayList<>();
            if (!t.recipientIdentifiers().isEmpty()) {
                reasons.add("recipient-address");
            }
            if (!t.perRecipientTokens().isEmpty()) {
                reasons.add("recipient-token");
            }
            if (TokenEvidence.sharesToken(t, a.trackers())) {
                reasons.add("shared-token");
            }
            if (recurringRefs.contains(label + " " + t.id())) {
                reasons.add("recurs-across-emails");
            }
            if (differingRefs.contains(label + " " + t.id())) {
                reasons.add("differs-between-copies");
            }
            var v = t.vendorDetails();
            trackers.add(new TrackerRow(t.id(), t.kind(), t.url(), t.host(), t.vendor(),
                    v == null ? null : v.legalName(), v == null ? null : v.country(), v != null && v.outsideEea(),
                    t.party(), t.hiddenBy(), t.recipientIdentifiers(), t.perRecipientTokens(), reasons,
                    t.destination(), t.wrappedBy(), t.confidence(), t.signals(), t.ruleId(),
                    new Evidence(t.location().partPath(), t.location().describe(), t.evidence())));
        }
        List<MarkerRow> markers = new ArrayList<>();
        for (ConsentMarker m : a.consentMarkers()) {
            markers.add(new MarkerRow(m.type(), m.text(), m.url(), m.location().describe(), m.ruleId()));
        }
        Assessment as = a.assessment();
        List<TimelineRow> timeline = new ArrayList<>();
        if (as != null) {
            for (TimelineEntry te : as.timeline()) {
                KeyDate kd = rules.keyDate(te.keyDateId()).orElse(null);
                timeline.add(new TimelineRow(te.keyDateId(), te.date(), te.relation(),
                        kd == null ? null : kd.labelFr(), kd == null ? null : kd.labelEn(),
                        kd == null ? null : kd.sourceUrl(), kd == null ? null : kd.confidence()));
            }
        }
        Authenticity au = a.authenticity() == null ? Authenticity.none() : a.authenticity();
        PreviewResult rendered = preview.render(ce.email(), a.trackers(), a.links());
        MessageSummary m = a.message();
        List<String> dkimDomains = new ArrayList<>();
        for (DkimResult d : au.dkim()) {
            if (d.domain() != null && !dkimDomains.contains(d.domain())) {
                dkimDomains.add(d.domain());
            }
        }
        if (dkimDomains.isEmpty() && a.sender() != null) {
            dkimDomains.addAll(a.sender().dkimDomains());
        }
        MessageIdentification id = m == null
                ? new MessageIdentification(null, null, null, null, null, null, null, null, null, null, null,
                        List.of(), false, dkimDomains)
                : new MessageIdentification(m.from(), m.to(), m.cc(), m.date(), m.subject(), m.messageId(),
                        m.returnPath(), m.replyTo(), m.listUnsubscribe(), m.listUnsubscribePost(), m.listId(),
                        m.deliveredTo(), m.forwarded(), dkimDomains);
        List<Header> headers = ce.email().headers();
        return new EmailRecord(label, a.id(), a.file(), a.sha256(), a.sizeBytes(), a.analysedAt(), a.rulesVersion(),
                id, a.verdict(), trackers, a.remoteContent(), markers, a.missingConsentMarkers(),
                as == null ? MessageClass.UNKNOWN : as.messageClass(), as == null ? List.of() : as.cues(),
                as == null ? List.of() : as.exemptions(), receivedDate(as, au), timeline,
                new AuthenticityRecord(au.dkim(), au.authenticationResults(), au.receivedChain(), au.deliveredAt()),
                headers, rendered.xhtmlFragment(), rendered.placeholders(), a.anomalies(),
                as == null ? List.of() : as.caveats(), ce.original(), rendered.truncated());
    }

    /** @return the received date from the assessment, else from the topmost Received header, in Paris time. */
    private static LocalDate receivedDate(Assessment as, Authenticity au) {
        if (as != null && as.receivedDate() != null) {
            return as.receivedDate();
        }
        return au.deliveredAt() == null ? null : au.deliveredAt().atZoneSameInstant(ZONE).toLocalDate();
    }

    private Organisation organisation(List<CaseEmail> emails, List<EmailRecord> records, boolean several) {
        Analysis first = emails.get(0).analysis();
        SenderIdentity s = first.sender();
        String fromAddress = s != null && s.fromAddress() != null ? s.fromAddress() : null;
        String fromName = s == null ? null : s.fromName();
        String fromDomain = s == null ? null : s.fromDomain();
        if (fromAddress == null && first.message() != null && first.message().from() != null) {
            Matcher m = EMAIL.matcher(first.message().from());
            if (m.find()) {
                fromAddress = m.group().toLowerCase(Locale.ROOT);
                fromDomain = m.group(1).toLowerCase(Locale.ROOT);
            }
        }
        List<SenderClue> clues = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        for (int i = 0; i < emails.size(); i++) {
            SenderIdentity si = emails.get(i).analysis().sender();
            if (si == null) {
                continue;
            }
            for (SenderClue c : si.clues()) {
                if (seen.add(c.field() + "\u0000" + c.value())) {
                    clues.add(several ? new SenderClue(c.field(), c.value(), records.get(i).label() + ", " + c.where(),
                            c.evidence()) : c);
                }
            }
            if (i == 0) {
                missing.addAll(si.missing());
            } else {
                missing.retainAll(si.missing()); // missing in the case only when missing everywhere
            }
        }
        String name = firstNonNull(emails, x -> x.organisationName());
        if (name == null) {
            name = fromName;
        }

        Map<String, VendorAcc> vendors = new LinkedHashMap<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (EmailRecord r : records) {
            for (TrackerRow t : r.trackers()) {
                if (t.host() != null) {
                    hosts.add(t.host());
                }
                if (t.vendor() == null) {
                    continue;
                }
                VendorAcc acc = vendors.computeIfAbsent(t.vendor(), k -> new VendorAcc(t.vendor(),
                        t.vendorLegalName(), t.vendorCountry(), t.outsideEea()));
                if (t.host() != null) {
                    acc.hosts.add(t.host());
                }
                acc.trackerIds.add(several ? r.label() + " " + t.id() : t.id());
            }
        }
        // ESPs betrayed by their header fields (X-Mailer, X-MC-User...), from the rule data
        for (CaseEmail ce : emails) {
            for (Vendor v : rules.vendors()) {
                for (String h : v.headers()) {
                    if (ce.email().header(h).isPresent()) {
                        VendorAcc acc = vendors.computeIfAbsent(v.name(), k -> new VendorAcc(v.name(),
                                v.legalName(), v.country(), v.outsideEea()));
                        acc.headers.add(h);
                    }
                }
            }
        }
        List<VendorRow> vendorRows = vendors.values().stream().map(VendorAcc::row).toList();
        // a transfer through the trackers: an ESP seen only in the headers is listed, but loads nothing on opening
        boolean outside = vendorRows.stream().anyMatch(v -> v.outsideEea() && !v.trackerIds().isEmpty());
        return new Organisation(name, fromAddress, fromDomain, s == null ? null : s.replyTo(),
                s == null ? null : s.returnPath(), s == null ? List.of() : s.dkimDomains(),
                s == null ? List.of() : s.listUnsubscribe(), firstNonNull(emails, x -> x.postalAddress()),
                firstNonNull(emails, x -> x.siren()), firstNonNull(emails, x -> x.siret()),
                emails.stream().map(e -> e.analysis().sender()).filter(Objects::nonNull)
                        .anyMatch(x -> x.siren() != null && x.sirenValid()),
                firstNonNull(emails, x -> x.privacyPolicyUrl()), firstNonNull(emails, x -> x.dpoContact()), clues,
                List.copyOf(missing), vendorRows, List.copyOf(hosts), outside);
    }

    private static String firstNonNull(List<CaseEmail> emails, java.util.function.Function<SenderIdentity, String> f) {
        for (CaseEmail ce : emails) {
            SenderIdentity s = ce.analysis().sender();
            if (s != null && f.apply(s) != null) {
                return f.apply(s);
            }
        }
        return null;
    }

    private static final class VendorAcc {
        final String name;
        final String legalName;
        final String country;
        final boolean outsideEea;
        final Set<String> hosts = new LinkedHashSet<>();
        final List<String> trackerIds = new ArrayList<>();
        final Set<String> headers = new LinkedHashSet<>();

        VendorAcc(String name, String legalName, String country, boolean outsideEea) {
            this.name = name;
            this.legalName = legalName;
            this.country = country;
            this.outsideEea = outsideEea;
        }

        VendorRow row() {
            return new VendorRow(name, legalName, country, outsideEea, List.copyOf(hosts), trackerIds,
                    List.copyOf(headers));
        }
    }

    /**
     * The provisions engaged by the assessments, in their citing order, plus those the letters rest on, each put in
     * its group: {@code rights} for the letters' articles, {@code transfer} for GDPR art. 44, {@code background} for
     * the enforcement decisions, {@code tracking} for everything else.
     */
    private List<LegalGround> legalGrounds(List<CaseEmail> emails, Organisation organisation, List<String> unknown) {
        Set<String> engaged = new LinkedHashSet<>();
        for (CaseEmail ce : emails) {
            if (ce.analysis().assessment() != null) {
                engaged.addAll(ce.analysis().assessment().provisionIds());
            }
        }
        List<LegalGround> out = new ArrayList<>();
        Set<String> cited = new HashSet<>();
        for (String id : engaged) {
            addGround(id, group(id), out, cited, unknown, true);
        }
        if (organisation.transferOutsideEea()) {
            addGround(TRANSFER_PROVISION, "transfer", out, cited, unknown, false);
        }
        for (String id : RIGHTS_PROVISIONS) {
            addGround(id, "rights", out, cited, unknown, false);
        }
        for (String id : BACKGROUND_PROVISIONS) {
            addGround(id, "background", out, cited, unknown, false);
        }
        List<String> order = List.of("tracking", "transfer", "rights", "background");
        out.sort(java.util.Comparator.comparingInt(g -> order.indexOf(g.group())));
        return out;
    }

    private static String group(String id) {
        if (RIGHTS_PROVISIONS.contains(id)) {
            return "rights";
        }
        if (TRANSFER_PROVISION.equals(id)) {
            return "transfer";
        }
        return BACKGROUND_PROVISIONS.contains(id) ? "background" : "tracking";
    }

    private void addGround(String id, String group, List<LegalGround> out, Set<String> cited, List<String> unknown,
            boolean reportUnknown) {
        if (!cited.add(id)) {
            return;
        }
        LegalProvision p = rules.provision(id).orElse(null);
        if (p == null) {
            if (reportUnknown) {
                unknown.add(id);
            }
            return;
        }
        out.add(new LegalGround(p.id(), group, p.reference(), p.summaryFr(), p.summaryEn(), p.sourceUrl(),
                p.confidence(), p.note()));
    }

    /** The strongest verdict: tracking without markers, then with markers, then none found. */
    private static Verdict overallVerdict(List<EmailRecord> records) {
        if (records.stream().anyMatch(r -> r.verdict() == Verdict.TRACKING_WITHOUT_CONSENT_MARKERS)) {
            return Verdict.TRACKING_WITHOUT_CONSENT_MARKERS;
        }
        if (records.stream().anyMatch(r -> r.verdict() == Verdict.TRACKING_WITH_CONSENT_MARKERS)) {
            return Verdict.TRACKING_WITH_CONSENT_MARKERS;
        }
        return Verdict.NO_TRACKING_FOUND;
    }

    /**
     * Where the prior request stands: one month after it was sent (GDPR art. 12(3); the CNIL rejects a complaint
     * about a right without proof of that step).
     */
    static PriorSteps priorSteps(PriorRequest request, LocalDate today) {
        if (request == null) {
            return new PriorSteps(null, null, "none", today);
        }
        if (request.sentOn() == null) {
            return new PriorSteps(request, null, request.answered() ? "answered" : "date-unknown", today);
        }
        LocalDate deadline = request.sentOn().plusMonths(1);
        String status = request.answered() ? "answered" : today.isAfter(deadline) ? "deadline-passed" : "waiting";
        return new PriorSteps(request, deadline, status, today);
    }
}
