package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.ingest.AnalysisCancelledException;

/**
 * {@code --timeout}: a message whose analysis runs too long is abandoned as a failed input (exit code 1, not an
 * internal error), its worker is interrupted and, the engine stopping at its next check point, goes on with the next
 * messages; only a worker that does not stop is a defect. The engines are test doubles that never finish unless
 * interrupted (or released by the test), so no assertion depends on timing; each run takes the one second of its
 * {@code --timeout}.
 */
class TimeoutRunTest {
    @TempDir
    Path tmp;

    /** The outcomes written, in order, and what the reporter said. */
    private record Run(List<Outcome> outcomes, String err, Reporter.Counts counts) {
        Outcome of(String fileName) {
            return outcomes.stream().filter(o -> o.name().endsWith(fileName)).findFirst().orElseThrow();
        }
    }

    private List<String> inputs(String... names) throws IOException {
        List<String> paths = new ArrayList<>();
        for (String name : names) {
            paths.add(Files.writeString(tmp.resolve(name), "From: Shop <news@shop.example>\nTo: alex@example.org\n"
                    + "Subject: " + name + "\n\nHello.\n").toString());
        }
        return paths;
    }

    private Run run(Engine engine, ThreadPoolExecutor pool, long stopGraceMillis, List<String> paths)
            throws Exception {
        return run(engine, null, pool, stopGraceMillis, paths);
    }

    private Run run(Engine engine, DossierRenderer dossiers, ThreadPoolExecutor pool, long stopGraceMillis,
            List<String> paths) throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        StringWriter err = new StringWriter();
        Reporter reporter = new Reporter(new PrintWriter(err, true), false, false, false);
        new BatchRunner(engine, new InputWalker(1 << 20, new IngestMailboxFormats()), pool, 4, reporter,
                List.of(outcomes::add), dossiers, false, 1, 1 << 20, tmp, stopGraceMillis).run(paths);
        return new Run(outcomes, err.toString(), reporter.counts());
    }

    @Test
    void anAbandonedAnalysisIsAFailedInputAndItsWorkerAnalysesTheNextMessages() throws Exception {
        Map<String, Thread> analysedBy = new ConcurrentHashMap<>();
        Engine engine = (raw, name) -> {
            analysedBy.put(Path.of(name).getFileName().toString(), Thread.currentThread());
            if (name.endsWith("slow.eml")) {
                try {
                    new CountDownLatch(1).await(); // never counted down: only the interrupt ends it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AnalysisCancelledException(); // as the engine does at a check point
                }
            }
            return StubBackends.analyze(raw, name);
        };
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        try {
            Run r = run(engine, pool, BatchRunner.DEFAULT_STOP_GRACE_MILLIS,
                    inputs("first.eml", "slow.eml", "next.eml", "last.eml"));

            Outcome slow = r.of("slow.eml");
            assertFalse(slow.ok());
            assertEquals("analysis abandoned after 1 s (--timeout)", slow.error());
            assertFalse(slow.internal(), "a failed input (exit code 1), not a defect");
            assertTrue(r.err().contains("slow.eml: skipped: analysis abandoned after 1 s (--timeout)"), r.err());
            assertFalse(r.err().contains("report"), r.err());
            assertEquals(4, r.outcomes().size());
            assertTrue(r.of("next.eml").ok() && r.of("last.eml").ok() && r.of("first.eml").ok());
            assertEquals(new Reporter.Counts(3, 1, 0, 0, 0), r.counts());
            assertEquals(1, pool.getMaximumPoolSize(), "no thread was added");
            assertEquals(1, pool.getLargestPoolSize(), "one thread did all the work");
            assertEquals(analysedBy.get("slow.eml"), analysedBy.get("next.eml"),
                    "the interrupted worker went back to the pool and analysed the next message");
            assertEquals(analysedBy.get("slow.eml"), analysedBy.get("last.eml"));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Only the analysis is timed: a dossier that takes longer to draw than the whole --timeout (a cold JVM loading its
     * fonts) does not cost the e-mail its rows nor its dossier (new-user trial: three small e-mails were dropped from
     * every output with --timeout 1 --pdf).
     */
    @Test
    void drawingTheDossierIsNotCountedInTheTimeout() throws Exception {
        Path n1 = Path.of("src/test/resources/cli/newsletter-1.eml");
        Path copy = Files.copy(n1, tmp.resolve("newsletter.eml"));
        DossierRenderer slow = items -> {
            Thread.sleep(2_500); // longer than the one-second --timeout of this run
            return "%PDF-slow".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        };
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        try {
            Run r = run(StubBackends::analyze, slow, pool, BatchRunner.DEFAULT_STOP_GRACE_MILLIS,
                    List.of(copy.toString()));
            Outcome o = r.of("newsletter.eml");
            assertTrue(o.ok(), "the analysis ended in time: " + o.error());
            assertEquals("%PDF-slow", new String(o.pdf(), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(new Reporter.Counts(1, 0, 0, 0, 0), r.counts());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWorkerThatDoesNotStopIsADefectSaidOnceAndThePoolGetsAnotherThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Engine engine = (raw, name) -> {
            if (name.contains("stuck")) {
                boolean interrupted = false;
                while (true) { // a loop without a check point: deaf to the interrupt until the test ends
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return StubBackends.analyze(raw, name);
        };
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        try {
            Run r = run(engine, pool, 50, inputs("stuck1.eml", "stuck2.eml", "next.eml"));

            assertEquals("analysis abandoned after 1 s (--timeout)", r.of("stuck1.eml").error());
            assertEquals("analysis abandoned after 1 s (--timeout)", r.of("stuck2.eml").error());
            assertTrue(r.of("next.eml").ok(), "analysed by the thread added to the pool");
            assertTrue(pool.getMaximumPoolSize() >= 2, "a thread added for the worker that did not stop");
            String said = "its worker thread was still busy 50 ms after the analysis was abandoned (--timeout); the"
                    + " run goes on with one more thread; please report this defect";
            assertEquals(1, r.err().split(java.util.regex.Pattern.quote(said), -1).length - 1, "said once: " + r.err());
            assertTrue(r.err().contains("stuck1.eml: " + said), r.err());
            assertEquals(1, r.counts().internal(), "a defect: exit code 5");
            assertEquals(2, r.counts().failed());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
