package org.pixelproof.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.dossier.DossierFixtures;
import org.pixelproof.dossier.TestEmails;
import org.pixelproof.ingest.ReceivedEmail;

class CleanedCopyTest {
    private static final CleanedCopy CLEAN = new CleanedCopy();

    @Test
    void htmlCopyHasNoTrackerAndTrackedLinksGoStraightToTheirDestination() {
        Analysis a = DossierFixtures.newsletterAnalysis();
        String html = CLEAN.html(DossierFixtures.newsletterEmail(), a.trackers(), a.links());
        assertFalse(html.contains(DossierFixtures.PIXEL), "open pixel still there");
        assertFalse(html.contains(DossierFixtures.BEACON), "CSS beacon still there");
        assertFalse(html.contains(DossierFixtures.CLICK), "tracked link still there");
        Document doc = Jsoup.parse(html);
        assertEquals(DossierFixtures.DESTINATION, doc.selectFirst("a:contains(Découvrir les soldes)").attr("href"));
        // an untracked remote image (a logo on the sender's CDN) would still reveal the opening: by default it
        // becomes a visible placeholder with its address as defanged text, neither loaded nor linked
        assertNull(doc.selectFirst("img[src^=https:]"), "a remote image is still loaded: " + doc.select("img"));
        org.jsoup.nodes.Element logo = doc.selectFirst("span." + CleanedCopy.PLACEHOLDER_CLASS
                + ":contains(Maison Lumière)");
        assertNotNull(logo, "the logo's placeholder names it by its alt text");
        assertNull(logo.selectFirst("a"), "the placeholder never links to the image: " + logo);
        assertTrue(logo.text().contains("hxxps://cdn.maison-lumiere.example/img/logo.png"), logo.text());
        assertTrue(doc.text().contains("Soldes d'été : jusqu'à -40 % sur nos luminaires"));
        String csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
        assertTrue(csp.contains("img-src data: cid:"), csp);
    }

    @Test
    void aTrackedLinkWhoseDestinationIsUnknownIsMadeInertInHtmlAndText() {
        String url = "https://t.mailing.example/r/?id=h7f3a9c2e1,b4d5";
        org.pixelproof.detect.Link link = new org.pixelproof.detect.Link(url, "t.mailing.example", "Voir l'offre", null,
                "T1", new org.pixelproof.detect.Location("1", "a", "href", null));
        Document doc = Jsoup.parse(CLEAN.cleanHtml("<html><body><p><a href=\"" + url + "\">Voir l'offre</a></p>"
                + "</body></html>", List.of(), List.of(link)));
        org.jsoup.nodes.Element a = doc.selectFirst("a[title]");
        assertNotNull(a, doc.html());
        assertFalse(a.hasAttr("href"), "a tracked link of unknown destination must not be clickable: " + a);
        assertFalse(doc.select("[href]").stream().anyMatch(e -> e.attr("href").contains("t.mailing.example")),
                doc.html());
        assertTrue(doc.text().contains("hxxps://t.mailing.example/r/?id=h7f3a9c2e1,b4d5"), doc.text());
        assertTrue(doc.text().contains("lien suivi, destination inconnue"), doc.text());

        String text = CleanedCopy.cleanText("Voir l'offre : " + url + "\nMerci", List.of(), List.of(link));
        assertFalse(text.contains("https://t.mailing.example"), text);
        assertTrue(text.contains("hxxps://t.mailing.example/r/?id=h7f3a9c2e1,b4d5]"), text);
        assertTrue(text.endsWith("\nMerci"), text);
    }

