package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.analysis.Analysis;
import org.xml.sax.InputSource;

class DossierTemplatesTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    private static Dossier dossier(Complainant c, Language lang) {
        return DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()), c, lang);
    }

    /** @return the text with French non-breaking spaces read as plain spaces, for assertions. */
    static String plain(String text) {
        return text.replace('\u00A0', ' ').replace('\u202F', ' ');
    }

    /** Asserts that {@code text} holds each of {@code parts}; a failure shows the part and the whole text. */
    static void contains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), "missing: " + p + "\n---\n" + text);
        }
    }

    /** Asserts that {@code text} holds none of {@code parts}; a failure shows the part and the whole text. */
    static void lacks(String text, String... parts) {
        for (String p : parts) {
            assertFalse(text.contains(p), "should not say: " + p + "\n---\n" + text);
        }
    }

    @Test
    void dpoLetterCitesTheArticlesTheDeadlineAndTheComplainantsDetails() {
        String text = plain(TEMPLATES.letterText(dossier(DossierFixtures.complainant(), Language.FR),
                LetterKind.DPO_REQUEST));
        for (String s : List.of("article 7, paragraphe 3, du RGPD", "article 21, paragraphe 2, du RGPD",
                "l'article 15 du RGPD", "article 17 du RGPD", "article 12, paragraphe 3, du RGPD",
                "article 77 du RGPD", "Vous disposez d'un mois", "Camille Durand", "8 allée des Tilleuls",
                "69003 Lyon", "camille.durand@example.org", "Maison Lumière SAS", "12 rue des Artisans, 69002 Lyon",
                "Le 2 juin 2026", "PP-20260602-", "« Soldes d'été : jusqu'à -40 % sur nos luminaires »",
                "<20260512071403.4f9a2c@mail.maison-lumiere.example>", "SendWave")) {
            assertTrue(text.contains(s), "missing: " + s + "\n" + text);
        }
        // plain text: nothing escaped, no markup
        assertFalse(text.contains("&lt;") || text.contains("&#39;") || text.contains("<p>"));
        assertTrue(text.startsWith("# Demande au délégué à la protection des données"));
    }

    @Test
    void englishLettersSayTheSame() {
        Dossier d = dossier(DossierFixtures.complainant(), Language.EN);
        String dpo = TEMPLATES.letterText(d, LetterKind.DPO_REQUEST);
        for (String s : List.of("Article 7(3) GDPR", "Article 21(2) GDPR", "Article 15 GDPR", "Article 17 GDPR",
                "Article 12(3) GDPR", "one month", "Camille Durand", "2 June 2026")) {
            assertTrue(dpo.contains(s), "missing: " + s);
        }
        String how = TEMPLATES.letterText(d, LetterKind.HOW_TO_FILE);
        assertTrue(how.contains("3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07"));
        assertTrue(how.contains("the one-month period ended on 20 May 2026"), how);
    }

    @Test
    void complaintTextIsReadyToPasteWithFactsPriorStepsAndRequest() {
        String text = plain(TEMPLATES.letterText(dossier(DossierFixtures.complainant(), Language.FR),
                LetterKind.CNIL_COMPLAINT));
        for (String s : List.of("Organisme mis en cause : Maison Lumière SAS (domaine maison-lumiere.example)",
                "SIREN : 842317570", "Le 12 mai 2026, j'ai reçu de Maison Lumière (newsletter@maison-lumiere.example)",
                "- T1 : balise cachée dans la feuille de style hébergée par t.sendwave.example",
                "- T2 : liens de suivi des clics hébergés par t.sendwave.example",
                "- T3 : pixel espion hébergé par t.sendwave.example (SendWave, rattaché à une entité établie hors de "
                        + "l'EEE)",
                "portant mon adresse e-mail encodée en Base64.", "qui redirige vers " + DossierFixtures.DESTINATION,
                "On ne m'a jamais demandé mon consentement", "compte client créé lors d'un achat",
                "le 20 avril 2026, j'ai adressé une demande à l'organisme, dont voici l'objet tel que je l'indique : « retrait du consentement",
                "expiré le 20 mai 2026", "article 82",
                "les exemptions de consentement prévues par la recommandation de la CNIL",
                "peut être établi hors de l'Espace économique européen", "Pièce jointe : dossier de preuve")) {
            assertTrue(text.contains(s), "missing: " + s + "\n" + text);
        }
    }

    @Test
    void howToFileGivesTheFormThePostalAddressTheAttachmentsAndThePriorRequestRule() {
        String text = plain(TEMPLATES.letterText(dossier(Complainant.UNKNOWN, Language.FR), LetterKind.HOW_TO_FILE));
        for (String s : List.of("Adresser une plainte", "CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07",
                "puis attendez un mois", "mandat signé", "ce dossier de preuve en PDF",
                "Pour la partie de la plainte qui porte sur le dépôt de traceurs sans consentement (article 82), "
                        + "cette démarche n'est pas exigée")) {
            assertTrue(text.contains(s), "missing: " + s);
        }
    }

    @Test
    void emptyComplainantFieldsAreToBeCompletedNeverInvented() {
        Dossier fr = dossier(Complainant.UNKNOWN, Language.FR);
        String dpo = plain(TEMPLATES.letterText(fr, LetterKind.DPO_REQUEST));
        assertTrue(dpo.contains("[à compléter : vos nom et prénom]"));
        assertTrue(dpo.contains("[à compléter : votre adresse postale]"));
        assertFalse(dpo.contains("Camille"), "the recipient's name from the message must not become the complainant");
        String complaint = plain(TEMPLATES.letterText(fr, LetterKind.CNIL_COMPLAINT));
        assertTrue(complaint.contains("[à compléter : vous a-t-on demandé votre consentement au suivi ?]"));
        assertTrue(complaint.contains("[à compléter : date et objet de votre demande"));
        String xhtml = TEMPLATES.dossierXhtml(fr);
        assertTrue(xhtml.contains("<span class=\"todo\">à compléter</span>"));

        String en = TEMPLATES.letterText(dossier(Complainant.UNKNOWN, Language.EN), LetterKind.DPO_REQUEST);
        assertTrue(en.contains("[to be completed: your full name]"));
        assertFalse(en.contains("Camille"));
    }

    @Test
    void dossierXhtmlIsWellFormedAndEscapesWhatTheMessageSays() throws Exception {
        byte[] bytes = DossierFixtures.newsletterBytes();
        Analysis hostile = DossierFixtures.newsletterAnalysis(bytes,
                "<script>alert('x')</script> & \"quotes\" \u0007bell");
        Dossier d = DossierFixtures.builder().build(List.of(new CaseEmail(hostile, bytes,
                DossierFixtures.newsletterEmail())), DossierFixtures.complainant(), Language.FR);
        for (String xhtml : List.of(TEMPLATES.dossierXhtml(d), TEMPLATES.letterXhtml(d, LetterKind.CNIL_COMPLAINT))) {
            var f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.newDocumentBuilder().parse(new InputSource(new StringReader(xhtml)));
            assertFalse(xhtml.contains("<script>"));
            assertTrue(xhtml.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"));
            assertFalse(xhtml.contains("\u0007"), "XML 1.0 forbids control characters");
        }
    }

    @Test
    void everyCaveatAndExemptionReasonTheAssessorGivesIsWordedInBothLanguages() {
        List<String> caveats = java.util.Arrays.stream(org.pixelproof.assess.Caveat.values())
                .map(org.pixelproof.assess.Caveat::code).toList();
        List<String> reasons = java.util.Arrays.stream(org.pixelproof.assess.ExemptionReason.values())
                .map(org.pixelproof.assess.ExemptionReason::code).toList();
        Analysis a = DossierFixtures.newsletterAnalysis();
        var as = a.assessment();
        var all = new org.pixelproof.assess.Assessment(as.verdict(), as.messageClass(), as.cues(),
                List.of(new org.pixelproof.assess.ExemptionCheck("deliverability-transactional",
                        org.pixelproof.assess.ExemptionOutcome.CANNOT_TELL, reasons)),
                as.provisionIds(), as.receivedDate(), as.timeline(), caveats);
        Analysis changed = new Analysis(a.id(), a.file(), a.sha256(), a.sizeBytes(), a.analysedAt(), a.toolVersion(),
                a.rulesVersion(), a.verdict(), a.message(), a.recipients(), a.trackers(), a.remoteContent(),
                a.consentMarkers(), a.missingConsentMarkers(), a.links(), a.sender(), all, a.authenticity(),
                a.anomalies());
        for (Language lang : Language.values()) {
            Dossier d = DossierFixtures.builder().build(List.of(new CaseEmail(changed,
                    DossierFixtures.newsletterBytes(), DossierFixtures.newsletterEmail())), Complainant.UNKNOWN, lang);
            String xhtml = TEMPLATES.dossierXhtml(d);
            assertFalse(xhtml.contains("Autre réserve") || xhtml.contains("Other caveat"), lang + ": unworded caveat");
            for (String code : reasons) {
                assertFalse(xhtml.contains(code), lang + ": exemption reason left as a code: " + code);
            }
        }
    }

    @Test
    void lettersAreTurnedIntoParagraphsAndLists() {
        assertEquals("<p>a<br/>b</p>\n<ul><li>x &amp; y</li><li>z</li></ul>\n<p>c</p>\n",
                DossierTemplates.toXhtml("a\nb\n- x & y\n- z\nc"));
    }

    @Test
    void aLawyerCanEditTheTemplatesInAFolder(@TempDir Path dir) throws Exception {
        Path letters = Files.createDirectories(dir.resolve("letters/fr"));
        Files.copy(Path.of("templates/letters/fr/kind.txt"), letters.resolve("kind.txt"));
        Files.writeString(letters.resolve("dpo-request.txt"), "Maître {d.complainant.name}, le {d.generatedOn.text}.");
        String text = DossierTemplates.fromFolder(dir).letterText(dossier(DossierFixtures.complainant(), Language.FR),
                LetterKind.DPO_REQUEST);
        assertEquals("Maître Camille Durand, le 2 juin 2026.\n", text);
    }

    @Test
    void urlsLongerThanAnyRealTrackerUrlAreCutWithAMarkerInTheDossiersLanguage() {
        String url = "https://t.example/c?u=" + "%25".repeat(5_000);
        assertEquals(url.substring(0, DossierTemplates.MAX_SHOWN_URL_CHARS) + " [… 13\u00A0022 caractères de plus, dans"
                + " l'original joint]", DossierTemplates.shown(url, false));
        assertTrue(DossierTemplates.shown(url, true).endsWith(" [… 13,022 more characters, in the attached original]"));
        String longest = "https://t.example/c?u=" + "a".repeat(DossierTemplates.MAX_SHOWN_URL_CHARS - 22);
        assertSame(longest, DossierTemplates.shown(longest, false), "2,000 characters are shown whole");
        String normal = "https://t.example/o/7f3a.gif";
        assertSame(normal, DossierTemplates.shown(normal, false));
        assertNull(DossierTemplates.shown(null, true));
    }
    /** @return the newsletter case as the command line gives an Outlook file: its analysis says it was converted */
    private static CaseEmail outlookCase() {
        CaseEmail eml = DossierFixtures.newsletterCase();
        Analysis a = eml.analysis();
        List<org.pixelproof.ingest.Anomaly> anomalies = new java.util.ArrayList<>(a.anomalies());
        anomalies.add(0, new org.pixelproof.ingest.Anomaly(org.pixelproof.ingest.AnomalyCode.CONVERTED_FROM_OUTLOOK_MSG,
                "1", "converted from an Outlook .msg file"));
        Analysis converted = new Analysis(a.id(), "offre.msg", a.sha256(), a.sizeBytes(), a.analysedAt(),
                a.toolVersion(), a.rulesVersion(), a.verdict(), a.message(), a.recipients(), a.trackers(),
                a.remoteContent(), a.consentMarkers(), a.missingConsentMarkers(), a.links(), a.sender(), a.assessment(),
                a.authenticity(), anomalies);
        return new CaseEmail(converted, eml.original(), eml.email());
    }

    @Test
    void theFingerprintCheckNamesTheOriginalAsItIsAttached() {
        for (Language lang : List.of(Language.FR, Language.EN)) {
            String file = lang == Language.FR ? "fichier" : "file";
            String eml = plain(TEMPLATES.dossierXhtml(dossier(DossierFixtures.complainant(), lang)));
            assertTrue(eml.contains("sha256sum " + file + ".eml"), eml);
            assertFalse(eml.contains(file + ".msg"), eml);

            Dossier outlook = DossierFixtures.builder().build(List.of(outlookCase()), DossierFixtures.complainant(),
                    lang);
            assertTrue(outlook.primary().outlookMsg());
            String msg = plain(TEMPLATES.dossierXhtml(outlook));
            assertTrue(msg.contains("sha256sum " + file + ".msg"), msg);
            assertTrue(msg.contains("certutil -hashfile " + file + ".msg SHA256"), msg);
            assertFalse(msg.contains(file + ".eml"), "the .msg is attached as .msg, not as an .eml: " + msg);

            Dossier mixed = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(), outlookCase()),
                    DossierFixtures.complainant(), lang);
            String both = plain(TEMPLATES.dossierXhtml(mixed));
            assertTrue(both.contains("sha256sum " + file + ".eml"), both);
            assertTrue(both.contains("sha256sum " + file + ".msg"), both);
        }
    }
}
