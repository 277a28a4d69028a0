package org.pixelproof.detect;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.IngestLimits;

/**
 * Parses an HTML or AMP body once with jsoup, bounded, for every finder of this package.
 *
 * <p>jsoup's {@link Parser#setMaxDepth(int)} is set to {@link IngestLimits#maxHtmlDepth()}: past it, elements are
 * inserted as siblings instead of children, as browsers do (a document nested 100,000 deep parses in linear time and
 * nothing in it is lost from view). Source positions are tracked so that evidence quotes the exact source. The first
 * {@code <base href>} with an absolute {@code http(s)} URL becomes the document's location, against which relative
 * references are resolved ({@link BodyScanner#baseOf(Document)}). Thread-safe (a fresh parser per call).
 */
final class HtmlParsing {

    private HtmlParsing() {
    }

    /**
     * @param body   a decoded HTML or AMP body
     * @param limits the HTML depth limit
     * @return the parsed body
     */
    static HtmlBody parse(BodyText body, IngestLimits limits) {
        Parser parser = Parser.htmlParser().setMaxDepth(limits.maxHtmlDepth()).setTrackPosition(true);
        Document doc = parser.parseInput(body.text(), "");
        doc.setBaseUri("");
        Element base = doc.selectFirst("base[href]");
        if (base != null) {
            WebUrl b = WebUrl.of(base.attr("href"), null);
            if (b != null && b.isRemote()) {
                doc.setBaseUri(b.url());
            }
        }
        return new HtmlBody(body.partPath(), body.kind(), doc);
    }
}
