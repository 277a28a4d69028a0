package org.pixelproof.authenticity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.api.Headers;

/**
 * A message's raw bytes in wire form, split into header fields and body, as DKIM sees them (RFC 6376 section 3.4
 * works on the message as transmitted, lines ending in CRLF).
 *
 * <p>Files saved on Unix often end lines with a bare LF; each bare LF is turned into CRLF (RFC 5322 section 2.1), which
 * restores the form the signer hashed. Header fields are kept exactly (folding included, trailing CRLF excluded), the
 * form jDKIM's {@link Headers} expects. Immutable after construction and thread-safe.
 */
final class RawMessage implements Headers {
    /** Most header fields read; a real message has a few dozen. */
    static final int MAX_HEADER_FIELDS = 2_000;

    /** The message as given (never modified). */
    private final byte[] raw;
    /** The header block in wire form, the empty line that ends it included; the whole message when it has none. */
    private final byte[] head;
    /** Where the body starts in {@link #raw}, or -1 when the message has no empty line ending its header block. */
    private final int rawBodyStart;
    private final int bodyStart;
    private final List<String> fields;
    private final boolean fieldsCut;
    /** The whole message in wire form, built at the first need (DKIM signatures only): see {@link #wire()}. */
    private byte[] wire;

    private RawMessage(byte[] raw, byte[] head, int rawBodyStart, int bodyStart, List<String> fields,
            boolean fieldsCut) {
        this.raw = raw;
        this.head = head;
        this.rawBodyStart = rawBodyStart;
        this.bodyStart = bodyStart;
        this.fields = fields;
        this.fieldsCut = fieldsCut;
    }

    /**
     * @param raw the message bytes as received or saved, not modified
     * @return the message in wire form
     */
    static RawMessage of(byte[] raw) {
        // the header block alone is put in wire form now; the body only if a signature needs it
        int rawBodyStart = rawBodyStart(raw);
        byte[] wire = rawBodyStart < 0 ? toCrlf(raw) : toCrlf(Arrays.copyOf(raw, rawBodyStart));
        int pos = 0;
        int bodyStart = wire.length;
        List<String> fields = new ArrayList<>();
        boolean cut = false;
        int fieldStart = -1;
        while (pos < wire.length) {
            int eol = indexOfCrlf(wire, pos);
            int lineEnd = eol < 0 ? wire.length : eol;
            if (lineEnd == pos) { // the empty line that ends the header block
                cut |= !addField(fields, wire, fieldStart, pos - 2);
                fieldStart = -1;
                bodyStart = pos + 2;
                break;
            }
            boolean continuation = wire[pos] == ' ' || wire[pos] == '\t';
            if (!continuation) {
                cut |= !addField(fields, wire, fieldStart, pos - 2);
                fieldStart = pos;
            } else if (fieldStart < 0) {
                fieldStart = pos; // a message starting with white space: kept as its own (malformed) field
            }
            if (eol < 0) { // last line without CRLF and no body
                cut |= !addField(fields, wire, fieldStart, wire.length);
                fieldStart = -1;
                break;
            }
            pos = eol + 2;
        }
        if (fieldStart >= 0) { // header block ended with CRLF but no empty line: no body
            cut |= !addField(fields, wire, fieldStart, trimTrailingCrlf(wire, wire.length));
        }
        return new RawMessage(raw, wire, rawBodyStart, bodyStart, List.copyOf(fields), cut);
    }

    /**
     * @return where the body starts in {@code raw}: after the first empty line, a line ending being a LF with or
     *         without a CR before it (a bare CR ends nothing, as in {@link #toCrlf}); -1 when there is none
     */
    private static int rawBodyStart(byte[] raw) {
        int pos = 0;
        while (pos < raw.length) {
            if (raw[pos] == '\n') {
                return pos + 1;
            }
            if (raw[pos] == '\r' && pos + 1 < raw.length && raw[pos + 1] == '\n') {
                return pos + 2;
            }
            int lf = pos;
            while (lf < raw.length && raw[lf] != '\n') {
                lf++;
            }
            if (lf == raw.length) {
                return -1;
            }
            pos = lf + 1;
        }
        return -1;
    }

