package org.pixelproof.analysis;

import java.util.List;

/**
 * Per-analysis choices.
 *
 * @param recipientAddresses extra recipient addresses to search for in URLs (e.g. given by the user when the headers
 *                           do not show the real one); may be empty
 * @param id                 the identifier to give the analysis, or {@code null} for a fresh {@link AnalysisIds#newId()}
 */
public record AnalysisOptions(List<String> recipientAddresses, String id) {
    /** No extra recipient, a fresh id. */
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(List.of(), null);

    public AnalysisOptions {
        recipientAddresses = List.copyOf(recipientAddresses);
    }
}
