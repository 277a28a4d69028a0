package org.pixelproof.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.MessageSummary;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.detect.VendorRef;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;

/**
 * A test double of the engine that tests the command line's own mechanics (walking, ordering, outputs, errors)
 * independently of the detection stages: it recognises the fictional "MailExemple" ESP of the fixtures under
 * {@code src/test/resources/cli}, and reacts to test headers ({@code X-Test-Limit}, {@code X-Test-Crash},
 * {@code X-Test-Headers-Not-Ended}, {@code X-Test-Long-Header}, {@code X-Test-Doubtful-Sender},
 * {@code X-Test-Dossier-Crash} (the dossier renderer throws), {@code X-Test-Dossier-Out-Of-Memory} (it runs out of
 * memory),
 * {@code X-Test-Delay-Ms}: sleeps, and stops with an {@link org.pixelproof.ingest.AnalysisCancelledException} when
 * interrupted, as the real engine does). The end-to-end tests run the real engine.
 */
final class StubBackends implements Backends {
    private static final Pattern FROM = Pattern.compile("(?mi)^From:.*?@([A-Za-z0-9.-]+)>?\\s*$");
    private static final Pattern URL = Pattern.compile("https://(ouverture|clic)\\.mailexemple\\.com/[^\"'\\s>]+");
    private static final Pattern DELAY = Pattern.compile("(?m)^X-Test-Delay-Ms: (\\d+)");

    /** The inputs of each dossier rendered, by dossier, in rendering order. */
    final List<List<String>> dossiers = Collections.synchronizedList(new ArrayList<>());
    /** The settings the engine was built with. */
    volatile EngineSettings engineSettings;
    volatile DossierSettings dossierSettings;
    private final MailboxFormats formats;

    StubBackends(MailboxFormats formats) {
        this.formats = formats;
    }

    StubBackends() {
        this(new IngestMailboxFormats());
    }

    @Override
    public Engine engine(EngineSettings settings) {
        this.engineSettings = settings;
        return StubBackends::analyze;
    }

    @Override
    public MailboxFormats mailboxFormats() {
        return formats;
    }

    /** Where the run's temporary files go; {@code null} for the system's. */
    volatile Path temporaryFolder;

    @Override
    public Path temporaryFolder() {
        return temporaryFolder;
    }

