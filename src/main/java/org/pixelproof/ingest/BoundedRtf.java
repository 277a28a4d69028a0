package org.pixelproof.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.poi.hmef.CompressedRTF;

/**
 * Decompresses the RTF body of an Outlook message ({@code PR_RTF_COMPRESSED}, [MS-OXRTFCP]) within a size bound, so
 * that a few megabytes of LZFu back-references (each 2-byte reference expands to up to 17 bytes, so about 8 times
 * the compressed size) cannot fill the heap.
 *
 * <p>The stream starts with a 16-byte header ([MS-OXRTFCP] section 2.1.3.1): {@code COMPSIZE}, {@code RAWSIZE} (the
 * size of the uncompressed RTF, in bytes, an unsigned 32-bit little-endian integer), {@code COMPTYPE}
 * ({@code "LZFu"}, compressed, or {@code "MELA"}, stored uncompressed) and {@code CRC}. The header's claimed
 * {@code RAWSIZE} is checked against the bound before decompressing (it sizes nothing: a lying header allocates
 * nothing), and the output itself is bounded while decompressing: Apache POI's decompressor
 * ({@link CompressedRTF}) writes into a sink that stops it at {@code min(RAWSIZE, maxBytes)} bytes. What lies
 * past {@code RAWSIZE} is not RTF (the stream's end marker and padding, which POI also drops); what lies past
 * {@code maxBytes} is left out and {@link Result#truncated()} says so.
 *
 * <p>Stateless and thread-safe.
 */
final class BoundedRtf {
    /** Length of the compressed RTF header ([MS-OXRTFCP] section 2.1.3.1), in bytes. */
    static final int HEADER_BYTES = 16;
    /** {@code COMPTYPE} of compressed content, {@code "LZFu"} read as a little-endian integer. */
    static final int COMPRESSED = 0x75465A4C;
    /** {@code COMPTYPE} of content stored uncompressed, {@code "MELA"} read as a little-endian integer. */
    static final int UNCOMPRESSED = 0x414C454D;

    private BoundedRtf() {
    }

    /**
     * The outcome of a bounded decompression.
     *
     * @param rtf             the RTF decompressed, at most {@code maxBytes} characters (one per byte, ISO-8859-1, as
     *                        RTF is a 7-bit format with {@code \'hh} escapes); empty when nothing could be read
     * @param claimedRawBytes the header's {@code RAWSIZE}, in bytes; -1 when the header is incomplete
     * @param truncated       true when the RTF is longer than {@code maxBytes} and was cut there
     * @param problem         why the stream could not be (entirely) decompressed, in English; {@code null} when it
     *                        could
     */
    record Result(String rtf, long claimedRawBytes, boolean truncated, String problem) {
    }

    /**
     * Decompresses a compressed RTF stream, keeping at most {@code maxBytes} bytes.
     *
     * @param stream   the {@code PR_RTF_COMPRESSED} property value, header included; not modified
     * @param maxBytes most bytes of RTF kept, positive (the body limit, {@link IngestLimits#maxBodyBytes()})
     * @return the RTF and what happened; never throws for bad content
     */
    static Result decompress(byte[] stream, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (stream.length < HEADER_BYTES) {
            return new Result("", -1, false, "the compressed RTF body is " + stream.length
                    + " bytes long, shorter than its 16-byte header (MS-OXRTFCP section 2.1.3.1)");
        }
        long rawSize = Integer.toUnsignedLong(littleEndianInt(stream, 4));
        int type = littleEndianInt(stream, 8);
        if (type != COMPRESSED && type != UNCOMPRESSED) {
            return new Result("", rawSize, false, String.format("the compressed RTF body has an unknown COMPTYPE "
                    + "0x%08X (MS-OXRTFCP section 2.1.3.1 allows LZFu and MELA)", type));
        }
        long cap = Math.min(maxBytes, Integer.MAX_VALUE - 8L);
        boolean overLimit = rawSize > cap; // known before decompressing: the header claims more than the bound
        Sink sink = new Sink((int) Math.min(rawSize, cap));
        String problem = null;
        try {
            new CompressedRTF().decompress(new ByteArrayInputStream(stream), sink);
        } catch (Sink.Full full) {
            // stopped at min(RAWSIZE, maxBytes): past RAWSIZE is no RTF, past maxBytes is over the limit
            return new Result(sink.text(), rawSize, overLimit, null);
        } catch (IOException | RuntimeException e) {
            problem = "the compressed RTF body could not be entirely decompressed (" + e.getClass().getSimpleName()
                    + ")";
        }
        return new Result(sink.text(), rawSize, false, problem);
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /** Keeps up to {@code limit} bytes, then stops the decompressor by throwing {@link Full}. */
    private static final class Sink extends OutputStream {
        private final int limit;
        private byte[] buf;
        private int len;

        Sink(int limit) {
            this.limit = limit;
            this.buf = new byte[Math.min(limit, 8192)];
        }

        @Override
        public void write(int b) throws IOException {
            if (len == limit) {
                throw new Full();
            }
            ensure(1);
            buf[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            int room = limit - len;
            int kept = Math.min(n, room);
            ensure(kept);
            System.arraycopy(b, off, buf, len, kept);
            len += kept;
            if (kept < n) {
                throw new Full();
            }
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(len + (long) more, buf.length * 2L)));
            }
        }

        String text() {
            return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
        }

        /** Thrown when a byte past the limit is written; carries no stack trace. */
        static final class Full extends IOException {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        }
    }
}
