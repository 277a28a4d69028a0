package org.pixelproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The packaged application on PostgreSQL, configured exactly as the README says (the {@code h2} datasource off, the
 * {@code postgresql} one on, with URL, user and password): Flyway creates the schema at start-up, and an analysis
 * stored there is served and erased over HTTP. Runs when {@code PIXELPROOF_TEST_PG_URL} (with {@code _USER} and
 * {@code _PASSWORD}) points at a throw-away database, as {@code .ci/run} sets up; skipped otherwise.
 */
class PostgresAppIT extends PackagedApp {

    @Test
    void theApplicationRunsOnPostgresql() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "PostgresAppIT skipped: " + JAR + " is missing (run mvn verify)");
        String url = PostgresAnalysisStoreTest.setting("PIXELPROOF_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "PostgresAppIT skipped: PIXELPROOF_TEST_PG_URL is not set");
        String user = PostgresAnalysisStoreTest.setting("PIXELPROOF_TEST_PG_USER");
        String password = PostgresAnalysisStoreTest.setting("PIXELPROOF_TEST_PG_PASSWORD");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();

        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-app-");
        int port = freePort();
        List<String> pg = List.of("-Dquarkus.datasource.h2.active=false",
                "-Dquarkus.datasource.postgresql.active=true",
                "-Dquarkus.datasource.postgresql.jdbc.url=" + url,
                "-Dquarkus.datasource.postgresql.username=" + user,
                "-Dquarkus.datasource.postgresql.password=" + password);
        Process app = start(dataDir, port, pg);
        try {
            try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "%",
                    new String[] {"TABLE"})) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
                assertTrue(tables.containsAll(AnalysisStoreContract.TABLES), "Flyway created the schema: " + tables);
            }
            byte[] raw = TestAnalyses.message("Sur PostgreSQL");
            Analysis a = TestAnalyses.analysisOf(raw, "Sur PostgreSQL", Instant.now());
            AnalysisStore store = new AnalysisStore(ds, AnalysisStoreContract.JSON, Clock.systemUTC(),
                    Duration.ofDays(30));
            store.save(a, raw);
            HttpResponse<String> r = get(port, "/api/analyses/" + a.id());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("Sur PostgreSQL"));
            HttpResponse<String> d = http.send(HttpRequest.newBuilder(uri(port, "/api/analyses/" + a.id()))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, d.statusCode());
            assertEquals(0, store.count());
            assertTrue(Files.list(dataDir).noneMatch(p -> p.getFileName().toString().startsWith("pixelproof")),
                    "no H2 file is created when PostgreSQL is used");
        } finally {
            stop(app);
        }
    }
}
