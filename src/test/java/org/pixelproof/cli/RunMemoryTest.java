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
        assertTrue(other.matches("\\(other senders\\) +" + rest + " +" + rest + " +" + rest + " +" + rest),
                "the rest summed: " + other);
        assertTrue(text.contains("Over 40 senders: to bound memory, "), text);
        String vendor = text.lines().filter(l -> l.startsWith("MailExemple")).findFirst().orElseThrow();
        assertTrue(vendor.matches("MailExemple +1,035 +1,035 +1,001 +yes"), "senders counted without keeping them: "
                + vendor);
    }

    @Test
    void aSummaryWithFewSendersIsExactAsBefore() throws Exception {
        SummarySink summary = new SummarySink(40);
        for (int i = 0; i < 30; i++) {
            summary.accept(outcome("shop" + i + ".example", true));
        }
        String text = summary.render(new Reporter.Counts(30, 0, 0, 0, 0), 0);
        assertTrue(text.contains("... and 5 more (every e-mail is in --csv and --jsonl)"), text);
        assertFalse(text.contains("(other senders)"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("MailExemple +30 +30 +30 +yes")), text);
    }
}
