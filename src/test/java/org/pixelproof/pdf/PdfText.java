package org.pixelproof.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Test helper: what a PDF says, read back with PDFBox (text per page, metadata, bookmarks, embedded files, fonts),
 * never its bytes.
 */
record PdfText(List<String> pages, Map<String, String> info, List<String> bookmarks,
        Map<String, byte[]> attachments, Map<String, String> attachmentDescriptions, List<String> fonts,
        List<String> unembeddedFonts, java.time.Instant created) {

    static PdfText of(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(doc));
            }
            var di = doc.getDocumentInformation();
            Map<String, String> info = new LinkedHashMap<>();
            info.put("title", di.getTitle());
            info.put("subject", di.getSubject());
            info.put("author", di.getAuthor());
            info.put("keywords", di.getKeywords());
            info.put("creator", di.getCreator());
            info.put("producer", di.getProducer());
            List<String> bookmarks = new ArrayList<>();
            var outline = doc.getDocumentCatalog().getDocumentOutline();
            if (outline != null) {
                for (PDOutlineItem item : outline.children()) {
                    bookmarks.add(item.getTitle());
                }
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, String> descriptions = new LinkedHashMap<>();
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            if (names != null && names.getEmbeddedFiles() != null) {
                collect(names.getEmbeddedFiles(), files, descriptions);
            }
            List<String> fonts = new ArrayList<>();
            List<String> unembedded = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                PDResources res = page.getResources();
                for (COSName n : res.getFontNames()) {
                    PDFont f = res.getFont(n);
                    if (!fonts.contains(f.getName())) {
                        fonts.add(f.getName());
                        if (!f.isEmbedded()) {
                            unembedded.add(f.getName());
                        }
                    }
                }
            }
            java.time.Instant created = di.getCreationDate() == null ? null : di.getCreationDate().toInstant();
            return new PdfText(pages, info, bookmarks, files, descriptions, fonts, unembedded, created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(org.apache.pdfbox.pdmodel.common.PDNameTreeNode<PDComplexFileSpecification> node,
            Map<String, byte[]> files,
            Map<String, String> descriptions) throws IOException {
        if (node.getNames() != null) {
            for (Map.Entry<String, PDComplexFileSpecification> e : node.getNames().entrySet()) {
                PDComplexFileSpecification spec = e.getValue();
                String name = spec.getFileUnicode() != null ? spec.getFileUnicode() : spec.getFile();
                files.put(name, spec.getEmbeddedFile().toByteArray());
                descriptions.put(name, spec.getFileDescription());
            }
        }
        if (node.getKids() != null) {
            for (var kid : node.getKids()) {
                collect(kid, files, descriptions);
            }
        }
    }

    /** @return the whole text. */
    String text() {
        return String.join("\n", pages);
    }

    /** @return the whole text with line breaks joined into spaces and runs of spaces collapsed. */
    String flat() {
        return text().replaceAll("[\\s\\u00A0\\u202F]+", " ");
    }

    /** @return the whole text without any white space, to find tokens a line break may have cut. */
    String compact() {
        return text().replaceAll("[\\s\\u00A0\\u202F]+", "");
    }
}
