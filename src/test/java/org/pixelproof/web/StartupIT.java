package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 2, item 5: a broken rule file stops the packaged application at start-up, with a message that names the
 * file and the line. Skipped when the application has not been packaged.
 */
class StartupIT {
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /**
     * Findings 15: the packaged app starts quietly (no warning about the dossier templates' content type) and
     * listens on 127.0.0.1 only unless told otherwise.
     */
    @Test
    void theAppStartsWithoutTemplateWarningsAndListensOnLocalhostOnly() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "StartupIT skipped: " + JAR + " is missing (run mvn verify)");
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "startup-quiet-");
        Path log = dataDir.resolve("app.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dpixelproof.data-dir=" + dataDir, "-Dquarkus.http.port=0", "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String out = "";
            for (int i = 0; i < 900 && p.isAlive() && !out.contains("Listening on"); i++) {
                Thread.sleep(100);
                out = Files.readString(log);
            }
            assertTrue(out.contains("Listening on: http://127.0.0.1:"), "listens on 127.0.0.1 only:\n" + out);
            assertFalse(out.contains("Unable to detect the content type"), out);
            assertFalse(out.contains("0.0.0.0"), out);
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aBrokenRuleFileStopsStartUpNamingFileAndLine() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "StartupIT skipped: " + JAR + " is missing (run mvn verify)");
        Path rules = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broken-rules-");
        Path source = Path.of("legal-rules");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = rules.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path markers = rules.resolve("markers.yaml");
        long lines = Files.readAllLines(markers).size();
        Files.writeString(markers, "\n  - id: [unclosed\n", StandardOpenOption.APPEND);

        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "startup-data-");
        Path log = dataDir.resolve("app.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dpixelproof.rules.dir=" + rules, "-Dpixelproof.data-dir=" + dataDir,
                "-Dquarkus.http.port=0", "-Dquarkus.http.host=127.0.0.1", "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log);
        assertTrue(ended, "the application must not start with a broken rule file:\n" + out);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("markers.yaml"), "the message names the file:\n" + out);
        assertTrue(out.matches("(?s).*markers\\.yaml[^\\n]*\\b(" + (lines + 1) + "|" + (lines + 2) + ")\\b.*"),
                "the message names the line (" + (lines + 2) + "):\n" + out);
        assertFalse(out.contains("Listening on"), out);
    }
}
