package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.SenderIdentity;

/** The data controller the dossier names is the one the analysis chose, not merely the first name its footer read. */
class DossierControllerNameTest {

    private static CaseEmail withNames(String chosen, List<String> missing, String... footerNames) {
        return DossierFixtures.newsletterCase(p -> {
            SenderIdentity s = p.sender();
            List<SenderClue> clues = new ArrayList<>();
            for (String n : footerNames) {
                clues.add(new SenderClue("organisation-name", n, "footer text, part 1.2.1", n));
            }
            clues.addAll(s.clues().stream().filter(c -> !c.field().equals("organisation-name")).toList());
            return p.sender(new SenderIdentity(s.fromAddress(), s.fromName(), s.fromDomain(), s.replyTo(),
                    s.returnPath(), s.dkimDomains(), s.listUnsubscribe(), chosen, s.postalAddress(), s.siren(),
                    s.siret(), s.sirenValid(), s.privacyPolicyUrl(), s.dpoContact(), clues, missing));
        });
    }

    @Test
    void theChosenLegalNameIsTheControllerEvenWhenAnotherNameWasReadFirst() {
        CaseEmail e = withNames("Maison Lumière SAS", List.of("dpo-contact"), "Atelier Partenaire SARL",
                "Maison Lumière SAS");
        Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), Language.FR);
        assertEquals("Maison Lumière SAS", d.organisation().name());
        assertTrue(!d.organisation().nameFromDisplayName());
    }

    @Test
    void footerNamesNoneOfWhichWasChosenGiveTheDisplayNameSaidToBeOnlyThat() {
        CaseEmail e = withNames("Maison Lumière", List.of("organisation-name", "dpo-contact"),
                "Association Alpha SA", "Club Beta SARL");
        Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), Language.FR);
        assertEquals("Maison Lumière", d.organisation().name());
        assertTrue(d.organisation().nameFromDisplayName());
    }

    @Test
    void theSummaryLineGivesTheDomainRightAfterADisplayNameThenSaysWhatItIs() {
        CaseEmail e = withNames("Maison Lumière", List.of("organisation-name", "dpo-contact"));
        DossierTemplates templates = DossierTemplates.standard();
        String fr = templates.dossierXhtml(DossierFixtures.builder().build(List.of(e), Complainant.UNKNOWN,
                Language.FR));
        assertTrue(fr.contains("<tr><th>Organisme expéditeur</th><td>Maison Lumière (maison-lumiere.example) – nom"
                + " d'affichage de l'expéditeur, organisme à identifier</td></tr>"), fr);
        String en = templates.dossierXhtml(DossierFixtures.builder().build(List.of(e), Complainant.UNKNOWN,
                Language.EN));
        assertTrue(en.contains("<tr><th>Sending organisation</th><td>Maison Lumière (maison-lumiere.example) –"
                + " sender's display name, organisation to be identified</td></tr>"), en);
        for (String x : List.of(fr, en)) {
            assertFalse(java.util.regex.Pattern.compile("\\) \\([a-z0-9.-]+\\)</td>").matcher(x).find(),
                    "no two bracket groups in a row");
        }
    }
}
