package org.pixelproof.cli;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.UnanalysableInputException;
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
 * memory at once, whatever the number of inputs. An output failure stops the run: the producer stops walking and
 * the pending tasks are cancelled.
 *
 * <p>The same message given twice (the same bytes once line ends are set aside, {@link DuplicateKey}: e.g. the
 * {@code .eml} saved from the mail client, with CRLF line ends, and its copy in an mbox, with LF) is analysed each
 * time but marked {@link Outcome#duplicateOf() as a duplicate} of the first input that held it, so that the outputs
 * that count e-mails count it once; each analysis keeps the exact SHA-256 of its own bytes. The key of every message
 * of the run is kept for that (about 150 bytes each).
 * Per-e-mail dossiers are rendered only for messages that give grounds for a complaint ({@link Complaints}).
 */
final class BatchRunner {
    /**
     * Anomaly codes that mean a limit left part of the message unanalysed (MIME parts, nesting, header fields, body,
     * HTML depth and element count, CSS, references the detector left out): reported on stderr and exit code {@link ExitCodes#PARTIAL} (issue 6).
     */
    static final Set<AnomalyCode> LIMIT_CODES = Set.of(AnomalyCode.TOO_MANY_PARTS, AnomalyCode.TOO_DEEP,
            AnomalyCode.TOO_MANY_HEADERS, AnomalyCode.BODY_TOO_LARGE, AnomalyCode.HTML_TOO_DEEP,
            AnomalyCode.HTML_TOO_MANY_ELEMENTS, AnomalyCode.CSS_TOO_LARGE, AnomalyCode.REFERENCES_NOT_ANALYSED);

    /**
     * Anomaly codes of a limit that shortened a value but left nothing unanalysed ({@code HEADER_LINE_TOO_LONG}: one
     * header field cut, every field and the whole body still read): reported on stderr, exit code unchanged.
     */
    static final Set<AnomalyCode> NOTED_LIMIT_CODES = Set.of(AnomalyCode.HEADER_LINE_TOO_LONG);

    /** One submitted input and its pending outcome. */
    private record Pending(Input input, Future<Outcome> future) {
    }

    private static final Pending END = new Pending(null, CompletableFuture.completedFuture(null));

    private final Engine engine;
    private final InputWalker walker;
    private final ExecutorService pool;
    private final int queueCapacity;
    private final Reporter reporter;
    private final List<OutcomeSink> sinks;
    private final DossierRenderer perEmailDossiers;
    private final boolean keepRaw;
    private final long timeoutSeconds;
    /** {@link DuplicateKey} of each message analysed so far, with the name of the first input that held it. */
    private final java.util.Map<String, String> seen = new java.util.HashMap<>();
    private volatile boolean stopped;
    private volatile RuntimeException producerFailure;

    /**
     * @param perEmailDossiers renders one dossier per e-mail in the workers, or {@code null} for none
     * @param keepRaw          whether outcomes keep the message's bytes (for per-sender dossiers)
     * @param timeoutSeconds   how long, in seconds, the writer waits for one message's outcome once it is next in
     *                         line before abandoning it as an internal error; 0 waits forever. An abandoned analysis
     *                         cannot be stopped (Java threads cannot be killed): its worker is replaced when the pool
     *                         is a {@link ThreadPoolExecutor}, so the run goes on at full speed
     */
    BatchRunner(Engine engine, InputWalker walker, ExecutorService pool, int queueCapacity, Reporter reporter,
            List<OutcomeSink> sinks, DossierRenderer perEmailDossiers, boolean keepRaw, long timeoutSeconds) {
        this.engine = engine;
        this.walker = walker;
        this.pool = pool;
        this.queueCapacity = queueCapacity;
        this.reporter = reporter;
        this.sinks = sinks;
        this.perEmailDossiers = perEmailDossiers;
        this.keepRaw = keepRaw;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Analyses every input and writes every output, then finishes the outputs.
     *
     * @throws IOException when an output cannot be written (the run stopped there)
     */
    void run(List<String> paths) throws IOException, InterruptedException {
        BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(queueCapacity);
        Thread producer = new Thread(() -> produce(paths, queue), "pixelproof-inputs");
        producer.setDaemon(true);
        producer.start();
        IOException failure = null;
        while (true) {
            Pending next = queue.take();
            if (next == END) {
                break;
            }
            if (failure != null) {
                next.future().cancel(true);
                continue;
            }
            Outcome outcome = await(next);
            if (outcome.ok()) {
                String first = seen.putIfAbsent(outcome.duplicateKey(), outcome.name());
                if (first != null) {
                    outcome = outcome.markedDuplicateOf(first);
                }
            }
            reporter.outcome(outcome);
            try {
                for (OutcomeSink sink : sinks) {
                    sink.accept(outcome);
                }
            } catch (IOException e) {
                failure = e;
                stopped = true;
            }
        }
        producer.join();
        if (failure != null) {
            throw failure;
        }
        if (producerFailure != null) {
            throw producerFailure;
        }
        for (OutcomeSink sink : sinks) {
            sink.finish();
        }
    }

    private void produce(List<String> paths, BlockingQueue<Pending> queue) {
        try {
            walker.walk(paths, input -> {
                if (stopped) {
                    throw new InterruptedException("run stopped");
                }
                queue.put(new Pending(input, pool.submit(() -> process(input))));
            });
        } catch (InterruptedException e) {
            // the run was stopped by an output failure
        } catch (RuntimeException e) {
            producerFailure = e;
        } finally {
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Outcome await(Pending pending) throws InterruptedException {
        try {
            return timeoutSeconds > 0 ? pending.future().get(timeoutSeconds, TimeUnit.SECONDS)
                    : pending.future().get();
        } catch (TimeoutException e) {
            pending.future().cancel(true);
            if (pool instanceof ThreadPoolExecutor tpe) {
                // the abandoned worker may never return: give the pool one more thread
                tpe.setMaximumPoolSize(tpe.getMaximumPoolSize() + 1);
                tpe.setCorePoolSize(tpe.getCorePoolSize() + 1);
            }
            return Outcome.failed(pending.input(), "internal error: the analysis took more than " + timeoutSeconds
                    + " s and was abandoned (see --timeout); please report this defect", true, null);
        } catch (ExecutionException e) {
            // process() catches everything; this is only reached if it has a defect itself
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Analyses one input; never throws: every problem becomes a failed outcome. */
    Outcome process(Input input) {
        byte[] raw;
        try {
            raw = input.loader().load();
        } catch (InputException e) {
            return Outcome.failed(input, e.getMessage(), false, null);
        }
        Analysis analysis;
        try {
            analysis = input.outlook() ? engine.analyzeOutlookMsg(raw, input.name())
                    : engine.analyze(raw, input.name());
        } catch (UnanalysableInputException e) {
            return Outcome.failed(input, describe(e), false, null);
        } catch (OutOfMemoryError e) {
            raw = null;
            return Outcome.failed(input, "out of memory while analysing it (give Java more memory with -Xmx, or use"
                    + " --limits strict)", false, null);
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.failed(input, "internal error: " + describe(e), true, e);
        }
        List<Anomaly> limitHits = analysis.anomalies().stream().filter(a -> LIMIT_CODES.contains(a.code())).toList();
        List<Anomaly> limitNotes = analysis.anomalies().stream().filter(a -> NOTED_LIMIT_CODES.contains(a.code()))
                .toList();
        byte[] pdf = null;
        String pdfError = null;
        if (perEmailDossiers != null && Complaints.possible(analysis)) {
            try {
                pdf = perEmailDossiers.render(List.of(new DossierRenderer.Item(analysis, raw, input.outlook())));
            } catch (Exception | StackOverflowError e) {
                pdfError = describe(e);
            }
        }
        String duplicateKey = DuplicateKey.of(raw, input.outlook(), analysis.sha256());
        return new Outcome(input.index(), input.name(), analysis, null, false, limitHits, limitNotes,
                keepRaw ? raw : null, input.outlook(), pdf, pdfError, null, null, duplicateKey);
    }

    /**
     * @return a short English reason for a failure, safe to print: the reason of an unanalysable input, or the
     *         exception's type, with its message only when PixelProof's own code threw it (third-party messages may
     *         quote the input's content)
     */
    static String describe(Throwable e) {
        if (e instanceof UnanalysableInputException u) {
            Anomaly reason = u.reason();
            return switch (reason.code()) {
                case EMPTY_INPUT -> "empty file";
                case NOT_A_MESSAGE -> "not an e-mail (" + reason.detail() + ")";
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
