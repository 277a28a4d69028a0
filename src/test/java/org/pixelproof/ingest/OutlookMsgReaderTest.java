package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/**
 * Apache POI's HSMF only reads {@code .msg} files, so the test writes one itself with POI's OLE2 writer
 * ({@link POIFSFileSystem}): one stream per MAPI property, named {@code __substg1.0_TTTTPPPP} as MS-OXMSG section
 * 2.1.4 specifies (string properties as UTF-16LE, type 001F; binary ones as type 0102).
 */
class OutlookMsgReaderTest {
    private static final OutlookMsgReader READER = new OutlookMsgReader(EmailParserTest.PARSER);

    /** Writes a minimal .msg with the given property streams. */
    static byte[] msg(Map<String, byte[]> streams, Map<String, Map<String, byte[]>> storages) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            for (Map.Entry<String, byte[]> s : streams.entrySet()) {
                fs.createDocument(new ByteArrayInputStream(s.getValue()), s.getKey());
            }
            for (Map.Entry<String, Map<String, byte[]>> d : storages.entrySet()) {
                DirectoryEntry dir = fs.getRoot().createDirectory(d.getKey());
                for (Map.Entry<String, byte[]> s : d.getValue().entrySet()) {
                    dir.createDocument(s.getKey(), new ByteArrayInputStream(s.getValue()));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    static byte[] unicode(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** An "uncompressed" compressed-RTF stream (MS-OXRTFCP section 2.1.3.1, COMPTYPE "MELA"). */
    static byte[] rtfStream(String rtf) {
        byte[] raw = rtf.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(16 + raw.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(raw.length + 12).putInt(raw.length).putInt(0x414c454d).putInt(0).put(raw);
        return b.array();
    }

    /**
     * A compressed-RTF bomb ([MS-OXRTFCP] section 2.2.1): the 16-byte header (COMPSIZE, RAWSIZE = {@code claimedRaw}
     * as an unsigned 32-bit integer, COMPTYPE "LZFu", CRC 0, which POI does not check), {@code prefix} as literal
     * runs (a control byte 0x00, then 8 literal bytes), then {@code references} dictionary references in runs of 8
     * (a control byte 0xFF, then 8 big-endian 16-bit references: offset 0, length 15, meaning 17 bytes), so that each
     * 2-byte reference expands to 17 bytes: about 8 times the compressed size.
     */
    static byte[] lzfuBomb(String prefix, int references, long claimedRaw) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] literal = prefix.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < literal.length; i += 8) {
            data.write(0x00);
            for (int k = i; k < i + 8; k++) {
                data.write(k < literal.length ? literal[k] : ' ');
            }
        }
        for (int r = 0; r < references; r += 8) {
            data.write(0xFF);
            for (int k = 0; k < 8; k++) {
                data.write(0x00); // offset 0 (high 8 of 12 bits)
                data.write(0x0F); // offset low 4 bits 0, length 15 (+2 = 17 bytes)
            }
        }
        byte[] body = data.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(16 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(body.length + 12).putInt((int) claimedRaw).putInt(0x75465A4C).putInt(0).put(body);
        return b.array();
    }

    /** The literal start of an RTF bomb: RTF that encapsulates HTML with a web beacon in it. */
    static final String BOMB_PREFIX = "{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag84 <img "
            + "src=\"http://pixel.exemple-boutique.fr/o.gif?u=42\" width=1>}";

    @Test
    void anRtfBodyThatExpandsPastTheBodyLimitIsDecompressedOnlyUpToItAndReported() throws IOException {
        int limit = 4096;
        OutlookMsgReader reader = new OutlookMsgReader(
                new EmailParser(IngestLimits.DEFAULT.withMaxBodyBytes(limit), EmailParserTest.CLOCK));
        // 2,400 references: about 5 KB that expand to about 40 KB, ten times the limit, and say so in RAWSIZE
        long claimed = 2_400L * 17 + BOMB_PREFIX.length();
        byte[] bomb = lzfuBomb(BOMB_PREFIX, 2_400, claimed);
        Map<String, byte[]> s = new TreeMap<>();
        s.put("__substg1.0_0037001F", unicode("Soldes"));
        s.put("__substg1.0_0C1F001F", unicode("news@exemple-boutique.fr"));
        s.put("__substg1.0_10090102", bomb);
        byte[] file = msg(s, Map.of());
        assertTrue(file.length < limit * 4, "the .msg itself is small: " + file.length);

        OutlookMsgReader.Conversion c = reader.convert(file);
        assertTrue(c.message().length < limit * 2, "the converted message holds at most the limit's worth of RTF "
                + "(plus headers and transfer encoding): " + c.message().length);
        Anomaly tooLarge = c.anomalies().stream().filter(a -> a.code() == AnomalyCode.BODY_TOO_LARGE).findFirst()
                .orElseThrow(() -> new AssertionError(c.anomalies().toString()));
        assertEquals("1", tooLarge.partPath(), "the path of the body in the converted message");
        assertTrue(tooLarge.detail().contains(Safe.count(claimed)) && tooLarge.detail().contains("4,096")
                && tooLarge.detail().contains("RAWSIZE"), tooLarge.detail());

        ReceivedEmail e = reader.read(file, "soldes.msg");
        assertTrue(e.rejection().isEmpty(), () -> e.anomalies().toString());
        assertTrue(e.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.BODY_TOO_LARGE), "kept by read()");
        String html = e.bodies(BodyKind.HTML).get(0).text();
        assertTrue(html.length() <= limit, "the HTML rebuilt from at most " + limit + " bytes of RTF: "
                + html.length());
        assertTrue(html.contains("<img src=\"http://pixel.exemple-boutique.fr/o.gif?u=42\""),
                "what lies within the limit is analysed: " + html);
    }

    @Test
    void anRtfBodyWhoseHeaderUnderstatesItsSizeStaysWithinTheClaimAndTheLimit() throws IOException {
        int limit = 4096;
        OutlookMsgReader reader = new OutlookMsgReader(
                new EmailParser(IngestLimits.DEFAULT.withMaxBodyBytes(limit), EmailParserTest.CLOCK));
        // RAWSIZE says 1,000 bytes; the references expand to about 40 KB
        Map<String, byte[]> s = new TreeMap<>();
        s.put("__substg1.0_0037001F", unicode("Soldes"));
        s.put("__substg1.0_10090102", lzfuBomb(BOMB_PREFIX, 2_400, 1_000));
        ReceivedEmail e = reader.read(msg(s, Map.of()), "soldes.msg");
        assertTrue(e.rejection().isEmpty(), () -> e.anomalies().toString());
        String html = e.bodies(BodyKind.HTML).get(0).text();
        assertTrue(html.length() <= 1_000, "cut at RAWSIZE, the size of the RTF: " + html.length());
        assertTrue(html.contains("o.gif?u=42"), html);
        assertFalse(e.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.BODY_TOO_LARGE),
                "within the limit: " + e.anomalies());
    }

