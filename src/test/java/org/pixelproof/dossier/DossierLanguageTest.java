package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelproof.LanguageLeaks;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.DetectLabels;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The dossier and the letters speak their own language only: rendered for every message of the golden corpus and
 * for the dossier fixtures, in French and in English, they show no internal code ({@code subject-confirmation},
 * {@code md5-upper}, {@code CSS_HIDDEN}) and, in French, no English prose ("(check key fails)"); what they quote from
 * the message stays as written (see {@link LanguageLeaks}).
 */
public class DossierLanguageTest {
    private static final Path GOLDEN = Path.of("src/test/resources/corpus");
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static RuleSet rules;
    private static Analyzer analyzer;

    @BeforeAll
    static void init() {
        analyzer = new Analyzer(rules(), IngestLimits.DEFAULT, AuthenticityChecker.offline(), DossierFixtures.CLOCK);
    }

    private static synchronized RuleSet rules() {
        if (rules == null) {
            rules = RuleSetLoader.loadDefault();
        }
        return rules;
    }

    static CaseEmail caseOf(byte[] bytes, String fileName) throws Exception {
        ReceivedEmail email = TestEmails.read(bytes, fileName);
        Analysis analysis = analyzer.analyzeRead(email, AnalysisOptions.DEFAULT);
        return new CaseEmail(analysis, bytes, email);
    }

    /**
     * @return what the dossier and the letters of {@code ce} in {@code language} show that the reader should not see
     *         (an empty list when they are clean), each prefixed with the document
     */
    public static List<String> leaks(CaseEmail ce, Language language) {
        Dossier d = new DossierBuilder(rules(), DossierFixtures.CLOCK).build(List.of(ce), DossierFixtures.complainant(),
                language);
        boolean french = language == Language.FR;
        String message = LanguageLeaks.messageText(ce.email());
        List<String> out = new ArrayList<>();
        for (String leak : LanguageLeaks.find(LanguageLeaks.ownText(TEMPLATES.dossierXhtml(d)), message, french)) {
            out.add("dossier: " + leak);
        }
        for (LetterKind k : d.letterKinds()) {
            String text = LanguageLeaks.withoutQuotes(TEMPLATES.letterText(d, k));
            for (String leak : LanguageLeaks.find(text, message, french)) {
                out.add(k + ": " + leak);
            }
        }
        return out;
    }

