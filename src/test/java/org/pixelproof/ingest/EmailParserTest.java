package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EmailParserTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
    static final EmailParser PARSER = new EmailParser(IngestLimits.DEFAULT, CLOCK);

    static byte[] fixture(String name) {
        try (InputStream in = EmailParserTest.class.getResourceAsStream("/ingest/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReceivedEmail parse(String name) {
        return PARSER.parse(fixture(name), name);
    }

    static List<AnomalyCode> codes(ReceivedEmail e) {
        return e.anomalies().stream().map(Anomaly::code).toList();
    }

    static List<String> paths(MimePart p) {
        List<String> out = new ArrayList<>();
        out.add(p.path());
        for (MimePart c : p.children()) {
            out.addAll(paths(c));
        }
        return out;
    }

    @Test
    void decodesHeadersKeepsRawAndComputesTheHash() throws Exception {
        byte[] raw = fixture("newsletter-fr.eml");
        ReceivedEmail e = PARSER.parse(raw, "newsletter-fr.eml");

        assertTrue(e.rejection().isEmpty());
        assertEquals("newsletter-fr.eml", e.fileName());
        assertEquals(raw.length, e.sizeBytes());
        String expected = HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(raw));
        assertEquals(expected, e.sha256());
        assertArrayEquals(raw, e.messageBytes());

        assertEquals("Boutique Exemple — Nouveautés <news@exemple-boutique.fr>", e.header("From").orElseThrow());
        assertEquals("Les nouveautés de mars : -20 %", e.header("subject").orElseThrow(),
                "adjacent encoded words are joined without the folding white space");
        Header subject = e.headers().stream().filter(h -> h.is("Subject")).findFirst().orElseThrow();
        assertTrue(subject.raw().startsWith("=?UTF-8?B?"), "raw keeps the encoded words");
        assertTrue(subject.raw().contains("\r\n "), "raw keeps the folding");
        assertEquals(1, e.headers("Received").size());
        assertEquals("<https://news.exemple-boutique.fr/u/42>", e.header("List-Unsubscribe").orElseThrow());
        assertTrue(e.anomalies().isEmpty(), () -> "unexpected anomalies " + e.anomalies());
    }

    @Test
    void numbersTheTreeAndDecodesBodies() {
        ReceivedEmail e = parse("newsletter-fr.eml");
        assertEquals(List.of("1", "1.1", "1.1.1", "1.1.2", "1.2"), paths(e.root()));
        assertEquals("multipart/related", e.root().contentType());
        MimePart alt = e.root().children().get(0);
        assertEquals("multipart/alternative", alt.contentType());
        MimePart html = alt.children().get(1);
        assertEquals("text/html", html.contentType());
        assertEquals("utf-8", html.charset());
        assertEquals("quoted-printable", html.transferEncoding());

        MimePart logo = e.root().children().get(1);
        assertEquals("image/png", logo.contentType());
        assertEquals("logo@exemple-boutique.fr", logo.contentId());
        assertEquals("inline", logo.disposition());
        assertEquals("été logo.png", logo.fileName(), "RFC 2231 file name decoded");
        assertEquals(120, logo.sizeBytes(), "decoded size of the base64 image");

        assertEquals(2, e.bodies().size());
        BodyText plain = e.bodies(BodyKind.PLAIN).get(0);
        assertEquals("1.1.1", plain.partPath());
        assertTrue(plain.text().contains("nouveautés de la semaine"));
        BodyText htmlBody = e.bodies(BodyKind.HTML).get(0);
        assertEquals("1.1.2", htmlBody.partPath());
        assertEquals("UTF-8", htmlBody.usedCharset());
        assertEquals("utf-8", htmlBody.declaredCharset());
        assertFalse(htmlBody.truncated());
        assertTrue(htmlBody.text().contains("<img src=\"https://news.exemple-boutique.fr/o/ABC123.gif\" width=\"1\""),
                "quoted-printable soft breaks joined and =3D decoded: " + htmlBody.text());
        assertTrue(htmlBody.text().contains("nouveautés"));
    }

    @Test
    void readsUnknownTransferEncodingsAsEightBit() {
        ReceivedEmail e = parse("unknown-transfer-encodings.eml");
        assertTrue(e.rejection().isEmpty());
        assertEquals(2, e.bodies().size());
        List<Anomaly> unknown = e.anomalies().stream()
                .filter(a -> a.code() == AnomalyCode.UNKNOWN_TRANSFER_ENCODING).toList();
        assertEquals(2, unknown.size());
        assertTrue(unknown.get(0).detail().contains("'7-bit'"));
        assertTrue(unknown.get(1).detail().contains("'8bits'"));
        assertEquals("1.2", unknown.get(1).partPath());
        assertTrue(e.bodies(BodyKind.HTML).get(0).text().contains("café offert"),
                "iso-8859-1 declared, read as windows-1252");
        assertEquals("7-bit", e.root().children().get(0).transferEncoding());
    }

    @Test
    void repairsAnUnquotedBoundaryAndFlagsAnImplausibleDate() {
        ReceivedEmail e = parse("stray-equals-boundary-bad-date.eml");
        assertEquals(List.of("1", "1.1", "1.2"), paths(e.root()));
        assertTrue(codes(e).contains(AnomalyCode.MALFORMED_HEADER));
        Anomaly date = e.anomalies().stream().filter(a -> a.code() == AnomalyCode.BAD_DATE).findFirst().orElseThrow();
        assertTrue(date.detail().contains("3609"), date.detail());
        assertEquals("Привет", e.bodies(BodyKind.PLAIN).get(0).text().strip());
    }

    @Test
    void unparseableDateIsBadDate() {
        String m = "From: a@example.org\r\nDate: le 3 mars, vers midi\r\nSubject: x\r\n\r\nbody\r\n";
        ReceivedEmail e = PARSER.parse(m.getBytes(StandardCharsets.US_ASCII), null);
        Anomaly a = e.anomalies().stream().filter(x -> x.code() == AnomalyCode.BAD_DATE).findFirst().orElseThrow();
        assertTrue(a.detail().contains("cannot be parsed"));
        assertFalse(a.detail().contains("midi"), "the detail never quotes the message");
    }

    @Test
    void usesTheFirstBoundaryLikeLineWhenTheDeclaredOneNeverOccurs() {
        ReceivedEmail e = parse("boundary-never-occurs.eml");
        assertEquals(List.of("1", "1.1"), paths(e.root()));
        assertTrue(codes(e).contains(AnomalyCode.BAD_BOUNDARY));
        assertTrue(codes(e).contains(AnomalyCode.MISSING_END_BOUNDARY));
        assertTrue(codes(e).contains(AnomalyCode.BAD_BASE64), "the stray closing line inside the base64 is reported");
        String html = e.bodies(BodyKind.HTML).get(0).text();
        assertTrue(html.startsWith("<html><body><a href=\"http://ejemplo-ofertas.mx/?v=1\">"), html);
        assertTrue(html.endsWith("</html>"), "the stray boundary line decoded nothing: " + html);
    }

    @Test
    void reportsANestedMultipartThatReusesItsParentsBoundary() {
        ReceivedEmail e = parse("nested-same-boundary.eml");
        Anomaly a = e.anomalies().stream().filter(x -> x.code() == AnomalyCode.BAD_BOUNDARY).findFirst()
                .orElseThrow();
        assertEquals("1.1", a.partPath());
        assertEquals(2, e.bodies().size(), "the text and HTML parts are still read");
        assertEquals("multipart/alternative", e.root().children().get(0).contentType());
    }

    @Test
    void keepsAFirstPartWrittenBeforeTheFirstBoundary() {
        ReceivedEmail e = parse("missing-start-boundary.eml");
        assertTrue(codes(e).contains(AnomalyCode.MISSING_START_BOUNDARY));
        assertEquals(List.of("1", "1.1", "1.2"), paths(e.root()));
        assertEquals("Agenda du mois (texte).", e.bodies(BodyKind.PLAIN).get(0).text().strip());
        assertEquals("<p>Agenda du mois</p>", e.bodies(BodyKind.HTML).get(0).text().strip());
    }

    @Test
    void keepsTheLastPartOfATruncatedMultipart() {
        ReceivedEmail e = parse("truncated-multipart.eml");
        assertTrue(codes(e).contains(AnomalyCode.MISSING_END_BOUNDARY));
        assertTrue(e.bodies(BodyKind.HTML).get(0).text().contains("Seconde partie coupee"));
    }

    @Test
    void decodesCharsetsTheJdkLacksThroughTheAliasTable() {
        ReceivedEmail e = parse("x-mac-cyrillic.eml");
        BodyText body = e.bodies().get(0);
        assertEquals("Приглашение на конференцию в Софии", body.text().strip());
        assertEquals("x-mac-cyrillic", body.declaredCharset());
        assertEquals("x-MacCyrillic", body.usedCharset());
        assertEquals("Приглашение на конференцию в Софии", e.header("Subject").orElseThrow(),
                "encoded words use the same fallbacks");
        Anomaly a = e.anomalies().stream().filter(x -> x.code() == AnomalyCode.UNKNOWN_CHARSET).findFirst()
                .orElseThrow();
        assertTrue(a.detail().contains("'x-mac-cyrillic'") && a.detail().contains("alias"), a.detail());
    }

    @Test
    void decodesBrokenBase64AsFarAsPossible() {
        ReceivedEmail e = parse("bad-base64.eml");
        List<Anomaly> bad = e.anomalies().stream().filter(a -> a.code() == AnomalyCode.BAD_BASE64).toList();
        assertEquals(2, bad.size(), bad::toString);
        assertTrue(bad.get(0).detail().contains("longer than 76"), "long lines, as in a real ProtonMail reply");
        assertTrue(bad.get(1).detail().contains("outside the base64 alphabet"));
        assertTrue(bad.get(1).detail().contains("4-character group"));
        assertTrue(e.bodies(BodyKind.PLAIN).get(0).text().startsWith("Bonjour, voici ma réponse."));
        assertTrue(e.bodies(BodyKind.HTML).get(0).text().startsWith("<div>Bonjour</div><div>suite</div"),
                e.bodies(BodyKind.HTML).get(0).text());
    }

    @Test
    void keepsInvalidQuotedPrintableEscapesLiterally() {
        ReceivedEmail e = parse("bad-quoted-printable.eml");
        Anomaly a = e.anomalies().stream().filter(x -> x.code() == AnomalyCode.BAD_QUOTED_PRINTABLE).findFirst()
                .orElseThrow();
        assertTrue(a.detail().startsWith("2 invalid"), a.detail());
        String html = e.bodies().get(0).text();
        assertTrue(html.startsWith("<p style=\"color:red\">100% =ZZ café suite</p>=4"), html);
    }

    @Test
    void analysesAMessageForwardedAsAnAttachment() throws Exception {
        byte[] raw = fixture("forwarded-as-attachment.eml");
        ReceivedEmail e = PARSER.parse(raw, "fwd.eml");
        assertNotNull(e.forwardedBy());
        assertEquals("1.2", e.forwardedBy().partPath());
        assertTrue(e.forwardedBy().headers().stream().anyMatch(h -> h.is("Subject")
                && h.decoded().equals("Fwd: Le numero de mai")));
        assertEquals("Le numero de mai", e.header("Subject").orElseThrow());
        assertEquals("<mai-2005@exemple-magazine.com>", e.header("Message-ID").orElseThrow());
        assertEquals(List.of("1"), paths(e.root()));
        assertTrue(e.bodies(BodyKind.HTML).get(0).text().contains("track.exemple-magazine.com/open/123"));
        assertTrue(codes(e).contains(AnomalyCode.FORWARDED_AS_ATTACHMENT));

        String carried = new String(e.messageBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(carried.startsWith("Return-Path: <news@exemple-magazine.com>"),
                "messageBytes hold the carried message, without its mbox From_ line: " + carried.substring(0, 40));
        assertEquals(EmailParser.sha256(e.messageBytes(), 0, e.messageBytes().length), e.forwardedBy().sha256());
        assertEquals(EmailParser.sha256(raw, 0, raw.length), e.sha256(), "the SHA-256 is the upload's");
        assertEquals(raw.length, e.sizeBytes());
    }

    @Test
    void doesNotUnwrapWhenTheCoverNoteIsLong() {
        ReceivedEmail e = parse("forward-with-long-note.eml");
        assertNull(e.forwardedBy());
        assertEquals("Notes de reunion et un message", e.header("Subject").orElseThrow());
        assertEquals(List.of("1", "1.1", "1.2", "1.2.1"), paths(e.root()));
        assertEquals("text/html", e.root().children().get(1).children().get(0).contentType(),
                "the carried message is the only child of its message/rfc822 part");
        assertEquals(List.of("1.1", "1.2.1"), e.bodies().stream().map(BodyText::partPath).toList(),
                "bodies of the attached message are listed too: a client shows it inline");
    }

    @Test
    void readsAnUnknownMultipartSubtypeAsMixed() {
        ReceivedEmail e = parse("unknown-multipart-subtype.eml");
        Anomaly a = e.anomalies().get(0);
        assertEquals(AnomalyCode.UNKNOWN_MULTIPART_SUBTYPE, a.code());
        assertTrue(a.detail().contains("'part_mime_version_01'"));
        assertEquals("multipart/part_mime_version_01", e.root().contentType());
        MimePart pdf = e.root().children().get(1);
        assertEquals("Référence.pdf", pdf.fileName(), "RFC 2047 encoded file name decoded");
        assertEquals("attachment", pdf.disposition());
        assertEquals(9, pdf.sizeBytes());
    }

    @Test
    void toleratesALeadingMboxFromLine() {
        byte[] raw = fixture("mbox-from-line.eml");
        ReceivedEmail e = PARSER.parse(raw, null);
        assertTrue(e.rejection().isEmpty());
        assertEquals("Boutique Exemple <newsletter@exemple-boutique.fr>", e.header("From").orElseThrow());
        assertEquals(1, e.headers("From").size(), "the From_ line is not a header");
        assertTrue(new String(e.messageBytes(), StandardCharsets.US_ASCII).startsWith("From: "));
        assertEquals(EmailParser.sha256(raw, 0, raw.length), e.sha256());
        assertTrue(e.anomalies().isEmpty(), e.anomalies()::toString);
    }

    @Test
    void findsAmpBodies() {
        ReceivedEmail e = parse("amp-email.eml");
        assertEquals(List.of(BodyKind.PLAIN, BodyKind.AMP_HTML, BodyKind.HTML),
                e.bodies().stream().map(BodyText::kind).toList());
        assertTrue(e.bodies(BodyKind.AMP_HTML).get(0).text().contains("cdn.ampproject.org"));
    }

    @Test
    void recordsMissingFromAndDate() {
        ReceivedEmail e = parse("autoreply-missing-headers.eml");
        assertTrue(e.rejection().isEmpty());
        List<String> missing = e.anomalies().stream().filter(a -> a.code() == AnomalyCode.MISSING_HEADER)
                .map(Anomaly::detail).toList();
        assertEquals(2, missing.size());
        assertTrue(missing.get(0).contains("From") && missing.get(1).contains("Date"));
        assertTrue(e.bodies().get(0).text().contains("poniedziałku"));
    }

    @Test
    void digestPartsDefaultToMessages() {
        ReceivedEmail e = parse("digest.eml");
        MimePart first = e.root().children().get(0);
        assertEquals("message/rfc822", first.contentType());
        assertEquals(1, first.children().size());
        assertEquals("1.1.1", first.children().get(0).path());
        assertEquals("message/rfc822", e.root().children().get(1).contentType());
        assertEquals("text/html", e.root().children().get(2).contentType());
        assertNull(e.forwardedBy(), "a digest of two messages is not one forwarded message");
    }

    @Test
    void messagePartialIsReportedAndNotRead() {
        ReceivedEmail e = parse("message-partial.eml");
        assertTrue(e.rejection().isEmpty());
        assertEquals("message/partial", e.root().contentType());
        assertTrue(codes(e).contains(AnomalyCode.UNREADABLE_PART));
        assertTrue(codes(e).contains(AnomalyCode.NO_BODY));
        assertTrue(e.bodies().isEmpty());
    }

    @Test
    void attachedHtmlFilesAreNotBodies() {
        ReceivedEmail e = parse("html-attachment.eml");
        assertEquals(List.of("1.1"), e.bodies().stream().map(BodyText::partPath).toList());
        assertEquals("att1.htm", e.root().children().get(1).fileName());
    }

    @Test
    void usesTheMetaCharsetWhenThePartDeclaresNone() {
        ReceivedEmail e = parse("html-meta-charset.eml");
        BodyText b = e.bodies().get(0);
        assertNull(b.declaredCharset());
        assertEquals("ISO-8859-15", b.usedCharset());
        assertTrue(b.text().contains("10 €"), b.text());
    }

    /**
     * Issue 17: past the header-count limit the block is still read, and the fields the analysis needs are kept
     * wherever they stand (at most 16 of a name); only the surplus of the others is dropped, and counted.
     */
    @Test
    void keepsTheFieldsTheAnalysisNeedsPastTheHeaderCount() {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            m.append("Received: from relay").append(i).append(".example.net by mx.example.org; Tue, 3 Mar 2026\r\n");
        }
        m.append("X-Campaign: c-77\r\nFrom: Boutique <news@boutique.example>\r\nTo: camille.durand@example.org\r\n")
                .append("Date: Tue, 3 Mar 2026 09:15:00 +0100\r\nSubject: Soldes\r\n")
                .append("List-Unsubscribe: <https://boutique.example/u?e=camille.durand@example.org>\r\n");
        for (int i = 0; i < 20; i++) {
            m.append("Cc: copie").append(i).append("@example.org\r\n");
        }
        m.append("Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\n");
        IngestLimits small = new IngestLimits(1 << 20, 100, 10, 10, 1 << 10, 1 << 20, 100, 1 << 10);
        ReceivedEmail e = new EmailParser(small, CLOCK).parse(m.toString().getBytes(StandardCharsets.US_ASCII), null);
        assertEquals("Boutique <news@boutique.example>", e.header("From").orElseThrow());
        assertEquals("camille.durand@example.org", e.header("To").orElseThrow());
        assertEquals("Soldes", e.header("Subject").orElseThrow());
        assertTrue(e.header("Date").isPresent());
        assertTrue(e.header("List-Unsubscribe").isPresent());
        assertTrue(e.header("Content-Type").isPresent());
        assertFalse(e.header("X-Campaign").isPresent(), "extension fields past the limit are dropped");
        assertEquals(10, e.headers().stream().filter(h -> h.is("Received")).count());
        assertEquals(HeaderFields.MAX_KEPT_PER_NAME, e.headers().stream().filter(h -> h.is("Cc")).count());
        assertEquals(10 + 6 + HeaderFields.MAX_KEPT_PER_NAME, e.headers().size());
        assertTrue(e.headers().get(10).is("From"), "message order is kept");
        assertFalse(codes(e).contains(AnomalyCode.MISSING_HEADER));
        Anomaly a = e.anomalies().stream().filter(x -> x.code() == AnomalyCode.TOO_MANY_HEADERS).findFirst()
                .orElseThrow();
        assertEquals("57 header fields, over the limit of 10 (IngestLimits.maxHeaderCount): 25 dropped (20 'Received',"
                + " 1 'X-Campaign', 4 'Cc'); 32 kept, of which 22 past the limit because the analysis needs them"
                + " ('From', 'To', 'Date', 'Subject', 'List-Unsubscribe', 'Cc', 'Content-Type')", a.detail());
    }

    @Test
    void limitsHeaderCountAndLength() {
        StringBuilder m = new StringBuilder("From: a@example.org\r\nDate: Tue, 3 Mar 2026 09:15:00 +0100\r\n");
        for (int i = 0; i < 20; i++) {
            m.append("X-Field-").append(i).append(": value\r\n");
        }
        m.append("X-Long: ").append("y".repeat(500)).append("\r\n\r\nbody\r\n");
        IngestLimits small = new IngestLimits(1 << 20, 100, 10, 10, 100, 1 << 20, 100, 1 << 10);
        ReceivedEmail e = new EmailParser(small, CLOCK).parse(m.toString().getBytes(StandardCharsets.US_ASCII), null);
        assertEquals(10, e.headers().size());
        assertTrue(codes(e).contains(AnomalyCode.TOO_MANY_HEADERS));

        IngestLimits shortLines = new IngestLimits(1 << 20, 100, 10, 100, 100, 1 << 20, 100, 1 << 10);
        ReceivedEmail e2 = new EmailParser(shortLines, CLOCK)
                .parse(m.toString().getBytes(StandardCharsets.US_ASCII), null);
        Header longOne = e2.headers().stream().filter(h -> h.is("X-Long")).findFirst().orElseThrow();
        assertEquals(100, longOne.raw().length());
        assertTrue(codes(e2).contains(AnomalyCode.HEADER_LINE_TOO_LONG));
    }

    @Test
    void limitsBodySize() {
        String m = "From: a@example.org\r\nDate: Tue, 3 Mar 2026 09:15:00 +0100\r\nContent-Type: text/html\r\n\r\n"
                + "<p>" + "z".repeat(5000) + "</p>\r\n";
        ReceivedEmail e = new EmailParser(IngestLimits.DEFAULT.withMaxBodyBytes(1000), CLOCK)
                .parse(m.getBytes(StandardCharsets.US_ASCII), null);
        BodyText b = e.bodies().get(0);
        assertTrue(b.truncated());
        assertEquals(1000, b.text().length());
        assertEquals(5009, e.root().sizeBytes(), "the size counts the whole decoded content");
        assertTrue(codes(e).contains(AnomalyCode.BODY_TOO_LARGE));
    }

    @Test
    void limitsPartsAndDepth() {
        StringBuilder m = new StringBuilder("From: a@example.org\r\nDate: Tue, 3 Mar 2026 09:15:00 +0100\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 10; i++) {
            m.append("--b\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        m.append("--b--\r\n");
        ReceivedEmail e = new EmailParser(IngestLimits.DEFAULT.withMaxParts(5), CLOCK)
                .parse(m.toString().getBytes(StandardCharsets.US_ASCII), null);
        assertEquals(5, e.root().count());
        assertEquals(4, e.bodies().size(), "what is within the limit is analysed");
        assertTrue(codes(e).contains(AnomalyCode.TOO_MANY_PARTS));

        ReceivedEmail deep = new EmailParser(IngestLimits.DEFAULT.withMaxDepth(1), CLOCK)
                .parse(m.toString().getBytes(StandardCharsets.US_ASCII), null);
        assertEquals(1, deep.root().count());
        assertTrue(codes(deep).contains(AnomalyCode.TOO_DEEP));
    }

    @Test
    void boundsTheAnomalyList() {
        StringBuilder m = new StringBuilder("From: a@example.org\r\nDate: Tue, 3 Mar 2026 09:15:00 +0100\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 300; i++) {
            m.append("--b\r\nContent-Type: text/plain; charset=x-unknown-").append(i).append("\r\n\r\ntext\r\n");
        }
        m.append("--b--\r\n");
        ReceivedEmail e = PARSER.parse(m.toString().getBytes(StandardCharsets.US_ASCII), null);
        assertEquals(AnomalyLog.MAX_ENTRIES, e.anomalies().size());
        Anomaly last = e.anomalies().get(e.anomalies().size() - 1);
        assertEquals(AnomalyCode.TOO_MANY_ANOMALIES, last.code());
        assertTrue(last.detail().startsWith("101 further"), last.detail());
    }

    @Test
    void reportsUndecodableEncodedWordsAndKeepsThem() {
        String m = "From: =?x-nothing?Q?abc?= <a@example.org>\r\nSubject: =?utf-8?X?abc?= et =?utf-8?B?Q?= fin\r\n"
                + "Date: Tue, 3 Mar 2026 09:15:00 +0100\r\n\r\nbody\r\n";
        ReceivedEmail e = PARSER.parse(m.getBytes(StandardCharsets.US_ASCII), null);
        assertEquals("=?x-nothing?Q?abc?= <a@example.org>", e.header("From").orElseThrow());
        assertEquals("=?utf-8?X?abc?= et =?utf-8?B?Q?= fin", e.header("Subject").orElseThrow());
        List<Anomaly> bad = e.anomalies().stream().filter(a -> a.code() == AnomalyCode.BAD_ENCODED_WORD).toList();
        assertEquals(2, bad.size());
        assertTrue(bad.get(1).detail().startsWith("2 encoded word(s) in header 'Subject'"), bad.get(1).detail());
    }

    @Test
    void rejectsWhatIsNotAMessageWithAPreciseContentFreeReason() {
        ReceivedEmail empty = PARSER.parse(new byte[0], "empty.eml");
        assertEquals(AnomalyCode.EMPTY_INPUT, empty.rejection().orElseThrow().code());
        assertEquals(0, empty.messageBytes().length);
        assertEquals("1", empty.root().path());

        byte[] text = "Dear Camille: the secret code is 4242.\n".getBytes(StandardCharsets.US_ASCII);
        Anomaly notMessage = PARSER.parse(text, null).rejection().orElseThrow();
        assertEquals(AnomalyCode.NOT_A_MESSAGE, notMessage.code());
        assertFalse(notMessage.detail().contains("4242") || notMessage.detail().contains("Camille"));

        byte[] fields = "Foo: bar\nBaz: qux\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
        Anomaly noMessageField = PARSER.parse(fields, null).rejection().orElseThrow();
        assertTrue(noMessageField.detail().contains("none of them is a field of a received message"));

        byte[] big = new byte[2048];
        ReceivedEmail tooLarge = new EmailParser(IngestLimits.DEFAULT.withMaxMessageBytes(1024), CLOCK)
                .parse(big, null);
        Anomaly large = tooLarge.rejection().orElseThrow();
        assertEquals(AnomalyCode.MESSAGE_TOO_LARGE, large.code());
        assertEquals("the input is 2,048 bytes; the limit is 1,024 bytes (IngestLimits.maxMessageBytes)",
                large.detail());
        assertEquals(EmailParser.sha256(big, 0, big.length), tooLarge.sha256());
    }

    @Test
    void isThreadSafeAndReusable() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        PARSER.parse(fixture("newsletter-fr.eml"), null);
        assertEquals(before, Thread.currentThread().getContextClassLoader(), "the context class loader is restored");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ReceivedEmail>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = i % 2 == 0 ? "newsletter-fr.eml" : "forwarded-as-attachment.eml";
                results.add(pool.submit(() -> PARSER.parse(fixture(name), name)));
            }
            for (int i = 0; i < results.size(); i++) {
                ReceivedEmail e = results.get(i).get();
                if (i % 2 == 0) {
                    assertEquals("Les nouveautés de mars : -20 %", e.header("Subject").orElseThrow());
                } else {
                    assertEquals("Le numero de mai", e.header("Subject").orElseThrow());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileCutInsideItsHeadersSaysSo() {
        String cut = "From: News <news@shop.example.com>\r\nTo: alex.martin@example.org\r\nSubject: Soldes\r\nX-Mai";
        ReceivedEmail e = PARSER.parse(cut.getBytes(StandardCharsets.US_ASCII), null);
        assertTrue(e.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.HEADERS_NOT_ENDED), e.anomalies().toString());
        ReceivedEmail whole = PARSER.parse((cut + "ler: x\r\n\r\nBonjour\r\n").getBytes(StandardCharsets.US_ASCII), null);
        assertTrue(whole.anomalies().stream().noneMatch(a -> a.code() == AnomalyCode.HEADERS_NOT_ENDED),
                whole.anomalies().toString());
        ReceivedEmail lf = PARSER.parse("From: a@b.example\nSubject: x\n\nhi\n".getBytes(StandardCharsets.US_ASCII), null);
        assertTrue(lf.anomalies().stream().noneMatch(a -> a.code() == AnomalyCode.HEADERS_NOT_ENDED));
        ReceivedEmail cr = PARSER.parse("From: a@b.example\rSubject: old Mac\r\rhi\r".getBytes(StandardCharsets.US_ASCII),
                null);
        assertTrue(cr.anomalies().stream().noneMatch(a -> a.code() == AnomalyCode.HEADERS_NOT_ENDED),
                "CR-only line ends, as Angus reads them: " + cr.anomalies());
        assertEquals("old Mac", cr.headers().stream().filter(h -> h.name().equalsIgnoreCase("Subject")).findFirst()
                .orElseThrow().decoded());
    }

    @Test
    void headerEndsAreEmptyLinesWhateverTheLineEnds() {
        for (String ended : new String[] {"a: b\n\n", "a: b\r\n\r\nx", "a: b\r\rx", "a: b\n\r\n", "a: b\r\n\n",
            "\r\nbody", "\nbody", "a: b\r\n\rx"}) {
            assertTrue(EmailParser.hasHeaderEnd(ended.getBytes(StandardCharsets.US_ASCII)), ended);
        }
        for (String open : new String[] {"", "a: b", "a: b\r\n", "a: b\n c: d\n", "a: b\r\nc: d\r", "a: b\r\n e"}) {
            assertFalse(EmailParser.hasHeaderEnd(open.getBytes(StandardCharsets.US_ASCII)), open);
        }
    }

    /**
     * RFC 5322 section 3.6 allows Date, Subject, To, Message-ID... once: a second one (a client may show it instead
     * of the first) is recorded; repeatable fields (Received, Resent-Date) are not.
     */
    @Test
    void aSecondSubjectOrDateIsADuplicateHeaderAndTheFirstIsUsed() {
        String twice = "From: Shop <news@shop.example>\r\nTo: alex.martin@example.org\r\n"
                + "Subject: Vos avantages du mois\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\n"
                + "Subject: Your account is suspended\r\nDate: Tue, 3 Nov 2026 10:00:00 +0100\r\n"
                + "Message-ID: <a@shop.example>\r\n\r\nHello\r\n";
        ReceivedEmail e = PARSER.parse(twice.getBytes(StandardCharsets.US_ASCII), "t.eml");
        List<String> duplicates = e.anomalies().stream().filter(a -> a.code() == AnomalyCode.DUPLICATE_HEADER)
                .map(Anomaly::detail).toList();
        assertEquals(2, duplicates.size(), duplicates.toString());
        assertTrue(duplicates.get(0).startsWith("2 Date header fields (RFC 5322 section 3.6 allows one)"),
                duplicates.toString());
        assertTrue(duplicates.get(1).startsWith("2 Subject header fields"), duplicates.toString());
        assertEquals("Vos avantages du mois", e.header("Subject").orElseThrow());

        String repeatable = "Received: from a.example by b.example; Mon, 2 Nov 2026 10:00:02 +0100\r\n"
                + "Received: from c.example by a.example; Mon, 2 Nov 2026 10:00:01 +0100\r\n"
                + "Resent-Date: Mon, 2 Nov 2026 11:00:00 +0100\r\nResent-Date: Mon, 2 Nov 2026 12:00:00 +0100\r\n"
                + "From: Shop <news@shop.example>\r\nTo: alex.martin@example.org\r\nSubject: Hi\r\n"
                + "Date: Mon, 2 Nov 2026 10:00:00 +0100\r\n\r\nHello\r\n";
        ReceivedEmail ok = PARSER.parse(repeatable.getBytes(StandardCharsets.US_ASCII), "t.eml");
        assertFalse(ok.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.DUPLICATE_HEADER),
                ok.anomalies().toString());
    }
}
