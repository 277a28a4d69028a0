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
 * quoted in the French complaint, the one to file, and read as the complainant's own words.
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
    }
}
