package org.pixelproof.detect;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A memo of a pure function over strings met in e-mails (host names, address forms), bounded so that a hostile
 * message with millions of distinct values cannot grow it without end: when it holds {@code maxEntries} entries, or
 * its keys hold {@value #MAX_TOTAL_KEY_CHARS} characters in all, it is emptied and starts again (no eviction order to
 * keep, and a real mailbox meets far fewer distinct values). A key longer than {@value #MAX_KEY_CHARS} characters is
 * computed every time and never kept: no host name is longer than 253 characters (RFC 1035), and a hostile URL's
 * megabyte-long "host" kept in a static cache outlived its message (it took two megabytes of a 256 MiB test heap).
 *
 * <p>Thread-safe; two threads may compute the same value at once, which is harmless for a pure function.
 *
 * @param <K> the key, e.g. a host name
 * @param <V> the value computed from it, never {@code null}
 */
final class BoundedCache<K, V> {
    /** Longest key kept, in characters ({@link CharSequence} keys): 1,024. */
    static final int MAX_KEY_CHARS = 1_024;
    /** Most characters all kept keys hold together before the cache is emptied: 2,000,000 (about 4 MiB). */
    static final long MAX_TOTAL_KEY_CHARS = 2_000_000;

    private final int maxEntries;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    /** The characters of the keys put since the last emptying (approximate under races, which only empty early). */
    private final AtomicLong keyChars = new AtomicLong();

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
        int chars = key instanceof CharSequence cs ? cs.length() : 0;
        if (chars > MAX_KEY_CHARS) {
            return value;
        }
        if (entries.size() >= maxEntries || keyChars.get() + chars > MAX_TOTAL_KEY_CHARS) {
            entries.clear();
            keyChars.set(0);
        }
        entries.put(key, value);
        keyChars.addAndGet(chars);
        return value;
    }

    /** @return how many entries are held now (for tests) */
    int size() {
        return entries.size();
    }
}
