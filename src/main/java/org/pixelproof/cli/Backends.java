package org.pixelproof.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.OutlookMsgReader;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * Builds what the command runs on: the engine, the dossier renderer and the container readers. The production
 * implementation is {@link #DEFAULT}; tests may substitute their own.
 */
interface Backends {

    /**
     * The engine's settings, from the command line.
     *
     * @param limits       the ingest limits preset
     * @param recipients   extra recipient addresses to search for in URLs
     * @param dkimLookup   whether DKIM keys may be looked up in the DNS
     * @param dkimZoneFile a DNS master file answering DKIM key lookups offline, or {@code null}
     */
    record EngineSettings(IngestLimits limits, List<String> recipients, boolean dkimLookup, Path dkimZoneFile) {
    }

    /**
     * @return the engine, shared by the workers
     * @throws IllegalArgumentException with a message for the user when a setting cannot be honoured (e.g. an
     *                                  unreadable zone file)
     */
    Engine engine(EngineSettings settings);

    /** @return the mbox and {@code .msg} readers */
    MailboxFormats mailboxFormats();

    /**
     * The dossiers' settings, from the command line.
     *
     * @param language    {@code fr} or {@code en}
     * @param complainant who complains, or {@code null} when not given
     */
    record DossierSettings(String language, Complainant complainant) {
    }

    /**
     * @return the renderer
     * @throws IllegalArgumentException with a message for the user when dossiers cannot be rendered by this build
     */
    DossierRenderer dossiers(DossierSettings settings);

    /** The production back-ends: the whole pipeline of {@code org.pixelproof}. */
    Backends DEFAULT = new Backends() {
        @Override
        public Engine engine(EngineSettings s) {
            AuthenticityChecker checker = AuthenticityChecker.offline();
            if (s.dkimLookup() || s.dkimZoneFile() != null) {
                // TODO(cli): use the DNS / zone-file factories of AuthenticityChecker once they land
                throw new IllegalArgumentException("DKIM key lookups are not available in this build yet");
            }
            Analyzer analyzer = new Analyzer(RuleSetLoader.loadDefault(), s.limits(), checker, Clock.systemUTC());
            AnalysisOptions options = new AnalysisOptions(s.recipients(), null);
            OutlookMsgReader outlook = new OutlookMsgReader(new EmailParser(s.limits()));
            return new Engine() {
                @Override
                public Analysis analyze(byte[] raw, String name) throws UnanalysableInputException {
                    return analyzer.analyze(raw, name, options);
                }

                @Override
                public Analysis analyzeOutlookMsg(byte[] msg, String name) throws UnanalysableInputException {
                    return analyzer.analyzeRead(outlook.read(msg, name), options);
                }
            };
        }

        @Override
        public MailboxFormats mailboxFormats() {
            return new IngestMailboxFormats();
        }

        @Override
        public DossierRenderer dossiers(DossierSettings settings) {
            // TODO(cli): use the dossier/pdf API once it lands
            throw new IllegalArgumentException("PDF dossiers are not available in this build yet");
        }
    };
}
