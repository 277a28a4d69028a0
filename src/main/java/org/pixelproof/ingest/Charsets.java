package org.pixelproof.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the bytes of a text body or an encoded word into characters, with explicit fallbacks for the charset labels
 * real mail carries.
 *
 * <p><b>Resolution of a declared label</b>, in order:
 * <ol>
 *   <li>the alias table below, modelled on the WHATWG Encoding Standard's label table (what browser-based mail
 *       clients do): {@code x-mac-cyrillic}, {@code iso-8859-8-i}, {@code ks_c_5601-1987} (Microsoft's name for
 *       windows-949), {@code gb2312} (read as its superset GBK), {@code us-ascii} and {@code iso-8859-1} (read as
 *       their superset windows-1252, as browsers do), {@code cp932}, {@code tis-620}, {@code iso-2022-jp} (read
 *       with Microsoft's extensions)...; plus the UTF-7 labels
 *       ({@code utf-7}, {@code unicode-1-1-utf-7}, RFC 2152), which the JDK lacks and which {@link Utf7} decodes;</li>
 *   <li>the JDK's own charset names and aliases ({@code utf8}, {@code koi8-r}, {@code iso-2022-jp}...);</li>
 *   <li>otherwise the label is unknown: the bytes are sniffed (below) and an {@link AnomalyCode#UNKNOWN_CHARSET} is
 *       recorded. It is also recorded when the alias table rescued a label that the JDK itself does not know.</li>
 * </ol>
 *
 * <p><b>Byte sniffing</b> (no usable label): a byte-order mark wins; pure ASCII is read as US-ASCII; bytes that form
 * valid UTF-8 are read as UTF-8; anything else as windows-1252 (which maps every byte). For HTML without a MIME
 * charset, a {@code <meta charset>} or {@code <meta http-equiv="Content-Type">} in the first 8 KiB is used first.
 *
 * <p>Bytes that are invalid in the chosen charset are replaced by U+FFFD and recorded as
 * {@link AnomalyCode#CHARSET_MISMATCH}. Stateless and thread-safe.
 */
final class Charsets {
    /** Bytes of an HTML body searched for a {@code <meta>} charset declaration: 8 KiB. */
    static final int META_PRESCAN_BYTES = 8 << 10;

    /** Canonical name used for UTF-7, which has no JDK {@link Charset}. */
    static final String UTF_7 = "UTF-7";

    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("windows-1252", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-6", "iso646-us", "us", "cp367",
                "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "iso_8859-1:1987", "latin1", "l1", "cp819",
                "ibm819", "iso-ir-100", "csisolatin1", "8859-1", "cp1252", "x-cp1252", "windows-1252");
        alias("x-MacCyrillic", "x-mac-cyrillic", "x-mac-ukrainian", "mac-cyrillic", "maccyrillic");
        alias("x-MacRoman", "x-mac-roman", "macintosh", "mac", "csmacintosh", "macroman");
        alias("x-MacCentralEurope", "x-mac-ce", "x-mac-centraleurroman", "maccentraleurope");
        alias("ISO-8859-8", "iso-8859-8-i", "iso-8859-8-e", "csiso88598i", "csiso88598e", "logical", "visual");
        alias("ISO-8859-6", "iso-8859-6-i", "iso-8859-6-e", "csiso88596i", "csiso88596e");
        alias("x-windows-949", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "korean", "euc-kr",
                "cseuckr", "csksc56011987", "iso-ir-149", "windows-949", "cp949", "ms949");
        alias("GBK", "gb2312", "gb_2312", "gb_2312-80", "chinese", "csgb2312", "csiso58gb231280", "iso-ir-58",
                "x-gbk", "gbk", "cp936", "ms936", "windows-936", "euc-cn", "x-euc-cn");
        alias("Big5-HKSCS", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
        alias("windows-31j", "cp932", "ms932", "windows-31j", "x-sjis", "shift_jis", "shift-jis", "sjis", "ms_kanji",
                "csshiftjis", "x-ms-cp932");
        alias("x-windows-874", "tis-620", "iso-8859-11", "windows-874", "dos-874", "iso8859-11");
        alias("windows-1254", "iso-8859-9", "iso8859-9", "iso_8859-9", "latin5", "l5", "csisolatin5", "iso-ir-148");
        alias("UTF-8", "utf8", "utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8");
        alias(UTF_7, "utf-7", "utf7", "unicode-1-1-utf-7", "unicode-2-0-utf-7", "x-unicode-2-0-utf-7",
                "csunicode11utf7");
        alias("IBM850", "cp-850", "cp850", "ibm-850");
        // Microsoft's ISO-2022-JP (CP50221) adds the NEC and IBM rows (e.g. No. sign), as WHATWG's decoder does
        alias("x-windows-50221", "iso-2022-jp", "csiso2022jp");
    }

    private Charsets() {
    }

    private static void alias(String target, String... labels) {
        for (String l : labels) {
            ALIASES.put(l, target);
        }
    }

    /** The outcome of decoding: the text and the name of the charset actually used. */
    record Decoded(String text, String usedCharset) {
    }

    /**
     * @param label a charset label as written in a message (quotes and case tolerated)
     * @return the canonical name to decode with ({@link #UTF_7} or a JDK charset name), or {@code null} when unknown
     */
    static String resolve(String label) {
        String l = normalise(label);
        if (l.isEmpty()) {
            return null;
        }
        String mapped = ALIASES.get(l);
        if (mapped != null) {
            return mapped;
        }
        return jdkKnows(l) ? Charset.forName(l).name() : null;
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

    private static String normalise(String label) {
        if (label == null) {
            return "";
        }
        String l = label.strip();
        if (l.length() >= 2 && (l.startsWith("\"") && l.endsWith("\"") || l.startsWith("'") && l.endsWith("'"))) {
            l = l.substring(1, l.length() - 1).strip();
        }
        return l.toLowerCase(Locale.ROOT);
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
        String label = declared;
        String source = "declared";
        if ((label == null || label.isBlank()) && html) {
            label = metaCharset(bytes, length);
            source = "<meta>";
        }
        if (label != null && !label.isBlank()) {
            String name = resolve(label);
            if (name == null || !jdkKnows(label)) {
                String fallback = name != null ? name : sniff(bytes, length);
                log.add(AnomalyCode.UNKNOWN_CHARSET, path, source + " charset " + Safe.token(label)
                        + " is unknown to the JDK; decoded as " + fallback
                        + (name != null ? " (alias table)" : " (byte sniffing)"));
                name = fallback;
            } else if ("windows-1252".equals(name) && isAsciiLabel(label) && !isAscii(bytes, length)) {
                String sniffed = sniff(bytes, length);
                log.add(AnomalyCode.CHARSET_MISMATCH, path, source + " charset " + Safe.token(label)
                        + " but the content has 8-bit bytes; decoded as " + sniffed + " (byte sniffing)");
                name = sniffed;
            }
            return new Decoded(decode(bytes, length, name, log, path), name);
        }
        String sniffed = sniff(bytes, length);
        if (!isAscii(bytes, length)) {
            log.add(AnomalyCode.CHARSET_MISMATCH, path,
                    "no charset declared but the content has 8-bit bytes; decoded as " + sniffed + " (byte sniffing)");
        }
        return new Decoded(decode(bytes, length, sniffed, log, path), sniffed);
    }

    /**
     * Decodes the bytes of an RFC 2047 encoded word; unknown labels fall back like bodies do.
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
        return new String(bytes, Charset.forName(name));
    }

    private static boolean isAsciiLabel(String label) {
        String l = normalise(label);
        return l.equals("us-ascii") || l.equals("ascii") || l.equals("ansi_x3.4-1968") || l.equals("us");
    }

    /** @return the charset chosen by byte sniffing: UTF-8/UTF-16 by BOM, US-ASCII, UTF-8 when valid, else windows-1252. */
    static String sniff(byte[] b, int len) {
        if (len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return "UTF-8";
        }
        if (len >= 2 && ((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF || (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE)) {
            return "UTF-16";
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
     * Finds a charset declared by an HTML {@code <meta>} element in the first {@link #META_PRESCAN_BYTES} bytes
     * (HTML Standard, "prescan a byte stream", simplified: {@code <meta charset=...>} and
     * {@code <meta http-equiv=Content-Type content="...; charset=...">}).
     *
     * @return the label, or {@code null}
     */
    static String metaCharset(byte[] bytes, int length) {
        int n = Math.min(length, META_PRESCAN_BYTES);
        String head = new String(bytes, 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int meta = head.indexOf("<meta", from);
            if (meta < 0) {
                return null;
            }
            int end = head.indexOf('>', meta);
            if (end < 0) {
                end = head.length();
            }
            String tag = head.substring(meta, end);
            int cs = tag.indexOf("charset");
            while (cs >= 0) {
                int i = cs + "charset".length();
                while (i < tag.length() && (tag.charAt(i) == ' ' || tag.charAt(i) == '\t' || tag.charAt(i) == '\n'
                        || tag.charAt(i) == '\r')) {
                    i++;
                }
                if (i < tag.length() && tag.charAt(i) == '=') {
                    i++;
                    while (i < tag.length() && (tag.charAt(i) == ' ' || tag.charAt(i) == '"' || tag.charAt(i) == '\'')) {
                        i++;
                    }
                    int s = i;
                    while (i < tag.length() && isLabelChar(tag.charAt(i))) {
                        i++;
                    }
                    if (i > s) {
                        return tag.substring(s, i);
                    }
                }
                cs = tag.indexOf("charset", cs + 1);
            }
            from = end;
        }
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
    }
}
