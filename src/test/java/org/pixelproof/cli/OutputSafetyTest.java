package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line writes stays where the user asked, under names of its own, and safe to look at: dossier
 * names never collide within a run, no output overwrites or is read as an input, links planted in a dossier folder are
 * replaced rather than followed, and the human lines on stdout carry no control or bidirectional characters from the
 * e-mails. Over the {@link StubBackends} engine.
 */
class OutputSafetyTest {
    @TempDir
    Path tmp;

    /** A message the stub engine finds a tracker in, from {@code from}, told apart by {@code tag}. */
    static String tracked(String from, String tag) {
        return "From: Shop <" + from + ">\r\nTo: alex.martin@example.org\r\nSubject: " + tag + "\r\n"
                + "Date: Mon, 02 Mar 2026 10:00:00 +0100\r\nContent-Type: text/html\r\n\r\n"
                + "<img src=\"https://ouverture.mailexemple.com/o/" + tag + ".gif\" width=1 height=1>\r\n";
    }

    private Path write(String relative, String content) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    /** @return the index rows, without the header, as lists of columns */
    private static List<List<String>> index(Path dir) throws IOException {
        List<List<String>> rows = AnalyzeCommandTest.readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(DossierIndex.COLUMNS, rows.get(0));
        return rows.subList(1, rows.size());
    }

