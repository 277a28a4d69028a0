package org.pixelproof.web;

import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * What the web layer asks of the analysis pipeline: the seam between HTTP and {@link org.pixelproof.analysis.Analyzer}
 * (tests replace it to provoke failures). Implementations are thread-safe.
 */
public interface Pipeline {

    /**
     * @param raw      the uploaded bytes
     * @param fileName the uploaded file's name, display only, or {@code null}
     * @param options  extra recipients and the id to use
     * @return the analysis
     * @throws UnanalysableInputException when the input is empty, not a message or too large
     */
    Analysis analyze(byte[] raw, String fileName, AnalysisOptions options) throws UnanalysableInputException;

    /**
     * @param raw      bytes previously analysed
     * @param fileName display name or {@code null}
     * @return the message as read (for the safe preview and the cleaned copies)
     */
    ReceivedEmail read(byte[] raw, String fileName);
}
