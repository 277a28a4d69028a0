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
     */
    Analysis analyze(byte[] raw, String name) throws UnanalysableInputException;
}
