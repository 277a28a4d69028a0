package org.pixelproof.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns the bytes of a text body or an encoded word into characters as the mail clients that render HTML do, with
 * explicit fallbacks.
 *
 * <p><b>Resolution of a declared label</b> (MIME {@code charset} parameter, RFC 2046 section 4.1.2 and RFC 6657;
 * {@code <meta>}; RFC 2047 word): through the WHATWG Encoding Standard's label table, plus UTF-7
 * ({@link EncodingLabels}), never through the JDK's own list of names, which holds charsets no mail client decodes
 * (EBCDIC {@code IBM037}, {@code UTF-32}, {@code x-UTF-16LE-BOM}...: decoding an ASCII body with one of them would hide
 * its tracking pixel from the analysis while every client shows and loads it). Each encoding of the table is decoded
 * by the JDK charset closest to the standard's decoder:
 * <ul>
 *   <li>{@code windows-1252} (which the standard also names {@code us-ascii}, {@code iso-8859-1}, {@code latin1}...),
 *       the other {@code windows-125x}, {@code iso-8859-x}, {@code koi8-r/u}, {@code ibm866}, {@code utf-8},
 *       {@code gb18030}, {@code euc-jp}: the JDK charset of that name; {@code iso-8859-8-i} as {@code ISO-8859-8};</li>
 *   <li>{@code macintosh} and {@code x-mac-cyrillic} as {@code x-MacRoman} and {@code x-MacCyrillic};
 *       {@code windows-874} as {@code x-windows-874}; {@code euc-kr} as {@code x-windows-949} (Microsoft's superset,
 *       as the standard's decoder); {@code gbk} as {@code GBK}; {@code big5} as {@code Big5-HKSCS};
 *       {@code shift_jis} as {@code windows-31j}; {@code iso-2022-jp} as {@code x-windows-50221} (Microsoft's
 *       extensions, e.g. the No. sign, as the standard's decoder);</li>
 *   <li>{@code utf-16le} (label {@code utf-16} included) and {@code utf-16be}: as labelled, unless the content starts
 *       with a byte-order mark, which wins (the standard's "decode" algorithm);</li>
 *   <li>{@code x-user-defined}: bytes 0x00-0x7F as ASCII, 0x80-0xFF as U+F780-U+F7FF (the standard's decoder);</li>
 *   <li>UTF-7 (RFC 2152), the one extra label set, which Thunderbird still decodes in mail: {@link Utf7};</li>
 *   <li>{@code replacement} ({@code iso-2022-kr}, {@code csiso2022kr}, {@code hz-gb-2312}, {@code iso-2022-cn},
 *       {@code iso-2022-cn-ext}): a client that follows the standard (webmails, Thunderbird, Apple Mail) shows one
 *       U+FFFD for the whole part and loads nothing from it, but Outlook decodes these with the Windows code pages
 *       and loads what the part holds. Since a tracking detector must show what some client the recipient may use
 *       would load, the part is analysed, not skipped: with the JDK's {@code ISO-2022-KR} or {@code ISO-2022-CN}
 *       decoder (what Outlook does; a pixel hidden behind a shift sequence stays hidden, as in Outlook), else by
 *       byte sniffing; an {@link AnomalyCode#UNKNOWN_CHARSET} says that most clients show nothing of the part.</li>
 * </ul>
 * A label outside the table is unknown, as it is to mail clients, which then fall back to a default ASCII-compatible
 * decoding: the bytes are sniffed (below) and an {@link AnomalyCode#UNKNOWN_CHARSET} names the label and the charset
 * used. So is a label of the table whose decoder this Java runtime lacks ({@code iso-8859-10}, {@code iso-8859-14}).
 * An {@link AnomalyCode#UNKNOWN_CHARSET} is also recorded, as before the table was the standard's, when the JDK does
 * not know the label itself ({@code x-mac-cyrillic}, {@code ks_c_5601-1987}, UTF-7...), though it is decoded as
 * clients do. These anomalies leave nothing unanalysed: the part was decoded and analysed, so they are warnings, not
 * limits (the command line's exit code 3 and the "part not analysed" caveat ignore them).
 *
 * <p><b>Byte-order mark first</b>: a body that starts with a UTF-8 ({@code EF BB BF}), UTF-16BE ({@code FE FF}) or
 * UTF-16LE ({@code FF FE}) byte-order mark is decoded by it, whatever label the MIME header or a {@code <meta>}
 * declares (WHATWG Encoding Standard, "decode": BOM sniffing comes before the label; HTML Standard, "encoding sniffing
 * algorithm", step 1), as browser engines, and so webmails, do; a label that disagrees is recorded as
 * {@link AnomalyCode#CHARSET_MISMATCH}.
 *
 * <p>For HTML without a MIME charset, the {@code <meta>} declaration is read by the HTML Standard's prescan
 * ({@link MetaPrescan}: first 1,024 bytes, comments and other tags' attribute values skipped, {@code content=} only
 * with {@code http-equiv="content-type"}); there {@code utf-16le} and {@code utf-16be} become {@code utf-8},
 * {@code x-user-defined} becomes {@code windows-1252} (an ASCII document cannot be UTF-16, whatever it says of itself)
 * and UTF-7, which is no WHATWG encoding, is ignored (recorded as {@link AnomalyCode#UNKNOWN_CHARSET}). A MIME
 * {@code charset=utf-7} is still decoded as UTF-7, as Thunderbird does.
 *
 * <p><b>Byte sniffing</b> (no usable label): pure ASCII is read as US-ASCII; bytes that form valid UTF-8 are read as
 * UTF-8; anything else as windows-1252 (which maps every byte).
 *
 * <p>Bytes that are invalid in the chosen charset are replaced by U+FFFD and recorded as
 * {@link AnomalyCode#CHARSET_MISMATCH}. Stateless and thread-safe.
 */
final class Charsets {
    /** Canonical name used for UTF-7, which has no JDK {@link Charset}. */
    static final String UTF_7 = "UTF-7";

    /** Canonical name used for the WHATWG {@code x-user-defined} encoding, which has no JDK {@link Charset}. */
    static final String X_USER_DEFINED = "x-user-defined";

    /** The JDK charset that decodes each encoding of {@link EncodingLabels} whose name the JDK does not take as is. */
    private static final Map<String, String> DECODERS = Map.ofEntries(
            Map.entry("iso-8859-8-i", "ISO-8859-8"),
            Map.entry("macintosh", "x-MacRoman"),
            Map.entry("x-mac-cyrillic", "x-MacCyrillic"),
            Map.entry("windows-874", "x-windows-874"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("gbk", "GBK"),
            Map.entry("big5", "Big5-HKSCS"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("iso-2022-jp", "x-windows-50221"),
            Map.entry(EncodingLabels.UTF_7, UTF_7),
            Map.entry("x-user-defined", X_USER_DEFINED));

    /** The JDK decoders of the labels WHATWG maps to {@code replacement}, for those the JDK has (what Outlook uses). */
    private static final Map<String, String> REPLACEMENT_DECODERS = Map.of(
            "iso-2022-kr", "ISO-2022-KR",
            "csiso2022kr", "ISO-2022-KR",
            "iso-2022-cn", "ISO-2022-CN");

    private Charsets() {
    }

    /** The outcome of decoding: the text and the name of the charset actually used. */
    record Decoded(String text, String usedCharset) {
    }

    /**
     * @param label a charset label as written in a message (quotes, surrounding white space and case tolerated)
     * @return the canonical name to decode with ({@link #UTF_7}, {@link #X_USER_DEFINED} or a JDK charset name), or
     *         {@code null} when mail clients do not know the label (it is not in {@link EncodingLabels}) or this Java
     *         runtime lacks its decoder
     */
    static String resolve(String label) {
        String encoding = EncodingLabels.encodingOf(unquote(label));
        return encoding == null ? null : decoderOf(encoding, unquote(label));
    }

    /**
     * The charset of a {@code <meta>} label, for a caller that decodes HTML itself: the label resolved as
     * {@link #resolve} does, after the HTML Standard's prescan rules (UTF-16 becomes UTF-8, {@code x-user-defined}
     * becomes windows-1252).
     *
     * @return a JDK charset name, or {@code null} when the label is unknown, UTF-7, or lacks a decoder here
     */
    static String resolveMeta(String label) {
        String encoding = EncodingLabels.encodingOf(unquote(label));
        if (encoding == null || encoding.equals(EncodingLabels.UTF_7)) {
            return null;
        }
        return decoderOf(metaPrescan(encoding), unquote(label));
    }

    /** HTML Standard, "prescan a byte stream to determine its encoding": UTF-16 to UTF-8, x-user-defined to 1252. */
    private static String metaPrescan(String encoding) {
        return switch (encoding) {
            case "utf-16le", "utf-16be" -> "utf-8";
            case "x-user-defined" -> "windows-1252";
            default -> encoding;
        };
    }

    /** @return the decoder of a WHATWG encoding ({@code label} picks the one of {@code replacement}), or null. */
    private static String decoderOf(String encoding, String label) {
        String name = encoding.equals(EncodingLabels.REPLACEMENT)
                ? REPLACEMENT_DECODERS.get(EncodingLabels.asciiLowerCase(EncodingLabels.trimAsciiWhitespace(label)))
                : DECODERS.getOrDefault(encoding, encoding);
        if (name == null || name.equals(UTF_7) || name.equals(X_USER_DEFINED)) {
            return name;
        }
        try {
            return Charset.isSupported(name) ? Charset.forName(name).name() : null;
        } catch (IllegalCharsetNameException e) {
            return null;
        }
    }

    /** @return true when the JDK itself knows {@code label}. */
    static boolean jdkKnows(String label) {
        String l = normalise(label);
        try {
            return !l.isEmpty() && Charset.isSupported(l);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    /** @return the label without the quotes a lenient writer left around it, or {@code ""} for {@code null}. */
    private static String unquote(String label) {
        if (label == null) {
            return "";
        }
        String l = EncodingLabels.trimAsciiWhitespace(label);
        if (l.length() >= 2 && (l.startsWith("\"") && l.endsWith("\"") || l.startsWith("'") && l.endsWith("'"))) {
            l = l.substring(1, l.length() - 1);
        }
        return l;
    }

    private static String normalise(String label) {
        return EncodingLabels.asciiLowerCase(EncodingLabels.trimAsciiWhitespace(unquote(label)));
    }

    /**
     * Decodes a body.
     *
     * @param bytes    the decoded content bytes (transfer encoding removed)
     * @param length   how many of {@code bytes} to use
     * @param declared the MIME charset parameter, or {@code null}
     * @param html     true for HTML bodies (then a {@code <meta>} charset is honoured when none is declared)
     * @param log      where anomalies go
     * @param path     the part path for anomalies
     */
    static Decoded decodeBody(byte[] bytes, int length, String declared, boolean html, AnomalyLog log, String path) {
        String bom = bomEncoding(bytes, length);
        if (bom != null) {
            String declaredEncoding = declared == null || declared.isBlank() ? null
                    : EncodingLabels.encodingOf(unquote(declared));
            if (declared != null && !declared.isBlank() && !bom.equals(declaredEncoding)) {
                log.add(AnomalyCode.CHARSET_MISMATCH, path, "declared charset " + Safe.token(declared)
                        + " but the content starts with a " + bom + " byte-order mark, which overrides the label"
                        + " (WHATWG Encoding Standard, decode); decoded as " + bom);
            }
            String name = bom.equals("utf-8") ? "UTF-8" : "UTF-16"; // the JDK's UTF-16 reads the mark
            return new Decoded(decode(bytes, length, name, log, path), name);
        }
        String label = declared;
        String source = "declared";
        boolean meta = false;
        String metaEncoding = null;
        if ((label == null || label.isBlank()) && html) {
            MetaPrescan.Result m = MetaPrescan.scan(bytes, length);
            if (m.ignored() != null) {
                log.add(AnomalyCode.UNKNOWN_CHARSET, path, "<meta> charset " + Safe.token(m.ignored())
                        + " ignored: not a label of the WHATWG Encoding Standard (HTML Standard prescan)");
            }
            label = m.label();
            metaEncoding = m.encoding();
            source = "<meta>";
            meta = true;
        }
        if (label == null || label.isBlank()) {
            String sniffed = sniff(bytes, length);
            if (!isAscii(bytes, length)) {
                log.add(AnomalyCode.CHARSET_MISMATCH, path, "no charset declared but the content has 8-bit bytes;"
                        + " decoded as " + sniffed + " (byte sniffing)");
            }
            return new Decoded(decode(bytes, length, sniffed, log, path), sniffed);
        }
        String what = source + " charset " + Safe.token(label);
        String encoding = meta ? metaEncoding : EncodingLabels.encodingOf(unquote(label));
        String name = encoding == null ? null : decoderOf(encoding, unquote(label));
        if (encoding == null) {
            name = sniff(bytes, length);
            log.add(AnomalyCode.UNKNOWN_CHARSET, path, what + " is not one mail clients decode (not a label of the"
                    + " WHATWG Encoding Standard); decoded as " + name + " (byte sniffing), as clients fall back to a"
                    + " default");
        } else if (encoding.equals(EncodingLabels.REPLACEMENT)) {
            String used = name != null ? name : sniff(bytes, length);
            log.add(AnomalyCode.UNKNOWN_CHARSET, path, what + " is one the WHATWG Encoding Standard maps to"
                    + " 'replacement': webmails, Thunderbird and Apple Mail show nothing of this part, Outlook decodes"
                    + " it; decoded as " + used + (name != null ? "" : " (byte sniffing)")
                    + " to see what Outlook would load");
            name = used;
        } else if (name == null) {
            name = sniff(bytes, length);
            log.add(AnomalyCode.UNKNOWN_CHARSET, path, what + " is one mail clients decode (" + encoding
                    + ") but this Java runtime lacks; decoded as " + name + " (byte sniffing)");
        } else if (!jdkKnows(label)) {
            log.add(AnomalyCode.UNKNOWN_CHARSET, path, what + " is unknown to the JDK; decoded as " + name
                    + " (alias table)");
        } else if ("windows-1252".equals(name) && isAsciiLabel(label) && !isAscii(bytes, length)) {
            String sniffed = sniff(bytes, length);
            log.add(AnomalyCode.CHARSET_MISMATCH, path, what + " but the content has 8-bit bytes; decoded as "
                    + sniffed + " (byte sniffing)");
            name = sniffed;
        }
        return new Decoded(decode(bytes, length, name, log, path), name);
    }

    /**
     * Decodes the bytes of an RFC 2047 encoded word; the label is resolved as a body's ({@link #resolve}).
     *
     * @return the text, or {@code null} when the label is unknown (the caller keeps the word as written)
     */
    static String decodeWord(byte[] bytes, String label) {
        String name = resolve(label);
        if (name == null) {
            return null;
        }
        if (UTF_7.equals(name)) {
            return Utf7.decode(bytes, bytes.length);
        }
        if (X_USER_DEFINED.equals(name)) {
            return xUserDefined(bytes, bytes.length);
        }
        return new String(bytes, Charset.forName(name));
    }

    /**
     * WHATWG Encoding Standard, "BOM sniff".
     *
     * @return {@code utf-8}, {@code utf-16be} or {@code utf-16le} when the bytes start with that byte-order mark, else
     *         null
     */
    private static String bomEncoding(byte[] b, int len) {
        if (len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return "utf-8";
        }
        if (len >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return "utf-16be";
        }
        if (len >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return "utf-16le";
        }
        return null;
    }

    /** @return the JDK charset a byte-order mark names ({@code UTF-8}, or {@code UTF-16}, which reads it), or null. */
    private static String bomCharset(byte[] b, int len) {
        String bom = bomEncoding(b, len);
        return bom == null ? null : bom.equals("utf-8") ? "UTF-8" : "UTF-16";
    }

    /** WHATWG Encoding Standard, x-user-defined decoder: ASCII bytes as they are, 0x80-0xFF to U+F780-U+F7FF. */
    static String xUserDefined(byte[] bytes, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            out[i] = (char) (b < 0x80 ? b : 0xF780 + b - 0x80);
        }
        return new String(out);
    }

    private static boolean isAsciiLabel(String label) {
        String l = normalise(label);
        return l.equals("us-ascii") || l.equals("ascii") || l.equals("ansi_x3.4-1968") || l.equals("us");
    }

    /** @return the charset chosen by byte sniffing: UTF-8/UTF-16 by BOM, US-ASCII, UTF-8 when valid, else windows-1252. */
    static String sniff(byte[] b, int len) {
        String bom = bomCharset(b, len);
        if (bom != null) {
            return bom;
        }
        if (isAscii(b, len)) {
            return "US-ASCII";
        }
        return isValidUtf8(b, len) ? "UTF-8" : "windows-1252";
    }

    static boolean isAscii(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidUtf8(byte[] b, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            d.decode(ByteBuffer.wrap(b, 0, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Decodes header bytes kept as ISO-8859-1 characters by Angus (one char per byte): UTF-8 when they form valid
     * UTF-8 (RFC 6532), else windows-1252.
     */
    static String headerText(String latin1) {
        boolean ascii = true;
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return latin1;
        }
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return new String(b, isValidUtf8(b, b.length) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"));
    }

    private static String decode(byte[] bytes, int length, String name, AnomalyLog log, String path) {
        if (UTF_7.equals(name)) {
            return Utf7.decode(bytes, length);
        }
        if (X_USER_DEFINED.equals(name)) {
            return xUserDefined(bytes, length);
        }
        Charset cs = Charset.forName(name);
        CharsetDecoder strict = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer out = strict.decode(ByteBuffer.wrap(bytes, 0, length));
            return out.toString();
        } catch (CharacterCodingException e) {
            log.add(AnomalyCode.CHARSET_MISMATCH, path,
                    "bytes invalid in " + name + " were replaced by U+FFFD");
            return new String(bytes, 0, length, cs);
        }
    }

    /**
     * Finds the charset label declared by an HTML {@code <meta>} element, by the HTML Standard's prescan
     * ({@link MetaPrescan}).
     *
     * @return the label as written (lower case), or {@code null} when no {@code <meta>} declares a WHATWG label
     */
    static String metaCharset(byte[] bytes, int length) {
        return MetaPrescan.scan(bytes, length).label();
    }
}
