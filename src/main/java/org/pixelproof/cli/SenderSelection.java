package org.pixelproof.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pixelproof.analysis.Analysis;

/**
 * {@code --sender KEY} (repeatable): the senders whose e-mails get dossiers ({@code --pdf}, {@code --by-sender},
 * {@code --sender-pdf}), so that an association or a DPO can draw the few dossiers it needs out of a whole mailbox.
 * A key is matched against the sender key of each e-mail ({@link SenderKey#of}: the CSV's {@code sender_key} column,
 * the summary's sender column, {@code --senders-csv}'s first column), whole, without case and with the white space
 * around it left out: {@code shop.example} does not select {@code shop.example (identity doubtful)} nor
 * {@code news.shop.example}. Only dossiers are restricted: {@code --json}, {@code --jsonl}, {@code --csv} and the
 * summary keep every e-mail, so that the choice can be checked against them.
 *
 * <p>A key that selects no e-mail of the run (a typing mistake, a sender with {@code (identity doubtful)}) is said
 * on stderr at the end ({@link #sink}). Immutable and thread-safe: {@link #test} is called from the workers.
 */
final class SenderSelection {
    /** Every sender: no {@code --sender} given. */
    static final SenderSelection ALL = new SenderSelection(List.of());

    /** The keys as given (trimmed), by their lower-case form; empty for every sender. */
    private final Map<String, String> keys = new LinkedHashMap<>();

    /**
     * @param given the {@code --sender} values, as typed; blank ones are ignored
     */
    SenderSelection(List<String> given) {
        for (String k : given) {
            String key = k.strip();
            if (!key.isEmpty()) {
                keys.putIfAbsent(normalised(key), key);
            }
        }
    }

    /** @return true when no {@code --sender} was given: every sender gets dossiers */
    boolean all() {
        return keys.isEmpty();
    }

    /**
     * @param a an analysis
     * @return true when its e-mail may get a dossier: no {@code --sender} was given, or its sender key is one of them
     */
    boolean test(Analysis a) {
        return keys.isEmpty() || keys.containsKey(normalised(SenderKey.of(a)));
    }

    /** Most keys of the run named after a {@code --sender} key that selected nothing: {@value}. */
    static final int MAX_SUGGESTED = 5;

    /**
     * @param reporter where the keys that selected no e-mail are said
     * @return the output that counts, over the run's e-mails (copies given twice left out), which keys selected one,
     *         and at the end warns (even with {@code --quiet}: a dossier asked for is missing) about each key that
     *         selected none, naming up to {@value #MAX_SUGGESTED} keys of the run that contain it (a doubtful
     *         sender's, a sub-domain's); for the writer thread only
     */
    OutcomeSink sink(Reporter reporter) {
        Map<String, Long> matched = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> near = new LinkedHashMap<>();
        return new OutcomeSink() {
            @Override
            public void accept(Outcome outcome) {
                if (!outcome.ok() || outcome.duplicate()) {
                    return;
                }
                String key = SenderKey.of(outcome.analysis());
                String lower = normalised(key);
                if (keys.containsKey(lower)) {
                    matched.merge(lower, 1L, Long::sum);
                    return;
                }
                for (String wanted : keys.keySet()) {
                    if (!matched.containsKey(wanted) && lower.contains(wanted)) {
                        java.util.Set<String> seen = near.computeIfAbsent(wanted, k -> new java.util.TreeSet<>());
                        if (seen.size() < MAX_SUGGESTED) {
                            seen.add(key);
                        }
                    }
                }
            }

            @Override
            public void finish() {
                keys.forEach((lower, typed) -> {
                    if (!matched.containsKey(lower)) {
                        java.util.Set<String> close = near.getOrDefault(lower, java.util.Set.of());
                        reporter.warning(Reporter.printable("--sender " + typed + ": no e-mail of the run has this"
                                + " sender key, so it has no dossier (the keys are those of the CSV's sender_key"
                                + " column, of the summary and of --senders-csv)" + (close.isEmpty() ? ""
                                        : "; keys of the run that contain it: " + String.join(", ", close))));
                    }
                });
            }
        };
    }

    /** @return the keys given, as typed, in order */
    List<String> keys() {
        return List.copyOf(keys.values());
    }

    private static String normalised(String key) {
        return key.strip().toLowerCase(Locale.ROOT);
    }
}
