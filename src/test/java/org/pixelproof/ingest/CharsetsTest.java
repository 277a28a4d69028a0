package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CharsetsTest {
    private static final String PIXEL = "<html><body><p>Bonjour</p><img src=\"https://shop.example/track/open.php?"
            + "e=alex@example.org\" width=\"1\" height=\"1\"></body></html>";

    @ParameterizedTest
    @CsvSource({
        "x-mac-cyrillic, x-MacCyrillic",
        "utf8, UTF-8",
        "\"UTF-8\", UTF-8",
        "iso-8859-8-i, ISO-8859-8",
        "ks_c_5601-1987, x-windows-949",
        "unicode-1-1-utf-7, UTF-7",
        "gb2312, GBK",
        "us-ascii, windows-1252",
        "ISO-8859-1, windows-1252",
        "ms932, windows-31j",
        "' Latin1\t', windows-1252",
        "unicode20utf8, UTF-8",
        "koi8-ru, KOI8-U",
        "utf-16, UTF-16LE",
        "unicodefffe, UTF-16BE",
        "gb18030, GB18030",
        "iso-2022-kr, ISO-2022-KR",
        "x-user-defined, x-user-defined",
        "koi8-r, KOI8-R",
        "iso-2022-jp, x-windows-50221"})
    void resolvesLabels(String label, String expected) {
        assertEquals(expected, Charsets.resolve(label));
    }

    @Test
    void unknownLabelsAreNotResolved() {
        assertNull(Charsets.resolve("x-klingon-8"));
        assertNull(Charsets.resolve("bad name with spaces"));
        assertNull(Charsets.resolve(""));
    }

    /** Issue 17: names only the JDK knows are not labels mail clients decode (WHATWG Encoding Standard). */
    @ParameterizedTest
    @CsvSource({"IBM037", "cp1047", "x-UTF-16LE-BOM", "x-IBM834", "UTF-32", "JIS_X0212-1990", "cp932", "UTF_8",
        "\u212Aoi8-r"})
    void labelsOnlyTheJdkKnowsAreNotResolved(String label) {
        assertNull(Charsets.resolve(label), label);
    }

    /** Issue 17: an ASCII body declared in a charset only the JDK knows is sniffed, as clients fall back to ASCII. */
    @ParameterizedTest
    @CsvSource({"IBM037", "cp1047", "x-UTF-16LE-BOM", "x-IBM834", "UTF-32", "JIS_X0212-1990"})
    void exoticJdkCharsetsDoNotHideAnAsciiPixel(String label) {
        byte[] b = PIXEL.getBytes(StandardCharsets.US_ASCII);
        AnomalyLog log = new AnomalyLog();
        Charsets.Decoded d = Charsets.decodeBody(b, b.length, label, true, log, "1");
        assertEquals(PIXEL, d.text());
        assertEquals("US-ASCII", d.usedCharset());
        Anomaly a = log.toList().get(0);
        assertEquals(AnomalyCode.UNKNOWN_CHARSET, a.code());
        assertTrue(a.detail().contains("WHATWG") && a.detail().contains("US-ASCII"), a.detail());
        assertEquals(1, log.toList().size(), log.toList()::toString);
    }

    /** Every label of the table decodes, but for the two the JDK lacks and the 'replacement' ones without a decoder. */
    @Test
    void everyLabelOfTheTableHasADecoder() {
        Set<String> lacking = Set.of("csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6",
                "latin6", "iso-8859-14", "iso8859-14", "iso885914", "hz-gb-2312", "iso-2022-cn-ext");
        assertTrue(EncodingLabels.labels().size() > 200);
        for (String label : EncodingLabels.labels()) {
            String name = Charsets.resolve(label);
            if (lacking.contains(label)) {
                assertNull(name, label);
            } else {
                assertNotNull(name, label);
                assertTrue(name.equals(Charsets.UTF_7) || name.equals(Charsets.X_USER_DEFINED)
                        || Charset.isSupported(name), label);
            }
        }
    }

    /**
     * The 'replacement' labels: clients following WHATWG show nothing, Outlook decodes them; the part is analysed as
     * Outlook reads it, with an anomaly.
     */
    @Test
    void replacementLabelsAreDecodedAsOutlookDoesWithAnAnomaly() {
        byte[] b = PIXEL.getBytes(StandardCharsets.US_ASCII);
        AnomalyLog log = new AnomalyLog();
        Charsets.Decoded kr = Charsets.decodeBody(b, b.length, "ISO-2022-KR", true, log, "1");
        assertEquals(PIXEL, kr.text());
        assertEquals("ISO-2022-KR", kr.usedCharset());
        assertTrue(log.toList().get(0).detail().contains("'replacement'"), log.toList()::toString);
        AnomalyLog log2 = new AnomalyLog();
        Charsets.Decoded hz = Charsets.decodeBody(b, b.length, "hz-gb-2312", true, log2, "1");
        assertEquals(PIXEL, hz.text());
        assertEquals("US-ASCII", hz.usedCharset());
        assertEquals(AnomalyCode.UNKNOWN_CHARSET, log2.toList().get(0).code());
    }

    /** HTML Standard prescan: a {@code <meta>} UTF-16 label on an ASCII document means UTF-8. */
    @Test
    void metaUtf16IsReadAsUtf8() {
        String html = "<meta charset=\"utf-16le\">" + PIXEL;
        byte[] b = html.getBytes(StandardCharsets.US_ASCII);
        AnomalyLog log = new AnomalyLog();
        Charsets.Decoded d = Charsets.decodeBody(b, b.length, null, true, log, "1");
        assertEquals(html, d.text());
        assertEquals("UTF-8", d.usedCharset());
        assertEquals("UTF-8", Charsets.resolveMeta("unicode"));
        assertEquals("windows-1252", Charsets.resolveMeta("x-user-defined"));
        assertNull(Charsets.resolveMeta("utf-7"));
        assertNull(Charsets.resolveMeta("IBM037"));
    }

    /** WHATWG "decode": a byte-order mark wins over the UTF-16 label's byte order. */
    @Test
    void utf16ByteOrderMarkWinsOverTheLabel() {
        byte[] be = ("\uFEFF" + "café").getBytes(StandardCharsets.UTF_16BE);
        Charsets.Decoded d = Charsets.decodeBody(be, be.length, "utf-16le", false, new AnomalyLog(), "1");
        assertEquals("café", d.text());
        byte[] le = "café".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("café", Charsets.decodeBody(le, le.length, "utf-16", false, new AnomalyLog(), "1").text(),
                "the label utf-16 means little-endian (WHATWG), not the JDK's big-endian default");
    }

    @Test
    void decodesXUserDefined() {
        byte[] b = {'a', (byte) 0x80, (byte) 0xFF};
        assertEquals("a\uF780\uF7FF", Charsets.decodeBody(b, b.length, "x-user-defined", false, new AnomalyLog(), "1")
                .text());
    }

    @Test
    void sniffsUtf8OrWindows1252() {
        byte[] utf8 = "café".getBytes(StandardCharsets.UTF_8);
        byte[] latin = "café".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("UTF-8", Charsets.sniff(utf8, utf8.length));
        assertEquals("windows-1252", Charsets.sniff(latin, latin.length));
        assertEquals("US-ASCII", Charsets.sniff(new byte[] {'a'}, 1));
    }

    @Test
    void decodesUtf7() {
        byte[] b = "Hi Mom -+Jjo--! 1 +- 1 = 2 +AOk-t+AOk-".getBytes(StandardCharsets.US_ASCII);
        assertEquals("Hi Mom -☺-! 1 + 1 = 2 été", Utf7.decode(b, b.length));
        AnomalyLog log = new AnomalyLog();
        Charsets.Decoded d = Charsets.decodeBody(b, b.length, "unicode-1-1-utf-7", false, log, "1");
        assertEquals("UTF-7", d.usedCharset());
        assertTrue(log.has(AnomalyCode.UNKNOWN_CHARSET), "the JDK lacks UTF-7");
    }

    /** An unpaired surrogate (+2AA- is U+D800 alone) cannot be written as UTF-8: it becomes U+FFFD; pairs stay. */
    @Test
    void utf7LoneSurrogatesBecomeReplacementCharacters() {
        byte[] lone = "a+2AA-b +3AA- c".getBytes(StandardCharsets.US_ASCII);
        assertEquals("a\uFFFDb \uFFFD c", Utf7.decode(lone, lone.length));
        byte[] pair = "+2D3eAA-".getBytes(StandardCharsets.US_ASCII); // U+D83D U+DE00: one emoji
        assertEquals("\uD83D\uDE00", Utf7.decode(pair, pair.length));
        byte[] reversed = "+3gDYPQ-".getBytes(StandardCharsets.US_ASCII); // U+DE00 U+D83D: both unpaired
        assertEquals("\uFFFD\uFFFD", Utf7.decode(reversed, reversed.length));
    }

    @Test
    void unknownCharsetFallsBackBySniffing() {
        byte[] b = "café".getBytes(StandardCharsets.ISO_8859_1);
        AnomalyLog log = new AnomalyLog();
        Charsets.Decoded d = Charsets.decodeBody(b, b.length, "x-klingon-8", false, log, "1.2");
        assertEquals("café", d.text());
        assertEquals("windows-1252", d.usedCharset());
        Anomaly a = log.toList().get(0);
        assertEquals(AnomalyCode.UNKNOWN_CHARSET, a.code());
        assertEquals("1.2", a.partPath());
        assertTrue(a.detail().contains("byte sniffing"));
    }

    @Test
    void lyingUtf8IsReplacedAndReported() {
        byte[] b = "café".getBytes(StandardCharsets.ISO_8859_1);
        AnomalyLog log = new AnomalyLog();
        Charsets.Decoded d = Charsets.decodeBody(b, b.length, "utf-8", true, log, "1");
        assertEquals("caf\uFFFD", d.text(), "decoded as declared, as a mail client would show it");
        assertTrue(log.has(AnomalyCode.CHARSET_MISMATCH));
    }

    @Test
    void findsMetaCharsets() {
        byte[] a = "<html><head><META charset='windows-1251'>".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals("windows-1251", Charsets.metaCharset(a, a.length));
        assertEquals("koi8-r", Charsets.metaCharset(b, b.length));
        assertNull(Charsets.metaCharset(new byte[0], 0));
        assertTrue(Charset.isSupported(Charsets.resolve("koi8-r")));
    }
}
