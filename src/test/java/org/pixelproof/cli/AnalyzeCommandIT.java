package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the packaged application ({@code target/quarkus-app/quarkus-run.jar}, built by {@code mvn verify}
 * before failsafe runs) started as a separate process, as a user would run it.
 */
class AnalyzeCommandIT {
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Path FIXTURES = Path.of("src/test/resources/cli");
    static final Path REAL = Path.of("../shared/corpus/real");

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void jarIsBuilt() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run 'mvn verify' (or package first): " + JAR + " is missing");
        PipelineStages.assumeComplete();
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("pixelproof did not finish in 10 minutes: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void fixturesGiveOneAnalysisPerEmailAndExitZero() throws Exception {
        Result r = run("analyze", FIXTURES.resolve("newsletter-1.eml").toString(),
                FIXTURES.resolve("order.eml").toString(), FIXTURES.resolve("mixed").toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        JsonNode array = CliJson.mapper().readTree(r.out());
        // 2 files + the mixed folder: 3 mbox messages, 2 Maildir messages, 1 .eml (README ignored, tmp/ skipped)
        assertEquals(8, array.size(), r.err());
        assertEquals(FIXTURES.resolve("mixed/inbox.mbox") + "#1", array.get(2).get("file").asText());
        for (JsonNode a : array) {
            assertTrue(a.hasNonNull("id") && a.hasNonNull("sha256") && a.hasNonNull("verdict"), a.toString());
        }
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void realCorpusGivesOneAnalysisPerEmailAndExitsZero() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(REAL), "../shared/corpus/real is absent: skipped");
        Result r = run("analyze", REAL.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        JsonNode array = CliJson.mapper().readTree(r.out());
        assertEquals(expectedEmails(REAL), array.size(), r.err());
        assertTrue(r.err().contains("By sender"), r.err());
    }

    @Test
    void pdfDossiersCarryTheShaAndEveryTrackerHost() throws Exception {
        List<String> inputs = new ArrayList<>(List.of(FIXTURES.resolve("newsletter-1.eml").toString(),
                FIXTURES.resolve("order.eml").toString()));
        if (Files.isDirectory(REAL)) {
            for (String name : List.of("001-mailchimp-newsletter-de-u1.eml", "003-cleverreach-newsletter-de.eml")) {
                if (Files.exists(REAL.resolve(name))) {
                    inputs.add(REAL.resolve(name).toString());
                }
            }
        }
        Path dir = tmp.resolve("dossiers");
        Path jsonl = tmp.resolve("analyses.jsonl");
        List<String> args = new ArrayList<>(List.of("analyze"));
        args.addAll(inputs);
        args.addAll(List.of("--jsonl", jsonl.toString(), "--pdf", dir.toString()));
        Result r = run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(inputs.size(), lines.size());
        // index.csv says which dossier holds which input
        java.util.Map<String, String> dossierOf = new java.util.HashMap<>();
        List<List<String>> index = AnalyzeCommandTest.readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        for (List<String> row : index.subList(1, index.size())) {
            dossierOf.put(row.get(3), row.get(0));
        }
        int trackersChecked = 0;
        for (String line : lines) {
            JsonNode a = CliJson.mapper().readTree(line);
            String dossier = dossierOf.get(a.get("file").asText());
            if ("NO_TRACKING_FOUND".equals(a.get("verdict").asText())) {
                assertEquals(null, dossier, "no dossier when nothing was found: " + a.get("file").asText());
                continue;
            }
            assertTrue(dossier != null, "no index row for " + a.get("file").asText());
            Path pdf = dir.resolve(dossier);
            assertTrue(Files.isRegularFile(pdf), pdf.toString());
            String text = text(pdf);
            assertTrue(text.contains(a.get("sha256").asText()), pdf + " lacks the SHA-256");
            for (JsonNode t : a.get("trackers")) {
                if (t.hasNonNull("host")) {
                    assertTrue(text.contains(t.get("host").asText()), pdf + " lacks tracker host "
                            + t.get("host").asText());
                    trackersChecked++;
                }
            }
        }
        assertTrue(trackersChecked > 0, "the fixtures have trackers");
    }

    /** @return the PDF's text with all white space removed (long values wrap across lines). */
    static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        }
    }

    /** @return the .eml files of {@code dir} plus the messages of its mbox files (their {@code From } lines). */
    static long expectedEmails(Path dir) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".eml")) {
                    n++;
                } else if (name.endsWith(".mbox")) {
                    n += Files.readAllLines(f, StandardCharsets.ISO_8859_1).stream()
                            .filter(l -> l.startsWith("From ")).count();
                }
            }
        }
        return n;
    }
}
