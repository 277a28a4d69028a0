package org.pixelproof.ingest;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Removes a Content-Transfer-Encoding (RFC 2045 section 6) from a part's raw content, streaming, keeping at most a
 * given number of decoded bytes and counting the rest, and noting every defect it repairs.
 *
 * <p>Why not Angus' own decoders: its base64 decoder either throws on a defect (losing the whole part) or, with
 * {@code mail.mime.base64.ignoreerrors}, skips it silently; its quoted-printable decoder keeps invalid escapes
 * silently and recurses once per consecutive soft line break, so that a few hundred kilobytes of {@code "=\r\n"}
 * overflow the stack. These decoders are iterative, keep what can be decoded, and report the defects so that they
 * become {@link AnomalyCode#BAD_BASE64} and {@link AnomalyCode#BAD_QUOTED_PRINTABLE} anomalies.
 *
 * <p>Recognised encodings: {@code 7bit}, {@code 8bit}, {@code binary} (identity), {@code base64},
 * {@code quoted-printable}, and the uuencode family ({@code x-uuencode}, {@code uuencode}, {@code x-uue}) through
 * Angus. An unknown name is read as 8bit and reported ({@link AnomalyCode#UNKNOWN_TRANSFER_ENCODING}), except that a
 * misspelling of a real encoding ({@code base-64}, {@code quoted printable}) is decoded as that encoding. One instance
 * per part; not thread-safe.
 */
final class TransferDecoder {
    /** What a Content-Transfer-Encoding means to the decoder. */
    enum Kind { IDENTITY, BASE64, QUOTED_PRINTABLE, UUENCODE }

    /** RFC 2045 section 6.8: encoded lines are at most 76 characters. */
    static final int MAX_BASE64_LINE = 76;

    private static final byte[] B64 = new byte[256];

    static {
        Arrays.fill(B64, (byte) -1);
        String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < a.length(); i++) {
            B64[a.charAt(i)] = (byte) i;
        }
    }

    /** The decoded bytes kept, how many there were in all, and the defects met. */
    record Result(byte[] kept, int keptLength, long totalBytes, boolean truncated, String defect) {
    }

    private TransferDecoder() {
    }

    /**
     * @param cte  the Content-Transfer-Encoding as written, or {@code null}
     * @param log  where an unknown encoding is reported
     * @param path the part path for the anomaly
     * @return how to decode
     */
    static Kind kindOf(String cte, AnomalyLog log, String path) {
        if (cte == null) {
            return Kind.IDENTITY;
        }
        String e = cte.strip().toLowerCase(Locale.ROOT);
        switch (e) {
            case "", "7bit", "8bit", "binary":
                return Kind.IDENTITY;
            case "base64":
                return Kind.BASE64;
            case "quoted-printable":
                return Kind.QUOTED_PRINTABLE;
            case "x-uuencode", "uuencode", "x-uue":
                return Kind.UUENCODE;
            default:
                break;
        }
        String squeezed = e.replaceAll("[^a-z0-9]", "");
        Kind kind = switch (squeezed) {
            case "base64" -> Kind.BASE64;
            case "quotedprintable", "qp" -> Kind.QUOTED_PRINTABLE;
            default -> Kind.IDENTITY;
        };
        log.add(AnomalyCode.UNKNOWN_TRANSFER_ENCODING, path, "Content-Transfer-Encoding " + Safe.token(cte)
                + " is not an RFC 2045 encoding; read as " + (kind == Kind.IDENTITY ? "8bit" : squeezed));
        return kind;
    }

    /**
     * Decodes a part's raw content.
     *
     * @param raw       the raw (still encoded) content; read to its end, not closed
     * @param kind      the encoding
     * @param keepBytes how many decoded bytes to keep (0 to only count them)
     * @return the decoded bytes kept and the defects met
     * @throws IOException when reading {@code raw} fails
     */
    static Result decode(InputStream raw, Kind kind, long keepBytes) throws IOException {
        Sink sink = new Sink(keepBytes);
        // decoded bytes are at most as many as the encoded ones (three quarters for base64): one array, sized once
        int encoded = raw.available();
        sink.expect(kind == Kind.BASE64 ? encoded / 4 * 3 + 3 : kind == Kind.UUENCODE ? 0 : encoded);
        String defect = switch (kind) {
            case IDENTITY -> copy(raw, sink);
            case BASE64 -> new Base64State().run(raw, sink);
            case QUOTED_PRINTABLE -> new QpState().run(raw, sink);
            case UUENCODE -> uudecode(raw, sink);
        };
        return new Result(sink.buf, sink.len, sink.total, sink.total > sink.len, defect);
    }

    private static String copy(InputStream in, Sink sink) throws IOException {
        byte[] buf = readBuffer(in);
        int n;
        while ((n = in.read(buf)) > 0) {
            sink.write(buf, 0, n);
        }
        return null;
    }

    private static String uudecode(InputStream in, Sink sink) throws IOException {
        try (InputStream d = MimeUtility.decode(in, "uuencode")) {
            return copy(d, sink);
        } catch (MessagingException | IOException e) {
            return "uuencoded content is broken (" + e.getClass().getSimpleName() + "); kept what decoded";
        }
    }

    /** The most bytes read at a time: 64 KiB. */
    private static final int READ_BUFFER_BYTES = 64 << 10;

    /**
     * @return a read buffer no larger than what {@code in} says it holds (plus one byte, to see its end in one read),
     *         between 512 bytes and {@link #READ_BUFFER_BYTES}: a part's bytes are a view of the message, whose size
     *         is known, and most parts are far smaller than 64 KiB
     */
    private static byte[] readBuffer(InputStream in) throws IOException {
        return new byte[(int) Math.min(READ_BUFFER_BYTES, Math.max(512L, in.available() + 1L))];
    }

    /** Keeps up to a limit, counts everything. */
    private static final class Sink {
        private final long keep;
        private byte[] buf = new byte[0];
        private int len;
        private long total;

        Sink(long keep) {
            this.keep = Math.min(keep, Integer.MAX_VALUE - 16);
        }

        void write(int b) {
            if (len < keep) {
                ensure(1);
                buf[len++] = (byte) b;
            }
            total++;
        }

        void write(byte[] b, int off, int n) {
            long room = keep - len;
            int take = (int) Math.min(room, n);
            if (take > 0) {
                ensure(take);
                System.arraycopy(b, off, buf, len, take);
                len += take;
            }
            total += n;
        }

        /** Sizes the array for {@code bytes} decoded bytes (no more than kept), when that is more than it holds. */
        void expect(int bytes) {
            int want = (int) Math.min(keep, Math.max(0, bytes));
            if (want > buf.length) {
                buf = Arrays.copyOf(buf, want);
            }
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                long want = Math.max((long) buf.length * 2, (long) len + more);
                want = Math.max(want, 256);
                buf = Arrays.copyOf(buf, (int) Math.min(want, keep));
            }
        }
    }

    /** Iterative base64 decoding that skips white space, counts invalid characters and reads on after padding. */
    private static final class Base64State {
        private long invalid;
        private boolean afterPadding;
        private long dataAfterPadding;
        private int longestLine;
        private long strayLines;

        String run(InputStream in, Sink sink) throws IOException {
            byte[] buf = readBuffer(in);
            int quantum = 0;
            int have = 0;
            int line = 0;
            // line start handling: a line starting with "--" cannot be base64; it is a stray boundary or signature
            // line, skipped whole
            boolean skipping = false;
            boolean dashAtStart = false;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    int c = buf[i] & 0xff;
                    if (c == '\r' || c == '\n') {
                        longestLine = Math.max(longestLine, line);
                        if (dashAtStart) {
                            invalid++;
                            dashAtStart = false;
                        }
                        line = 0;
                        skipping = false;
                        continue;
                    }
                    line++;
                    if (skipping) {
                        continue;
                    }
                    if (line == 1 && c == '-') {
                        dashAtStart = true;
                        continue;
                    }
                    if (dashAtStart) {
                        dashAtStart = false;
                        if (c == '-') {
                            skipping = true;
                            strayLines++;
                            continue;
                        }
                        invalid++;
                    }
                    if (c == ' ' || c == '\t') {
                        continue;
                    }
                    if (c == '=') {
                        if (have >= 2) {
                            flush(quantum, have, sink);
                            afterPadding = true;
                        } else if (have == 1) {
                            invalid++;
                            afterPadding = true;
                        } else if (!afterPadding) {
                            invalid++;
                        }
                        quantum = 0;
                        have = 0;
                        continue;
                    }
                    int v = B64[c];
                    if (v < 0) {
                        invalid++;
                        continue;
                    }
                    if (afterPadding) {
                        dataAfterPadding++;
                        afterPadding = false;
                    }
                    quantum = (quantum << 6) | v;
                    have++;
                    if (have == 4) {
                        sink.write((quantum >> 16) & 0xff);
                        sink.write((quantum >> 8) & 0xff);
                        sink.write(quantum & 0xff);
                        quantum = 0;
                        have = 0;
                    }
                }
            }
            longestLine = Math.max(longestLine, line);
            boolean truncatedQuantum = false;
            if (have == 1) {
                truncatedQuantum = true;
            } else if (have > 1) {
                flush(quantum, have, sink);
                truncatedQuantum = true;
            }
            StringBuilder d = new StringBuilder();
            if (invalid > 0) {
                d.append(Safe.count(invalid)).append(" characters outside the base64 alphabet were skipped");
            }
            if (strayLines > 0) {
                sep(d).append(Safe.count(strayLines)).append(" line(s) starting with '--' (stray boundary lines) were "
                        + "skipped");
            }
            if (dataAfterPadding > 0) {
                sep(d).append("data continues after '=' padding (").append(Safe.count(dataAfterPadding))
                        .append(" times); it was decoded too");
            }
            if (truncatedQuantum) {
                sep(d).append("the content ends inside a 4-character group (length not a multiple of 4)");
            }
            if (longestLine > MAX_BASE64_LINE) {
                sep(d).append("lines longer than 76 characters (RFC 2045 section 6.8), the longest ")
                        .append(Safe.count(longestLine));
            }
            return d.length() == 0 ? null : d.toString();
        }

        private static void flush(int quantum, int have, Sink sink) {
            if (have == 2) {
                sink.write((quantum >> 4) & 0xff);
            } else if (have == 3) {
                sink.write((quantum >> 10) & 0xff);
                sink.write((quantum >> 2) & 0xff);
            }
        }
    }

    /** Iterative quoted-printable decoding (RFC 2045 section 6.7); invalid escapes are kept literally and counted. */
    private static final class QpState {
        private static final int MAX_PENDING_WHITESPACE = 998;
        private long invalid;

        String run(InputStream in, Sink sink) throws IOException {
            byte[] buf = readBuffer(in);
            // state: 0 normal, 1 after '=', 2 after '=' + one hex digit, 3 after '=' CR
            int state = 0;
            int hex1 = 0;
            int pendingWs = 0;
            byte[] ws = new byte[MAX_PENDING_WHITESPACE];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    int c = buf[i] & 0xff;
                    switch (state) {
                        case 1 -> {
                            if (c == '\n') {
                                state = 0;
                            } else if (c == '\r') {
                                state = 3;
                            } else if (hex(c) >= 0) {
                                hex1 = c;
                                state = 2;
                            } else if (c == ' ' || c == '\t') {
                                // "= " before a line break: transport padding after a soft break; stay
                            } else {
                                invalid++;
                                sink.write('=');
                                state = 0;
                                i--;
                            }
                        }
                        case 2 -> {
                            if (hex(c) >= 0) {
                                sink.write(hex(hex1) * 16 + hex(c));
                                state = 0;
                            } else {
                                invalid++;
                                sink.write('=');
                                sink.write(hex1);
                                state = 0;
                                i--;
                            }
                        }
                        case 3 -> {
                            state = 0;
                            if (c != '\n') {
                                i--;
                            }
                        }
                        default -> {
                            if (c == '=') {
                                if (pendingWs > 0) {
                                    sink.write(ws, 0, pendingWs);
                                    pendingWs = 0;
                                }
                                state = 1;
                            } else if (c == ' ' || c == '\t') {
                                if (pendingWs == ws.length) {
                                    sink.write(ws, 0, pendingWs);
                                    pendingWs = 0;
                                }
                                ws[pendingWs++] = (byte) c;
                            } else if (c == '\r' || c == '\n') {
                                pendingWs = 0; // trailing white space before a line break is transport padding
                                sink.write(c);
                            } else {
                                if (pendingWs > 0) {
                                    sink.write(ws, 0, pendingWs);
                                    pendingWs = 0;
                                }
                                // the run of ordinary bytes that starts here is copied as it is, in one write
                                int end = i + 1;
                                while (end < n && ordinary(buf[end])) {
                                    end++;
                                }
                                sink.write(buf, i, end - i);
                                i = end - 1;
                            }
                        }
                    }
                }
            }
            if (state == 2) {
                invalid++;
                sink.write('=');
                sink.write(hex1);
            }
            return invalid == 0 ? null
                    : Safe.count(invalid) + " invalid '=' escapes were kept literally";
        }

        /** @return true for a byte quoted-printable decoding copies as it is: not '=', white space or a line break */
        private static boolean ordinary(byte b) {
            return b != '=' && b != ' ' && b != '\t' && b != '\r' && b != '\n';
        }

        private static int hex(int c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            return -1;
        }
    }

    private static StringBuilder sep(StringBuilder d) {
        return d.length() == 0 ? d : d.append("; ");
    }
}
