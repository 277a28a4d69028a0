package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.ingest.AnalysisCancelledException;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.web.Complaints;

/**
 * Runs the engine over every input, in parallel, and hands the outcomes to the outputs in input order.
 *
 * <p>A producer thread walks the inputs and submits one task per message to the worker pool; each task reads the
 * message (files are read by the workers), analyses it and, with {@code --pdf}, renders its dossier. The futures go
 * through a bounded queue of {@code queueCapacity} entries that the calling thread takes in order and writes out: the
 * producer blocks when the writer falls behind, so at most about {@code queueCapacity + threads} messages are in
 * memory at once, whatever the number of inputs, and at most {@code readAheadBytes} of their bytes (see
 * {@link #DEFAULT_READ_AHEAD_HEAP_DIVISOR}; one message is always let through, whatever its size). An output failure
 * stops the run: the producer stops walking and the pending tasks are cancelled.
 *
 * <p>Failures: what goes wrong with one input, one dossier or one path given is reported on stderr and the run goes
 * on with the others. That covers running out of memory while reading a message or drawing a dossier
 * ({@link OutOfMemoryError}, reported as a failed input or dossier, exit code {@link ExitCodes#INPUTS_FAILED}): the
 * buffers of that message are dropped when it fails, and the run, which holds the others within the bounds above,
 * can usually go on. An mbox message that runs out of memory while read is first read again alone, once the inputs
 * handed over before it are written ({@link InputWalker.Sink#awaitIdle()}). A defect of PixelProof in one analysis is
 * an internal error of that input (exit code {@link ExitCodes#INTERNAL_ERROR}, the others analysed); one that stops
 * the walking of the inputs is reported with the inputs it left unread, the outputs are completed with what was
 * analysed, and the exit code is {@link ExitCodes#INTERNAL_ERROR}.
 *
 * <p>Time limit ({@code --timeout}): a message whose outcome is not ready {@code timeoutSeconds} after the writer
 * started waiting for it is abandoned: its task is cancelled, which interrupts its worker, and the engine stops at its
 * next check point ({@link org.pixelproof.ingest.Cancellation}) with an {@link AnalysisCancelledException}. The
 * message is reported as a failed input ("analysis abandoned after N s (--timeout)", exit code
 * {@link ExitCodes#INPUTS_FAILED}), the writer waits (at most {@code stopGraceMillis}) for the worker to be free
 * again, and the run goes on with the same threads. Only a worker that is still busy after that grace is a defect
 * (an engine loop without a check point, or a dossier being drawn, which cannot be interrupted): it is said once on
 * stderr, the pool gets one more thread so that the run keeps its pace, and the exit code is
 * {@link ExitCodes#INTERNAL_ERROR}.
 *
 * <p>The same message given twice (the same bytes once line ends are set aside, {@link DuplicateKey}: e.g. the
 * {@code .eml} saved from the mail client, with CRLF line ends, and its copy in an mbox, with LF) is analysed each
 * time but marked {@link Outcome#duplicateOf() as a duplicate} of the first input that held it, so that the outputs
 * that count e-mails count it once; each analysis keeps the exact SHA-256 of its own bytes. The keys of the run's
 * messages are kept for that in a compact table ({@link SeenMessages}: about 21 to 43 bytes per distinct message),
 * the first input's names in a temporary file read back only for a copy.
 * Per-e-mail dossiers are rendered only for messages that give grounds for a complaint ({@link Complaints}), and, with
 * {@code --sender}, whose sender was chosen ({@link SenderSelection}).
 */
final class BatchRunner {
    /**
     * Anomaly codes that mean a limit left part of the message unanalysed (MIME parts, nesting, header fields, body,
     * HTML depth and element count, CSS, references the detector left out): reported on stderr and exit code
     * {@link ExitCodes#PARTIAL} (issue 6).
     */
    static final Set<AnomalyCode> LIMIT_CODES = Set.of(AnomalyCode.TOO_MANY_PARTS, AnomalyCode.TOO_DEEP,
            AnomalyCode.TOO_MANY_HEADERS, AnomalyCode.BODY_TOO_LARGE, AnomalyCode.HTML_TOO_DEEP,
            AnomalyCode.HTML_TOO_MANY_ELEMENTS, AnomalyCode.CSS_TOO_LARGE, AnomalyCode.REFERENCES_NOT_ANALYSED);

