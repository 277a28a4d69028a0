package org.pixelproof.cli;

import java.io.IOException;

/**
 * An output of the run. Receives outcomes in input order, from one thread (the writer), then {@link #finish()} once,
 * then {@link #close()}.
 */
interface OutcomeSink {
    /** Takes one outcome; an {@link IOException} stops the run with {@link ExitCodes#OUTPUT_ERROR}. */
    void accept(Outcome outcome) throws IOException;

    /** Completes the output (closing brackets, per-sender dossiers) and releases its resources. */
    default void finish() throws IOException {
    }

    /**
     * Releases what the output holds besides what it wrote (temporary files), whether or not the run reached
     * {@link #finish()}: called once at the end of every run, also after an output failure or an internal error.
     * Must not throw; may be called after {@link #finish()}.
     */
    default void close() {
    }
}
