package org.pixelproof.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;

/** The store as the application wires it: H2 under pixelproof.data-dir, 30 days, the purge scheduled. */
@QuarkusTest
class StoreWiringTest {

    @Inject
    AnalysisStore store;

    @Inject
    RetentionPurge purge;

    @Inject
    Scheduler scheduler;

    @Inject
    StoreConfig config;

    @Test
    void theEmbeddedDatabaseLivesInTheDataDirAndTheRetentionIsThirtyDays() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.h2.jdbc.url", String.class);
        assertTrue(url.startsWith("jdbc:h2:file:" + config.dataDir() + "/"), url);
        assertEquals(Duration.ofDays(30), store.retention());
        assertEquals("1h", config.purgeEvery());
    }

    @Test
    void thePurgeIsScheduledAndRuns() {
        assertNotNull(scheduler.getScheduledJob("retention-purge"), "the retention purge is scheduled");
        byte[] raw = TestAnalyses.message("wired");
        Analysis a = TestAnalyses.analysisOf(raw, "wired", Instant.now());
        store.save(a, raw);
        purge.purge();
        assertTrue(store.find(a.id()).isPresent(), "a fresh analysis is not purged");
        store.delete(a.id());
    }
}
