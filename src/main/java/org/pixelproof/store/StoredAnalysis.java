package org.pixelproof.store;

import java.time.Instant;
import java.util.Objects;
import org.pixelproof.analysis.Analysis;

/**
 * An analysis as kept by {@link AnalysisStore}, with its retention dates. Immutable and thread-safe.
 *
 * @param analysis  the analysis
 * @param createdAt when it was stored (UTC)
 * @param expiresAt when the scheduled purge erases it (UTC)
 */
public record StoredAnalysis(Analysis analysis, Instant createdAt, Instant expiresAt) {
    public StoredAnalysis {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
