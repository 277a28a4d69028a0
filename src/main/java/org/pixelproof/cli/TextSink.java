package org.pixelproof.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.Tracker;

/**
 * The default stdout output when no machine-readable format is asked for there: one line per analysed e-mail,
 * {@code file: VERDICT, N tracker(s) (vendors)}, followed by {@code [sender identity doubtful]} when the analysis
 * found signs of phishing or a forged sender (the CSV's {@code sender_identity_doubtful}). The file, vendor and host names come from the inputs (a host is
 * whatever an e-mail wrote in a URL): each is made {@link Reporter#printable printable} as on stderr, so that no
 * control character reaches the terminal, no newline forges a line and no bidirectional override reorders one.
 */
final class TextSink implements OutcomeSink {
    private final PrintWriter out;

    TextSink(OutputStream out) {
        this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    }

    @Override
    public void accept(Outcome outcome) {
        if (outcome.ok()) {
            out.println(line(outcome.analysis()) + (SenderKey.doubtful(outcome.analysis())
                    ? " [sender identity doubtful]" : "") + (outcome.duplicate()
                    ? " (same message as " + Reporter.printable(outcome.duplicateOf()) + ", counted once)" : ""));
        }
    }

    @Override
    public void finish() throws IOException {
        out.flush();
        if (out.checkError()) {
            throw new IOException("standard output cannot be written");
        }
    }

    /** Longest vendor or host name shown in the one-line result, in characters; longer ones end in an ellipsis. */
    static final int MAX_NAME_CHARS = 80;
    /** Most vendor or host names listed in the one-line result: 5; the others are counted ("and 635 more"). */
    static final int MAX_NAMES = 5;

    private static String shortened(String name) {
        if (name.length() <= MAX_NAME_CHARS) {
            return name;
        }
        int cut = MAX_NAME_CHARS - 1;
        if (Character.isHighSurrogate(name.charAt(cut - 1))) {
            cut--; // never half a character
        }
        return name.substring(0, cut) + "\u2026";
    }

    static String line(Analysis a) {
        Set<String> vendors = new LinkedHashSet<>();
        for (Tracker t : a.trackers()) {
            vendors.add(shortened(Reporter.printable(t.vendor() != null ? t.vendor()
                    : t.host() != null ? t.host() : "?")));
        }
        int n = a.trackers().size();
        StringBuilder sb = new StringBuilder(a.file() == null ? "-" : Reporter.printable(a.file())).append(": ")
                .append(a.verdict())
                .append(", ").append(n).append(n == 1 ? " tracker" : " trackers");
        if (!vendors.isEmpty()) {
            sb.append(" (").append(String.join(", ", vendors.stream().limit(MAX_NAMES).toList()));
            if (vendors.size() > MAX_NAMES) {
                sb.append(" and ").append(vendors.size() - MAX_NAMES).append(" more");
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
