package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;
import org.junit.jupiter.api.Test;

/** Small pieces of the command line: content sniffing, CSV guards and dates, PDF file names. */
class CliUnitsTest {

    @Test
    void filesAreToldApartByTheirFirstBytes() {
        assertEquals(InputWalker.Kind.MBOX, sniff("From alex@example.org Mon Jan  1 00:00:00 2025\nFrom: x\n"));
        assertEquals(InputWalker.Kind.EML, sniff("Return-Path: <b@example.com>\r\n"));
        assertEquals(InputWalker.Kind.EML, sniff("\uFEFFFrom: a@example.com\n"));
        assertEquals(InputWalker.Kind.EML, sniff("X-Mozilla-Status: 0001\n"));
        assertEquals(InputWalker.Kind.OTHER, sniff("file\tsource_repo\tlanguage\n"));
        assertEquals(InputWalker.Kind.OTHER, sniff("%PDF-1.7\n"));
        assertEquals(InputWalker.Kind.OTHER, sniff(""));
        assertEquals(InputWalker.Kind.OTHER, sniff("Subject without colon\n"));
        assertEquals(InputWalker.Kind.MSG, InputWalker.sniff(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
            (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0}));
    }

    private static InputWalker.Kind sniff(String s) {
        return InputWalker.sniff(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theOneLineResultShortensAHostileHostName() throws Exception {
        String host = "a.".repeat(5_000) + "example.com";
        String eml = "From: A <a@example.com>\r\nTo: alex.martin@example.org\r\nSubject: long host\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><img src=\"http://"
                + host + "/p.gif?u=alex.martin@example.org\" width=1 height=1></body></html>\r\n";
        var analyzer = new org.pixelproof.analysis.Analyzer(org.pixelproof.rules.RuleSetLoader.loadDefault(),
                org.pixelproof.ingest.IngestLimits.DEFAULT, org.pixelproof.authenticity.AuthenticityChecker.offline(),
                java.time.Clock.systemUTC());
        var a = analyzer.analyze(eml.getBytes(StandardCharsets.UTF_8), "long.eml",
                org.pixelproof.analysis.AnalysisOptions.DEFAULT);
        String line = TextSink.line(a);
        org.junit.jupiter.api.Assertions.assertTrue(line.startsWith("long.eml: TRACKING_"), line);
        org.junit.jupiter.api.Assertions.assertTrue(line.length() < 200 && line.contains("\u2026"), line);
    }

    @Test
    void theOneLineResultNamesFiveHostsAndCountsTheOthers() throws Exception {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            html.append("<img src=\"http://px").append(i).append(".tracker.example/o.gif?u=alex.martin@example.org\""
                    + " width=1 height=1>");
        }
        String eml = "From: A <a@example.com>\r\nTo: alex.martin@example.org\r\nSubject: many\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>" + html + "</body></html>\r\n";
        var a = new org.pixelproof.analysis.Analyzer(org.pixelproof.rules.RuleSetLoader.loadDefault(),
                org.pixelproof.ingest.IngestLimits.DEFAULT, org.pixelproof.authenticity.AuthenticityChecker.offline(),
                java.time.Clock.systemUTC()).analyze(eml.getBytes(StandardCharsets.UTF_8), "many.eml",
                        org.pixelproof.analysis.AnalysisOptions.DEFAULT);
        String line = TextSink.line(a);
        assertEquals("many.eml: TRACKING_WITHOUT_CONSENT_MARKERS, 40 trackers (px0.tracker.example, px1.tracker.example,"
                + " px2.tracker.example, px3.tracker.example, px4.tracker.example and 35 more)", line);
    }

    @Test
    void csvTextValuesThatASpreadsheetWouldEvaluateAreGuarded() {
        assertEquals("'=HYPERLINK(\"http://x\")", CsvSink.text("=HYPERLINK(\"http://x\")"));
        assertEquals("'+33 1 23", CsvSink.text("+33 1 23"));
        assertEquals("'-2+3", CsvSink.text("-2+3"));
        assertEquals("'@SUM(A1)", CsvSink.text("@SUM(A1)"));
        assertEquals("'\tx", CsvSink.text("\tx"));
        assertEquals("La Gazette", CsvSink.text("La Gazette"));
        assertEquals("", CsvSink.text(null));
    }

    /**
     * The real engine on a message whose ESP wrote the recipient's address into a VERP Return-Path and an X-header
     * (hex): the CSV counts them in their own columns, and gives the key the run files the sender under.
     */
    @Test
    void csvRowCountsRecipientIdentifiersInHeadersAndGivesTheSenderKey() throws Exception {
        String hex = HexFormat.of().formatHex("alex.martin@example.org".getBytes(StandardCharsets.US_ASCII));
        String eml = "Return-Path: <bounce-alex.martin=example.org@bounces.mailer.example.com>\r\n"
                + "From: La Gazette <news@gazette-exemple.fr>\r\nTo: alex.martin@example.org\r\n"
                + "X-Campaign-Recipient: " + hex + "\r\nSubject: Nouvelles\r\n"
                + "Date: Tue, 14 Oct 2025 08:30:00 +0200\r\nMessage-ID: <1@gazette-exemple.fr>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\n";
        Analyzer analyzer = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
                AuthenticityChecker.offline(), Clock.systemUTC());
        Analysis a = analyzer.analyze(eml.getBytes(StandardCharsets.UTF_8), "n.eml", AnalysisOptions.DEFAULT);
        List<Object> row = CsvSink.row(a);
        assertEquals(CsvSink.COLUMNS.size(), row.size());
        assertEquals("gazette-exemple.fr", row.get(CsvSink.COLUMNS.indexOf("sender_key")));
        assertEquals(2, row.get(CsvSink.COLUMNS.indexOf("header_recipient_identifiers")));
        assertEquals("Return-Path; X-Campaign-Recipient", row.get(CsvSink.COLUMNS.indexOf("header_identifier_fields")));
        assertEquals(0, row.get(CsvSink.COLUMNS.indexOf("recipient_identifiers")), "no tracker URL carries it");
    }

