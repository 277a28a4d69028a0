package org.pixelproof.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.store.AnalysisStore;
import org.pixelproof.store.StoredAnalysis;

/**
 * The web's use cases over the pipeline and the store: analyse an upload and keep it, fetch, erase. Shared by the
 * pages and the REST API. Logs nothing about the messages. Thread-safe.
 */
@ApplicationScoped
public class Analyses {

    @Inject
    Pipeline pipeline;

    @Inject
    AnalysisStore store;

    @Inject
    LimitsConfig limits;

    @Inject
    HeavyWork heavy;

    /** @return the upload limit in bytes ({@code pixelproof.limits.max-message-bytes}). */
    public long maxUploadBytes() {
        return limits.maxMessageBytes();
    }

    /**
     * Analyses an upload and stores the analysis with the original bytes.
     *
     * @param raw       the bytes, at most {@link #maxUploadBytes()}
     * @param fileName  the file's name as uploaded, or {@code null}
     * @param recipient an extra recipient address to search for, or blank
     * @return the stored analysis
     * @throws UnanalysableInputException when the bytes are too large, empty or not an e-mail
     * @throws SeveralMessagesException    when the bytes are an mbox holding several messages (see
     *                                     {@link MailboxShape}); nothing is stored
     * @throws ServerBusyException         when no turn for the analysis came in time ({@link HeavyWork})
     * @throws AnalysisTimeoutException    when the analysis ran longer than {@code pixelproof.analysis.timeout}
     *                                     ({@link HeavyWork#runAnalysis}); nothing is stored
     */
    public StoredAnalysis create(byte[] raw, String fileName, String recipient) throws UnanalysableInputException {
        if (raw.length > limits.maxMessageBytes()) {
            throw new UnanalysableInputException(new Anomaly(AnomalyCode.MESSAGE_TOO_LARGE, "1",
                    "upload of " + raw.length + " bytes exceeds the limit of " + limits.maxMessageBytes() + " bytes"));
        }
        if (raw.length == 0) {
            throw new UnanalysableInputException(new Anomaly(AnomalyCode.EMPTY_INPUT, "1", "the upload is empty"));
        }
        int messages = MailboxShape.messageCount(raw);
        if (messages > 1) {
            throw new SeveralMessagesException(messages);
        }
        List<String> extra = recipient == null || recipient.isBlank() ? List.of() : List.of(recipient.strip());
        // Only the analysis runs under the time limit; storing comes after it returned, on this thread, so that an
        // abandoned analysis leaves nothing behind, even when its worker ends it after the request gave up.
        Analysis analysis = heavy.runAnalysis(() -> pipeline.analyze(raw, safeName(fileName),
                new AnalysisOptions(extra, null)));
        store.save(analysis, raw);
        return store.record(analysis.id()).orElseThrow();
    }

    /** @return the analysis with this id when it exists and has not expired (malformed ids included: empty). */
    public Optional<StoredAnalysis> find(String id) {
        return store.record(id);
    }

    /** @return the original bytes, checked against their SHA-256 (see {@link AnalysisStore#original}). */
    public Optional<byte[]> original(String id) {
        return store.original(id);
    }

    /** @return true when the analysis existed and everything about it was erased. */
    public boolean delete(String id) {
        return store.delete(id);
    }

    /** @return the complainant's details given for this analysis, if any. */
    public Optional<ComplainantDetails> complainant(String id) {
        return store.complainant(id, ComplainantDetails.class);
    }

    /** @return false when the analysis does not exist. */
    public boolean saveComplainant(String id, ComplainantDetails details) {
        return store.saveComplainant(id, details);
    }

    /**
     * @return a file name safe to show and to put in a header: the last path segment, without control characters,
     *         at most 200 characters; {@code null} stays {@code null}
     */
    static String safeName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String n = fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        n = n.replaceAll("[\\p{Cntrl}\"]", "_").strip();
        if (n.length() > 200) {
            n = n.substring(0, 200);
        }
        return n.isEmpty() ? null : n;
    }
}
