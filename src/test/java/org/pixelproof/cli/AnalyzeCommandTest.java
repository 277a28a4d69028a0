package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code analyze} command run in-process with captured stdout and stderr, over the fixtures of
 * {@code src/test/resources/cli} and the {@link StubBackends} engine: walking, ordering, output formats parsed back,
 * errors and exit codes.
 */
class AnalyzeCommandTest {
    static final Path FIXTURES = Path.of("src/test/resources/cli");
    static final String N1 = FIXTURES.resolve("newsletter-1.eml").toString();
    static final String N2 = FIXTURES.resolve("newsletter-2.eml").toString();
    static final String ORDER = FIXTURES.resolve("order.eml").toString();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return CliJson.mapper().readTree(out);
        }
    }

    static Run run(Backends backends, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PixelProofCommand.execute(args, out, err, false, backends);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(new StubBackends(), args);
    }

    static List<String> files(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(a -> names.add(a.get("file").asText()));
        return names;
    }

    @Test
    void jsonPrintsOneArrayWithOneAnalysisPerEmailInInputOrder() throws IOException {
        Run r = run("analyze", N1, ORDER, N2, "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        JsonNode array = r.json();
        assertTrue(array.isArray());
        assertEquals(List.of(N1, ORDER, N2), files(array));
        JsonNode first = array.get(0);
        assertEquals("TRACKING_WITHOUT_CONSENT_MARKERS", first.get("verdict").asText());
        assertEquals("2026-01-02T03:04:05Z", first.get("analysedAt").asText());
        assertEquals(2, first.get("trackers").size());
        assertEquals("OPEN_PIXEL", first.get("trackers").get(1).get("kind").asText());
        assertEquals("plain", first.get("trackers").get(1).get("recipientIdentifiers").get(0).get("encoding")
                .asText());
        assertEquals(64, first.get("sha256").asText().length());
        assertTrue(r.err().contains("By sender"), r.err());
        assertTrue(r.err().contains("gazette-exemple.fr"), r.err());
        assertTrue(r.err().contains("By tracker vendor"), r.err());
    }

    @Test
    void emptyRunStillPrintsAValidJsonArray() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        Run r = run("analyze", tmp.resolve("empty").toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(0, r.json().size());
    }

    @Test
    void outputsFollowInputOrderWhateverTheOrderWorkersFinishIn() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        int n = 60;
        for (int i = 0; i < n; i++) {
            // earlier messages take longer, so that workers finish out of order
            Files.writeString(dir.resolve(String.format("m%03d.eml", i)), "From: a@s" + (i % 5) + ".example.com\n"
                    + "X-Test-Delay-Ms: " + ((n - i) % 7) * 3 + "\nSubject: " + i + "\n\nbody\n");
        }
        Run r = run("analyze", dir.toString(), "--jsonl", "-", "--threads", "4");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(n, lines.size());
        for (int i = 0; i < n; i++) {
            assertEquals(dir.resolve(String.format("m%03d.eml", i)).toString(),
                    CliJson.mapper().readTree(lines.get(i)).get("file").asText());
        }
    }

    @Test
    void progressIsDrawnOnlyWhenAskedOrOnATerminal() {
        Run off = run("analyze", N1, ORDER, "--json");
        assertFalse(off.err().contains("\r"), "not a terminal: no progress line");
        Run on = run("analyze", N1, ORDER, "--json", "--progress");
        assertTrue(on.err().contains("\r") && on.err().contains("1 analysed, 0 skipped"), on.err());
        assertTrue(on.out().startsWith("["), "stdout stays machine-readable");
    }

    @Test
    void jsonLinesFileHasOneLinePerEmail() throws IOException {
        Path jsonl = tmp.resolve("out.jsonl");
        Run r = run("analyze", N1, N2, ORDER, "--jsonl", jsonl.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(3, lines.size());
        for (String line : lines) {
            assertTrue(CliJson.mapper().readTree(line).has("verdict"));
        }
        // with no machine format on stdout, one human line per e-mail is printed there
        assertEquals(3, r.out().lines().count(), r.out());
        assertTrue(r.out().contains(N1 + ": TRACKING_WITHOUT_CONSENT_MARKERS, 2 trackers (MailExemple)"), r.out());
    }

    @Test
    void csvHasAHeaderAndOneRowPerEmailWithCountsByKind() throws IOException {
        Path csv = tmp.resolve("out.csv");
        Run r = run("analyze", N1, ORDER, "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        String text = Files.readString(csv);
        assertTrue(text.contains("\r\n"), "RFC 4180 line ends");
        List<List<String>> rows = readCsv(text);
        assertEquals(CsvSink.COLUMNS, rows.get(0));
        assertEquals(3, rows.size());
        List<String> n1 = rows.get(1);
        assertEquals(N1, col(n1, "file"));
        assertEquals("2025-10-14T08:30:00+02:00", col(n1, "date"));
        assertEquals("gazette-exemple.fr", col(n1, "sender_domain"));
        assertEquals("'=Org gazette-exemple.fr", col(n1, "organisation"), "formula guard");
        assertEquals("MailExemple", col(n1, "vendors"));
        assertEquals("clic.mailexemple.com; ouverture.mailexemple.com", col(n1, "tracker_hosts"));
        assertEquals("", col(rows.get(2), "tracker_hosts"));
        assertEquals("1", col(n1, "open_pixel"));
        assertEquals("1", col(n1, "click_tracking"));
        assertEquals("0", col(n1, "css_beacon"));
        assertEquals("2", col(n1, "trackers"));
        assertEquals("1", col(n1, "recipient_identifiers"));
        assertEquals("1", col(n1, "trackers_with_recipient_id"));
        assertEquals("0", col(rows.get(2), "trackers_with_recipient_id"));
        assertEquals("plain", col(n1, "identifier_encodings"));
        assertEquals("TRACKING_WITHOUT_CONSENT_MARKERS", col(n1, "verdict"));
        assertEquals("NO_TRACKING_FOUND", col(rows.get(2), "verdict"));
    }

    /** French Excel opens a CSV with a double click only when it starts with a BOM and separates fields with ';'. */
    @Test
    void csvForExcelHasAByteOrderMarkAndSemicolons() throws IOException {
        Path csv = tmp.resolve("excel.csv");
        Run r = run("analyze", N1, ORDER, "--csv", csv.toString(), "--csv-excel");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        byte[] bytes = Files.readAllBytes(csv);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(String.join(";", CsvSink.COLUMNS) + "\r\n"), text);
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                .with(CsvSchema.emptySchema().withColumnSeparator(';')).readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        assertEquals(3, rows.size());
        assertEquals("gazette-exemple.fr", col(rows.get(1), "sender_domain"));
        assertEquals("clic.mailexemple.com; ouverture.mailexemple.com", col(rows.get(1), "tracker_hosts"),
                "a value holding ';' is quoted");
        Run alone = run("analyze", N1, "--csv-excel");
        assertEquals(ExitCodes.USAGE, alone.exit(), alone.err());
    }

    @Test
    void csvToStdoutKeepsStdoutMachineReadable() throws IOException {
        Run r = run("analyze", N1, ORDER, "--csv", "-");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(3, readCsv(r.out()).size());
    }

    @Test
    void aRunWithoutAnyEmailStillWritesTheCsvHeaderOnStdoutAsInAFile() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String header = String.join(",", CsvSink.COLUMNS) + "\r\n";
        Run stdout = run("analyze", empty.toString(), "--csv", "-");
        assertEquals(ExitCodes.OK, stdout.exit(), stdout.err());
        assertEquals(header, stdout.out());
        Path csv = tmp.resolve("out.csv");
        Run file = run("analyze", empty.toString(), "--csv", csv.toString());
        assertEquals(ExitCodes.OK, file.exit(), file.err());
        assertEquals(header, Files.readString(csv));
        assertEquals(List.of(CsvSink.COLUMNS), readCsv(header));
    }

    static List<List<String>> readCsv(String text) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(text)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    static String col(List<String> row, String column) {
        return row.get(CsvSink.COLUMNS.indexOf(column));
    }

    @Test
    void aFolderIsWalkedRecursivelyWithMaildirAndMboxAndNonMailFilesIgnored() throws IOException {
        List<Path> mboxes = new ArrayList<>();
        byte[] m = "From: x@list.example.com\nSubject: m\n\nhi\n".getBytes(StandardCharsets.UTF_8);
        Run r = run(new StubBackends(StubBackends.fakeMbox(List.of(m, m), mboxes)), "analyze",
                FIXTURES.resolve("mixed").toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        Path mixed = FIXTURES.resolve("mixed");
        assertEquals(List.of(
                mixed.resolve("inbox.mbox") + "#1",
                mixed.resolve("inbox.mbox") + "#2",
                mixed.resolve("maildir/cur/1760522531.M1P100.mx.example.net:2,S").toString(),
                mixed.resolve("maildir/new/1761033000.M2P100.mx.example.net").toString(),
                mixed.resolve("newsletter-1.eml").toString()), files(r.json()));
        assertEquals(List.of(mixed.resolve("inbox.mbox")), mboxes, "the mbox is told by its content");
        assertTrue(r.err().contains("1 file(s) in the folders were ignored: not e-mails ("
                + mixed.resolve("README.txt") + ")."), r.err());
    }

    @Test
    void hiddenAndMailProgramFilesAreSkippedUnreadAndCounted() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("export"));
        Files.copy(Path.of(N1), dir.resolve("newsletter.eml"));
        Files.write(dir.resolve(".DS_Store"), new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
        Files.write(dir.resolve("._newsletter.eml"), new byte[] {0, 5, 22, 7, 0, 2, 0, 0}); // macOS AppleDouble
        Files.writeString(dir.resolve("Inbox.msf"), "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve("notes.txt"), "to do\n");
        Run r = run("analyze", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of(dir.resolve("newsletter.eml").toString()), files(r.json()));
        assertTrue(r.err().contains("1 file(s) in the folders were ignored: not e-mails (" + dir.resolve("notes.txt")
                + ")."), r.err());
        assertTrue(r.err().contains("3 hidden or mail-program file(s) in the folders were skipped unread: hidden files,"
                + " Thunderbird indexes, Dovecot or Courier metadata (" + dir.resolve(".DS_Store") + ", "
                + dir.resolve("._newsletter.eml") + ", " + dir.resolve("Inbox.msf") + ")."), r.err());
    }

    /**
     * A note whose first line has the shape of a header field ("Notes: ...") but whose header block holds no field of a
     * message is ignored like any other file that is not an e-mail: the exit code stays 0. A file of the same shape
     * that carries a message field, or is named .eml, is still read.
     */
    @Test
    void aNoteStartingWithNameColonIsIgnoredNotFailed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("members"));
        Files.copy(Path.of(N1), dir.resolve("newsletter.eml"));
        Files.writeString(dir.resolve("notes.txt"), "Notes: e-mails forwarded by members, March 2026\n\nTo file.\n");
        Files.writeString(dir.resolve("saved-message"), "X-Mozilla-Status: 0001\nFrom: Shop <news@shop.example>\n"
                + "Subject: hi\n\nHello\n");
        Run r = run("analyze", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of(dir.resolve("newsletter.eml").toString(), dir.resolve("saved-message").toString()),
                files(r.json()));
        assertTrue(r.err().contains("1 file(s) in the folders were ignored: not e-mails (" + dir.resolve("notes.txt")
                + ")."), r.err());
    }

    /**
     * Empty files found in a folder (an empty .eml, an empty Maildir message, an empty Thunderbird folder file) hold
     * nothing to analyse or to miss: they are counted with the ignored files, and the run does not fail. A ZIP
     * archive is named with the advice to unpack it.
     */
    @Test
    void emptyFilesAndArchivesInAFolderAreIgnoredAndCountedNotFailed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("box"));
        Files.copy(Path.of(N1), dir.resolve("newsletter.eml"));
        Files.createFile(dir.resolve("vide.eml"));
        Files.writeString(dir.resolve("Trash"), "\n");
        Files.write(dir.resolve("archive.zip"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0});
        Files.createDirectories(dir.resolve("md/tmp"));
        Files.createDirectories(dir.resolve("md/new"));
        Files.createFile(Files.createDirectories(dir.resolve("md/cur")).resolve("1700000000.M1P1.host:2,S"));
        Run r = run("analyze", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of(dir.resolve("newsletter.eml").toString()), files(r.json()));
        assertTrue(r.err().contains("4 file(s) in the folders were ignored: not e-mails (" + dir.resolve("Trash")
                + " (empty), " + dir.resolve("archive.zip") + " (ZIP archive: unpack it to analyse the e-mails in it), "
                + dir.resolve("md/cur/1700000000.M1P1.host:2,S") + " (empty), " + dir.resolve("vide.eml")
                + " (empty))."), r.err());
        assertFalse(r.err().contains("could not be analysed"), r.err());
    }

    @Test
    void badInputsAreReportedWithTheirReasonAndSkippedWithoutStoppingTheRun() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.eml"));
        String missing = tmp.resolve("missing.eml").toString();
        String pdf = FIXTURES.resolve("not-an-email.eml").toString();
        Run r = run("analyze", N1, pdf, empty.toString(), missing, ORDER, "--json");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertEquals(List.of(N1, ORDER), files(r.json()));
        assertTrue(r.err().contains("pixelproof: " + pdf + ": skipped: not an e-mail"), r.err());
        assertTrue(r.err().contains("pixelproof: " + empty + ": skipped: empty file"), r.err());
        assertTrue(r.err().contains("pixelproof: " + missing + ": skipped: no such file or folder"), r.err());
        assertTrue(r.err().contains("3 input(s) could not be analysed"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace for user errors");
    }

    @Test
    void aFileOverTheSizeLimitIsNotReadAndIsReported() throws IOException {
        Path big = tmp.resolve("big.eml");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("From: a@example.com\n\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("x".repeat(1023) + "\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10 * 1024 + 1; i++) {
                out.write(line);
            }
        }
        Run r = run("analyze", big.toString(), ORDER, "--limits", "strict", "--json");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains(big + ": skipped: too large: " + Files.size(big)
                + " bytes, the limit is 10485760 bytes"), r.err());
        assertEquals(1, r.json().size());
    }

    @Test
    void anEmailCutByALimitIsAnalysedAndReportedWithItsOwnExitCode() throws IOException {
        Path limited = Files.writeString(tmp.resolve("limited.eml"), "From: a@example.com\nX-Test-Limit: 1\n\nx\n");
        Run r = run("analyze", limited.toString(), N1, "--json");
        assertEquals(ExitCodes.PARTIAL, r.exit(), r.err());
        assertEquals(2, r.json().size());
        assertTrue(r.err().contains(limited + ": analysed in part, over a limit: BODY_TOO_LARGE"), r.err());
        Run quiet = run("analyze", limited.toString(), "--json", "--quiet");
        assertEquals(ExitCodes.PARTIAL, quiet.exit());
        assertEquals("", quiet.err());
    }

    @Test
    void aShortenedHeaderIsReportedWithoutChangingTheExitCode() throws IOException {
        Path longHeader = Files.writeString(tmp.resolve("long.eml"), "From: a@example.com\nX-Test-Long-Header: 1\n\nx\n");
        Run r = run("analyze", longHeader.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains(longHeader + ": analysed in full, a value was shortened: HEADER_LINE_TOO_LONG"),
                r.err());
    }

    @Test
    void aDoubtfulSenderIsFlaggedInTheCsvAndTheSummary() throws IOException {
        Path phish = Files.writeString(tmp.resolve("phish.eml"), "From: Banque <service@banque-exemple.example>\n"
                + "X-Test-Doubtful-Sender: 1\nSubject: s\n\nx\n");
        Run r = run("analyze", phish.toString(), N1, "--csv", "-");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<List<String>> rows = readCsv(r.out());
        assertEquals("true", col(rows.get(1), "sender_identity_doubtful"));
        assertEquals("false", col(rows.get(2), "sender_identity_doubtful"));
        assertEquals("brand-domain-mismatch", col(rows.get(1), "identity_doubt_reasons"), "the reasons, not the flag");
        assertEquals("", col(rows.get(2), "identity_doubt_reasons"));
        assertEquals("s", col(rows.get(1), "subject"));
        // without a machine format on stdout, the per-e-mail line says it too
        Run lines = run("analyze", phish.toString(), N1);
        assertTrue(lines.out().contains(phish + ": NO_TRACKING_FOUND, 0 trackers [sender identity doubtful]")
                || lines.out().lines().anyMatch(l -> l.startsWith(phish + ":") && l.endsWith(
                "[sender identity doubtful]")), lines.out());
        assertFalse(lines.out().lines().anyMatch(l -> l.startsWith(N1 + ":") && l.contains("doubtful")),
                lines.out());
        assertTrue(r.err().contains("1 e-mail whose sender's identity is doubtful (signs of phishing or a forged sender;"
                + " senders banque-exemple.example)"), r.err());
        assertTrue(r.err().contains("banque-exemple.example (identity doubtful)"), "the per-sender table keeps it apart: "
                + r.err());
    }

    @Test
    void aDoubtfulSendersEmailIsKeptOutOfTheDossierOfTheOrganisationItNames() throws IOException {
        String genuine = Files.readString(Path.of(N1));
        Path phish = Files.writeString(tmp.resolve("phish.eml"), genuine.replaceFirst("(?m)^Subject:",
                "X-Test-Doubtful-Sender: 1\nSubject:"));
        Path dir = tmp.resolve("by-sender");
        Run r = run("analyze", N1, phish.toString(), "--pdf", dir.toString(), "--by-sender");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("gazette-exemple.fr.pdf", "gazette-exemple.fr_identity_doubtful.pdf"), pdfs(dir));
    }

    @Test
    void theSummarySaysWhenNoTrackerUrlCarriesTheAddress() {
        Run none = run("analyze", ORDER);
        assertTrue(none.err().contains("Analysed 1 e-mail: no tracker found."), none.err());
        Run one = run("analyze", N1, ORDER);
        assertTrue(one.err().contains("in 1 e-mail, a tracker URL carries the recipient's address"), one.err());
    }

    @Test
    void senderPdfAloneWritesOneDossierPerSender() throws IOException {
        Path dir = tmp.resolve("senders");
        Run r = run("analyze", N1, N2, "--sender-pdf", dir.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("gazette-exemple.fr.pdf"), pdfs(dir));
    }

    @Test
    void aDossierThatCannotBeWrittenIsNotAnInputThatCouldNotBeAnalysed() throws IOException {
        String genuine = Files.readString(Path.of(N1));
        Path crash = Files.writeString(tmp.resolve("crash.eml"), genuine.replaceFirst("(?m)^Subject:",
                "X-Test-Dossier-Crash: 1\nSubject:"));
        String n1 = Files.copy(Path.of(N1), tmp.resolve("newsletter-1.eml")).toString(); // named in their folder
        Run perEmail = run("analyze", n1, crash.toString(), "--pdf", tmp.resolve("p").toString());
        assertEquals(ExitCodes.INPUTS_FAILED, perEmail.exit(), perEmail.err());
        assertTrue(perEmail.err().contains(crash + ": dossier not written"), perEmail.err());
        assertTrue(perEmail.err().contains("1 dossier(s) could not be written (see above); their e-mails were analysed"),
                perEmail.err());
        assertFalse(perEmail.err().contains("could not be analysed"), perEmail.err());
        assertEquals(List.of("newsletter-1.pdf"), pdfs(tmp.resolve("p")));

        Run perSender = run("analyze", crash.toString(), "--sender-pdf", tmp.resolve("s").toString(), "--debug");
        assertEquals(ExitCodes.INTERNAL_ERROR, perSender.exit(), "a renderer defect is an internal error");
        assertTrue(perSender.err().contains("dossier gazette-exemple.fr.pdf: not written"), perSender.err());
        assertTrue(perSender.err().contains("stub dossier renderer crash on purpose")
                && perSender.err().contains("\tat "), "--debug prints the stack trace: " + perSender.err());
        assertFalse(Files.exists(tmp.resolve("s").resolve(DossierIndex.FILE_NAME)), "no index row for a dossier not written");
    }

    @Test
    void perSenderDossiersAreAskedForOnce() throws IOException {
        Run r = run("analyze", N1, "--pdf", tmp.resolve("a").toString(), "--by-sender", "--sender-pdf",
                tmp.resolve("b").toString());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("use --pdf DIR --sender-pdf DIR2"), r.err());
        Run same = run("analyze", N1, "--pdf", tmp.resolve("a").toString(), "--sender-pdf",
                tmp.resolve("a/.").toString());
        assertEquals(ExitCodes.USAGE, same.exit());
        assertTrue(same.err().contains("two different folders"), same.err());
        Path real = tmp.resolve("real");
        Files.createDirectories(real);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        Run linked = run("analyze", N1, "--pdf", real.toString(), "--sender-pdf", link.toString());
        assertEquals(ExitCodes.USAGE, linked.exit(), "the same folder through a link");
    }

    @Test
    void aFileCutInsideItsHeadersIsReportedWithoutChangingTheExitCode() throws IOException {
        Path cut = Files.writeString(tmp.resolve("cut.eml"), "From: a@example.com\nX-Test-Headers-Not-Ended: 1\nSubject: cut sho");
        Run r = run("analyze", cut.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains(cut + ": the file ends inside its header fields, with no body: probably cut short"),
                r.err());
        Path complete = Files.writeString(tmp.resolve("complete.eml"), "From: a@example.com\nSubject: s\n\nbody\n");
        Run ok = run("analyze", complete.toString(), "--json");
        assertFalse(ok.err().contains("header fields"), ok.err());
        Run quiet = run("analyze", cut.toString(), complete.toString(), "--json", "--quiet");
        assertEquals(ExitCodes.OK, quiet.exit(), quiet.err());
        assertEquals("pixelproof: " + cut + ": the file ends inside its header fields, with no body: probably cut short; only its headers"
                + " were analysed" + System.lineSeparator(), quiet.err(), "said even with --quiet, and nothing else");
    }

    @Test
    void anEngineDefectIsAnInternalErrorWithAStackTraceOnlyWithDebug() throws IOException {
        Path crash = Files.writeString(tmp.resolve("crash.eml"), "From: a@example.com\nX-Test-Crash: 1\n\nx\n");
        Run r = run("analyze", crash.toString(), ORDER, "--json");
        assertEquals(ExitCodes.INTERNAL_ERROR, r.exit());
        assertEquals(1, r.json().size(), "the other inputs are still analysed");
        assertTrue(r.err().contains(crash + ": skipped: internal error: IllegalStateException"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        Run debug = run("analyze", crash.toString(), "--json", "--debug");
        assertEquals(ExitCodes.INTERNAL_ERROR, debug.exit());
        assertTrue(debug.err().contains("\tat org.pixelproof.cli.StubBackends.analyze"), debug.err());
    }

    @Test
    void anAnalysisThatHangsIsAbandonedAfterTheTimeoutAndTheRunGoesOn() throws IOException {
        Path slow = Files.writeString(tmp.resolve("slow.eml"), "From: a@example.com\nX-Test-Delay-Ms: 20000\n\nx\n");
        Run r = run("analyze", slow.toString(), N1, ORDER, "--json", "--timeout", "1", "--threads", "1");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), "a failed input, not a defect: " + r.err());
        assertEquals(List.of(N1, ORDER), files(r.json()), "its worker stopped and analysed the others");
        assertTrue(r.err().contains(slow + ": skipped: analysis abandoned after 1 s (--timeout)"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertFalse(r.err().contains("report"), r.err());
    }

    @Test
    void usageErrorsExitWithTwoAndAnalyseNothing() {
        Run both = run("analyze", N1, "--json", "--jsonl", "-");
        assertEquals(ExitCodes.USAGE, both.exit());
        assertTrue(both.err().contains("only one of --json, --jsonl -, --csv - and --senders-csv - can write to stdout"), both.err());
        assertEquals("", both.out());
        assertTrue(both.err().contains("--help' for the options"), both.err());
        assertTrue(both.err().lines().count() <= 4, "the reason, not the whole help: " + both.err());
        assertEquals(ExitCodes.USAGE, run("analyze", N1, "--by-sender").exit());
        assertEquals(ExitCodes.USAGE, run("analyze", N1, "--bogus").exit());
        assertEquals(ExitCodes.USAGE, run("analyze").exit());
        assertEquals(ExitCodes.USAGE, run("analyze", N1, "--limits", "huge").exit());
        assertEquals(ExitCodes.USAGE, run("analyze", N1, "--threads", "0").exit());
        assertEquals(ExitCodes.USAGE, run().exit());
        assertEquals(ExitCodes.OK, run("analyze", "--help").exit());
    }

    @Test
    void optionsReachTheEngineAndTheDossiers() {
        StubBackends backends = new StubBackends();
        Run r = run(backends, "analyze", N1, "--limits", "PERMISSIVE", "--recipient", "alex@example.org",
                "--recipient", "old@example.org", "--pdf", tmp.resolve("pdf").toString(), "--lang", "en",
                "--complainant-name", "Alex Martin", "--quiet");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(org.pixelproof.ingest.IngestLimits.PERMISSIVE, backends.engineSettings.limits());
        assertEquals(List.of("alex@example.org", "old@example.org"), backends.engineSettings.recipients());
        assertFalse(backends.engineSettings.dkimLookup());
        assertEquals("en", backends.dossierSettings.language());
        assertEquals("Alex Martin", backends.dossierSettings.complainant().name());
        assertEquals(org.pixelproof.ingest.IngestLimits.PERMISSIVE, backends.dossierSettings.limits());
    }

    @Test
    void theDossierLanguageIsReadWhateverItsCase() {
        for (String[] given : new String[][] {{"EN", "en"}, {"Fr", "fr"}, {"en", "en"}}) {
            StubBackends backends = new StubBackends();
            Run r = run(backends, "analyze", N1, "--pdf", tmp.resolve("pdf-" + given[0]).toString(), "--lang",
                    given[0], "--quiet");
            assertEquals(ExitCodes.OK, r.exit(), r.err());
            assertEquals(given[1], backends.dossierSettings.language(), given[0]);
        }
        assertEquals(ExitCodes.USAGE, run("analyze", N1, "--pdf", tmp.resolve("pdf-de").toString(), "--lang", "de")
                .exit());
    }

    @Test
    void complainantFileIsReadAndOverriddenByOptions() throws IOException {
        Path yaml = Files.writeString(tmp.resolve("complainant.yaml"), """
                name: Alex Martin
                postalAddress: |
                  1 rue de l'Exemple
                  75000 Paris
                email: alex.martin@example.org
                addressGivenHow: compte créé sur la boutique
                addressGivenWhen: mars 2024
                consentAsked: no
                priorRequest:
                  sentOn: 2025-11-02
                  content: Je m'oppose au suivi de mes ouvertures.
                """);
        StubBackends backends = new StubBackends();
        Run r = run(backends, "analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant",
                yaml.toString(), "--complainant-name", "Alex M.", "--quiet");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        org.pixelproof.dossier.Complainant c = backends.dossierSettings.complainant();
        assertEquals("Alex M.", c.name());
        assertEquals(List.of("1 rue de l'Exemple", "75000 Paris"), c.postalAddressLines());
        assertEquals("mars 2024", c.addressGivenWhen());
        assertEquals(org.pixelproof.dossier.ConsentAsked.NO, c.consentAsked());
        assertEquals(java.time.LocalDate.of(2025, 11, 2), c.priorRequest().sentOn());

        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "name: A\nadress: x\n");
        Run bad = run("analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant", typo.toString());
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertTrue(bad.err().contains("unknown key 'adress'"), bad.err());
        Path wrong = Files.writeString(tmp.resolve("wrong.yaml"), "consentAsked: maybe\n");
        Run bad2 = run("analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant", wrong.toString());
        assertEquals(ExitCodes.USAGE, bad2.exit());
        assertTrue(bad2.err().contains("'maybe' is not a valid consentAsked (expected yes, no or dont_know)"),
                bad2.err());
        Path mandate = Files.writeString(tmp.resolve("mandate.yaml"), "actingFor: C. Durand\nmandate: signed in May\n");
        Run bad3 = run("analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant", mandate.toString());
        assertEquals(ExitCodes.USAGE, bad3.exit());
        assertTrue(bad3.err().contains("'signed in May' is not a valid mandate (expected true or false)"), bad3.err());
    }

    @Test
    void complainantFileCarriesTheAddressDateTheChoicesAndTheMandate() throws IOException {
        Path yaml = Files.writeString(tmp.resolve("complainant2.yaml"), """
                name: Jean Petit
                email: alex.martin@example.org
                addressGivenOn: 2026-05-03
                addressGivenPeriod: after
                objectToMarketing: false
                actingFor: Alex Martin
                mandate: false
                priorRequest:
                  sentOn: 2026-11-10
                """);
        StubBackends backends = new StubBackends();
        Run r = run(backends, "analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant",
                yaml.toString(), "--quiet");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        org.pixelproof.dossier.Complainant c = backends.dossierSettings.complainant();
        assertEquals(java.time.LocalDate.of(2026, 5, 3), c.addressGivenOn());
        assertEquals(org.pixelproof.dossier.AddressPeriod.AFTER_RECOMMENDATION, c.addressGivenPeriod());
        assertEquals(Boolean.FALSE, c.objectToMarketing());
        assertEquals("Alex Martin", c.actingFor());
        assertEquals(Boolean.FALSE, c.mandate());
        assertEquals(null, c.priorRequest().content(), "no content is invented for the prior request");

        Path never = Files.writeString(tmp.resolve("never.yaml"), "addressNeverGiven: true\n");
        run(backends, "analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant", never.toString(),
                "--quiet");
        assertTrue(backends.dossierSettings.complainant().neverGaveAddress());

        Path wrong = Files.writeString(tmp.resolve("period.yaml"), "addressGivenPeriod: soon\n");
        Run bad = run("analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant", wrong.toString());
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertTrue(bad.err().contains("expected before or after"), bad.err());

        Path future = Files.writeString(tmp.resolve("future.yaml"), """
                priorRequest:
                  sentOn: 2999-12-10
                  content: J'ai demandé par e-mail la suppression de mes données.
                """);
        Run late = run("analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant", future.toString());
        assertEquals(ExitCodes.USAGE, late.exit());
        assertTrue(late.err().contains("priorRequest.sentOn: The date of the request to the organisation "
                + "(10 December 2999) is in the future"), late.err());

        Path impossible = Files.writeString(tmp.resolve("impossible.yaml"), "addressGivenWhen: 2024-13-45\n");
        Run typo = run("analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant",
                impossible.toString());
        assertEquals(ExitCodes.USAGE, typo.exit());
        assertTrue(typo.err().contains("addressGivenWhen: When the address was given: \"2024-13-45\" is not a date "
                + "that exists"), typo.err());
        Path words = Files.writeString(tmp.resolve("words.yaml"), "addressGivenWhen: spring 2021\n");
        run(backends, "analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant", words.toString(),
                "--quiet");
        assertEquals("spring 2021", backends.dossierSettings.complainant().addressGivenWhen());
    }

    @Test
    void aComplainantDateThatIsNotADateStopsWithAUsageErrorNamingTheField() throws IOException {
        Path yaml = Files.writeString(tmp.resolve("bad-dates.yaml"), """
                name: Alex Martin
                addressGivenOn: 2024-02-30
                priorRequest:
                  sentOn: 30/02/2024
                  content: Je m'oppose au suivi de mes ouvertures.
                  answeredOn: hier
                """);
        StubBackends backends = new StubBackends();
        Run bad = run(backends, "analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant",
                yaml.toString());
        assertEquals(ExitCodes.USAGE, bad.exit(), bad.err());
        assertEquals(null, backends.dossierSettings, "no dossier is made");
        assertTrue(bad.err().contains("--complainant " + yaml + ": addressGivenOn: The date the address was given: "
                + "\"2024-02-30\" is not a date that exists. Give it as year-month-day (for example 2024-03-05)"),
                bad.err());
        assertTrue(bad.err().contains("priorRequest.sentOn: The date of the request to the organisation: "
                + "\"30/02/2024\" is not a date written year-month-day"), bad.err());
        assertTrue(bad.err().contains("priorRequest.answeredOn: The date of the answer: \"hier\" is not a date"),
                bad.err());

        // a number would otherwise be read as days since 1970
        Path number = Files.writeString(tmp.resolve("number.yaml"), "addressGivenOn: 20240305\n");
        Run n = run("analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant", number.toString());
        assertEquals(ExitCodes.USAGE, n.exit());
        assertTrue(n.err().contains("addressGivenOn: The date the address was given: \"20240305\" is not a date"),
                n.err());

        // a YAML date, quoted or not, and an empty value are fine
        Path good = Files.writeString(tmp.resolve("good-dates.yaml"), """
                addressGivenOn: 2024-03-05
                priorRequest:
                  sentOn: "2025-11-02"
                  answeredOn: ""
                """);
        Run ok = run(backends, "analyze", N1, "--pdf", tmp.resolve("pdf").toString(), "--complainant",
                good.toString(), "--quiet");
        assertEquals(ExitCodes.OK, ok.exit(), ok.err());
        org.pixelproof.dossier.Complainant c = backends.dossierSettings.complainant();
        assertEquals(java.time.LocalDate.of(2024, 3, 5), c.addressGivenOn());
        assertEquals(java.time.LocalDate.of(2025, 11, 2), c.priorRequest().sentOn());
        assertEquals(null, c.priorRequest().answeredOn());
    }

    @Test
    void pdfWritesOneDossierPerEmail() throws IOException {
        StubBackends backends = new StubBackends();
        Path dir = tmp.resolve("dossiers");
        Run r = run(backends, "analyze", N1, ORDER, N2, "--pdf", dir.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        // the order confirmation has no tracker: no complaint dossier for it, and stderr says so
        assertEquals(List.of("newsletter-1.pdf", "newsletter-2.pdf"), pdfs(dir));
        List<List<String>> index = readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(DossierIndex.COLUMNS, index.get(0));
        assertEquals(List.of("newsletter-1.pdf", "gazette-exemple.fr", "1", N1), index.get(1).subList(0, 4));
        assertEquals(64, index.get(1).get(4).length(), "the e-mail's SHA-256");
        assertEquals(2, backends.dossiers.size());
        assertTrue(Files.readString(dir.resolve("newsletter-2.pdf")).contains(N2));
        assertTrue(r.err().contains("--pdf: no dossier for 1 e-mail(s) without any tracker found: nothing to "
                + "complain about"), r.err());
    }

    @Test
    void theIndexOfADossierFolderListsItsDossiersAcrossRuns() throws IOException {
        Path dir = tmp.resolve("dossiers");
        String n4 = Files.writeString(tmp.resolve("newsletter-4.eml"), "X-Test-Copy: 4\r\n"
                + Files.readString(Path.of(N1))).toString();
        String n1 = Files.copy(Path.of(N1), tmp.resolve("newsletter-1.eml")).toString(); // one folder: short names
        String n2 = Files.copy(Path.of(N2), tmp.resolve("newsletter-2.eml")).toString();
        Run first = run("analyze", n1, n2, n4, "--pdf", dir.toString());
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        assertEquals(List.of("newsletter-1.pdf", "newsletter-2.pdf", "newsletter-4.pdf"), pdfs(dir));
        Files.delete(dir.resolve("newsletter-2.pdf")); // the user removed one
        // the second run replaces newsletter-1.pdf with another e-mail of that name and adds newsletter-3.pdf
        Path other = Files.createDirectories(tmp.resolve("other"));
        String otherN1 = Files.writeString(other.resolve("newsletter-1.eml"), "X-Test-Copy: 1b\r\n"
                + Files.readString(Path.of(N1))).toString();
        String n3 = Files.writeString(other.resolve("newsletter-3.eml"), "X-Test-Copy: 3\r\n"
                + Files.readString(Path.of(N2))).toString();
        Run second = run("analyze", otherN1, n3, "--pdf", dir.toString(), "--quiet");
        assertEquals(ExitCodes.OK, second.exit(), second.err());
        assertEquals("pixelproof: --pdf: " + dir + " already holds 3 file(s); this run's dossiers are added, replacing"
                + " those of the same name, and index.csv keeps the rows of the dossiers still there\n",
                second.err().replace("\r\n", "\n"), "a warning about the files on disk survives --quiet");
        List<List<String>> index = readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(DossierIndex.COLUMNS, index.get(0));
        assertEquals(List.of(List.of("newsletter-4.pdf", n4), List.of("newsletter-1.pdf", otherN1),
                List.of("newsletter-3.pdf", n3)), index.subList(1, index.size()).stream()
                        .map(row -> List.of(row.get(0), row.get(3))).toList(),
                "the row of a dossier still there kept, of a removed one dropped, of a replaced one replaced");
        assertEquals(StubBackends.sha256(Files.readAllBytes(Path.of(otherN1))), index.get(2).get(4));
        assertEquals(List.of("index.csv", "newsletter-1.pdf", "newsletter-3.pdf", "newsletter-4.pdf"), list(dir),
                "no temporary file left");
    }

    @Test
    void theIndexOfAPerSenderFolderListsTheSendersOfEveryRun() throws IOException {
        Path dir = tmp.resolve("senders");
        Path other = Files.writeString(tmp.resolve("other.eml"), Files.readString(Path.of(N1))
                .replace("lettre@gazette-exemple.fr", "news@autre-exemple.fr"));
        assertEquals(ExitCodes.OK, run("analyze", N1, "--sender-pdf", dir.toString()).exit());
        assertEquals(ExitCodes.OK, run("analyze", other.toString(), "--sender-pdf", dir.toString()).exit());
        assertEquals(List.of("autre-exemple.fr.pdf", "gazette-exemple.fr.pdf"), pdfs(dir));
        List<List<String>> index = readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(List.of(List.of("gazette-exemple.fr.pdf", N1), List.of("autre-exemple.fr.pdf", other.toString())),
                index.subList(1, index.size()).stream().map(row -> List.of(row.get(0), row.get(3))).toList());
    }

    @Test
    void anEarlierIndexThatCannotBeReadIsSaidAndReplaced() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dossiers"));
        Files.writeString(dir.resolve("old.pdf"), "%PDF-old");
        Files.writeString(dir.resolve(DossierIndex.FILE_NAME), "dossier,sender,emails,inputs,sha256\r\n"
                + "old.pdf,old.example,1,old.eml,abc\r\n\"unclosed,quote\r\n");
        Run r = run("analyze", N1, "--pdf", dir.toString(), "--quiet");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains(dir.resolve(DossierIndex.FILE_NAME) + " could not be read past its row 2 (not a"
                + " CSV of the expected shape): the rows after it are left out of the new index"), r.err());
        List<List<String>> index = readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(List.of("old.pdf", "newsletter-1.pdf"), index.subList(1, 3).stream().map(row -> row.get(0))
                .toList());
    }

    @Test
    void bySenderWritesOneDossierPerSendingOrganisationGatheringItsEmails() throws IOException {
        StubBackends backends = new StubBackends();
        Path dir = tmp.resolve("by-sender");
        Run r = run(backends, "analyze", N1, ORDER, N2, "--pdf", dir.toString(), "--by-sender");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("gazette-exemple.fr.pdf"), pdfs(dir));
        assertEquals("%PDF-stub\n" + N1 + "\n" + N2 + "\n", Files.readString(dir.resolve("gazette-exemple.fr.pdf")));
        assertTrue(r.err().contains("--by-sender: 1 e-mail(s) without any tracker found left out of the dossiers "
                + "(nothing to complain about); no dossier for 1 sender(s) with nothing to complain about: "
                + "boutique-exemple.com"), r.err());
    }

    @Test
    void bySenderSplitsLargeSendersIntoParts() throws IOException {
        Path dir = tmp.resolve("parts");
        // a third, distinct e-mail of the same sender (the same file twice would count once)
        String n3 = Files.writeString(tmp.resolve("newsletter-3.eml"), "X-Test-Copy: 3\r\n"
                + Files.readString(Path.of(N1))).toString();
        Run r = run("analyze", N1, N2, n3, "--pdf", dir.toString(), "--by-sender", "--max-per-dossier", "2");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("gazette-exemple.fr-part2.pdf", "gazette-exemple.fr.pdf"), pdfs(dir));
        List<List<String>> index = readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(List.of(List.of("gazette-exemple.fr.pdf", "gazette-exemple.fr"), List.of("gazette-exemple.fr-part2.pdf",
                "gazette-exemple.fr")), index.subList(1, 3).stream().map(row -> row.subList(0, 2)).toList());
        assertEquals("%PDF-stub\n" + n3 + "\n", Files.readString(dir.resolve("gazette-exemple.fr-part2.pdf")));
        // each row names the inputs its dossier holds, and their SHA-256s, in the same order
        assertEquals(List.of("2", N1 + "; " + N2), index.get(1).subList(2, 4));
        assertEquals(List.of("1", n3), index.get(2).subList(2, 4));
        String[] hashes = index.get(1).get(4).split("; ");
        assertEquals(2, hashes.length);
        assertTrue(hashes[0].matches("[0-9a-f]{64}") && hashes[1].matches("[0-9a-f]{64}"), index.get(1).get(4));
        assertFalse(hashes[0].equals(hashes[1]), "two different e-mails");
        assertTrue(index.get(2).get(4).matches("[0-9a-f]{64}"), index.get(2).get(4));
    }

    @Test
    void anUnwritableOutputStopsTheRunWithItsOwnExitCode() throws IOException {
        Path target = tmp.resolve("no/such/dir/out.jsonl");
        Run r = run("analyze", N1, "--jsonl", target.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, r.exit());
        assertTrue(r.err().contains("cannot write " + target + ": no such folder (" + target.getParent()
                + " does not exist; create it first)"), r.err());
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Run pdf = run("analyze", N1, "--pdf", file.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, pdf.exit());
        assertTrue(pdf.err().contains("cannot write " + file + ": a file of that name is in the way"), pdf.err());
    }

    @Test
    void theSameMessageGivenTwiceIsCountedOnceInTheSummaryAndTheDossiers() throws IOException {
        // the same e-mail in a Maildir and as a loose file (identical bytes, identical SHA-256)
        Path maildir = Files.createDirectories(tmp.resolve("Maildir/cur"));
        Files.createDirectories(tmp.resolve("Maildir/new"));
        Files.createDirectories(tmp.resolve("Maildir/tmp"));
        Path copy = Files.copy(Path.of(N1), maildir.resolve("1761033000.M1P1.host:2,S"));
        StubBackends backends = new StubBackends();
        Path dir = tmp.resolve("by-sender");
        Path csv = tmp.resolve("out.csv");
        Run r = run(backends, "analyze", N1, N2, tmp.resolve("Maildir").toString(), "--pdf", dir.toString(),
                "--by-sender", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of(List.of(N1, N2)), backends.dossiers, "the duplicate is in the dossier once");
        assertTrue(r.err().contains("Analysed 2 e-mails:"), r.err());
        assertTrue(r.err().contains("1 e-mail(s) given twice (the same message as an earlier input, line ends and"
                + " mail-program state fields aside), counted once: " + copy + " = " + N1), r.err());
        assertTrue(r.err().contains("--by-sender: 1 e-mail(s) given twice"), r.err());
        assertTrue(r.err().matches("(?s).*\\bgazette-exemple\\.fr\\s+2\\s+\\d+\\s+2\\s+2\\s+.*"),
                "by-sender row counts 2 (e-mails with id, trackers, e-mails, with trackers): " + r.err());
        List<List<String>> rows = readCsv(Files.readString(csv));
        assertEquals(3, rows.size() - 1, "one CSV row per input");
        assertEquals("", col(rows.get(1), "duplicate_of"));
        assertEquals(N1, col(rows.get(3), "duplicate_of"));
    }

    @Test
    void theHelpDoesNotCutTheWebAddress() {
        Run top = run("--help");
        assertTrue(top.out().contains("http://localhost:8080"), top.out());
        Run analyze = run("analyze", "--help");
        assertFalse(analyze.out().matches("(?s).*https?:\\s*\\n.*"), analyze.out());
    }

    @Test
    void theSameMessageInAnMboxWithLfLineEndsAndAsALooseCrlfFileIsOneMessage() throws IOException {
        // the .eml saved from the mail client has CRLF line ends; the mbox export changed them to LF
        String lf = Files.readString(Path.of(N1));
        Path eml = Files.writeString(tmp.resolve("saved.eml"), lf.replace("\n", "\r\n"));
        Path mbox = Files.writeString(tmp.resolve("export.mbox"), "From lettre@gazette-exemple.fr Tue Oct 14 08:30:00"
                + " 2025\n" + lf + "\n");
        StubBackends backends = new StubBackends();
        Path perSender = tmp.resolve("by-sender");
        Path perEmail = tmp.resolve("per-email");
        Path csv = tmp.resolve("out.csv");
        Path jsonl = tmp.resolve("out.jsonl");
        Run r = run(backends, "analyze", eml.toString(), mbox.toString(), "--pdf", perEmail.toString(),
                "--sender-pdf", perSender.toString(), "--csv", csv.toString(), "--jsonl", jsonl.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("Analysed 1 e-mail:"), r.err());
        assertTrue(r.err().contains("1 e-mail(s) given twice (the same message as an earlier input, line ends and"
                + " mail-program state fields aside), counted once: " + mbox + "#1 = " + eml), r.err());
        assertEquals(List.of("saved.pdf"), pdfs(perEmail), "one dossier for the two copies");
        assertEquals("%PDF-stub\n" + eml + "\n", Files.readString(perSender.resolve("gazette-exemple.fr.pdf")),
                "the sender's dossier holds the message once");
        List<List<String>> rows = readCsv(Files.readString(csv));
        assertEquals(List.of("", eml.toString()), List.of(col(rows.get(1), "duplicate_of"),
                col(rows.get(2), "duplicate_of")));
        // each output keeps the exact SHA-256 of the bytes it analysed
        String crlfSha = StubBackends.sha256(Files.readAllBytes(eml));
        String lfSha = StubBackends.sha256(lf.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(crlfSha, lfSha), List.of(col(rows.get(1), "sha256"), col(rows.get(2), "sha256")));
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(lfSha, CliJson.mapper().readTree(lines.get(1)).get("sha256").asText());
        // the JSON Lines say which line is a copy, as the CSV does
        assertFalse(CliJson.mapper().readTree(lines.get(0)).has("duplicateOf"), lines.get(0));
        assertEquals(eml.toString(), CliJson.mapper().readTree(lines.get(1)).get("duplicateOf").asText());
    }

    @Test
    void aFinalNewlineMoreOrLessOrAMailProgramStateFieldIsTheSameMessageButAChangedHeaderIsNot() throws IOException {
        String lf = Files.readString(Path.of(N1));
        Path withoutFinalNewline = Files.writeString(tmp.resolve("a.eml"), lf.replaceAll("\n+$", "")
                .replace("\n", "\r\n"));
        Path withBlankLines = Files.writeString(tmp.resolve("b.eml"), lf + "\n\n");
        Path status = Files.writeString(tmp.resolve("c.eml"), "Status: RO\nX-Mozilla-Status: 0001\n" + lf);
        Path mailer = Files.writeString(tmp.resolve("d.eml"), "X-Mailer: Exemple 1.0\n" + lf);
        Run r = run("analyze", N1, withoutFinalNewline.toString(), withBlankLines.toString(), status.toString(),
                mailer.toString(), "--csv", "-");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<List<String>> rows = readCsv(r.out());
        assertEquals(List.of("", N1, N1, N1, ""), rows.subList(1, 6).stream().map(row -> col(row, "duplicate_of"))
                .toList());
    }

    @Test
    void aClosedStdoutStopsTheRun() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pipe"));
        for (int i = 0; i < 200; i++) {
            Files.copy(Path.of(N1), dir.resolve("n" + i + ".eml"));
        }
        OutputStream closedAfterAFewBytes = new OutputStream() {
            int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 3000) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        int exit = PixelProofCommand.execute(new String[] {"analyze", dir.toString(), "--jsonl", "-"},
                closedAfterAFewBytes, new ByteArrayOutputStream(), false, new StubBackends());
        assertEquals(ExitCodes.OUTPUT_ERROR, exit);
    }

    /** @return the names of the PDF files of a folder, sorted */
    static List<String> pdfs(Path dir) throws IOException {
        return list(dir).stream().filter(n -> n.endsWith(".pdf")).toList();
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
