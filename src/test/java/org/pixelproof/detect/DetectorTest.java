package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;

class DetectorTest {

    private final Detector detector = new Detector(Fixtures.rules(), IngestLimits.DEFAULT);

    private Findings detect(String html, String... headers) {
        return detector.detect(Fixtures.html(html, headers), List.of());
    }

    private static String body(String inner) {
        return "<html><head></head><body><p>Bonjour Alex, voici nos nouveautés.</p>" + inner
                + "<p>Fin du message.</p></body></html>";
    }

    private static Tracker only(Findings f) {
        assertEquals(1, f.trackers().size(), () -> "trackers: " + f.trackers());
        return f.trackers().get(0);
    }

    private static boolean hasSignal(Tracker t, String code) {
        return t.signals().stream().anyMatch(s -> s.code().equals(code));
    }

    // ------------------------------------------------------------------------------------------ open pixels

    @Test
    void vendorOpenPixelIsHighWithVendorDetails() {
        Findings f = detect(body("<img src=\"https://brand.us3.list-manage.com/track/open.php?u=1a2b&amp;id=3c4d&amp;e=5e6f7a8b9c\" width=\"1\" height=\"1\">"));
        Tracker t = only(f);
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertEquals("https://brand.us3.list-manage.com/track/open.php?u=1a2b&id=3c4d&e=5e6f7a8b9c", t.url());
        assertEquals("brand.us3.list-manage.com", t.host());
        assertEquals("Mailchimp", t.vendor());
        assertEquals("US", t.vendorDetails().country());
        assertTrue(t.vendorDetails().outsideEea());
        assertEquals(Party.VENDOR, t.party());
        assertEquals(Confidence.HIGH, t.confidence());
        assertEquals("mailchimp.open", t.ruleId());
        assertEquals("T1", t.id());
        assertTrue(hasSignal(t, SignalCodes.VENDOR_RULE));
        assertTrue(hasSignal(t, SignalCodes.DECLARED_SIZE));
        assertEquals("1", t.location().partPath());
        assertEquals("img", t.location().element());
        assertEquals("src", t.location().attribute());
        assertTrue(t.evidence().startsWith("<img src=\"https://brand.us3.list-manage.com/track/open.php?u=1a2b&amp;id"),
                t.evidence());
    }

    @Test
    void hiddenPixelWithTokenOnUnknownHostIsATracker() {
        Findings f = detect(body("<div style=\"display:none;max-height:0;overflow:hidden\"><img src=\"https://t.boulangerie-exemple.fr/o/aZ3kP9qLm2Xw7RtY5vB1\" alt=\"\"></div>"));
        Tracker t = only(f);
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertTrue(hasSignal(t, SignalCodes.HIDDEN_CSS), t.signals().toString());
        assertTrue(hasSignal(t, SignalCodes.HIGH_ENTROPY_TOKEN));
        assertTrue(hasSignal(t, SignalCodes.EMPTY_ALT));
        assertEquals(Party.FIRST_PARTY, t.party());
        assertEquals(Confidence.HIGH, t.confidence());
        assertEquals("heuristic.pixel", t.ruleId());
        assertFalse(t.hiddenBy().isEmpty());
    }

    @Test
    void cssSizedPixelOffScreenAndWrapper() {
        Findings f = detect(body("<img src=\"https://px.example.net/p.gif?id=Qw8eR7tY6uI5oP4a\" style=\"width:1px;height:1px;position:absolute;left:-9999px\">"
                + "<div style=\"height:0;overflow:hidden\"><img src=\"https://px2.example.net/p.gif?id=Lk9jH8gF7dS6aP5o\"></div>"));
        assertEquals(2, f.trackers().size());
        assertTrue(hasSignal(f.trackers().get(0), SignalCodes.CSS_SIZE));
        assertTrue(hasSignal(f.trackers().get(0), SignalCodes.OFF_SCREEN));
        assertTrue(hasSignal(f.trackers().get(1), SignalCodes.HIDDEN_WRAPPER));
    }

    @Test
    void classBasedHidingFromStyleSheet() {
        Findings f = detect("<html><head><style>.px{display:none}</style></head><body><p>Hi</p>"
                + "<img class=\"px\" src=\"https://open.example.net/i/Zx81Kq02Lp93Mw47\"><p>End</p></body></html>");
        Tracker t = only(f);
        assertTrue(hasSignal(t, SignalCodes.HIDDEN_CSS), t.signals().toString());
    }

    @Test
    void spacersCidAndDataImagesAreNotTrackers() {
        Findings f = detect(body("<img src=\"https://static.boulangerie-exemple.fr/img/spacer.gif\" width=\"1\" height=\"1\">"
                + "<img src=\"https://www.boulangerie-exemple.fr/images/blank.gif\" width=\"1\" height=\"10\">"
                + "<img src=\"cid:logo@boulangerie\" width=\"1\" height=\"1\">"
                + "<img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\" width=\"1\" height=\"1\">"
                + "<img src=\"about:blank\"><img src=\"images/relative.png\" width=1 height=1>"));
        assertTrue(f.trackers().isEmpty(), f.trackers().toString());
        assertEquals(2, f.remoteContent().size(), f.remoteContent().toString());
    }

