package org.pixelproof.ingest;

import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * A {@link SharedByteArrayInputStream} whose reads are not synchronised, for a stream read by one thread at a time.
 *
 * <p>Angus Mail reads header lines and multipart boundaries one byte at a time ({@code InputStream.read()});
 * {@link java.io.ByteArrayInputStream}'s methods are {@code synchronized}, so each of those bytes took and released a
 * lock: about a tenth of the MIME reading of a message with a long header block (DKIM, ARC and {@code Received}
 * fields). This view reads the same bytes the same way without the lock. {@link #newStream(long, long)} returns views
 * of the same kind over the same array, so every MIME part of a message read through it is read without locks too.
 *
 * <p>Not thread-safe: one instance must not be read by two threads at once (the parser never does; each part gets
 * its own stream from {@link #newStream(long, long)}). The array is shared, never copied, and must not change while
 * read.
 */
public final class SharedBytes extends SharedByteArrayInputStream {
    /**
     * @param bytes the bytes to read, all of them; not copied
     * @throws NullPointerException when {@code bytes} is null
     */
    public SharedBytes(byte[] bytes) {
        super(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * @param bytes  the array holding the bytes to read; not copied
     * @param offset the index of the first byte to read
     * @param length how many bytes to read (fewer when the array ends first)
     * @throws NullPointerException when {@code bytes} is null
     */
    public SharedBytes(byte[] bytes, int offset, int length) {
        super(Objects.requireNonNull(bytes, "bytes"), offset, length);
    }

    @Override
    public int read() {
        return pos < count ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (pos >= count) {
            return -1;
        }
        int n = Math.min(len, count - pos);
        if (n <= 0) {
            return 0;
        }
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long k = count - pos; // as ByteArrayInputStream, also for a view that starts past the array's end
        if (n < k) {
            k = n < 0 ? 0 : n;
        }
        pos += (int) k;
        return k;
    }

    @Override
    public int available() {
        return count - pos;
    }

    @Override
    public void mark(int readAheadLimit) {
        mark = pos;
    }

    @Override
    public void reset() {
        pos = mark;
    }

    /**
     * As {@link SharedByteArrayInputStream#newStream(long, long)}: a view of bytes {@code start} (inclusive) to
     * {@code end} (exclusive, {@code -1} for the end) of this stream, counted from its first byte.
     *
     * @throws IllegalArgumentException when {@code start} is negative
     */
    @Override
    public InputStream newStream(long start, long end) {
        if (start < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        long last = end == -1 ? count - this.start : end;
        return new SharedBytes(buf, this.start + (int) start, (int) (last - start));
    }
}
