package org.pixelproof.ingest;

/**
 * Thrown by the engine (every stage from {@code ingest} to {@code assess}, and
 * {@link org.pixelproof.analysis.Analyzer} around them) when the thread analysing a message was interrupted: whoever
 * started the analysis gave up on it (the command line's {@code --timeout}, the web app's
 * {@code pixelproof.analysis.timeout}, a cancelled
 * {@link java.util.concurrent.Future}, {@link java.util.concurrent.ExecutorService#shutdownNow()}). The analysis is
 * abandoned as a whole: nothing of it is returned, and the cancellation is never recorded as an {@link Anomaly}.
 *
 * <p>The engine notices the interrupt at its {@linkplain Cancellation check points}, so the thread stops within a
 * short, bounded stretch of work (typically well under a millisecond of CPU). The thread's interrupt status is left
 * set, as a caller that interrupted it expects; a worker pool clears it before its next task.
 *
 * <p>This is neither malformed input nor a defect: the engine's own catch-alls (those that turn a library's defect
 * on hostile input into an anomaly) always let it through, and callers report it as "abandoned", not as an internal
 * error. It extends {@link RuntimeException} directly, not {@link IllegalStateException} (as
 * {@link java.util.concurrent.CancellationException} does), so that no narrower catch in the engine takes it. Its
 * message never contains the input's content.
 */
public final class AnalysisCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A cancellation noticed at one check point (its stack trace says which). */
    public AnalysisCancelledException() {
        super("the analysis was cancelled: its thread was interrupted");
    }
}
