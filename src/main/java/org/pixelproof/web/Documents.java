package org.pixelproof.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pixelproof.store.AnalysisStore;
import org.pixelproof.store.StoredAnalysis;

/**
 * The documents made from a stored analysis: the dossier PDF, the letters, the safe preview and the cleaned copies.
 * Generated documents are cached in the store per language and dropped when the complainant's details change.
 * Thread-safe.
 */
@ApplicationScoped
public class Documents {

    /** The letters a user can download alone. */
    public enum Letter {
        /** To the sender's DPO: withdrawal, objection, access and erasure requests. */
        DPO,
        /** The text of a CNIL complaint, to paste into the online form. */
        CNIL,
        /** How to file the complaint. */
        HOWTO
    }

    @Inject
    Analyses analyses;

    @Inject
    AnalysisStore store;

    /**
     * @param stored an analysis
     * @param lang   {@code fr} or {@code en}
     * @return the dossier PDF
     * @throws DocumentUnavailableException until the dossier stage is part of the build
     */
    public byte[] dossierPdf(StoredAnalysis stored, String lang) {
        String id = stored.analysis().id();
        return store.document(id, "dossier", lang).orElseGet(() -> {
            byte[] pdf = renderDossier(stored, lang);
            store.saveDocument(id, "dossier", lang, pdf);
            return pdf;
        });
    }

    private byte[] renderDossier(StoredAnalysis stored, String lang) {
        throw new DocumentUnavailableException("dossier PDF");
    }

    /**
     * @return one letter as plain text (UTF-8)
     * @throws DocumentUnavailableException until the dossier stage is part of the build
     */
    public String letterText(StoredAnalysis stored, Letter letter, String lang) {
        throw new DocumentUnavailableException("letter");
    }

    /**
     * @return one letter as PDF
     * @throws DocumentUnavailableException until the dossier stage is part of the build
     */
    public byte[] letterPdf(StoredAnalysis stored, Letter letter, String lang) {
        throw new DocumentUnavailableException("letter");
    }

    /**
     * @return the safe preview of the message: a complete HTML document where every remote reference is replaced by a
     *         marked placeholder and nothing active remains
     * @throws DocumentUnavailableException until the preview stage is part of the build
     */
    public String safePreview(StoredAnalysis stored, String lang) {
        throw new DocumentUnavailableException("safe preview");
    }

    /**
     * @return the message without its trackers, as an {@code .eml}
     * @throws DocumentUnavailableException until the preview stage is part of the build
     */
    public byte[] cleanedEml(StoredAnalysis stored) {
        throw new DocumentUnavailableException("cleaned copy");
    }

    /**
     * @return the message without its trackers, as a standalone HTML page
     * @throws DocumentUnavailableException until the preview stage is part of the build
     */
    public String cleanedHtml(StoredAnalysis stored, String lang) {
        throw new DocumentUnavailableException("cleaned copy");
    }
}
