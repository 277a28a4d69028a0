package org.pixelproof.web;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pixelproof.ingest.AnalysisCancelledException;

/**
 * Bounds how many memory-hungry jobs run at once in the web app, and how long the analysis of one upload may run.
 *
 * <p><b>Turns.</b> Analysing an upload, laying out a dossier or letter PDF, making the safe preview or a cleaned copy
 * can each take tens of megabytes for a large hostile message; without a bound, many such requests at once would
 * exhaust the heap, and an {@link OutOfMemoryError} can leave the embedded database closed for every user until a
 * restart. Each job takes a turn (a permit of a fair semaphore); requests over the bound wait in arrival order, and
 * one that waits longer than {@code pixelproof.web.job-wait} is answered 503 with a {@code Retry-After}
 * ({@link ServerBusyException}).
 *
 * <p><b>Time limit of an analysis</b> ({@link #runAnalysis}; ADR 0038). An upload crafted to take long would otherwise keep
 * its turn for as long as it runs, and a few of them would leave every other user with 503. The analysis runs on a
 * worker of a pool of as many threads as there are turns, and the request waits for it at most
 * {@code pixelproof.analysis.timeout}, counted from when it got its turn (the wait for a turn is bounded separately).
 * Past that, the request gets an {@link AnalysisTimeoutException} at once and the job is cancelled with
 * interruption: the engine notices at its next check point ({@link org.pixelproof.ingest.Cancellation}, between
 * stages and every 256 nodes, links or references) and stops within milliseconds. Its result, if it still comes, is
 * dropped: nothing of it is returned to anyone.
 *
 * <p><b>A job that ignores the interruption</b> (a stretch of work without a check point) keeps its turn until it
 * really ends: the turn is given back by the worker when the job returns or throws, never by the request that gave
 * up on it. Otherwise a few such uploads would each leave a thread working behind a turn counted as free, and the
 * bound on concurrent heavy work, which is what keeps the heap and the processors safe, would be lost. The request is
 * still answered at the time limit; the other requests wait for a turn as usual (and get 503 past
 * {@code job-wait}) until the job ends. Such a job is logged as a warning when it ends, with how long it went on
 * after its cancellation ({@value #STOP_GRACE_MILLIS} ms or more), since it is a missing check point in the engine.
 *
 * <p><b>What is not time-limited</b> ({@link #run}): the dossier and letter PDFs, the safe preview and the cleaned
 * copies. They are made from a message already analysed within the time limit and are bounded by the input limits
 * ({@code pixelproof.limits.*}) and the preview's limits; and they cannot be interrupted (OpenPDF and Flying Saucer
 * have no check point): a time limit would only answer the request sooner while the work went on behind its turn,
 * inviting a retry that queues the same work again. The command line makes the same choice for its dossiers
 * ({@code --timeout} does not count them). They run on the request's own thread, under the bound on turns only.
 *
 * <ul>
 * <li>{@code pixelproof.web.max-concurrent-jobs}: jobs at once; default 0, meaning the number of processors
 * ({@link Runtime#availableProcessors()}), since the jobs are CPU-bound and more of them at once would not finish
 * sooner.</li>
 * <li>{@code pixelproof.web.job-wait}: longest wait for a turn, an ISO-8601 duration; default {@code PT60S}.</li>
 * <li>{@code pixelproof.analysis.timeout}: longest run of one upload's analysis, an ISO-8601 duration; default
 * {@code PT30S}; zero or negative means no limit.</li>
 * </ul>
 * Thread-safe.
 */
@ApplicationScoped
public class HeavyWork {
    private static final Logger LOG = Logger.getLogger(HeavyWork.class);

    /**
     * A cancelled job that goes on this long ({@value} ms) or longer after its cancellation is logged as a warning
     * when it ends: the engine stops within milliseconds at its check points.
     */
    static final long STOP_GRACE_MILLIS = 1_000;

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

    @ConfigProperty(name = "pixelproof.analysis.timeout", defaultValue = "PT30S")
    Duration analysisTimeout;

    private Semaphore permits;
    private ExecutorService workers;

