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

    @Test
    void aKeyLongerThanAnyHostNameIsComputedButNeverKept() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(100);
        String megabyteHost = "a.".repeat(512 * 1024);
        AtomicInteger calls = new AtomicInteger();
        for (int round = 0; round < 2; round++) {
            assertEquals(megabyteHost.length(), cache.get(megabyteHost, k -> {
                calls.incrementAndGet();
                return k.length();
            }));
        }
        assertEquals(2, calls.get(), "computed each time");
        assertEquals(0, cache.size(), "a static cache must not keep a hostile message's megabyte after it");
        String longest = "h".repeat(BoundedCache.MAX_KEY_CHARS);
        cache.get(longest, String::length);
        assertEquals(1, cache.size(), "a key of the longest kept length is kept");
    }

    @Test
    void theKeysCharactersAreBoundedInAllToo() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(1_000_000);
        int perKey = BoundedCache.MAX_KEY_CHARS;
        long keys = BoundedCache.MAX_TOTAL_KEY_CHARS / perKey + 10;
        long most = 0;
        for (int i = 0; i < keys; i++) {
            String k = String.format("%0" + perKey + "d", i);
            cache.get(k, String::length);
            most = Math.max(most, cache.size());
        }
        assertEquals(BoundedCache.MAX_TOTAL_KEY_CHARS / perKey, most,
                "emptied once the keys' characters reach the bound");
    }
}
