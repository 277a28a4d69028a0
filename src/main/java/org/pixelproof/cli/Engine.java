package org.pixelproof.cli;

import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.UnanalysableInputException;

/**
 * The analysis engine as the command line sees it: a pure function from a message's bytes to its analysis, safe to
 * call from several threads at once. In production it is {@link org.pixelproof.analysis.Analyzer}.
 */
@FunctionalInterface
public interface Engine {
    /**
     * @param raw  the message's RFC 5322 bytes
     * @param name its display name
     * @return the analysis
     * @throws UnanalysableInputException when the input is not an e-mail, is empty or is over the size limit
     * @throws org.pixelproof.ingest.AnalysisCancelledException when the calling thread is interrupted (the run
     *                                                          abandoned the message, {@code --timeout}): an engine
     *                                                          stops soon after the interrupt and returns nothing
     */
    Analysis analyze(byte[] raw, String name) throws UnanalysableInputException;

    /**
     * Analyses an Outlook {@code .msg} file: converted to RFC 5322 by {@code ingest}, the analysis keeps the SHA-256
     * and size of the {@code .msg} itself and an anomaly saying what the conversion lost.
     *
     * @param msg  the {@code .msg} file's bytes
     * @param name its display name
     * @throws UnanalysableInputException when the file is not a readable {@code .msg}
     */
    default Analysis analyzeOutlookMsg(byte[] msg, String name) throws UnanalysableInputException {
        throw new UnsupportedOperationException("Outlook .msg files are not supported by this engine");
    }
}
