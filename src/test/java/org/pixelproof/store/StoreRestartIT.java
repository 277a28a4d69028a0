package org.pixelproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;

/**
 * A stored analysis survives a restart of the real, packaged application: the test starts
 * {@code target/quarkus-app/quarkus-run.jar} on a fresh data folder, stops it, stores an analysis in that folder's
 * database, and starts the application again (twice) to read it over HTTP and erase it. Skipped when the application
 * has not been packaged (run it with {@code mvn verify}).
 */
class StoreRestartIT extends PackagedApp {

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

        // 3. Second start: the analysis is served, equal to what was stored; another is uploaded through the API.
        String uploaded;
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
            uploaded = upload(port);
        } finally {
            stop(app);
        }

        // 4. Third start: the analysis uploaded through the API survived too; erase the first one over HTTP; a
        // fourth start shows it is gone for good.
        app = start(dataDir, port);
        try {
            HttpResponse<String> u = get(port, "/api/analyses/" + uploaded);
            assertEquals(200, u.statusCode(), u.body());
            assertEquals(200, get(port, "/analyses/" + uploaded + "/dossier.pdf").statusCode(),
                    "the dossier is rebuilt from the stored original after a restart");
            HttpResponse<String> d = http.send(HttpRequest.newBuilder(uri(port, "/api/analyses/" + analysis.id()))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, d.statusCode());
        } finally {
            stop(app);
        }
        app = start(dataDir, port);
        try {
            assertEquals(404, get(port, "/api/analyses/" + analysis.id()).statusCode());
            assertEquals(200, get(port, "/api/analyses/" + uploaded).statusCode());
        } finally {
            stop(app);
        }
        AnalysisStore after = new AnalysisStore(ds, AnalysisStoreContract.JSON, Clock.systemUTC(),
                Duration.ofDays(30));
        assertEquals(1, after.count());
        assertTrue(after.original(uploaded).isPresent(), "the uploaded original reads back with its SHA-256");
    }

    /** @return the id of the sample newsletter uploaded through {@code POST /api/analyses}. */
    String upload(int port) throws Exception {
        byte[] eml;
        try (java.io.InputStream in = getClass().getResourceAsStream("/web/tracked-newsletter.eml")) {
            eml = in.readAllBytes();
        }
        String boundary = "restartboundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"email\"; filename=\"n.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.write(eml);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(port, "/api/analyses"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return AnalysisStoreContract.JSON.readTree(r.body()).get("id").asText();
    }
}
