package org.pixelproof.authenticity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;
import org.apache.james.jdkim.canon.SimpleBodyCanonicalizer;

/**
 * The body of one message as DKIM canonicalises it (RFC 6376 section 3.4.3 {@code simple}, 3.4.4 {@code relaxed}),
 * through jDKIM's own canonicalisers, to relate an {@code l=} length to the raw bytes. Not thread-safe (one per check).
 */
final class CanonicalBody {
    private final RawMessage message;
    private final Map<String, Long> lengths = new HashMap<>();

    CanonicalBody(RawMessage message) {
        this.message = message;
    }

    /** @return the canonicalised body length in bytes for {@code method} ({@code simple} or {@code relaxed}). */
    long length(String method) {
        return lengths.computeIfAbsent(method, m -> {
            Counter counter = new Counter();
            try (OutputStream canon = canonicaliser(m, counter)) {
                canon.write(message.wire(), message.bodyStart(), message.bodyLength());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return counter.count;
        });
    }

    /**
     * The raw body bytes whose content lies within the first {@code limit} canonical bytes: every non-white-space byte
     * before the returned offset is covered by an {@code l=limit} signature. Conservative: the byte at which the
     * canonical output reaches {@code limit} is excluded, since the canonicaliser may emit held-back white space and
     * that byte together.
     *
     * @param method {@code simple} or {@code relaxed}
     * @param limit  the {@code l=} value
     * @return an offset relative to the body start, from 0 to the body length
     */
    int signedRawEnd(String method, long limit) {
        if (limit <= 0) {
            return 0;
        }
        Counter counter = new Counter();
        byte[] wire = message.wire();
        int start = message.bodyStart();
        int n = message.bodyLength();
        try {
            OutputStream canon = canonicaliser(method, counter);
            for (int i = 0; i < n; i++) {
                canon.write(wire[start + i]);
                if (counter.count >= limit) {
                    return i; // bytes 0..i-1 are covered; byte i is not claimed
                }
            }
            canon.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n; // only held-back trailing white space reached the limit: all content is covered
    }

    static OutputStream canonicaliser(String method, OutputStream out) {
        return "relaxed".equalsIgnoreCase(method) ? new RelaxedBodyCanonicalizer(out)
                : new SimpleBodyCanonicalizer(out);
    }

    /** Counts bytes, keeps none. */
    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