    @Test
    void logoOnCdnIsRemoteContent() {
        Findings f = detect(body("<img src=\"https://cdn.boulangerie-exemple.fr/logo.png\" width=\"200\" alt=\"Logo\">"));
        assertTrue(f.trackers().isEmpty());
        RemoteResource r = f.remoteContent().get(0);
        assertEquals("cdn.boulangerie-exemple.fr", r.host());
        assertEquals("img", r.vector());
    }

    @Test
    void tokenlessPixelOnOwnSiteIsLowConfidence() {
        Tracker t = only(detect(body("<img src=\"https://www.boulangerie-exemple.fr/open.gif\" width=\"1\" height=\"1\">")));
        assertEquals(Confidence.LOW, t.confidence());
    }

    @Test
    void urlCleanedAsAClientWould() {
        Findings f = detect(body("<img width=1 height=1 src=\"  https://t.example.net/o?a=1&amp;b=2&#x26;c=3\n&d=Xk29Lm38Nq47Pr56  \">"
                + "<img width=1 height=1 src=\"//t2.example.net/o?d=Ab12Cd34Ef56Gh78\">"));
        assertEquals("https://t.example.net/o?a=1&b=2&c=3&d=Xk29Lm38Nq47Pr56", f.trackers().get(0).url());
        assertEquals("https://t2.example.net/o?d=Ab12Cd34Ef56Gh78", f.trackers().get(1).url());
    }

    @Test
    void baseHrefResolvesRelativeReferences() {
        Findings f = detect("<html><head><base href=\"https://mail.example.net/c/123/\"></head><body>"
                + "<img src=\"open/Zq81Kx02Lw93Mv47.gif\" width=\"1\" height=\"1\"><img src=\"/logo.png\"></body></html>");
        assertEquals("https://mail.example.net/c/123/open/Zq81Kx02Lw93Mv47.gif", only(f).url());
        assertEquals("https://mail.example.net/logo.png", f.remoteContent().get(0).url());
    }

    // ---------------------------------------------------------------------------------------------- vectors

    @Test
    void everyRemoteFetchVectorIsFound() {
        String tok = "?r=Zq81Kx02Lw93Mv47";
        String html = "<html><head>"
                + "<link rel=\"stylesheet\" href=\"https://v.example.net/link-stylesheet.css\">"
                + "<link rel=\"preload\" href=\"https://v.example.net/link-preload\">"
                + "<link rel=\"prefetch\" href=\"https://v.example.net/link-prefetch\">"
                + "<link rel=\"icon\" href=\"https://v.example.net/link-icon.ico\">"
                + "<meta http-equiv=\"refresh\" content=\"0; url='https://v.example.net/meta-refresh'\">"
                + "<style>@import url(\"https://v.example.net/import-url.css\");@import 'https://v.example.net/import-string.css';"
                + "@font-face{font-family:X;src:url(https://v.example.net/font-face.woff) format('woff')}"
                + "@media print{.a{background:url(https://v.example.net/media-print.png)}}"
                + "@media (prefers-color-scheme: dark){.b{background-image:url('https://v.example.net/dark.png')}}"
                + "@media screen and (max-width:600px){.c{list-style-image:url(https://v.example.net/device.png)}}"
                + ".d:hover{cursor:url(https://v.example.net/hover.cur),auto}"
                + ".e{content:url(https://v.example.net/content.png);border-image:url(https://v.example.net/border.png) 30}"
                + ".f{background-image:image-set(\"https://v.example.net/image-set.png\" 1x)}"
                + "</style></head><body background=\"https://v.example.net/body-background.png\">"
                + "<table background=\"https://v.example.net/table-background.png\"><tr><td background=\"https://v.example.net/td-background.png\">x</td></tr></table>"
                + "<img src=\"https://v.example.net/img-src.png\" srcset=\"https://v.example.net/srcset-1x.png 1x, https://v.example.net/srcset-2x.png 2x\">"
                + "<picture><source srcset=\"https://v.example.net/picture-source.webp\"><img src=\"https://v.example.net/picture-img.png\"></picture>"
                + "<input type=\"image\" src=\"https://v.example.net/input-image.png\">"
                + "<div style=\"background-image:url(&quot;https://v.example.net/inline-style.png&quot;)\">y</div>"
                + "<iframe src=\"https://v.example.net/iframe\"></iframe><object data=\"https://v.example.net/object\"></object>"
                + "<embed src=\"https://v.example.net/embed\">"
                + "<video src=\"https://v.example.net/video.mp4\" poster=\"https://v.example.net/video-poster.png\"><source src=\"https://v.example.net/video-source.mp4\"><track src=\"https://v.example.net/track.vtt\"></video>"
                + "<audio src=\"https://v.example.net/audio.mp3\"></audio>"
                + "<svg><image href=\"https://v.example.net/svg-image.png\"/><image xlink:href=\"https://v.example.net/svg-xlink.png\"/>"
                + "<use href=\"https://v.example.net/svg-use.svg#a\"/><filter><feImage href=\"https://v.example.net/svg-feimage.png\"/></filter></svg>"
                + "<!--[if mso]><v:rect><v:fill type=\"tile\" src=\"https://v.example.net/vml-fill.png\"/></v:rect>"
                + "<v:image src=\"https://v.example.net/vml-image.png\"/><v:shape><v:imagedata src=\"https://v.example.net/vml-imagedata.png\"/></v:shape><![endif]-->"
                + "</body></html>";
        Findings f = detect(html);
        List<String> urls = new java.util.ArrayList<>();
        f.remoteContent().forEach(r -> urls.add(r.url()));
        f.trackers().forEach(t -> urls.add(t.url()));
        for (String expected : List.of("link-stylesheet.css", "link-preload", "link-prefetch", "link-icon.ico",
                "meta-refresh", "import-url.css", "import-string.css", "font-face.woff", "media-print.png", "dark.png",
                "device.png", "hover.cur", "content.png", "border.png", "image-set.png", "body-background.png",
                "table-background.png", "td-background.png", "img-src.png", "srcset-1x.png", "srcset-2x.png",
                "picture-source.webp", "picture-img.png", "input-image.png", "inline-style.png", "iframe", "object",
                "embed", "video.mp4", "video-poster.png", "video-source.mp4", "track.vtt", "audio.mp3",
                "svg-image.png", "svg-xlink.png", "svg-use.svg#a", "svg-feimage.png", "vml-fill.png", "vml-image.png",
                "vml-imagedata.png")) {
            assertTrue(urls.contains("https://v.example.net/" + expected), () -> expected + " missing from " + urls);
        }
        assertEquals(40, urls.size(), urls::toString);
        assertTrue(f.trackers().isEmpty(), "no tracking sign in any of them: " + f.trackers());
        RemoteResource print = f.remoteContent().stream().filter(r -> r.url().endsWith("media-print.png")).findFirst()
                .orElseThrow();
        assertEquals("@media print { .a }", print.location().cssRule());
        assertEquals("background", print.location().attribute());
        assertEquals("css-stylesheet", print.vector());
    }

