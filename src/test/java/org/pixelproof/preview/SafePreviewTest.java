package org.pixelproof.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.CssEscapes;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.dossier.DossierFixtures;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.MimePart;
import org.pixelproof.ingest.ReceivedEmail;
import org.xml.sax.InputSource;

class SafePreviewTest {

    private static final SafePreview PREVIEW = new SafePreview();

    @Test
    void newsletterLoadsNothingAndNumbersTheTrackersLikeTheFindings() {
        Analysis a = DossierFixtures.newsletterAnalysis();
        PreviewResult r = PREVIEW.render(DossierFixtures.newsletterEmail(), a.trackers(), a.links());

        assertEquals("html", r.sourceKind());
        for (String out : List.of(r.htmlDocument(), r.htmlFragment(), r.xhtmlFragment())) {
            assertEquals(List.of(), RemoteReferences.in(out), "remote references survived");
            Document parsed = Jsoup.parse(out);
            assertTrue(parsed.select("[src*=sendwave], [srcset*=sendwave], [style*=sendwave], [background]")
                    .isEmpty(), "a tracker URL stayed in a loading attribute");
        }
        assertEquals(List.of("T1", "T3"), r.trackerPlaceholders().stream().map(Placeholder::trackerId).toList());
        Placeholder beacon = r.trackerPlaceholders().get(0);
        assertEquals("css-background", beacon.vector());
        assertEquals("t.sendwave.example", beacon.host());

        Document doc = Jsoup.parse(r.htmlDocument());
        List<String> badges = doc.select(".pp-ph-tracker").eachText();
        assertTrue(badges.stream().anyMatch(t -> t.startsWith("T1")), badges.toString());
        assertTrue(badges.stream().anyMatch(t -> t.startsWith("T3")), badges.toString());
        // the logo is remote content: a placeholder with its alt text, not a tracker
        assertTrue(doc.select(".pp-ph:not(.pp-ph-tracker)").text().contains("cdn.maison-lumiere.example"));
        assertTrue(doc.select(".pp-ph:not(.pp-ph-tracker)").text().contains("Maison Lumière"));
        // the cid: banner is inlined from the message's own part
        assertEquals(1, r.inlinedImages());
        assertTrue(doc.select("img[src^=data:image/png;base64,]").size() == 1);
    }

    @Test
    void trackedLinkPointsToItsDecodedDestinationAndSaysSo() {
        Analysis a = DossierFixtures.newsletterAnalysis();
        PreviewResult r = PREVIEW.render(DossierFixtures.newsletterEmail(), a.trackers(), a.links());
        Document doc = Jsoup.parse(r.htmlFragment());
        Element link = doc.selectFirst("a:contains(Découvrir les soldes)");
        assertNotNull(link);
        assertEquals(DossierFixtures.DESTINATION, link.attr("href"));
        assertEquals("noreferrer noopener", link.attr("rel"));
        assertEquals("_blank", link.attr("target"));
        assertEquals("[T2 \u2192 " + DossierFixtures.DESTINATION + "]", link.nextElementSibling().text());
        // links that are not tracked stay as they are
        Element privacy = doc.selectFirst("a:contains(Politique de confidentialité)");
        assertEquals("https://www.maison-lumiere.example/confidentialite", privacy.attr("href"));
    }

    @Test
    void xhtmlForThePdfIsWellFormedAndCarriesNoClassOrStyleOfTheMessage() throws Exception {
        Analysis a = DossierFixtures.newsletterAnalysis();
        PreviewResult r = PREVIEW.render(DossierFixtures.newsletterEmail(), a.trackers(), a.links());
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var xml = f.newDocumentBuilder().parse(new InputSource(new StringReader(r.xhtmlFragment())));
        assertEquals("div", xml.getDocumentElement().getNodeName());
        assertFalse(r.xhtmlFragment().contains("class=\"titre\""));
        assertFalse(r.xhtmlFragment().contains("<style"));
        assertTrue(r.xhtmlFragment().contains("pp-ph-tracker"));
    }

