package org.pixelproof.detect;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A memo of a pure function over strings met in e-mails (host names, address forms), bounded so that a hostile
 * message with millions of distinct values cannot grow it without end: when it holds {@code maxEntries} entries it is
 * emptied and starts again (no eviction order to keep, and a real mailbox meets far fewer distinct values).
 *
 * <p>Thread-safe; two threads may compute the same value at once, which is harmless for a pure function.
 *
 * @param <K> the key, e.g. a host name
 * @param <V> the value computed from it, never {@code null}
 */
final class BoundedCache<K, V> {
    private final int maxEntries;
    private final Map<K, V> entries = new ConcurrentHashMap<>();

    /** @param maxEntries most entries held before the cache is emptied, at least 1 */
    BoundedCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * @param key     the key, not {@code null}
     * @param compute the pure function, giving a non-null value
     * @return the cached value of {@code key}, computed and kept when absent
     */
    V get(K key, Function<K, V> compute) {
        V cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        V value = Objects.requireNonNull(compute.apply(key), "value");
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, value);
        return value;
    }

    /** @return how many entries are held now (for tests) */
    int size() {
        return entries.size();
    }
}
