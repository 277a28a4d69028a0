package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.AnalysisCancelledException;
import org.pixelproof.ingest.Cancellation;

/**
 * The bound on heavy jobs: a second job waits for the first, is refused when the wait runs out, and turns come back;
 * an analysis past its time limit is abandoned, and its turn comes back only once its work has really stopped.
 */
class HeavyWorkTest {

    private final List<HeavyWork> gates = new ArrayList<>();

    private HeavyWork gate(int jobs, Duration wait) {
        return gate(jobs, wait, Duration.ofSeconds(30));
    }

    private HeavyWork gate(int jobs, Duration wait, Duration analysisTimeout) {
        HeavyWork h = new HeavyWork();
        h.maxConcurrentJobs = jobs;
        h.jobWait = wait;
        h.analysisTimeout = analysisTimeout;
        h.init();
        gates.add(h);
        return h;
    }

    @AfterEach
    void stopWorkers() {
        gates.forEach(HeavyWork::stop);
    }

    @Test
    void aJobOverTheBoundIsRefusedWhenItsWaitRunsOutAndTheTurnComesBack() throws Exception {
        HeavyWork h = gate(1, Duration.ofMillis(200));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> h.run(() -> {
                started.countDown();
                assertTrue(finish.await(30, TimeUnit.SECONDS));
                return "first";
            }));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            assertEquals(0, h.available());
            ServerBusyException busy = assertThrows(ServerBusyException.class, () -> h.run(() -> "second"));
            assertTrue(busy.getMessage().contains("try again"), busy.getMessage());
            finish.countDown();
            assertEquals("first", first.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, h.available(), "the turn is given back");
        assertEquals("third", h.run(() -> "third"));
    }

    @Test
    void aFailingJobGivesItsTurnBackAndItsExceptionThrough() {
        HeavyWork h = gate(2, Duration.ofSeconds(1));
        assertThrows(IOException.class, () -> h.run(() -> {
            throw new IOException("job failed");
        }));
        assertEquals(2, h.available());
    }

    @Test
    void zeroMeansOneTurnPerProcessor() {
        assertEquals(Runtime.getRuntime().availableProcessors(), HeavyWork.permits(0));
        assertEquals(3, HeavyWork.permits(3));
    }

    /** A job like the engine: it checks the interrupt status (as {@link Cancellation#check()} does) until stopped. */
    private static String untilCancelled(CountDownLatch started, CountDownLatch stopped) {
        started.countDown();
        try {
            while (true) {
                Cancellation.check();
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } finally {
            stopped.countDown();
        }
    }

    @Test
    void anAnalysisPastItsTimeLimitIsCancelledAndItsTurnComesBack() throws Exception {
        HeavyWork h = gate(1, Duration.ofSeconds(30), Duration.ofMillis(300));
        assertEquals("warm", h.runAnalysis(() -> "warm"), "the worker thread exists before the timed job");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AnalysisTimeoutException e = assertThrows(AnalysisTimeoutException.class,
                () -> h.runAnalysis(() -> untilCancelled(started, stopped)));
        assertEquals(1, e.seconds(), "300 ms is shown as 1 s, rounded up");
        assertTrue(e.getMessage().contains("abandoned after 1 s"), e.getMessage());
        assertTrue(e.getMessage().contains("built to slow analysis down"), e.getMessage());
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertTrue(stopped.await(30, TimeUnit.SECONDS), "the job was interrupted and stopped at its check point");
        // the turn is given back by the worker as the job stops: the next job gets it (waiting at most job-wait)
        assertEquals("next", h.runAnalysis(() -> "next"));
        assertTurnsComeBack(h, 1);
    }

    /**
     * The worker gives a turn back just after the request got its answer (the answer is the job's end), so a check
     * made at once may see it still taken: wait for it, at most 30 s (a hang guard, not a measure).
     */
    private static void assertTurnsComeBack(HeavyWork h, int expected) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (h.available() != expected && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertEquals(expected, h.available());
    }

    @Test
    void aJobThatIgnoresItsCancellationKeepsItsTurnUntilItReallyStops() throws Exception {
        HeavyWork h = gate(1, Duration.ofSeconds(30), Duration.ofMillis(300));
        assertEquals("warm", h.runAnalysis(() -> "warm"));
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        assertThrows(AnalysisTimeoutException.class, () -> h.runAnalysis(() -> {
            // a stretch of work without a check point: the interrupt is swallowed until the test lets it end
            while (true) {
                try {
                    if (release.await(1, TimeUnit.DAYS)) {
                        return "too late";
                    }
                } catch (InterruptedException ignored) {
                    interrupted.countDown();
                }
            }
        }));
        assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the job was told to stop");
        // it goes on: its turn is still taken, so the bound on heavy work holds
        assertEquals(0, h.available());
        h.jobWait = Duration.ofMillis(100);
        assertThrows(ServerBusyException.class, () -> h.run(() -> "document"));
        assertThrows(ServerBusyException.class, () -> h.runAnalysis(() -> "analysis"));
        release.countDown();
        h.jobWait = Duration.ofSeconds(30);
        assertEquals("after", h.runAnalysis(() -> "after"), "the turn came back once the job ended");
        assertTurnsComeBack(h, 1);
    }

    @Test
    void anAnalysisInTimeGivesItsResultOrItsExceptionAndItsTurnBack() {
        HeavyWork h = gate(2, Duration.ofSeconds(30));
        assertEquals("result", h.runAnalysis(() -> "result"));
        IOException checked = new IOException("job failed");
        assertSame(checked, assertThrows(IOException.class, () -> h.runAnalysis(() -> {
            throw checked;
        })));
        assertThrows(IllegalStateException.class, () -> h.runAnalysis(() -> {
            throw new IllegalStateException("defect");
        }));
        assertThrows(StackOverflowError.class, () -> h.runAnalysis(() -> {
            throw new StackOverflowError();
        }));
        // each turn is given back by the worker, just after the request got its answer: the next two jobs get one
        assertEquals("a", h.runAnalysis(() -> "a"));
        assertEquals("b", h.run(() -> "b"));
    }

    @Test
    void aZeroTimeLimitMeansNoLimit() throws Exception {
        HeavyWork h = gate(1, Duration.ofSeconds(30), Duration.ZERO);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<String> r = caller.submit(() -> h.runAnalysis(() -> {
                started.countDown();
                assertTrue(finish.await(30, TimeUnit.SECONDS));
                return "done";
            }));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            assertFalse(r.isDone(), "still waiting for its job, not timed out at once");
            finish.countDown();
            assertEquals("done", r.get(30, TimeUnit.SECONDS));
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aRequestInterruptedWhileItsAnalysisRunsCancelsIt() throws Exception {
        HeavyWork h = gate(1, Duration.ofSeconds(30));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> r = caller.submit(() -> {
                try {
                    h.runAnalysis(() -> untilCancelled(started, stopped));
                    return false;
                } catch (AnalysisCancelledException e) {
                    return Thread.currentThread().isInterrupted(); // its interrupt status is kept
                }
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            r.cancel(true); // interrupts the request's thread
            assertTrue(stopped.await(30, TimeUnit.SECONDS), "the job was cancelled with the request");
        } finally {
            caller.shutdownNow();
        }
        assertEquals("next", h.runAnalysis(() -> "next"));
    }

    @Test
    void aTimeLimitIsShownInWholeSecondsRoundedUp() {
        assertEquals(1, AnalysisTimeoutException.seconds(Duration.ofMillis(1)));
        assertEquals(1, AnalysisTimeoutException.seconds(Duration.ofSeconds(1)));
        assertEquals(2, AnalysisTimeoutException.seconds(Duration.ofMillis(1500)));
        assertEquals(30, AnalysisTimeoutException.seconds(Duration.ofSeconds(30)));
    }
}