    @Test
    void hostileHtmlIsNeutralisedAndEveryRemoteReferenceBecomesAPlaceholder() {
        String html = """
                <html><head>
                <base href="https://base.example/dir/">
                <meta http-equiv="refresh" content="0;url=https://refresh.example/">
                <link rel="stylesheet" href="https://css.example/a.css">
                <link rel="preload" as="font" href="https://fonts.example/f.woff2">
                <style>
                  @import url("https://import.example/x.css");
                  @import "https://import2.example/y.css";
                  @font-face { font-family: X; src: url(https://font.example/x.woff) }
                  .a { background: url(https://bg.example/a.png) }
                  .b { background-image: \\75 rl(https://escaped.example/e.png) }
                  .c { background-image: image-set("https://set.example/1x.png" 1x) }
                  .d { width: expression(alert(1)) }
                  </style><script>alert(1)</script>
                </style>
                <script src="https://js.example/x.js"></script>
                </head><body background="https://body.example/bg.png" onload="alert(1)">
                <img src="https://track.example/open?u=42" width="1" height="1">
                <img src="relative/pixel.gif">
                <img srcset="https://srcset.example/a.png 1x, https://srcset.example/b.png 2x">
                <img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">
                <img src="cid:missing@part">
                <picture><source srcset="https://pic.example/p.webp"><img src="https://pic.example/p.jpg"></picture>
                <iframe src="https://frame.example/"></iframe>
                <video poster="https://poster.example/p.jpg"><source src="https://video.example/v.mp4"></video>
                <audio src="https://audio.example/a.mp3"></audio>
                <object data="https://object.example/o.swf"></object><embed src="https://embed.example/e.swf">
                <svg><image href="https://svg.example/i.png"/><image xlink:href="https://svg2.example/i.png"/></svg>
                <v:fill src="https://vml.example/bg.png" type="frame"></v:fill>
                <o:p>Office paragraph text</o:p>
                <table background="https://table.example/bg.png"><tr>
                <td style="background:url('https://td.example/bg.png')" onclick="x()">cell</td></tr></table>
                <div style="background-image:url(&quot;https://entity.example/e.png&quot;)">entity-encoded</div>
                <form action="https://form.example/post"><input type="image" src="https://input.example/i.png">
                <input name="q"><button formaction="https://button.example/">Go</button></form>
                <a href="javascript:alert(1)">js link</a>
                <a href="https://shop.example/page" ping="https://ping.example/">real link</a>
                <a href="relative/page">relative link</a>
                </body></html>
                """;
        Tracker t1 = tracker("T1", TrackerKind.OPEN_PIXEL, "https://track.example/open?u=42");
        Tracker t2 = tracker("T2", TrackerKind.CSS_BEACON, "https://td.example/bg.png");
        Tracker t3 = tracker("T3", TrackerKind.CSS_BEACON, "https://bg.example/a.png");
        Tracker t4 = tracker("T4", TrackerKind.OTHER_BEACON, "https://frame.example/");
        PreviewResult r = PREVIEW.render(htmlEmail(html), List.of(t1, t2, t3, t4), List.of());

        for (String out : List.of(r.htmlDocument(), r.htmlFragment(), r.xhtmlFragment())) {
            assertEquals(List.of(), RemoteReferences.in(out), "remote references survived");
            String lower = out.toLowerCase();
            assertFalse(lower.contains("<script"), "script survived");
            assertFalse(lower.contains("alert(1)") && lower.contains("onload"), "event handler survived");
            assertFalse(lower.contains("javascript:"), "javascript: survived");
            assertFalse(lower.contains("<form") || lower.contains("<input") || lower.contains("<button"));
            assertFalse(lower.contains("<iframe") || lower.contains("<video") || lower.contains("<object"));
        }
        assertEquals(List.of("T1", "T2", "T3", "T4"), r.trackerPlaceholders().stream().map(Placeholder::trackerId)
                .sorted().toList());
        List<String> hosts = r.placeholders().stream().map(Placeholder::host).toList();
        for (String h : List.of("refresh.example", "css.example", "fonts.example", "import.example",
                "import2.example", "font.example", "escaped.example", "set.example", "js.example", "body.example",
                "base.example", "srcset.example", "pic.example", "frame.example", "poster.example", "video.example",
                "audio.example", "object.example", "embed.example", "svg.example", "svg2.example", "vml.example",
                "table.example", "td.example", "entity.example", "input.example")) {
            assertTrue(hosts.contains(h), "no placeholder recorded for " + h + " in " + hosts);
        }
        Document doc = Jsoup.parse(r.htmlFragment());
        assertTrue(doc.text().contains("Office paragraph text"), "Office markup lost its text");
        assertEquals("https://shop.example/page", doc.selectFirst("a:contains(real link)").attr("href"));
        assertFalse(doc.selectFirst("a:contains(real link)").hasAttr("ping"));
        assertEquals("https://base.example/dir/relative/page",
                doc.selectFirst("a:contains(relative link)").attr("href"), "links resolve against <base href>");
        assertFalse(doc.selectFirst("a:contains(js link)").hasAttr("href"));
        // the relative image resolves against <base href>, and stays a placeholder
        assertTrue(r.placeholders().stream().anyMatch(p -> p.url().equals("relative/pixel.gif")
                && "base.example".equals(p.host())));
    }

