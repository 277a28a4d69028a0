package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pixelproof.dossier.DossierTemplatesTest.contains;
import static org.pixelproof.dossier.DossierTemplatesTest.lacks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.TrackerKind;

/**
 * Wording a new user found wrong (November 2026): letters and dossier claiming the opening was tracked when only
 * clicks were, singular/plural agreement, confidence labels outside the legend, "no answer" stated for the
 * complainant, and single-message wording in a dossier of several messages.
 */
class DossierWordingTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    private static Dossier only(TrackerKind kind, Language lang) {
        CaseEmail e = DossierFixtures.newsletterCase(p -> p.trackers(
                p.trackers().stream().filter(t -> t.kind() == kind).toList()));
        return DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), lang);
    }

    private static Dossier newsletter(Language lang) {
        return DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), lang);
    }

    private static String letter(Dossier d, LetterKind k) {
        return DossierTemplatesTest.plain(TEMPLATES.letterText(d, k));
    }

    private static String xhtml(Dossier d) {
        return DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(d)).replace("&#39;", "'");
    }

    @Test
    void clickTrackingAloneIsNeverWordedAsTrackingTheOpening() {
        Dossier fr = only(TrackerKind.CLICK_TRACKING, Language.FR);
        assertEquals(1, fr.ownTrackerCount());
        assertTrue(fr.ownClickTracking());
        assertFalse(fr.ownOpenTracking());
        String dpo = letter(fr, LetterKind.DPO_REQUEST);
        contains(dpo, "Ce message contient 1 dispositif de suivi (liens de suivi des clics) qui vous permet de savoir "
                + "sur quels liens j'ai cliqué et quand, par l'intermédiaire",
                "demande d'accès et d'effacement – suivi des clics sur les liens de vos courriels");
        lacks(dpo, "permettent", "si je l'ai ouvert", "suivi de l'ouverture et des clics de vos courriels");
        String complaint = letter(fr, LetterKind.CNIL_COMPLAINT);
        contains(complaint, "le suivi des clics relève de l'article 82");
        lacks(complaint, "le suivi de l'ouverture");
        String x = xhtml(fr);
        contains(x, "Si un clic sur un lien suivi lui transmet l'adresse IP du destinataire",
                "si un clic sur un lien suivi lui transmet l'adresse IP du destinataire");
        lacks(x, "l'ouverture du message lui transmet");

        Dossier en = only(TrackerKind.CLICK_TRACKING, Language.EN);
        String dpoEn = letter(en, LetterKind.DPO_REQUEST);
        contains(dpoEn, "This message contains 1 tracking device (click-tracking links) that lets you know which "
                + "links I click and when, through",
                "request for access and erasure – tracking of clicks on the links in your e-mails");
        lacks(dpoEn, "whether and when I open", "erasure – tracking of the opening");
        contains(letter(en, LetterKind.CNIL_COMPLAINT), "tracking clicks falls under Article 82");
        String xe = xhtml(en);
        contains(xe, "If clicking a tracked link sends the recipient's IP address to it");
        lacks(xe, "opening the message sends");
    }

    @Test
    void anOpenPixelAloneIsNotWordedAsTrackingClicks() {
        Dossier fr = only(TrackerKind.OPEN_PIXEL, Language.FR);
        String dpo = letter(fr, LetterKind.DPO_REQUEST);
        contains(dpo, "1 dispositif de suivi (pixel espion) qui vous permet de savoir si je l'ai ouvert et quand,",
                "– suivi de l'ouverture de vos courriels");
        lacks(dpo, "sur quels liens j'ai cliqué");
        contains(letter(fr, LetterKind.CNIL_COMPLAINT), "le suivi de l'ouverture relève de l'article 82");
        contains(xhtml(fr), "Si l'ouverture du message lui transmet l'adresse IP du destinataire");
        Dossier en = only(TrackerKind.OPEN_PIXEL, Language.EN);
        String dpoEn = letter(en, LetterKind.DPO_REQUEST);
        contains(dpoEn, "that lets you know whether and when I open it,", "– tracking of the opening of your e-mails");
        lacks(dpoEn, "which links I click", "and of clicks on their links\n");
        contains(letter(en, LetterKind.CNIL_COMPLAINT), "tracking opens falls under Article 82");
    }

    @Test
    void pixelAndClickTrackingTogetherKeepBothAndThePlural() {
        String dpo = letter(newsletter(Language.FR), LetterKind.DPO_REQUEST);
        contains(dpo, "3 dispositifs de suivi", "qui vous permettent de savoir si je l'ai ouvert, quand, et sur quels "
                + "liens j'ai cliqué", "– suivi de l'ouverture et des clics de vos courriels");
        contains(letter(newsletter(Language.FR), LetterKind.CNIL_COMPLAINT),
                "le suivi de l'ouverture et des clics relève");
        String en = letter(newsletter(Language.EN), LetterKind.DPO_REQUEST);
        contains(en, "3 tracking devices", "that let you know whether and when I open it and which links I click",
                "– tracking of the opening of your e-mails and of clicks on their links");
        contains(letter(newsletter(Language.EN), LetterKind.CNIL_COMPLAINT), "tracking opens and clicks falls");
    }

    @Test
    void aSinglePerRecipientTrackerIsWordedInTheSingular() {
        String fr = xhtml(only(TrackerKind.CLICK_TRACKING, Language.FR));
        contains(fr, "Ce traceur porte un identifiant propre au destinataire", "ce qu'il révèle n'est pas");
        lacks(fr, "ce qu'ils révèlent");
        String en = xhtml(only(TrackerKind.CLICK_TRACKING, Language.EN));
        contains(en, "This tracker carries an identifier specific to the recipient", "what it reveals is not");
        lacks(en, "what they reveal");
    }

    /** Every confidence label the templates print is one the legend defines, in both languages. */
    @Test
    void confidenceLabelsAreThoseOfTheLegend() throws IOException {
        for (String lang : List.of("fr", "en")) {
            Path root = Path.of("templates");
            String legend = Files.readString(root.resolve("dossier/" + lang + "/sections/legal.xhtml"));
            Set<String> defined = labels(legend);
            assertEquals(4, defined.size(), defined.toString());
            List<Path> files;
            try (Stream<Path> s = Stream.concat(Files.walk(root.resolve("dossier/" + lang)),
                    Files.walk(root.resolve("letters/" + lang)))) {
                files = s.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (String l : labels(text)) {
                    assertTrue(defined.contains(l), f + " uses the label " + l + ", not in the legend " + defined);
                }
                for (String undefined : List.of("[to check]", "[open point]", "[à vérifier]", "[point ouvert]")) {
                    assertFalse(text.contains(undefined), f + " uses " + undefined);
                }
            }
        }
    }

    private static Set<String> labels(String text) {
        Matcher m = Pattern.compile("class=\"conf-[a-z]+\">(\\[[^\\]]+\\])</span>").matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return Set.copyOf(out);
    }

    @Test
    void noAnswerIsNeverStatedForTheComplainantWhenTheyDidNotSaySo() {
        // the fixture complainant gave a request sent on 20 April 2026 and nothing about an answer
        String fr = letter(newsletter(Language.FR), LetterKind.CNIL_COMPLAINT);
        lacks(fr, "Je n'ai reçu aucune réponse dans le délai d'un mois");
        contains(fr, "Le délai de réponse d'un mois a expiré le 20 mai 2026. [à compléter : avez-vous reçu une "
                + "réponse ou l'annonce d'une prolongation ? Si ni l'une ni l'autre, écrivez par exemple « Je n'ai "
                + "reçu aucune réponse dans ce délai, ni notification d'une prolongation. »]");
        String en = letter(newsletter(Language.EN), LetterKind.CNIL_COMPLAINT);
        lacks(en, "I received no answer within the one-month period");
        contains(en, "The one-month period to answer ended on 20 May 2026. [to be completed: whether you received an "
                + "answer or a notice of extension;");
    }

    @Test
    void severalMessagesAreWordedInThePluralAndEachHashStaysWithItsLabel() {
        byte[] second = DossierBuilderTest.withExtraHeader(DossierFixtures.newsletterBytes(), "X-Copy: 2");
        Analysis a2 = DossierFixtures.newsletterAnalysis(second, "Nouveautés de juin");
        List<CaseEmail> two = List.of(DossierFixtures.newsletterCase(),
                new CaseEmail(a2, second, TestEmails.read(second, "juin.eml")));
        Dossier fr = DossierFixtures.builder().build(two, DossierFixtures.complainant(), Language.FR);
        String x = TEMPLATES.dossierXhtml(fr);
        contains(x, "E1&#160;" + fr.emails().get(0).sha256() + " · E2&#160;" + fr.emails().get(1).sha256(),
                "l'authenticité des messages eux-mêmes est traitée");
        lacks(x, "du message lui-même est traitée");
        Dossier en = DossierFixtures.builder().build(two, DossierFixtures.complainant(), Language.EN);
        String xe = TEMPLATES.dossierXhtml(en);
        contains(xe, "E1&#160;" + en.emails().get(0).sha256(), "the authenticity of the messages themselves");
        lacks(xe, "the message itself is discussed");
    }
}
