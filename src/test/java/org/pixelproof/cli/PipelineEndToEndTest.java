package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code analyze} command in-process over the real engine ({@link Backends#DEFAULT}): one mixed call with every
 * input kind (.eml, mbox, Maildir, Outlook .msg), its outputs parsed back.
 */
class PipelineEndToEndTest {
    static final Path FIXTURES = AnalyzeCommandTest.FIXTURES;

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeAll
    static void stagesAreIn() throws Exception {
        PipelineStages.assumeComplete();
    }

    @Test
    void aMixedCallAnalysesEveryKindOfInput() throws IOException {
        Path msg = tmp.resolve("newsletter.msg");
        OutlookMsgFixture.write(msg, """
                Return-Path: <bounce@bounce.gazette-exemple.fr>\r
                From: La Gazette du Jardin <lettre@gazette-exemple.fr>\r
                To: Alex Martin <alex.martin@example.org>\r
                Subject: Hors-serie\r
                Date: Tue, 28 Oct 2025 08:30:00 +0200\r
                Message-ID: <msg1@gazette-exemple.fr>\r
                """, "Hors-serie", "lettre@gazette-exemple.fr", "Numero special.",
                "<html><body><p>Numero special.</p><img src=\"https://ouverture.mailexemple.com/o/7f3a.gif\" "
                        + "width=\"1\" height=\"1\" alt=\"\"></body></html>");
        Path csv = tmp.resolve("out.csv");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze",
                FIXTURES.resolve("order.eml").toString(), FIXTURES.resolve("mixed").toString(), msg.toString(),
                "--json", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        JsonNode array = r.json();
        Path mixed = FIXTURES.resolve("mixed");
        assertEquals(List.of(FIXTURES.resolve("order.eml").toString(),
                mixed.resolve("inbox.mbox") + "#1", mixed.resolve("inbox.mbox") + "#2",
                mixed.resolve("inbox.mbox") + "#3",
                mixed.resolve("maildir/cur/1760522531.M1P100.mx.example.net:2,S").toString(),
                mixed.resolve("maildir/new/1761033000.M2P100.mx.example.net").toString(),
                mixed.resolve("newsletter-1.eml").toString(), msg.toString()), AnalyzeCommandTest.files(array));

        JsonNode newsletter = array.get(6);
        assertEquals("TRACKING_WITHOUT_CONSENT_MARKERS", newsletter.get("verdict").asText());
        assertEquals(StubBackends.sha256(Files.readAllBytes(mixed.resolve("newsletter-1.eml"))),
                newsletter.get("sha256").asText());
        assertTrue(hosts(newsletter).contains("ouverture.mailexemple.com"), newsletter.toString());
        assertEquals("NO_TRACKING_FOUND", array.get(0).get("verdict").asText());

        JsonNode outlook = array.get(7);
        assertEquals(StubBackends.sha256(Files.readAllBytes(msg)), outlook.get("sha256").asText(),
                "an Outlook analysis keeps the SHA-256 of the .msg file the user holds");
        assertTrue(hosts(outlook).contains("ouverture.mailexemple.com"), outlook.toString());

        List<List<String>> rows = AnalyzeCommandTest.readCsv(Files.readString(csv));
        assertEquals(9, rows.size());
        assertEquals("gazette-exemple.fr", AnalyzeCommandTest.col(rows.get(7), "sender_domain"));
        assertEquals("1", AnalyzeCommandTest.col(rows.get(7), "open_pixel"));
        assertTrue(r.err().contains("By sender"), r.err());
    }

    @Test
    void aDossierAttachesEachOriginalUnderTheNameAndTypeOfWhatItHolds() throws IOException {
        Path msg = tmp.resolve("offre.msg");
        OutlookMsgFixture.write(msg, """
                From: La Gazette du Jardin <lettre@gazette-exemple.fr>\r
                To: Alex Martin <alex.martin@example.org>\r
                Subject: Offre\r
                Date: Tue, 28 Oct 2025 08:30:00 +0200\r
                Message-ID: <offre1@gazette-exemple.fr>\r
                """, "Offre", "lettre@gazette-exemple.fr", "Offre.",
                "<html><body><p>Offre.</p><img src=\"https://ouverture.mailexemple.com/o/7f3a.gif\" "
                        + "width=\"1\" height=\"1\" alt=\"\"></body></html>");
        // the inputs of one folder: their dossiers are named after their files alone
        Path mbox = Files.copy(FIXTURES.resolve("mixed/inbox.mbox"), tmp.resolve("inbox.mbox"));
        Path n1 = Files.copy(FIXTURES.resolve("newsletter-1.eml"), tmp.resolve("newsletter-1.eml"));
        Path dir = tmp.resolve("dossiers");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", msg.toString(),
                n1.toString(), mbox.toString(), "--pdf", dir.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        Map<String, Attached> outlook = attachments(dir.resolve("offre.pdf"));
        assertEquals(List.of("E1-offre.msg"), List.copyOf(outlook.keySet()), "the .msg file, named as one");
        assertEquals("application/vnd.ms-outlook", outlook.get("E1-offre.msg").subtype());
        assertArrayEquals(Files.readAllBytes(msg), outlook.get("E1-offre.msg").bytes());
        Map<String, Attached> eml = attachments(dir.resolve("newsletter-1.pdf"));
        assertEquals(List.of("E1-newsletter-1.eml"), List.copyOf(eml.keySet()));
        assertEquals("message/rfc822", eml.get("E1-newsletter-1.eml").subtype());
        assertEquals(List.of("E1-inbox.mbox#1.eml"), List.copyOf(attachments(dir.resolve("inbox.mbox-00001.pdf"))
                .keySet()), "an mbox message keeps its name");
    }

    @Test
    void aDamagedOutlookFileIsReportedAsOneNotAsSomethingElseThanAnEmail() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        byte[] damaged = new byte[700]; // the OLE2 signature, then a header that does not hold together
        byte[] sig = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(sig, 0, damaged, 0, sig.length);
        Path msg = Files.write(in.resolve("cut.msg"), damaged);
        Files.copy(FIXTURES.resolve("newsletter-1.eml"), in.resolve("newsletter-1.eml"));
        Path csv = tmp.resolve("out.csv");
        Path jsonl = tmp.resolve("out.jsonl");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", in.toString(), "--csv",
                csv.toString(), "--jsonl", jsonl.toString());
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains(msg + ": skipped: a damaged Outlook .msg file: it starts as one does (an OLE2 "
                + "compound file), but its structure cannot be read"), r.err());
        assertFalse(r.err().contains("not an e-mail"), r.err());
        // no row for it in the outputs, so no other wording of the error
        assertEquals(2, AnalyzeCommandTest.readCsv(Files.readString(csv)).size());
        assertEquals(1, Files.readAllLines(jsonl).size());
        assertFalse(Files.readString(jsonl).contains("cut.msg"));
    }

    /** A file embedded in a PDF: its bytes and its media type. */
    private record Attached(byte[] bytes, String subtype) {
    }

    /** @return the files embedded in a PDF, by the name a PDF reader shows, read with PDFBox. */
    private static Map<String, Attached> attachments(Path pdf) throws IOException {
        Map<String, PDComplexFileSpecification> specs = new LinkedHashMap<>();
        Map<String, Attached> files = new LinkedHashMap<>();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            if (names != null && names.getEmbeddedFiles() != null) {
                collect(names.getEmbeddedFiles(), specs);
            }
            for (Map.Entry<String, PDComplexFileSpecification> e : specs.entrySet()) {
                files.put(e.getKey(), new Attached(e.getValue().getEmbeddedFile().toByteArray(),
                        e.getValue().getEmbeddedFile().getSubtype()));
            }
        }
        return files;
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node,
            Map<String, PDComplexFileSpecification> files) throws IOException {
        if (node.getNames() != null) {
            for (PDComplexFileSpecification spec : node.getNames().values()) {
                files.put(spec.getFileUnicode() != null ? spec.getFileUnicode() : spec.getFile(), spec);
            }
        }
        if (node.getKids() != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                collect(kid, files);
            }
        }
    }

    @Test
    void bySenderGathersASendersEmailsInOneDossier() throws IOException {
        Path dir = tmp.resolve("dossiers");
        Path jsonl = tmp.resolve("a.jsonl");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze",
                FIXTURES.resolve("newsletter-1.eml").toString(), FIXTURES.resolve("order.eml").toString(),
                FIXTURES.resolve("newsletter-2.eml").toString(), "--pdf", dir.toString(), "--by-sender",
                "--jsonl", jsonl.toString(), "--lang", "en", "--complainant-name", "Alex Martin");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        // the order confirmation has no tracker: nothing to complain about, so its sender gets no dossier
        assertEquals(List.of("gazette-exemple.fr.pdf"), AnalyzeCommandTest.pdfs(dir));
        assertTrue(r.err().contains("no dossier for 1 sender(s) with nothing to complain about: boutique-exemple.com"),
                r.err());
        String gazette = AnalyzeCommandIT.text(dir.resolve("gazette-exemple.fr.pdf"));
        List<String> lines = Files.readAllLines(jsonl);
        String sha1 = CliJson.mapper().readTree(lines.get(0)).get("sha256").asText();
        String shaOrder = CliJson.mapper().readTree(lines.get(1)).get("sha256").asText();
        String sha2 = CliJson.mapper().readTree(lines.get(2)).get("sha256").asText();
        assertTrue(gazette.contains(sha1) && gazette.contains(sha2), "both newsletters in the sender's dossier");
        assertTrue(!gazette.contains(shaOrder), "the order is in no dossier");
        assertTrue(gazette.contains("AlexMartin"), "the complainant's name, white space removed");
    }

    @Test
    void complainantStatementsTheEmailsContradictAreSaidOnceAtTheEndWithoutStoppingTheRun() throws IOException {
        Path dir = tmp.resolve("points");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze",
                FIXTURES.resolve("newsletter-1.eml").toString(), FIXTURES.resolve("order.eml").toString(),
                FIXTURES.resolve("newsletter-2.eml").toString(), "--pdf", dir.toString(), "--complainant-name",
                "Alex Martin", "--complainant-email", "alex@example.net"); // the newsletters went to alex.martin@
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(2, AnalyzeCommandTest.pdfs(dir).size(), "the dossiers are still written");
        assertTrue(r.err().contains("--complainant: to check before sending: 2 of the 2 e-mail(s) with a dossier"
                + " contradict what it states; the first, " + FIXTURES.resolve("newsletter-1.eml") + ": The e-mail"
                + " address given (alex@example.net) is not the one the message was sent to (alex.martin@example.org)."),
                r.err());
        AnalyzeCommandTest.Run right = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze",
                FIXTURES.resolve("newsletter-1.eml").toString(), "--pdf", tmp.resolve("points2").toString(),
                "--complainant-email", "Alex.Martin@example.org");
        assertEquals(ExitCodes.OK, right.exit(), right.err());
        assertTrue(!right.err().contains("--complainant:"), right.err());
    }

    @Test
    void oneRunWritesDossiersPerEmailAndPerSenderAndKeepsPeopleOnAPublicMailboxDomainApart() throws IOException {
        String newsletter = Files.readString(FIXTURES.resolve("newsletter-1.eml"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("bakery.eml"), newsletter.replace(
                "From: La Gazette du Jardin <lettre@gazette-exemple.fr>", "From: Boulangerie A <Boulangerie.A@gmail.com>"));
        Files.writeString(in.resolve("bakery-2.eml"), newsletter.replace(
                "From: La Gazette du Jardin <lettre@gazette-exemple.fr>", "From: Boulangerie A <boulangerie.a@gmail.com>")
                .replace("Subject: ", "Subject: Re: "));
        Files.writeString(in.resolve("club.eml"), newsletter.replace(
                "From: La Gazette du Jardin <lettre@gazette-exemple.fr>", "From: Club B <club.b@gmail.com>"));
        Path perEmail = tmp.resolve("per-email");
        Path perSender = Files.createDirectories(tmp.resolve("per-sender"));
        Files.writeString(perSender.resolve("old.pdf"), "from an earlier run");
        Path csv = tmp.resolve("s.csv");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", in.toString(), "--pdf",
                perEmail.toString(), "--sender-pdf", perSender.toString(), "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("bakery-2.pdf", "bakery.pdf", "club.pdf"), AnalyzeCommandTest.pdfs(perEmail));
        assertEquals(List.of("boulangerie.a_gmail.com.pdf", "club.b_gmail.com.pdf", "old.pdf"),
                AnalyzeCommandTest.pdfs(perSender), "a club and a bakery on gmail.com are two senders");
        assertTrue(r.err().contains("--sender-pdf: " + perSender + " already holds 1 file(s)"), r.err());
        String bakery = AnalyzeCommandIT.text(perSender.resolve("boulangerie.a_gmail.com.pdf"));
        List<List<String>> rows = AnalyzeCommandTest.readCsv(Files.readString(csv));
        String clubSha = AnalyzeCommandTest.col(rows.get(3), "sha256");
        assertTrue(bakery.contains(AnalyzeCommandTest.col(rows.get(1), "sha256"))
                && bakery.contains(AnalyzeCommandTest.col(rows.get(2), "sha256")), "both of the bakery's e-mails");
        assertFalse(bakery.contains(clubSha), "not the club's");
        assertEquals("false", AnalyzeCommandTest.col(rows.get(1), "sender_identity_doubtful"));

        AnalyzeCommandTest.Run quiet = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", in.toString(), "--pdf",
                perEmail.toString(), "--quiet");
        assertEquals(ExitCodes.OK, quiet.exit(), quiet.err());
        assertEquals(List.of("pixelproof: --pdf: " + perEmail + " already holds 4 file(s); this run's dossiers are "
                + "added, replacing those of the same name, and index.csv keeps the rows of the dossiers still there"),
                quiet.err().lines().toList(), "--quiet prints only what failed and the warnings about files on disk");
    }

    @Test
    void linksTheDetectorLeavesUnanalysedMakeTheRunPartial() throws IOException {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 10_005; i++) { // past Detector.MAX_SCORED_LINKS
            html.append("<a href=\"https://h").append(i).append(".boutique-exemple.com/p\">x</a>");
        }
        Path eml = tmp.resolve("links.eml");
        Files.writeString(eml, "From: Boutique <news@boutique-exemple.com>\r\nTo: alex.martin@example.org\r\n"
                + "Subject: Liens\r\nDate: Tue, 28 Oct 2025 08:30:00 +0200\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>" + html + "</body></html>\r\n");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", eml.toString(), "--csv",
                tmp.resolve("l.csv").toString());
        assertEquals(ExitCodes.PARTIAL, r.exit(), r.err());
        assertTrue(r.err().contains("REFERENCES_NOT_ANALYSED"), r.err());
    }

    @Test
    void aFileCutInsideItsHeadersIsNamedOnStderr() throws IOException {
        Path eml = tmp.resolve("cut.eml");
        Files.writeString(eml, "From: Boutique <news@boutique-exemple.com>\r\nTo: alex.martin@example.org\r\nSubj");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", eml.toString(), "--jsonl",
                tmp.resolve("cut.jsonl").toString(), "--pdf", tmp.resolve("p").toString(), "--sender-pdf",
                tmp.resolve("s").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains(eml + ": the file ends inside its header fields"), r.err());
        assertTrue(r.err().contains("--pdf: no dossier for 1 e-mail(s) cut short inside their headers"), r.err());
        assertTrue(r.err().contains("--sender-pdf: 1 e-mail(s) cut short inside their headers left out"), r.err());
        assertFalse(r.err().contains("nothing to complain about"), "a body that is missing proves nothing: " + r.err());
    }

    /**
     * {@code <"63409624@ParcsDuLac.example">} has no domain (RFC 5322 section 3.4.1): it is filed under an unknown
     * sender that shows the domain (new-user trial 18), never under that domain, and nothing shows the stray quote.
     */
    @Test
    void aFromAddressWhoseOnlyAtIsQuotedIsFiledUnderAnUnknownSenderWithoutAStrayQuote() throws IOException {
        Path eml = tmp.resolve("parcs.eml");
        Files.writeString(eml, """
                From: Parcs du Lac <"63409624@ParcsDuLac.example">
                To: Alex Martin <alex.martin@example.org>
                Subject: Vos vacances
                Date: Tue, 28 Oct 2025 08:30:00 +0200
                Message-ID: <q1@parcsdulac.example>
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8
                
                <html><body><p>Vos vacances au bord du lac.</p><img src="https://ouverture.mailexemple.com/o/7f3a.gif"                 width="1" height="1" alt=""></body></html>
                """);
        Path dir = tmp.resolve("dossiers");
        Path csv = tmp.resolve("out.csv");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", eml.toString(),
                "--pdf", dir.toString(), "--by-sender", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("unknown-sender-quoting-parcsdulac.example.pdf"), AnalyzeCommandTest.pdfs(dir));
        assertTrue(r.err().contains("unknown-sender-quoting-parcsdulac.example")
                && !r.err().contains("parcsdulac.example\""), r.err());
        List<List<String>> rows = AnalyzeCommandTest.readCsv(Files.readString(csv));
        assertEquals("", AnalyzeCommandTest.col(rows.get(1), "sender_domain"));
        assertEquals("unknown-sender-quoting-parcsdulac.example", AnalyzeCommandTest.col(rows.get(1), "sender_key"));
    }

    private static List<String> hosts(JsonNode analysis) {
        List<String> hosts = new ArrayList<>();
        analysis.get("trackers").forEach(t -> hosts.add(t.get("host").asText()));
        return hosts;
    }
}
