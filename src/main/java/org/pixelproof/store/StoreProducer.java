package org.pixelproof.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Makes the {@link AnalysisStore} from whichever datasource is active: {@code postgresql} when it was activated
 * ({@code quarkus.datasource.postgresql.active=true}), else the embedded {@code h2} one.
 */
@ApplicationScoped
public class StoreProducer {
    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    @Inject
    @DataSource("h2")
    InjectableInstance<AgroalDataSource> h2;

    @Inject
    @DataSource("postgresql")
    InjectableInstance<AgroalDataSource> postgresql;

    /**
     * @return the store over the active datasource
     * @throws IllegalStateException when neither datasource is active
     */
    @Produces
    @Singleton
    AnalysisStore store(ObjectMapper mapper, Clock clock, StoreConfig config) {
        AgroalDataSource ds;
        if (postgresql.getHandle().getBean().isActive()) {
            LOG.info("Store: PostgreSQL datasource");
            ds = postgresql.get();
        } else if (h2.getHandle().getBean().isActive()) {
            LOG.infof("Store: embedded H2 database in %s", config.dataDir());
            ds = h2.get();
        } else {
            throw new IllegalStateException("No active datasource: activate quarkus.datasource.h2 or "
                    + "quarkus.datasource.postgresql");
        }
        ObjectMapper json = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new AnalysisStore(ds, json, clock, config.retention());
    }
}
