package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded memo computes each key once while it holds it, and never holds more than its bound. */
class BoundedCacheTest {

    @Test
    void computesOnceAndEmptiesItselfWhenFull() {
        AtomicInteger calls = new AtomicInteger();
        BoundedCache<String, Integer> cache = new BoundedCache<>(3);
        for (int round = 0; round < 2; round++) {
            assertEquals(1, cache.get("a", k -> calls.incrementAndGet() > 0 ? k.length() : 0));
        }
        assertEquals(1, calls.get(), "the second read is served from the cache");
        cache.get("bb", String::length);
        cache.get("ccc", String::length);
        assertEquals(3, cache.size());
        assertEquals(4, cache.get("dddd", String::length));
        assertEquals(1, cache.size(), "full: emptied, then the new entry kept");
        assertThrows(IllegalArgumentException.class, () -> new BoundedCache<String, String>(0));
    }
}