    /**
     * Anomaly codes of a limit that shortened a value but left nothing unanalysed ({@code HEADER_LINE_TOO_LONG}: one
     * header field cut, every field and the whole body still read): reported on stderr, exit code unchanged.
     */
    static final Set<AnomalyCode> NOTED_LIMIT_CODES = Set.of(AnomalyCode.HEADER_LINE_TOO_LONG);

    /**
     * The bytes of the messages read ahead of the writer (queued, being analysed, or analysed and waiting for their
     * turn to be written) are bounded by the maximum heap ({@code -Xmx}) divided by this: 8, so 32 MiB in a 256 MiB
     * heap. Inputs are counted at their size on disk or in their mbox.
     */
    static final int DEFAULT_READ_AHEAD_HEAP_DIVISOR = 8;

    /** The reason given for a dossier that could not be drawn for lack of memory. */
    static final String PDF_OUT_OF_MEMORY = "out of memory while drawing it (give Java more memory with -Xmx)";

    /**
     * How long the writer waits, by default, for the worker of an abandoned message to be free again before it
     * reports a defect and gives the pool one more thread: 5,000 ms. The engine notices a cancellation within
     * milliseconds; a dossier being drawn when the time ran out may need a few seconds more.
     */
    static final long DEFAULT_STOP_GRACE_MILLIS = 5_000;

    /** Whether the task of one input was taken by a worker, and when it ended. */
    private static final class Worker {
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean started;
        /** Set once the engine has returned the analysis: what is left is drawing its dossier, if any. */
        private volatile boolean analysed;
    }

    /** One submitted input, its pending outcome and its worker's state. */
    private record Pending(Input input, Future<Outcome> future, Worker worker) {
    }

    private static final Pending END = new Pending(null, CompletableFuture.completedFuture(null), new Worker());

    private final Engine engine;
    private final InputWalker walker;
    private final ExecutorService pool;
    private final int queueCapacity;
    private final Reporter reporter;
    private final List<OutcomeSink> sinks;
    private final DossierRenderer perEmailDossiers;
    private final SenderSelection chosen;
    private final boolean keepRaw;
    private final long timeoutSeconds;
    private final long readAheadBytes;
    private final Path temporaryFolder;
    private final long stopGraceMillis;
    /** True once a worker did not stop within the grace: said once on stderr. */
    private boolean stuckWorkerReported;
    /** Inputs handed to the pool and not yet written out, and their bytes; guarded by {@code this}. */
    private long inFlight;
    private long inFlightBytes;
    private volatile boolean stopped;
    /** True once the writer left its loop: nothing takes from the queue any more. */
    private volatile boolean writerGone;
    private volatile Throwable producerFailure;

    /**
     * A runner whose read-ahead is bounded by the heap ({@link #DEFAULT_READ_AHEAD_HEAP_DIVISOR}) and whose temporary
     * file goes to the system's temporary folder.
     *
     * @see #BatchRunner(Engine, InputWalker, ExecutorService, int, Reporter, List, DossierRenderer, boolean, long,
     *      long, Path)
     */
    BatchRunner(Engine engine, InputWalker walker, ExecutorService pool, int queueCapacity, Reporter reporter,
            List<OutcomeSink> sinks, DossierRenderer perEmailDossiers, boolean keepRaw, long timeoutSeconds) {
        this(engine, walker, pool, queueCapacity, reporter, sinks, perEmailDossiers, keepRaw, timeoutSeconds,
                Runtime.getRuntime().maxMemory() / DEFAULT_READ_AHEAD_HEAP_DIVISOR, null);
    }

    /**
     * @param perEmailDossiers renders one dossier per e-mail in the workers, or {@code null} for none
     * @param keepRaw          whether outcomes keep the message's bytes (for per-sender dossiers)
     * @param timeoutSeconds   how long, in seconds, the writer waits for one message's outcome once it is next in
     *                         line before abandoning it (a failed input, see the class comment); 0 waits forever.
     *                         Only the reading and the analysis are bounded: once the engine has returned, the
     *                         writer waits for the dossier being drawn (bounded by the input limits; a renderer
     *                         cannot be interrupted), so that an e-mail analysed in time keeps its rows
     * @param readAheadBytes   most bytes of messages in flight (read ahead of the writer), in bytes; one message is
     *                         always let through
     * @param temporaryFolder  where the temporary file of duplicate detection goes, or {@code null} for the system's
     */
    BatchRunner(Engine engine, InputWalker walker, ExecutorService pool, int queueCapacity, Reporter reporter,
            List<OutcomeSink> sinks, DossierRenderer perEmailDossiers, boolean keepRaw, long timeoutSeconds,
            long readAheadBytes, Path temporaryFolder) {
        this(engine, walker, pool, queueCapacity, reporter, sinks, perEmailDossiers, keepRaw, timeoutSeconds,
                readAheadBytes, temporaryFolder, DEFAULT_STOP_GRACE_MILLIS);
    }

