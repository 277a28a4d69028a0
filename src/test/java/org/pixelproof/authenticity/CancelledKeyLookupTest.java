package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.ingest.AnalysisCancelledException;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * An interrupt that arrives in the middle of an analysis, while a DKIM key is looked up (the DNS look-up is where an
 * analysis waits longest): the analysis stops with an {@link AnalysisCancelledException} through jDKIM and the
 * checker's catch-alls, instead of recording a temperror or returning a result. The key source of the test interrupts
 * the thread itself, so nothing depends on timing.
 */
class CancelledKeyLookupTest {
    private static TestSigner signer;
    private static byte[] signed;

    @BeforeAll
    static void sign() throws Exception {
        signer = new TestSigner(DkimVerificationTest.DOMAIN, DkimVerificationTest.SELECTOR, 2048);
        String newsletter = DkimVerificationTest.crlf(DkimVerificationTest.resource("newsletter.eml"));
        signed = signer.sign(newsletter, "a=rsa-sha256; c=relaxed/relaxed; t=1715670750; "
                + DkimVerificationTest.HEADERS).getBytes(StandardCharsets.UTF_8);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static Analyzer analyzer(DkimKeySource keys) {
        return new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT, AuthenticityChecker.withKeySource(keys),
                Clock.systemUTC());
    }

    @Test
    void anInterruptDuringTheKeyLookupCancelsTheAnalysis() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Analyzer interrupted = analyzer((selector, domain) -> {
            lookups.incrementAndGet();
            Thread.currentThread().interrupt(); // as cancel(true) would, while the thread waits for DNS
            return DkimKeySource.KeyLookup.found(List.of(signer.keyRecord()));
        });
        assertThrows(AnalysisCancelledException.class,
                () -> interrupted.analyze(signed, "signed.eml", AnalysisOptions.DEFAULT));
        assertEquals(1, lookups.get(), "the interrupt came from inside the analysis");
        assertTrue(Thread.interrupted(), "the interrupt status is left set");

        Analysis normal = analyzer((selector, domain) -> DkimKeySource.KeyLookup.found(
                List.of(signer.keyRecord()))).analyze(signed, "signed.eml", AnalysisOptions.DEFAULT);
        assertEquals("pass", normal.authenticity().dkim().get(0).result(), "without the interrupt it verifies");
    }

    /**
     * jDKIM goes on with the next signature when a key look-up throws; an abandoned analysis must not then send the
     * look-ups of every remaining signature at once (found by an adversarial trial: 19 queries sent at cancellation).
     */
    @Test
    void anAbandonedAnalysisSendsNoFurtherKeyLookups() throws Exception {
        String message = DkimVerificationTest.crlf(DkimVerificationTest.resource("newsletter.eml"));
        for (int i = 0; i < 5; i++) {
            TestSigner other = new TestSigner("signer" + i + ".example", "s" + i, 1024);
            message = other.sign(message, "a=rsa-sha256; c=relaxed/relaxed; t=1715670750; "
                    + DkimVerificationTest.HEADERS);
        }
        byte[] fiveSignatures = message.getBytes(StandardCharsets.UTF_8);
        AtomicInteger lookups = new AtomicInteger();
        Analyzer interrupted = analyzer((selector, domain) -> {
            lookups.incrementAndGet();
            Thread.currentThread().interrupt(); // cancel(true) arriving while the first query waits
            return DkimKeySource.KeyLookup.tempError("interrupted");
        });
        assertThrows(AnalysisCancelledException.class,
                () -> interrupted.analyze(fiveSignatures, "five.eml", AnalysisOptions.DEFAULT));
        assertEquals(1, lookups.get(), "no key is looked up after the interrupt");
    }
}
