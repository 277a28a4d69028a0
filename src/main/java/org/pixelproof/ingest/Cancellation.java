package org.pixelproof.ingest;

/**
 * The engine's cooperative cancellation: the check points at which an analysis notices that its thread was
 * interrupted and stops with an {@link AnalysisCancelledException}.
 *
 * <p><b>Why the interrupt status and not a deadline object.</b> A caller that bounds an analysis in time runs it as
 * a {@link java.util.concurrent.Future} and gives up with {@code cancel(true)}, which interrupts the thread (the
 * command line's worker pool does, {@code --timeout}, and so does the web app, {@code pixelproof.analysis.timeout});
 * {@link java.util.concurrent.ExecutorService#shutdownNow()}
 * does the same. Reading the interrupt status therefore needs no new parameter threaded through every stage's API (a
 * deadline object would have to reach the jsoup visitors, the CSS index, the marker finder and the footer reader),
 * cannot be forgotten by a caller, and costs one read of a field of the current thread: {@link Thread#isInterrupted()}
 * is a plain volatile read since Java 14, and {@link Thread#currentThread()} an intrinsic. Nothing is allocated per
 * check.
 *
 * <p><b>Where the engine checks.</b> At the boundary of every stage ({@code Analyzer}), per MIME part
 * ({@code EmailParser}), per HTML body, per remote load and per link scored, per header field searched for
 * identifiers ({@code Detector}), every {@value #EVERY} nodes of the jsoup walks ({@code BodyScanner},
 * {@code VisibleText}), per style rule ({@code TextVisibility}, {@code Detector}'s class styles), per paragraph and per
 * line of text read for markers and links ({@code ConsentMarkerFinder}, {@code VisibleText}), per pattern run over a
 * body's text ({@code ConsentMarkerFinder}, {@code MessageClassifier}), per DKIM signature and key look-up
 * ({@code authenticity}). A check point is never put inside a per-character loop.
 *
 * <p><b>Regular expressions.</b> One {@code find()} over a long text cannot be stopped from outside; the link pattern
 * of plain-text lines, whose one line may hold a whole body and whose scan grows faster than the line (a 1 MiB line
 * took seconds), reads a long line through {@link #checking(CharSequence)}. The other patterns over body text are not
 * wrapped: they are tried only where the prefilter ({@code PatternPrefilter}) allows a match to start, over texts cut
 * to a bound, with a check point per pattern; and a wrapper seen by {@code java.util.regex} turns its
 * {@code charAt} call sites, shared by every pattern of the process, from one receiver type into two, a cost that
 * is better paid only for the rare long line.
 *
 * <p><b>Catch-alls.</b> Where the engine catches {@link RuntimeException} (or wider) to turn a library's defect on
 * hostile input into an anomaly, and the guarded code can reach a check point, the catch first calls
 * {@link #rethrowIfCancelled(Throwable)}. As a last guard, {@code Analyzer} checks once more before it returns, so
 * that an interrupted analysis never returns a result that a swallowed cancellation could have cut short.
 *
 * <p>Thread-safe: every method reads only the current thread's state.
 */
public final class Cancellation {
    /**
     * How often loops over many small items check: once every this many items ({@value}; a power of two, so that the
     * test is a mask).
     */
    public static final int EVERY = 256;

    /**
     * Texts at least this long ({@value} characters) are wrapped by {@link #checking(CharSequence)}; shorter ones are
     * returned as they are, their scan being short whatever the pattern.
     */
    public static final int CHECKED_TEXT_MIN_CHARS = 64 << 10;

    /** The wrapper of {@link #checking} checks once every this many {@code charAt} calls ({@value}). */
    static final int CHAR_CHECK_EVERY = 4096;

    private Cancellation() {
    }

    /**
     * A check point.
     *
     * @throws AnalysisCancelledException when the current thread is interrupted (its interrupt status stays set)
     */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new AnalysisCancelledException();
        }
    }

    /**
     * A check point in a loop over many small items: checks when {@code count} is a multiple of {@link #EVERY}.
     * Typical use: {@code Cancellation.checkEvery(++visited);}.
     *
     * @param count the number of items handled so far
     * @throws AnalysisCancelledException when it checks and the current thread is interrupted
     */
    public static void checkEvery(int count) {
        if ((count & (EVERY - 1)) == 0) {
            check();
        }
    }

    /**
     * For the engine's catch-alls: lets a cancellation through.
     *
     * @param caught what the catch-all caught
     * @throws AnalysisCancelledException when {@code caught} is one
     */
    public static void rethrowIfCancelled(Throwable caught) {
        if (caught instanceof AnalysisCancelledException cancelled) {
            throw cancelled;
        }
    }

    /**
     * A view of {@code text} for a regular expression that may run long over it: its {@code charAt} is a check point
     * once every {@value #CHAR_CHECK_EVERY} calls. Texts shorter than {@link #CHECKED_TEXT_MIN_CHARS} are returned
     * unwrapped (so the matchers of ordinary mail keep reading a {@code String} directly). Indices into the view are
     * indices into {@code text}.
     *
     * @param text the text the pattern runs over, not copied
     * @return {@code text} itself, or a checking view of it
     */
    public static CharSequence checking(CharSequence text) {
        return text.length() < CHECKED_TEXT_MIN_CHARS || text instanceof CheckedText ? text : new CheckedText(text);
    }

    /** A read-through view of a text whose {@code charAt} is a check point every {@value #CHAR_CHECK_EVERY} calls. */
    private static final class CheckedText implements CharSequence {
        private final CharSequence text;
        private int untilCheck = CHAR_CHECK_EVERY;

        CheckedText(CharSequence text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--untilCheck == 0) {
                untilCheck = CHAR_CHECK_EVERY;
                check();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end); // a group's text: short work, no need to check
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
