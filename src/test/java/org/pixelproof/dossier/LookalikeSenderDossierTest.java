package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.DetectLabels;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.pdf.DossierPdf;
import org.pixelproof.rules.RuleSetLoader;

/**
 * A "become a taster" phish whose From domain is written in mathematical bold letters (invented brand, modelled on the
 * real 133: {@code noreply@𝗕𝗿𝘂𝗺𝗲.example}, a DKIM signature of {@code brume.example} that does not verify): the
 * dossier, the request to the DPO and the complaint text hedge the sender, give the look-alike reason in the reader's
 * language, and show the From domain as written, never as the domain it imitates.
 */
class LookalikeSenderDossierTest {
    private static final String FIXTURE = "/org/pixelproof/detect/sender-identity/lookalike-from-domain-tester-fr.eml";
    private static final String REASON = "FROM_DOMAIN_LOOKALIKE_CHARACTERS";
    /** "Brume" in Mathematical Sans-Serif Bold. */
    private static final String DOMAIN = "\uD835\uDDD5\uD835\uDDFF\uD835\uDE02\uD835\uDDFA\uD835\uDDF2.example";
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static final Analyzer ANALYZER = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
            AuthenticityChecker.offline(), Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));

    private static CaseEmail caseOf() throws Exception {
        byte[] raw;
        try (InputStream in = LookalikeSenderDossierTest.class.getResourceAsStream(FIXTURE)) {
            raw = in.readAllBytes();
        }
        Analysis a = ANALYZER.analyze(raw, "testeur.eml", AnalysisOptions.DEFAULT);
        return new CaseEmail(a, raw, ANALYZER.read(raw, "testeur.eml"));
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ").replace('\u00A0', ' ');
    }

    @Test
    void theDossierAndTheLettersHedgeTheSenderAndGiveTheLookalikeReason() throws Exception {
        CaseEmail e = caseOf();
        assertEquals(DOMAIN, e.analysis().sender().fromDomain());
        assertTrue(e.analysis().sender().identityCaveats().contains(REASON), e.analysis().sender().toString());
        for (Language l : Language.values()) {
            boolean fr = l == Language.FR;
            Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), l);
            assertTrue(d.organisation().identityDoubtful(), l.toString());
            assertTrue(d.organisation().identityDoubtReasons().contains(REASON), d.organisation().toString());
            assertEquals(DOMAIN, d.organisation().fromDomain(), "the domain as written");
            String label = DetectLabels.label(REASON, fr ? Locale.FRENCH : Locale.ENGLISH).replace('\u00A0', ' ');
            assertTrue(label.contains(fr ? "non qui a envoyé le message" : "not who sent the message"),
                    "the label says what the sign does not prove: " + label);
            String dossier = flat(DossierTemplatesTest.plain(DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(d))));
            assertTrue(dossier.contains(label), l + ": reason worded in the dossier");
            assertTrue(dossier.contains(fr ? "l'identité de l'expéditeur est douteuse"
                    : "the sender's identity is doubtful"), l + ": warning");
            assertTrue(dossier.contains(DOMAIN), l + ": the From domain as written, in the raw header quote");
            assertFalse(dossier.contains("(brume.example)") || dossier.contains("domaine brume.example")
                    || dossier.contains("domain brume.example"), l + ": never given as the domain it imitates");
            String dpo = flat(TEMPLATES.letterText(d, LetterKind.DPO_REQUEST));
            assertTrue(dpo.contains(fr ? "s'il en est bien l'expéditeur" : "if it is indeed the sender"),
                    l + ": DPO letter hedged: " + dpo);
            assertTrue(dpo.contains(label), l + ": DPO letter gives the reason");
            String complaint = flat(TEMPLATES.letterText(d, LetterKind.CNIL_COMPLAINT));
            assertTrue(complaint.contains(fr ? "des indices font douter de l'identité de l'expéditeur"
                    : "some signs cast doubt on the sender's identity"), l + ": complaint hedged: " + complaint);
            assertTrue(complaint.contains(label), l + ": complaint gives the reason");
            assertTrue(complaint.contains(fr ? "L'identité de cet expéditeur est douteuse"
                    : "The sender's identity is doubtful"), l + ": " + complaint);
        }
    }

    /** "Brume" and the dot in the notation of the sender section: the exact characters, one by one. */
    private static final String CODE_POINTS = "U+1D5D5 U+1D5FF U+1D602 U+1D5FA U+1D5F2 . e x a m p l e";

    @Test
    void thePdfAndTheComplaintNameTheImitatedDomainReadablyAndGiveTheCodePointsOnce() throws Exception {
        CaseEmail e = caseOf();
        for (Language l : Language.values()) {
            boolean fr = l == Language.FR;
            Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), l);
            String readable = fr ? "[imitation de \u00AB\u00A0brume.example\u00A0\u00BB en caract\u00E8res"
                    + " d'apparence trompeuse]" : "[imitation of \u201Cbrume.example\u201D in look-alike characters]";
            String text;
            try (PDDocument pdf = Loader.loadPDF(DossierPdf.standard().dossier(d))) {
                text = flat(new PDFTextStripper().getText(pdf));
            }
            String flatReadable = flat(readable);
            assertTrue(text.contains("@" + flatReadable), l + ": the sending address, readable: " + text);
            String org = fr ? "Organisme expéditeur" : "Sending organisation";
            assertTrue(text.contains(org), l.toString());
            assertTrue(text.contains(fr ? "Le domaine de l'adresse d'expédition n'est pas brume.example : c'est un"
                    + " autre nom" : "The domain of the sending address is not brume.example: it is another name"),
                    l + ": says the real domain is not the imitated one");
            assertEquals(1, count(text, Pattern.quote(CODE_POINTS)), l + ": the exact characters, once: " + text);
            // the code points spelled by the renderer ([U+1D5D5]...) are left only in the raw header quote (annex A):
            // one From header, plus the annex's own explanation of the notation
            assertEquals(1, count(text, Pattern.quote("[U+1D5D5]")), l + ": " + text);
            String complaint = flat(TEMPLATES.letterText(d, LetterKind.CNIL_COMPLAINT));
            assertTrue(complaint.contains(flatReadable), l + ": the complaint names the imitated domain: " + complaint);
            assertFalse(complaint.contains(DOMAIN), l + ": no unreadable characters in the complaint: " + complaint);
            assertFalse(complaint.contains("domaine brume.example") || complaint.contains("domain brume.example"),
                    l + ": never given as the sender's domain: " + complaint);
        }
        // the French complaint, the one to file, also in the English dossier
        Dossier en = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), Language.EN);
        String xhtml = flat(DossierTemplatesTest.plain(DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(en))));
        assertTrue(xhtml.contains("[imitation de « brume.example » en caractères d'apparence trompeuse]"), xhtml);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
