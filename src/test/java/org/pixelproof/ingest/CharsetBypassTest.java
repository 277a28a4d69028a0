package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Charset tricks that would hide a tracking pixel from the analysis while browsers and webmails show and load it
 * (hostile trial 17b): a byte-order mark against a declared label, a repeated {@code charset} parameter, and
 * {@code <meta>} declarations the HTML Standard's prescan does not honour.
 */
class CharsetBypassTest {
    private static final String URL = "https://shop.example/track/open.gif?e=alex@example.org";
    private static final String PIXEL = "<img src=\"" + URL + "\" width=\"1\" height=\"1\">";
    /** ISO-2022-JP escape to JIS X 0208: read in that charset, the ASCII after it becomes kanji. */
    private static final String TO_JIS = "\u001b$B";
    private static final String TO_ASCII = "\u001b(B";

    private static byte[] withBom(String bom, String text, Charset cs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String hex : bom.split(" ")) {
            out.write(Integer.parseInt(hex, 16));
        }
        out.writeBytes(text.getBytes(cs));
        return out.toByteArray();
    }

    /** WHATWG Encoding Standard, decode: the byte-order mark wins over any label, not only a UTF-16 one. */
    @ParameterizedTest
    @CsvSource({
        "FF FE, UTF-16LE, windows-1252",
        "FE FF, UTF-16BE, iso-8859-1",
        "FF FE, UTF-16LE, utf-8",
        "FE FF, UTF-16BE, shift_jis",
        "EF BB BF, UTF-8, utf-16le",
        "EF BB BF, UTF-8, us-ascii"})
    void byteOrderMarkOverridesTheLabel(String bom, String encoding, String label) {
        byte[] b = withBom(bom, "<html><body><p>Bonjour</p>" + PIXEL + "</body></html>", Charset.forName(encoding));
        AnomalyLog log = new AnomalyLog();
        Charsets.Decoded d = Charsets.decodeBody(b, b.length, label, true, log, "1");
        assertTrue(d.text().contains(PIXEL), d.text());
        assertTrue(log.toList().stream().anyMatch(a -> a.code() == AnomalyCode.CHARSET_MISMATCH
                && a.detail().contains("byte-order mark")), log.toList().toString());
    }

    @Test
    void byteOrderMarkMatchingTheLabelIsNoAnomaly() {
        byte[] b = withBom("FF FE", PIXEL, StandardCharsets.UTF_16LE);
        AnomalyLog log = new AnomalyLog();
        assertEquals(PIXEL, Charsets.decodeBody(b, b.length, "utf-16le", true, log, "1").text());
        assertFalse(log.has(AnomalyCode.CHARSET_MISMATCH));
    }

    /** A byte-order mark wins over a {@code <meta>} too: the prescan is not even run (HTML Standard, step 1). */
    @Test
    void byteOrderMarkOverridesMeta() {
        byte[] b = withBom("FF FE", "<meta charset=\"iso-2022-jp\">" + TO_JIS + PIXEL + TO_ASCII,
                StandardCharsets.UTF_16LE);
        assertTrue(Charsets.decodeBody(b, b.length, null, true, new AnomalyLog(), "1").text().contains(PIXEL));
    }

    /** WHATWG MIME Sniffing, parse a MIME type: the first occurrence of a parameter wins (Angus keeps the last). */
    @ParameterizedTest
    @ValueSource(strings = {"utf-16", "iso-2022-jp", "utf-7"})
    void repeatedCharsetParameterKeepsTheFirst(String second) {
        String html = "<html><body><p>Bonjour</p>" + (second.equals("iso-2022-jp") ? TO_JIS : "") + PIXEL
                + "</body></html>";
        String eml = "From: Shop <news@shop.example>\r\nTo: alex@example.org\r\nSubject: News\r\n"
                + "Message-ID: <dup@shop.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8; charset=" + second + "\r\n\r\n" + html + "\r\n";
        ReceivedEmail e = EmailParserTest.PARSER.parse(eml.getBytes(StandardCharsets.ISO_8859_1), "dup.eml");
        assertEquals(1, e.bodies().size());
        assertTrue(e.bodies().get(0).text().contains(PIXEL), e.bodies().get(0).text());
        assertEquals("utf-8", e.bodies().get(0).declaredCharset());
        assertTrue(e.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.MALFORMED_HEADER
                && a.detail().contains("repeats the charset")), e.anomalies().toString());
    }

    @Test
    void singleCharsetParameterIsNoAnomaly() {
        String eml = "From: news@shop.example\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=\"UTF-8\"; format=flowed\r\n\r\n" + PIXEL + "\r\n";
        ReceivedEmail e = EmailParserTest.PARSER.parse(eml.getBytes(StandardCharsets.ISO_8859_1), "one.eml");
        assertEquals("UTF-8", e.bodies().get(0).declaredCharset());
        assertFalse(e.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.MALFORMED_HEADER));
    }

    /** HTML Standard prescan: declarations a browser does not honour must not hide the pixel behind ISO-2022-JP. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<!-- <meta charset=\"iso-2022-jp\"> -->",
        "<!--> --><!-- x --> <!-- <meta charset=iso-2022-jp> -->",
        "<meta name=\"x\" content=\"charset=iso-2022-jp\">",
        "<meta content=\"text/html; charset=iso-2022-jp\">",
        "<meta http-equiv=\"refresh\" content=\"0; charset=iso-2022-jp\">",
        "<link title=\"<meta charset=iso-2022-jp>\">",
        "<div data-x='<meta charset=\"iso-2022-jp\">'>",
        "<title a=1 b=\"<meta charset=iso-2022-jp>\">",
        "<meta charset=\"utf-7\">"})
    void metaTheStandardIgnoresDoesNotHideThePixel(String head) {
        String html = "<html><head>" + head + "</head><body><p>Bonjour</p>" + TO_JIS + PIXEL + TO_ASCII
                + "</body></html>";
        byte[] b = html.getBytes(StandardCharsets.ISO_8859_1);
        Charsets.Decoded d = Charsets.decodeBody(b, b.length, null, true, new AnomalyLog(), "1");
        assertTrue(d.text().contains(PIXEL), head + " -> " + d.usedCharset());
        assertNull(Charsets.metaCharset(b, b.length), head);
    }

    /** UTF-7 in a {@code <meta>} is ignored (not a WHATWG encoding): "+/" stays as written. */
    @Test
    void metaUtf7IsIgnoredWithAnAnomaly() {
        byte[] b = "<meta charset=\"utf-7\"><img +/src=\"https://shop.example/o.gif\">"
                .getBytes(StandardCharsets.US_ASCII);
        AnomalyLog log = new AnomalyLog();
        Charsets.Decoded d = Charsets.decodeBody(b, b.length, null, true, log, "1");
        assertTrue(d.text().contains("+/src=\"https://shop.example/o.gif\""), d.text());
        assertTrue(log.toList().stream().anyMatch(a -> a.code() == AnomalyCode.UNKNOWN_CHARSET
                && a.detail().contains("utf-7")), log.toList().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<meta charset=\"iso-2022-jp\">| iso-2022-jp",
        "<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=Shift_JIS'>| shift_jis",
        "<meta content=\"text/html; charset=koi8-r\" http-equiv=\"content-type\">| koi8-r",
        "<meta charset=x-klingon><meta charset=windows-1251>| windows-1251",
        "<meta charset=utf-7><meta charset=euc-kr>| euc-kr",
        "<!-- x --><meta/charset=gbk>| gbk",
        "<p title='>'><meta charset=big5>| big5"})
    void metaTheStandardHonoursIsRead(String head, String label) {
        byte[] b = ("<html><head>" + head + "</head><body>x</body></html>").getBytes(StandardCharsets.US_ASCII);
        assertEquals(label, Charsets.metaCharset(b, b.length));
    }

    @Test
    void metaPastTheFirst1024BytesIsNotRead() {
        String pad = "<p>" + "x".repeat(MetaPrescan.PRESCAN_BYTES) + "</p>";
        byte[] b = (pad + "<meta charset=\"iso-2022-jp\">" + TO_JIS + PIXEL).getBytes(StandardCharsets.US_ASCII);
        assertNull(Charsets.metaCharset(b, b.length));
        assertTrue(Charsets.decodeBody(b, b.length, null, true, new AnomalyLog(), "1").text().contains(PIXEL));
    }

    @Test
    void contentAttributeExtraction() {
        assertEquals("utf-8", MetaPrescan.charsetInContent("text/html; charset = \"utf-8\""));
        assertEquals("koi8-r", MetaPrescan.charsetInContent("text/html;charset=koi8-r;x=y"));
        assertNull(MetaPrescan.charsetInContent("text/html; charset='utf-8"));
        assertNull(MetaPrescan.charsetInContent("text/html; charsetx"));
        assertNull(MetaPrescan.charsetInContent("text/html; charset="));
    }
}
