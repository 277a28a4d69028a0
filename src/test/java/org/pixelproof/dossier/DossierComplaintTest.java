package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;

/**
 * What a new user found (November 2026): no complaint without a tracker, the earlier request quoted rather than pasted
 * into a sentence, dates checked, the French complaint in an English dossier, sources cited by title rather than a
 * vendor's page or the CNIL's home page, contiguous section numbers.
 */
class DossierComplaintTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    private static Dossier noTracker(Language lang) {
        return DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(p -> p.trackers(List.of()))),
                DossierFixtures.complainant(), lang);
    }

    /** @return the text with French typography's narrow spaces as spaces and XHTML's escaped apostrophes read. */
    private static String plain(String s) {
        return DossierTemplatesTest.plain(s).replace("&#39;", "'");
    }

    @Test
    void withoutATrackerThereIsNoComplaintAndNoLetter() {
        Dossier fr = noTracker(Language.FR);
        assertFalse(fr.complaintPossible());
        assertEquals(List.of(), fr.letterKinds());
        for (LetterKind k : LetterKind.values()) {
            String text = plain(TEMPLATES.letterText(fr, k));
            assertTrue(text.startsWith("# Aucun courrier préparé"), text);
            assertTrue(text.contains("il n'y a pas matière à une plainte à la CNIL"), text);
            assertFalse(text.contains("Je demande à la CNIL"), text);
            assertFalse(text.contains("licéité"), text);
        }
        String x = plain(TEMPLATES.dossierXhtml(fr));
        assertTrue(x.contains("Il n'y a donc pas matière à une plainte sur le suivi des e-mails"), x);
        assertTrue(x.contains("<h3>Pas de demande à la CNIL</h3>"));
        assertFalse(x.contains("<h3>Demande à la CNIL</h3>"));
        assertFalse(x.contains("Texte de la plainte à la CNIL"), "no complaint text in the dossier");
        assertTrue(x.contains("Aucun courrier n'est préparé"));

        String en = plain(TEMPLATES.letterText(noTracker(Language.EN), LetterKind.CNIL_COMPLAINT));
        assertTrue(en.startsWith("# No letter prepared"), en);
        assertFalse(en.contains("I ask the CNIL"), en);
    }

    @Test
    void theCheckWithoutADossierTellsWhetherAComplaintCanBeMade() {
        Analysis tracked = DossierFixtures.newsletterAnalysis();
        Analysis none = DossierFixtures.with(tracked, p -> p.trackers(List.of()));
        assertTrue(DossierBuilder.complaintPossible(List.of(tracked)));
        assertTrue(DossierBuilder.complaintPossible(List.of(none, tracked)));
        assertFalse(DossierBuilder.complaintPossible(List.of(none)));
        assertFalse(DossierBuilder.complaintPossible(List.of()));
        assertFalse(DossierBuilder.complaintPossible(null));

        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                Complainant.UNKNOWN, Language.FR);
        assertTrue(d.complaintPossible());
        assertEquals(List.of(LetterKind.values()), d.letterKinds());
    }

    @Test
    void theEarlierRequestIsQuotedNotPastedIntoTheSentence() {
        String words = "J'ai demandé par e-mail la suppression de mes données.\nMerci.";
        Complainant c = new Complainant("Camille Durand", null, null, null, null, ConsentAsked.NO,
                new PriorRequest(LocalDate.of(2026, 5, 20), words, LocalDate.of(2026, 5, 25), "Refus."), null, null);
        Dossier fr = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()), c, Language.FR);
        String complaint = plain(TEMPLATES.letterText(fr, LetterKind.CNIL_COMPLAINT));
        assertTrue(complaint.contains("le 20 mai 2026, j'ai adressé une demande à l'organisme, dont voici l'objet tel "
                + "que je l'indique : « J'ai demandé par e-mail la suppression de mes données. Merci »."), complaint);
        assertTrue(complaint.contains("Réponse du 25 mai 2026, que je résume ainsi : « Refus »."), complaint);
        assertFalse(complaint.contains("l'organisme J'ai"), complaint);
        assertFalse(complaint.contains(".."), complaint);

        String en = plain(TEMPLATES.letterText(fr.inLanguage(Language.EN), LetterKind.CNIL_COMPLAINT));
        assertTrue(en.contains("I sent a request to the organisation, which I describe as follows: “J'ai demandé par "
                + "e-mail la suppression de mes données. Merci”."), en);
        String x = plain(TEMPLATES.dossierXhtml(fr));
        assertTrue(x.contains("« J'ai demandé par e-mail la suppression de mes données. Merci »"), x);
    }

    @Test
    void howAndWhenTheAddressWasGivenAreQuotedAsTheComplainantsOwnWords() {
        // written in English although the complaint to file is French: quoted, it reads as the person's own words
        Complainant c = new Complainant("Camille Durand", null, null, "when I created a customer account.",
                "March 2024", ConsentAsked.NO, null, null, null);
        Dossier fr = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()), c, Language.FR);
        String complaint = TEMPLATES.letterText(fr, LetterKind.CNIL_COMPLAINT);
        assertTrue(complaint.contains("J'ai communiqué mon adresse à cet organisme, dans les circonstances"
                + " suivantes\u00a0: «\u00a0when I created a customer account\u00a0» (à une date décrite ainsi\u00a0:"
                + " «\u00a0March 2024\u00a0»)."), complaint);
        assertFalse(complaint.contains("organisme : when"), complaint);
        String en = plain(TEMPLATES.letterText(fr.inLanguage(Language.EN), LetterKind.CNIL_COMPLAINT));
        assertTrue(en.contains("I gave my address to this organisation, in these circumstances: “when I created a"
                + " customer account” (at a time described as “March 2024”)."), en);

        Complainant exact = new Complainant("Camille Durand", null, null, "lors d'un achat", null, null, null, null,
                null, java.time.LocalDate.of(2024, 3, 2), null, null, null);
        String onDay = plain(TEMPLATES.letterText(DossierFixtures.builder().build(
                List.of(DossierFixtures.newsletterCase()), exact, Language.FR), LetterKind.CNIL_COMPLAINT));
        assertTrue(onDay.contains("J'ai communiqué mon adresse à cet organisme le 2 mars 2024, dans les circonstances"
                + " suivantes : « lors d'un achat »."), onDay);
        Complainant acting = new Complainant("Association Vigie", null, null, null, "vers 2019", null, null,
                "Camille Durand", true);
        String third = plain(TEMPLATES.letterText(DossierFixtures.builder().build(
                List.of(DossierFixtures.newsletterCase()), acting, Language.FR), LetterKind.CNIL_COMPLAINT));
        assertTrue(third.contains("Camille Durand a communiqué son adresse à cet organisme : [à compléter : comment,"
                + " ou « n'a jamais communiqué son adresse à cet organisme »] (à une date décrite ainsi : « vers 2019"
                + " »)."), third);
    }

    @Test
    void datesInTheFutureOrBeforeTheMessageAreRefusedWithAReadableMessage() {
        LocalDate today = LocalDate.of(2026, 6, 2);
        Analysis a = DossierFixtures.newsletterAnalysis(); // sent and received on 12 May 2026
        assertEquals(LocalDate.of(2026, 5, 12), ComplainantCheck.sentOn(a));

        Complainant future = new Complainant(null, null, null, null, null, null,
                new PriorRequest(LocalDate.of(2026, 12, 10), "opposition", null, null), null, null,
                LocalDate.of(2027, 1, 1), null, null, null);
        List<ComplainantCheck.Problem> p = ComplainantCheck.check(future, today);
        assertEquals(List.of(ComplainantCheck.ADDRESS_GIVEN_ON, ComplainantCheck.REQUEST_SENT_ON),
                p.stream().map(ComplainantCheck.Problem::field).toList());
        assertEquals("future", p.get(1).code());
        assertTrue(p.get(1).message(Language.FR).contains("La date de la demande à l'organisme (10 décembre 2026) est "
                + "dans le futur"), p.get(1).messageFr());
        assertTrue(p.get(1).message(Language.EN).contains("(10 December 2026) is in the future"), p.get(1).messageEn());

        Complainant early = new Complainant(null, null, null, null, null, null,
                new PriorRequest(LocalDate.of(2026, 5, 1), null, LocalDate.of(2026, 4, 30), null), null, null);
        // A request sent before the message (an objection ignored since) is accepted; an answer before it is not.
        p = ComplainantCheck.check(early, today);
        assertEquals(List.of("answer-before-request"), p.stream().map(ComplainantCheck.Problem::code).toList());
        assertEquals(ComplainantCheck.ANSWERED_ON, p.get(0).field());

        Complainant fine = new Complainant(null, null, null, null, null, null,
                new PriorRequest(LocalDate.of(2026, 5, 12), null, LocalDate.of(2026, 6, 2), null), null, null,
                LocalDate.of(2025, 3, 1), null, null, null);
        assertEquals(List.of(), ComplainantCheck.check(fine, today));
        assertEquals(List.of(), ComplainantCheck.check(Complainant.UNKNOWN, today));
        assertEquals(LocalDate.of(2026, 11, 17),
                ComplainantCheck.headerDate("Tue, 17 Nov 2026 09:30:00 +0100 (CET)"));
        assertEquals(null, ComplainantCheck.headerDate("not a date"));
    }

    @Test
    void anImpossibleIsoDateInTheFreeTextWhenIsRefusedButWordsAreKept() {
        LocalDate today = LocalDate.of(2026, 6, 2);
        for (String when : new String[] {"2024-13-45", "2023-02-29", "le 2024-00-10 environ", "2024-4-31"}) {
            Complainant c = new Complainant(null, null, null, null, when, null, null, null, null);
            List<ComplainantCheck.Problem> p = ComplainantCheck.check(c, today);
            assertEquals(List.of(ComplainantCheck.ADDRESS_GIVEN_WHEN), p.stream().map(ComplainantCheck.Problem::field)
                    .toList(), when);
            assertEquals("invalid-date", p.get(0).code());
        }
        List<ComplainantCheck.Problem> p = ComplainantCheck.check(
                new Complainant(null, null, null, null, "2024-13-45", null, null, null, null), today);
        assertEquals("Quand l'adresse a été donnée\u00a0: «\u00a02024-13-45\u00a0» n'est pas une date qui existe"
                + " (année-mois-jour). Corrigez-la, ou écrivez-la avec vos mots («\u00a0mars 2024\u00a0»,"
                + " «\u00a0vers 2019\u00a0»).", p.get(0).message(Language.FR));
        assertTrue(p.get(0).message(Language.EN).startsWith("When the address was given: \"2024-13-45\" is not a "
                + "date that exists"), p.get(0).messageEn());
        assertEquals("2024-4-31", ComplainantCheck.impossibleIsoDate("2024-4-31"));
        // Free text stays free: words, real dates, spans of years, order and phone numbers
        for (String when : new String[] {"spring 2021", "mars 2024", "2024-02-29", "2024-3-5", "hiver 2021-22",
                "2019-2020", "commande 2024-1234-5678", "tél. 01-2024-13-45-99"}) {
            assertEquals(List.of(), ComplainantCheck.check(
                    new Complainant(null, null, null, null, when, null, null, null, null), today), when);
        }
    }

    @Test
    void aDateFieldIsReadAsAnIsoDateAndAnythingElseIsReportedNamingTheField() {
        assertEquals(LocalDate.of(2024, 3, 5), ComplainantCheck.isoDate("2024-03-05"));
        assertEquals(LocalDate.of(2024, 2, 29), ComplainantCheck.isoDate(" 2024-02-29 "));
        for (String typed : new String[] {null, "", "  ", "2024-02-30", "2023-02-29", "30/02/2024", "05/03/2024",
                "hier", "2024-3-5", "5 mars 2024", "March 5, 2024"}) {
            assertEquals(null, ComplainantCheck.isoDate(typed), typed);
        }

        ComplainantCheck.Problem p = ComplainantCheck.invalidDate(ComplainantCheck.ANSWERED_ON, "2024-02-30");
        assertEquals(ComplainantCheck.ANSWERED_ON, p.field());
        assertEquals("invalid-date", p.code());
        assertEquals("La date de la réponse\u00a0: «\u00a02024-02-30\u00a0» n'est pas une date qui existe. "
                + "Indiquez-la sous la forme année-mois-jour (par exemple 2024-03-05), ou laissez-la vide si vous ne la "
                + "connaissez pas.", p.message(Language.FR));
        assertEquals("The date of the answer: \"2024-02-30\" is not a date that exists. Give it as year-month-day "
                + "(for example 2024-03-05), or leave it empty if you do not know it.", p.message(Language.EN));

        p = ComplainantCheck.invalidDate(ComplainantCheck.REQUEST_SENT_ON, "30/02/2024");
        assertTrue(p.messageFr().startsWith("La date de la demande à l'organisme\u00a0: «\u00a030/02/2024\u00a0» "
                + "n'est pas une date écrite année-mois-jour."), p.messageFr());
        assertTrue(p.messageEn().startsWith("The date of the request to the organisation: \"30/02/2024\" is not a "
                + "date written year-month-day."), p.messageEn());
        p = ComplainantCheck.invalidDate(ComplainantCheck.ADDRESS_GIVEN_ON, "hier");
        assertTrue(p.messageEn().startsWith("The date the address was given: \"hier\" is not a date written"),
                p.messageEn());

        String longText = "x".repeat(500);
        String shown = ComplainantCheck.invalidDate(ComplainantCheck.ANSWERED_ON, longText).messageEn();
        assertTrue(shown.contains("\"" + "x".repeat(ComplainantCheck.SHOWN_CHARS) + "…\""), shown);
        assertFalse(shown.contains("x".repeat(ComplainantCheck.SHOWN_CHARS + 1)), shown);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ComplainantCheck.invalidDate(ComplainantCheck.ADDRESS_GIVEN_WHEN, "x"));
    }

    @Test
    void anEnglishDossierAlsoHoldsTheFrenchComplaintToFile() {
        Dossier en = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.EN);
        String x = plain(TEMPLATES.dossierXhtml(en));
        assertTrue(x.contains("Text of the complaint to the CNIL"), x);
        assertTrue(x.contains("id=\"letter-cnil-complaint-fr\""), x);
        assertTrue(x.contains("Texte de la plainte à la CNIL"), x);
        assertTrue(x.contains("Je demande à la CNIL d'examiner"), x);
        // the French letter has French dates
        assertTrue(x.contains("Le 12 mai 2026, j'ai reçu"), x);
        String fr = plain(TEMPLATES.letterText(en.inLanguage(Language.FR), LetterKind.CNIL_COMPLAINT));
        assertTrue(fr.startsWith("# Texte de la plainte à la CNIL"), fr);
        assertEquals(Language.FR, en.inLanguage(null).language());
        // a French dossier has the French complaint once
        String frx = plain(TEMPLATES.dossierXhtml(en.inLanguage(Language.FR)));
        assertEquals(frx.indexOf("Texte de la plainte à la CNIL"), frx.lastIndexOf("Texte de la plainte à la CNIL"));
    }

    @Test
    void sectionsStartAtOneAndSourcesAreNeitherAVendorNorAHomePage() {
        String x = plain(TEMPLATES.dossierXhtml(DossierFixtures.builder().build(
                List.of(DossierFixtures.newsletterCase()), Complainant.UNKNOWN, Language.FR)));
        assertTrue(x.contains("<h2>1. Synthèse</h2>"), x);
        for (int n = 2; n <= 14; n++) {
            assertTrue(x.contains("<h2>" + n + ". "), "section " + n);
        }
        assertFalse(x.contains("<h2>15. "));
        String en = plain(TEMPLATES.dossierXhtml(DossierFixtures.builder().build(
                List.of(DossierFixtures.newsletterCase()), Complainant.UNKNOWN, Language.EN)));
        assertTrue(en.contains("<h2>1. Summary</h2>"), en);
    }

    @Test
    void lettersAreReadablePlainTextWithoutXmlEntities() {
        for (Language lang : Language.values()) {
            Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                    DossierFixtures.complainant(), lang);
            for (LetterKind k : LetterKind.values()) {
                String text = TEMPLATES.letterText(d, k);
                for (String entity : List.of("&lt;", "&gt;", "&#39;", "&quot;", "&amp;")) {
                    assertFalse(text.contains(entity), lang + " " + k + " holds " + entity + ":\n" + text);
                }
            }
            assertFalse(TEMPLATES.dossierXhtml(d).contains("&amp;lt;"), "escaped twice in the dossier");
        }
        assertEquals("<div> & 'a' \"b\"", DossierTemplates.unescapeXml(DossierTemplates.escape("<div> & 'a' \"b\"")));
    }
}
