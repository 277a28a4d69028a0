package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.analysis.Analysis;

/**
 * What the run keeps per e-mail stays small and bounded: duplicate detection keeps a compact key per distinct message
 * and the names in an unlinked temporary file; the summary keeps a bounded number of sender rows.
 */
class RunMemoryTest {
    @TempDir
    Path tmp;

    private static String key(int i) {
        return StubBackends.sha256(("message " + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void duplicatesAreFoundAmongManyMessagesWithTheNameOfTheFirst() throws IOException {
        try (SeenMessages seen = new SeenMessages(tmp)) {
            for (int i = 0; i < 20_000; i++) {
                assertNull(seen.firstOrAdd(key(i), "box.mbox#" + (i + 1) + (i % 7 == 0 ? "-\u00e9t\u00e9" : "")));
            }
            assertEquals(20_000, seen.size());
            assertEquals("box.mbox#1-\u00e9t\u00e9", seen.firstOrAdd(key(0), "copy.eml"));
            assertEquals("box.mbox#12346", seen.firstOrAdd(key(12_345), "copy.eml"));
            assertEquals("box.mbox#19999", seen.firstOrAdd(key(19_998), "again.eml"));
            assertEquals(20_000, seen.size(), "a copy is not recorded again");
            String longName = "x".repeat(100_000);
            assertNull(seen.firstOrAdd(key(-1), longName));
            assertEquals(longName, seen.firstOrAdd(key(-1), "y"), "a name longer than the write buffer");
        }
    }

    @Test
    void twoKeysThatShareTheirFirstBitsAreTwoMessages() throws IOException {
        String a = "ab".repeat(32);
        byte[] b = HexFormat.of().parseHex(a);
        b[31] ^= 1; // the same first 88 bits, another message
        String other = HexFormat.of().formatHex(b);
        try (SeenMessages seen = new SeenMessages(tmp)) {
            assertNull(seen.firstOrAdd(a, "a.eml"));
            assertNull(seen.firstOrAdd(other, "b.eml"), "not taken for a.eml on its first bits");
            assertEquals("a.eml", seen.firstOrAdd(a, "c.eml"));
            assertEquals("b.eml", seen.firstOrAdd(other, "d.eml"));
        }
    }

    @Test
    void theNamesLeaveNoFileBehind() throws IOException {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "an open file is unlinked only where the system allows it");
        try (SeenMessages seen = new SeenMessages(tmp)) {
            assertFalse(seen.inMemory());
            seen.firstOrAdd(key(1), "/home/alex/Mail/private.eml");
            assertEquals(List.of(), AnalyzeCommandTest.list(tmp), "unlinked as soon as opened");
            assertEquals("/home/alex/Mail/private.eml", seen.firstOrAdd(key(1), "copy.eml"));
        }
    }

    @Test
    void withoutATemporaryFolderTheNamesAreKeptInMemory() throws IOException {
        try (SeenMessages seen = new SeenMessages(tmp.resolve("does-not-exist"))) {
            assertTrue(seen.inMemory());
            assertNull(seen.firstOrAdd(key(1), "a.eml"));
            assertEquals("a.eml", seen.firstOrAdd(key(1), "b.eml"));
        }
    }

    @Test
    void aNameSetTellsNamesApartExactlyWhenTheirHashesCollide() throws IOException {
        try (NameSet names = new NameSet(tmp, name -> 42L)) { // every name collides with every other
            for (int i = 0; i < 1_000; i++) {
                assertTrue(names.add("message-" + i + ".pdf"), "a name that only shares a hash is not there");
            }
            assertEquals(1_000, names.size());
            assertFalse(names.add("message-7.pdf"), "the same name is there");
            assertTrue(names.contains("message-999.pdf"));
            assertFalse(names.contains("message-1000.pdf"));
            assertFalse(names.contains("Message-7.pdf"), "compared exactly: the caller folds case if it wants");
            assertEquals(1_000, names.size());
        }
    }

    @Test
    void aNameSetHoldsManyNamesWithItsOwnHash() throws IOException {
        try (NameSet names = new NameSet(tmp)) {
            for (int i = 0; i < 20_000; i++) {
                assertTrue(names.add("box.mbox-" + i + (i % 5 == 0 ? "-\u00e9t\u00e9" : "") + ".pdf"));
            }
            assertEquals(20_000, names.size());
            assertTrue(names.contains("box.mbox-0-\u00e9t\u00e9.pdf"));
            assertTrue(names.contains("box.mbox-19999.pdf"));
            assertFalse(names.contains("box.mbox-20000.pdf"));
            assertFalse(names.add("box.mbox-12346.pdf"));
            String longName = "x".repeat(100_000);
            assertTrue(names.add(longName), "a name longer than the log's write buffer");
            assertTrue(names.contains(longName));
            assertFalse(names.inMemory());
        }
    }

    @Test
    void dossierNamesStayUniqueWhenTheirHashesCollide() throws IOException {
        try (DossierFolder folder = new DossierFolder(tmp, new NameSet(tmp, name -> 7L))) {
            assertEquals("a", folder.reserve("a", ".pdf", "11111111"));
            assertEquals("b", folder.reserve("b", ".pdf", "22222222"), "a collision alone takes no name");
            assertEquals("A-33333333", folder.reserve("A", ".pdf", "33333333"), "a.pdf is taken, whatever the case");
            assertEquals("a-44444444", folder.reserve("a", ".pdf", "44444444"));
            assertEquals("a-44444444-2", folder.reserve("a", ".pdf", "44444444"));
            assertEquals("s", folder.reserveAll("s", List.of("", "-part2"), ".pdf", "55555555"));
            assertEquals("s-part2-66666666", folder.reserveAll("s-part2", List.of(""), ".pdf", "66666666"));
        }
    }

    @Test
    void theIndexKeepsEveryEarlierRowStillTrueWhenNamesCollide() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dossiers"));
        Reporter quiet = new Reporter(new java.io.PrintWriter(new java.io.ByteArrayOutputStream()), true, false,
                false);
        DossierIndex first = new DossierIndex(dir, quiet, tmp, new NameSet(tmp, name -> 7L));
        for (String name : List.of("a.pdf", "b.pdf", "c.pdf")) {
            Files.writeString(dir.resolve(name), "%PDF-1 " + name);
            first.add(name, "shop.example", 1, "in/" + name, "00");
        }
        first.close();
        // a second run writes b.pdf again and d.pdf: every name collides with every other in its set
        DossierIndex second = new DossierIndex(dir, quiet, tmp, new NameSet(tmp, name -> 7L));
        for (String name : List.of("b.pdf", "d.pdf")) {
            Files.writeString(dir.resolve(name), "%PDF-2 " + name);
            second.add(name, "shop.example", 1, "again/" + name, "11");
        }
        second.close();
        List<List<String>> rows = AnalyzeCommandTest.readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(List.of(DossierIndex.COLUMNS, List.of("a.pdf", "shop.example", "1", "in/a.pdf", "00", ""),
                List.of("c.pdf", "shop.example", "1", "in/c.pdf", "00", ""),
                List.of("b.pdf", "shop.example", "1", "again/b.pdf", "11", ""),
                List.of("d.pdf", "shop.example", "1", "again/d.pdf", "11", "")), rows,
                "a.pdf and c.pdf kept (a collision drops no row), b.pdf replaced, d.pdf added");
        try (java.util.stream.Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(dir), left.toList(), "no spool or name log left behind");
        }
    }