    @Test
    void noRemoteReferenceIsLeftInTheCopyExceptAnAnalysedLink() {
        String html = "<html><head><link rel=stylesheet href=\"https://cdn.example.com/a.css\">"
                + "<style>.b{background:url(https://cdn.example.com/bg.png)}</style></head><body>"
                + "<img src=\"https://cdn.example.com/logo.png\" alt=\"Logo\" srcset=\"https://cdn.example.com/l2.png 2x\">"
                + "<table background=\"https://cdn.example.com/t.png\"><tr><td style=\"background-image:"
                + "url('https://cdn.example.com/td.png')\">x</td></tr></table>"
                + "<svg><image href=\"https://cdn.example.com/s.png\"/></svg>"
                + "<img src=\"cid:inline@example.com\" alt=inline><a href=\"https://example.com/\">site</a></body></html>";
        org.pixelproof.detect.Link site = new org.pixelproof.detect.Link("https://example.com/", "example.com", "site",
                null, null, new org.pixelproof.detect.Location("1", "a", "href", null));
        Document doc = Jsoup.parse(CLEAN.cleanHtml(html, List.of(), List.of(site)));
        for (org.jsoup.nodes.Element el : doc.getAllElements()) {
            for (org.jsoup.nodes.Attribute attr : el.attributes()) {
                boolean link = el.normalName().equals("a") && attr.getKey().equals("href");
                assertTrue(link || !attr.getValue().contains("cdn.example.com"),
                        "remote reference left in " + el.normalName() + " " + attr);
            }
        }
        assertFalse(doc.select("style").html().contains("cdn.example.com"), doc.select("style").html());
        assertEquals("cid:inline@example.com", doc.selectFirst("img[alt=inline]").attr("src"));
        assertEquals("https://example.com/", doc.selectFirst("a:contains(site)").attr("href"));
        assertEquals(1, doc.select("span." + CleanedCopy.PLACEHOLDER_CLASS).size());
    }

    @Test
    void aLinkTheAnalysisDidNotListIsMadeInertAndAListedOneIsRecognisedHoweverWritten() {
        String listedUrl = "https://shop.example.com/produits?id=42";
        org.pixelproof.detect.Link listed = new org.pixelproof.detect.Link(listedUrl, "shop.example.com", "Produits",
                null, null, new org.pixelproof.detect.Location("1", "a", "href", null));
        String unlisted = "https://t.shop.example.com/c?e=YWxleC5tYXJ0aW5AZXhhbXBsZS5vcmc";
        // the listed link written with a newline inside its address, as real messages do: detect reads it without
        Document doc = Jsoup.parse(CLEAN.cleanHtml("<html><body><a href=\"https://shop.example.com/prod\nuits?id=42\">"
                + "Produits</a> <a href=\"" + unlisted + "\">Offre</a></body></html>", List.of(), List.of(listed)));
        assertTrue(doc.selectFirst("a:contains(Produits)").hasAttr("href"), doc.html());
        org.jsoup.nodes.Element offer = doc.selectFirst("a:contains(Offre)");
        assertFalse(offer.hasAttr("href"), "an unlisted link must not be clickable: " + offer);
        assertTrue(doc.text().contains("[lien non vérifié / unchecked link: hxxps://t.shop.example.com/c?e="),
                doc.text());
    }

    @Test
    void pixelsAndLinksPastTheListingCapLeaveNoLiveAddressInTheCopy() throws Exception {
        // hostile test F6: past the analysis's listing cap, pixels became placeholders linking to the tracker URL
        String id = java.util.Base64.getEncoder().withoutPadding().encodeToString(
                "alex.martin@example.org".getBytes(StandardCharsets.UTF_8));
        int count = org.pixelproof.analysis.Analyzer.MAX_LISTED + 50;
        StringBuilder html = new StringBuilder("<html><body><p>Bonjour</p>");
        for (int i = 0; i < count; i++) {
            html.append("<img src=\"https://t.shop-example.fr/o.gif?e=").append(id).append("&n=").append(i)
                    .append("\" width=\"1\" height=\"1\">");
            html.append("<a href=\"https://t.shop-example.fr/c?e=").append(id).append("&n=").append(i)
                    .append("\">offre ").append(i).append("</a>");
        }
        byte[] raw = ("From: Boutique <news@shop-example.fr>\r\nTo: alex.martin@example.org\r\nSubject: Promo\r\n"
                + "Date: Tue, 17 Nov 2026 09:30:00 +0100\r\nMessage-ID: <cap@shop-example.fr>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "</body></html>\r\n")
                .getBytes(StandardCharsets.UTF_8);
        org.pixelproof.analysis.Analyzer an = new org.pixelproof.analysis.Analyzer(
                org.pixelproof.rules.RuleSetLoader.loadDefault(), org.pixelproof.ingest.IngestLimits.DEFAULT,
                org.pixelproof.authenticity.AuthenticityChecker.offline(), java.time.Clock.systemUTC());
        Analysis a = an.analyze(raw, "cap.eml", org.pixelproof.analysis.AnalysisOptions.DEFAULT);
        assertEquals(org.pixelproof.analysis.Analyzer.MAX_LISTED, a.trackers().size(), "the listing cap is reached");
        ReceivedEmail email = an.read(raw, "cap.eml");
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(CLEAN.eml(email, a.trackers(), a.links())));
        List<String> emlTexts = new ArrayList<>();
        collect(m, emlTexts, new ArrayList<>());
        assertEquals(1, emlTexts.size(), "the cleaned .eml holds the HTML body");
        for (String copy : List.of(CLEAN.html(email, a.trackers(), a.links()), emlTexts.get(0))) {
            Document doc = Jsoup.parse(copy);
            for (org.jsoup.nodes.Element el : doc.getAllElements()) {
                for (org.jsoup.nodes.Attribute attr : el.attributes()) {
                    assertFalse(attr.getValue().contains("t.shop-example.fr"),
                            () -> "a live reference to the tracker host: <" + el.normalName() + " " + attr + ">");
                }
            }
            assertTrue(doc.text().contains("hxxps://t.shop-example.fr/o.gif?e=" + id + "&n=" + (count - 1)),
                    "the last pixel's placeholder names it as text");
        }
    }