    @Override
    public DossierRenderer dossiers(DossierSettings settings) {
        this.dossierSettings = settings;
        return items -> {
            if (items.stream().anyMatch(i -> new String(i.raw(), StandardCharsets.UTF_8)
                    .contains("X-Test-Dossier-Crash:"))) {
                throw new IllegalStateException("stub dossier renderer crash on purpose");
            }
            if (items.stream().anyMatch(i -> new String(i.raw(), StandardCharsets.UTF_8)
                    .contains("X-Test-Dossier-Out-Of-Memory:"))) {
                throw new OutOfMemoryError("stub dossier renderer out of memory on purpose");
            }
            List<String> files = items.stream().map(i -> i.analysis().file()).toList();
            dossiers.add(files);
            return ("%PDF-stub\n" + String.join("\n", files) + "\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    static Analysis analyze(byte[] raw, String name) throws UnanalysableInputException {
        if (raw.length == 0) {
            throw new UnanalysableInputException(new Anomaly(AnomalyCode.EMPTY_INPUT, "1", "no bytes"));
        }
        if (InputWalker.sniff(raw) != InputWalker.Kind.EML) {
            throw new UnanalysableInputException(new Anomaly(AnomalyCode.NOT_A_MESSAGE, "1",
                    "does not start with a header field"));
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.contains("X-Test-Crash:")) {
            throw new IllegalStateException("stub engine crash on purpose");
        }
        Matcher delay = DELAY.matcher(text);
        if (delay.find()) {
            try {
                Thread.sleep(Long.parseLong(delay.group(1)));
            } catch (InterruptedException e) { // cancelled (--timeout): stop as the real engine does
                Thread.currentThread().interrupt();
                throw new org.pixelproof.ingest.AnalysisCancelledException();
            }
        }
        Matcher from = FROM.matcher(text);
        String domain = from.find() ? from.group(1).toLowerCase() : null;
        List<Tracker> trackers = new ArrayList<>();
        Matcher url = URL.matcher(text.replace("=3D", "="));
        while (url.find()) {
            boolean open = url.group(1).equals("ouverture");
            trackers.add(new Tracker("T" + (trackers.size() + 1),
                    open ? TrackerKind.OPEN_PIXEL : TrackerKind.CLICK_TRACKING, url.group(),
                    url.group(1) + ".mailexemple.com", "MailExemple",
                    new VendorRef("mailexemple", "MailExemple", "MailExemple Inc.", "US", true), Party.VENDOR,
                    open ? List.of(new RecipientIdentifier("7f3a", "plain", "path", "alex.martin@example.org"))
                            : List.of(),
                    List.of(), Confidence.HIGH, List.of(new Signal("vendor-pattern", "mailexemple")),
                    open ? List.of("width=1 height=1") : List.of(), new Location("1.2", open ? "img" : "a",
                            open ? "src" : "href", null), url.group(), "mailexemple." + url.group(1), null, null));
        }
        List<Anomaly> anomalies = new ArrayList<>();
        if (text.contains("X-Test-Limit:")) {
            anomalies.add(new Anomaly(AnomalyCode.BODY_TOO_LARGE, "1.2", "body over 5242880 bytes, cut"));
        }
        if (text.contains("X-Test-Headers-Not-Ended:")) {
            anomalies.add(new Anomaly(AnomalyCode.HEADERS_NOT_ENDED, "1", "no empty line after the header fields"));
        }
        if (text.contains("X-Test-Long-Header:")) {
            anomalies.add(new Anomaly(AnomalyCode.HEADER_LINE_TOO_LONG, "1", "header 'To' cut"));
        }
        Verdict verdict = trackers.isEmpty() ? Verdict.NO_TRACKING_FOUND : Verdict.TRACKING_WITHOUT_CONSENT_MARKERS;
        SenderIdentity sender = new SenderIdentity(domain == null ? null : "x@" + domain, null, domain, null, null,
                List.of(), List.of(), domain == null ? null : "=Org " + domain, null, null, null, false, null, null,
                List.of(), List.of(), null, text.contains("X-Test-Doubtful-Sender:")
                        ? List.of("SENDER_IDENTITY_DOUBTFUL", "brand-domain-mismatch") : List.of());
        MessageSummary message = new MessageSummary(null, null, null, null, header(text, "Date"),
                header(text, "Subject"), header(text, "Message-ID"), null, null, null, null, List.of(), false);
        return new Analysis("id" + Math.abs(name.hashCode()), name, sha256(raw), raw.length,
                Instant.parse("2026-01-02T03:04:05Z"), "test", "rules-test", verdict, message, List.of(), trackers,
                List.of(), List.of(), List.of(), List.of(), sender,
                new Assessment(verdict, MessageClass.MARKETING, List.of(), List.of(), List.of(),
                        LocalDate.of(2025, 10, 14), List.of(), List.of()),
                Authenticity.none(), anomalies);
    }

    private static String header(String text, String name) {
        Matcher m = Pattern.compile("(?mi)^" + name + ": (.*?)\\r?$").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static String sha256(byte[] raw) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(raw));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fake mbox reader: every mbox yields the given messages. */
    static MailboxFormats fakeMbox(List<byte[]> messages, List<Path> seen) {
        return new MailboxFormats() {
            @Override
            public void readMbox(Path file, long maxMessageBytes, MboxVisitor visitor) throws InterruptedException {
                seen.add(file);
                long n = 0;
                for (byte[] m : messages) {
                    n++;
                    if (m.length > maxMessageBytes) {
                        visitor.message(n, null, "too large");
                    } else {
                        visitor.message(n, m, null);
                    }
                }
            }
        };
    }
}