    /** The vectors the detector learnt to see (self-closed SVG script, CSS escapes in keywords, srcdoc, ping...). */
    static final String EVASIVE_VECTORS = """
            <html><head>
            <link rel="manifest" href="https://manifest.example/m.webmanifest">
            <link rel="apple-touch-icon" href="https://icon.example/i.png">
            <link rel="modulepreload" href="https://module.example/m.js">
            <style>
              @im\\70 ort url(https://esc-import.example/a.css);
              @\\69mport "https://esc-import2.example/b.css";
              .x { background: u\\72 l(https://esc-sheet.example/x.png) }
              .y { background: u\\72\r\nl(https://esc-crlf-sheet.example/z.png) }
            </style></head><body>
            <p>Avant</p>
            <svg><script href="https://svg-script.example/s.js"/></svg>
            <svg width="9" height="9"><rect width="9" height="9" fill="url(https://svg-fill.example/p.svg#a) red"
              clip-path="url('https://svg-clip.example/c.svg#c')" cursor="url(https://svg-cursor.example/c.cur), auto"
              stroke="url(#local)"/></svg>
            <div style="background-image:\\75 rl(https://esc-inline.example/y.png)">Milieu</div>
            <div style="background:u\\72\r\nl(https://esc-crlf-inline.example/w.png)">CRLF</div>
            <iframe srcdoc="&lt;img src=&quot;https://srcdoc.example/p.gif&quot;&gt;"></iframe>
            <a href="https://shop.example/page" ping="https://ping1.example/ https://ping2.example/">Lien</a>
            <svg width="1" height="1"><image width="1" height="1"><set attributeName="href"
              to="https://svg-set.example/o.gif"/></image><image id="p2"/><animate href="#p2"
              attributeName="xlink:href" values="https://svg-animate.example/1.gif;https://svg-animate2.example/2.gif"
              dur="1s"/><a><set attributeName="href" to="https://svg-set-link.example/c"/><text>Clic</text></a></svg>
            <img lowsrc="https://lowsrc.example/l.gif" src="cid:logo@x" alt="Logo">
            <img dynsrc="https://dynsrc.example/v.avi">
            <img src="https://after-svg.example/p.gif" width="1" height="1">
            <p>Apres</p>
            </body></html>
            """;

    static final List<String> EVASIVE_HOSTS = List.of("manifest.example", "icon.example", "module.example",
            "esc-import.example", "esc-import2.example", "esc-sheet.example", "svg-script.example", "esc-inline.example",
            "srcdoc.example", "ping1.example", "ping2.example", "after-svg.example", "esc-crlf-sheet.example",
            "esc-crlf-inline.example", "svg-fill.example", "svg-clip.example", "svg-cursor.example", "svg-set.example",
            "svg-animate.example", "svg-animate2.example", "svg-set-link.example", "lowsrc.example", "dynsrc.example");

