package org.pixelproof.analysis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.Assessor;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.authenticity.FromAuthentication;
import org.pixelproof.detect.Detector;
import org.pixelproof.detect.Findings;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.SenderIdentityCheck;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnalysisCancelledException;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.Mailboxes;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;

/**
 * The whole pipeline for one input: ingest, detect, authenticity, assess. A pure function of the bytes, the rule set,
 * the limits, the DKIM key source and the clock: it never dereferences a URL found in the message (DNS lookups of
 * DKIM keys excepted, and only when the {@link AuthenticityChecker} allows them).
 *
 * <p>Thread-safe: one instance serves concurrent analyses.
 *
 * <p>Cancellation: an analysis whose thread is interrupted stops with an {@link AnalysisCancelledException} at the
 * next of the engine's check points ({@link Cancellation}: between stages and inside every loop whose work grows with
 * the input), and returns nothing. It is checked once more just before a result is returned, so an interrupted
 * analysis never returns a result; the thread's interrupt status is left set.
 */
public final class Analyzer {
    private final RuleSet rules;
    private final EmailParser parser;
    private final Detector detector;
    private final Assessor assessor;
    private final AuthenticityChecker authenticity;
    private final Clock clock;

    /**
     * @param rules        the rule set, shared
     * @param limits       ingest limits (see {@link IngestLimits#DEFAULT})
     * @param authenticity the DKIM and header checker ({@link AuthenticityChecker#offline()} checks nothing over DNS)
     * @param clock        gives {@link Analysis#analysedAt()}; inject a fixed clock in tests
     */
    public Analyzer(RuleSet rules, IngestLimits limits, AuthenticityChecker authenticity, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.parser = new EmailParser(limits);
        this.detector = new Detector(rules, limits);
        this.assessor = new Assessor(rules);
        this.authenticity = Objects.requireNonNull(authenticity, "authenticity");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the rule set in use. */
    public RuleSet rules() {
        return rules;
    }

    /**
     * Reads the input without analysing it (for the safe preview and the dossier's annexes).
     *
     * @param raw      the input's bytes, not modified
     * @param fileName its name, display only, may be {@code null}
     * @return the message as read; check {@link ReceivedEmail#rejection()}
     * @throws AnalysisCancelledException when the calling thread is interrupted before or during the reading
     */
    public ReceivedEmail read(byte[] raw, String fileName) {
        return parser.parse(raw, fileName);
    }

    /**
     * Analyses one input.
     *
     * @param raw      the input's bytes (an RFC 5322 message), not modified
     * @param fileName its name, display only, may be {@code null}
     * @param options  extra recipients and the id to use
     * @return the analysis
     * @throws UnanalysableInputException when the input is empty, not a message or over the size limit
     * @throws AnalysisCancelledException when the calling thread is interrupted before or during the analysis
     */
    public Analysis analyze(byte[] raw, String fileName, AnalysisOptions options) throws UnanalysableInputException {
        Cancellation.check();
        return analyzeRead(read(raw, fileName), options);
    }

    /**
     * Analyses a message already read with {@link #read}.
     *
     * @throws UnanalysableInputException when {@code email} was rejected by {@code ingest}
     * @throws AnalysisCancelledException  when the calling thread is interrupted before or during the analysis
     */
    public Analysis analyzeRead(ReceivedEmail email, AnalysisOptions options) throws UnanalysableInputException {
        if (email.rejection().isPresent()) {
            throw new UnanalysableInputException(email.rejection().get());
        }
        Cancellation.check();
        Detector.Detection detection = detector.detectWithTexts(email, options.recipientAddresses());
        Findings findings = detection.findings();
        Cancellation.check();
        Authenticity auth = authenticity.check(email, findings);
        findings = withFromAuthentication(email, detection, auth);
        Cancellation.check();
        Assessment assessment = assessor.assess(email, findings, auth, detection.visibleTexts());
        // the last guard: a cancellation that a catch-all of a stage would have swallowed is still noticed here
        Cancellation.check();
        String id = options.id() != null ? options.id() : AnalysisIds.newId();
        List<Anomaly> anomalies = new ArrayList<>(anomalies(email, findings));
        return new Analysis(id, email.fileName(), email.sha256(), email.sizeBytes(), clock.instant(),
                ToolVersion.get(), rules.version(), assessment.verdict(), summarise(email), findings.recipientAddresses(),
                listed(findings.trackers(), "trackers", anomalies),
                listed(findings.remoteContent(), "remote resources", anomalies), findings.consentMarkers(),
                findings.missingConsentMarkers(), listed(findings.links(), "links", anomalies), findings.sender(),
                assessment, auth, anomalies, findings.headerIdentifiers());
    }

    /**
     * Completes the sender's identity caveats that {@code detect} found with what the recipient's server said of the
     * From domain's authentication ({@link FromAuthentication}), which {@code detect} cannot see: it is known only once
     * DKIM is verified, and DKIM verification needs {@code detect}'s findings (the trackers it covers, the recipient
     * identifiers a key lookup must not reveal). The combination rules are
     * {@link SenderIdentityCheck#withAuthentication}.
     *
     * @return the findings, with the sender's caveats completed; {@code detection.findings()} when nothing changes
     */
    static Findings withFromAuthentication(ReceivedEmail email, Detector.Detection detection, Authenticity auth) {
        Findings findings = detection.findings();
        SenderIdentity sender = findings.sender();
        if (sender == null) {
            return findings;
        }
        String reason = FromAuthentication.reason(email, auth, sender.fromDomain());
        List<String> caveats = SenderIdentityCheck.withAuthentication(sender.identityCaveats(),
                detection.identitySupport(), reason);
        return caveats.equals(sender.identityCaveats()) ? findings
                : findings.withSender(sender.withIdentityCaveats(caveats));
    }

    /**
     * Most trackers, remote resources and links (each) listed in an analysis: 1,000 (the dossier of 2,000 pixels did
     * not fit in a 256 MB heap). Real messages hold at most a few hundred; past it, the first ones are listed and a
     * {@link AnomalyCode#TOO_MANY_REFERENCES} anomaly says how many were left out.
     */
    public static final int MAX_LISTED = 1_000;

    private static <T> List<T> listed(List<T> all, String what, List<Anomaly> anomalies) {
        if (all.size() <= MAX_LISTED) {
            return all;
        }
        anomalies.add(new Anomaly(AnomalyCode.TOO_MANY_REFERENCES, "1", String.format(java.util.Locale.ROOT,
                "%d %s found; the first %d are listed, the verdict counts them all", all.size(), what, MAX_LISTED)));
        return all.subList(0, MAX_LISTED);
    }

    private static List<Anomaly> anomalies(ReceivedEmail email, Findings findings) {
        if (findings.anomalies().isEmpty()) {
            return email.anomalies();
        }
        List<Anomaly> all = new ArrayList<>(email.anomalies());
        all.addAll(findings.anomalies());
        return all;
    }

    /**
     * @return the From as shown to a reader: its mailboxes written back by {@link Mailboxes#format} (a display name
     *         that holds angle brackets or an {@code @} stays inside its quotes, so it cannot pass for the address), or
     *         the raw field when no mailbox can be read (encoded words left encoded: decoded, an encoded word in place
     *         of the address would read as an address); null when there is no From
     */
    static String fromShown(ReceivedEmail e) {
        Mailboxes.FromField from = Mailboxes.from(e.headers());
        if (from.raw() == null) {
            return null;
        }
        if (from.reading().mailboxes().isEmpty()) {
            return from.raw();
        }
        StringBuilder b = new StringBuilder();
        for (Mailboxes.Mailbox m : from.reading().mailboxes()) {
            b.append(b.length() == 0 ? "" : ", ").append(Mailboxes.format(m));
        }
        return b.toString();
    }

    private static MessageSummary summarise(ReceivedEmail e) {
        List<String> delivered = new ArrayList<>(e.headers("Delivered-To"));
        delivered.addAll(e.headers("X-Original-To"));
        return new MessageSummary(
                fromShown(e),
                e.header("To").orElse(null),
                e.header("Cc").orElse(null),
                e.header("Reply-To").orElse(null),
                e.header("Date").orElse(null),
                e.header("Subject").orElse(null),
                e.header("Message-ID").orElse(null),
                e.header("Return-Path").orElse(null),
                e.header("List-Unsubscribe").orElse(null),
                e.header("List-Unsubscribe-Post").orElse(null),
                e.header("List-Id").orElse(null),
                delivered,
                e.forwardedBy() != null);
    }

}
