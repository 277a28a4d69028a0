package org.pixelproof.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.AnalysisCancelledException;

/**
 * Cooperative cancellation of the engine: an analysis whose thread is interrupted stops with an
 * {@link AnalysisCancelledException}, never with a result (not even one with an anomaly), and leaves nothing behind
 * that changes the next analysis on the same thread. The interrupts are raised by the test itself, so nothing depends
 * on timing; an interrupt raised in the middle of an analysis (by a DKIM key look-up) is tested in
 * {@code org.pixelproof.authenticity.CancelledKeyLookupTest}, and the check points of each stage in that stage's
 * package.
 */
class AnalyzerCancellationTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // never leak an interrupt into the next test
    }

    private static byte[] golden(String name) throws Exception {
        return Files.readAllBytes(GoldenCorpus.ROOT.resolve(name).resolve("message.eml"));
    }

    @Test
    void anInterruptedThreadGetsTheCancellationForEveryGoldenMessageAndTheSameResultOnceCleared() throws Exception {
        Analyzer analyzer = GoldenCorpus.analyzer();
        List<Path> cases = GoldenCorpus.cases();
        assertFalse(cases.isEmpty(), "the golden corpus is there");
        for (Path c : cases) {
            byte[] raw = Files.readAllBytes(c.resolve("message.eml"));
            AnalysisOptions options = new AnalysisOptions(List.of(), "fixed-id");
            Analysis before = analyzer.analyze(raw, "message.eml", options);

            Thread.currentThread().interrupt();
            assertThrows(AnalysisCancelledException.class, () -> analyzer.analyze(raw, "message.eml", options),
                    c.toString());
            assertTrue(Thread.interrupted(), "the interrupt status is left set for the caller (and cleared here)");

            Analysis after = analyzer.analyze(raw, "message.eml", options);
            assertEquals(before, after, "a cancelled analysis leaves nothing behind: " + c);
        }
    }

    @Test
    void anInterruptBetweenIngestAndDetectionStopsTheAnalysisInsteadOfReturningAResult() throws Exception {
        Analyzer analyzer = GoldenCorpus.analyzer();
        org.pixelproof.ingest.ReceivedEmail email = analyzer.read(golden("b01-blind-brevo-verdelle"), "message.eml");
        Thread.currentThread().interrupt();
        assertThrows(AnalysisCancelledException.class, () -> analyzer.analyzeRead(email, AnalysisOptions.DEFAULT));
        assertTrue(Thread.interrupted());
        assertFalse(analyzer.analyzeRead(email, AnalysisOptions.DEFAULT).trackers().isEmpty(),
                "the same message analyses normally once the interrupt is cleared");
    }

    @Test
    void aMessageReadWithTheThreadInterruptedIsCancelledNotRecordedAsUnreadable() throws Exception {
        Thread.currentThread().interrupt();
        assertThrows(AnalysisCancelledException.class,
                () -> GoldenCorpus.analyzer().read(golden("b01-blind-brevo-verdelle"), "message.eml"));
    }
}
