package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pixelproof.dossier.DossierTemplatesTest.contains;
import static org.pixelproof.dossier.DossierTemplatesTest.lacks;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a new user found (November 2026): the command line warned that the address was given after the e-mail was
 * received, but the dossier said nothing and its complaint stated that date as a fact. The points the e-mails
 * contradict ({@link ComplainantCheck#pointsToCheck}) are now in the dossier itself, in a box at the top, and a
 * contradicted date is marked "to check" in the complaint instead of being stated; it places nothing against the CNIL
 * recommendation's dates either.
 */
class ContradictedStatementsDossierTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    /** @return a complainant who gave their address as stated; the fixture newsletter was sent on 12 May 2026. */
    private static Complainant gaveAddress(String how, String when, LocalDate on) {
        return new Complainant("Camille Durand", "8 allée des Tilleuls\n69003 Lyon", "camille.durand@example.org",
                how, when, ConsentAsked.NO, null, null, null, on, null, null, null);
    }

    private static Dossier dossier(Complainant c, Language lang) {
        return DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()), c, lang);
    }

    private static String plain(String s) {
        return DossierTemplatesTest.plain(s).replace("&#39;", "'");
    }

    @Test
    void aDateAfterTheMessageIsListedAtTheTopAndNotStatedInTheComplaint() {
        Complainant late = gaveAddress("lors de la création de mon compte client", null, LocalDate.of(2026, 6, 1));
        Dossier fr = dossier(late, Language.FR);
        assertEquals(List.of(ComplainantCheck.ADDRESS_GIVEN_AFTER_MESSAGE),
                fr.pointsToCheck().stream().map(ComplainantCheck.Problem::code).toList());
        assertTrue(fr.addressDateToCheck());
        assertNull(fr.addressTimeline().period(), "a contradicted date places nothing against 14 April 2026");

        String complaint = TEMPLATES.letterText(fr, LetterKind.CNIL_COMPLAINT);
        // the date is marked to check, with French typography's no-break spaces
        contains(complaint, "J'ai communiqué mon adresse à cet organisme [à vérifier\u00a0: date indiquée, le 1er juin"
                + " 2026, postérieure à l'envoi du message\u202f; corrigez ou retirez cette date avant l'envoi], dans"
                + " les circonstances suivantes\u00a0: «\u00a0lors de la création de mon compte client\u00a0».");
        lacks(plain(complaint), "organisme le 1er juin 2026", "organisme : lors de", ", le 1er juin 2026.");

        String x = plain(TEMPLATES.dossierXhtml(fr));
        contains(x, "<div class=\"verdict warning\" id=\"points-to-check\"><b>À vérifier avant l'envoi :</b> ce que"
                + " vous avez indiqué contredit le message.",
                "<li>Vous indiquez avoir communiqué votre adresse le 1er juin 2026, après l'envoi du message (le 12 mai"
                        + " 2026) : l'expéditeur l'avait donc déjà. Vérifiez cette date, ou dites comment il a pu"
                        + " l'obtenir plus tôt.</li>",
                "le 1er juin 2026 – <span class=\"missing\">date postérieure à l'envoi du message, à vérifier</span>",
                "Selon la personne, l'adresse a été communiquée le 1er juin 2026, soit après l'envoi du message :"
                        + " l'expéditeur l'avait donc déjà. Cette date est à vérifier",
                "et les passages « à vérifier » vérifiés");
        lacks(x, "à partir du 14 avril 2026</td>", "un consentement au suivi devait être recueilli dès la collecte");
        assertTrue(x.indexOf("id=\"points-to-check\"") < x.indexOf("id=\"s-complainant\""), "at the top");
    }

    @Test
    void anEnglishDossierSaysItInEnglishAndItsFrenchComplaintMarksTheDateToo() {
        Complainant late = gaveAddress("when I created a customer account", null, LocalDate.of(2026, 6, 1));
        Dossier en = dossier(late, Language.EN);
        String x = plain(TEMPLATES.dossierXhtml(en));
        contains(x, "<b>To check before sending:</b> what you stated contradicts the message.",
                "<li>You say you gave your address on 1 June 2026, after the message was sent (on 12 May 2026): the"
                        + " sender therefore already had it.",
                "1 June 2026 – <span class=\"missing\">a date after the message was sent, to check</span>",
                // the English complaint, then the French one (the one to file)
                "I gave my address to this organisation [to check: the date given, 1 June 2026, is after the message"
                        + " was sent; correct or remove it before filing], in these circumstances: “when I created a"
                        + " customer account”.",
                "J'ai communiqué mon adresse à cet organisme [à vérifier : date indiquée, le 1er juin 2026, postérieure"
                        + " à l'envoi du message ; corrigez ou retirez cette date avant l'envoi]");
        lacks(x, "to this organisation on 1 June 2026", "organisme le 1er juin 2026");
    }

    @Test
    void aYearInTheComplainantsWordsAfterTheMessageIsMarkedAsWritten() {
        Dossier fr = dossier(gaveAddress(null, "au printemps 2027", null), Language.FR);
        assertTrue(fr.addressDateToCheck());
        String complaint = plain(TEMPLATES.letterText(fr, LetterKind.CNIL_COMPLAINT));
        contains(complaint, "J'ai communiqué mon adresse à cet organisme [à vérifier : date indiquée, « au printemps"
                + " 2027 », postérieure à l'envoi du message ; corrigez ou retirez cette date avant l'envoi] :"
                + " [à compléter : comment ;");
        lacks(complaint, "date décrite ainsi");
        contains(plain(TEMPLATES.dossierXhtml(fr)), "l'adresse a été communiquée « au printemps 2027 », soit après"
                + " l'envoi du message");
    }

    @Test
    void actingForSomeoneElseTheDateIsMarkedToCheckToo() {
        Complainant c = new Complainant("Association Vigie", null, "camille.durand@example.org", "en s'inscrivant",
                null, ConsentAsked.NO, null, "Camille Durand", true, LocalDate.of(2026, 6, 1), null, null, null);
        String complaint = plain(TEMPLATES.letterText(dossier(c, Language.FR), LetterKind.CNIL_COMPLAINT));
        contains(complaint, "Camille Durand a communiqué son adresse à cet organisme [à vérifier : date indiquée, le"
                + " 1er juin 2026, postérieure à l'envoi du message ; corrigez ou retirez cette date avant l'envoi],"
                + " dans les circonstances suivantes : « en s'inscrivant ».");
        String en = plain(TEMPLATES.letterText(dossier(c, Language.EN), LetterKind.CNIL_COMPLAINT));
        contains(en, "Camille Durand gave their address to this organisation [to check: the date given, 1 June 2026,"
                + " is after the message was sent; correct or remove it before filing], in these circumstances: “en"
                + " s'inscrivant”.");
    }

    @Test
    void datesTheMessageDoesNotContradictAreStatedAndNoBoxIsShown() {
        Dossier fr = dossier(gaveAddress("lors de la création de mon compte client", null, LocalDate.of(2026, 5, 3)),
                Language.FR);
        assertEquals(List.of(), fr.pointsToCheck());
        assertFalse(fr.addressDateToCheck());
        assertEquals(AddressPeriod.AFTER_RECOMMENDATION, fr.addressTimeline().period());
        contains(plain(TEMPLATES.letterText(fr, LetterKind.CNIL_COMPLAINT)), "J'ai communiqué mon adresse à cet"
                + " organisme le 3 mai 2026, dans les circonstances suivantes : « lors de la création de mon compte"
                + " client ».");
        String x = plain(TEMPLATES.dossierXhtml(fr));
        lacks(x, "points-to-check", "à vérifier", "postérieure à l'envoi");
        contains(x, "le 3 mai 2026 – à partir du 14 avril 2026</td>");
    }

    @Test
    void anAddressTheMessageWasNotSentToIsListedWithoutMarkingTheDate() {
        Complainant other = new Complainant("Camille Durand", null, "elodie.dupre@example.org", "en s'inscrivant",
                null, null, null, null, null, LocalDate.of(2026, 5, 3), null, null, null);
        Dossier fr = dossier(other, Language.FR);
        assertEquals(List.of(ComplainantCheck.EMAIL_NOT_A_RECIPIENT),
                fr.pointsToCheck().stream().map(ComplainantCheck.Problem::code).toList());
        assertFalse(fr.addressDateToCheck());
        String x = plain(TEMPLATES.dossierXhtml(fr));
        contains(x, "id=\"points-to-check\"", "<li>L'adresse électronique indiquée (elodie.dupre@example.org) n'est"
                + " pas celle à laquelle le message a été envoyé (camille.durand@example.org).");
        lacks(x, "la plainte ne l'affirme pas", "[à vérifier");
    }
}