    @Test
    void keepsTransportHeadersAndTheHtmlBody() throws IOException {
        String headers = "Received: from mail.exemple-boutique.fr by mx.example.org; Tue, 3 Mar 2026 09:15:02 +0100\r\n"
                + "From: Boutique Exemple <news@exemple-boutique.fr>\r\n"
                + "To: camille.durand@example.org\r\n"
                + "Subject: =?UTF-8?Q?Nouveaut=C3=A9s?=\r\n"
                + "Date: Tue, 3 Mar 2026 09:15:00 +0100\r\n"
                + "Message-ID: <42@mail.exemple-boutique.fr>\r\n"
                + "List-Unsubscribe: <https://news.exemple-boutique.fr/u/42>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"gone\"\r\n";
        Map<String, byte[]> s = new TreeMap<>();
        s.put("__substg1.0_007D001F", unicode(headers));
        s.put("__substg1.0_0037001F", unicode("Nouveautés"));
        s.put("__substg1.0_1000001F", unicode("Version texte"));
        s.put("__substg1.0_10130102", ("<html><head><meta charset=\"utf-8\"></head><body>Été "
                + "<img src=\"https://news.exemple-boutique.fr/o/42.gif\" width=\"1\" height=\"1\"></body></html>")
                .getBytes(StandardCharsets.UTF_8));
        byte[] file = msg(s, Map.of());

        ReceivedEmail e = READER.read(file, "newsletter.msg");
        assertTrue(e.rejection().isEmpty(), () -> e.anomalies().toString());
        assertEquals(EmailParser.sha256(file, 0, file.length), e.sha256(), "the hash of the .msg the user holds");
        assertEquals(file.length, e.sizeBytes());
        assertEquals("Nouveautés", e.header("Subject").orElseThrow());
        assertEquals("<42@mail.exemple-boutique.fr>", e.header("Message-ID").orElseThrow());
        assertEquals("<https://news.exemple-boutique.fr/u/42>", e.header("List-Unsubscribe").orElseThrow());
        assertEquals(1, e.headers("Received").size());
        assertEquals("text/html", e.root().contentType(), "the original Content-Type was dropped");
        String html = e.bodies(BodyKind.HTML).get(0).text();
        assertTrue(html.contains("Été <img src=\"https://news.exemple-boutique.fr/o/42.gif\""), html);
        Anomaly converted = e.anomalies().get(0);
        assertEquals(AnomalyCode.CONVERTED_FROM_OUTLOOK_MSG, converted.code());
        assertTrue(converted.detail().contains("DKIM"));
        assertFalse(converted.detail().contains("synthesised"));
    }

