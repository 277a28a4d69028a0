package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;

/** {@link ComplainantCheck#pointsToCheck}: statements the messages contradict, which do not stop the dossier. */
class ComplainantPointsTest {
    /** The fixture newsletter: sent to camille.durand@example.org on 12 May 2026. */
    private static final List<Analysis> NEWSLETTER = List.of(DossierFixtures.newsletterCase().analysis());

    private static Complainant complainant(String email, String when, LocalDate on) {
        return new Complainant("Camille Durand", null, email, null, when, null, null, null, null, on, null, null,
                null);
    }

    private static List<String> codes(Complainant c) {
        return ComplainantCheck.pointsToCheck(c, NEWSLETTER).stream().map(p -> p.field() + ":" + p.code()).toList();
    }

    @Test
    void theFixtureComplainantContradictsNothing() {
        assertEquals(List.of(), ComplainantCheck.pointsToCheck(DossierFixtures.complainant(), NEWSLETTER));
        assertEquals(List.of(), ComplainantCheck.pointsToCheck(null, NEWSLETTER));
        assertEquals(List.of(), ComplainantCheck.pointsToCheck(DossierFixtures.complainant(), List.of()));
    }

    @Test
    void anAddressTheMessageWasNotSentToIsAPointToCheckWordedInBothLanguages() {
        List<ComplainantCheck.Problem> p = ComplainantCheck.pointsToCheck(
                complainant("elodie.dupre@example.org", null, null), NEWSLETTER);
        assertEquals(1, p.size(), p.toString());
        assertEquals(ComplainantCheck.EMAIL, p.get(0).field());
        assertEquals("email-not-a-recipient", p.get(0).code());
        assertEquals("L'adresse électronique indiquée (elodie.dupre@example.org) n'est pas celle à laquelle le"
                + " message a été envoyé (camille.durand@example.org). Les lettres disent que vous recevez ces"
                + " courriels à cette adresse\u00a0: indiquez celle qui les a reçus, sauf s'ils vous parviennent par"
                + " un transfert ou un alias.", p.get(0).message(Language.FR));
        assertTrue(p.get(0).message(Language.EN).startsWith("The e-mail address given (elodie.dupre@example.org) is"
                + " not the one the message was sent to (camille.durand@example.org)."), p.get(0).messageEn());
    }

    @Test
    void caseAndASubAddressTagAreTheSameMailbox() {
        assertEquals(List.of(), codes(complainant("Camille.Durand@EXAMPLE.org", null, null)));
        assertEquals(List.of(), codes(complainant("camille.durand+news@example.org", null, null)));
        assertEquals(List.of("email:email-not-a-recipient"), codes(complainant("camille.durand@example.com", null,
                null)));
        assertEquals("camille@example.org", ComplainantCheck.mailboxKey(" Camille+Tag@Example.ORG "));
    }

    @Test
    void anAddressGivenAfterTheMessageWasSentIsAPointToCheck() {
        assertEquals(List.of("addressGivenOn:address-given-after-message"),
                codes(complainant(null, null, LocalDate.of(2026, 5, 13))));
        assertEquals(List.of(), codes(complainant(null, null, LocalDate.of(2026, 5, 12))), "the same day");
        List<ComplainantCheck.Problem> p = ComplainantCheck.pointsToCheck(complainant(null, null,
                LocalDate.of(2026, 6, 1)), NEWSLETTER);
        assertEquals("Vous indiquez avoir communiqué votre adresse le 1er juin 2026, après l'envoi du message (le 12"
                + " mai 2026)\u00a0: l'expéditeur l'avait donc déjà. Vérifiez cette date, ou dites comment il a pu"
                + " l'obtenir plus tôt.", p.get(0).message(Language.FR));
        assertEquals("You say you gave your address on 1 June 2026, after the message was sent (on 12 May 2026): the"
                + " sender therefore already had it. Check that date, or say how it could have obtained it earlier.",
                p.get(0).message(Language.EN));
    }

    @Test
    void theFreeTextWhenIsReadOnlyForItsYears() {
        assertEquals(List.of(ComplainantCheck.ADDRESS_GIVEN_WHEN + ":address-given-after-message"),
                codes(complainant(null, "au printemps 2027", null)));
        assertEquals(List.of(), codes(complainant(null, "printemps 2026", null)), "the message's own year: unclear");
        assertEquals(List.of(), codes(complainant(null, "vers 2019, puis de nouveau en 2027", null)),
                "an earlier year settles it");
        assertEquals(List.of(), codes(complainant(null, "il y a longtemps", null)));
        assertEquals(List.of(), codes(complainant(null, "commande n° 120279", null)), "not a year");
        assertTrue(ComplainantCheck.pointsToCheck(complainant(null, "en 2030", null), NEWSLETTER).get(0)
                .message(Language.FR).contains("votre adresse «\u00a0en 2030\u00a0», après l'envoi"));
    }

    @Test
    void someoneWhoNeverGaveTheirAddressHasNoDateToCheck() {
        Complainant never = new Complainant("Camille Durand", null, null, null, "2030", null, null, null, null,
                LocalDate.of(2030, 1, 1), null, Boolean.TRUE, null);
        assertEquals(List.of(), ComplainantCheck.pointsToCheck(never, NEWSLETTER));
    }
}
