package org.pixelproof.cli;

import java.io.IOException;
import java.io.OutputStream;

/** {@code --jsonl}: one analysis per line (JSON Lines), failed inputs left out (they are reported on stderr). */
final class JsonLinesSink implements OutcomeSink {
    private final OutputStream out;
    private final boolean close;

    /** @param close whether {@link #finish()} closes {@code out} (a file) or only flushes it (stdout) */
    JsonLinesSink(OutputStream out, boolean close) {
        this.out = out;
        this.close = close;
    }

    @Override
    public void accept(Outcome outcome) throws IOException {
        if (outcome.ok()) {
            out.write(CliJson.analysis(outcome));
            out.write('\n');
        }
    }

    @Override
    public void finish() throws IOException {
        if (close) {
            out.close();
        } else {
            out.flush();
        }
    }
}