    @Test
    void synthesisesHeadersAndRebuildsHtmlFromRtf() throws IOException {
        String rtf = "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
                + "{\\*\\htmltag19 <html>}{\\*\\htmltag34 <body>}\\htmlrtf {\\htmlrtf0 "
                + "Caf\\'e9 cr\\'e8me{\\*\\htmltag84 <img src=\"http://pixel.exemple-traiteur.fr/o.gif\" width=1>}"
                + "\\htmlrtf }\\htmlrtf0{\\*\\htmltag35 </body>}{\\*\\htmltag27 </html>}}";
        Map<String, byte[]> s = new TreeMap<>();
        s.put("__substg1.0_0037001F", unicode("Menu de la semaine"));
        s.put("__substg1.0_0C1A001F", unicode("Traiteur Exemple"));
        s.put("__substg1.0_0C1F001F", unicode("menu@exemple-traiteur.fr"));
        s.put("__substg1.0_0E04001F", unicode("Camille Durand"));
        s.put("__substg1.0_1035001F", unicode("<menu-12@exemple-traiteur.fr>"));
        s.put("__substg1.0_10090102", rtfStream(rtf));
        byte[] file = msg(s, Map.of());

        ReceivedEmail e = READER.read(file, "menu.msg");
        assertTrue(e.rejection().isEmpty(), () -> e.anomalies().toString());
        assertEquals("Menu de la semaine", e.header("Subject").orElseThrow());
        assertEquals("Traiteur Exemple <menu@exemple-traiteur.fr>", e.header("From").orElseThrow());
        assertEquals("<menu-12@exemple-traiteur.fr>", e.header("Message-ID").orElseThrow());
        String html = e.bodies(BodyKind.HTML).get(0).text();
        assertTrue(html.contains("<html><body>Café crème<img src=\"http://pixel.exemple-traiteur.fr/o.gif\""),
                html);
        String detail = e.anomalies().get(0).detail();
        assertTrue(detail.contains("synthesised") && detail.contains("RTF"), detail);
        assertTrue(e.header("Date").isEmpty(), "no date property: no made-up Date either");
        assertTrue(e.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.MISSING_HEADER
                && a.detail().contains("Date")), "reported by the parser");
    }

    @Test
    void carriesAttachmentsWithTheirNamesAndContentIds() throws IOException {
        Map<String, byte[]> s = new TreeMap<>();
        s.put("__substg1.0_0037001F", unicode("Pieces jointes"));
        s.put("__substg1.0_1000001F", unicode("Voir les pieces jointes"));
        Map<String, byte[]> att = new TreeMap<>();
        att.put("__substg1.0_3707001F", unicode("../../etc/passwd"));
        att.put("__substg1.0_370E001F", unicode("text/plain"));
        att.put("__substg1.0_37010102", "root:x:0:0".getBytes(StandardCharsets.US_ASCII));
        byte[] file = msg(s, Map.of("__attach_version1.0_#00000000", att));

        ReceivedEmail e = READER.read(file, "pj.msg");
        assertTrue(e.rejection().isEmpty(), () -> e.anomalies().toString());
        assertEquals("multipart/mixed", e.root().contentType());
        MimePart a = e.root().children().get(1);
        assertEquals("../../etc/passwd", a.fileName(), "kept as data, never used as a path");
        assertEquals("attachment", a.disposition());
        assertEquals(10, a.sizeBytes());
        assertEquals(1, e.bodies().size(), "the attached text file is not a body");
    }

    @Test
    void rejectsWhatIsNotAMsgFile() {
        ReceivedEmail e = READER.read("From: a@example.org\r\n\r\nx".getBytes(StandardCharsets.US_ASCII), "x.msg");
        Anomaly a = e.rejection().orElseThrow();
        assertEquals(AnomalyCode.NOT_A_MESSAGE, a.code());
        assertTrue(a.detail().contains("not a readable Outlook .msg"), a.detail());
        assertEquals(AnomalyCode.EMPTY_INPUT, READER.read(new byte[0], null).rejection().orElseThrow().code());
        byte[] noise = EmailParserTest.class.getResourceAsStream("/hostile/binary-noise.bin") == null ? new byte[0]
                : readNoise();
        assertEquals(AnomalyCode.NOT_A_MESSAGE, READER.read(noise, null).rejection().orElseThrow().code());
    }

    @Test
    void aDamagedMsgFileIsSaidToBeOneNotSentToTheCommandLine() {
        byte[] damaged = new byte[700]; // the OLE2 signature, then a header that does not hold together
        byte[] sig = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(sig, 0, damaged, 0, sig.length);
        Anomaly a = READER.read(damaged, "cut.msg").rejection().orElseThrow();
        assertEquals(AnomalyCode.NOT_A_MESSAGE, a.code());
        assertTrue(a.detail().startsWith("a damaged Outlook .msg file: it starts as one does (an OLE2 compound "
                + "file), but its structure cannot be read ("), a.detail());
        assertTrue(!a.detail().contains("command line"), "this is the command line: " + a.detail());
    }

    private static byte[] readNoise() {
        try (var in = EmailParserTest.class.getResourceAsStream("/hostile/binary-noise.bin")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
