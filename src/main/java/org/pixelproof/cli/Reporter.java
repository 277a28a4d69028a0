package org.pixelproof.cli;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.BidiControls;

/**
 * Everything the run tells the user on stderr while it goes: one line per input that could not be analysed (with
 * the reason), one per input analysed only in part (with the limit that cut it), one per file that ends inside its
 * header fields (most likely cut short: its body is missing, exit code unchanged, said even with {@code --quiet}),
 * and, when stderr is a terminal, a progress line redrawn at most five times a second. Lines name inputs by the path given; they never contain the
 * messages' content (addresses, subjects, URLs).
 *
 * <p>Used by the writer thread only; {@link #counts()} may be read at the end.
 */
final class Reporter {
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean progress;
    private final boolean debug;
    private final long started = System.nanoTime();
    private long lastProgress;
    private boolean progressShown;
    private long analysed;
    private long failed;
    private long partial;
    private long internal;
    private long dossiersFailed;

    /**
     * @param err      stderr
     * @param quiet    true to drop the "analysed in part" lines and the notes (failures, files cut short inside
     *                 their headers and {@link #warning warnings} are always reported)
     * @param progress true to draw the progress line (stderr is a terminal)
     * @param debug    true to print the stack traces of internal errors
     */
    Reporter(PrintWriter err, boolean quiet, boolean progress, boolean debug) {
        this.err = err;
        this.quiet = quiet;
        this.progress = progress;
        this.debug = debug;
    }

    /** Counts of the run so far. */
    /**
     * @param analysed       inputs analysed
     * @param failed         inputs that could not be analysed
     * @param partial        inputs analysed only in part, over a limit
     * @param internal       internal errors (defects), inputs or dossiers
     * @param dossiersFailed dossiers that could not be written (their inputs were analysed)
     */
    record Counts(long analysed, long failed, long partial, long internal, long dossiersFailed) {
    }

    Counts counts() {
        return new Counts(analysed, failed, partial, internal, dossiersFailed);
    }

    void outcome(Outcome o) {
        if (o.ok()) {
            analysed++;
            if (!o.limitHits().isEmpty()) {
                partial++;
                if (!quiet) {
                    line(printable(o.name()) + ": analysed in part, over a limit: " + o.limitHits().stream()
                            .map(Reporter::describe).collect(Collectors.joining("; ")));
                }
            }
            if (o.cutShort()) { // said even with --quiet: nothing else (exit code, CSV) tells that most of it is missing
                line(printable(o.name()) + ": the file ends inside its header fields, with no body: probably cut short;"
                        + " only its headers were analysed");
            }
            if (!o.limitNotes().isEmpty() && !quiet) {
                line(printable(o.name()) + ": analysed in full, a value was shortened: " + o.limitNotes().stream()
                        .map(Reporter::describe).collect(Collectors.joining("; ")));
            }
            if (o.pdfError() != null) {
                dossierFailure(o.name(), "dossier not written: " + o.pdfError(), null, false);
            }
        } else {
            failure(o.name(), "skipped: " + o.error(), o.internal());
            if (debug && o.defect() != null) {
                o.defect().printStackTrace(err);
                err.flush();
            }
        }
        tick();
    }

    /** Prints an informational line (what was left out of an output and why), unless {@code --quiet}. */
    void note(String text) {
        if (!quiet) {
            line(text);
        }
    }

    /**
     * Prints a warning, even with {@code --quiet}: quiet hides progress, per-e-mail lines and notes, not what changes
     * the user's files (a dossier folder that already holds files, an earlier index that cannot be read) nor what
     * makes a dossier untrue or missing (the {@code --complainant} statements the e-mails contradict, to check before
     * sending; a {@code --sender} key that chose nothing).
     */
    void warning(String text) {
        line(text);
    }

    /** Reports an input that could not be analysed. */
    void failure(String subject, String reason, boolean isInternal) {
        failed++;
        if (isInternal) {
            internal++;
        }
        line(printable(subject) + ": " + reason);
    }

    /**
     * Reports a defect of the program that cost no input (its inputs are reported on their own): exit code 5.
     *
     * @param subject the input it concerns
     * @param reason  what happened, in a few words
     */
    void defect(String subject, String reason) {
        internal++;
        line(printable(subject) + ": " + reason);
    }

    /**
     * Reports a dossier that could not be written, its e-mails having been analysed.
     *
     * @param subject    the dossier or the input it was for
     * @param reason     why, in a few words
     * @param cause      the exception, printed with {@code --debug}; may be null
     * @param isInternal true for a defect of the program (exit code 5), false for a failure of the input or the
     *                   machine (exit code 1)
     */
    void dossierFailure(String subject, String reason, Throwable cause, boolean isInternal) {
        dossiersFailed++;
        if (isInternal) {
            internal++;
        }
        line(printable(subject) + ": " + reason);
        if (debug && cause != null) {
            cause.printStackTrace(err);
            err.flush();
        }
    }

    /** Prints the stack trace of an internal error with {@code --debug}; nothing otherwise. */
    void debug(Throwable cause) {
        if (debug && cause != null) {
            cause.printStackTrace(err);
            err.flush();
        }
    }

    /**
     * Makes a value taken from the inputs (a file name, a host or vendor name, a sender) safe to print on a terminal,
     * on stderr as in the one-line results on stdout.
     *
     * @return {@code name} with control characters (C0, DEL and C1: an ANSI escape, a BEL or a carriage return could
     *         rewrite the terminal, a newline forge a line) and the line and paragraph separators (U+2028, U+2029)
     *         replaced by {@code ?}, and Unicode's bidirectional formatting characters (U+202E...), which would reorder
     *         the text around them, written as their code point, {@code [U+202E]}, as the dossier and the web pages
     *         show them ({@link BidiControls#reveal})
     */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                ? '?' : c));
        return BidiControls.reveal(sb.toString());
    }

    /** Prints a line, clearing the progress line first. */
    void line(String text) {
        clearProgress();
        err.println("pixelproof: " + text);
        err.flush();
    }

    /** Prints a plain message (summary tables), clearing the progress line first. */
    void print(String text) {
        clearProgress();
        err.print(text);
        err.flush();
    }

    void done() {
        clearProgress();
        err.flush();
    }

    private void tick() {
        if (!progress) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastProgress < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        lastProgress = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        long done = analysed + failed;
        String spinner = "|/-\\".substring((int) (done / 7 % 4), (int) (done / 7 % 4) + 1);
        err.print(String.format("\r%s %,d analysed, %,d skipped  %.0f e-mails/s  %ds ", spinner, analysed, failed,
                done / seconds, (long) seconds));
        err.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            progressShown = false;
        }
    }

    private static String describe(Anomaly a) {
        return a.code() + " (" + a.detail() + ")";
    }
}
