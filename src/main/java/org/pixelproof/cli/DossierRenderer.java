package org.pixelproof.cli;

import java.util.List;
import org.pixelproof.analysis.Analysis;

/**
 * Renders an evidence dossier (PDF) for one e-mail or for several e-mails of the same sender. Thread-safe: workers
 * call it concurrently.
 */
interface DossierRenderer {

    /**
     * One e-mail of a dossier.
     *
     * @param analysis its analysis
     * @param raw      its original bytes (embedded in the PDF; their SHA-256 is the analysis's)
     * @param outlook  true when {@code raw} is an Outlook {@code .msg} file
     */
    record Item(Analysis analysis, byte[] raw, boolean outlook) {
    }

    /**
     * @param items one or more e-mails, in the order the dossier lists them
     * @return the PDF's bytes
     * @throws Exception when the dossier cannot be rendered; the message is shown to the user and must carry no
     *                   personal data
     */
    byte[] render(List<Item> items) throws Exception;
}
