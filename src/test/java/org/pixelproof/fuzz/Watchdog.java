package org.pixelproof.fuzz;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A per-input hang guard for the fuzz targets: runs one input on a worker thread and fails with an
 * {@link AssertionError} naming the input when it takes longer than {@link #HANG}. It is a guard against a hang
 * (a loop that never ends, a catastrophic regular expression), not a measure of speed: every input of the seed corpus
 * takes milliseconds, the bound is three orders of magnitude above that.
 *
 * <p>Throwables of the worker are rethrown as they are, so that the fuzzer sees the original exception. A worker that
 * hung is abandoned (it is a daemon thread) and the next input gets a fresh one. Not thread-safe: one per fuzz test
 * class, used by the fuzzer's single thread.
 */
final class Watchdog {
    /** Longest time one input may take before it is reported as a hang: 10 seconds. */
    static final Duration HANG = Duration.ofSeconds(10);

    private ExecutorService worker = newWorker();

    /** A task that may throw anything. */
    interface Task {
        void run() throws Exception;
    }

    /**
     * Runs {@code task} and waits at most {@link #HANG} for it.
     *
     * @param what a short description of the input, for the failure message (no content of the input)
     * @throws AssertionError when the task hangs; any throwable of the task itself, unchanged
     */
    void run(String what, Task task) throws Exception {
        Future<?> done = worker.submit(() -> {
            task.run();
            return null;
        });
        try {
            done.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("hang: " + what + " took more than " + HANG.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-input");
            t.setDaemon(true);
            return t;
        });
    }
}
