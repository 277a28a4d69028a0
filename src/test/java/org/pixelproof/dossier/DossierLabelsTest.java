package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.DetectLabels;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;

/**
 * The dossier and the letters word the detector's stable codes (how a tracker is hidden, where the address is, who
 * runs the host, the doubts on the sender's identity, the privacy link's status) in their own language, and never
 * print the detector's English prose in the French text.
 */
class DossierLabelsTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    /** Words of the detector's English prose that must not reach a French text. */
    private static final List<String> ENGLISH_PROSE = List.of("enclosing", "high-entropy", "query parameter",
            "sender's own domain", "Host operator", "tracked link");

    /** @return the XHTML with its character references read back, for assertions on wording. */
    static String unescaped(String xhtml) {
        return DossierTemplatesTest.plain(xhtml.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&"));
    }

    private static String all(Dossier d) {
        StringBuilder sb = new StringBuilder(unescaped(TEMPLATES.dossierXhtml(d)));
        for (LetterKind k : d.letterKinds()) {
            sb.append('\n').append(TEMPLATES.letterText(d, k));
        }
        return DossierTemplatesTest.plain(sb.toString());
    }

    @Test
    void frenchDossierAndLettersWordTheCodesInFrenchNeverTheEnglishProse() throws Exception {
        CaseEmail e = DossierFixtures.doubtfulSenderCase();
        Tracker pixel = e.analysis().trackers().get(0);
        // the fixture as the detector sees it: hidden by an enclosing display:none, address in parameter e
        assertTrue(pixel.hiddenByCodes().contains("CSS_HIDDEN_ANCESTOR"), pixel.toString());
        assertTrue(pixel.hiddenBy().stream().anyMatch(h -> h.contains("enclosing")), pixel.toString());
        assertFalse(e.analysis().sender().identityCaveats().isEmpty(), e.analysis().sender().toString());

        Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), Language.FR);
        String text = all(d);
        for (String s : List.of("un élément englobant masqué par CSS",
                "attributs de largeur et de hauteur de 0 à 3 pixels", "paramètre de requête e",
                "un sous-domaine du domaine de l'expéditeur ; qui l'exploite",
                "l'identité de l'expéditeur est douteuse",
                "ses liens ne mènent à aucun des domaines de l'expéditeur",
                "le nom de l'organisme ne correspond à aucun des domaines de l'expéditeur",
                "s'il en est bien l'expéditeur")) {
            assertTrue(text.contains(s), "missing: " + s);
        }
        for (String s : ENGLISH_PROSE) {
            assertFalse(text.contains(s), "English prose in the French text: " + s);
        }
        // the evidence stays as it is: the exact source excerpt
        assertTrue(text.contains("width=\"1\" height=\"1\""), text);
        assertTrue(d.caveats().contains("sender-identity-doubtful"), d.caveats().toString());

        String dpo = DossierTemplatesTest.plain(TEMPLATES.letterText(d, LetterKind.DPO_REQUEST));
        assertTrue(dpo.contains("[à compléter : nom de l'organisme] (le message se présente comme « Banque Horizon SA »,"
                + " identité douteuse"), dpo);
        assertTrue(dpo.contains("Je m'adresse à vous comme à l'organisme responsable de ce message, s'il en est bien"
                + " l'expéditeur"), dpo);

        String complaint = DossierTemplatesTest.plain(TEMPLATES.letterText(d, LetterKind.CNIL_COMPLAINT));
        assertTrue(complaint.contains("Organisme mis en cause : [à compléter : nom de l'organisme] (organisme à identifier :"
                + " le message se présente comme « Banque Horizon SA », identité douteuse ; domaine d'envoi"
                + " secure-notice-mailer.example)"), complaint);
        assertTrue(complaint.contains("dissimulé (attributs de largeur et de hauteur de 0 à 3 pixels ou d’un pixel au plus sur un côté, "
                + "un élément englobant masqué par CSS)"), complaint);
    }

    @Test
    void englishDossierSaysTheSameInEnglish() throws Exception {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.doubtfulSenderCase()), DossierFixtures.complainant(),
                Language.EN);
        String text = all(d);
        for (String s : List.of("an enclosing element hidden by CSS", "query parameter e",
                "the sender's identity is doubtful", "if it is indeed the sender",
                "The message may impersonate the organisation it names")) {
            assertTrue(text.contains(s), "missing: " + s);
        }
        Dossier two = DossierFixtures.builder().build(List.of(DossierFixtures.doubtfulSenderCase(),
                DossierFixtures.doubtfulSenderCase()), DossierFixtures.complainant(), Language.EN);
        assertTrue(two.severalEmails());
        String both = all(two);
        assertTrue(both.contains("The messages may impersonate the organisation they name"), both);
        assertFalse(both.contains("The message may impersonate"), "singular for two e-mails");
    }

    @Test
    void theRequestToTheCnilNamesADoubtfulSendersOrganisationOnlyWithTheDoubt() throws Exception {
        CaseEmail e = DossierFixtures.doubtfulSenderCase();
        for (Language l : Language.values()) {
            Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), l);
            assertTrue(d.organisation().identityDoubtful() && !d.possibleImpersonation(), "the fixture's case");
            String request = unescaped(TEMPLATES.dossierXhtml(d)).replaceAll("\\s+", " ");
            String named = d.organisation().name();
            String hedge = l == Language.FR
                    ? "que lui adresse l'organisme expéditeur, à identifier (le message se présente comme « " + named
                            + " », identité douteuse"
                    : "the e-mails the sending organisation, to be identified (the message presents itself as “" + named
                            + "”, doubtful identity";
            assertTrue(request.contains(hedge), l + ": " + request);
            assertTrue(request.contains(l == Language.FR
                    ? "organisme à identifier ; se présente comme « " + named + " » ; domaine d'envoi "
                            + d.organisation().fromDomain() + " ; identité douteuse"
                    : "organisation to be identified; presents itself as “" + named + "”; sending domain "
                            + d.organisation().fromDomain() + "; doubtful identity"), l + " summary: " + request);
        }
        Dossier plain = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        assertFalse(unescaped(TEMPLATES.dossierXhtml(plain)).contains("se présente comme"),
                "no doubt, no hedge");
    }

    @Test
    void theSummaryCountsTheTrackersThatCarryAnIdentifierInsteadOfClaimingAll() {
        Tracker plain = new Tracker("T4", TrackerKind.OPEN_PIXEL, "https://img.maison-lumiere.example/spacer.gif",
                "img.maison-lumiere.example", null, null, Party.FIRST_PARTY, List.of(), List.of(), Confidence.LOW,
                List.of(new Signal("declared-size", "width=1 height=1")), List.of("width=1 height=1"),
                new Location("1.2.1", "img", "src", null), "<img src=\"https://img.maison-lumiere.example/spacer.gif\""
                        + " width=\"1\" height=\"1\">", "heuristic.pixel", null, null, List.of("DECLARED_SIZE"),
                null, "SENDER_SUBDOMAIN_OPERATOR_UNKNOWN");
        CaseEmail e = DossierFixtures.newsletterCase(p -> {
            List<Tracker> t = new ArrayList<>(p.trackers());
            t.add(plain);
            return p.trackers(t);
        });
        String fr = unescaped(TEMPLATES.dossierXhtml(DossierFixtures.builder().build(List.of(e),
                DossierFixtures.complainant(), Language.FR)));
        assertTrue(fr.contains("(T3, T4) – dont 1 (T3) porte un identifiant propre au destinataire ; pour l'autre, "
                + "aucun identifiant n'a été établi."), fr);
        assertFalse(fr.contains("(T3, T4) – portant un identifiant"), fr);
        assertTrue(fr.contains("un sous-domaine du domaine de l'expéditeur ; qui l'exploite"), fr);
        String en = unescaped(TEMPLATES.dossierXhtml(DossierFixtures.builder().build(List.of(e),
                DossierFixtures.complainant(), Language.EN)));
        assertTrue(en.contains("(T3, T4) – 1 of them (T3) carrying an identifier specific to the recipient; none was "
                + "established for the other."), en);
    }

    @Test
    void aPrivacyLinkReachableOnlyThroughATrackedLinkIsNotCalledMissing() {
        CaseEmail e = DossierFixtures.newsletterCase(p -> {
            SenderIdentity s = p.sender();
            List<String> missing = new ArrayList<>(s.missing());
            missing.add("privacy-policy-url");
            return p.sender(new SenderIdentity(s.fromAddress(), s.fromName(), s.fromDomain(), s.replyTo(),
                    s.returnPath(), s.dkimDomains(), s.listUnsubscribe(), s.organisationName(), s.postalAddress(),
                    s.siren(), s.siret(), s.sirenValid(), null, s.dpoContact(), s.clues(), missing,
                    "TRACKED_LINK_DESTINATION_UNKNOWN", List.of()));
        });
        String fr = unescaped(TEMPLATES.dossierXhtml(DossierFixtures.builder().build(List.of(e),
                DossierFixtures.complainant(), Language.FR)));
        assertTrue(fr.contains("lien traqué, destination inconnue"), fr);
        assertFalse(fr.contains("aucun lien"), fr);
        String en = unescaped(TEMPLATES.dossierXhtml(DossierFixtures.builder().build(List.of(e),
                DossierFixtures.complainant(), Language.EN)));
        assertTrue(en.contains("tracked link, destination unknown"), en);
        assertFalse(en.contains(">no link<"), en);
    }

    @Test
    void everyFrenchLabelOfTheDetectorFollowsFrenchTypography() {
        for (String code : DetectLabels.codes()) {
            String label = DetectLabels.label(code, java.util.Locale.FRENCH);
            assertEquals(FrenchTypography.text(label), label, code + ": a non-breaking space before : ; ! ?");
        }
    }
}