    /**
     * As {@link #BatchRunner(Engine, InputWalker, ExecutorService, int, Reporter, List, DossierRenderer, boolean,
     * long, long, Path)}.
     *
     * @param stopGraceMillis how long, in milliseconds, the writer waits for the worker of an abandoned message to be
     *                        free again before it reports a defect and gives the pool one more thread (when it is a
     *                        {@link ThreadPoolExecutor}); see {@link #DEFAULT_STOP_GRACE_MILLIS}
     */
    BatchRunner(Engine engine, InputWalker walker, ExecutorService pool, int queueCapacity, Reporter reporter,
            List<OutcomeSink> sinks, DossierRenderer perEmailDossiers, boolean keepRaw, long timeoutSeconds,
            long readAheadBytes, Path temporaryFolder, long stopGraceMillis) {
        this(engine, walker, pool, queueCapacity, reporter, sinks, perEmailDossiers, SenderSelection.ALL, keepRaw,
                timeoutSeconds, readAheadBytes, temporaryFolder, stopGraceMillis);
    }

    /**
     * As {@link #BatchRunner(Engine, InputWalker, ExecutorService, int, Reporter, List, DossierRenderer, boolean,
     * long, long, Path, long)}.
     *
     * @param chosen the senders whose e-mails get a per-e-mail dossier ({@code --sender}); the others' are not drawn
     */
    BatchRunner(Engine engine, InputWalker walker, ExecutorService pool, int queueCapacity, Reporter reporter,
            List<OutcomeSink> sinks, DossierRenderer perEmailDossiers, SenderSelection chosen, boolean keepRaw,
            long timeoutSeconds, long readAheadBytes, Path temporaryFolder, long stopGraceMillis) {
        this.chosen = chosen;
        this.stopGraceMillis = stopGraceMillis;
        this.engine = engine;
        this.walker = walker;
        this.pool = pool;
        this.queueCapacity = queueCapacity;
        this.reporter = reporter;
        this.sinks = sinks;
        this.perEmailDossiers = perEmailDossiers;
        this.keepRaw = keepRaw;
        this.timeoutSeconds = timeoutSeconds;
        this.readAheadBytes = readAheadBytes;
        this.temporaryFolder = temporaryFolder;
    }

    /**
     * Analyses every input and writes every output, then finishes the outputs. The sinks are not closed: their owner
     * closes them ({@link OutcomeSink#close()}), also when this throws.
     *
     * @throws IOException when an output cannot be written (the run stopped there)
     */
    void run(List<String> paths) throws IOException, InterruptedException {
        BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(queueCapacity);
        Thread producer = new Thread(() -> produce(paths, queue), "pixelproof-inputs");
        producer.setDaemon(true);
        IOException failure = null;
        try (SeenMessages seen = new SeenMessages(temporaryFolder)) {
            producer.start();
            while (true) {
                Pending next = queue.take();
                if (next == END) {
                    break;
                }
                if (failure != null) {
                    next.future().cancel(true);
                    release(next.input());
                    continue;
                }
                Outcome outcome = await(next);
                try {
                    if (outcome.ok()) {
                        String first = seen.firstOrAdd(outcome.duplicateKey(), outcome.name());
                        if (first != null) {
                            outcome = outcome.markedDuplicateOf(first);
                        }
                    }
                    reporter.outcome(outcome);
                    for (OutcomeSink sink : sinks) {
                        sink.accept(outcome);
                    }
                } catch (IOException e) {
                    failure = e;
                    stopped = true;
                }
                release(next.input());
            }
        } finally {
            stopped = true;
            writerGone = true;
            producer.interrupt(); // harmless once it is done; else it must not wait for a writer that is gone
            producer.join();
        }
        if (failure != null) {
            throw failure;
        }
        Throwable walking = producerFailure;
        if (walking != null) {
            reporter.failure("reading the inputs", "stopped by an internal error (" + describe(walking) + "); the"
                    + " inputs after the last one reported were not read", true);
            reporter.debug(walking);
        }
        for (OutcomeSink sink : sinks) {
            sink.finish();
        }
    }

