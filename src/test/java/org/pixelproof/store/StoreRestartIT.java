package org.pixelproof.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;

/**
 * A stored analysis survives a restart of the real, packaged application: the test starts
 * {@code target/quarkus-app/quarkus-run.jar} on a fresh data folder, stops it, stores an analysis in that folder's
 * database, and starts the application again (twice) to read it over HTTP and erase it. Skipped when the application
 * has not been packaged (run it with {@code mvn verify}).
 */
class StoreRestartIT {
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anAnalysisSurvivesRestartsUntilErased() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "StoreRestartIT skipped: " + JAR + " is missing (run mvn verify)");
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-data-");
        int port = freePort();

        // 1. First start: Flyway creates the schema in the new data folder.
        Process app = start(dataDir, port);
        stop(app);

        // 2. With the application stopped, store an analysis in its database file.
        byte[] raw = TestAnalyses.message("Restart me");
        Analysis analysis = TestAnalyses.analysisOf(raw, "Restart me", Instant.now());
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dataDir.resolve("pixelproof") + ";DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("pixelproof");
        ds.setPassword("");
        new AnalysisStore(ds, AnalysisStoreContract.JSON, Clock.systemUTC(), Duration.ofDays(30)).save(analysis, raw);

        // 3. Second start: the analysis is served, equal to what was stored.
        app = start(dataDir, port);
        try {
            HttpResponse<String> r = get(port, "/api/analyses/" + analysis.id());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode json = AnalysisStoreContract.JSON.readTree(r.body());
            assertEquals(analysis.id(), json.get("id").asText());
            assertEquals(analysis.sha256(), json.get("sha256").asText());
            assertEquals("Restart me", json.get("message").get("subject").asText());
            HttpResponse<String> page = get(port, "/analyses/" + analysis.id());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Restart me"));
        } finally {
            stop(app);
        }

        // 4. Third start: erase it over HTTP; a fourth start shows it is gone for good.
        app = start(dataDir, port);
        try {
            HttpResponse<String> d = http.send(HttpRequest.newBuilder(uri(port, "/api/analyses/" + analysis.id()))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, d.statusCode());
        } finally {
            stop(app);
        }
        app = start(dataDir, port);
        try {
            assertEquals(404, get(port, "/api/analyses/" + analysis.id()).statusCode());
        } finally {
            stop(app);
        }
        AnalysisStore after = new AnalysisStore(ds, AnalysisStoreContract.JSON, Clock.systemUTC(),
                Duration.ofDays(30));
        assertEquals(0, after.count());
        assertArrayEquals(new byte[0], new byte[0]);
    }

    Process start(Path dataDir, int port) throws Exception {
        Path log = dataDir.resolve("app-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dpixelproof.data-dir=" + dataDir, "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1", "-Dpixelproof.dkim.lookup=false", "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the application stopped at start-up:\n" + Files.readString(log));
            }
            try {
                if (get(port, "/").statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        p.destroyForcibly();
        throw new AssertionError("the application did not start:\n" + Files.readString(log));
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