    private static Outcome outcome(String from, boolean tracked) throws Exception {
        String eml = "From: News <news@" + from + ">\nSubject: s\n\n"
                + (tracked ? "<img src=\"https://ouverture.mailexemple.com/o/7f3a\">\n" : "hello\n");
        Analysis a = StubBackends.analyze(eml.getBytes(StandardCharsets.UTF_8), from + ".eml");
        return new Outcome(0, from + ".eml", a, null, false, List.of(), List.of(), null, false, null, null, null,
                null, "00");
    }

    @Test
    void theSummaryKeepsABoundedNumberOfSenderRowsWithExactTotalsAndAnOtherSendersLine() throws Exception {
        SummarySink summary = new SummarySink(40);
        for (int i = 0; i < 30; i++) {
            summary.accept(outcome("big.example", true));
        }
        for (int i = 0; i < 1_000; i++) {
            summary.accept(outcome("shop" + i + ".example", true));
        }
        for (int i = 0; i < 5; i++) {
            summary.accept(outcome("big.example", true));
        }
        assertTrue(summary.senderRows() <= 40, "rows kept: " + summary.senderRows());
        String text = summary.render(new Reporter.Counts(1035, 0, 0, 0, 0), 0);
        assertTrue(text.contains("Analysed 1,035 e-mails: 1,035 with trackers"), text);
        String big = text.lines().filter(l -> l.startsWith("big.example")).findFirst().orElseThrow();
        assertTrue(big.matches("big\\.example +35 +35 +35 .*"), "exact counts of the largest sender: " + big);
        String other = text.lines().filter(l -> l.startsWith("(other senders)")).findFirst().orElseThrow();
        long shopsShown = text.lines().filter(l -> l.startsWith("shop")).count();
        String rest = String.format(java.util.Locale.ROOT, "%,d", 1_000 - shopsShown);
        assertTrue(other.matches("\\(other senders\\) +" + rest + " +" + rest + " +" + rest + " +" + rest + " +"
                + rest), "the rest summed (e-mails with id, trackers, e-mails, with trackers, address): " + other);
        assertTrue(text.contains("Over 40 senders: to bound memory, "), text);
        String vendor = text.lines().filter(l -> l.startsWith("MailExemple")).findFirst().orElseThrow();
        assertTrue(vendor.matches("MailExemple +1,035 +1,035 +1,035 +1,001 +yes"), "senders counted without keeping "
                + "them: " + vendor);
    }

    @Test
    void aSummaryWithFewSendersIsExactAsBefore() throws Exception {
        SummarySink summary = new SummarySink(40);
        for (int i = 0; i < 30; i++) {
            summary.accept(outcome("shop" + i + ".example", true));
        }
        String text = summary.render(new Reporter.Counts(30, 0, 0, 0, 0), 0);
        assertTrue(text.contains("... and 5 more (--summary-rows 0 prints them all, --senders-csv FILE writes them "
                + "all)"), text);
        assertFalse(text.contains("(other senders)"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("MailExemple +30 +30 +30 +30 +yes")), text);
    }
}
