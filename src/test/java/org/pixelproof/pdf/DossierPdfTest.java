package org.pixelproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.dossier.Complainant;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierFixtures;
import org.pixelproof.dossier.DossierTemplates;
import org.pixelproof.dossier.Language;
import org.pixelproof.dossier.LetterKind;
import org.pixelproof.dossier.TestEmails;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DossierPdfTest {
    private static final Pattern PAGE = Pattern.compile("page (\\d+) / (\\d+)");

    private final DossierPdf pdf = new DossierPdf(DossierTemplates.standard(), new PdfRenderer());
    private Dossier french;
    private PdfOutput frenchOut;
    private PdfText frenchText;

    @BeforeAll
    void renderTheFrenchDossierOnce() {
        french = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        frenchOut = pdf.renderDossier(french);
        frenchText = PdfText.of(frenchOut.pdf());
    }

    @Test
    void everyPageShowsTheSha256OfTheOriginalAndItsNumberOutOfTheTotal() {
        int total = frenchText.pages().size();
        assertTrue(total >= 8, "a complete dossier has pages: " + total);
        assertEquals(frenchOut.pages(), total);
        String sha = french.primary().sha256();
        for (int i = 0; i < total; i++) {
            String page = frenchText.pages().get(i);
            assertTrue(page.replaceAll("\\s+", "").contains(sha), "no SHA-256 on page " + (i + 1));
            Matcher m = PAGE.matcher(page);
            assertTrue(m.find(), "no page number on page " + (i + 1));
            assertEquals(i + 1, Integer.parseInt(m.group(1)));
            assertEquals(total, Integer.parseInt(m.group(2)));
        }
    }

    /**
     * A heading that opens a page was also painted, clipped and invisible, at the foot of the previous page, so that
     * text extraction read it twice, under the footer. Sections of growing length put a heading at every place of a
     * page boundary; each must be read once.
     */
    @Test
    void noHeadingIsReadTwiceAtAPageBreak() throws java.io.IOException {
        String style;
        try (var in = getClass().getClassLoader().getResourceAsStream("templates/dossier/style.xhtml")) {
            style = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        PdfRenderer renderer = new PdfRenderer();
        for (int n = 1; n <= 12; n++) {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\""
                    + "http://www.w3.org/1999/xhtml\"><head><title>t</title>" + style + "</head><body>"
                    + "<div class=\"running-footer\">FOOTER</div>");
            for (int section = 1; section <= 12; section++) {
                b.append("<div><h2>").append(section).append(". Section ").append(section).append(" heading</h2>");
                for (int i = 0; i < n + section; i++) {
                    b.append("<p>Paragraph ").append(section).append('.').append(i)
                            .append(" lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>");
                }
                b.append("</div>");
            }
            b.append("</body></html>");
            PdfText text = PdfText.of(renderer.render(b.toString(), new org.pixelproof.pdf.PdfDocumentInfo("t", "s",
                    "a", "k", "c", java.time.Instant.EPOCH), List.of()).pdf());
            String all = String.join("\n", text.pages());
            for (int section = 1; section <= 12; section++) {
                String heading = "Section " + section + " heading";
                assertEquals(all.indexOf(heading), all.lastIndexOf(heading), "read twice: " + heading + " (n=" + n
                        + ")");
            }
        }
    }

    @Test
    void theEmbeddedOriginalHashesToTheStatedSha256() {
        assertEquals(1, frenchText.attachments().size());
        var entry = frenchText.attachments().entrySet().iterator().next();
        assertEquals("E1-soldes-ete.eml", entry.getKey());
        assertEquals(french.primary().sha256(), CaseEmail.sha256(entry.getValue()));
        assertTrue(frenchText.attachmentDescriptions().get("E1-soldes-ete.eml").contains(french.primary().sha256()));
        assertTrue(frenchText.flat().contains(french.primary().sha256()));
    }

    @Test
    void metadataIsReadBack() {
        var info = frenchText.info();
        assertTrue(info.get("title").startsWith("Dossier de preuve PixelProof " + french.reference()), info.toString());
        assertTrue(info.get("title").contains("Maison Lumière SAS"));
        assertTrue(info.get("subject").contains("CNIL"));
        assertEquals("Camille Durand", info.get("author"));
        assertTrue(info.get("keywords").contains("pixel espion"));
        assertEquals("PixelProof " + french.toolVersion(), info.get("creator"));
        assertEquals(french.generatedAt(), frenchText.created(), "the PDF's date is the dossier's, from its clock");
    }

    @Test
    void everySectionHasABookmark() {
        // contiguous: a dossier of one message has no section on several messages, and the numbers run on
        assertEquals(List.of("1. Synthèse", "2. Personne plaignante", "3. Organisme (responsable de traitement)",
                "4. Identification du message", "5. Traceurs présents dans le message",
                "6. Ce que l'expéditeur apprend", "7. Information et consentement", "8. Exemptions de consentement",
                "9. Chronologie", "10. Authenticité du message", "11. Fondements juridiques et demande",
                "12. Limites des constats", "13. Démarches préalables", "14. Courriers",
                "Annexe A. En-têtes d'origine", "Annexe B. Extraits du code source et liens",
                "Annexe C. Le message affiché sans rien charger", "Annexe D. Informations techniques"),
                frenchText.bookmarks().stream().map(b -> b.replace('\u00A0', ' ')).toList());
        String flat = frenchText.flat();
        for (String heading : List.of("11. Fondements juridiques et demande à la CNIL", "12. Limites des constats",
                "13. Démarches préalables", "14. Courriers")) {
            assertTrue(flat.contains(heading), "heading numbered as its bookmark: " + heading);
        }
        assertFalse(flat.contains("15. Courriers") || flat.contains("12. Fondements"), "no gap in the numbering");
    }

    @Test
    void frenchTextWithItsAccentsHoldsTheDossiersFacts() {
        String t = frenchText.flat();
        for (String s : List.of("Dossier de preuve : suivi des e-mails",
                "Suivi sans marqueur visible de consentement ni d'opposition",
                "Soldes d'été : jusqu'à -40 % sur nos luminaires", "Maison Lumière SAS", "842317570",
                "Démarches préalables", "Authenticité du message", "Personne plaignante", "« Atelier »",
                "Ce que l'expéditeur apprend", "que le message a été ouvert et à quel moment",
                "SendWave Inc.", "hors EEE", "Le délai d'un mois a expiré le 20 mai 2026",
                "Camille Durand", "8 allée des Tilleuls", "PixelProof n'a chargé aucun traceur",
                "ne qualifie pas le traitement d'illicite", "« Aucun traceur trouvé » ne veut pas dire « aucun suivi »",
                "Loi n° 78-17", "[source secondaire]", "[texte officiel – paraphrase non encore vérifiée à la source]",
                "Demande au délégué à la protection des données", "Texte de la plainte à la CNIL",
                "Comment déposer la plainte auprès de la CNIL", "3 place de Fontenoy", "DKIM-Signature: v=1",
                "T1 · css-background · t.sendwave.example", "T3 · img · t.sendwave.example")) {
            assertTrue(t.contains(s), "missing: " + s);
        }
        String compact = frenchText.compact();
        for (String url : List.of(DossierFixtures.PIXEL, DossierFixtures.BEACON, DossierFixtures.CLICK,
                DossierFixtures.DESTINATION)) {
            assertTrue(compact.contains(url), "missing URL: " + url);
        }
        assertFalse(t.contains("illicite.") && t.contains("est illicite"), "never 'unlawful'");
        for (String english : List.of("Plaignant·e", "Selon des sources secondaires", "part 1.", "header From",
                "footer text", "query parameter", "vendor-pattern", "key lookups switched off", "Kept at secondary",
                "Not yet read")) {
            assertFalse(t.contains(english), "left in the French dossier: " + english);
        }
    }

    @Test
    void onlyEmbeddedFontsAndNothingAskedFromOutside() {
        assertEquals(List.of(), frenchText.unembeddedFonts(), "fonts: " + frenchText.fonts());
        assertTrue(frenchText.fonts().stream().anyMatch(f -> f.contains("LiberationSans")), frenchText.fonts()
                .toString());
        assertEquals(List.of(), frenchOut.refused(), "the renderer was refused something");
        assertTrue(frenchOut.requested().stream().allMatch(LocalOnlyUserAgent::isLocal), frenchOut.requested()
                .toString());
    }

    @Test
    void theFrenchPdfWordsTheDetectorsFindingsInFrenchAndWarnsOnADoubtfulSender() throws Exception {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.doubtfulSenderCase()),
                DossierFixtures.complainant(), Language.FR);
        String flat = PdfText.of(pdf.dossier(d)).flat().replaceAll("[\\s\\u00A0\\u202F]+", " ");
        for (String s : List.of("l'identité de l'expéditeur est douteuse", "un élément englobant masqué par CSS",
                "paramètre de requête e", "s'il en est bien l'expéditeur")) {
            assertTrue(flat.contains(s), "missing: " + s);
        }
        for (String s : List.of("enclosing", "high-entropy", "query parameter")) {
            assertFalse(flat.contains(s), "English prose in the French PDF: " + s);
        }
    }

    @Test
    void englishDossier() {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.EN);
        PdfText t = PdfText.of(pdf.dossier(d));
        String flat = t.flat();
        for (String s : List.of("Evidence dossier: e-mail tracking",
                "Tracking without visible consent or opt-out markers", "What the sender learns",
                "that the message was opened and when", "Limits of the findings", "[secondary source]",
                "Request to the data protection officer", "How to file the complaint with the CNIL",
                "The one-month period ended on 20 May 2026")) {
            assertTrue(flat.contains(s), "missing: " + s);
        }
        assertEquals("1. Summary", t.bookmarks().get(0));
        assertTrue(t.info().get("title").startsWith("PixelProof evidence dossier"));
        assertTrue(PAGE.matcher(t.pages().get(t.pages().size() - 1)).find());
    }

    @Test
    void noLinkOfTheEmailCanBeFollowedFromTheDossier() throws java.io.IOException {
        // a click from the PDF on a tracked link, or on a decoded destination carrying an id, would report a click
        // with the recipient's identifier: the annex shows links as text only
        CaseEmail c = DossierFixtures.newsletterCase();
        Dossier d = DossierFixtures.builder().build(List.of(c), DossierFixtures.complainant(), Language.FR);
        List<String> uris = new ArrayList<>();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.dossier(d))) {
            for (org.apache.pdfbox.pdmodel.PDPage page : doc.getPages()) {
                for (var an : page.getAnnotations()) {
                    if (an instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink link
                            && link.getAction() instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI u) {
                        uris.add(u.getURI());
                    }
                }
            }
        }
        assertFalse(c.analysis().links().isEmpty(), "the fixture has links");
        for (var l : c.analysis().links()) {
            for (String uri : uris) {
                assertFalse(uri.equals(l.url().strip()) || l.destination() != null && uri.equals(l.destination()),
                        "a link of the e-mail is live in the PDF: " + uri);
            }
        }
        for (String uri : uris) {
            assertFalse(uri.contains("example") && !uri.contains("cnil.fr") && !uri.contains("legifrance"),
                    "only the dossier's own sources are links: " + uri);
        }
        String flat = PdfText.of(pdf.dossier(d)).flat();
        assertTrue(flat.matches("(?s).*\\[T\\d+ \u2192 .*"), "tracked links still say where they lead: " + flat);
    }

    @Test
    void bidiControlsInASubjectAreWrittenAsCodePointsNeverDrawnNorDropped() {
        byte[] bytes = DossierFixtures.newsletterBytes();
        Analysis a = DossierFixtures.newsletterAnalysis(bytes, "Facture \u202Efdp.exe");
        Dossier d = DossierFixtures.builder().build(List.of(new CaseEmail(a, bytes,
                DossierFixtures.newsletterEmail())), DossierFixtures.complainant(), Language.FR);
        PdfText t = PdfText.of(new DossierPdf(DossierTemplates.standard(), new PdfRenderer()).dossier(d));
        String flat = t.flat();
        assertTrue(flat.contains("[U+202E]") && flat.contains("fdp.exe"), "the override spelled out");
        assertFalse(flat.contains("\u202E") || flat.contains("exe.pdf"), "never drawn, nothing reversed");
    }

    @Test
    void cyrillicAndCjkSubjectsAreWrittenWithEmbeddedFontsOrAsCodePoints() {
        byte[] bytes = DossierFixtures.newsletterBytes();
        Analysis a = DossierFixtures.newsletterAnalysis(bytes, "Скидки недели – 本周特惠 🎉");
        Dossier d = DossierFixtures.builder().build(List.of(new CaseEmail(a, bytes,
                DossierFixtures.newsletterEmail())), DossierFixtures.complainant(), Language.FR);

        PdfRenderer standard = new PdfRenderer();
        PdfText withFallbacks = PdfText.of(new DossierPdf(DossierTemplates.standard(), standard).dossier(d));
        assertTrue(withFallbacks.flat().contains("Скидки недели"), "Cyrillic comes with Liberation");
        assertEquals(List.of(), withFallbacks.unembeddedFonts());
        assertTrue(withFallbacks.flat().contains("本周特惠 □") || withFallbacks.flat().contains("[U+60E0] □"),
                "an emoji no font has is drawn as a small square: " + withFallbacks.flat());
        assertFalse(withFallbacks.flat().contains("[U+1F389]"), "emoji are not written as code points");
        assertTrue(withFallbacks.flat().contains("émoji que les polices du PDF ne savent pas dessiner"),
                "the square is explained next to the subject");
        if (standard.fonts().fallbackFiles().isEmpty()) {
            assertTrue(withFallbacks.flat().contains("[U+672C][U+5468][U+7279][U+60E0]"));
        } else {
            // a CJK fallback font (e.g. Debian's fonts-droid-fallback) is installed: the text itself is written
            assertTrue(withFallbacks.flat().contains("本周特惠"), withFallbacks.flat());
        }

        PdfText liberationOnly = PdfText.of(new DossierPdf(DossierTemplates.standard(),
                new PdfRenderer(PdfFonts.liberationOnly())).dossier(d));
        assertTrue(liberationOnly.flat().contains("Скидки недели"));
        assertTrue(liberationOnly.flat().contains("[U+672C][U+5468][U+7279][U+60E0]"),
                "CJK without a CJK font: code points, never silently dropped");
        assertEquals(List.of(), liberationOnly.unembeddedFonts());
    }

    @Test
    void aDossierOfSeveralMessagesShowsTheIdentifierThatRecurs() {
        byte[] second = "X-Copy: 2\r\n".concat(new String(DossierFixtures.newsletterBytes(),
                StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        Analysis a2 = DossierFixtures.newsletterAnalysis(second, "Nouveautés de juin");
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(),
                new CaseEmail(a2, second, TestEmails.read(second, "juin.eml"))), DossierFixtures.complainant(),
                Language.FR);
        PdfText t = PdfText.of(pdf.dossier(d));
        assertTrue(t.bookmarks().contains("11. Plusieurs messages, un même dossier"));
        assertTrue(t.bookmarks().contains("12. Fondements juridiques et demande"), t.bookmarks().toString());
        assertTrue(t.flat().contains("SHA-256 des originaux"));
        String flat = t.flat();
        assertTrue(flat.contains("Identifiants qui se retrouvent d'un message à l'autre"));
        assertTrue(t.compact().contains(DossierFixtures.TOKEN + "E1T1,E1T2,E1T3,E2T1,E2T2,E2T3"), flat);
        assertEquals(2, t.attachments().size());
        assertEquals(d.emails().get(1).sha256(), CaseEmail.sha256(t.attachments().get("E2-soldes-ete.eml")));
        for (String page : t.pages()) {
            String compact = page.replaceAll("\\s+", "");
            assertTrue(compact.contains(d.emails().get(0).sha256()) && compact.contains(d.emails().get(1).sha256()),
                    "both SHA-256 on every page");
        }
    }

    @Test
    void eachLetterAloneAsPdf() {
        for (LetterKind kind : LetterKind.values()) {
            PdfOutput out = pdf.renderLetter(french, kind);
            PdfText t = PdfText.of(out.pdf());
            assertEquals(List.of(), t.attachments().keySet().stream().toList());
            assertEquals(List.of(), t.unembeddedFonts());
            String expected = switch (kind) {
                case DPO_REQUEST -> "article 12, paragraphe 3, du RGPD";
                case CNIL_COMPLAINT -> "Je demande à la CNIL";
                case HOW_TO_FILE -> "75334 Paris Cedex 07";
            };
            assertTrue(t.flat().contains(expected), kind + ": " + t.flat());
            assertTrue(t.info().get("title").contains(french.reference()));
        }
    }

    @Test
    void emptyComplainantShowsToBeCompletedInThePdf() {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()), Complainant.UNKNOWN,
                Language.FR);
        PdfText t = PdfText.of(pdf.dossier(d));
        assertTrue(t.flat().contains("à compléter"));
        assertTrue(t.flat().contains("Aucune demande préalable n'a été indiquée"));
        assertEquals(null, t.info().get("author"), "no author is invented");
    }

    @Test
    void theRendererRefusesEveryRemoteResourceAndSaysSo() {
        String xhtml = """
                <html xmlns="http://www.w3.org/1999/xhtml"><head>
                <link rel="stylesheet" href="http://127.0.0.1:9/x.css"/>
                <style>@import url("http://127.0.0.1:9/imported.css");
                @font-face { font-family: Remote; src: url("http://127.0.0.1:9/f.ttf") }
                body { background: url("https://bg.invalid/b.png"); font-family: Remote }</style></head>
                <body><p>Remote references straight into the renderer</p>
                <img src="https://pixel.invalid/o.gif"/><img src="relative.png"/>
                <img src="file:///etc/passwd"/></body></html>""";
        PdfOutput out = new PdfRenderer().render(xhtml, new PdfDocumentInfo(null, null, null, null, "test", null),
                List.of());
        assertTrue(PdfText.of(out.pdf()).flat().contains("Remote references straight into the renderer"));
        for (String uri : List.of("https://pixel.invalid/o.gif", "relative.png", "file:///etc/passwd",
                "https://bg.invalid/b.png", "http://127.0.0.1:9/x.css", "http://127.0.0.1:9/imported.css",
                "http://127.0.0.1:9/f.ttf")) {
            assertTrue(out.refused().contains(uri), uri + " not refused: " + out.refused());
        }
        assertTrue(out.refused().stream().noneMatch(LocalOnlyUserAgent::isLocal));
    }
}
