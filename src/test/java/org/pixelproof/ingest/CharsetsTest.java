package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CharsetsTest {
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
        "cp932, windows-31j",
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