    @Test
    void keepUntrackedKeepsTheLogoOnlyWhenAskedTo() {
        Analysis a = DossierFixtures.newsletterAnalysis();
        String html = new CleanedCopy(PreviewLimits.DEFAULT, CleanedCopy.RemoteContent.KEEP_UNTRACKED)
                .html(DossierFixtures.newsletterEmail(), a.trackers(), a.links());
        Document doc = Jsoup.parse(html);
        assertFalse(html.contains(DossierFixtures.PIXEL), "open pixel still there");
        assertEquals("https://cdn.maison-lumiere.example/img/logo.png", doc.selectFirst("img[alt=Maison Lumière]")
                .attr("src"));
    }

    @Test
    void emlCopyIsAValidMessageWithCleanedBodiesAndTheOriginalMessageId() throws Exception {
        Analysis a = DossierFixtures.newsletterAnalysis();
        byte[] eml = CLEAN.eml(DossierFixtures.newsletterEmail(), a.trackers(), a.links());
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        assertEquals("<20260512071403.4f9a2c@mail.maison-lumiere.example>", m.getMessageID());
        assertEquals("Soldes d'été : jusqu'à -40 % sur nos luminaires", m.getSubject());
        assertTrue(m.getHeader("X-PixelProof-Cleaned")[0].contains("T1 T3"));
        List<String> texts = new ArrayList<>();
        List<String> types = new ArrayList<>();
        collect(m, texts, types);
        assertTrue(types.contains("image/png"), "the inline image part is kept: " + types);
        String all = String.join("\n", texts);
        assertTrue(all.contains("Bonjour Camille"));
        assertFalse(all.contains(DossierFixtures.PIXEL));
        assertFalse(all.contains(DossierFixtures.BEACON));
        assertFalse(all.contains(DossierFixtures.CLICK), "tracked link kept in a body");
        assertTrue(all.contains(DossierFixtures.DESTINATION));
    }

    @Test
    void readReceiptRequestsAreRemovedFromTheCopy() throws Exception {
        byte[] raw = ("From: a@example.com\r\nTo: b@example.org\r\nSubject: hi\r\nMessage-ID: <x@example.com>\r\n"
                + "Disposition-Notification-To: a@example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello <img src=\"https://t.example/o.gif\"></p>\r\n")
                .getBytes(StandardCharsets.UTF_8);
        ReceivedEmail email = TestEmails.read(raw, "r.eml");
        byte[] eml = CLEAN.eml(email, List.of(SafePreviewTest.tracker("T1",
                org.pixelproof.detect.TrackerKind.OPEN_PIXEL, "https://t.example/o.gif")), List.of());
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        assertNull(m.getHeader("Disposition-Notification-To"));
        assertFalse(((String) m.getContent()).contains("https://t.example/o.gif"));
        assertEquals("<x@example.com>", m.getMessageID());
    }

