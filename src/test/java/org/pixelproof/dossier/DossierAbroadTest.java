package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.SenderIdentity;

/**
 * An organisation whose postal address is outside France (a German publisher, like a real newsletter from
 * Düsseldorf): the dossier, the complaint and the filing guide say where it appears to be established and ask no
 * SIREN; a French organisation is still asked for one.
 */
class DossierAbroadTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    private static final SenderIdentity GERMAN = new SenderIdentity("morgen@news.zeitung.example", "Der Morgen",
            "news.zeitung.example", null, null, List.of("news.zeitung.example"), List.of(),
            "Nordwest Zeitungsverlagsgesellschaft mbH", "Hafenweg 12 | 40210 Düsseldorf", null, null, false,
            "https://zeitung.example/datenschutz", null,
            List.of(new SenderClue("organisation-name", "Nordwest Zeitungsverlagsgesellschaft mbH",
                    "footer text, part 1", "Nordwest Zeitungsverlagsgesellschaft mbH | Hafenweg 12 | 40210 Düsseldorf"),
                    new SenderClue("postal-address", "Hafenweg 12 | 40210 Düsseldorf", "footer text, part 1",
                            "Nordwest Zeitungsverlagsgesellschaft mbH | Hafenweg 12 | 40210 Düsseldorf")),
            List.of("dpo-contact"));

    private static Dossier dossier(SenderIdentity sender, Language lang) {
        return DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(p -> p.sender(sender))),
                DossierFixtures.complainant(), lang);
    }

    private static String plain(String s) {
        return DossierTemplatesTest.plain(s).replace("&#39;", "'");
    }

    @Test
    void aGermanOrganisationIsSaidToBeEstablishedInGermanyAndNoSirenIsAsked() {
        Dossier fr = dossier(GERMAN, Language.FR);
        assertTrue(fr.organisation().establishedOutsideFrance());
        String x = plain(TEMPLATES.dossierXhtml(fr));
        assertTrue(x.contains("hors de France (pays : Allemagne)"), x);
        assertTrue(x.contains("non demandé : organisme apparemment établi hors de France"), x);
        assertTrue(x.contains("La plainte peut tout de même être adressée à la CNIL"), x);
        assertTrue(x.contains("tout expéditeur qui écrit à des destinataires en France <span class=\"conf-secondary\">"
                + "[source secondaire]</span>"), x);
        assertFalse(x.contains("numéro SIREN</"), x);
        assertFalse(x.matches("(?s).*Manque dans le message[^<]*numéro SIREN.*"), x);

        String complaint = plain(TEMPLATES.letterText(fr, LetterKind.CNIL_COMPLAINT));
        assertTrue(complaint.contains("Organisme mis en cause : Nordwest Zeitungsverlagsgesellschaft mbH"), complaint);
        assertTrue(complaint.contains("Pays : Allemagne (d'après l'adresse postale du message ; organisme apparemment "
                + "établi hors de France, sans numéro SIREN connu)"), complaint);
        assertFalse(complaint.contains("SIREN :"), complaint);
        assertFalse(complaint.contains("[à compléter : nom de l'organisme]"), complaint);

        String guide = plain(TEMPLATES.letterText(fr, LetterKind.HOW_TO_FILE));
        assertTrue(guide.contains("cet organisme semble établi hors de France, pays : Allemagne"), guide);
        assertFalse(guide.contains("et son numéro SIREN si vous le connaissez"), guide);

        Dossier en = dossier(GERMAN, Language.EN);
        String xe = plain(TEMPLATES.dossierXhtml(en));
        assertTrue(xe.contains("outside France (country: Germany)"), xe);
        assertTrue(xe.contains("The complaint can still be sent to the CNIL"), xe);
        String ce = plain(TEMPLATES.letterText(en, LetterKind.CNIL_COMPLAINT));
        assertTrue(ce.contains("Country: Germany (from the postal address in the message"), ce);
    }

    @Test
    void aFrenchOrganisationKeepsItsSirenLine() {
        Dossier fr = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        assertFalse(fr.organisation().establishedOutsideFrance());
        String complaint = plain(TEMPLATES.letterText(fr, LetterKind.CNIL_COMPLAINT));
        assertTrue(complaint.contains("SIREN : 842317570"), complaint);
        assertFalse(complaint.contains("Pays :"), complaint);
        assertFalse(plain(TEMPLATES.dossierXhtml(fr)).contains("id=\"org-abroad\""));
    }
}
