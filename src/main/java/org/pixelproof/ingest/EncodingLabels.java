package org.pixelproof.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The charset labels that mail clients decode, and the encoding each one names: the "Encodings" table of the WHATWG
 * Encoding Standard (https://encoding.spec.whatwg.org/, section 4.2 "Names and labels"), plus UTF-7.
 *
 * <p>Why this table and not the JDK's charset names: the clients that render HTML mail (webmails in a browser,
 * Thunderbird on Gecko, Apple Mail on WebKit, Outlook's engines for the labels mail carries) resolve a declared label
 * through this table, and treat a label outside it as unknown, falling back to a default ASCII-compatible decoding.
 * The JDK knows many more (EBCDIC {@code IBM037}, {@code UTF-32}, {@code x-UTF-16LE-BOM}, {@code JIS_X0212-1990}...);
 * decoding an ASCII body with one of those turns it into gibberish that no client shows, and would hide from the
 * analysis a tracking pixel that every client loads. RFC 2046 section 4.1.2 and RFC 6657 leave the set of charsets
 * open (any IANA-registered name); this table is what clients actually honour.
 *
 * <p>UTF-7 (RFC 2152; labels {@code utf-7}, {@code unicode-1-1-utf-7} and a few variants) is the one documented extra:
 * the standard dropped it, Thunderbird still decodes it for mail, and old Microsoft mailers still declare it.
 *
 * <p>Matching follows the standard's "get an encoding": leading and trailing ASCII white space (TAB, LF, FF, CR, SPACE)
 * removed, then ASCII case-insensitive. Encoding names are the standard's, in lower case ({@code "windows-1252"},
 * {@code "replacement"}...), and {@link #UTF_7} for UTF-7. Immutable and thread-safe.
 */
final class EncodingLabels {
    /** The encoding name returned for the UTF-7 labels. */
    static final String UTF_7 = "utf-7";

    /**
     * The WHATWG name of the encoding that decodes any input to one U+FFFD: {@code iso-2022-kr}, {@code hz-gb-2312},
     * {@code iso-2022-cn}, {@code iso-2022-cn-ext} and {@code csiso2022kr} map to it, since browsers found them used
     * mostly to smuggle content past filters.
     */
    static final String REPLACEMENT = "replacement";

    private static final Map<String, String> LABELS = new HashMap<>();

    static {
        // "The Encoding"
        encoding("utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8");
        // "Legacy single-byte encodings"
        encoding("ibm866", "866", "cp866", "csibm866", "ibm866");
        encoding("iso-8859-2", "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
                "iso_8859-2:1987", "l2", "latin2");
        encoding("iso-8859-3", "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
                "iso_8859-3:1988", "l3", "latin3");
        encoding("iso-8859-4", "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
                "iso_8859-4:1988", "l4", "latin4");
        encoding("iso-8859-5", "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
                "iso_8859-5", "iso_8859-5:1988");
        encoding("iso-8859-6", "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
                "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6",
                "iso_8859-6:1987");
        encoding("iso-8859-7", "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126",
                "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek");
        encoding("iso-8859-8", "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
                "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual");
        encoding("iso-8859-8-i", "csiso88598i", "iso-8859-8-i", "logical");
        encoding("iso-8859-10", "csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6");
        encoding("iso-8859-13", "iso-8859-13", "iso8859-13", "iso885913");
        encoding("iso-8859-14", "iso-8859-14", "iso8859-14", "iso885914");
        encoding("iso-8859-15", "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9");
        encoding("iso-8859-16", "iso-8859-16");
        encoding("koi8-r", "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r");
        encoding("koi8-u", "koi8-ru", "koi8-u");
        encoding("macintosh", "csmacintosh", "mac", "macintosh", "x-mac-roman");
        encoding("windows-874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874");
        encoding("windows-1250", "cp1250", "windows-1250", "x-cp1250");
        encoding("windows-1251", "cp1251", "windows-1251", "x-cp1251");
        encoding("windows-1252", "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii",
                "windows-1252", "x-cp1252");
        encoding("windows-1253", "cp1253", "windows-1253", "x-cp1253");
        encoding("windows-1254", "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
                "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254");
        encoding("windows-1255", "cp1255", "windows-1255", "x-cp1255");
        encoding("windows-1256", "cp1256", "windows-1256", "x-cp1256");
        encoding("windows-1257", "cp1257", "windows-1257", "x-cp1257");
        encoding("windows-1258", "cp1258", "windows-1258", "x-cp1258");
        encoding("x-mac-cyrillic", "x-mac-cyrillic", "x-mac-ukrainian");
        // "Legacy multi-byte Chinese (simplified) encodings"
        encoding("gbk", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58",
                "x-gbk");
        encoding("gb18030", "gb18030");
        // "Legacy multi-byte Chinese (traditional) encodings"
        encoding("big5", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
        // "Legacy multi-byte Japanese encodings"
        encoding("euc-jp", "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp");
        encoding("iso-2022-jp", "csiso2022jp", "iso-2022-jp");
        encoding("shift_jis", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
                "x-sjis");
        // "Legacy multi-byte Korean encodings"
        encoding("euc-kr", "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
                "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949");
        // "Legacy miscellaneous encodings"
        encoding(REPLACEMENT, "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr");
        encoding("utf-16be", "unicodefffe", "utf-16be");
        encoding("utf-16le", "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le");
        encoding("x-user-defined", "x-user-defined");
        // the documented extra: UTF-7 (RFC 2152), which Thunderbird still decodes in mail
        encoding(UTF_7, "utf-7", "utf7", "unicode-1-1-utf-7", "unicode-2-0-utf-7", "x-unicode-2-0-utf-7",
                "csunicode11utf7");
    }

    private EncodingLabels() {
    }

    private static void encoding(String name, String... labels) {
        for (String l : labels) {
            String previous = LABELS.put(l, name);
            if (previous != null) {
                throw new IllegalStateException("label " + l + " listed twice");
            }
        }
    }

    /**
     * @param label a charset label as declared (MIME {@code charset} parameter, {@code <meta>} or RFC 2047 word);
     *              {@code null} tolerated
     * @return the encoding's name (lower case, as the WHATWG standard writes it, or {@link #UTF_7}), or {@code null}
     *         when mail clients do not know the label
     */
    static String encodingOf(String label) {
        if (label == null) {
            return null;
        }
        return LABELS.get(asciiLowerCase(trimAsciiWhitespace(label)));
    }

    /** @return every label of the table, lower case (for tests and documentation). */
    static Set<String> labels() {
        return Set.copyOf(LABELS.keySet());
    }

    /** @return {@code s} without leading and trailing ASCII white space (TAB, LF, FF, CR, SPACE; WHATWG Infra). */
    static String trimAsciiWhitespace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isAsciiWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && isAsciiWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isAsciiWhitespace(char c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    /** @return {@code s} with A-Z lowered and every other character kept (a Kelvin sign stays a Kelvin sign). */
    static String asciiLowerCase(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return b == null ? s : b.toString();
    }
}