    @Test
    void inlineFramesAppletsBaseAndPingsCannotReachTheSender() {
        String html = "<html><head><base href=\"https://t.example/base/\"></head><body>"
                + "<iframe srcdoc=\"&lt;img src='https://t.example/srcdoc.gif'&gt;\"></iframe>"
                + "<applet code=x codebase=\"https://t.example/applet/\"></applet>"
                + "<object codebase=\"https://t.example/cb/\" archive=\"https://t.example/ar.jar\"></object>"
                + "<map><area href=\"#a\" ping=\"https://t.example/ping\"></map><p>Hello</p></body></html>";
        String copy = CLEAN.cleanHtml(html, List.of(), List.of());
        assertFalse(copy.contains("t.example"), copy);
        assertTrue(Jsoup.parse(copy).text().contains("Hello"));
    }

    @Test
    void outlookConditionalCommentsAndUnclosedUrlsLeaveNothingInTheCopy() {
        String html = "<html><body><p>Hello</p><!--[if mso]><img src=\"https://t.example/mso.gif\">"
                + "<v:fill src=\"https://t.example/vml.png\"/><![endif]-->"
                + "<svg><rect fill=\"url(https://t.example/fill-unclosed\"/><rect stroke=\"url('https://t.example/q\"/>"
                + "</svg><div style=\"background:url(https://t.example/inline-unclosed\">x</div></body></html>";
        for (CleanedCopy.RemoteContent mode : CleanedCopy.RemoteContent.values()) {
            String copy = new CleanedCopy(PreviewLimits.DEFAULT, mode).cleanHtml(html, List.of(), List.of());
            assertFalse(copy.contains("t.example"), mode + ": " + copy);
            assertFalse(copy.contains("<!--"), mode + ": " + copy);
            assertTrue(Jsoup.parse(copy).text().contains("Hello"));
        }
    }

    @Test
    void formsCannotSendAnythingFromTheCopy() {
        String html = "<html><body><form action=\"https://t.example/form?mc_eid=8c2f4a1b9e\" method=post>"
                + "<input type=hidden name=email value=\"alex.martin@example.org\">"
                + "<button formaction=\"https://t.example/oui\">Oui</button>"
                + "<input type=submit value=Non formaction=\"https://t.example/non\"></form>"
                + "<form action=\"/relatif\"><button>Chercher</button></form><p>Hello</p></body></html>";
        for (CleanedCopy.RemoteContent mode : CleanedCopy.RemoteContent.values()) {
            String copy = new CleanedCopy(PreviewLimits.DEFAULT, mode).cleanHtml(html, List.of(), List.of());
            Document doc = Jsoup.parse(copy);
            assertTrue(doc.select("[action], [formaction]").isEmpty(), mode + ": " + copy);
            assertFalse(copy.contains("t.example"), copy);
            assertTrue(doc.text().contains("Hello") && doc.select("button:contains(Oui)").size() == 1, copy);
        }
    }

    @Test
    void evasiveVectorsCannotReachTheSenderFromTheCopy() {
        SafePreviewTest.assertEvasiveVectorsNeutralised(CLEAN.cleanHtml(SafePreviewTest.EVASIVE_VECTORS, List.of(),
                List.of()));
    }

    private static final String ANIMATED = "<html><body><p>Hello</p>"
            + "<svg width=\"1\" height=\"1\"><image width=\"1\" height=\"1\"><set attributeName=\"href\""
            + " to=\"https://t.esp.example/open/abc123?u=alex.martin%40example.org\"/></image></svg>"
            + "<svg><image><animate attributeName=\"xlink:href\" values=\"https://t.example/o/1.gif;"
            + "https://t.example/o/2.gif\" dur=\"1s\"/></image></svg>"
            + "<svg><a id=\"lien\"><set attributeName=\"href\" to=\"https://click.example/c/xyz\"/><text>Click</text>"
            + "</a></svg>"
            + "<svg><image id=\"p\" width=\"1\" height=\"1\"/><set href=\"#p\" attributeName=\" HREF \""
            + " to=\"https://t.example/o.gif\"/><animate xlink:href=\"#p\" attributeName=\"src\""
            + " from=\"https://t.example/from.gif\" by=\"https://t.example/by.gif\"/>"
            + "<set attributeName=\"href\" to=\"javascript:alert(1)\"/>"
            + "<rect width=\"9\" height=\"9\"><animate attributeName=\"fill\""
            + " values=\"red;url(https://t.example/p.svg#a)\"/></rect>"
            + "<use id=\"u\" href=\"#sym\"><set attributeName=\"href\" to=\"#autre\"/></use></svg>"
            + "<img id=\"logo\" lowsrc=\"https://t.example/low.gif\" src=\"cid:logo\" alt=\"Logo\">"
            + " <img id=\"clip\" dynsrc=\"https://t.example/v.avi\" alt=\"\"></body></html>";