    /**
     * Fails when a host of {@link #EVASIVE_HOSTS} is left where a browser could load it: any attribute but a
     * placeholder's {@code title} and a link's {@code href}, or CSS (escapes decoded); and when the markup after the
     * self-closed SVG script turned into visible text.
     */
    static void assertEvasiveVectorsNeutralised(String out) {
        Document doc = Jsoup.parse(out);
        for (Element el : doc.getAllElements()) {
            for (org.jsoup.nodes.Attribute a : el.attributes()) {
                if (a.getKey().equals("title") || el.normalName().equals("a") && a.getKey().equals("href")) {
                    continue;
                }
                String value = CssEscapes.decode(a.getValue());
                for (String host : EVASIVE_HOSTS) {
                    assertFalse(value.contains(host), host + " survived in <" + el.normalName() + " " + a + ">");
                }
            }
            if (el.normalName().equals("style")) {
                for (String host : EVASIVE_HOSTS) {
                    assertFalse(CssEscapes.decode(el.data()).contains(host), host + " survived in " + el.data());
                }
            }
        }
        String text = doc.text();
        assertTrue(text.contains("Avant") && text.contains("Milieu") && text.contains("Apres"), text);
        assertFalse(text.contains("<img") || text.contains("</svg>"), "markup shown as text: " + text);
    }

    @Test
    void evasiveVectorsLoadNothingInThePreview() {
        PreviewResult r = PREVIEW.render(htmlEmail(EVASIVE_VECTORS), List.of(), List.of());
        for (String out : List.of(r.htmlDocument(), r.htmlFragment(), r.xhtmlFragment())) {
            assertEvasiveVectorsNeutralised(out);
            assertEquals(List.of(), RemoteReferences.in(out), "remote references survived");
        }
    }

    @Test
    void aTrackerThatAnSvgAnimationLoadsGetsItsNumberedPlaceholder() {
        String pixel = "https://t.esp.example/open/abc123?u=alex.martin%40example.org";
        String other = "https://img.esp.example/o/2.gif";
        PreviewResult r = PREVIEW.render(htmlEmail("<p>Bonjour</p><svg width=\"1\" height=\"1\"><image width=\"1\""
                + " height=\"1\"><set attributeName=\"href\" to=\"" + pixel + "\"/></image><image id=\"b\"/>"
                + "<animate href=\"#b\" attributeName=\"xlink:href\" values=\"#local;" + other + "\"/></svg>"),
                List.of(tracker("T1", TrackerKind.OPEN_PIXEL, pixel)), List.of());
        assertEquals(List.of("T1"), r.trackerPlaceholders().stream().map(Placeholder::trackerId).toList());
        assertTrue(r.placeholders().stream().anyMatch(p -> p.url().equals(other) && p.trackerId() == null),
                r.placeholders().toString());
        for (String out : List.of(r.htmlDocument(), r.htmlFragment(), r.xhtmlFragment())) {
            assertEquals(List.of(), RemoteReferences.in(out), "remote references survived");
        }
    }

    @Test
    void deeplyNestedHtmlIsFlattenedAtTheDepthLimit() {
        int depth = 100_000;
        StringBuilder sb = new StringBuilder("<html><body>");
        sb.append("<div>".repeat(depth)).append("<img src=\"https://deep.example/p.gif\">deep")
                .append("</div>".repeat(depth)).append("</body></html>");
        PreviewResult r = PREVIEW.render(htmlEmail(sb.toString()), List.of(), List.of());
        assertEquals(List.of(), RemoteReferences.in(r.htmlFragment()));
        assertTrue(r.xhtmlFragment().contains("deep"));
        assertTrue(maxDepth(Jsoup.parse(r.htmlFragment()).body()) <= PreviewLimits.DEFAULT.maxHtmlDepth() + 4,
                "depth is bounded");
    }

    @Test
    void twentyMegabytesOfHtmlAreCutAtTheSizeLimit() {
        String chunk = "<p>Lorem ipsum <img src=\"https://big.example/i.gif\"> dolor</p>\n";
        StringBuilder sb = new StringBuilder(21 << 20).append("<html><body>");
        while (sb.length() < 20 << 20) {
            sb.append(chunk);
        }
        PreviewResult r = PREVIEW.render(htmlEmail(sb.toString()), List.of(), List.of());
        assertTrue(r.truncated());
        assertTrue(r.xhtmlFragment().length() < 3 * PreviewLimits.DEFAULT.maxHtmlChars(), "output is bounded");
        assertEquals(List.of(), RemoteReferences.in(r.htmlFragment().substring(0, 200_000) + "</p>"));
    }

