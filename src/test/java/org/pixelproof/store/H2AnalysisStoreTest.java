package org.pixelproof.store;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The storage tests on an H2 file database, as the application uses by default. */
class H2AnalysisStoreTest extends AnalysisStoreContract {

    @Override
    DataSource dataSource() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "h2-store-test"));
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }
}
