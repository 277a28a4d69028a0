package org.pixelproof.cli;

import java.nio.file.Path;
import java.util.List;
import org.pixelproof.ingest.IngestLimits;

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
     * @param limits      the ingest limits the originals are read again with
     */
    record DossierSettings(String language, org.pixelproof.dossier.Complainant complainant, IngestLimits limits) {
    }

    /**
     * @return the renderer
     * @throws IllegalArgumentException with a message for the user when dossiers cannot be rendered by this build
     */
    DossierRenderer dossiers(DossierSettings settings);

    /**
     * @return the folder where the run's temporary files go (the per-sender dossiers' spool, the names kept for
     *         duplicate detection), or {@code null} for the system's temporary folder ({@code java.io.tmpdir})
     */
    default Path temporaryFolder() {
        return null;
    }

    /** The production back-ends: the whole pipeline of {@code org.pixelproof}. */
    Backends DEFAULT = new PipelineBackends();
}
