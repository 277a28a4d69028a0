package org.pixelproof.cli;

import java.io.IOException;

/**
 * An output of the run. Receives outcomes in input order, from one thread (the writer), then {@link #finish()} once.
 */
interface OutcomeSink {
    /** Takes one outcome; an {@link IOException} stops the run with {@link ExitCodes#OUTPUT_ERROR}. */
    void accept(Outcome outcome) throws IOException;

    /** Completes the output (closing brackets, per-sender dossiers) and releases its resources. */
    default void finish() throws IOException {
    }
}
