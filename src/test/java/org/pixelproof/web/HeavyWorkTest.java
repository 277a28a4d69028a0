package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound on heavy jobs: a second job waits for the first, is refused when the wait runs out, and turns come back. */
class HeavyWorkTest {

    private static HeavyWork gate(int jobs, Duration wait) {
        HeavyWork h = new HeavyWork();
        h.maxConcurrentJobs = jobs;
        h.jobWait = wait;
        h.init();
        return h;
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
}