    @Test
    void conditionalCssWithTokenIsACssBeacon() {
        Findings f = detect("<html><head><style>@media print{#_t{background-image:url('https://beacon.example.net/p?d=Zq81Kx02Lw93Mv47')}}"
                + "</style></head><body><div id=\"_t\"></div><p>x</p></body></html>");
        Tracker t = only(f);
        assertEquals(TrackerKind.CSS_BEACON, t.kind());
        assertTrue(hasSignal(t, SignalCodes.CONDITIONAL_CSS));
        assertEquals("@media print { #_t }", t.location().cssRule());
        assertTrue(t.evidence().contains("#_t{background-image"), t.evidence());
    }

    @Test
    void ampPixelAndAnalyticsAreBeacons() {
        String amp = "<html amp4email><head></head><body><amp-img src=\"https://cdn.example.net/a.png\" width=600 height=300></amp-img>"
                + "<amp-pixel src=\"https://amp.example.net/pixel?rid=1\"></amp-pixel>"
                + "<amp-analytics config=\"https://amp.example.net/config.json\"><script type=\"application/json\">"
                + "{\"requests\":{\"open\":\"https://amp.example.net/open?x=${random}\"},\"triggers\":{\"t\":{\"on\":\"visible\",\"request\":\"open\"}}}"
                + "</script></amp-analytics></body></html>";
        ReceivedEmail e = Fixtures.message(List.of(new BodyText("1.2", BodyKind.AMP_HTML, amp, "utf-8", "UTF-8", false)));
        Findings f = detector.detect(e, List.of());
        assertEquals(3, f.trackers().size(), f.trackers().toString());
        assertEquals(TrackerKind.OPEN_PIXEL, f.trackers().get(0).kind());
        assertEquals(TrackerKind.OTHER_BEACON, f.trackers().get(1).kind());
        assertEquals("https://amp.example.net/open?x=${random}", f.trackers().get(2).url());
        assertEquals(1, f.remoteContent().size());
    }

    @Test
    void vmlInsideConditionalCommentWithTokenIsFound() {
        Findings f = detect(body("<!--[if gte mso 9]><v:rect style=\"width:1px;height:1px\"><v:fill src=\"https://t.example.net/vml/Zq81Kx02Lw93Mv47\" /></v:rect><![endif]-->"
                + "<a href=\"https://shop.example.net/?k=Zq81Kx02Lw93Mv47\">Shop</a>"));
        Tracker t = f.trackers().get(0);
        assertEquals("v:fill", t.location().element());
        assertTrue(hasSignal(t, SignalCodes.OUTLOOK_ONLY));
        assertTrue(hasSignal(t, SignalCodes.SHARED_TOKEN));
    }

    // -------------------------------------------------------------------------------------- identifiers

