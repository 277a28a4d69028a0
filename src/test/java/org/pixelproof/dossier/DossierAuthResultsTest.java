package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.authenticity.AuthAssertion;
import org.pixelproof.authenticity.Authenticity;

/**
 * The dossier words Authentication-Results as what the message's headers say, flags what contradicts them, and ties
 * them to the receiving server only when the message shows nothing against it.
 */
class DossierAuthResultsTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    private static String xhtml(List<AuthAssertion> assertions, Language lang) {
        CaseEmail c = DossierFixtures.newsletterCase(p -> {
            Authenticity au = p.authenticity();
            return p.authenticity(new Authenticity(List.of(), assertions, au.receivedChain(), au.deliveredAt()));
        });
        Dossier d = DossierFixtures.builder().build(List.of(c), DossierFixtures.complainant(), lang);
        return DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(d));
    }

    private static final List<AuthAssertion> FORGED = List.of(
            new AuthAssertion("mx.example.org", "dkim", "pass", "header.i=@banque-horizon.example", null, null, 1,
                    List.of(AuthAssertion.DKIM_PASS_NO_SIGNATURE)),
            new AuthAssertion("mx.example.org", "dmarc", "pass", "header.from=banque-horizon.example", null, null, 1,
                    List.of()),
            new AuthAssertion("mx.example.org", "spf", "pass", "smtp.mailfrom=banque-horizon.example", null, null,
                    2, List.of(AuthAssertion.BEFORE_ANY_SERVER)));

    @Test
    void forgedResultsAreNotAttributedToTheReceivingServerAndTheContradictionIsSaid() {
        String en = xhtml(FORGED, Language.EN);
        assertFalse(en.contains("What the receiving server recorded"), en);
        assertFalse(en.contains("Authentication (receiving server)"), en);
        assertTrue(en.contains("Authentication (recorded in the headers)</th><td>dkim=pass; dmarc=pass (topmost "
                + "Authentication-Results field, server mx.example.org)."), en);
        assertTrue(en.contains("A sender can write such a field: check that your provider added it."), en);
        assertTrue(en.contains("it claims a valid DKIM signature, but the message carries no DKIM signature"), en);
        assertTrue(en.contains("most likely in the message before any server recorded receiving it, and the sender "
                + "may have written it"), en);
        assertFalse(en.contains("so the sender wrote it"), "a position is a doubt, not a proof");
        assertTrue(en.contains("The message carries no DKIM signature."), en);

        String fr = xhtml(FORGED, Language.FR);
        assertTrue(fr.contains("Un expéditeur peut écrire un tel champ : vérifiez que votre fournisseur de "
                + "messagerie l'a bien ajouté."), fr);
        assertTrue(fr.contains("il affirme une signature DKIM valide, mais le message ne porte aucune signature "
                + "DKIM"), fr);
        assertTrue(fr.contains("Le message lui-même contredit certains de ces résultats"), fr);
    }

    @Test
    void topmostFieldNamingAServerOfTheReceivedChainIsTiedToIt() {
        List<AuthAssertion> clean = List.of(
                new AuthAssertion("mx.example.org", "spf", "pass", "smtp.mailfrom=bounce.sendwave.example", null,
                        null, 1, List.of()),
                new AuthAssertion("relay.sendwave.example", "dkim", "pass", "header.d=maison-lumiere.example", null,
                        null, 2, List.of()));
        String en = xhtml(clean, Language.EN);
        assertTrue(en.contains("spf=pass (topmost Authentication-Results field, server mx.example.org); that server "
                + "appears in the Received chain: most likely added by the receiving server"), en);
        assertFalse(en.contains("A sender can write such a field: check"), en);
        assertFalse(en.contains("contradicts"), en);
    }
}