    @PostConstruct
    void init() {
        int n = permits(maxConcurrentJobs);
        permits = new Semaphore(n, true);
        // As many threads as turns: a job on the pool always holds a turn, so a turn always finds a thread (a task
        // queues only for the instant between a worker giving its turn back and returning to the pool).
        workers = Executors.newFixedThreadPool(n, new Workers());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** @return the number of jobs allowed at once for a configured value (0 or less: the number of processors) */
    static int permits(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** @return the time limit of one analysis ({@code pixelproof.analysis.timeout}); zero or negative: none */
    public Duration analysisTimeout() {
        return analysisTimeout;
    }

    /**
     * Runs {@code job} on the calling thread once a turn is free, with no time limit (documents: see the class
     * comment).
     *
     * @param job the job
     * @return its result
     * @throws E                   what the job throws
     * @throws ServerBusyException when no turn came within {@code pixelproof.web.job-wait}, or the thread was
     *                             interrupted while waiting (its interrupt status is kept)
     */
    public <T, E extends Exception> T run(Job<T, E> job) throws E {
        acquire();
        try {
            return job.run();
        } finally {
            permits.release();
        }
    }

    /**
     * Runs an analysis once a turn is free, on a worker thread, and waits for it at most
     * {@code pixelproof.analysis.timeout} (see the class comment). The job must not store anything: when it is
     * abandoned its result is dropped, so storing belongs to the caller, after this returns.
     *
     * @param job the analysis; it should stop when its thread is interrupted (the engine does, with an
     *            {@link AnalysisCancelledException})
     * @return its result
     * @throws E                           what the job throws
     * @throws ServerBusyException         when no turn came within {@code pixelproof.web.job-wait}, or the thread
     *                                     was interrupted while waiting for a turn (its interrupt status is kept)
     * @throws AnalysisTimeoutException    when the job ran longer than the time limit: it was cancelled, and its turn
     *                                     is given back once it really stops
     * @throws AnalysisCancelledException  when the calling thread was interrupted while the job ran (the job is
     *                                     cancelled, the interrupt status kept), or the job was stopped by the pool
     *                                     shutting down
     */
    public <T, E extends Exception> T runAnalysis(Job<T, E> job) throws E {
        acquire();
        FutureTask<T> task = new FutureTask<>(job::run);
        Cancelled cancelled = new Cancelled();
        try {
            workers.execute(() -> {
                try {
                    task.run(); // returns at once when the request gave up before the job started
                } finally {
                    permits.release(); // only here: the turn is free once the work has really stopped
                    cancelled.warnIfLate();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release(); // the pool is shut down: the application is stopping
            throw new AnalysisCancelledException();
        }
        try {
            try {
                return unlimited(analysisTimeout) ? task.get()
                        : task.get(analysisTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (cancelled.at(task)) {
                    LOG.infof("An analysis was abandoned after its time limit of %d s (pixelproof.analysis.timeout)",
                            AnalysisTimeoutException.seconds(analysisTimeout));
                    throw new AnalysisTimeoutException(analysisTimeout);
                }
                return task.get(); // it ended between the time-out and the cancellation: done, this does not wait
            }
        } catch (InterruptedException e) {
            cancelled.at(task);
            Thread.currentThread().interrupt();
            throw new AnalysisCancelledException();
        } catch (CancellationException e) {
            throw new AnalysisCancelledException(); // cancelled by no one here: the pool was shut down
        } catch (ExecutionException e) {
            throw HeavyWork.<E>unwrap(e.getCause());
        }
    }

    /** @return true when {@code limit} means "no limit" (zero or negative) */
    private static boolean unlimited(Duration limit) {
        return limit.isZero() || limit.isNegative();
    }

    private void acquire() {
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
    }

    /**
     * @return {@code cause} to throw: an unchecked exception or an error as it is, else the job's checked exception,
     *         which can only be an {@code E} ({@link Job#run()} throws nothing else checked)
     */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E unwrap(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return (E) cause;
    }

    /** @return the turns free now (for tests and monitoring) */
    int available() {
        return permits.availablePermits();
    }

    /** When a job was cancelled, to say when it ends whether it ignored its cancellation. Thread-safe. */
    private static final class Cancelled {
        private volatile long atNanos;
        private volatile boolean cancelled;

        /** @return true when {@code task} was cancelled; false when it had already ended */
        boolean at(FutureTask<?> task) {
            atNanos = System.nanoTime();
            cancelled = true; // before the interrupt, so that the worker sees it when the job stops
            return task.cancel(true);
        }

        void warnIfLate() {
            if (!cancelled) {
                return;
            }
            long late = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - atNanos);
            if (late >= STOP_GRACE_MILLIS) {
                // A defect of PixelProof, not of the upload: say where to look, never what the message held.
                LOG.warnf("An abandoned analysis kept its turn %d ms after it was cancelled: a stage of the engine "
                        + "lacks a cancellation check point (org.pixelproof.ingest.Cancellation)", late);
            }
        }
    }

    /** Names the pool's threads and makes them daemons, so that a job stuck past shutdown does not hold the JVM. */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "pixelproof-analysis-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
