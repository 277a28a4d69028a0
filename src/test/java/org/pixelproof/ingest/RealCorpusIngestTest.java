package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every file of the real corpus ({@code ../shared/corpus/real}, see its MANIFEST.tsv) in place; skipped when the
 * folder is absent, as on a fresh clone. The files are never copied into the project.
 */
class RealCorpusIngestTest {
    static final Path CORPUS = Path.of("..", "shared", "corpus", "real");

    /** Files without any text body, and why. */
    static final Set<String> NO_BODY = Set.of(
            "084-message-partial-fragment-en.eml"); // fragment 1 of 3 of a message/partial split

    static void assumeCorpus() {
        assumeTrue(Files.isDirectory(CORPUS), "real corpus absent at " + CORPUS.toAbsolutePath()
                + " (it lives beside the project, in ../shared); skipped");
    }

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static ReceivedEmail parse(String prefix) throws IOException {
        assumeCorpus();
        Path file = files(".eml").stream().filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("corpus file " + prefix + "* is missing"));
        return EmailParserTest.PARSER.parse(Files.readAllBytes(file), file.getFileName().toString());
    }

    static void assertReadable(ReceivedEmail e, String name, boolean expectBody) {
        assertTrue(e.rejection().isEmpty(), () -> name + " rejected: " + e.rejection());
        assertTrue(e.header("From").isPresent() || e.header("Subject").isPresent(), name + " has no From or Subject");
        if (expectBody) {
            assertFalse(e.bodies().isEmpty(), name + " has no body");
        }
        assertTrue(e.anomalies().size() <= AnomalyLog.MAX_ENTRIES);
        assertEquals(64, e.sha256().length());
    }

    @TestFactory
    Stream<DynamicTest> everyEmlIsRead() throws IOException {
        assumeCorpus();
        List<Path> emls = files(".eml");
        assertTrue(emls.size() >= 100, "the corpus should hold about 140 .eml files, found " + emls.size());
        return emls.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString();
            ReceivedEmail e = EmailParserTest.PARSER.parse(Files.readAllBytes(p), name);
            assertReadable(e, name, !NO_BODY.contains(name));
        }));
    }

    @Test
    void everyMboxMessageIsRead() throws IOException {
        assumeCorpus();
        List<Path> mboxes = files(".mbox");
        assertFalse(mboxes.isEmpty(), "the corpus holds an .mbox file");
        for (Path p : mboxes) {
            int count = 0;
            try (InputStream in = Files.newInputStream(p); MboxReader r = new MboxReader(in)) {
                for (MboxMessage m : r) {
                    assertFalse(m.oversized());
                    String name = p.getFileName() + "#" + m.index();
                    assertReadable(EmailParserTest.PARSER.parse(m.bytes(), name), name, true);
                    count++;
                }
            }
            assertTrue(count >= 2, p + " holds several messages, read " + count);
        }
    }

    static List<Anomaly> of(ReceivedEmail e, AnomalyCode code) {
        List<Anomaly> out = new ArrayList<>();
        for (Anomaly a : e.anomalies()) {
            if (a.code() == code) {
                out.add(a);
            }
        }
        return out;
    }

    // The six files that default Angus Mail cannot read (DESIGN.md), each with what ingest reports.

    @Test
    void nestedMultipartReusingItsParentsBoundary065() throws IOException {
        ReceivedEmail e = parse("065-");
        assertEquals("1.1", of(e, AnomalyCode.BAD_BOUNDARY).get(0).partPath());
        assertEquals(2, e.bodies().size());
    }

    @Test
    void declaredBoundaryNeverOccurs066() throws IOException {
        ReceivedEmail e = parse("066-");
        Anomaly a = of(e, AnomalyCode.BAD_BOUNDARY).get(0);
        assertEquals("1", a.partPath());
        assertTrue(a.detail().contains("never occurs"));
        assertFalse(of(e, AnomalyCode.MISSING_END_BOUNDARY).isEmpty());
        assertTrue(e.bodies(BodyKind.HTML).get(0).text().contains("<html>"));
    }

    @Test
    void transferEncoding7Dash071() throws IOException {
        List<Anomaly> a = of(parse("071-"), AnomalyCode.UNKNOWN_TRANSFER_ENCODING);
        assertEquals(2, a.size());
        assertTrue(a.get(0).detail().contains("'7-bit'"));
    }

    @Test
    void transferEncoding8bits072() throws IOException {
        List<Anomaly> a = of(parse("072-"), AnomalyCode.UNKNOWN_TRANSFER_ENCODING);
        assertEquals(1, a.size());
        assertTrue(a.get(0).detail().contains("'8bits'"));
    }

    @Test
    void boundaryWithStrayEqualsAndYear3609076() throws IOException {
        ReceivedEmail e = parse("076-");
        assertFalse(of(e, AnomalyCode.MALFORMED_HEADER).isEmpty());
        assertTrue(of(e, AnomalyCode.BAD_DATE).get(0).detail().contains("3609"));
        assertEquals(2, e.bodies().size());
    }

    @Test
    void charsetTheJdkLacks096() throws IOException {
        ReceivedEmail e = parse("096-");
        List<Anomaly> a = of(e, AnomalyCode.UNKNOWN_CHARSET);
        assertEquals(2, a.size());
        assertTrue(a.get(0).detail().contains("'x-mac-cyrillic'"));
        assertEquals("x-MacCyrillic", e.bodies().get(0).usedCharset());
    }

    @Test
    void forwardedMessagesAreAnalysedAsTheMessageTheyCarry() throws IOException {
        for (String prefix : List.of("056-", "075-", "100-")) {
            ReceivedEmail e = parse(prefix);
            assertNotNull(e.forwardedBy(), prefix);
            assertFalse(of(e, AnomalyCode.FORWARDED_AS_ATTACHMENT).isEmpty());
            assertFalse(e.bodies().isEmpty(), prefix);
        }
        assertTrue(parse("069-").forwardedBy() == null, "an inline forward with its own long text is not unwrapped");
    }

    @Test
    void otherMalformedFilesNamedInTheManifest() throws IOException {
        assertFalse(of(parse("057-"), AnomalyCode.UNKNOWN_MULTIPART_SUBTYPE).isEmpty());
        assertFalse(of(parse("085-"), AnomalyCode.HEADER_LINE_TOO_LONG).isEmpty());
        assertFalse(of(parse("101-"), AnomalyCode.BAD_BASE64).isEmpty());
        assertFalse(of(parse("084-"), AnomalyCode.UNREADABLE_PART).isEmpty());
        assertEquals("ЖД№41 от 28.09.2016", parse("095-").header("Subject").orElseThrow(),
                "iso-2022-jp with Microsoft's NEC row");
    }
}
