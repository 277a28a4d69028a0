package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example {@code --complainant} file, as a new user runs it (November 2026): its free-text answers are
 * quoted in the French complaint, the one to file, and read as the complainant's own words; and a date the e-mail
 * contradicts, which the run warns about on stderr, is not stated as a fact in the PDF either.
 */
class ReadmeComplainantExampleTest {
    /** Sent on 14 October 2025 to alex.martin@example.org, the README example's address. */
    private static final String NEWSLETTER = AnalyzeCommandTest.FIXTURES.resolve("newsletter-1.eml").toString();

    @TempDir
    Path tmp;

    @BeforeAll
    static void stagesAreIn() throws Exception {
        PipelineStages.assumeComplete();
    }

    /** @return the YAML block that follows the README's description of {@code --complainant FILE}. */
    static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int intro = readme.indexOf("`--complainant FILE` is a YAML file");
        assertTrue(intro >= 0, "the README describes --complainant FILE");
        int start = readme.indexOf("```yaml\n", intro);
        int end = readme.indexOf("```", start + 8);
        assertTrue(start > intro && end > start, "an example follows it");
        return readme.substring(start + 8, end);
    }

    /** @return the PDF's text without any white space (line breaks, no-break spaces), to find sentences. */
    private static String compact(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return compact(new PDFTextStripper().getText(doc));
        }
    }

    private static String compact(String s) {
        return s.replaceAll("[\\s\\u00A0\\u202F]+", "");
    }

    private AnalyzeCommandTest.Run run(String yaml, Path dir) throws IOException {
        Path file = Files.writeString(tmp.resolve("complainant.yaml"), yaml);
        return AnalyzeCommandTest.run(Backends.DEFAULT, "analyze", NEWSLETTER, "--pdf", dir.toString(),
                "--complainant", file.toString(), "--lang", "en");
    }

    @Test
    void theReadmeExampleReadsAsTheComplainantsOwnWordsInTheFrenchComplaint() throws IOException {
        Path dir = tmp.resolve("dossiers");
        AnalyzeCommandTest.Run r = run(readmeExample(), dir);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertFalse(r.err().contains("--complainant:"), "nothing to check: " + r.err());
        String pdf = compact(dir.resolve("newsletter-1.pdf"));
        assertTrue(pdf.contains(compact("J'ai communiqué mon adresse à cet organisme le 2 mars 2024, dans les"
                + " circonstances suivantes : « lors de la création de mon compte client ».")), pdf);
        assertTrue(pdf.contains(compact("j'ai adressé une demande à l'organisme, dont voici l'objet tel que je"
                + " l'indique : « J'ai demandé à la société de cesser de suivre l'ouverture de mes e-mails et"
                + " d'effacer ces données »")), pdf);
        assertFalse(pdf.contains(compact("Tocheckbeforesending")), "no point to check");
    }

    @Test
    void aDateTheEmailContradictsIsListedInThePdfAndNotStatedInTheComplaint() throws IOException {
        String yaml = readmeExample();
        assertTrue(yaml.contains("addressGivenOn: 2024-03-02\n"), yaml);
        Path dir = tmp.resolve("late");
        AnalyzeCommandTest.Run r = run(yaml.replace("addressGivenOn: 2024-03-02", "addressGivenOn: 2026-03-02"), dir);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("You say you gave your address on 2 March 2026, after the message was sent (on 14"
                + " October 2025)"), r.err());
        String pdf = compact(dir.resolve("newsletter-1.pdf"));
        assertTrue(pdf.contains(compact("To check before sending: what you stated contradicts the message.")), pdf);
        assertTrue(pdf.contains(compact("You say you gave your address on 2 March 2026, after the message was sent (on"
                + " 14 October 2025): the sender therefore already had it.")), pdf);
        assertTrue(pdf.contains(compact("J'ai communiqué mon adresse à cet organisme [à vérifier : date indiquée, le 2"
                + " mars 2026, postérieure à l'envoi du message ; corrigez ou retirez cette date avant l'envoi], dans"
                + " les circonstances suivantes : « lors de la création de mon compte client ».")), pdf);
        assertFalse(pdf.contains(compact("à cet organisme le 2 mars 2026")), pdf);
        assertFalse(pdf.contains(compact("to this organisation on 2 March 2026")), pdf);
    }
}
