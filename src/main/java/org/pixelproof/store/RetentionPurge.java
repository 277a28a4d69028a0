package org.pixelproof.store;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Enforces the retention ({@code pixelproof.retention}): every {@code pixelproof.purge-every} (default one hour, and
 * once shortly after start-up) erases the analyses whose time is up, with their originals, complainant details and
 * documents. Logs only counts.
 */
@ApplicationScoped
public class RetentionPurge {
    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    @Inject
    AnalysisStore store;

    /** Runs the purge on schedule. */
    @Scheduled(identity = "retention-purge", every = "${pixelproof.purge-every:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Runs the purge now (tests, operators). @return the number of analyses erased */
    public int purge() {
        int erased = store.purgeExpired();
        if (erased > 0) {
            LOG.infof("Retention purge erased %d expired analyses", erased);
        }
        return erased;
    }
}
