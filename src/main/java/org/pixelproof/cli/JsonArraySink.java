package org.pixelproof.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code --json}: one JSON array of analyses, written as they come (one element per line), never held in memory.
 * Failed inputs are not in the array (they are reported on stderr).
 */
final class JsonArraySink implements OutcomeSink {
    private final OutputStream out;
    private boolean first = true;

    JsonArraySink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void accept(Outcome outcome) throws IOException {
        if (!outcome.ok()) {
            return;
        }
        out.write((first ? "[\n" : ",\n").getBytes(StandardCharsets.US_ASCII));
        first = false;
        out.write(CliJson.analysis(outcome));
    }

    @Override
    public void finish() throws IOException {
        out.write((first ? "[]\n" : "\n]\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