    @Test
    void noGoldenMessageLeavesACodeOrEnglishProseInTheFrenchOrEnglishDossierAndLetters() throws Exception {
        List<Path> cases;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() > 50, "the golden corpus is there: " + cases.size());
        List<String> found = new ArrayList<>();
        for (Path c : cases) {
            CaseEmail ce = caseOf(Files.readAllBytes(c.resolve("message.eml")), c.getFileName() + ".eml");
            for (Language language : Language.values()) {
                for (String leak : leaks(ce, language)) {
                    found.add(c.getFileName() + " " + language + " " + leak);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theDossierFixturesToo() throws Exception {
        List<String> found = new ArrayList<>();
        for (String name : List.of(DossierFixtures.NEWSLETTER, "dossier/garden-sale-fr.eml")) {
            CaseEmail ce = caseOf(TestEmails.resource(name), name);
            for (Language language : Language.values()) {
                leaks(ce, language).forEach(l -> found.add(name + " " + language + " " + l));
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void everyReadingAnomalyIsWordedInBothLanguages() {
        for (AnomalyCode code : AnomalyCode.values()) {
            for (Locale l : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                String label = DetectLabels.label("anomaly." + code.name(), l);
                assertFalse(label.startsWith("anomaly."), code + " has no " + l + " label");
            }
        }
    }

    /** The checker itself finds what a new user found, so that a test passing on clean text means something. */
    @Test
    void theCheckerFindsCodesAndEnglishProseButNotTheMessagesOwnWords() {
        String message = "Subject: Order Confirmation for Zoo\nSe désinscrire";
        assertEquals(1, LanguageLeaks.find("SIREN 812345678 (check key fails) pied de message", message, true)
                .stream().filter(l -> l.contains("'check'")).count());
        assertFalse(LanguageLeaks.find("contient l'adresse du destinataire (urlencoded)", message, true).isEmpty());
        assertFalse(LanguageLeaks.find("subject-confirmation transactionnel", message, true).isEmpty());
        assertFalse(LanguageLeaks.find("subject-confirmation transactional", message, false).isEmpty());
        assertFalse(LanguageLeaks.find("masqué (CSS_HIDDEN_ANCESTOR)", message, true).isEmpty());
        assertEquals(List.of(), LanguageLeaks.find("objet annonçant une confirmation – Subject: Order Confirmation "
                + "for Zoo – un sous-domaine de l'expéditeur, sur https://t.example/a-b-c", message, true));
        assertEquals(List.of(), LanguageLeaks.find(LanguageLeaks.ownText(
                "<p>Extrait : « the newsletter-wording » <span class=\"mono\">utm-source</span></p>"), message, true));
    }

    /** A new user's French dossier of a garden-shop newsletter, section by section. */
    @Test
    void theGardenShopNewsletterIsWordedInFrenchWithEachCueOnce() throws Exception {
        CaseEmail ce = caseOf(TestEmails.resource("dossier/garden-sale-fr.eml"), "garden-sale-fr.eml");
        Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(ce), DossierFixtures.complainant(),
                Language.FR);
        String fr = DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(d));
        // the number as read, its check worded in French
        assertTrue(fr.contains("523456781 (clé de contrôle invalide)"), fr);
        assertFalse(fr.contains("check key"), fr);
        // how the address is encoded, in French, wherever it is said
        assertTrue(fr.contains("contient l'adresse du destinataire (encodée en Base64)"), fr);
        assertFalse(fr.contains("(base64"), fr);
        // the subject matched two promotional phrases: one row says so
        long subjectRows = d.primary().cues().stream().filter(c -> c.evidence() != null
                && c.evidence().startsWith("Subject:") && c.code().equals("promotional-wording")).count();
        assertEquals(1, subjectRows, d.primary().cues().toString());
        assertTrue(ce.analysis().assessment().cues().stream().filter(c -> c.evidence() != null
                && c.evidence().startsWith("Subject:")).count() >= 2, "the analysis itself counts both phrases");

        String en = DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(new DossierBuilder(rules, DossierFixtures.CLOCK)
                .build(List.of(ce), DossierFixtures.complainant(), Language.EN)));
        assertTrue(en.contains("523456781 (check digit invalid)"), en);
        assertTrue(en.contains("contains the recipient's address (Base64-encoded)"), en);
    }

    /** An order confirmation's cue "the subject states a confirmation" is worded, never shown as its code. */
    @Test
    void theSubjectConfirmationCueIsWordedInBothLanguages() throws Exception {
        CaseEmail ce = caseOf(Files.readAllBytes(GOLDEN.resolve("x02-transactional-clean/message.eml")),
                "x02.eml");
        assertTrue(ce.analysis().assessment().cues().stream().anyMatch(c -> c.code().equals("subject-confirmation")),
                ce.analysis().assessment().cues().toString());
        String fr = DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(new DossierBuilder(rules, DossierFixtures.CLOCK)
                .build(List.of(ce), DossierFixtures.complainant(), Language.FR)));
        String en = DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(new DossierBuilder(rules, DossierFixtures.CLOCK)
                .build(List.of(ce), DossierFixtures.complainant(), Language.EN)));
        assertTrue(fr.contains("objet annonçant une confirmation (commande, réservation ou compte)"), fr);
        assertTrue(en.contains("subject announcing a confirmation (order, booking or account)"), en);
        assertFalse(fr.contains("subject-confirmation") || en.contains("subject-confirmation"));
    }
}
