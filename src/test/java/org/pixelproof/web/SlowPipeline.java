package org.pixelproof.web;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * A test seam: the real pipeline, except that a message carrying the header {@value #HEADER} gets, after its real
 * analysis, a last stage that never ends on its own and checks for cancellation as the engine does
 * ({@link Cancellation#check()}). Such a message is thus slower than any time limit, deterministically, without a
 * clock in the test. Enabled only by {@link AnalysisTimeLimitTest}'s profile.
 */
@Alternative
@Singleton
public class SlowPipeline implements Pipeline {
    /** The header line that makes an analysis endless. */
    static final String HEADER = "X-PixelProof-Test: endless-analysis";

    @Inject
    Analyzer analyzer;

    private volatile CountDownLatch nextStop = new CountDownLatch(1);

    @Override
    public Analysis analyze(byte[] raw, String fileName, AnalysisOptions options) throws UnanalysableInputException {
        Analysis analysis = analyzer.analyze(raw, fileName, options);
        if (!new String(raw, StandardCharsets.ISO_8859_1).contains(HEADER)) {
            return analysis;
        }
        try {
            while (true) {
                Cancellation.check();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } finally {
            nextStop.countDown();
        }
    }

    @Override
    public ReceivedEmail read(byte[] raw, String fileName) {
        return analyzer.read(raw, fileName);
    }

    /** Forgets the endless analyses that stopped so far: {@link #awaitStop()} then waits for the next one. */
    void reset() {
        nextStop = new CountDownLatch(1);
    }

    /** @return true once an endless analysis started after {@link #reset()} stopped (waits at most 30 s) */
    boolean awaitStop() throws InterruptedException {
        return nextStop.await(30, TimeUnit.SECONDS);
    }
}
