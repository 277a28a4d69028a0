package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.Tracker;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.dossier.Complainant;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierBuilder;
import org.pixelproof.dossier.Language;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * One e-mail, one count: the JSON analysis, the CSV row, the batch summary and the PDF dossier of the same e-mail count
 * the same trackers and the same trackers carrying an identifier of the recipient (a new user's trial found 3 in the
 * CSV and 2 in the dossier). The fixture is modelled on a real Mailchimp newsletter: a shop link whose {@code mc_eid}
 * holds the unfilled merge tag {@code UNIQID} (an ordinary link), Mailchimp's click and open URLs with {@code e=}, and
 * a pixel on the sender's tracking subdomain whose path token ends in base64 padding ({@code ...Me9I=}, which the
 * dossier once read as a name with an empty value).
 */
class OutputsAgreeTest {
    private static final Path FIXTURE = AnalyzeCommandTest.FIXTURES.resolve("newsletter-merge-tag.eml");

    @TempDir
    Path tmp;

    @BeforeAll
    static void stagesAreIn() throws Exception {
        PipelineStages.assumeComplete();
    }

    @Test
    void csvSummaryJsonAndDossierCountTheSameTrackersAndIdentifiers() throws Exception {
        byte[] raw = Files.readAllBytes(FIXTURE);
        Analysis a = Backends.DEFAULT.engine(new Backends.EngineSettings(IngestLimits.DEFAULT, List.of(), false,
                null)).analyze(raw, FIXTURE.getFileName().toString());
        List<String> hosts = a.trackers().stream().map(Tracker::host).toList();
        assertEquals(List.of("atelierpapeterie.us3.list-manage.com", "atelierpapeterie.us3.list-manage.com",
                "suivi.atelier-papeterie.example"), hosts, "the shop link with mc_eid=UNIQID is no tracker");
        long identified = a.trackers().stream().filter(RecipientTokens::carriesIdentifier).count();
        assertEquals(3, identified, a.trackers().toString());

        Path csv = tmp.resolve("out.csv");
        Path pdfDir = tmp.resolve("pdf");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", FIXTURE.toString(),
                "--csv", csv.toString(), "--pdf", pdfDir.toString(), "--lang", "en");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<String> row = AnalyzeCommandTest.readCsv(Files.readString(csv)).get(1);
        assertEquals("3", AnalyzeCommandTest.col(row, "trackers"));
        assertEquals("1", AnalyzeCommandTest.col(row, "click_tracking"));
        assertEquals("3", AnalyzeCommandTest.col(row, "trackers_with_recipient_id"));
        assertTrue(Pattern.compile("(?m)^atelier-papeterie\\.example +1 +3 +1 +1 ").matcher(r.err()).find(),
                "the summary per sender counts 3 trackers (e-mails with id, trackers, e-mails, with trackers):\n"
                        + r.err());

        String text = pdfText(pdfDir);
        assertTrue(text.contains("The message contains 3 trackers"), text);
        assertFalse(text.contains("set aside"), "nothing for the dossier to set aside: the analysis already agrees");
        assertFalse(text.contains("none was established"), "every tracker carries an identifier, as the CSV says");