    @Test
    void svgAnimationsAndLegacyImageAttributesLoadNothingFromTheCopy() {
        Tracker pixel = SafePreviewTest.tracker("T1", TrackerKind.OPEN_PIXEL,
                "https://t.esp.example/open/abc123?u=alex.martin%40example.org");
        for (CleanedCopy.RemoteContent mode : CleanedCopy.RemoteContent.values()) {
            String copy = new CleanedCopy(PreviewLimits.DEFAULT, mode).cleanHtml(ANIMATED, List.of(pixel), List.of());
            assertFalse(copy.contains("t.esp.example") || copy.contains("t.example") || copy.contains("click.example")
                    || copy.contains("javascript:"), mode + ": " + copy);
            Document doc = Jsoup.parse(copy);
            for (org.jsoup.nodes.Element anim : doc.select("set, animate")) {
                for (String attr : List.of("to", "from", "by", "values")) {
                    assertTrue(anim.attr(attr).isEmpty() || anim.attr(attr).startsWith("#"), mode + ": " + anim);
                }
            }
            assertTrue(doc.select("[lowsrc], [dynsrc]").isEmpty(), mode + ": " + copy);
            assertTrue(doc.text().contains("Hello") && doc.text().contains("Click"), doc.text());
            assertEquals("cid:logo", doc.getElementById("logo").attr("src"), "the inline image stays");
            // a local reference loads nothing: the animation between two symbols of the message stays
            assertEquals("#autre", doc.getElementById("u").selectFirst("set").attr("to"), copy);
        }
    }

    @Test
    void animationsWritingARemoteUrlIntoAnyPropertyLoadNothingFromTheCopy() {
        String html = "<html><body><p>Bonjour</p><svg width=\"90\" height=\"40\">"
                + "<path id=\"p1\" d=\"M0 0L5 5\"><set attributeName=\"marker\""
                + " to=\"url(https://t.esp.example/m.svg#m)\"/></path>"
                + "<rect id=\"r1\" width=\"9\" height=\"9\"><set attributeName=\"mask-image\" attributeType=\"CSS\""
                + " to=\"url(https://t.esp.example/masque.png?u=alex.martin%40example.org)\"/>"
                + "<animate attributeName=\"marker-start\" values=\"url(#local);url('//t.esp.example/d.svg#m')\"/>"
                + "<set attributeName=\"cursor\" to=\"url(https://t.esp.example/c.png), auto\"/>"
                + "<set attributeName=\"background-image\" to=\"url(https://t.esp.example/fond.png)\"/></rect>"
                + "<rect id=\"r2\" width=\"9\" height=\"9\"><set attributeName=\"mask\" to=\"url(#masque)\"/>"
                + "<animate attributeName=\"opacity\" values=\"0;1\" dur=\"2s\"/></rect></svg></body></html>";
        for (CleanedCopy.RemoteContent mode : CleanedCopy.RemoteContent.values()) {
            String copy = new CleanedCopy(PreviewLimits.DEFAULT, mode).cleanHtml(html, List.of(), List.of());
            assertFalse(copy.contains("t.esp.example"), mode + ": " + copy);
            assertEquals(List.of(), RemoteReferences.in(copy), mode + ": " + copy);
            Document doc = Jsoup.parse(copy);
            assertEquals("url(#masque)", doc.getElementById("r2").selectFirst("set").attr("to"), "a local mask stays");
            assertEquals("0;1", doc.getElementById("r2").selectFirst("animate").attr("values"), copy);
        }
    }

