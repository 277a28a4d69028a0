package org.pixelproof.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The storage tests on a real PostgreSQL, when one is given: system properties or environment variables
 * {@code PIXELPROOF_TEST_PG_URL} (a JDBC URL), {@code PIXELPROOF_TEST_PG_USER}, {@code PIXELPROOF_TEST_PG_PASSWORD}.
 * {@code .ci/run} starts one and sets them. Skipped with a message otherwise. The schema is wiped before each test:
 * point it at a throw-away database.
 */
class PostgresAnalysisStoreTest extends AnalysisStoreContract {

    static String setting(String name) {
        String v = System.getProperty(name);
        return v != null ? v : System.getenv(name);
    }

    @Override
    DataSource dataSource() throws Exception {
        String url = setting("PIXELPROOF_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(),
                "PostgreSQL storage tests skipped: set PIXELPROOF_TEST_PG_URL, PIXELPROOF_TEST_PG_USER and "
                        + "PIXELPROOF_TEST_PG_PASSWORD (as .ci/run does) to run them");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(setting("PIXELPROOF_TEST_PG_USER"));
        ds.setPassword(setting("PIXELPROOF_TEST_PG_PASSWORD"));
        try (Connection c = ds.getConnection()) {
            assumeTrue(c.isValid(5), "PostgreSQL at " + url + " is not reachable");
        }
        return ds;
    }
}