    private static String hex(String alg, String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void recipientIdentifierEncodings() throws Exception {
        String a = Fixtures.RECIPIENT;
        String b64 = Base64.getEncoder().encodeToString(a.getBytes(StandardCharsets.UTF_8));
        String[][] cases = {
                {"plain", "?e=" + a},
                {"urlencoded", "?e=alex.martin%40example.org"},
                {"base64", "?e=" + b64},
                {"base64", "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"email\":\"" + a + "\",\"c\":1}").getBytes(StandardCharsets.UTF_8))},
                {"base64", "?p=" + Base64.getEncoder().encodeToString(("xy" + a + "|campaign=42").getBytes(StandardCharsets.UTF_8))},
                {"hex", "?h=" + HexFormat.of().formatHex(a.getBytes(StandardCharsets.UTF_8))},
                {"hex-upper", "?h=" + HexFormat.of().withUpperCase().formatHex(a.getBytes(StandardCharsets.UTF_8))},
                {"md5", "?m=" + hex("MD5", a)},
                {"md5-upper", "?m=" + hex("MD5", a).toUpperCase()},
                {"sha1", "/" + hex("SHA-1", a) + ".gif"},
                {"sha224", "?s=" + hex("SHA-224", a)},
                {"sha256", "#" + hex("SHA-256", a)},
                {"sha384", "?s=" + hex("SHA-384", a)},
                {"sha512", "?s=" + hex("SHA-512", a)},
                {"sha256(md5)", "?s=" + hex("SHA-256", hex("MD5", a))},
        };
        for (String[] c : cases) {
            Findings f = detect(body("<img src=\"https://img.example.net/x.png" + c[1] + "\" alt=\"Photo\" width=\"300\">"));
            assertEquals(1, f.trackers().size(), () -> c[0] + ": " + f.trackers());
            List<String> encodings = f.trackers().get(0).recipientIdentifiers().stream().map(RecipientIdentifier::encoding).toList();
            assertTrue(encodings.contains(c[0]), () -> c[0] + " not in " + encodings);
            assertEquals(Confidence.HIGH, f.trackers().get(0).confidence());
        }
    }

    @Test
    void anAddressBothDecodedAndUrlEncodedInOneParameterIsOneFindingKeptAsUrlEncoded() {
        Findings f = detect(body("<img src=\"https://img.example.net/x.png?p1=alex.martin%40example.org\" alt=\"\" "
                + "width=\"300\">"));
        List<RecipientIdentifier> ids = only(f).recipientIdentifiers();
        assertEquals(1, ids.size(), ids::toString);
        assertEquals("urlencoded", ids.get(0).encoding());
        assertEquals("alex.martin%40example.org", ids.get(0).value());
        assertEquals("query parameter p1", ids.get(0).where());
    }

    @Test
    void encodingsHaveFrenchAndEnglishLabels() {
        assertEquals("en clair", DetectLabels.encoding("plain", java.util.Locale.FRENCH));
        assertEquals("encodée pour URL", DetectLabels.encoding("urlencoded", java.util.Locale.FRENCH));
        assertEquals("hachée SHA-256", DetectLabels.encoding("sha256", java.util.Locale.FRENCH));
        assertEquals("SHA-256-hashed", DetectLabels.encoding("sha256(md5)", java.util.Locale.ENGLISH));
        assertEquals("hachée MD5", DetectLabels.encoding("md5-upper", java.util.Locale.FRENCH));
        assertEquals("URL-encoded", DetectLabels.encoding("urlencoded", java.util.Locale.ENGLISH));
        for (String code : List.of("plain", "urlencoded", "base64", "base64url", "hex", "md5", "sha1", "sha224",
                "sha256", "sha384", "sha512", "verp")) {
            assertTrue(DetectLabels.codes().contains("encoding." + code), code);
        }
    }

    @Test
    void sizeHidingLabelsCoverZeroPixels() {
        for (String code : List.of("DECLARED_SIZE", "CSS_SIZE", "declared-size", "css-size")) {
            assertTrue(DetectLabels.label(code, java.util.Locale.FRENCH).contains("0 à 3 pixels"), code);
            assertTrue(DetectLabels.label(code, java.util.Locale.ENGLISH).contains("0 to 3 pixels"), code);
        }
    }

    @Test
    void originalCaseAddressHashIsFound() throws Exception {
        ReceivedEmail e = Fixtures.html(body("<img src=\"https://img.example.net/x.png?m=" + hex("MD5", "Alex.Martin@Example.org") + "\">"));
        Findings f = detector.detect(e, List.of("Alex.Martin@Example.org"));
        assertEquals("md5", only(f).recipientIdentifiers().get(0).encoding());
        assertEquals("query parameter m", only(f).recipientIdentifiers().get(0).where());
    }

    @Test
    void headerIdentifiersAreReported() {
        Findings f = detect(body(""), "Return-Path: <bounces+alex.martin=example.org@mail.boulangerie-exemple.fr>",
                "List-Unsubscribe: <https://boulangerie-exemple.fr/u?e=alex.martin%40example.org>");
        List<String> where = f.headerIdentifiers().stream().map(r -> r.where() + ":" + r.encoding()).toList();
        assertTrue(where.contains("Return-Path:verp"), where::toString);
        assertTrue(where.contains("List-Unsubscribe:urlencoded"), where::toString);
        assertEquals(List.of(Fixtures.RECIPIENT), f.recipientAddresses());
    }

    // ------------------------------------------------------------------------------------------- clicks

    @Test
    void clickTrackingGroupedPerRedirector() {
        Findings f = detect(body("<a href=\"https://brand.us3.list-manage.com/track/click?u=1&amp;id=2&amp;e=3\">A</a>"
                + "<a href=\"https://brand.us3.list-manage.com/track/click?u=1&amp;id=4&amp;e=3\">B</a>"
                + "<a href=\"https://www.boulangerie-exemple.fr/?utm_source=newsletter&amp;utm_medium=email\">C</a>"
                + "<a href=\"mailto:contact@boulangerie-exemple.fr\">D</a>"));
        Tracker t = only(f);
        assertEquals(TrackerKind.CLICK_TRACKING, t.kind());
        assertEquals("mailchimp.click", t.ruleId());
        assertTrue(t.signals().get(0).detail().endsWith("(2 links)"), t.signals().toString());
        assertEquals(4, f.links().size());
        assertEquals("T1", f.links().get(0).trackerId());
        assertEquals("T1", f.links().get(1).trackerId());
        assertNull(f.links().get(2).trackerId());
        assertEquals(List.of("utm_source=newsletter", "utm_medium=email"), f.links().get(2).campaignParameters());
        assertNull(f.links().get(3).host());
    }

    @Test
    void recipientParameterMakesClickTracking() {
        Tracker t = only(detect(body("<a href=\"https://www.boulangerie-exemple.fr/promo?mc_eid=4f1c2d3e4a&amp;utm_campaign=x\">Promo</a>")));
        assertTrue(hasSignal(t, SignalCodes.RECIPIENT_PARAMETER));
        assertTrue(hasSignal(t, SignalCodes.CAMPAIGN_PARAMETERS));
        assertTrue(t.perRecipientTokens().contains("mc_eid=4f1c2d3e4a"));
    }

    @Test
    void destinationsDecodedOffline() {
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString("https://www.boulangerie-exemple.fr/pains".getBytes(StandardCharsets.UTF_8));
        String json = Base64.getEncoder().encodeToString("{\"rid\":\"x\",\"url\":\"https://www.boulangerie-exemple.fr/json\"}".getBytes(StandardCharsets.UTF_8));
        Findings f = detect(body("<a href=\"https://r.example.net/c?url=https%3A%2F%2Fwww.boulangerie-exemple.fr%2Fparam\">1</a>"
                + "<a href=\"https://r2.example.net/c/" + b64 + "\">2</a>"
                + "<a href=\"https://r3.example.net/c?d=" + json + "\">3</a>"
                + "<a href=\"https://abc.r.eu-west-1.awstrack.me/L0/https:%2F%2Fwww.boulangerie-exemple.fr%2Fses%3Fa=1/1/0102018c-token/AbCdEf=330\">4</a>"
                + "<a href=\"https://r4.example.net/c?u=https%3A%2F%2Fr.example.net%2Fc%3Furl%3Dhttps%253A%252F%252Fwww.boulangerie-exemple.fr%252Fnested\">5</a>"));
        List<String> dest = f.links().stream().map(Link::destination).toList();
        assertEquals(List.of("https://www.boulangerie-exemple.fr/param", "https://www.boulangerie-exemple.fr/pains",
                "https://www.boulangerie-exemple.fr/json", "https://www.boulangerie-exemple.fr/ses?a=1",
                "https://www.boulangerie-exemple.fr/nested"), dest);
        assertEquals(5, f.trackers().size(), f.trackers().toString());
        assertEquals("Amazon SES", f.trackers().get(3).vendor());
    }

    @Test
    void unsubscribeLinkWithAddressIsNotClickTracking() {
        Findings f = detect(body("<a href=\"https://www.boulangerie-exemple.fr/desinscription?email=alex.martin%40example.org\">Se désinscrire</a>"));
        assertTrue(f.trackers().isEmpty(), f.trackers().toString());
    }

    @Test
    void wrappersAreLookedThrough() {
        String inner = "https://brand.us3.list-manage.com/track/click?u=1&id=2&e=3";
        String safe = "https://eur01.safelinks.protection.outlook.com/?url=" + java.net.URLEncoder.encode(inner, StandardCharsets.UTF_8) + "&amp;data=05%7C01&amp;reserved=0";
        String plainSafe = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.boulangerie-exemple.fr%2F&amp;data=05";
        String pp2 = "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.boulangerie-2Dexemple.fr_track-3Fid-3DZq81Kx02Lw93Mv47&amp;d=DwMF&amp;c=x";
        Findings f = detect(body("<a href=\"" + safe + "\">A</a><a href=\"" + plainSafe + "\">B</a><a href=\"" + pp2 + "\">C</a>"
                + "<a href=\"https://www.boulangerie-exemple.fr/x?k=Zq81Kx02Lw93Mv47\">D</a>"
                + "<img src=\"https://ci3.googleusercontent.com/proxy/AbCdEf#https://t.example.net/open/Yw72Jv13Ku84Lt95\" width=1 height=1>"));
        Tracker click = f.trackers().stream().filter(t -> t.kind() == TrackerKind.CLICK_TRACKING).findFirst().orElseThrow();
        assertEquals("outlook-safelinks", click.wrappedBy());
        assertEquals("brand.us3.list-manage.com", click.host());
        assertEquals("eur01.safelinks.protection.outlook.com", f.links().get(1).host().equals("www.boulangerie-exemple.fr") ? "eur01.safelinks.protection.outlook.com" : f.links().get(1).host());
        assertNull(f.links().get(1).trackerId());
        assertTrue(f.trackers().stream().noneMatch(t -> t.host().contains("outlook") || t.host().contains("google")
                || t.host().contains("proofpoint")), f.trackers().toString());
        Tracker pixel = f.trackers().stream().filter(t -> t.kind() == TrackerKind.OPEN_PIXEL).findFirst().orElseThrow();
        assertEquals("gmail-image-proxy", pixel.wrappedBy());
        assertEquals("t.example.net", pixel.host());
        assertEquals("www.boulangerie-exemple.fr", f.links().get(2).host());
    }

    // ---------------------------------------------------------------------------------- headers, party

    @Test
    void readReceiptHeaderComesFirst() {
        Findings f = detect(body("<img src=\"https://brand.us3.list-manage.com/track/open.php?u=1\">"),
                "Disposition-Notification-To: Boulangerie <news@boulangerie-exemple.fr>");
        assertEquals(2, f.trackers().size());
        Tracker r = f.trackers().get(0);
        assertEquals("T1", r.id());
        assertEquals(TrackerKind.READ_RECEIPT, r.kind());
        assertEquals("header:Disposition-Notification-To", r.url());
        assertEquals("boulangerie-exemple.fr", r.host());
        assertEquals(Party.FIRST_PARTY, r.party());
        assertEquals("T2", f.trackers().get(1).id());
    }

    @Test
    void espOnSenderDomainAndThirdParty() {
        Findings f = detect(body("<img src=\"https://click.boulangerie-exemple.fr/wf/open?upn=Zq81Kx02Lw93Mv47\">"
                + "<img src=\"https://ads.example-adtech.com/px?uid=Zq81Kx02Lw93Mv47\" width=1 height=1>"),
                "X-MJ-Mid: abc");
        assertEquals(Party.ESP_ON_SENDER_DOMAIN, f.trackers().get(0).party());
        assertEquals("SendGrid", f.trackers().get(0).vendor());
        assertTrue(hasSignal(f.trackers().get(0), SignalCodes.VENDOR_PATH_SHAPE));
        assertEquals(Party.THIRD_PARTY, f.trackers().get(1).party());
        assertEquals(List.of("mailjet"), f.espHints());
    }

    @Test
    void aSubdomainOfTheFromDomainIsTheSendersEvenUnderNoPublicSuffixAndWhenTheIdentityIsDoubtful() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "\"Banque Populaire Exemple\" <news@secure-notice-mailer.example>")
                .header("Reply-To", "support@autre-domaine.example")
                .html(body("<img src=\"https://px.secure-notice-mailer.example/o/aZ3kP9qLm2Xw7RtY5vB1\""
                        + " width=\"1\" height=\"1\" alt=\"\">"))
                .build();
        Findings f = detector.detect(e, List.of());
        Tracker t = only(f);
        assertEquals(Party.FIRST_PARTY, t.party());
        assertEquals(PartyResolver.SENDER_SUBDOMAIN_OPERATOR_UNKNOWN, t.partyCode());
    }

    @Test
    void missingMarkersComputedFromFoundOnes() {
        Findings f = detect(body(""));
        assertEquals(List.of(ConsentMarkerType.values()), f.missingConsentMarkers());
        assertNotNull(f.sender());
    }

    @Test
    void plainTextLinksAreAnalysed() {
        ReceivedEmail e = Fixtures.message(List.of(new BodyText("1.1", BodyKind.PLAIN,
                "Voir : https://brand.us3.list-manage.com/track/click?u=1&id=2&e=3.\nMerci", "utf-8", "UTF-8", false)));
        Findings f = detector.detect(e, List.of());
        assertEquals(1, f.links().size());
        assertEquals("https://brand.us3.list-manage.com/track/click?u=1&id=2&e=3", f.links().get(0).url());
        assertEquals("T1", f.links().get(0).trackerId());
        assertEquals("text", f.trackers().get(0).location().element());
    }

    // ------------------------------------------------------------------------------------------ hostile

    @Test
    void tooManyElementsAreCutAndRecordedWhatCameBeforeIsAnalysed() {
        StringBuilder sb = new StringBuilder("<html><body>");
        sb.append("<img src=\"https://brand.us3.list-manage.com/track/open.php?u=1\">");
        sb.append("<i>".repeat(HtmlParsing.MAX_ELEMENTS + 10));
        sb.append("<img src=\"https://brand.us3.list-manage.com/track/open.php?u=2\">");
        Findings f = detect(sb.toString());
        assertEquals(1, f.trackers().size(), "the pixel before the cut is found, the one after it is not analysed");
        assertTrue(f.trackers().get(0).url().endsWith("u=1"));
        assertTrue(f.anomalies().stream()
                .anyMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.HTML_TOO_MANY_ELEMENTS));
    }

    @Test
    void theElementCutCountsStartTagsOnly() {
        assertEquals(12, HtmlParsing.cutAfterElements("<a>1 < 2</a><b>", 1));
        assertEquals(15, HtmlParsing.cutAfterElements("<a>1 < 2</a><b>", 2));
        assertEquals(0, HtmlParsing.cutAfterElements("<a>", 0));
        assertEquals(3, HtmlParsing.cutAfterElements("a <", 0));
    }

    @Test
    void aHostWithControlOrBidiCharactersIsListedAsWrittenWithAnAnomaly() {
        String id = "?u=" + Fixtures.RECIPIENT;
        Findings f = detect(body("<img src=\"https://t.x\u001b.example/o.gif" + id + "\" width=1 height=1>"
                + "<img src=\"https://t.\u202ey.example/o.gif" + id + "\" width=1 height=1>"
                + "<img src=\"https://cdn.shop-example.fr/logo\u0007.png\">"));
        assertEquals(List.of("t.x\u001b.example", "t.\u202ey.example"), f.trackers().stream().map(Tracker::host)
                .toList(), "kept as the message writes them");
        List<org.pixelproof.ingest.Anomaly> invalid = f.anomalies().stream()
                .filter(a -> a.code() == org.pixelproof.ingest.AnomalyCode.INVALID_URL_HOST).toList();
        assertEquals(1, invalid.size(), f.anomalies()::toString);
        assertTrue(invalid.get(0).detail().startsWith("2 tracker(s) and 0 other remote load(s)"), invalid.toString());
        assertTrue(invalid.get(0).detail().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "no host quoted");
        assertFalse(detect(body("<img src=\"https://t.x.example/o.gif" + id + "\" width=1 height=1>")).anomalies()
                .stream()
                .anyMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.INVALID_URL_HOST));
        assertTrue(Detector.invalidHost("a\u0085b") && Detector.invalidHost("a\u2066b"));
        assertFalse(Detector.invalidHost("caf\u00e9.fr"));
    }

    @Test
    void linksPastTheScoringLimitAreLeftOutAndSaidSo() {
        StringBuilder sb = new StringBuilder("<html><body>");
        for (int i = 0; i < Detector.MAX_SCORED_LINKS + 5; i++) {
            sb.append("<a href=\"https://h").append(i).append(".shop-example.fr/p\">x</a>");
        }
        Findings f = detect(sb.append("</body></html>").toString());
        assertEquals(Detector.MAX_SCORED_LINKS, f.links().size());
        assertTrue(f.anomalies().stream().anyMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.REFERENCES_NOT_ANALYSED
                && a.detail().startsWith((Detector.MAX_SCORED_LINKS + 5) + " links found")), f.anomalies().toString());
    }

    @Test
    void startTagsInCommentsDoNotCountTowardsTheElementCut() {
        assertEquals(21, HtmlParsing.cutAfterElements("<!-- <b><b><b> --><a><b>", 1));
        assertEquals(5, HtmlParsing.cutAfterElements("<!--><a><b>", 0), "<!--> is an empty comment");
        assertEquals(13, HtmlParsing.cutAfterElements("<!-- <b> --!><a>", 0), "--!> ends a comment");
        assertEquals(2, HtmlParsing.startTags("<!-- <b> --><a><b><!-- unclosed <i>"));
        StringBuilder sb = new StringBuilder("<html><body><!-- ");
        sb.append("<b>".repeat(HtmlParsing.MAX_ELEMENTS + 1)).append(" -->");
        sb.append("<img src=\"https://t.example.net/o/8f14e45fceea167a5a36dedd4bea2543.gif\" width=\"1\" height=\"1\">");
        Findings f = detect(sb.append("</body></html>").toString());
        assertEquals(1, f.trackers().size(), "padding in a comment no longer hides the pixel after it");
        assertTrue(f.anomalies().stream().noneMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.HTML_TOO_MANY_ELEMENTS));
    }

    @Test
    void aBaseTagInAnyCaseResolvesRelativePixels() {
        assertTrue(HtmlParsing.hasBaseTag("<p>x</p><BASE HREF='https://t.example/'>", 100));
        assertFalse(HtmlParsing.hasBaseTag("<p>x</p><BASE HREF='https://t.example/'>", 8), "after the cut");
        assertFalse(HtmlParsing.hasBaseTag("<p>database</p><b>base</b>", 100), "the word, not a tag");
        Findings f = detect("<html><head><BaSe HrEf=\"https://mail.example.net/o/\"></head><body>"
                + "<img src=\"open.gif?rid=8f14e45fceea167a5a36dedd4bea2543\" width=\"1\" height=\"1\"></body></html>");
        assertEquals(1, f.trackers().size());
        assertTrue(f.trackers().get(0).url().startsWith("https://mail.example.net/o/open.gif"),
                f.trackers().get(0).url());
    }

    @Test
    void deepNestingIsBoundedAndRecorded() {
        StringBuilder sb = new StringBuilder("<html><body>");
        for (int i = 0; i < 100_000; i++) {
            sb.append("<div>");
        }
        sb.append("<img src=\"https://brand.us3.list-manage.com/track/open.php?u=1\">");
        Findings f = detect(sb.toString());
        assertEquals(1, f.trackers().size());
        assertTrue(f.anomalies().stream().anyMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.HTML_TOO_DEEP));
    }

    @Test
    void hostileCssIsScannedLinearly() {
        StringBuilder css = new StringBuilder("<style>");
        for (int i = 0; i < 50_000; i++) {
            css.append("{(url(\"'\\");
        }
        css.append("</style>");
        StringBuilder attr = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            attr.append("url(url(image-set(");
        }
        Findings f = detect("<html><head>" + css + "</head><body><div style=\"" + attr + "\">x</div></body></html>");
        assertNotNull(f);
        Findings big = detector.detect(Fixtures.html("<style>" + ".a{color:red}".repeat(30_000) + "</style>"),
                List.of());
        assertTrue(big.anomalies().stream().anyMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.CSS_TOO_LARGE));
    }
    @Test
    void sparkPostDeepLinksWithACustomSubPathAreSparkPostsToo() {
        // SparkPost's tracked links are <brand host>/f/a/<token>~~/...; a link written with data-msys-sublink has its
        // own sub-path instead of "a" (support.sparkpost.com, deep-links-self-serve): same redirector, same vendor
        Detector real = new Detector(org.pixelproof.rules.RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);
        Findings f = real.detect(Fixtures.html(body(
                "<a href=\"https://clicks.boulangerie-exemple.fr/f/a/Hq7Lm2Np4Rs6Tv8Wx0Yz~~/AAQxARA~/Kd3Fg5Hj7Kl9Mn1Pq3Rs~~\">Mes billets</a>"
                + "<a href=\"https://clicks.boulangerie-exemple.fr/f/open-in-app/Zb2Xc4Vn6Bm8Qw0Er2Ty~~/AAQxARA~/Pl9Ok7Ij5Uh3Yg1Tf9Rd~~\">Ouvrir l'application</a>"),
                "From: Billetterie Exemple <billets@billetterie-exemple.fr>"), List.of());
        assertEquals(2, f.trackers().size(), f.trackers().toString());
        Tracker web = f.trackers().get(0);
        Tracker app = f.trackers().get(1);
        assertEquals("sparkpost.click-1", web.ruleId());
        assertEquals("sparkpost.click-sublink", app.ruleId());
        assertEquals("SparkPost", web.vendor());
        assertEquals(web.vendor(), app.vendor());
        assertEquals(web.vendorDetails(), app.vendorDetails());
        assertEquals(PartyResolver.ESP_ON_SENDER_SUBDOMAIN, app.partyCode());
        assertEquals(web.partyCode(), app.partyCode());
    }
    @Test
    void aTokenIsShownWholeAsFoundNeverAPieceOfItsValue() {
        // base64 with '@', '+' and '=' around the measured run: the whole parameter value, percent-encoded as written
        Detector real = new Detector(org.pixelproof.rules.RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);
        Tracker t = only(real.detect(Fixtures.html(body("<a href=\"https://t.boulangerie-exemple.fr/r/?id=hab12,cd34,ef56"
                + "&amp;p1=%40Qx7pKfGm2hlZ%2BW3RqTSnYse9vgiiPKLnCfDTfGvMKE%3D\">Mon compte</a>")), List.of()));
        assertEquals("adobe-campaign.click-1", t.ruleId());
        assertEquals(List.of("p1=%40Qx7pKfGm2hlZ%2BW3RqTSnYse9vgiiPKLnCfDTfGvMKE%3D"), t.perRecipientTokens());
        assertTrue(t.url().contains(t.perRecipientTokens().get(0)), "findable in the URL as written");
        // base64url in the path: its leading hyphen and padding are part of it
        Tracker p = only(real.detect(Fixtures.html(body("<img src=\"https://t.boulangerie-exemple.fr/q/-dEy0rJwwjmDN0v81lhAi3A20JQNElX==/o.gif\" "
                + "width=\"1\" height=\"1\" alt=\"\">")), List.of()));
        assertEquals(List.of("-dEy0rJwwjmDN0v81lhAi3A20JQNElX=="), p.perRecipientTokens());
    }
}
