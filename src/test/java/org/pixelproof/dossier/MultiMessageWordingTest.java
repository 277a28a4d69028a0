package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pixelproof.dossier.DossierTemplatesTest.contains;
import static org.pixelproof.dossier.DossierTemplatesTest.lacks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The wording of dossiers and letters that gather several messages (new-user report 18, items 3 and 10): a copy of the
 * same e-mail received by someone else is stated after the complainant's own, in the voice of whoever signs; several
 * messages are spoken of in the plural; lists of providers read "de Mailchimp et d'ActiveCampaign"; sizes have their
 * digits grouped; the originals' attachment names are written whole. The fixtures ({@code dossier/copies/}) are
 * fictional newsletters of "Atelier Brindille": the same Mailchimp campaign received by Alex Martin and Sam Bernard,
 * differing only in parameter {@code e}, and a later ActiveCampaign mailing received by Alex Martin; they are
 * analysed by the real pipeline, offline.
 */
class MultiMessageWordingTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static final Analyzer ANALYZER = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
            AuthenticityChecker.offline(), Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC));
    private static final DossierBuilder BUILDER = new DossierBuilder(RuleSetLoader.loadDefault(),
            DossierFixtures.CLOCK);

    /** The copy of the January campaign received by Sam Bernard. */
    private static final String SAM = "brindille-sam.eml";
    /** The same campaign, received by Alex Martin. */
    private static final String ALEX = "brindille-alex.eml";
    /** A later mailing, through ActiveCampaign, received by Alex Martin. */
    private static final String ALEX_FEB = "brindille-alex-fevrier.eml";

    /**
     * @param resource a file of {@code dossier/copies/}, or a path from the test resources' root when it starts with
     *                 {@code /}
     * @param fileName the name to analyse it under
     * @return the message analysed by the real pipeline, offline
     */
    static CaseEmail analysed(String resource, String fileName) {
        byte[] raw;
        String path = resource.startsWith("/") ? resource : "/dossier/copies/" + resource;
        try (InputStream in = MultiMessageWordingTest.class.getResourceAsStream(path)) {
            raw = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Analysis a = ANALYZER.analyze(raw, fileName, AnalysisOptions.DEFAULT);
            return new CaseEmail(a, raw, ANALYZER.read(raw, fileName));
        } catch (org.pixelproof.analysis.UnanalysableInputException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    static CaseEmail analysed(String resource) {
        return analysed(resource, resource.substring(resource.lastIndexOf('/') + 1));
    }

    /** An association acting for Alex Martin, with a mandate. */
    private static Complainant association() {
        return new Complainant("Association Vie Privée Numérique", "8 rue de la Paix\n75002 Paris",
                "alex.martin@example.org", "inscription à la lettre d'information", null, ConsentAsked.NO, null,
                "Alex Martin", true, LocalDate.of(2022, 11, 15), null, null, null);
    }

    /** Alex Martin, complaining for themself. */
    private static Complainant alex() {
        return new Complainant("Alex Martin", "3 rue des Lilas\n67000 Strasbourg", "alex.martin@example.org",
                "inscription à la lettre d'information", null, ConsentAsked.NO, null, null, null,
                LocalDate.of(2022, 11, 15), null, null, null);
    }

    private static String letter(Dossier d, LetterKind k) {
        return DossierTemplatesTest.plain(TEMPLATES.letterText(d, k));
    }

    private static String xhtml(Dossier d) {
        return DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(d));
    }

    private static void before(String text, String first, String then) {
        contains(text, first, then);
        assertTrue(text.indexOf(first) < text.indexOf(then), "'" + first + "' should come before '" + then + "'\n"
                + text);
    }

    // ----------------------------------------------------------------------- item 3: another person's copy

    @Test
    void anotherPersonsCopyIsStatedAfterTheOwnCopyItRefersToInTheVoiceOfTheAssociation() {
        // the other person's copy comes first, as a per-sender dossier over members' folders may give it
        Dossier d = BUILDER.build(List.of(analysed(SAM), analysed(ALEX)), association(), Language.FR);
        assertFalse(d.emails().get(0).ownCopy());
        assertEquals(List.of("E2", "E1"), d.facts().stream().map(f -> f.email().label()).toList());
        assertTrue(d.facts().get(1).sameDay());
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        before(complaint, "Le 17 janvier 2023, Alex Martin a reçu d'Atelier Brindille",
                "Le même jour, [à compléter : nom], qui autorise la production de son exemplaire ([accord écrit ou "
                        + "mandat joint]), a reçu le même courriel (E1).");
        contains(complaint, "Seul le paramètre e= diffère entre les deux exemplaires (9b3d7f2140 pour Alex Martin, "
                + "4c8a1e0692 pour cette personne).");
        lacks(complaint, "nos deux exemplaires");

        String en = letter(d.inLanguage(Language.EN), LetterKind.CNIL_COMPLAINT);
        before(en, "On 17 January 2023, Alex Martin received from Atelier Brindille",
                "The same day, [to be completed: name], who authorises the production of their copy");
        contains(en, "Only the parameter e= differs between the two copies (9b3d7f2140 for Alex Martin, 4c8a1e0692 "
                + "for that person).");
        lacks(en, "our two copies");
    }

    @Test
    void aComplainantWritingForThemselfKeepsTheFirstPerson() {
        Dossier d = BUILDER.build(List.of(analysed(SAM), analysed(ALEX)), alex(), Language.FR);
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        before(complaint, "Le 17 janvier 2023, j'ai reçu d'Atelier Brindille", "Le même jour, [à compléter : nom], "
                + "qui m'autorise à produire son exemplaire");
        contains(complaint, "Seul le paramètre e= diffère entre nos deux exemplaires (9b3d7f2140 pour moi, "
                + "4c8a1e0692 pour cette personne).");
        String en = letter(d.inLanguage(Language.EN), LetterKind.CNIL_COMPLAINT);
        contains(en, "Only the parameter e= differs between our two copies (9b3d7f2140 for me, 4c8a1e0692 for that "
                + "person).");
    }

    @Test
    void aCopyReceivedAnotherDayGivesItsOwnDateAfterTheOwnCopies() {
        // the other person's copy first; Alex's own January copy and February mailing then follow in their order
        Dossier d = BUILDER.build(List.of(analysed(SAM), analysed(ALEX_FEB), analysed(ALEX)), association(),
                Language.FR);
        assertEquals(List.of("E2", "E3", "E1"), d.facts().stream().map(f -> f.email().label()).toList());
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        before(complaint, "Le 2 février 2023, Alex Martin a reçu", "Le 17 janvier 2023, Alex Martin a reçu");
        before(complaint, "Le 17 janvier 2023, Alex Martin a reçu", "Le même jour, [à compléter : nom]");
    }

    // ----------------------------------------------------------------------- item 10: several messages

    @Test
    void severalOwnMessagesAreSpokenOfInThePlural() {
        Dossier d = BUILDER.build(List.of(analysed(ALEX), analysed(ALEX_FEB)), alex(), Language.FR);
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        contains(complaint, "Les deux messages ne contiennent aucune information sur ce suivi, ni aucun moyen de le "
                + "refuser distinct du désabonnement.", "Il s'agit de messages commerciaux : les exemptions");
        lacks(complaint, "Le message ne contient aucune information", "Il s'agit d'un message commercial");
        String en = letter(d.inLanguage(Language.EN), LetterKind.CNIL_COMPLAINT);
        contains(en, "Both messages give no information about this tracking", "They are marketing messages:");
        lacks(en, "The message gives no information");

        String x = xhtml(d);
        contains(x, "Les deux messages ont été reçus avant la publication de la recommandation de la CNIL");
        lacks(x, "<li>Le message a été reçu avant la publication");
        contains(xhtml(d.inLanguage(Language.EN)), "Both messages were received before the CNIL's recommendation "
                + "was published");
        contains(x, "les messages seuls ne permettent pas de le savoir", "tels qu'ils figurent dans les messages ;");
        contains(xhtml(d.inLanguage(Language.EN)), "the messages alone cannot show it", "as they appear in the "
                + "messages; none");
    }

    @Test
    void withAnotherPersonsCopyTheOwnMessagesAreNamed() {
        Dossier d = BUILDER.build(List.of(analysed(SAM), analysed(ALEX), analysed(ALEX_FEB)), association(),
                Language.FR);
        String complaint = letter(d, LetterKind.CNIL_COMPLAINT);
        contains(complaint, "Les messages E2 et E3 ne contiennent aucune information sur ce suivi");
        contains(xhtml(d), "Les 3 messages ont été reçus avant la publication de la recommandation");
    }

    @Test
    void oneMessageKeepsTheSingular() {
        Dossier d = BUILDER.build(List.of(analysed(ALEX)), alex(), Language.FR);
        contains(letter(d, LetterKind.CNIL_COMPLAINT), "Le message ne contient aucune information sur ce suivi",
                "Il s'agit d'un message commercial");
        contains(xhtml(d), "Le message a été reçu avant la publication de la recommandation de la CNIL");
    }

    @Test
    void providersAreListedWithAndAndFrenchElision() {
        Dossier d = BUILDER.build(List.of(analysed(ALEX), analysed(ALEX_FEB)), alex(), Language.FR);
        assertEquals(List.of("Mailchimp", "ActiveCampaign"),
                d.organisation().vendors().stream().map(Dossier.VendorRow::name).toList());
        contains(letter(d, LetterKind.DPO_REQUEST), "par l'intermédiaire de Mailchimp et d'ActiveCampaign.");
        contains(letter(d.inLanguage(Language.EN), LetterKind.DPO_REQUEST), "through Mailchimp and ActiveCampaign.");
        Dossier one = BUILDER.build(List.of(analysed(ALEX_FEB)), alex(), Language.FR);
        contains(letter(one, LetterKind.DPO_REQUEST), "par l'intermédiaire d'ActiveCampaign.");
    }

    @Test
    void sizesHaveTheirDigitsGroupedAndAttachmentNamesAreWrittenWhole() {
        CaseEmail mbox = analysed(ALEX, "exports/membre01/archive.mbx#4");
        Dossier d = BUILDER.build(List.of(mbox), alex(), Language.FR);
        long size = d.primary().sizeBytes();
        assertTrue(size >= 1000, "a size with a thousands group: " + size);
        String raw = TEMPLATES.dossierXhtml(d);
        String grouped = (size / 1000) + "\u00A0" + String.format("%03d", size % 1000);
        contains(raw, "archive.mbx#4, " + grouped + " octets – joint à ce PDF sous le nom "
                + "<span class=\"mono\">E1-archive.mbx#4.eml</span>");
        lacks(raw, size + " octets", "E1-…");
        String en = TEMPLATES.dossierXhtml(d.inLanguage(Language.EN));
        contains(en, (size / 1000) + "," + String.format("%03d", size % 1000) + " bytes – attached to this PDF as "
                + "<span class=\"mono\">E1-archive.mbx#4.eml</span>");
    }

    @Test
    void onlyReallyLongAttachmentNamesAreShortened() {
        String longName = "Re_ Votre inscription aux ateliers de vannerie de printemps - confirmation et programme "
                + "complet.eml";
        Dossier d = BUILDER.build(List.of(analysed(ALEX, longName)), alex(), Language.FR);
        Dossier.EmailRecord e = d.primary();
        assertEquals("E1-" + longName, e.attachmentName());
        String shown = e.attachmentNameShown();
        assertEquals(Dossier.EmailRecord.MAX_SHOWN_ATTACHMENT_NAME, shown.length(), shown);
        assertTrue(shown.startsWith("E1-Re_ Votre") && shown.endsWith("complet.eml") && shown.contains("\u2026"),
                shown);
        Dossier shortName = BUILDER.build(List.of(analysed(ALEX, "lettre.eml")), alex(), Language.FR);
        assertEquals("E1-lettre.eml", shortName.primary().attachmentNameShown());
    }

    // ----------------------------------------------------------------------- item 14: "In short"

    @Test
    void theInShortBulletAboutMarketingIsASentence() {
        Dossier one = BUILDER.build(List.of(analysed(ALEX)), alex(), Language.EN);
        contains(xhtml(one), "<li>The message is a marketing message: the exemptions");
        lacks(xhtml(one), "<li>a marketing message");
        contains(xhtml(one.inLanguage(Language.FR)), "<li>Le message est de nature commerciale : les exemptions");
        Dossier two = BUILDER.build(List.of(analysed(ALEX), analysed(ALEX_FEB)), alex(), Language.EN);
        contains(xhtml(two), "<li>Both messages are marketing messages: the exemptions from consent in the CNIL's "
                + "recommendation do not apply to their tracking");
        contains(xhtml(two.inLanguage(Language.FR)), "<li>Les deux messages sont de nature commerciale : les "
                + "exemptions de consentement prévues par la recommandation de la CNIL ne s'appliquent pas à leur "
                + "suivi");
    }
}