    private static int trimTrailingCrlf(byte[] b, int end) {
        return end >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n' ? end - 2 : end;
    }

    private static boolean addField(List<String> fields, byte[] wire, int start, int end) {
        if (start < 0) {
            return true;
        }
        if (fields.size() >= MAX_HEADER_FIELDS) {
            return false;
        }
        if (end > start) {
            fields.add(decodeHeaderBytes(wire, start, end));
        }
        return true;
    }

    /**
     * Header bytes as characters such that jDKIM's {@code String.getBytes()} (platform charset) gives the same bytes
     * back: ASCII always does; 8-bit headers (RFC 6532) round-trip when they are valid in the platform charset.
     */
    private static String decodeHeaderBytes(byte[] b, int start, int end) {
        boolean ascii = true;
        for (int i = start; i < end && ascii; i++) {
            ascii = b[i] >= 0;
        }
        if (ascii) {
            return new String(b, start, end - start, StandardCharsets.US_ASCII);
        }
        Charset platform = Charset.defaultCharset();
        try {
            String s = platform.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, start, end - start)).toString();
            if (Arrays.equals(s.getBytes(platform), Arrays.copyOfRange(b, start, end))) {
                return s;
            }
        } catch (CharacterCodingException e) {
            // fall through: such a header cannot round-trip, its signature will not verify
        }
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** @return {@code raw} itself when every LF is already preceded by CR, else a copy with CRLF line ends. */
    static byte[] toCrlf(byte[] raw) {
        int bare = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                bare++;
            }
        }
        if (bare == 0) {
            return raw;
        }
        byte[] out = new byte[raw.length + bare];
        int j = 0;
        int from = 0; // the bytes from here to the next bare LF are copied in one piece
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                System.arraycopy(raw, from, out, j, i - from);
                j += i - from;
                out[j++] = '\r';
                from = i; // the LF itself starts the next piece
            }
        }
        System.arraycopy(raw, from, out, j, raw.length - from);
        return out;
    }

    /**
     * @return the whole message in wire form (do not modify): the header block read at construction followed by the
     *         body with its bare LFs turned into CRLF, built at the first call (the same bytes as {@code toCrlf} of
     *         the whole message, since the body starts after a LF)
     */
    synchronized byte[] wire() {
        if (wire == null) {
            if (rawBodyStart < 0) {
                wire = head;
            } else {
                byte[] body = toCrlf(Arrays.copyOfRange(raw, rawBodyStart, raw.length));
                if (body.length == raw.length - rawBodyStart && head.length == rawBodyStart) {
                    wire = raw; // nothing to turn into CRLF
                } else {
                    wire = Arrays.copyOf(head, head.length + body.length);
                    System.arraycopy(body, 0, wire, head.length, body.length);
                }
            }
        }
        return wire;
    }

    /** @return the offset in {@link #wire()} where the body starts (after the empty line). */
    int bodyStart() {
        return bodyStart;
    }

    /** @return the body's length in bytes, wire form. */
    int bodyLength() {
        return wire().length - bodyStart;
    }

    /** @return true when bare LFs were turned into CRLF (the body is then put in wire form). */
    boolean normalised() {
        return wire() != raw;
    }

    /** @return true when the message had more than {@link #MAX_HEADER_FIELDS} header fields. */
    boolean fieldsCut() {
        return fieldsCut;
    }

    /** @return every header field, {@code "Name: value"} with folding kept, in order. */
    @Override
    public List<String> getFields() {
        return fields;
    }

    /** @return the header fields named {@code name} (case-insensitive), in order. */
    @Override
    public List<String> getFields(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            int colon = f.indexOf(':');
            if (colon > 0 && f.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(lower)) {
                out.add(f);
            }
        }
        return out;
    }

    /** @return the value of a field as returned by {@link #getFields}, after its colon, unfolded, trimmed. */
    static String unfoldedValue(String field) {
        int colon = field.indexOf(':');
        String v = colon < 0 ? field : field.substring(colon + 1);
        return v.replace("\r\n", "").strip();
    }
}