    @Test
    void csvDatesAreIsoWhenTheyParseAndAsWrittenOtherwise() {
        assertEquals("2025-10-14T08:30:00+02:00", CsvSink.isoDate("Tue, 14 Oct 2025 08:30:00 +0200"));
        assertEquals("2025-10-04T08:30:00+00:00", CsvSink.isoDate("Sat, 4 Oct 2025 08:30:00 +0000 (UTC)"));
        assertEquals("2025-10-14T08:30:00+02:00", CsvSink.isoDate("Tue, 14 Oct 2025 08:30 +0200"), "to the second");
        assertEquals("le 4 octobre", CsvSink.isoDate("le 4 octobre"));
    }

    /** RFC 5322 section 4.3: the obsolete zone names and the military letters must be read. */
    @Test
    void csvDatesWithObsoleteZonesAreIsoToo() {
        assertEquals("2002-01-09T19:47:50-07:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 MST"));
        assertEquals("2002-01-09T19:47:50-06:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 MDT"));
        assertEquals("2002-01-09T19:47:50-04:00", CsvSink.isoDate("Wed, 9 Jan 02 19:47:50 EDT"));
        assertEquals("2002-01-09T19:47:50-08:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 PST"));
        assertEquals("2002-01-09T19:47:50-05:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 CDT"));
        assertEquals("2002-01-09T19:47:50+00:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 UT"));
        assertEquals("2002-01-09T19:47:50+00:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 GMT"));
        // military letters, -0000 and unknown names: the time in UTC, the local offset unknown (RFC 3339 -00:00)
        assertEquals("2002-01-09T19:47:50-00:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 A"));
        assertEquals("2002-01-09T19:47:50-00:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 Z"));
        assertEquals("2002-01-09T19:47:50-00:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 -0000"));
        assertEquals("2002-01-09T19:47:50-00:00", CsvSink.isoDate("Wed, 9 Jan 2002 19:47:50 XYZT"));
    }

    @Test
    void csvDatesWithAnImplausibleYearAreStillIso() {
        assertEquals("3609-06-30T10:00:00+02:00", CsvSink.isoDate("Mon, 30 Jun 3609 10:00:00 +0200"));
        assertEquals("1969-12-31T23:00:00-01:00", CsvSink.isoDate("Wed, 31 Dec 1969 23:00:00 -0100"));
    }

    @Test
    void namesShownOnTheTerminalCannotCarryControlCharacters() {
        assertEquals("a?[2Jb?.eml", Reporter.printable("a\u001b[2Jb\r.eml"));
        assertEquals("caf\u00e9.eml", Reporter.printable("caf\u00e9.eml"));
    }

    @Test
    void pdfFileNamesAreSafeAndReadable() {
        assertEquals("newsletter", PdfSink.fileName("mail/2025/newsletter.eml"));
        assertEquals("inbox.mbox-3", PdfSink.fileName("/home/a/inbox.mbox#3"));
        assertEquals("1760522531.M1P100.mx.example.net_2_S", PdfSink.fileName("cur/1760522531.M1P100.mx.example.net:2,S"));
        assertEquals("eeeetc_passwd", PdfSink.fileName("x/\u00e9\u00e9\u00e9etc_passwd"));
        assertEquals("rf", PdfSink.fileName("in/-rf.eml"), "never read as an option by rm *.pdf");
        assertEquals("file", PdfSink.fileName("\ufb01le.eml"), "a ligature is spelled out");
        assertEquals("cmd_calc_A1", PdfSink.fileName("=cmd|calc!A1.eml"));
        assertEquals("hidden", PdfSink.fileName("box/.hidden.eml"));
        assertEquals("Boite_de_reception.mbox-1", PdfSink.fileName("box/Bo\u00eete de r\u00e9ception.mbox#1"));
        assertEquals("Free-Work_Reactivation", PdfSink.fileName("Free-Work R\u00e9activation.eml"));
        assertEquals("Strasse_OEuvre_Lodz", PdfSink.fileName("Stra\u00dfe \u0152uvre \u0141\u00f3d\u017a.eml"));
        assertEquals("Newsletter", PdfSink.fileName("\ud83d\udcc8 Newsletter \u65e5\u672c.eml"), "other scripts: _");
        assertEquals("shop.example_identity_doubtful", PdfSink.fileName("shop.example (identity doubtful)"));
        assertEquals("message", PdfSink.fileName(".."));
        assertEquals("a_b", PdfSink.fileName("C:\\mail\\a b.msg"));
    }

    @Test
    void aSendersFileNameShowsItsDomainInAsciiAndALookalikeAsSuch() {
        String bold = "\uD835\uDDD5\uD835\uDDFF\uD835\uDE02\uD835\uDDFA\uD835\uDDF2.example"; // Brume
        String doubtful = SenderKey.DOUBTFUL_SUFFIX;
        assertEquals("lookalike-of-brume.example_identity_doubtful",
                PdfSink.fileName(SenderKey.fileStem(bold + doubtful)));
        assertEquals("lookalike-of-brume.example", PdfSink.fileName(SenderKey.fileStem("\uFF42rume.example")));
        assertEquals("xn--caf-exemple-dbb.fr", PdfSink.fileName(SenderKey.fileStem("caf\u00e9-exemple.fr")));
        assertEquals("xn--e1afmkfd.xn--p1ai_identity_doubtful", PdfSink.fileName(SenderKey.fileStem(
                "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444" + doubtful)));
        assertEquals("lea_gmail.com", PdfSink.fileName(SenderKey.fileStem("lea@gmail.com")));
        assertEquals("shop.example (identity doubtful)", SenderKey.fileStem("shop.example" + doubtful));
    }
}
