package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * A From address whose only {@code @} is inside a quoted local part ({@code <"48213377@parcsVacances.example">}) has
 * no domain (RFC 5322 section 3.4.1): the command line must not file the e-mail, nor name its dossier, under the
 * domain it shows, which is often the brand a phish imitates (new-user trial 18, real e-mail 036). Over the real
 * engine.
 */
class DomainlessFromSenderTest {
    static final Path FIXTURE = AnalyzeCommandTest.FIXTURES.resolve("quoted-from-no-domain.eml");
    static final Path REAL = Path.of("../shared/corpus/real");

    @TempDir
    Path tmp;

    private static Analysis analyze(byte[] raw, String name) throws Exception {
        return new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT, AuthenticityChecker.offline(),
                Clock.systemUTC()).analyze(raw, name, AnalysisOptions.DEFAULT);
    }

    @Test
    void theDomainShownInsideTheQuotesIsNotTakenAsTheSenders() throws Exception {
        Analysis a = analyze(Files.readAllBytes(FIXTURE), FIXTURE.toString());
        assertEquals("parcsvacances.example", a.sender().fromDomain(), "what the detector reads is kept in the JSON");
        assertEquals("parcsvacances.example", SenderKey.quotedOnlyDomain(a));
        assertNull(SenderKey.domain(a), "no domain, and no DKIM signature that verified");
        String key = SenderKey.of(a);
        assertEquals("unknown-sender-quoting-parcsvacances.example (identity doubtful)", key);
        assertEquals("unknown-sender-quoting-parcsvacances.example_identity_doubtful",
                PdfSink.fileName(SenderKey.fileStem(key)));
        List<Object> row = CsvSink.row(a);
        assertEquals("", row.get(CsvSink.COLUMNS.indexOf("sender_domain")));
        assertEquals(key, row.get(CsvSink.COLUMNS.indexOf("sender_key")));
    }

    @Test
    void aUsualAddressKeepsItsDomainEvenWithQuotesInItsLocalPartOrDisplayName() throws Exception {
        String eml = Files.readString(FIXTURE, StandardCharsets.UTF_8);
        Analysis quotedLocal = analyze(eml.replace("<\"48213377@parcsVacances.example\">",
                "<\"48213377@parcsVacances.example\"@mailing.parcsvacances.example>").getBytes(StandardCharsets.UTF_8),
                "a.eml");
        assertNull(SenderKey.quotedOnlyDomain(quotedLocal));
        assertEquals("mailing.parcsvacances.example", SenderKey.domain(quotedLocal));
        Analysis plain = analyze(eml.replace("<\"48213377@parcsVacances.example\">",
                "\"Zomer@parcsvacances.example\" <zomer@parcsvacances.example>").getBytes(StandardCharsets.UTF_8),
                "b.eml");
        assertNull(SenderKey.quotedOnlyDomain(plain), "an address in the display name is not the address");
        assertTrue(SenderKey.of(plain).startsWith("parcsvacances.example"), SenderKey.of(plain));
    }

    @Test
    void theDossierPerSenderIsNamedAfterTheUnknownSenderNotTheDomainShown() throws Exception {
        PipelineStages.assumeComplete();
        Path dir = tmp.resolve("by-sender");
        Path csv = tmp.resolve("s.csv");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", FIXTURE.toString(),
                "--sender-pdf", dir.toString(), "--senders-csv", csv.toString(), "--sender",
                "unknown-sender-quoting-parcsvacances.example (identity doubtful)");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("unknown-sender-quoting-parcsvacances.example_identity_doubtful.pdf"),
                AnalyzeCommandTest.pdfs(dir));
        assertFalse(Files.readString(csv).contains("\nparcsvacances.example"), Files.readString(csv));
    }

    /** The real phish of the trial, read in place: its key and dossier name do not present centerparcs.nl. */
    @Test
    void theRealHolidayParkPhishIsFiledUnderAnUnknownSender() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(REAL), "../shared/corpus/real is absent (a fresh clone): skipped");
        Path real;
        try (Stream<Path> files = Files.list(REAL)) {
            real = files.filter(p -> p.getFileName().toString().startsWith("036-")).findFirst().orElse(null);
        }
        Assumptions.assumeTrue(real != null, "real e-mail 036 is absent: skipped");
        Analysis a = analyze(Files.readAllBytes(real), real.toString());
        String key = SenderKey.of(a);
        assertEquals("unknown-sender-quoting-centerparcs.nl (identity doubtful)", key);
        String file = PdfSink.fileName(SenderKey.fileStem(key));
        assertFalse(file.startsWith("centerparcs.nl"), file);
        assertEquals("", CsvSink.row(a).get(CsvSink.COLUMNS.indexOf("sender_domain")));
    }
}
