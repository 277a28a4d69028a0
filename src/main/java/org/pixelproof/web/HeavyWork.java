package org.pixelproof.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds how many memory-hungry jobs run at once in the web app: analysing an upload, laying out a dossier or letter
 * PDF, making the safe preview or a cleaned copy. Each of them can take tens of megabytes for a large hostile message;
 * without a bound, many such requests at once would exhaust the heap, and an {@link OutOfMemoryError} can leave the
 * embedded database closed for every user until a restart. Requests over the bound wait in arrival order (a fair
 * semaphore); one that waits longer than {@code pixelproof.web.job-wait} is answered 503 with a {@code Retry-After}
 * ({@link ServerBusyException}).
 *
 * <ul>
 * <li>{@code pixelproof.web.max-concurrent-jobs}: jobs at once; default 0, meaning the number of processors
 * ({@link Runtime#availableProcessors()}), since the jobs are CPU-bound and more of them at once would not finish
 * sooner.</li>
 * <li>{@code pixelproof.web.job-wait}: longest wait for a turn, an ISO-8601 duration; default {@code PT60S}.</li>
 * </ul>
 * Thread-safe.
 */
@ApplicationScoped
public class HeavyWork {

    /** A job that may throw a checked exception of type {@code E}. */
    @FunctionalInterface
    public interface Job<T, E extends Exception> {
        /** @return the job's result */
        T run() throws E;
    }

    @ConfigProperty(name = "pixelproof.web.max-concurrent-jobs", defaultValue = "0")
    int maxConcurrentJobs;

    @ConfigProperty(name = "pixelproof.web.job-wait", defaultValue = "PT60S")
    Duration jobWait;

    private Semaphore permits;

    @PostConstruct
    void init() {
        permits = new Semaphore(permits(maxConcurrentJobs), true);
    }

    /** @return the number of jobs allowed at once for a configured value (0 or less: the number of processors) */
    static int permits(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code job} once a turn is free.
     *
     * @param job the job
     * @return its result
     * @throws E                   what the job throws
     * @throws ServerBusyException when no turn came within {@code pixelproof.web.job-wait}, or the thread was
     *                             interrupted while waiting (its interrupt status is kept)
     */
    public <T, E extends Exception> T run(Job<T, E> job) throws E {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(jobWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException(jobWait);
        }
        if (!acquired) {
            throw new ServerBusyException(jobWait);
        }
        try {
            return job.run();
        } finally {
            permits.release();
        }
    }

    /** @return the turns free now (for tests and monitoring) */
    int available() {
        return permits.availablePermits();
    }
}
