package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * A value taken from the e-mail (subject, display name, footer address) can carry line breaks (RFC 2047 encodes any
 * character): the letters must keep it on one line, so that the sender cannot write a paragraph into the
 * complainant's letter.
 */
class LetterLineInjectionTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    /** Every line break or control character the tests inject. */
    private static final String BREAKS = "\r\n\u2028\u2029\u0085\u000B\u000C";

    private static final Pattern ANY_BREAK_BUT_LF = Pattern.compile("[\\r\\u2028\\u2029\\u0085\\u000B\\u000C]");

    @Test
    void oneLineCollapsesEveryKindOfLineBreak() {
        assertEquals("a b", DossierTemplates.oneLine("a\r\n\r\nb"));
        assertEquals("a b c d e f g", DossierTemplates.oneLine("a\u2028b\u2029c\u0085d\u000Be\u000Cf\tg"));
        assertEquals("a b", DossierTemplates.oneLine("a \n \n b"));
        assertEquals("a\u00A0b", DossierTemplates.oneLine("a\u00A0b"));
        assertNull(DossierTemplates.oneLine(null));
    }

    @Test
    void subjectDisplayNameAndFooterAddressStayOnOneLineInEveryLetter() {
        String injected = "J'ai consenti au suivi et je retire ma plainte.";
        CaseEmail c = DossierFixtures.newsletterCase(p -> {
            SenderIdentity s = p.sender();
            SenderIdentity hostile = new SenderIdentity(s.fromAddress(), "Maison Lumière" + BREAKS + injected,
                    s.fromDomain(), s.replyTo(), s.returnPath(), s.dkimDomains(), s.listUnsubscribe(),
                    s.organisationName() + "\n\n" + injected, "12 rue des Artisans" + BREAKS + injected,
                    s.siren(), s.siret(), s.sirenValid(), s.privacyPolicyUrl(), s.dpoContact(), s.clues(),
                    s.missing(), s.privacyPolicyUrlStatus(), s.identityCaveats());
            return p.sender(hostile);
        });
        Analysis a = c.analysis();
        Analysis withSubject = DossierFixtures.with(
                DossierFixtures.newsletterAnalysis(DossierFixtures.newsletterBytes(),
                        "Soldes »\n\n" + injected + BREAKS + "« fin"),
                p -> p.sender(a.sender()));
        CaseEmail hostile = new CaseEmail(withSubject, c.original(), c.email());
        for (Language lang : Language.values()) {
            Dossier d = DossierFixtures.builder().build(List.of(hostile), DossierFixtures.complainant(), lang);
            for (LetterKind kind : List.of(LetterKind.CNIL_COMPLAINT, LetterKind.DPO_REQUEST)) {
                String text = TEMPLATES.letterText(d, kind);
                assertNoInjectedLine(text, injected, lang + " " + kind);
                String xhtml = TEMPLATES.letterXhtml(d, kind);
                assertFalse(xhtml.contains("<p>J&#39;ai consenti") || xhtml.contains("<br/>J&#39;ai consenti"),
                        lang + " " + kind + " PDF: injected paragraph\n" + xhtml);
            }
            // the complainant's own address keeps its two lines in the letter to the DPO
            String dpo = TEMPLATES.letterText(d, LetterKind.DPO_REQUEST);
            assertTrue(dpo.contains("8 allée des Tilleuls\n69003 Lyon\n"), dpo);
        }
    }

    @Test
    void aSubjectCannotCloseTheQuotationMarksAroundIt() {
        Analysis a = DossierFixtures.newsletterAnalysis(DossierFixtures.newsletterBytes(),
                "Soldes » J'ai consenti au suivi. « fin \u201D I consented. \u201C end \" x");
        CaseEmail c = new CaseEmail(a, DossierFixtures.newsletterBytes(), DossierFixtures.newsletterEmail());
        Dossier fr = DossierFixtures.builder().build(List.of(c), DossierFixtures.complainant(), Language.FR);
        for (LetterKind kind : List.of(LetterKind.CNIL_COMPLAINT, LetterKind.DPO_REQUEST)) {
            String text = DossierTemplatesTest.plain(TEMPLATES.letterText(fr, kind));
            assertTrue(text.contains("« Soldes \u201D J'ai consenti au suivi. \u201C fin \u201D I consented. \u201C end"
                    + " \" x »"), kind + "\n" + text);
            assertFalse(text.contains("Soldes » J'ai"), kind + "\n" + text);
        }
        assertTrue(DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(fr)).contains("Soldes \u201D J&#39;ai consenti"),
                "the dossier quotes it the same way");
        Dossier en = DossierFixtures.builder().build(List.of(c), DossierFixtures.complainant(), Language.EN);
        String text = TEMPLATES.letterText(en, LetterKind.CNIL_COMPLAINT);
        assertTrue(text.contains("\u201CSoldes » J'ai consenti au suivi. « fin \u2019 I consented. \u2018 end ' x\u201D"),
                text);
        assertEquals(null, DossierTemplates.nestedQuotes(null, true));
    }

    @Test
    void encodedLineBreaksInARealMessageDoNotReachTheLetters() throws Exception {
        byte[] raw;
        try (InputStream in = getClass().getResourceAsStream("/dossier/subject-line-breaks.eml")) {
            raw = in.readAllBytes();
        }
        Analyzer an = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT, AuthenticityChecker.offline(),
                Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));
        Analysis a = an.analyze(raw, "subject-line-breaks.eml", AnalysisOptions.DEFAULT);
        // the analysis keeps the decoded value as it is: the line breaks are the sender's
        assertTrue(a.message().subject().contains("\n"), a.message().subject());
        CaseEmail c = new CaseEmail(a, raw, an.read(raw, "subject-line-breaks.eml"));
        Complainant me = new Complainant("Léa Martin", "3 rue Kervégan\n44000 Nantes", "lea.martin@example.org",
                null, null, ConsentAsked.NO, null, null, null);
        for (Language lang : Language.values()) {
            Dossier d = DossierFixtures.builder().build(List.of(c), me, lang);
            assertTrue(d.complaintPossible(), "the fixture's pixel should make a complaint possible");
            for (LetterKind kind : List.of(LetterKind.CNIL_COMPLAINT, LetterKind.DPO_REQUEST)) {
                String text = TEMPLATES.letterText(d, kind);
                assertNoInjectedLine(text, "J'accepte le suivi de mes courriels.", lang + " " + kind);
                assertNoInjectedLine(text, "Je renonce à toute plainte.", lang + " " + kind);
                // the subject is quoted, on one line
                assertTrue(text.contains(lang == Language.FR
                        ? "Promo d'automne \u201D J'accepte le suivi de mes courriels. Fin \u201C" // nested: « ... »
                        : "Promo d'automne » J'accepte le suivi de mes courriels. Fin «"), lang + " " + kind + "\n" + text);
            }
        }
    }

    private static void assertNoInjectedLine(String text, String injected, String what) {
        assertFalse(ANY_BREAK_BUT_LF.matcher(text).find(), what + ": a control character or line break is left\n"
                + text);
        for (String line : text.split("\n")) {
            assertFalse(line.strip().startsWith(injected.substring(0, 10)),
                    what + ": the sender wrote a line of the letter\n" + text);
        }
    }
}
