package org.pixelproof.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierTemplates;
import org.pixelproof.dossier.LetterKind;

/**
 * The dossier and its letters as PDFs: the entry point for the web and the command line.
 *
 * <p>A dossier PDF holds, besides its pages, each original as an embedded file (named
 * {@link Dossier.EmailRecord#attachmentName()}, {@code E1-<file name>}, described with its SHA-256): the
 * {@code .eml} ({@code message/rfc822}), or the Outlook {@code .msg} file as the user gave it
 * ({@code application/vnd.ms-outlook}, the name ending with {@code .msg}). It also holds the document information
 * (title, subject and keywords from the template's {@code <title>} and {@code <meta>} elements, author = the
 * complainant when they gave their name, creator = PixelProof and its version) and one bookmark per section. A letter
 * PDF holds the letter alone.
 *
 * <p>Thread-safe.
 */
public final class DossierPdf {
    /** The media type of an Outlook {@code .msg} file (IANA registration {@code application/vnd.ms-outlook}). */
    static final String OUTLOOK_MSG_TYPE = "application/vnd.ms-outlook";

    private final DossierTemplates templates;
    private final PdfRenderer renderer;

    /**
     * @param templates the dossier and letter templates
     * @param renderer  the PDF renderer
     */
    public DossierPdf(DossierTemplates templates, PdfRenderer renderer) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** @return the classpath templates and {@link PdfFonts#standard()}; build once and share. */
    public static DossierPdf standard() {
        return new DossierPdf(DossierTemplates.standard(), new PdfRenderer());
    }

    /** @return the dossier as PDF bytes. */
    public byte[] dossier(Dossier dossier) {
        return renderDossier(dossier).pdf();
    }

    /**
     * @return the dossier as a PDF, with what the renderer asked for (for tests and audits). When the layout of a
     *         message's own HTML fails (hostile or broken CSS), the dossier is rendered again without the rendering of
     *         the messages, whose annex then points to the attached original: a dossier is never lost to an
     *         e-mail's markup.
     */
    public PdfOutput renderDossier(Dossier dossier) {
        List<PdfAttachment> files = new ArrayList<>();
        for (Dossier.EmailRecord e : dossier.emails()) {
            files.add(new PdfAttachment(e.attachmentName(),
                    e.label() + " original message, SHA-256 " + e.sha256(),
                    e.outlookMsg() ? OUTLOOK_MSG_TYPE : "message/rfc822", e.original()));
        }
        try {
            return renderer.render(templates.dossierXhtml(dossier), info(dossier), files);
        } catch (RuntimeException | StackOverflowError layoutFailed) {
            if (dossier.emails().stream().allMatch(e -> e.previewXhtml().isEmpty())) {
                throw layoutFailed;
            }
            Dossier plain = dossier.withoutRenderings();
            return renderer.render(templates.dossierXhtml(plain), info(plain), files);
        }
    }

    /** @return one letter alone as PDF bytes. */
    public byte[] letter(Dossier dossier, LetterKind kind) {
        return renderLetter(dossier, kind).pdf();
    }

    /** @return one letter alone as a PDF, with what the renderer asked for. */
    public PdfOutput renderLetter(Dossier dossier, LetterKind kind) {
        return renderer.render(templates.letterXhtml(dossier, kind), info(dossier), List.of());
    }

    private static PdfDocumentInfo info(Dossier d) {
        return new PdfDocumentInfo(null, null, d.complainant().name(), null, "PixelProof " + d.toolVersion(),
                d.generatedAt());
    }
}