    @Test
    void anAreaLinkIsRewrittenOrMadeInertLikeAnAnchor() {
        String tracked = "https://t.mailing.example/r/?id=h7f3a9c2e1";
        String unknown = "https://t.mailing.example/r/?id=b4d5e6f7a8";
        String unlisted = "https://t.shop.example.com/c?e=YWxleC5tYXJ0aW5AZXhhbXBsZS5vcmc";
        List<org.pixelproof.detect.Link> links = List.of(
                SafePreviewTest.link(tracked, "https://www.shop.example.com/soldes", "T1"),
                SafePreviewTest.link(unknown, null, "T2"));
        String html = "<html><body><img src=\"cid:plan\" usemap=\"#m\" alt=\"Plan\"><map name=\"m\">"
                + "<area id=\"a1\" shape=\"rect\" coords=\"0,0,10,10\" href=\"" + tracked + "\">"
                + "<area id=\"a2\" shape=\"rect\" coords=\"10,0,20,10\" href=\"" + unknown + "\">"
                + "<area id=\"a3\" shape=\"rect\" coords=\"20,0,30,10\" href=\"" + unlisted + "\"></map>"
                + "<svg><a id=\"s1\" xlink:href=\"" + tracked + "\"><text>Soldes</text></a></svg></body></html>";
        for (CleanedCopy.RemoteContent mode : CleanedCopy.RemoteContent.values()) {
            Document doc = Jsoup.parse(new CleanedCopy(PreviewLimits.DEFAULT, mode).cleanHtml(html, List.of(),
                    links));
            assertEquals("https://www.shop.example.com/soldes", doc.getElementById("a1").attr("href"), mode + "");
            assertFalse(doc.getElementById("a2").hasAttr("href"), mode + ": " + doc.getElementById("a2"));
            assertFalse(doc.getElementById("a3").hasAttr("href"), mode + ": " + doc.getElementById("a3"));
            assertTrue(doc.text().contains("hxxps://t.mailing.example/r/?id=b4d5e6f7a8"), doc.text());
            assertTrue(doc.text().contains("[lien non vérifié / unchecked link: hxxps://t.shop.example.com/c?e="),
                    doc.text());
            assertEquals("https://www.shop.example.com/soldes", doc.getElementById("s1").attr("xlink:href"),
                    mode + ": " + doc.getElementById("s1"));
            assertFalse(doc.html().contains("t.mailing.example/r/?id=h7f3a9c2e1\""), doc.html());
            assertFalse(doc.html().contains("t.shop.example.com/c?e=YWxl\""), doc.html());
        }
    }

    @Test
    void anSvgImageTrackerIsRemovedEvenWhenUntrackedContentIsKept() {
        String pixel = "https://img.lumiere-mail.example/svg/d3465286634333a03aba8cab9eb94bab.png";
        String html = "<html><body><p>Hello</p><svg><image id=\"i1\" href=\"" + pixel + "\" width=\"1\" height=\"1\"/>"
                + "<filter><feImage id=\"i2\" xlink:href=\"" + pixel + "?fe\"/></filter>"
                + "<image id=\"logo\" href=\"https://cdn.lumiere.example/logo.png\"/></svg></body></html>";
        String copy = new CleanedCopy(PreviewLimits.DEFAULT, CleanedCopy.RemoteContent.KEEP_UNTRACKED)
                .cleanHtml(html, List.of(SafePreviewTest.tracker("T1", TrackerKind.OPEN_PIXEL, pixel),
                        SafePreviewTest.tracker("T2", TrackerKind.OPEN_PIXEL, pixel + "?fe")), List.of());
        assertFalse(copy.contains("img.lumiere-mail.example"), copy);
        assertEquals("https://cdn.lumiere.example/logo.png", Jsoup.parse(copy).getElementById("logo").attr("href"),
                "untracked content is kept in this mode");
    }

