package org.pixelproof.web;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * CDI producers for the pipeline's shared, thread-safe objects. The rule set is loaded at start-up: a broken rule file
 * stops the application with the loader's message, which names the file and the line.
 */
@ApplicationScoped
public class PipelineProducers {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PipelineProducers.class);

    /** @return the UTC system clock (tests may provide another). */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * @return the rule set shipped in {@code legal-rules/} (or {@code pixelproof.rules.dir}), loaded and validated at
     *         start-up
     * @throws org.pixelproof.rules.RuleSetException when a rule file is broken: start-up stops with its message,
     *                                               which names the file and the line
     */
    @Produces
    @Singleton
    @Startup
    RuleSet ruleSet(RulesConfig config) {
        RuleSet rules = config.dir().map(RuleSetLoader::load).orElseGet(RuleSetLoader::loadDefault);
        LOG.infof("Rule set %s loaded: %d vendors", rules.version(), rules.vendors().size());
        return rules;
    }

    /** @return the configured ingest limits */
    @Produces
    @Singleton
    IngestLimits ingestLimits(LimitsConfig limits) {
        return limits.toIngestLimits();
    }

    /**
     * @return the DKIM checker honouring {@code pixelproof.dkim.lookup} and {@code pixelproof.dkim.zone-file}
     * @throws java.io.UncheckedIOException when the zone file cannot be read (start-up fails with its name)
     */
    @Produces
    @Singleton
    AuthenticityChecker authenticityChecker(DkimConfig dkim) {
        return AuthenticityChecker.create(dkim.lookup(), dkim.zoneFile().orElse(null));
    }

    /** @return the whole pipeline, shared by every request */
    @Produces
    @Singleton
    Analyzer analyzer(RuleSet rules, IngestLimits limits, AuthenticityChecker authenticity, Clock clock) {
        return new Analyzer(rules, limits, authenticity, clock);
    }

    /** @return the web's seam over the {@link Analyzer} */
    @Produces
    @Singleton
    Pipeline pipeline(Analyzer analyzer) {
        return new Pipeline() {
            @Override
            public org.pixelproof.analysis.Analysis analyze(byte[] raw, String fileName,
                    org.pixelproof.analysis.AnalysisOptions options)
                    throws org.pixelproof.analysis.UnanalysableInputException {
                return analyzer.analyze(raw, fileName, options);
            }

            @Override
            public org.pixelproof.ingest.ReceivedEmail read(byte[] raw, String fileName) {
                return analyzer.read(raw, fileName);
            }
        };
    }
}
