package org.pixelproof.pdf;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfFileSpecification;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfStream;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.pixelproof.ingest.BidiControls;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.pdf.ITextRenderer;
import org.xhtmlrenderer.pdf.PDFCreationListener;

/**
 * Renders an XHTML document with print CSS into a PDF with Flying Saucer over OpenPDF, then adds through OpenPDF's API
 * the embedded files and the document information.
 *
 * <ul>
 *   <li>The XHTML is parsed as strict XML with DTDs and external entities disabled: nothing is fetched while parsing,
 *       and a template that produces malformed XHTML fails loudly ({@link IllegalArgumentException}).</li>
 *   <li>Fonts: see {@link PdfFonts}. Runs of characters the primary fonts lack are given a fallback font, or written
 *       as their code points.</li>
 *   <li>Resources: the renderer's user agent refuses every URI but {@code data:} (see
 *       {@link PdfOutput#refused()}); no stream, connection or DNS lookup is ever made.</li>
 *   <li>Bookmarks: from the {@code <bookmarks>} element of the XHTML head, as Flying Saucer reads it.</li>
 *   <li>Bounds: Flying Saucer lays the whole document out in memory, and breaks a line by copying the rest of its
 *       text node, so a text node of a megabyte (a hostile URL, header or word) costs minutes and a document of
 *       megabytes of text more memory than a server has. Before layout, a run of more than {@value #MAX_WORD_CHARS}
 *       characters without white space (a word no line can hold) and a text node longer than
 *       {@value #MAX_TEXT_NODE_CHARS} characters are cut there, and once the document holds
 *       {@value #MAX_DOCUMENT_TEXT_CHARS} characters of text the following text nodes are emptied; each cut is
 *       marked in the text ("[… N more characters not shown]", in the document's {@code lang}). The dossier's own
 *       limits (its annex's {@code PreviewLimits.ANNEX}) keep real messages far below both.</li>
 * </ul>
 * Thread-safe: each call uses its own renderer.
 */
public final class PdfRenderer {
    private static final Set<String> NO_TEXT_FALLBACK = Set.of("style", "script", "head", "title", "bookmarks",
            "bookmark", "meta");

    /** Longest run of characters without white space laid out, in characters (UTF-16 units): 8,192. */
    public static final int MAX_WORD_CHARS = 8_192;
    /** Longest text node laid out, in characters (UTF-16 units): 65,536. */
    public static final int MAX_TEXT_NODE_CHARS = 65_536;
    /** Most characters of text laid out in one document: 2,000,000 (several hundred pages). */
    public static final int MAX_DOCUMENT_TEXT_CHARS = 2_000_000;

    private final PdfFonts fonts;

    /** A renderer with {@link PdfFonts#standard()}. */
    public PdfRenderer() {
        this(PdfFonts.standard());
    }

    /** @param fonts the fonts to embed */
    public PdfRenderer(PdfFonts fonts) {
        this.fonts = Objects.requireNonNull(fonts, "fonts");
    }

    /** @return the fonts in use. */
    public PdfFonts fonts() {
        return fonts;
    }