    private void produce(List<String> paths, BlockingQueue<Pending> queue) {
        try {
            walker.walk(paths, new InputWalker.Sink() {
                @Override
                public void accept(Input input) throws InterruptedException {
                    if (stopped) {
                        throw new InterruptedException("run stopped");
                    }
                    acquire(input);
                    try {
                        Worker worker = new Worker();
                        queue.put(new Pending(input, pool.submit(() -> {
                            worker.started = true;
                            try {
                                return process(input, worker);
                            } finally {
                                worker.ended.countDown();
                            }
                        }), worker));
                    } catch (InterruptedException | RuntimeException e) {
                        release(input);
                        throw e;
                    }
                }

                @Override
                public void awaitIdle() throws InterruptedException {
                    BatchRunner.this.awaitIdle();
                }
            });
        } catch (InterruptedException e) {
            // the run was stopped by an output failure
        } catch (Throwable e) { // NOPMD: reported by the writer, which completes the outputs; the inputs left stop
            producerFailure = e;
        } finally {
            try {
                if (!writerGone) {
                    queue.put(END);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the writer is gone: nobody waits for the end mark
            }
        }
    }

    /** Waits until the input's bytes fit within {@code readAheadBytes}, or nothing else is in flight. */
    private synchronized void acquire(Input input) throws InterruptedException {
        long size = Math.max(0, input.size());
        while (inFlight > 0 && inFlightBytes + size > readAheadBytes) {
            if (stopped) {
                throw new InterruptedException("run stopped");
            }
            wait();
        }
        inFlight++;
        inFlightBytes += size;
    }

    private synchronized void release(Input input) {
        inFlight--;
        inFlightBytes -= Math.max(0, input.size());
        notifyAll();
    }

    /** Waits until every input handed to the pool was written out (or the run stops). */
    private synchronized void awaitIdle() throws InterruptedException {
        while (inFlight > 0) {
            if (stopped) {
                throw new InterruptedException("run stopped");
            }
            wait();
        }
    }

    private Outcome await(Pending pending) throws InterruptedException {
        try {
            return timeoutSeconds > 0 ? pending.future().get(timeoutSeconds, TimeUnit.SECONDS)
                    : pending.future().get();
        } catch (TimeoutException e) {
            if (pending.worker().analysed) {
                // the analysis ended in time; drawing its dossier, bounded by the input limits and not interruptible,
                // is not counted: the e-mail keeps its rows and its dossier
                try {
                    return pending.future().get();
                } catch (ExecutionException ex) {
                    return Outcome.failed(pending.input(), "internal error: " + describe(ex.getCause()), true,
                            ex.getCause());
                }
            }
            pending.future().cancel(true); // interrupts the worker: the engine stops at its next check point
            awaitStop(pending);
            return Outcome.failed(pending.input(), abandoned(timeoutSeconds), false, null);
        } catch (ExecutionException e) {
            // process() catches everything; reached only if it has a defect itself: this input is lost, not the run
            return Outcome.failed(pending.input(), "internal error: " + describe(e.getCause()), true, e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            return Outcome.failed(pending.input(), "internal error: its analysis was cancelled", true, e);
        }
    }

    /** @return the reason given for a message abandoned after {@code timeoutSeconds} */
    static String abandoned(long timeoutSeconds) {
        return "analysis abandoned after " + timeoutSeconds + " s (--timeout)";
    }

    /**
     * Waits, at most {@link #stopGraceMillis}, until the worker of an abandoned message is free again. One still busy
     * after that is a defect: said once on stderr, and the pool gets one more thread so that the run keeps its pace.
     */
    private void awaitStop(Pending pending) throws InterruptedException {
        Worker worker = pending.worker();
        if (!worker.started) {
            return; // cancelled before a worker took it: it never will (or, taken at this very moment, sees the interrupt)
        }
        if (worker.ended.await(stopGraceMillis, TimeUnit.MILLISECONDS)) {
            return;
        }
        if (pool instanceof ThreadPoolExecutor tpe) {
            tpe.setMaximumPoolSize(tpe.getMaximumPoolSize() + 1);
            tpe.setCorePoolSize(tpe.getCorePoolSize() + 1);
        }
        if (!stuckWorkerReported) {
            stuckWorkerReported = true;
            reporter.defect(pending.input().name(), "its worker thread was still busy " + stopGraceMillis
                    + " ms after the analysis was abandoned (--timeout); the run goes on with one more thread; please"
                    + " report this defect");
        }
    }

    /**
     * Analyses one input; never throws: every problem becomes a failed outcome. Running out of memory while reading
     * or analysing the message fails this input ({@link ExitCodes#INPUTS_FAILED}); while drawing its dossier, this
     * dossier only (the analysis stands).
     */
    Outcome process(Input input) {
        return process(input, null);
    }

    /** @param worker the state the writer reads ({@link Worker#analysed}), or null */
    private Outcome process(Input input, Worker worker) {
        try {
            return analyse(input, worker);
        } catch (OutOfMemoryError e) {
            return Outcome.failed(input, "out of memory while analysing it (give Java more memory with -Xmx, or use"
                    + " --limits strict)", false, null);
        } catch (Throwable e) { // NOPMD: a defect of this input's analysis must not stop the others
            return Outcome.failed(input, "internal error: " + describe(e), true, e);
        }
    }

    private Outcome analyse(Input input, Worker worker) {
        byte[] raw;
        try {
            raw = input.loader().load();
        } catch (InputException e) {
            return Outcome.failed(input, e.getMessage(), e.internal(), null);
        } catch (OutOfMemoryError e) {
            return Outcome.failed(input, InputWalker.OUT_OF_MEMORY, false, null);
        }
        Analysis analysis;
        try {
            analysis = input.outlook() ? engine.analyzeOutlookMsg(raw, input.name())
                    : engine.analyze(raw, input.name());
        } catch (UnanalysableInputException e) {
            return Outcome.failed(input, describe(e, input.outlook()), false, null);
        } catch (AnalysisCancelledException e) { // abandoned: the writer already reported it (or the run stopped)
            return Outcome.failed(input, abandoned(timeoutSeconds), false, null);
        } catch (OutOfMemoryError e) {
            raw = null;
            return Outcome.failed(input, "out of memory while analysing it (give Java more memory with -Xmx, or use"
                    + " --limits strict)", false, null);
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.failed(input, "internal error: " + describe(e), true, e);
        }
        if (worker != null) {
            worker.analysed = true;
        }
        List<Anomaly> limitHits = analysis.anomalies().stream().filter(a -> LIMIT_CODES.contains(a.code())).toList();
        List<Anomaly> limitNotes = analysis.anomalies().stream().filter(a -> NOTED_LIMIT_CODES.contains(a.code()))
                .toList();
        byte[] pdf = null;
        String pdfError = null;
        if (perEmailDossiers != null && Complaints.possible(analysis) && chosen.test(analysis)) {
            try {
                pdf = perEmailDossiers.render(List.of(new DossierRenderer.Item(analysis, raw, input.outlook())));
            } catch (OutOfMemoryError e) {
                pdf = null; // what the renderer held goes with its stack; the analysis and other outputs stand
                pdfError = PDF_OUT_OF_MEMORY;
            } catch (Exception | StackOverflowError e) {
                pdfError = describe(e);
            }
        }
        String duplicateKey = DuplicateKey.of(raw, input.outlook(), analysis.sha256());
        return new Outcome(input.index(), input.name(), analysis, null, false, limitHits, limitNotes,
                keepRaw ? raw : null, input.outlook(), pdf, pdfError, null, null, duplicateKey, input.member());
    }

    /**
     * @return a short English reason for a failure, safe to print: the reason of an unanalysable input, or the
     *         exception's type, with its message only when PixelProof's own code threw it (third-party messages may
     *         quote the input's content)
     */
    static String describe(Throwable e) {
        return describe(e, false);
    }

    /**
     * @param e       what went wrong
     * @param outlook true when the input was read as an Outlook {@code .msg} file ({@link Input#outlook()})
     * @return as {@link #describe(Throwable)}; for an Outlook file that cannot be read, what the reader says of it
     *         ({@code a damaged Outlook .msg file: ...}, {@code the Outlook .msg file could not be converted (...)}):
     *         it is an e-mail, saved in a form that cannot be read, not something else than an e-mail
     */
    static String describe(Throwable e, boolean outlook) {
        if (e instanceof UnanalysableInputException u) {
            Anomaly reason = u.reason();
            return switch (reason.code()) {
                case EMPTY_INPUT -> "empty file";
                case NOT_A_MESSAGE -> outlook && reason.detail().contains("Outlook .msg") ? reason.detail()
                        : "not an e-mail (" + reason.detail() + ")";
                case MESSAGE_TOO_LARGE -> "too large (" + reason.detail() + "); see --limits";
                default -> reason.code() + " (" + reason.detail() + ")";
            };
        }
        StackTraceElement[] trace = e.getStackTrace();
        boolean ours = trace.length > 0 && trace[0].getClassName().startsWith("org.pixelproof.");
        String message = e.getMessage();
        if (ours && message != null && !message.isBlank()) {
            return e.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200)
                    : message);
        }
        return e.getClass().getName();
    }
}
