package org.pixelproof.web;

import org.pixelproof.analysis.Analysis;
import org.pixelproof.assess.Verdict;

/**
 * Whether an analysis gives grounds for a complaint or a request to the sender: the one place that decides it, for
 * the web pages (complaint and dossier buttons) and the command line ({@code --pdf}, {@code --by-sender}). Plain
 * Java, no HTTP: the command line calls it too.
 *
 * <p>For now the rule is the verdict: nothing to complain about when no tracker was found
 * ({@link Verdict#NO_TRACKING_FOUND}); a complaint would otherwise ask the CNIL to examine "this tracking" about a
 * message that shows none. The dossier layer is to offer its own test (which may also weigh exemptions and the
 * message class); when it does, this method delegates to it. Stateless and thread-safe.
 */
public final class Complaints {
    private Complaints() {
    }

    /**
     * @param analysis an analysis
     * @return true when a dossier, a complaint or a letter to the DPO about this message makes sense
     */
    public static boolean possible(Analysis analysis) {
        return analysis != null && analysis.verdict() != Verdict.NO_TRACKING_FOUND;
    }
}