    /**
     * @param xhtml       a well-formed XHTML document ({@code <html xmlns="http://www.w3.org/1999/xhtml">}) with its
     *                    CSS inline
     * @param info        the document information to write
     * @param attachments files to embed, in order
     * @return the PDF and what the renderer asked for
     * @throws IllegalArgumentException when {@code xhtml} is not well-formed XML
     */
    public PdfOutput render(String xhtml, PdfDocumentInfo info, List<PdfAttachment> attachments) {
        Objects.requireNonNull(xhtml, "xhtml");
        Objects.requireNonNull(info, "info");
        List<PdfAttachment> files = List.copyOf(attachments);
        Document doc = parse(xhtml);
        PdfDocumentInfo effective = withHeadDefaults(info, doc);
        boundText(doc, MAX_WORD_CHARS, MAX_TEXT_NODE_CHARS, MAX_DOCUMENT_TEXT_CHARS);
        applyFontFallbacks(doc, fonts);

        ITextOutputDevice device = new ITextOutputDevice(ITextRenderer.DEFAULT_DOTS_PER_POINT);
        LocalOnlyUserAgent agent = new LocalOnlyUserAgent(device, ITextRenderer.DEFAULT_DOTS_PER_PIXEL);
        ITextRenderer renderer = new ITextRenderer(ITextRenderer.DEFAULT_DOTS_PER_POINT,
                ITextRenderer.DEFAULT_DOTS_PER_PIXEL, device, agent);
        fonts.registerWith(renderer.getFontResolver());
        renderer.setListener(new PDFCreationListener() {
            @Override
            public void preOpen(ITextRenderer r) {
            }

            @Override
            public void preWrite(ITextRenderer r, int pageCount) {
            }

            @Override
            public void onClose(ITextRenderer r) {
                finish(r.getWriter(), effective, files);
            }
        });
        renderer.setDocument(doc, "about:blank");
        renderer.layout();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            renderer.createPDF(out);
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF rendering failed", e);
        }
        int pages = renderer.getRootBox().getLayer().getPages().size();
        return new PdfOutput(out.toByteArray(), pages, agent.requested(), agent.refused());
    }

    private static void finish(PdfWriter writer, PdfDocumentInfo info, List<PdfAttachment> files) {
        try {
            for (PdfAttachment a : files) {
                PdfFileSpecification spec = PdfFileSpecification.fileEmbedded(writer, null, a.fileName(), a.bytes(),
                        a.mimeType(), null, PdfStream.BEST_COMPRESSION);
                spec.setUnicodeFileName(a.fileName(), true);
                writer.addFileAttachment(a.description() == null ? a.fileName() : a.description(), spec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PdfDictionary d = writer.getInfo();
        put(d, PdfName.TITLE, info.title());
        put(d, PdfName.SUBJECT, info.subject());
        put(d, PdfName.AUTHOR, info.author());
        put(d, PdfName.KEYWORDS, info.keywords());
        put(d, PdfName.CREATOR, info.creator());
        if (info.created() != null) {
            java.util.Calendar when = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(info.created().toEpochMilli());
            d.put(PdfName.CREATIONDATE, new com.lowagie.text.pdf.PdfDate(when));
            d.put(PdfName.MODDATE, new com.lowagie.text.pdf.PdfDate(when));
        }
        if (!files.isEmpty()) {
            writer.setViewerPreferences(PdfWriter.PageModeUseOutlines);
        }
    }

    /** Fills the fields {@code info} leaves null from the head's {@code <title>} and {@code <meta name content>}. */
    static PdfDocumentInfo withHeadDefaults(PdfDocumentInfo info, Document doc) {
        String title = info.title();
        String subject = info.subject();
        String author = info.author();
        String keywords = info.keywords();
        org.w3c.dom.NodeList titles = doc.getElementsByTagNameNS("*", "title");
        if (title == null && titles.getLength() > 0) {
            title = titles.item(0).getTextContent().strip();
        }
        org.w3c.dom.NodeList metas = doc.getElementsByTagNameNS("*", "meta");
        for (int i = 0; i < metas.getLength(); i++) {
            Element m = (Element) metas.item(i);
            String content = m.getAttribute("content").strip();
            if (content.isEmpty()) {
                continue;
            }
            switch (m.getAttribute("name").toLowerCase(java.util.Locale.ROOT)) {
                case "subject" -> subject = subject == null ? content : subject;
                case "keywords" -> keywords = keywords == null ? content : keywords;
                case "author" -> author = author == null ? content : author;
                default -> {
                }
            }
        }
        return new PdfDocumentInfo(title, subject, author, keywords, info.creator(), info.created());
    }

    private static void put(PdfDictionary d, PdfName key, String value) {
        if (value == null) {
            d.remove(key);
        } else {
            d.put(key, new PdfString(value, PdfObject.TEXT_UNICODE));
        }
    }

    /** Parses XHTML as namespace-aware XML, with no DTD, no external entity, no XInclude: nothing is fetched. */
    static Document parse(String xhtml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xhtml)));
        } catch (SAXException e) {
            throw new IllegalArgumentException("the dossier's XHTML is not well-formed: " + e.getMessage(), e);
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Cuts, in the text nodes outside {@code style}, {@code script} and the head, the runs of more than
     * {@code maxWord} characters without white space and the nodes longer than {@code maxNode} characters, and empties
     * the nodes past {@code maxTotal} characters of text in document order, leaving a marker at each cut.
     *
     * @return the number of characters left out
     */
    static long boundText(Document doc, int maxWord, int maxNode, long maxTotal) {
        boolean french = isFrench(doc.getDocumentElement());
        long total = 0;
        long omitted = 0;
        boolean budgetSpent = false;
        for (Text t : textNodes(doc)) {
            String s = t.getData();
            if (s.length() > maxWord) {
                String cut = cutLongWords(s, maxWord, french);
                omitted += s.length() - cut.length();
                s = cut;
            }
            int keep = (int) Math.max(0, Math.min(Math.min(s.length(), maxNode), maxTotal - total));
            if (keep < s.length()) {
                if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
                    keep--;
                }
                int left = s.length() - keep;
                omitted += left;
                // One marker where the document's budget runs out, none in the nodes emptied after it.
                s = s.substring(0, keep) + (budgetSpent ? "" : omissionMarker(left, french));
                budgetSpent |= total + keep >= maxTotal;
            }
            if (!s.equals(t.getData())) {
                t.setData(s);
            }
            total += keep;
        }
        return omitted;
    }

    /** @return {@code s} with every run of more than {@code maxWord} non-white characters cut and marked. */
    static String cutLongWords(String s, int maxWord, boolean french) {
        StringBuilder out = null;
        int from = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i - start > maxWord) {
                int keepEnd = start + maxWord;
                if (Character.isHighSurrogate(s.charAt(keepEnd - 1))) {
                    keepEnd--;
                }
                if (out == null) {
                    out = new StringBuilder(Math.min(n, 1 << 20));
                }
                out.append(s, from, keepEnd).append(omissionMarker(i - keepEnd, french));
                from = i;
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s, from, n).toString();
    }

    private static String omissionMarker(long chars, boolean french) {
        String n = String.format(java.util.Locale.ROOT, "%,d", chars);
        return french ? " [… " + n.replace(',', '\u00A0') + " caractères de plus non reproduits ici]"
                : " [… " + n + " more characters not shown here]";
    }

    private static boolean isFrench(Element root) {
        String lang = root.getAttribute("lang");
        if (lang.isEmpty()) {
            lang = root.getAttributeNS(XMLConstants.XML_NS_URI, "lang");
        }
        return lang.toLowerCase(java.util.Locale.ROOT).startsWith("fr");
    }

    /** @return the text nodes of the body in document order, outside the elements that hold no prose. */
    private static List<Text> textNodes(Document doc) {
        List<Text> texts = new ArrayList<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(doc.getDocumentElement());
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof Element e && NO_TEXT_FALLBACK.contains(e.getLocalName() == null ? e.getNodeName()
                    : e.getLocalName())) {
                continue;
            }
            if (n instanceof Text t && n.getNodeType() == Node.TEXT_NODE) {
                texts.add(t);
            }
            for (Node c = n.getLastChild(); c != null; c = c.getPreviousSibling()) {
                stack.push(c);
            }
        }
        return texts;
    }

    /**
     * Gives each run of characters the primary fonts lack the first fallback font that has it, or writes it as code
     * points; invisible format characters no font has (zero-width joiners, variation selectors) are dropped.
     */
    static void applyFontFallbacks(Document doc, PdfFonts fonts) {
        for (Text t : textNodes(doc)) {
            String s = t.getData();
            if (s.chars().allMatch(c -> c < 0x250)) {
                continue; // Latin: the primary fonts have it
            }
            List<Run> runs = runs(s, fonts);
            if (runs.size() == 1 && runs.get(0).font() == 0 && runs.get(0).text().equals(s)) {
                continue;
            }
            Node parent = t.getParentNode();
            String ns = parent.getNamespaceURI();
            for (Run run : runs) {
                Node replacement;
                if (run.font() == 0) {
                    replacement = doc.createTextNode(run.text());
                } else if (run.font() > 0) {
                    Element span = doc.createElementNS(ns, "span");
                    span.setAttribute("style", "font-family: '" + PdfFonts.fallbackFamily(run.font() - 1) + "'");
                    span.appendChild(doc.createTextNode(run.text()));
                    replacement = span;
                } else {
                    Element span = doc.createElementNS(ns, "span");
                    span.setAttribute("class", "pp-nofont");
                    span.appendChild(doc.createTextNode(noFontLabel(run.text())));
                    replacement = span;
                }
                parent.insertBefore(replacement, t);
            }
            parent.removeChild(t);
        }
    }

    /** What stands for an emoji no font can draw: U+25A1 WHITE SQUARE, which the Liberation fonts have. */
    static final String EMOJI_STAND_IN = "\u25A1";

    /**
     * @param text characters no font can draw
     * @return what the PDF shows instead: each emoji, or run of emoji, as {@value #EMOJI_STAND_IN} (the dossier's
     *         annex explains it; the attached original keeps the exact text), any other character as its code point
     *         {@code [U+XXXX]}, so that nothing disappears silently
     */
    static String noFontLabel(String text) {
        StringBuilder label = new StringBuilder();
        boolean lastEmoji = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isEmoji(cp)) {
                if (!lastEmoji) {
                    label.append(EMOJI_STAND_IN);
                }
                lastEmoji = true;
            } else if (Character.isWhitespace(cp)) {
                label.appendCodePoint(cp);
            } else {
                label.append("[U+").append(String.format("%04X", cp)).append(']');
                lastEmoji = false;
            }
        }
        return label.toString();
    }

    /**
     * @return true for the pictographic blocks emoji come from (Unicode's Miscellaneous Symbols and Pictographs,
     *         Emoticons, Transport, Supplemental Symbols, Symbols and Pictographs Extended-A, regional indicators,
     *         Miscellaneous Symbols, Dingbats, Miscellaneous Technical, Miscellaneous Symbols and Arrows)
     */
    static boolean isEmoji(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2300 && cp <= 0x23FF)
                || (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
    }

    /** A run of text drawn with one font: {@code 0} primary, {@code i > 0} fallback {@code i - 1}, {@code -1} none. */
    record Run(int font, String text) {
    }

    static List<Run> runs(String s, PdfFonts fonts) {
        List<Run> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int curFont = Integer.MIN_VALUE;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int f;
            if (Character.isWhitespace(cp) || cp == 0xA0) {
                f = curFont >= 0 ? curFont : 0; // spaces join the run they are in
            } else if (BidiControls.isBidiControl(cp)) {
                f = -1; // never drawn nor dropped: written [U+202E], so that it cannot reorder the text around it
            } else {
                f = fonts.fontFor(cp);
                if (f < 0 && isInvisible(cp)) {
                    continue;
                }
            }
            if (f != curFont && cur.length() > 0) {
                out.add(new Run(curFont, cur.toString()));
                cur.setLength(0);
            }
            curFont = f;
            cur.appendCodePoint(cp);
        }
        if (cur.length() > 0) {
            out.add(new Run(curFont, cur.toString()));
        }
        return out;
    }

    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }
}
