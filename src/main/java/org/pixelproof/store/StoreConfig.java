package org.pixelproof.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how long PixelProof keeps what users upload ({@code pixelproof.*} in {@code application.properties}).
 *
 * <p>The embedded H2 database lives in {@link #dataDir()}: its JDBC URL is built from it in
 * {@code application.properties} ({@code quarkus.datasource.h2.jdbc.url}). To use PostgreSQL instead, deactivate the
 * {@code h2} datasource and activate and configure the {@code postgresql} one (see the README).
 */
@ConfigMapping(prefix = "pixelproof")
public interface StoreConfig {

    /**
     * @return the folder of the embedded database ({@code pixelproof.data-dir}); default {@code ./data}. A relative
     *         path must start with {@code ./} or {@code ../} (an H2 rule).
     */
    @WithDefault("./data")
    Path dataDir();

    /**
     * @return how long an analysis, its original message, the complainant's details and the generated documents are
     *         kept after the upload ({@code pixelproof.retention}, e.g. {@code 30d}, {@code 12h}, {@code P7D}); default
     *         30 days
     */
    @WithDefault("30d")
    Duration retention();

    /**
     * @return how often the purge of expired analyses runs ({@code pixelproof.purge-every}, a Quarkus scheduler
     *         interval such as {@code 1h} or {@code 10m}); default one hour. Expired analyses are hidden at once; the
     *         purge erases their rows.
     */
    @WithDefault("1h")
    String purgeEvery();
}
