package org.pixelproof.dossier;

import com.google.common.net.InternetDomainName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
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
import org.pixelproof.assess.ClassificationCue;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.assess.TimelineEntry;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.IdentifierEvidence;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.dossier.Dossier.AddressTimeline;
import org.pixelproof.dossier.Dossier.AuthenticityRecord;
import org.pixelproof.dossier.Dossier.ClueRow;
import org.pixelproof.dossier.Dossier.CopyComparison;
import org.pixelproof.dossier.Dossier.EmailRecord;
import org.pixelproof.dossier.Dossier.Evidence;
import org.pixelproof.dossier.Dossier.Impersonation;
import org.pixelproof.dossier.Dossier.KindGroup;
import org.pixelproof.dossier.Dossier.LegalGround;
import org.pixelproof.dossier.Dossier.LinkRow;
import org.pixelproof.dossier.Dossier.MarkerRow;
import org.pixelproof.dossier.Dossier.MessageIdentification;
import org.pixelproof.dossier.Dossier.Organisation;
import org.pixelproof.dossier.Dossier.PriorSteps;
import org.pixelproof.dossier.Dossier.SignalRow;
import org.pixelproof.dossier.Dossier.TimelineRow;
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
 * <p>It is also where the dossier stays careful with what the analysis claims:
 * <ul>
 *   <li>a token is called per recipient only when it can be, by the rules every output shares
 *       ({@link RecipientTokens}): unfilled merge tags ({@code UNIQID}, {@code *|UNIQID|*}) and base64-encoded
 *       destination URLs are left out (the analysis already leaves them out; this covers analyses stored by an
 *       earlier version); and when two copies of one campaign received by two people are compared, only the values
 *       that differ between them are per recipient: a value both copies share is a campaign or account id, listed
 *       as such ({@link Dossier.TrackerRow#sameInOtherCopy()}), which the analysis of one e-mail cannot know;</li>
 *   <li>a click tracker left with no evidence once those values are left out is an ordinary link of the sender's own
 *       site ({@link RecipientTokens#isOrdinaryLink}), set aside and listed with the reason
 *       ({@link EmailRecord#setAside()}): the only way the dossier counts fewer trackers than the analysis;</li>
 *   <li>a host on the sender's own domain is not given the country of an ESP: nothing shows that the ESP runs it;</li>
 *   <li>the click destinations and link lists are per link, never one link's destination for a group;</li>
 *   <li>every place and signal is passed on as codes and structured values, so that the French dossier never
 *       prints the analysis's English details;</li>
 *   <li>what the complainant states that the e-mails they received contradict ({@link ComplainantCheck#pointsToCheck})
 *       is listed in the dossier ({@link Dossier#pointsToCheck()}), and a date of the address given after the first
 *       e-mail was sent places nothing against the CNIL recommendation's dates ({@link Dossier#addressDateToCheck()}):
 *       the letters do not state it as a fact.</li>
 * </ul>
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
    /** The key date the GDPR applies from (25 May 2018, GDPR art. 99(2)), in {@code legal-rules/dates.yaml}. */
    public static final String GDPR_DATE_ID = "gdpr-application";
    /** The key date of the CNIL recommendation's publication, in {@code legal-rules/dates.yaml}. */
    public static final String PUBLISHED_DATE_ID = "cnil-2026-042-published";
    /** The key date ending the period to inform existing lists, in {@code legal-rules/dates.yaml}. */
    public static final String LISTS_DEADLINE_ID = "cnil-2026-042-existing-lists-deadline";
    /** The caveat code {@code assess} gives when the message may impersonate the organisation it names. */
    public static final String IMPERSONATION_CAVEAT = "possible-impersonation";

    /**
     * An address in a header value. Bounded (RFC 5321: 64 characters before the {@code @}, 253 after) and anchored at
     * the start of a run, so that a 64 KiB header of address characters without an {@code @} is scanned in linear
     * time instead of quadratic.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63})");
    /** Exemption reasons left out of the dossier: they bear on neither CNIL exemption. */
    private static final Set<String> IRRELEVANT_REASONS = Set.of("third-party-vendor-outside-eea");
    private static final Pattern CLUE_WHERE = Pattern.compile(
            "(?:(E\\d+), )?(header|footer text, part|link, part) (.+)");
    private static final Pattern TECHNICAL = Pattern.compile("[A-Za-z0-9_ :;=.%!#()\"',/*+-]{1,200}");
    private static final DateTimeFormatter REF_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final RuleSet rules;
    private final Clock clock;
    private final SafePreview preview;

    /**
     * @param rules the rule set (provisions, key dates, vendors)
     * @param clock gives the dossier's date and the prior-request status; inject a fixed clock in tests
     */
    public DossierBuilder(RuleSet rules, Clock clock) {
        this(rules, clock, new SafePreview(PreviewLimits.ANNEX, false));
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
     * Tells, from the analyses alone and without building a dossier, whether a complaint can be made: at least one of
     * them found a tracker. Web pages and the command line use it to offer (or skip) the complaint and the letters;
     * when it is false a dossier can still be built, and says that there is nothing to complain about
     * ({@link Dossier#complaintPossible()}, which also leaves out copies received by someone else).
     *
     * @param analyses the analyses of the e-mails of a case; {@code null} elements are ignored
     * @return true when at least one analysis has a tracker (verdict other than {@code NO_TRACKING_FOUND})
     */
    public static boolean complaintPossible(java.util.Collection<? extends Analysis> analyses) {
        return analyses != null && analyses.stream().filter(Objects::nonNull)
                .anyMatch(a -> !a.trackers().isEmpty() && a.verdict() != Verdict.NO_TRACKING_FOUND);
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
        TokenEvidence.CopyResult copies = TokenEvidence.compareAll(inputs);
        Set<String> recurringRefs = new HashSet<>();
        recurring.forEach(r -> recurringRefs.addAll(r.occurrences()));
        Set<Integer> own = ownCopies(inputs, who);
        LocalDate gdpr = keyDate(GDPR_DATE_ID);

        List<EmailRecord> records = new ArrayList<>();
        Map<TrackerKind, List<String>> byKind = new EnumMap<>(TrackerKind.class);
        Map<TrackerKind, List<String>> kindPerRecipient = new EnumMap<>(TrackerKind.class);
        for (int i = 0; i < emails.size(); i++) {
            Dossier.SingleDifference difference = own.contains(i) ? null : Dossier.singleDifference(
                    copies.comparisons(), inputs.get(i).label(), own.stream().map(k -> inputs.get(k).label())
                            .toList());
            EmailRecord rec = emailRecord(inputs.get(i).label(), emails.get(i), recurringRefs, copies,
                    own.contains(i), gdpr, difference);
            records.add(rec);
            for (TrackerRow t : rec.trackers()) {
                String id = several ? rec.label() + " " + t.id() : t.id();
                byKind.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(id);
                List<String> perRecipient = kindPerRecipient.computeIfAbsent(t.kind(), k -> new ArrayList<>());
                if (t.perRecipient()) {
                    perRecipient.add(id);
                }
            }
        }
        List<KindGroup> learnings = new ArrayList<>();
        byKind.forEach((k, ids) -> {
            List<String> perRecipient = kindPerRecipient.getOrDefault(k, List.of());
            learnings.add(new KindGroup(k, ids, !perRecipient.isEmpty(), perRecipient));
        });

        Organisation organisation = organisation(emails, records, several);
        List<String> unknown = new ArrayList<>();
        List<LegalGround> grounds = legalGrounds(emails, organisation, unknown);

        // what the complainant states that the e-mails they received contradict: listed in the dossier, and a
        // contradicted date is not used to place the collection of the address
        List<ComplainantCheck.Problem> points = ComplainantCheck.pointsToCheck(who,
                own.stream().map(i -> emails.get(i).analysis()).toList());
        boolean dateToCheck = points.stream()
                .anyMatch(p -> ComplainantCheck.ADDRESS_GIVEN_AFTER_MESSAGE.equals(p.code()));
        AddressTimeline timeline = addressTimeline(who, records.get(0), dateToCheck);
        Set<String> caveats = new LinkedHashSet<>();
        records.forEach(r -> caveats.addAll(r.caveats()));
        if (records.stream().allMatch(r -> r.authenticity().empty()) && !caveats.contains("sender-not-authenticated")) {
            caveats.add("authenticity-not-checked");
        }
        if (records.stream().anyMatch(r -> r.message().forwarded())) {
            caveats.add("forwarded-copy");
        }
        if (organisation.identityDoubtful()) {
            caveats.add(org.pixelproof.assess.Caveat.SENDER_IDENTITY_DOUBTFUL.code());
        }
        int trackerCount = records.stream().mapToInt(r -> r.trackers().size()).sum();
        if (trackerCount == 0) {
            caveats.add("no-tracker-is-not-no-tracking");
        }
        // what the complainant stated answers some caveats
        if (timeline.period() != null || timeline.neverGiven()) {
            caveats.remove("address-collection-date-unknown");
        }
        if (timeline.givenAfter() || timeline.neverGiven()) {
            caveats.remove("existing-list-transition-open");
        }
        if (records.stream().allMatch(EmailRecord::receivedBeforeGdpr)) {
            caveats.remove("address-collection-date-unknown");
            caveats.remove("existing-list-transition-open");
        }

        Set<String> versions = new LinkedHashSet<>();
        records.forEach(r -> versions.add(String.valueOf(r.rulesVersion())));
        String reference = "PP-" + REF_DATE.format(today) + "-" + referenceDigits(records);
        return new Dossier(reference, lang, now, today, org.pixelproof.analysis.ToolVersion.get(),
                String.join(", ", versions), who, overallVerdict(records), trackerCount, learnings, organisation,
                records, recurring, copies.comparisons(), grounds, priorSteps(who.priorRequest(), today),
                List.copyOf(caveats), unknown, timeline, points);
    }

    /**
     * @return the indexes of the e-mails the complainant received: those addressed to their stated address; when it
     *         is not stated (or matches none), the first e-mail and those sharing a recipient with it
     */
    /**
     * @return 8 hex digits naming the e-mails of a dossier: the start of the e-mail's SHA-256 when there is one, else
     *         of the SHA-256 of their SHA-256s in dossier order (so that a dossier gathering several e-mails never
     *         shares its reference with the dossier of its first e-mail alone)
     */
    static String referenceDigits(List<EmailRecord> records) {
        if (records.size() == 1) {
            return records.get(0).sha256().substring(0, 8);
        }
        StringBuilder lines = new StringBuilder();
        records.forEach(r -> lines.append(r.sha256()).append('\n'));
        return CaseEmail.sha256(lines.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)).substring(0, 8);
    }

    private static Set<Integer> ownCopies(List<TokenEvidence.Input> inputs, Complainant who) {
        Set<Integer> own = new LinkedHashSet<>();
        if (who.email() != null) {
            String address = who.email().toLowerCase(Locale.ROOT);
            for (int i = 0; i < inputs.size(); i++) {
                if (TokenEvidence.recipients(inputs.get(i).analysis()).contains(address)) {
                    own.add(i);
                }
            }
            if (!own.isEmpty()) {
                return own;
            }
        }
        Set<String> first = TokenEvidence.recipients(inputs.get(0).analysis());
        own.add(0);
        for (int i = 1; i < inputs.size(); i++) {
            Set<String> r = new LinkedHashSet<>(TokenEvidence.recipients(inputs.get(i).analysis()));
            if (r.isEmpty() || first.isEmpty() || r.removeAll(first)) {
                own.add(i);
            }
        }
        return own;
    }

    private LocalDate keyDate(String id) {
        return rules.keyDate(id).map(KeyDate::date).orElse(null);
    }

    /**
     * @param dateToCheck true when the date the complainant gives comes after the message was sent: it then places
     *                    nothing (the period stays unknown), since it cannot be when the sender got the address
     */
    private AddressTimeline addressTimeline(Complainant who, EmailRecord first, boolean dateToCheck) {
        LocalDate published = keyDate(PUBLISHED_DATE_ID);
        LocalDate deadline = keyDate(LISTS_DEADLINE_ID);
        LocalDate received = first.receivedDate();
        String window;
        if (received == null) {
            window = "unknown";
        } else if (first.receivedBeforeGdpr()) {
            window = "before-gdpr";
        } else if (published != null && received.isBefore(published)) {
            window = "before-recommendation";
        } else if (deadline != null && !received.isAfter(deadline)) {
            window = "transition";
        } else {
            window = "after-transition";
        }
        AddressPeriod period = dateToCheck ? null : who.periodAgainst(published);
        boolean fromWords = false;
        if (period == null && !dateToCheck) {
            period = who.periodFromWords(published);
            fromWords = period != null;
        }
        return new AddressTimeline(period, who.neverGaveAddress() ? null : who.addressGivenOn(),
                who.neverGaveAddress(), published, deadline, received, window,
                first.has(ConsentMarkerType.TRACKING_NOTICE), fromWords);
    }

    private EmailRecord emailRecord(String label, CaseEmail ce, Set<String> recurringRefs,
            TokenEvidence.CopyResult copies, boolean ownCopy, LocalDate gdpr, Dossier.SingleDifference difference) {
        Analysis a = ce.analysis();
        List<LinkRow> links = new ArrayList<>();
        for (int i = 0; i < a.links().size(); i++) {
            Link l = a.links().get(i);
            links.add(new LinkRow("L" + (i + 1), l.url(), l.host(), l.text() == null ? "" : l.text(),
                    l.destination(), l.trackerId(), evidence(l.location(), null), l.role()));
        }
        // the identifier values of each tracker, once merge tags, encoded URLs and values shared with the other copy
        // of a campaign are left out
        Map<String, List<String>> tokens = new LinkedHashMap<>();
        Map<String, List<String>> sameInOtherCopy = new LinkedHashMap<>();
        for (Tracker t : a.trackers()) {
            Set<String> common = copies.common().getOrDefault(label + " " + t.id(), Set.of());
            List<String> kept = new ArrayList<>();
            List<String> shared = new ArrayList<>();
            for (String token : RecipientTokens.usable(t.perRecipientTokens())) {
                (common.contains(RecipientTokens.valueOf(token)) ? shared : kept).add(token);
            }
            tokens.put(t.id(), kept);
            sameInOtherCopy.put(t.id(), shared);
        }
        List<TrackerRow> trackers = new ArrayList<>();
        List<TrackerRow> setAside = new ArrayList<>();
        for (Tracker t : a.trackers()) {
            String ref = label + " " + t.id();
            List<String> own = tokens.get(t.id());
            List<String> differing = copies.differing().getOrDefault(ref, List.of());
            List<String> shown = new ArrayList<>(own);
            for (String d : differing) {
                if (!shown.contains(d)) {
                    shown.add(d);
                }
            }
            List<String> reasons = new ArrayList<>();
            if (!t.recipientIdentifiers().isEmpty()) {
                reasons.add("recipient-address");
            }
            if (!own.isEmpty()) {
                reasons.add("recipient-token");
            }
            if (sharesToken(t, own, a.trackers(), a.links())) {
                reasons.add("shared-token");
            }
            if (recurringRefs.contains(ref)) {
                reasons.add("recurs-across-emails");
            }
            if (!differing.isEmpty()) {
                reasons.add("differs-between-copies");
            }
            boolean firstParty = t.party() == Party.FIRST_PARTY;
            var v = firstParty ? null : t.vendorDetails();
            List<String> linkIds = links.stream().filter(l -> t.id().equals(l.trackerId())).map(LinkRow::id).toList();
            String destination = destination(t, a.links());
            TrackerRow row = new TrackerRow(t.id(), t.kind(), t.url(), t.host(), firstParty ? null : t.vendor(),
                    v == null ? null : v.legalName(), v == null ? null : v.country(), v != null && v.outsideEea(),
                    t.party(), t.hiddenBy(), t.recipientIdentifiers(), shown, reasons, destination,
                    wrapperName(t.wrappedBy()), t.confidence(), t.signals(), t.ruleId(),
                    evidence(t.location(), t.evidence()), linkIds,
                    signalRows(t, linkIds.size()), identifierRows(t, a.links()), t.hiddenByCodes(),
                    t.conditionCode(), t.partyCode(), shown.stream().map(x -> new Dossier.TokenRow(x,
                            foundIn(x, t, a.links()))).toList(), sameInOtherCopy.get(t.id()));
            if (ordinaryLink(t, row)) {
                setAside.add(row);
            } else {
                trackers.add(row);
            }
        }
        List<MarkerRow> markers = new ArrayList<>();
        for (ConsentMarker m : a.consentMarkers()) {
            markers.add(new MarkerRow(m.type(), m.shownText(), m.url(), m.location().describe(), m.ruleId(),
                    evidence(m.location(), null)));
        }
        Assessment as = a.assessment();
        List<TimelineRow> timeline = new ArrayList<>();
        if (as != null) {
            for (TimelineEntry te : as.timeline()) {
                KeyDate kd = rules.keyDate(te.keyDateId()).orElse(null);
                timeline.add(new TimelineRow(te.keyDateId(), te.date(), te.relation(),
                        kd == null ? null : kd.labelFr(), kd == null ? null : kd.labelEn(),
                        kd == null ? null : kd.sourceUrl(), kd == null ? null : kd.confidence(),
                        kd == null ? null : kd.sourceTitle()));
            }
        }
        Authenticity au = a.authenticity() == null ? Authenticity.none() : a.authenticity();
        LocalDate received = receivedDate(as, au);
        boolean beforeGdpr = received != null && gdpr != null && received.isBefore(gdpr);
        if (beforeGdpr) {
            // the timeline starts with the GDPR itself, which did not apply yet
            KeyDate kd = rules.keyDate(GDPR_DATE_ID).orElseThrow();
            timeline.add(0, new TimelineRow(kd.id(), kd.date(), "before", kd.labelFr(), kd.labelEn(), kd.sourceUrl(),
                    kd.confidence(), kd.sourceTitle()));
        }
        // the preview marks only the trackers kept; the links of one set aside are ordinary links
        Set<String> asideIds = new HashSet<>();
        setAside.forEach(r -> asideIds.add(r.id()));
        List<Tracker> keptTrackers = a.trackers().stream().filter(t -> !asideIds.contains(t.id())).toList();
        List<Link> previewLinks = a.links().stream().map(l -> l.trackerId() != null && asideIds.contains(l.trackerId())
                ? new Link(l.url(), l.host(), l.text(), l.destination(), null, l.location(), l.campaignParameters())
                : l).toList();
        PreviewResult rendered = preview.render(ce.email(), keptTrackers, previewLinks);
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
        String[] from = fromParts(m == null ? null : m.from(), a.sender());
        MessageIdentification id = m == null
                ? new MessageIdentification(null, null, null, null, null, null, null, null, null, null, null,
                        List.of(), false, dkimDomains, from[0], from[1])
                : new MessageIdentification(m.from(), m.to(), m.cc(), m.date(), m.subject(), m.messageId(),
                        m.returnPath(), m.replyTo(), m.listUnsubscribe(), m.listUnsubscribePost(), m.listId(),
                        m.deliveredTo(), m.forwarded(), dkimDomains, from[0], from[1]);
        List<String> caveats = new ArrayList<>(as == null ? List.of() : as.caveats());
        if (beforeGdpr) {
            caveats.remove("received-before-recommendation");
            caveats.add(0, "received-before-gdpr");
        }
        Verdict verdict = a.verdict();
        if (trackers.isEmpty() && verdict != Verdict.NO_TRACKING_FOUND) {
            verdict = Verdict.NO_TRACKING_FOUND;
        }
        List<Header> headers = ce.email().headers();
        return new EmailRecord(label, a.id(), a.file(), a.sha256(), a.sizeBytes(), a.analysedAt(), a.rulesVersion(),
                id, verdict, trackers, a.remoteContent(), markers, a.missingConsentMarkers(),
                as == null ? MessageClass.UNKNOWN : as.messageClass(),
                as == null ? List.of() : distinctCues(as.cues()),
                exemptions(as), received, timeline,
                new AuthenticityRecord(au.dkim(), au.authenticationResults(), au.receivedChain(), au.deliveredAt()),
                headers, rendered.xhtmlFragment(), rendered.placeholders(), a.anomalies(), caveats, ce.original(),
                links, ownCopy, beforeGdpr, difference, setAside, rendered.truncated());
    }

    /**
     * @param id a recipient-side link wrapper's rule id ({@code outlook-safelinks}), or {@code null}
     * @return its display name from the rule set ("Microsoft Defender for Office 365 Safe Links"), the id itself when
     *         the rule set does not know it, {@code null} for {@code null}
     */
    private String wrapperName(String id) {
        if (id == null) {
            return null;
        }
        return rules.linkWrappers().stream().filter(w -> w.id().equals(id)).map(w -> w.name())
                .filter(Objects::nonNull).findFirst().orElse(id);
    }

    /**
     * @return the cues, each one that says what another says (same code, same class, same excerpt: two promotional
     *         phrases of one subject line) listed once, in their order
     */
    static List<ClassificationCue> distinctCues(List<ClassificationCue> cues) {
        return List.copyOf(new LinkedHashSet<>(cues));
    }

    /**
     * The exemption checks without the reasons that do not bear on either exemption: where a provider is established
     * says nothing of whether a message is transactional or about authentication security.
     */
    private static List<org.pixelproof.assess.ExemptionCheck> exemptions(Assessment as) {
        if (as == null) {
            return List.of();
        }
        return as.exemptions().stream().map(x -> new org.pixelproof.assess.ExemptionCheck(x.exemption(),
                x.outcome(), x.reasons().stream().filter(r -> !IRRELEVANT_REASONS.contains(r)).toList())).toList();
    }

    /**
     * @return true for a "click tracker" that is an ordinary link of the sender's own site by
     *         {@link RecipientTokens#isOrdinaryLink}, with the tokens the dossier still holds per recipient (those
     *         shared with another person's copy of the campaign left out) and its own destination
     */
    private static boolean ordinaryLink(Tracker t, TrackerRow row) {
        return RecipientTokens.isOrdinaryLink(t, row.perRecipientTokens(), row.destination());
    }

    /** @return true when another tracker of the e-mail, or a link of another tracker, carries one of its values. */
    private static boolean sharesToken(Tracker t, List<String> own, List<Tracker> all, List<Link> links) {
        List<String> values = new ArrayList<>();
        for (String token : own) {
            String v = RecipientTokens.valueOf(token);
            if (v.length() >= TokenEvidence.MIN_TOKEN_CHARS) {
                values.add(v);
            }
        }
        t.recipientIdentifiers().forEach(ri -> values.add(ri.value()));
        for (String v : values) {
            for (Tracker other : all) {
                if (other != t && other.url().contains(v)) {
                    return true;
                }
            }
            for (Link l : links) {
                if (l.trackerId() != null && !l.trackerId().equals(t.id()) && l.url().contains(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return the click tracker's own destination: that of the link whose URL is the tracker's (a group of links has
     *         one destination per link, shown in the link list, never one link's for all), else the tracker's
     */
    private static String destination(Tracker t, List<Link> links) {
        if (t.kind() != TrackerKind.CLICK_TRACKING) {
            return t.destination();
        }
        for (Link l : links) {
            if (t.id().equals(l.trackerId()) && l.url().equals(t.url())) {
                return l.destination();
            }
        }
        boolean group = links.stream().filter(l -> t.id().equals(l.trackerId())).count() > 1;
        return group ? null : t.destination();
    }

    /**
     * @return the From display name and address: the sender identity's when there is one, else read from the header;
     *         the address as written, its domain in lower case ({@link SenderIdentity#fromAddressAsWritten}: the local
     *         part is case-sensitive, RFC 5321 section 2.4)
     */
    private static String[] fromParts(String header, SenderIdentity s) {
        String name = s == null ? null : s.fromName();
        String address = s == null ? null : s.fromAddressAsWritten();
        if (header != null && s == null) { // the identity read the From per RFC 5322: never second-guess its address
            try {
                InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
                if (parsed.length > 0) {
                    name = name != null ? name : parsed[0].getPersonal();
                    address = address != null ? address : parsed[0].getAddress();
                }
            } catch (AddressException e) {
                Matcher m = EMAIL.matcher(header);
                if (address == null && m.find()) {
                    address = m.group();
                }
            }
        }
        String normalised = address == null ? null
                : org.pixelproof.detect.SenderIdentifier.addrSpecAsWritten(address);
        return new String[] {Complainant.blankToNull(name), normalised != null ? normalised : address};
    }

    /**
     * @return the link ({@code L12}) a click tracker's identifier was read in (the first link that holds it, the one
     *         whose address is shown when that one does), or {@code null} for a pixel or when no link holds it as
     *         written
     */
    private static String foundIn(String value, Tracker t, List<Link> links) {
        IdentifierEvidence.Source s = IdentifierEvidence.of(value, t, links);
        return s == null ? null : s.linkId();
    }

    /** @return the recipient identifiers of a tracker with their places as codes and the link each was read in. */
    private static List<Dossier.IdentifierRow> identifierRows(Tracker t, List<Link> links) {
        List<Dossier.IdentifierRow> out = new ArrayList<>();
        for (var ri : t.recipientIdentifiers()) {
            String w = ri.where() == null ? "" : ri.where();
            String position;
            String name = null;
            if (w.startsWith("query parameter ")) {
                position = "query-parameter";
                name = w.substring("query parameter ".length());
            } else if (List.of("path", "query", "fragment", "host").contains(w)) {
                position = w;
            } else {
                position = "header";
                name = w.isEmpty() ? null : w;
            }
            out.add(new Dossier.IdentifierRow(ri.value(), ri.encoding(), position, name, ri.whereCode(),
                    ri.whereName(), foundIn(ri.value(), t, links)));
        }
        return out;
    }

    /** @return where a finding was made, with its structured location and English description. */
    private static Evidence evidence(Location l, String excerpt) {
        return new Evidence(l.partPath(), l.describe(), excerpt, l.element(), l.attribute(), l.cssRule());
    }

    /**
     * @return the tracker's signals as codes with language-neutral values (rule ids, CSS, HTML attributes, parameter
     *         names, counts), taken from the tracker's own fields or from the technical part of the English detail
     */
    public static List<SignalRow> signalRows(Tracker t, int links) {
        List<SignalRow> out = new ArrayList<>();
        for (Signal s : t.signals()) {
            String d = s.detail();
            String value = null;
            String enclosing = null;
            Integer count = null;
            int on = d.indexOf(" on an enclosing <");
            if (on >= 0) {
                int end = d.indexOf('>', on);
                enclosing = end > on ? d.substring(on + " on an enclosing <".length(), end) : null;
                d = d.substring(0, on);
            }
            d = d.replace(" (style sheet rule)", "");
            switch (s.code()) {
                case "vendor-rule", "vendor-click-rule", "vendor-path-shape" -> {
                    value = t.ruleId();
                    count = "vendor-click-rule".equals(s.code()) && links > 1 ? links : null;
                }
                case "recipient-parameter" -> {
                    Matcher m = Pattern.compile("parameter (\\S+)").matcher(d);
                    value = m.find() ? m.group(1) : null;
                }
                case "recipient-identifier" -> value = t.recipientIdentifiers().isEmpty() ? null
                        : t.recipientIdentifiers().get(0).encoding();
                case "declared-size" -> value = d;
                case "css-size" -> value = d.startsWith("CSS ") ? d.substring(4) : d;
                case "hidden-css" -> value = d.startsWith("hidden attribute") ? "hidden" : d;
                case "off-screen", "hidden-wrapper" -> value = d;
                case "conditional-css" -> {
                    // "rule fires only on forward or reply; also rule ...": the context's stable code, as
                    // Tracker#conditionCode gives it ("forward-reply"), worded by DetectLabels
                    String condition = d.replaceFirst("^rule fires only on ", "");
                    int also = condition.indexOf(';');
                    condition = (also >= 0 ? condition.substring(0, also) : condition).strip();
                    value = condition.isEmpty() ? null : condition.replace(' ', '-').replace("-or-", "-");
                }
                case "empty-alt" -> value = d.startsWith("alt=") ? d : null;
                case "only-image-from-host" -> value = t.host();
                case "campaign-parameters" -> {
                    int idf = d.indexOf(" identif");
                    value = idf > 0 ? d.substring(0, idf) : null;
                }
                default -> {
                }
            }
            if (value != null && !TECHNICAL.matcher(value).matches()) {
                value = null; // never pass on prose
            }
            out.add(new SignalRow(s.code(), value, enclosing, count));
        }
        return out;
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
        String fromAddress = records.get(0).message().fromAddress();
        String fromName = records.get(0).message().fromName();
        String fromDomain = s == null ? null : s.fromDomain();
        if (fromDomain == null && fromAddress != null && fromAddress.lastIndexOf('@') > 0) {
            fromDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        }
        List<SenderClue> clues = new ArrayList<>();
        List<ClueRow> clueRows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        for (int i = 0; i < emails.size(); i++) {
            SenderIdentity si = emails.get(i).analysis().sender();
            if (si == null) {
                continue;
            }
            for (SenderClue c : si.clues()) {
                if (seen.add(c.field() + "\u0000" + c.value())) {
                    String label = records.get(i).label();
                    clues.add(several ? new SenderClue(c.field(), c.value(), label + ", " + c.where(),
                            c.evidence(), c.qualifier()) : c);
                    ClueRow row = clueRow(c, several ? label : null);
                    if (clueRows.stream().noneMatch(r -> nearDuplicate(r, row))) {
                        clueRows.add(row);
                    }
                }
            }
            if (i == 0) {
                missing.addAll(si.missing());
            } else {
                missing.retainAll(si.missing()); // missing in the case only when missing everywhere
            }
        }
        // the controller the analysis chose among the footer's legal names (not merely the first one read: a
        // heading, a partner or the ESP may come before it); the first e-mail that has one gives it
        String name = emails.stream().map(e -> e.analysis().sender())
                .filter(si -> si != null && si.organisationName() != null
                        && !si.missing().contains("organisation-name"))
                .map(SenderIdentity::organisationName).findFirst().orElse(null);
        String nameSource = name == null ? null : "footer";
        if (name == null) {
            name = firstNonNull(emails, SenderIdentity::organisationName);
            if (name == null) {
                name = fromName;
            }
            nameSource = name == null ? null : "display-name";
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
                acc.kinds.add(t.kind());
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
        String dpo = firstNonNull(emails, SenderIdentity::dpoContact);
        // the SIREN, SIRET and their check from one e-mail: the first whose numbers pass the check, else the first
        // with a SIREN (never a valid flag from one e-mail beside the number of another)
        SenderIdentity sirenSource = emails.stream().map(e -> e.analysis().sender()).filter(Objects::nonNull)
                .filter(x -> x.siren() != null && x.sirenValid()).findFirst()
                .orElse(emails.stream().map(e -> e.analysis().sender()).filter(Objects::nonNull)
                        .filter(x -> x.siren() != null).findFirst().orElse(null));
        String[] contact = contact(dpo, clues, clueRows, fromAddress, fromDomain,
                s == null ? List.of() : s.dkimDomains());
        return new Organisation(name, fromAddress, fromDomain, s == null ? null : s.replyTo(),
                s == null ? null : s.returnPath(), s == null ? List.of() : s.dkimDomains(),
                s == null ? List.of() : s.listUnsubscribe(), firstNonNull(emails, SenderIdentity::postalAddress),
                sirenSource == null ? null : sirenSource.siren(), sirenSource == null ? null : sirenSource.siret(),
                sirenSource != null && sirenSource.sirenValid(),
                firstNonNull(emails, SenderIdentity::privacyPolicyUrl), dpo, clues, List.copyOf(missing), vendorRows,
                List.copyOf(hosts), outside, nameSource, fromName, contact[0], contact[1], clueRows,
                impersonation(emails, clues, fromDomain, fromName),
                firstNonNull(emails, SenderIdentity::privacyPolicyUrlStatus), identityCaveats(emails));
    }

    /** @return the identity caveats of the e-mails' senders, each code once, in order of appearance. */
    private static List<String> identityCaveats(List<CaseEmail> emails) {
        Set<String> out = new LinkedHashSet<>();
        for (CaseEmail e : emails) {
            if (e.analysis().sender() != null) {
                out.addAll(e.analysis().sender().identityCaveats());
            }
        }
        return List.copyOf(out);
    }

    /**
     * @return the address to write to for the rights and where it comes from: the DPO contact; else an e-mail address
     *         in the contact given for exercising rights; else an e-mail address of the sender's own domain read in
     *         the footer (not the From address itself)
     */
    private static String[] contact(String dpo, List<SenderClue> clues, List<ClueRow> rows, String fromAddress,
            String fromDomain, List<String> dkimDomains) {
        if (dpo != null) {
            return new String[] {dpo, "dpo"};
        }
        for (SenderClue c : clues) {
            if (c.field().equals("rights-contact")) {
                Matcher m = EMAIL.matcher(c.value());
                if (m.find()) {
                    return new String[] {m.group().toLowerCase(Locale.ROOT), "rights-contact"};
                }
            }
        }
        Set<String> own = new LinkedHashSet<>();
        own.add(registrable(fromDomain));
        dkimDomains.forEach(d -> own.add(registrable(d)));
        own.remove(null);
        for (ClueRow r : rows) {
            if (!r.source().equals("footer") || r.evidence() == null) {
                continue;
            }
            Matcher m = EMAIL.matcher(r.evidence());
            while (m.find()) {
                String address = m.group().toLowerCase(Locale.ROOT);
                String domain = m.group(1).toLowerCase(Locale.ROOT);
                if (!address.equalsIgnoreCase(fromAddress) && own.contains(registrable(domain))
                        && !address.matches("(?i)(no-?reply|ne-pas-repondre|bounce|newsletter)@.*")) {
                    return new String[] {address, "footer-email"};
                }
            }
        }
        return new String[] {null, null};
    }

    private static String registrable(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        try {
            InternetDomainName name = InternetDomainName.from(host.toLowerCase(Locale.ROOT));
            return name.isUnderRegistrySuffix() ? name.topDomainUnderRegistrySuffix().toString() : name.toString();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @return the possible impersonation the analysis flags (caveat {@value #IMPERSONATION_CAVEAT}), with the
     *         organisation claimed (clue {@code claimed-organisation}, else the footer's {@code organisation-name})
     *         and its domain (clue {@code claimed-domain}), or {@code null} when not flagged
     */
    private static Impersonation impersonation(List<CaseEmail> emails, List<SenderClue> clues, String fromDomain,
            String fromName) {
        boolean flagged = emails.stream().map(e -> e.analysis().assessment()).filter(Objects::nonNull)
                .anyMatch(a -> a.caveats().contains(IMPERSONATION_CAVEAT));
        if (!flagged) {
            return null;
        }
        String claimed = clueValue(clues, "claimed-organisation");
        if (claimed == null) {
            claimed = clueValue(clues, "organisation-name");
        }
        return new Impersonation(claimed, clueValue(clues, "claimed-domain"), fromDomain, fromName);
    }

    private static String clueValue(List<SenderClue> clues, String field) {
        return clues.stream().filter(c -> c.field().equals(field)).map(SenderClue::value).findFirst().orElse(null);
    }

    /** @return the clue with its place read from the analysis's description ({@code "footer text, part 1.2"}). */
    private static ClueRow clueRow(SenderClue c, String email) {
        Matcher m = CLUE_WHERE.matcher(c.where());
        String source = "other";
        String location = c.where();
        if (m.matches()) {
            source = switch (m.group(2)) {
                case "header" -> "header";
                case "link, part" -> "link";
                default -> "footer";
            };
            location = m.group(3);
        }
        return new ClueRow(c.field(), c.value(), source, location, email, c.evidence(), c.qualifier());
    }

    /**
     * @return true when two clues say the same thing: same field and place, and one value holds the start of the
     *         other (a notice read twice, once with the decorative line before it)
     */
    static boolean nearDuplicate(ClueRow a, ClueRow b) {
        if (!a.field().equals(b.field()) || !Objects.equals(a.email(), b.email())) {
            return false;
        }
        String x = core(a.value());
        String y = core(b.value());
        if (x.equals(y)) {
            return true;
        }
        int n = Math.min(40, Math.min(x.length(), y.length()));
        return n >= 20 && (x.contains(y.substring(0, n)) || y.contains(x.substring(0, n)));
    }

    /** @return the value without leading punctuation and trailing ellipsis, lower case, spaces collapsed. */
    private static String core(String v) {
        return v.replaceAll("^[^\\p{L}\\p{N}]+", "").replaceAll("[\u2026.]+$", "").replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT).strip();
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
        final Set<TrackerKind> kinds = new LinkedHashSet<>();

        VendorAcc(String name, String legalName, String country, boolean outsideEea) {
            this.name = name;
            this.legalName = legalName;
            this.country = country;
            this.outsideEea = outsideEea;
        }

        VendorRow row() {
            return new VendorRow(name, legalName, country, outsideEea, List.copyOf(hosts), trackerIds,
                    List.copyOf(headers), List.copyOf(kinds));
        }
    }

    /**
     * The provisions engaged by the assessments, in their citing order, plus those the letters rest on, each put in
     * its group: {@code rights} for the letters' articles, {@code transfer} for GDPR art. 44, {@code background} for
     * the enforcement decisions, {@code tracking} for everything else. Art. 44 is cited only when a vendor outside the
     * EEA receives loads from trackers on its own hosts.
     */
    private List<LegalGround> legalGrounds(List<CaseEmail> emails, Organisation organisation, List<String> unknown) {
        Set<String> engaged = new LinkedHashSet<>();
        for (CaseEmail ce : emails) {
            if (ce.analysis().assessment() != null) {
                engaged.addAll(ce.analysis().assessment().provisionIds());
            }
        }
        if (!organisation.transferOutsideEea()) {
            engaged.remove(TRANSFER_PROVISION);
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
                p.confidence(), p.note(), p.referenceEn(), p.kind(), p.sourceTitle()));
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
     * about a right without proof of that step). The month runs from the request's receipt; the date computed here
     * runs from its sending, as the only date known.
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
