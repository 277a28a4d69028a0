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
 * <p>A dossier PDF holds, besides its pages, each original {@code .eml} as an embedded file (named
 * {@code E1-<file name>}, described with its SHA-256), the document information (title, subject and keywords from the
 * template's {@code <title>} and {@code <meta>} elements, author = the complainant when they gave their name, creator
 * = PixelProof and its version) and one bookmark per section. A letter PDF holds the letter alone.
 *
 * <p>Thread-safe.
 */
public final class DossierPdf {
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
            files.add(new PdfAttachment(e.label() + "-" + safeName(e.fileName()),
                    e.label() + " original message, SHA-256 " + e.sha256(), "message/rfc822", e.original()));
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

    /** @return a file name safe to show in a PDF reader: the original's base name, or {@code message.eml}. */
    static String safeName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "message.eml";
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"*:<>?|]", "_").strip();
        if (base.isEmpty()) {
            return "message.eml";
        }
        if (base.length() > 100) {
            base = base.substring(base.length() - 100);
        }
        return base.toLowerCase(java.util.Locale.ROOT).endsWith(".eml") ? base : base + ".eml";
    }
}