    @Test
    void aMillionElementsAreCutAtTheElementLimitInLinearTime() {
        // Past the depth limit jsoup makes the rest siblings: one element with a million children, which a removal
        // one by one would make quadratic (minutes); the limit keeps the first elements in document order.
        String html = "<html><body><p>first</p>" + "<div>".repeat(1_000_000) + "</body></html>";
        PreviewResult r = new SafePreview(PreviewLimits.ANNEX).render(htmlEmail(html), List.of(), List.of());
        assertTrue(r.truncated());
        assertTrue(r.xhtmlFragment().contains("first"));
        int elements = Jsoup.parse(r.htmlFragment()).body().getAllElements().size();
        assertTrue(elements <= PreviewLimits.ANNEX.maxElements() + 10, "elements kept: " + elements);
    }

    @Test
    void dropElementsPastKeepsTheDocumentOrderPrefix() {
        org.jsoup.nodes.Document doc = Jsoup.parse("<div><p>a</p><p>b<i>c</i></p>tail</div><p>d</p>");
        assertTrue(SafePreview.dropElementsPast(doc, 6), "html, head, body, div, p, p: the i and what follows go");
        assertEquals("<div><p>a</p><p>b</p></div>", doc.body().html().replaceAll("\\s", ""));
        assertFalse(SafePreview.dropElementsPast(doc, 100));
    }

    @Test
    void aPlainTextMessageIsShownAsPreformattedText() {
        ReceivedEmail email = email(List.of(new BodyText("1", BodyKind.PLAIN,
                "Bonjour <b>pas du HTML</b>\nhttps://t.example/x", "utf-8", "UTF-8", false)));
        PreviewResult r = PREVIEW.render(email, List.of(), List.of());
        assertEquals("plain", r.sourceKind());
        assertTrue(r.xhtmlFragment().contains("&lt;b&gt;pas du HTML&lt;/b&gt;"));
    }

    @Test
    void cidImagesOverTheInlineLimitBecomePlaceholders() {
        Analysis a = DossierFixtures.newsletterAnalysis();
        PreviewResult r = new SafePreview(new PreviewLimits(5 << 20, 128, 10, 10, 256 << 10))
                .render(DossierFixtures.newsletterEmail(), a.trackers(), a.links());
        assertEquals(0, r.inlinedImages());
        assertTrue(r.placeholders().stream().anyMatch(p -> p.url().startsWith("cid:")));
    }

    @Test
    void zeroFontSizesAreRaisedToOnePixelForThePdf() {
        assertEquals("font-size:1px", SafePreview.noZeroFontSize("font-size:0"));
        assertEquals("font-size: 1px !important; color:red",
                SafePreview.noZeroFontSize("font-size: 0px !important; color:red"));
        assertEquals("FONT-SIZE:1px;", SafePreview.noZeroFontSize("FONT-SIZE:0;"));
        assertEquals("font:1px/0 a", SafePreview.noZeroFontSize("font:0/0 a"));
        assertEquals("font-size:0.5em", SafePreview.noZeroFontSize("font-size:0.5em"));
        assertEquals("font-size:10px", SafePreview.noZeroFontSize("font-size:10px"));
        PreviewResult r = PREVIEW.render(htmlEmail("<ul style=\"font-size:0\"><li>x</li></ul>"), List.of(),
                List.of());
        assertTrue(r.xhtmlFragment().contains("font-size:1px"), r.xhtmlFragment());
    }