        Dossier d = new DossierBuilder(RuleSetLoader.loadDefault(), java.time.Clock.systemUTC()).build(List.of(
                new CaseEmail(a, raw, new EmailParser(IngestLimits.DEFAULT).parse(raw, "m.eml"))), Complainant.UNKNOWN,
                Language.EN);
        assertEquals(3, d.trackerCount());
        assertEquals(3, d.primary().trackers().stream().filter(Dossier.TrackerRow::perRecipient).count());
        assertEquals(List.of(), d.primary().setAside());
    }

    /**
     * A Mailchimp open pixel whose {@code e=} is an id of upper-case letters only ({@code QXKZRTBWMP}: base32 and
     * letters-only codes have no digit) and a click whose {@code e=} is the unfilled tag {@code {EMAIL}}: every output
     * counts the first as carrying an identifier, and neither the click nor the shop link with
     * {@code mc_eid=%7BEMAIL%7D}.
     */
    @Test
    void anUpperCaseIdCountsAndASingleBraceTagDoesNotInEveryOutput() throws Exception {
        Path fixture = AnalyzeCommandTest.FIXTURES.resolve("newsletter-letters-only-id.eml");
        byte[] raw = Files.readAllBytes(fixture);
        Analysis a = Backends.DEFAULT.engine(new Backends.EngineSettings(IngestLimits.DEFAULT, List.of(), false,
                null)).analyze(raw, fixture.getFileName().toString());
        assertEquals(List.of("atelierpapeterie.us3.list-manage.com", "atelierpapeterie.us3.list-manage.com"),
                a.trackers().stream().map(Tracker::host).toList(), "the shop link is no tracker");
        assertEquals(List.of(false, true), a.trackers().stream().map(RecipientTokens::carriesIdentifier).toList(),
                a.trackers().toString());
        assertEquals(List.of("e=QXKZRTBWMP"), a.trackers().get(1).perRecipientTokens());

        Path csv = tmp.resolve("out.csv");
        Path pdfDir = tmp.resolve("pdf");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", fixture.toString(),
                "--csv", csv.toString(), "--pdf", pdfDir.toString(), "--lang", "en");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<String> row = AnalyzeCommandTest.readCsv(Files.readString(csv)).get(1);
        assertEquals("2", AnalyzeCommandTest.col(row, "trackers"));
        assertEquals("1", AnalyzeCommandTest.col(row, "trackers_with_recipient_id"));
        assertTrue(Pattern.compile("(?m)^atelier-papeterie\\.example +1 +2 +1 +1 ").matcher(r.err()).find(), r.err());

        String text = pdfText(pdfDir);
        assertTrue(text.contains("The message contains 2 trackers"), text);
        assertTrue(text.contains("Tokens specific to the recipient e=QXKZRTBWMP"), text);
        assertFalse(text.contains("{EMAIL}"), "the unfilled tag is shown nowhere as a token");
        Dossier d = new DossierBuilder(RuleSetLoader.loadDefault(), java.time.Clock.systemUTC()).build(List.of(
                new CaseEmail(a, raw, new EmailParser(IngestLimits.DEFAULT).parse(raw, "m.eml"))), Complainant.UNKNOWN,
                Language.EN);
        assertEquals(1, d.primary().trackers().stream().filter(Dossier.TrackerRow::perRecipient).count());
    }

    /**
     * A phish whose From domain is written in mathematical bold letters, modelled on the real 133
     * ({@code noreply@𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹}, a DKIM signature of {@code verkade.nl} that does not verify): the JSON, the CSV, the
     * summary and both dossier indexes give one sender domain, as written, with the doubt; none files the message
     * under the domain it imitates (the CSV once left the domain blank while the indexes said the DKIM domain).
     */
    @Test
    void aLookalikeFromDomainIsOneDoubtfulSenderInEveryOutput() throws Exception {
        Path fixture = Path.of("src/test/resources/org/pixelproof/detect/sender-identity/"
                + "lookalike-from-domain-tester-fr.eml");
        String domain = "\uD835\uDDD5\uD835\uDDFF\uD835\uDE02\uD835\uDDFA\uD835\uDDF2.example"; // Brume
        String key = domain + SenderKey.DOUBTFUL_SUFFIX;
        Path jsonl = tmp.resolve("out.jsonl");
        Path csv = tmp.resolve("out.csv");
        Path pdfDir = tmp.resolve("pdf");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", fixture.toString(),
                "--jsonl", jsonl.toString(), "--csv", csv.toString(), "--pdf", pdfDir.toString(), "--lang", "en");
        assertEquals(ExitCodes.OK, r.exit(), r.err());

        var json = CliJson.mapper().readTree(Files.readString(jsonl)).get("sender");
        assertEquals(domain, json.get("fromDomain").asText());
        assertEquals(List.of("SENDER_IDENTITY_DOUBTFUL", "LINKS_LEAD_ELSEWHERE", "FROM_DOMAIN_LOOKALIKE_CHARACTERS"),
                CliJson.mapper().convertValue(json.get("identityCaveats"), List.class));
        List<String> row = AnalyzeCommandTest.readCsv(Files.readString(csv)).get(1);
        assertEquals(domain, AnalyzeCommandTest.col(row, "sender_domain"));
        assertEquals("true", AnalyzeCommandTest.col(row, "sender_identity_doubtful"));
        assertTrue(r.err().contains("senders " + domain + ")"), r.err());
        assertTrue(r.err().contains(System.lineSeparator() + key + "  "), "the per-sender table: " + r.err());
        assertFalse(r.err().contains("brume.example"), "nothing names the domain it imitates: " + r.err());
        List<List<String>> index = AnalyzeCommandTest.readCsv(Files.readString(pdfDir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(key, index.get(1).get(1));

        Path bySender = tmp.resolve("by-sender");
        AnalyzeCommandTest.Run s = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", fixture.toString(),
                "--pdf", bySender.toString(), "--by-sender", "--lang", "en");
        assertEquals(ExitCodes.OK, s.exit(), s.err());
        assertEquals(List.of("lookalike-of-brume.example_identity_doubtful.pdf"), AnalyzeCommandTest.pdfs(bySender),
                "neither brume.example.pdf nor a hidden file");
        index = AnalyzeCommandTest.readCsv(Files.readString(bySender.resolve(DossierIndex.FILE_NAME)));
        assertEquals(List.of("lookalike-of-brume.example_identity_doubtful.pdf", key), index.get(1).subList(0, 2));

        String text = pdfText(pdfDir).replace('\u00A0', ' ');
        assertTrue(text.contains("the sender's identity is doubtful"), text);
        assertTrue(text.contains("written with characters that imitate ordinary letters or digits"), text);
    }

    private static String pdfText(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            Path pdf = files.filter(p -> p.toString().endsWith(".pdf")).findFirst().orElseThrow();
            try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
                return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            }
        }
    }
}