    @Test
    void theAmpAlternativeIsDroppedFromTheEmlCopy() throws Exception {
        byte[] raw = ("From: a@example.com\r\nTo: b@example.org\r\nSubject: hi\r\nMessage-ID: <x@example.com>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=XX\r\n\r\n"
                + "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n"
                + "--XX\r\nContent-Type: text/x-amp-html; charset=utf-8\r\n\r\n<html amp4email><body>"
                + "<amp-img src=\"https://t.example/amp.png\" width=1 height=1></amp-img></body></html>\r\n"
                + "--XX\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>\r\n--XX--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] eml = CLEAN.eml(TestEmails.read(raw, "amp.eml"), List.of(), List.of());
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        List<String> texts = new ArrayList<>();
        List<String> types = new ArrayList<>();
        collect(m, texts, types);
        assertFalse(types.contains("text/x-amp-html"), types.toString());
        assertTrue(types.contains("text/html") && types.contains("text/plain"), types.toString());
        assertFalse(new String(eml, StandardCharsets.UTF_8).contains("t.example"));
    }

    @Test
    void textLinksAreReplacedLongestFirstInOnePass() {
        List<String[]> r = List.of(new String[] {"https://t.example/c?id=1", "https://shop.example/a"},
                new String[] {"https://t.example/c?id=12", "https://shop.example/b"},
                new String[] {"https://t.example/c?id=2", "https://t.example/c?id=1"});
        assertEquals("x https://shop.example/b y https://shop.example/a z https://t.example/c?id=1 "
                + "https://t.example/c?id",
                CleanedCopy.replaceAll("x https://t.example/c?id=12 y https://t.example/c?id=1 z https://t.example/c?id=2 "
                        + "https://t.example/c?id", r));
    }

    @Test
    void manyTrackedTextLinksAreAllRewritten() {
        // 20,000 links: one String.replace per link over the whole text took half a minute
        StringBuilder text = new StringBuilder();
        List<String[]> r = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String url = "https://click.mailer.example/c?u=b%40example.org&url=https%3A%2F%2Fshop.example%2Fp" + i;
            text.append("Voir ").append(url).append('\n');
            r.add(new String[] {url, "https://shop.example/p" + i});
        }
        String out = CleanedCopy.replaceAll(text.toString(), r);
        assertFalse(out.contains("click.mailer.example"));
        assertTrue(out.startsWith("Voir https://shop.example/p0\nVoir https://shop.example/p1\n"), out.substring(0, 80));
        assertTrue(out.endsWith("Voir https://shop.example/p19999\n"));
    }

    @Test
    void partsPastThePartLimitAreNotKeptUncleaned() throws Exception {
        StringBuilder b = new StringBuilder("From: a@example.com\r\nTo: b@example.org\r\nSubject: many\r\n"
                + "Message-ID: <m@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n");
        for (int i = 0; i < 1_200; i++) {
            b.append("--B\r\nContent-Type: text/html\r\n\r\n<p>Part ").append(i)
                    .append("<img src=\"https://t.example/p").append(i).append(".gif\"></p>\r\n");
        }
        b.append("--B--\r\n");
        byte[] eml = CLEAN.eml(TestEmails.read(b.toString().getBytes(StandardCharsets.UTF_8), "many.eml"), List.of(),
                List.of());
        String copy = new String(eml, StandardCharsets.UTF_8);
        assertFalse(copy.contains("<img src=\"https://t.example/"), "a part left as it was");
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        assertEquals("<m@example.com>", m.getMessageID());
        assertTrue(m.getHeader("X-PixelProof-Cleaned")[0].contains("rebuilt"));
    }

    @Test
    void aMessageOverTheLimitsWithoutAnyBodyStillGetsACopy() throws Exception {
        StringBuilder b = new StringBuilder("From: a@example.com\r\nSubject: empty parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=B\r\n\r\n");
        b.append("--B\r\n".repeat(3_000));
        byte[] eml = CLEAN.eml(TestEmails.read(b.toString().getBytes(StandardCharsets.UTF_8), "empty.eml"), List.of(),
                List.of());
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        assertEquals("empty parts", m.getSubject());
    }

    private static void collect(Part p, List<String> texts, List<String> types) throws Exception {
        types.add(p.getContentType().split(";")[0].trim().toLowerCase());
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                collect(b, texts, types);
            }
        } else if (p.isMimeType("text/*")) {
            texts.add((String) p.getContent());
        }
    }
}
