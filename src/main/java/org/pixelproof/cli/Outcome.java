package org.pixelproof.cli;

import java.util.List;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.ingest.Anomaly;

/**
 * What became of one input: its analysis, or the reason it could not be analysed.
 *
 * @param index     the input's position in the run
 * @param name      the input's display name
 * @param analysis  the analysis, or {@code null} when it failed
 * @param error     why it could not be analysed (a short English reason, no content), or {@code null}
 * @param internal  true when {@code error} is a defect of PixelProof rather than a bad input
 * @param limitHits the anomalies that say a limit cut the analysis short; empty when it is complete
 * @param limitNotes the anomalies of a limit that shortened a value without leaving anything unanalysed
 * @param raw       the input's bytes when an output still needs them (per-sender dossiers), else {@code null}
 * @param outlook   true when the input is an Outlook {@code .msg} file
 * @param pdf       the per-e-mail dossier, rendered by the worker, or {@code null}
 * @param pdfError  why the dossier could not be rendered, or {@code null}
 * @param defect    the exception behind an internal error, kept for {@code --debug}, or {@code null}
 * @param duplicateOf the name of an earlier input of the run that held the same message (the same
 *                  {@link #duplicateKey()}: e.g. in a Maildir and in an mbox), or {@code null}; outputs that count
 *                  e-mails (summary, per-sender dossiers) count it once
 * @param duplicateKey the key on which copies of one message are recognised ({@link DuplicateKey}: its SHA-256 with
 *                  line ends set aside), or {@code null} when it failed
 * @param member    the message's 1-based number in its mbox ({@link Input#member()}), else 0
 */
record Outcome(long index, String name, Analysis analysis, String error, boolean internal, List<Anomaly> limitHits,
        List<Anomaly> limitNotes,
        byte[] raw, boolean outlook, byte[] pdf, String pdfError, Throwable defect, String duplicateOf,
        String duplicateKey, long member) {

    /** An outcome of a file of its own ({@link #member()} 0). */
    Outcome(long index, String name, Analysis analysis, String error, boolean internal, List<Anomaly> limitHits,
            List<Anomaly> limitNotes, byte[] raw, boolean outlook, byte[] pdf, String pdfError, Throwable defect,
            String duplicateOf, String duplicateKey) {
        this(index, name, analysis, error, internal, limitHits, limitNotes, raw, outlook, pdf, pdfError, defect,
                duplicateOf, duplicateKey, 0);
    }

    static Outcome failed(Input input, String error, boolean internal, Throwable defect) {
        return new Outcome(input.index(), input.name(), null, error, internal, List.of(), List.of(), null,
                input.outlook(), null, null, defect, null, null, input.member());
    }

    /** @return this outcome marked as the same message as the earlier input {@code first}, without its dossier */
    Outcome markedDuplicateOf(String first) {
        return new Outcome(index, name, analysis, error, internal, limitHits, limitNotes, raw, outlook, null, null,
                defect, first, duplicateKey, member);
    }

    /**
     * @return true when the input was analysed but ends inside its header fields ({@code HEADERS_NOT_ENDED}, most
     *         likely cut short): it has no body, so that no tracker was found proves nothing
     */
    boolean cutShort() {
        return analysis != null && analysis.anomalies().stream()
                .anyMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.HEADERS_NOT_ENDED);
    }

    /** @return true when an earlier input of the run was the same message. */
    boolean duplicate() {
        return duplicateOf != null;
    }

    boolean ok() {
        return analysis != null;
    }
}