    private static int maxDepth(Element root) {
        int max = 0;
        for (Element e : root.getAllElements()) {
            int d = 0;
            for (Element p = e; p != null; p = p.parent()) {
                d++;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    static Tracker tracker(String id, TrackerKind kind, String url) {
        return new Tracker(id, kind, url, UrlRefs.host(url), null, null, Party.UNKNOWN, List.of(), List.of(),
                Confidence.MEDIUM, List.of(), List.of(), new Location("1", "img", "src", null), "", "test", null,
                null);
    }

    static Link link(String url, String destination, String trackerId) {
        return new Link(url, UrlRefs.host(url), "", destination, trackerId, new Location("1", "a", "href", null));
    }

    static ReceivedEmail htmlEmail(String html) {
        return email(List.of(new BodyText("1", BodyKind.HTML, html, "utf-8", "UTF-8", false)));
    }

    private static ReceivedEmail email(List<BodyText> bodies) {
        byte[] raw = "Subject: test\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        return new ReceivedEmail("t.eml", "0".repeat(64), raw.length, List.of(),
                new MimePart("1", "text/html", "utf-8", null, null, null, null, 0, List.of()), bodies, List.of(),
                null, raw);
    }

    /**
     * The dossier's annex lays the message out on a page narrower than a screen: table widths and positioning are
     * dropped (a PDF renderer shrank nested fixed-width tables to one letter per line), images keep theirs, and a
     * semicolon inside a data: URI does not split a declaration.
     */
    @Test
    void theAnnexDropsTableWidthsAndPositioningButKeepsImages() {
        org.jsoup.nodes.Element table = org.jsoup.Jsoup.parse("<table width=\"580\" style=\"width:580px;"
                + "border-collapse:collapse;min-width:100%\"><tr><td nowrap width=\"100%\" style=\"font-size:10px;"
                + "white-space:nowrap;position:absolute;left:-9px;background:url(data:image/png;base64,AAAA)\">x"
                + "<img width=\"540\" src=\"data:image/png;base64,AAAA\"></td></tr></table>").selectFirst("table");
        for (org.jsoup.nodes.Element el : table.getAllElements()) {
            SafePreview.annexLayout(el);
        }
        String html = table.outerHtml();
        assertFalse(html.contains("580px") || html.contains("width=\"580\"") || html.contains("width=\"100%\"")
                || html.contains("min-width") || html.contains("nowrap") || html.contains("position")
                || html.contains("left:"), html);
        assertTrue(html.contains("border-collapse:collapse"), html);
        assertTrue(html.contains("background:url(data:image/png;base64,AAAA)"), html);
        assertTrue(html.contains("<img width=\"540\""), "images keep their width, capped by the print CSS: " + html);
        assertEquals("a:1;c:3", SafePreview.withoutDeclarations("a:1; b:2 ;c:3", java.util.Set.of("b")));
    }

    /** Each tracked link shows its own destination, never the one of another link of the same tracker. */
    @Test
    void eachTrackedLinkShowsItsOwnDestination() {
        String html = "<p><a href=\"https://t.esp.example/l/1\">Twitter</a> <a href=\"https://t.esp.example/l/2\">"
                + "Offres</a></p>";
        ReceivedEmail email = org.pixelproof.dossier.TestEmails.read(("From: a@example.com\r\nTo: b@example.org\r\n"
                + "Subject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "x.eml");
        org.pixelproof.detect.Location where = new org.pixelproof.detect.Location("1", "a", "href", null);
        Tracker t1 = new Tracker("T1", org.pixelproof.detect.TrackerKind.CLICK_TRACKING, "https://t.esp.example/l/2",
                "t.esp.example", null, null, org.pixelproof.detect.Party.VENDOR, List.of(), List.of(),
                org.pixelproof.detect.Confidence.HIGH, List.of(), List.of(), where, "", "x",
                "https://twitter.com/shop", null);
        List<Link> links = List.of(new Link("https://t.esp.example/l/1", "t.esp.example", "Twitter",
                "https://twitter.com/shop", "T1", where), new Link("https://t.esp.example/l/2", "t.esp.example",
                "Offres", null, "T1", where));
        String out = new SafePreview().render(email, List.of(t1), links).xhtmlFragment();
        assertTrue(out.contains("Twitter</a><span class=\"pp-dest\"> [T1 \u2192 https://twitter.com/shop]"), out);
        assertTrue(out.contains("Offres</a><span class=\"pp-dest\"> [T1 \u2192 ?]"), out);
    }
}
