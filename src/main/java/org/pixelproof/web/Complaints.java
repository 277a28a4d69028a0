package org.pixelproof.web;

import java.util.List;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.assess.Verdict;
import org.pixelproof.dossier.DossierBuilder;

/**
 * Whether an analysis gives grounds for a complaint or a request to the sender: the one place that decides it, for
 * the web pages (complaint and dossier buttons) and the command line ({@code --pdf}, {@code --by-sender}). Plain
 * Java, no HTTP: the command line calls it too.
 *
 * <p>It delegates to the dossier layer's test, {@link DossierBuilder#complaintPossible(java.util.Collection)}:
 * nothing to complain about when no tracker was found ({@link Verdict#NO_TRACKING_FOUND}); a complaint would
 * otherwise ask the CNIL to examine "this tracking" about a message that shows none. A dossier built anyway says so
 * and prepares no letter ({@link org.pixelproof.dossier.Dossier#complaintPossible()}). Stateless and thread-safe.
 */
public final class Complaints {
    private Complaints() {
    }

    /**
     * @param analysis an analysis
     * @return true when a dossier, a complaint or a letter to the DPO about this message makes sense
     */
    public static boolean possible(Analysis analysis) {
        return analysis != null && DossierBuilder.complaintPossible(List.of(analysis));
    }
}