    private static List<String> pdfs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pdf")).sorted().toList();
        }
    }

    /** Every row names its own dossier, which holds exactly the inputs the row says (the stub writes them in it). */
    private static void assertIndexMatchesFiles(Path dir, int expected) throws IOException {
        List<List<String>> rows = index(dir);
        assertEquals(expected, rows.size(), rows.toString());
        Set<String> names = new HashSet<>();
        for (List<String> row : rows) {
            assertTrue(names.add(row.get(0).toLowerCase()), "two rows for " + row.get(0) + ": " + rows);
            String pdf = Files.readString(dir.resolve(row.get(0)));
            assertEquals("%PDF-stub\n" + String.join("\n", row.get(3).split("; ")) + "\n", pdf, row.toString());
        }
        assertEquals(expected, pdfs(dir).size(), pdfs(dir).toString());
    }

    @Test
    void aSenderNamedLikeAnotherSendersSecondPartGetsADossierOfItsOwn() throws IOException {
        Path a1 = write("in/a1.eml", tracked("news@shop.example", "a1"));
        Path a2 = write("in/a2.eml", tracked("news@shop.example", "a2"));
        Path b = write("in/b.eml", tracked("news@shop.example-part2", "b"));
        Path out = tmp.resolve("by-sender");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", a1.toString(), a2.toString(), b.toString(),
                "--sender-pdf", out.toString(), "--max-per-dossier", "1", "--threads", "3");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertIndexMatchesFiles(out, 3);
        String suffix = BySenderSink.senderSuffix("shop.example-part2");
        assertEquals(List.of("shop.example-part2-" + suffix + ".pdf", "shop.example-part2.pdf", "shop.example.pdf"),
                pdfs(out));
        assertEquals(List.of(b.toString()), index(out).stream().filter(row -> row.get(1).equals("shop.example-part2"))
                .map(row -> row.get(3)).toList());
    }

    @Test
    void aPerEmailDossierNeverTakesTheNameAnEarlierDossierGotWithItsSuffix() throws IOException {
        // a.eml and a.msg both want a.pdf; the files of one folder are named without it (DossierNames)
        Path d2 = write("in/a.msg", tracked("news@shop.example", "d2"));
        String sha8 = StubBackends.sha256(Files.readAllBytes(d2)).substring(0, 8);
        Path z = write("in/a-" + sha8 + ".eml", tracked("news@shop.example", "z"));
        Path d1 = write("in/a.eml", tracked("news@shop.example", "d1"));
        Path upper = write("in/A.eml", tracked("news@shop.example", "upper")); // beside a.eml on Linux
        Path out = tmp.resolve("pdf");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", z.toString(), d1.toString(), d2.toString(),
                upper.toString(), "--pdf", out.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertIndexMatchesFiles(out, 4);
        List<List<String>> rows = index(out);
        assertEquals("a-" + sha8 + ".pdf", rows.get(0).get(0));
        assertEquals("a.pdf", rows.get(1).get(0));
        assertEquals("a-" + sha8 + "-2.pdf", rows.get(2).get(0), "the suffixed name is taken: a counter follows");
        String upperSha8 = StubBackends.sha256(Files.readAllBytes(upper)).substring(0, 8);
        assertEquals("A-" + upperSha8 + ".pdf", rows.get(3).get(0), "A.pdf and a.pdf are one file on macOS");
    }

    @Test
    void namesAreReservedAsAGroupAndComparedWithoutCase() throws IOException {
        try (DossierFolder folder = new DossierFolder(tmp, tmp)) {
            assertEquals("x", folder.reserve("x", ".pdf", "11111111"));
            assertEquals("X-11111111", folder.reserve("X", ".pdf", "11111111"));
            assertEquals("x-11111111-2", folder.reserve("x", ".pdf", "11111111"));
            assertEquals("s", folder.reserveAll("s", List.of("", "-part2"), ".pdf", "22222222"));
            assertEquals("s-part2-33333333", folder.reserveAll("s-part2", List.of(""), ".pdf", "33333333"));
            assertEquals("s-44444444", folder.reserveAll("s", List.of(""), ".pdf", "44444444"));
        }
    }

    @Test
    void anOutputFileThatIsAnInputIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path box = write("box.mbox", "From a@example.org Mon Jan  1 00:00:00 2025\n" + tracked("a@shop.example", "m"));
        byte[] before = Files.readAllBytes(box);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", box.toString(), "--jsonl", box.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--jsonl " + box + " is also the input " + box), r.err());
        assertArrayEquals(before, Files.readAllBytes(box));

        Path link = tmp.resolve("link.csv");
        Files.createSymbolicLink(link, box);
        r = AnalyzeCommandTest.run("analyze", box.toString(), "--csv", link.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertArrayEquals(before, Files.readAllBytes(box), "through a link too");

        Path complainant = write("me.yaml", "name: Alex Martin\n");
        r = AnalyzeCommandTest.run("analyze", box.toString(), "--complainant", complainant.toString(), "--pdf",
                tmp.resolve("d").toString(), "--csv", complainant.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals("name: Alex Martin\n", Files.readString(complainant));
        assertFalse(Files.exists(tmp.resolve("d")), "nothing created");

        r = AnalyzeCommandTest.run("analyze", box.toString(), "--csv", tmp.resolve("same").toString(), "--jsonl",
                tmp.resolve("./same").toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("same file"), r.err());
    }

    @Test
    void anOutputThatIsOneOfTheInputsOfAFolderIsRefusedAsSuch() throws IOException {
        Path dir = tmp.resolve("mail");
        Path one = write("mail/one.eml", tracked("a@shop.example", "one"));
        Path notes = write("mail/sub/notes.txt", "not an e-mail, but read by the walk all the same\n");
        Path hidden = write("mail/.summary.csv", "an earlier output, hidden\n");
        for (String option : List.of("--jsonl", "--csv")) {
            for (Path input : List.of(one, notes)) {
                byte[] before = Files.readAllBytes(input);
                AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", dir.toString(), option,
                        input.toString());
                assertEquals(ExitCodes.USAGE, r.exit(), r.err());
                assertTrue(r.err().contains(option + " " + input + " is itself one of the inputs found in the input "
                        + "folder " + dir + ": writing it would overwrite that input"), r.err());
                assertArrayEquals(before, Files.readAllBytes(input));
            }
        }
        // a hidden file is not an input of the walk: said as before
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", dir.toString(), "--csv", hidden.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("lies inside the input folder"), r.err());
    }

    @Test
    void anOutputInsideAnInputFolderIsRefused() throws IOException {
        Path dir = tmp.resolve("mail");
        write("mail/one.eml", tracked("a@shop.example", "one"));
        Path jsonl = dir.resolve("zz.jsonl");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", dir.toString(), "--jsonl", jsonl.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("lies inside the input folder"), r.err());
        assertFalse(Files.exists(jsonl));

        r = AnalyzeCommandTest.run("analyze", dir.toString(), "--pdf", dir.resolve("dossiers").toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertFalse(Files.exists(dir.resolve("dossiers")));
        r = AnalyzeCommandTest.run("analyze", dir.toString(), "--sender-pdf", dir.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());

        // an input the run could replace: a file named like what it writes in a dossier folder
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path named = write("out/index.csv", tracked("a@shop.example", "index"));
        r = AnalyzeCommandTest.run("analyze", named.toString(), "--pdf", out.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        r = AnalyzeCommandTest.run("analyze", dir.toString(), "--pdf", out.toString(), "--csv",
                out.resolve("INDEX.CSV").toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());

        // beside the inputs and the dossiers is fine
        r = AnalyzeCommandTest.run("analyze", dir.toString(), "--pdf", out.toString(), "--csv",
                out.resolve("summary.csv").toString(), "--jsonl", tmp.resolve("all.jsonl").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("one.pdf")));
    }

    @Test
    void linksPlantedInADossierFolderAreReplacedNotFollowed() throws IOException {
        Path a1 = write("in/a1.eml", tracked("news@shop.example", "a1"));
        Path outside = write("elsewhere/precious.txt", "do not touch\n");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("a1.pdf"), outside);
        Files.createSymbolicLink(out.resolve(DossierIndex.FILE_NAME), outside);
        Path bySender = Files.createDirectories(tmp.resolve("by-sender"));
        Files.createSymbolicLink(bySender.resolve("shop.example.pdf"), outside);
        Files.createSymbolicLink(bySender.resolve(DossierIndex.FILE_NAME), outside);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", a1.toString(), "--pdf", out.toString(),
                "--sender-pdf", bySender.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals("do not touch\n", Files.readString(outside));
        for (Path p : List.of(out.resolve("a1.pdf"), out.resolve(DossierIndex.FILE_NAME),
                bySender.resolve("shop.example.pdf"), bySender.resolve(DossierIndex.FILE_NAME))) {
            assertTrue(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS), p + " replaced by a file");
        }
        assertIndexMatchesFiles(out, 1);
        assertIndexMatchesFiles(bySender, 1);
        assertTrue(r.err().contains("is a symbolic link"), r.err());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void theIndexGetsTheSamePermissionsAsTheDossiersItLists() throws IOException {
        Path a1 = write("in/a1.eml", tracked("news@shop.example", "a1"));
        Path out = tmp.resolve("out");
        Path bySender = tmp.resolve("by-sender");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", a1.toString(), "--pdf", out.toString(),
                "--sender-pdf", bySender.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        Assumptions.assumeTrue(Files.getFileStore(out).supportsFileAttributeView("posix"), "no POSIX permissions");
        Set<PosixFilePermission> pdf = Files.getPosixFilePermissions(out.resolve("a1.pdf"));
        Assumptions.assumeTrue(pdf.contains(PosixFilePermission.GROUP_READ)
                || pdf.contains(PosixFilePermission.OTHERS_READ), "a umask that makes every new file owner-only");
        assertEquals(PosixFilePermissions.toString(pdf),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(DossierIndex.FILE_NAME))),
                "index.csv follows the umask as the dossiers do");
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(bySender.resolve("shop.example.pdf"))),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(bySender.resolve(DossierIndex.FILE_NAME))));
    }

    @Test
    void theLinesOnStdoutCarryNoControlOrBidiCharactersFromTheInputs() throws IOException {
        Path forged = write("in/x\n\u001b[31mFAKE: NO_TRACKING_FOUND\u0007\u202e.eml", tracked("a@shop.example", "f"));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", forged.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().contains("x??[31mFAKE: NO_TRACKING_FOUND?[U+202E].eml: TRACKING_WITHOUT_CONSENT_MARKERS"),
                r.out());
        for (String stream : List.of(r.out(), r.err())) {
            assertTrue(stream.chars().noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f || c == 0x202e), stream);
        }
    }

    @Test
    void aTrackerHostWrittenWithEscapesReachesTheOneLineResultCleaned() throws Exception {
        String eml = "From: C <news@c.example>\r\nTo: alex.martin@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>"
                + "<img src=\"https://t\u001b[2K\u001b]0;owned\u0007.example/o.gif?u=alex.martin@example.org\" width=1 "
                + "height=1><img src=\"https://t.\u202ey.example/o.gif?u=alex.martin@example.org\" width=1 height=1>"
                + "</body></html>\r\n";
        var a = new org.pixelproof.analysis.Analyzer(org.pixelproof.rules.RuleSetLoader.loadDefault(),
                org.pixelproof.ingest.IngestLimits.DEFAULT, org.pixelproof.authenticity.AuthenticityChecker.offline(),
                java.time.Clock.systemUTC()).analyze(eml.getBytes(StandardCharsets.UTF_8), "esc.eml",
                        org.pixelproof.analysis.AnalysisOptions.DEFAULT);
        assertEquals(2, a.trackers().size(), a.trackers().toString());
        String line = TextSink.line(a);
        assertEquals("esc.eml: TRACKING_WITHOUT_CONSENT_MARKERS, 2 trackers (t?[2k?]0;owned?.example, "
                + "t.[U+202E]y.example)", line);
    }

    @Test
    void printableShowsBidiControlsAsTheDossierDoes() {
        assertEquals("t?]0;owned?.example", Reporter.printable("t\u001b]0;owned\u0007.example"));
        assertEquals("a?b?c", Reporter.printable("a\u2028b\nc"));
        assertEquals("news@[U+202E]elpmaxe.live", Reporter.printable("news@\u202eelpmaxe.live"));
    }

    @Test
    void csvShowsBidiControlsAsTheDossierDoes() {
        assertEquals("Bank[U+202E]gpj.exe", CsvSink.text("Bank\u202egpj.exe"));
        assertEquals("'=x[U+2066]", CsvSink.text("=x\u2066"));
        assertEquals("[U+202E]=cmd", CsvSink.text("\u202e=cmd"), "no formula once revealed");
    }
}
