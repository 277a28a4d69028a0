package org.pixelproof.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bounded list of anomalies met while reading one message, in the order met (jsoup's {@code ParseErrorList} is
 * the model). Exact duplicates are kept once. Past {@link #MAX_ENTRIES} - 1 entries the others are only counted, and
 * {@link #toList()} ends with one {@link AnomalyCode#TOO_MANY_ANOMALIES} entry saying how many were left out.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class AnomalyLog {
    /** Most entries in {@link #toList()}, the closing {@link AnomalyCode#TOO_MANY_ANOMALIES} included: 200. */
    static final int MAX_ENTRIES = 200;

    private final List<Anomaly> entries = new ArrayList<>();
    private final Set<Anomaly> seen = new HashSet<>();
    private int dropped;

    /** Records one anomaly (ignored when the same code, path and detail are already listed). */
    void add(AnomalyCode code, String partPath, String detail) {
        add(new Anomaly(code, partPath, detail));
    }

    /** Records one anomaly (ignored when an equal one is already listed). */
    void add(Anomaly anomaly) {
        if (seen.contains(anomaly)) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES - 1) {
            dropped++;
            return;
        }
        seen.add(anomaly);
        entries.add(anomaly);
    }

    /** @return true when an anomaly with this code was recorded (listed ones only). */
    boolean has(AnomalyCode code) {
        for (Anomaly a : entries) {
            if (a.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** @return how many anomalies were recorded, listed or not. */
    int total() {
        return entries.size() + dropped;
    }

    /** @return the listed anomalies, at most {@link #MAX_ENTRIES}, closed by TOO_MANY_ANOMALIES when some were left out. */
    List<Anomaly> toList() {
        List<Anomaly> out = new ArrayList<>(entries);
        if (dropped > 0) {
            out.add(new Anomaly(AnomalyCode.TOO_MANY_ANOMALIES, "1",
                    dropped + " further anomalies were counted but not listed (the list keeps " + MAX_ENTRIES + ")"));
        }
        return out;
    }
}
