package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.IngestLimits;

/**
 * Fetch vectors that a parser or a keyword match could miss while a browser loads them: raw-text elements
 * self-closed in SVG or MathML, CSS escapes in keywords, {@code <iframe srcdoc>} documents, {@code ping} attributes,
 * {@code <link rel>} variants, scripts.
 */
class FetchVectorsTest {

    private static final String PIXEL = "https://t.boulangerie-exemple.fr/o/aZ3kP9qLm2Xw7RtY5vB1";

    private final Detector detector = new Detector(Fixtures.rules(), IngestLimits.DEFAULT);

    private Findings detect(String html) {
        return detector.detect(Fixtures.html(html), List.of());
    }

    private static String body(String inner) {
        return "<html><head></head><body><p>Bonjour Alex, voici nos nouveautés.</p>" + inner
                + "<p>Fin du message.</p></body></html>";
    }

    private static Optional<Tracker> trackerAt(Findings f, String url) {
        return f.trackers().stream().filter(t -> t.url().equals(url)).findFirst();
    }

    private static Optional<RemoteResource> remoteAt(Findings f, String url) {
        return f.remoteContent().stream().filter(r -> r.url().equals(url)).findFirst();
    }

    private static boolean hasSignal(Tracker t, String code) {
        return t.signals().stream().anyMatch(s -> s.code().equals(code));
    }

    // ---------------------------------------------------------------------- raw-text elements in foreign content

    @ParameterizedTest
    @ValueSource(strings = {"<svg><script href=\"x\"/></svg>", "<svg><SCRIPT/></svg>",
            "<svg><g><script xlink:href=\"#a\" /></g></svg>", "<math><script/></math>", "<svg><style/></svg>",
            "<svg><title/></svg>", "<svg><textarea/></svg>", "<svg><noscript/></svg>", "<svg><xmp/></svg>",
            "<svg><iframe/></svg>", "<svg><noembed/></svg>", "<svg><noframes/></svg>", "<math><style/></math>",
            "<math><title/></math>", "<math><textarea/></math>", "<math><iframe/></math>"})
    void selfClosedRawTextElementInForeignContentDoesNotSwallowThePixelAfterIt(String foreign) {
        Findings f = detect(body("<p>" + foreign + "</p><img src=\"" + PIXEL + "\" width=\"1\" height=\"1\" alt=\"\">"
                + "<a href=\"https://www.boulangerie-exemple.fr/desinscription\">Se désinscrire</a>"));
        Tracker t = trackerAt(f, PIXEL).orElseThrow(() -> new AssertionError("pixel missed: " + f.trackers()));
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertEquals("img", t.location().element());
        assertTrue(t.evidence().startsWith("<img src=\"" + PIXEL), t.evidence());
        assertTrue(f.links().stream().anyMatch(l -> l.url().endsWith("/desinscription")), f.links().toString());
    }

    @Test
    void svgScriptContentIsParsedAsForeignContentAsBrowsersDo() {
        // in SVG a script is not raw text: a tag inside it is a tag (HTML Standard, parsing in foreign content)
        Findings f = detect(body("<svg><script><image href=\"" + PIXEL + "\" width=\"1\" height=\"1\"/></script>"
                + "</svg>"));
        assertTrue(trackerAt(f, PIXEL).isPresent(), f.trackers().toString());
    }

    @Test
    void htmlScriptSelfClosedInsideForeignObjectSwallowsWhatFollowsAsInBrowsers() {
        // foreignObject is an HTML integration point: <script/> there is an HTML script, whose "/" is ignored
        Findings f = detect(body("<svg><foreignObject><script/></foreignObject></svg><img src=\"" + PIXEL
                + "\" width=\"1\" height=\"1\">"));
        assertTrue(trackerAt(f, PIXEL).isEmpty(), f.trackers().toString());
    }

    @Test
    void htmlScriptTextIsStillNotMarkup() {
        Findings f = detect(body("<script>var s = '<img src=\"" + PIXEL + "\" width=\"1\" height=\"1\">';</script>"));
        assertTrue(trackerAt(f, PIXEL).isEmpty(), f.trackers().toString());
    }

    // ------------------------------------------------------------------------------------ CSS escapes in keywords

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "background-image:u\\72 l(https://img.boulangerie-exemple.fr/fond.png)",
            "background-image:\\75 rl(https://img.boulangerie-exemple.fr/fond.png)",
            "background-image:\\55 \\52 \\4c (https://img.boulangerie-exemple.fr/fond.png)",
            "background-image:u\\rl('https://img.boulangerie-exemple.fr/fond.png')",
            "background-image:image-s\\65t(\"https://img.boulangerie-exemple.fr/fond.png\" 1x)",
            "backgr\\6f und:-webkit-image-s\\65t(\"https://img.boulangerie-exemple.fr/fond.png\" 1x)"})
    void escapedUrlFunctionInAStyleAttributeIsAFetch(String declaration) {
        Findings f = detect(body("<table><tr><td style=\"" + declaration.replace("\"", "&quot;")
                + "\">Promotions</td></tr></table>"));
        RemoteResource r = remoteAt(f, "https://img.boulangerie-exemple.fr/fond.png")
                .orElseThrow(() -> new AssertionError("missed: " + f.remoteContent()));
        assertEquals("css-inline", r.vector());
        assertEquals("td", r.location().element());
    }

    @Test
    void anEscapeEndedByACrlfLineBreakStillMakesTheKeyword() {
        // CSS Syntax 3.3: CR LF is one newline, the one white space an escape may swallow (as browsers read it)
        for (String declaration : List.of("background-image:u\\72\r\nl(https://img.boulangerie-exemple.fr/fond.png)",
                "background-image:\\75\\72\\6c\r\n(https://img.boulangerie-exemple.fr/fond.png)")) {
            Findings inline = detect(body("<table><tr><td style=\"" + declaration + "\">Promotions</td></tr></table>"));
            assertTrue(remoteAt(inline, "https://img.boulangerie-exemple.fr/fond.png").isPresent(),
                    "inline, missed: " + declaration);
            Findings sheet = detect(body("<style>.hero{" + declaration + "}</style><div class=\"hero\">x</div>"));
            assertTrue(remoteAt(sheet, "https://img.boulangerie-exemple.fr/fond.png").isPresent(),
                    "style sheet, missed: " + declaration);
        }
        Findings imp = detect(body("<style>@import u\\72\r\nl(https://css.boulangerie-exemple.fr/s.css);</style>"));
        assertTrue(remoteAt(imp, "https://css.boulangerie-exemple.fr/s.css").isPresent(), imp.remoteContent().toString());
        assertEquals("url(x)", CssEscapes.decode("u\\72\r\nl(x)"));
        assertEquals("'ab'", CssEscapes.decode("'a\\\r\nb'"), "a line continuation (in a string) over CR LF");
        assertEquals("\u0663", CssEscapes.decode("\\\u0663"), "an Arabic-Indic digit is not a hex digit");
    }

    @Test
    void escapedUrlFunctionInAStyleAttributeOfAPixelCellIsABeacon() {
        Findings f = detect(body("<table><tr><td width=\"1\" height=\"1\" style=\"background:u\\72 l(" + PIXEL
                + ")\"></td></tr></table>"));
        Tracker t = trackerAt(f, PIXEL).orElseThrow(() -> new AssertionError(f.trackers().toString()));
        assertEquals(TrackerKind.CSS_BEACON, t.kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@im\\70 ort url(https://css.boulangerie-exemple.fr/s.css);|css-import",
            "@\\69mport \"https://css.boulangerie-exemple.fr/s.css\";|css-import",
            "@\\49 MPORT 'https://css.boulangerie-exemple.fr/s.css' print;|css-import",
            ".hero{background:u\\72 l(https://css.boulangerie-exemple.fr/s.css)}|css-stylesheet",
            ".hero{background:\\75 rl(\"https://css.boulangerie-exemple.fr/s.css\")}|css-stylesheet",
            "@font-f\\61 ce{font-family:X;src:u\\72 l(https://css.boulangerie-exemple.fr/s.css)}|font-face"})
    void escapedKeywordsInAStyleSheetAreFetches(String css, String vector) {
        Findings f = detect(body("<style>" + css + "</style><div class=\"hero\">Nos pains</div>"));
        RemoteResource r = remoteAt(f, "https://css.boulangerie-exemple.fr/s.css")
                .orElseThrow(() -> new AssertionError("missed: " + f.remoteContent()));
        assertEquals(vector, r.vector());
        // the evidence quotes the source as written, escapes included
        assertTrue(r.evidence().contains("\\"), r.evidence());
    }

    @Test
    void escapedPrintRuleIsConditional() {
        Findings f = detect(body("<style>@media pr\\69nt{.x{background:u\\72 l(https://stats.boulangerie-exemple.fr"
                + "/p/aZ3kP9qLm2Xw7RtY5vB1.gif)}}</style><div class=\"x\">x</div>"));
        Tracker t = f.trackers().stream().filter(x -> x.host().equals("stats.boulangerie-exemple.fr")).findFirst()
                .orElseThrow(() -> new AssertionError(f.trackers() + " " + f.remoteContent()));
        assertEquals("print", t.conditionCode());
    }

    @Test
    void identifiersThatOnlyLookLikeUrlAreNotFetches() {
        assertEquals(List.of(), CssScanner.urlsInValue("xu\\72 l(https://a.example/x) my-url(https://b.example/y)"));
        assertEquals(List.of(), CssScanner.urlsInValue("url\\28 https://a.example/x)"));
        assertEquals(List.of("https://a.example/x"), CssScanner.urlsInValue("U\\52 L( https://a.example/x )"));
    }

    // ---------------------------------------------------------------------------------------------- iframe srcdoc

    private static String srcdoc(String inner) {
        return "<iframe srcdoc=\"" + inner.replace("&", "&amp;").replace("\"", "&quot;") + "\"></iframe>";
    }

    @Test
    void pixelInsideIframeSrcdocIsFoundAndLocatedThere() {
        Findings f = detect(body(srcdoc("<p>Offre du jour</p><img src=\"" + PIXEL
                + "\" width=\"1\" height=\"1\" alt=\"\"><a href=\"https://www.boulangerie-exemple.fr/offre\">Voir</a>"
                )));
        Tracker t = trackerAt(f, PIXEL).orElseThrow(() -> new AssertionError(f.trackers().toString()));
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertEquals("iframe", t.location().element());
        assertEquals("srcdoc", t.location().attribute());
        assertTrue(hasSignal(t, SignalCodes.DECLARED_SIZE), t.signals().toString());
        assertTrue(t.evidence().startsWith("<img src=\"" + PIXEL + "\""), t.evidence());
        Link l = f.links().stream().filter(x -> x.url().endsWith("/offre")).findFirst()
                .orElseThrow(() -> new AssertionError(f.links().toString()));
        assertEquals("srcdoc", l.location().attribute());
        assertEquals("Voir", l.text());
    }

    @Test
    void srcdocStyleSheetAndRelativeUrlsResolveAgainstTheBodyBase() {
        Findings f = detect("<html><head><base href=\"https://www.boulangerie-exemple.fr/news/\"></head><body>"
                + srcdoc("<style>.a{background:url(fond.png)}</style><div class=a>x</div><img src=\"logo.png\">")
                + "</body></html>");
        RemoteResource css = remoteAt(f, "https://www.boulangerie-exemple.fr/news/fond.png")
                .orElseThrow(() -> new AssertionError(f.remoteContent().toString()));
        assertEquals("css-stylesheet", css.vector());
        assertEquals(".a", css.location().cssRule());
        assertTrue(remoteAt(f, "https://www.boulangerie-exemple.fr/news/logo.png").isPresent());
    }

    @Test
    void nestedSrcdocIsScannedDownToTheLimitThenRecordedAsAnAnomaly() {
        String inner = "<img src=\"" + PIXEL + "\" width=\"1\" height=\"1\">";
        String doc = inner;
        for (int level = 1; level <= BodyScanner.MAX_SRCDOC_LEVELS; level++) {
            doc = srcdoc(doc);
        }
        Findings f = detect(body(doc));
        assertTrue(trackerAt(f, PIXEL).isPresent(), "level " + BodyScanner.MAX_SRCDOC_LEVELS + ": " + f.trackers());
        assertFalse(f.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.HTML_TOO_DEEP));

        Findings deeper = detect(body(srcdoc(doc)));
        assertTrue(trackerAt(deeper, PIXEL).isEmpty());
        assertTrue(deeper.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.HTML_TOO_DEEP
                && a.detail().contains("srcdoc")), deeper.anomalies().toString());
    }

    // ------------------------------------------------------------------------------- SVG presentation attributes

    @ParameterizedTest
    @ValueSource(strings = {"fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
            "marker-end", "cursor"})
    void externalUrlInAnSvgPresentationAttributeIsARemoteLoad(String attribute) {
        String url = "https://ressources.boulangerie-exemple.fr/motifs.svg#" + attribute;
        Findings f = detect(body("<svg width=\"200\" height=\"40\"><rect width=\"200\" height=\"40\" "
                + attribute + "=\"url('" + url + "') none\"/></svg>"));
        RemoteResource r = remoteAt(f, url).orElseThrow(() -> new AssertionError(f.remoteContent() + " "
                + f.trackers()));
        assertEquals("svg-presentation", r.vector());
        assertEquals("rect", r.location().element());
        assertEquals(attribute, r.location().attribute());
        assertTrue(f.trackers().isEmpty(), f.trackers().toString());
    }

    @Test
    void svgPresentationUrlNamingTheRecipientIsATracker() {
        String url = "https://t.boulangerie-exemple.fr/g.svg?e=alex.martin%40example.org#grad";
        Findings f = detect(body("<svg><path d=\"M0 0h1v1z\" STROKE=\"u\\72 l(" + url + ")\"/></svg>"));
        Tracker t = trackerAt(f, url).orElseThrow(() -> new AssertionError(f.trackers() + " " + f.remoteContent()));
        assertEquals("stroke", t.location().attribute());
        assertTrue(hasSignal(t, SignalCodes.RECIPIENT_IDENTIFIER), t.signals().toString());
    }

    @Test
    void fragmentOnlyUrlsAreLocalEvenUnderABaseAndHtmlElementsHaveNoPresentationAttributes() {
        Findings f = detect("<html><head><base href=\"https://www.boulangerie-exemple.fr/\">"
                + "<style>rect.c{clip-path:url(#c)} .m{mask:url( '#m' )}</style></head><body><p>Bonjour Alex.</p>"
                + "<svg><defs><linearGradient id=g><stop offset=0 stop-color=red /></linearGradient></defs>"
                + "<rect class=c width=10 height=10 fill=\"url(#g)\" stroke=\"url( #g ) red\" style=\"filter:url(#f)\""
                + " marker-end=\"url(#fin)\"/></svg>"
                + "<div fill=\"url(https://www.boulangerie-exemple.fr/div.svg#a)\">texte</div></body></html>");
        assertTrue(f.remoteContent().isEmpty(), f.remoteContent().toString());
        assertTrue(f.trackers().isEmpty(), f.trackers().toString());
    }

    // ----------------------------------------------------------------------------------------------------- forms

    @Test
    void postFormActionIsAClickTimeRequestTrackedByTheIdItCarries() {
        Findings f = detect(body("<form method=\"POST\" action=\"https://sondage.boulangerie-exemple.fr/r?mc_eid="
                + "8c2f4a1b9e\"><input type=hidden name=note value=5><button>Donner mon avis</button></form>"));
        String url = "https://sondage.boulangerie-exemple.fr/r?mc_eid=8c2f4a1b9e";
        Tracker t = trackerAt(f, url).orElseThrow(() -> new AssertionError(f.trackers().toString()));
        assertEquals(TrackerKind.CLICK_TRACKING, t.kind());
        assertEquals("form", t.location().element());
        assertEquals("action", t.location().attribute());
        assertEquals(List.of("mc_eid=8c2f4a1b9e"), t.perRecipientTokens());
        assertTrue(hasSignal(t, SignalCodes.RECIPIENT_PARAMETER), t.signals().toString());
        Link link = f.links().stream().filter(l -> l.url().equals(url)).findFirst().orElseThrow();
        assertEquals(t.id(), link.trackerId());
        assertEquals("Donner mon avis", link.text());
        assertTrue(t.evidence().contains("<form method=\"POST\""), t.evidence());
    }

    @Test
    void getFormSendsItsHiddenFieldsInTheQueryAndDropsTheQueryOfItsAction() {
        // HTML Standard "mutate action URL": the action's query is replaced by the form data
        Findings f = detect(body("<form action=\"https://www.boulangerie-exemple.fr/avis?campagne=noel#haut\">"
                + "<input type=hidden name=email value=\"alex.martin@example.org\"><input name=q>"
                + "<input type=checkbox name=off value=1><input type=radio name=r value=a checked>"
                + "<select name=s><option value=x>X<option value=y>Y</select><input type=submit name=go value=OK>"
                + "</form>"));
        String url = "https://www.boulangerie-exemple.fr/avis?email=alex.martin%40example.org&q=&r=a&s=x#haut";
        Link link = f.links().stream().filter(l -> "form".equals(l.location().element())).findFirst()
                .orElseThrow(() -> new AssertionError(f.links().toString()));
        assertEquals(url, link.url());
        assertEquals("OK", link.text());
        Tracker t = trackerAt(f, url).orElseThrow(() -> new AssertionError(f.trackers().toString()));
        assertEquals(TrackerKind.CLICK_TRACKING, t.kind());
        assertTrue(t.recipientIdentifiers().stream().anyMatch(r -> "query parameter email".equals(r.where())),
                t.recipientIdentifiers().toString());
    }

    @Test
    void getFormWithoutIdentifiersIsAPlainLinkAndItsActionQueryIsNotSent() {
        Findings f = detect(body("<form action=\"https://www.boulangerie-exemple.fr/recherche?mc_eid=8c2f4a1b9e\">"
                + "<input name=q value=\"\"><button type=submit>Chercher</button></form>"));
        Link link = f.links().stream().filter(l -> "form".equals(l.location().element())).findFirst()
                .orElseThrow(() -> new AssertionError(f.links().toString()));
        assertEquals("https://www.boulangerie-exemple.fr/recherche?q=", link.url());
        assertEquals(null, link.trackerId());
        assertTrue(f.trackers().isEmpty(), f.trackers().toString());
    }

    @Test
    void submitButtonFormactionIsAClickTimeRequest() {
        String c = "https://clic.boulangerie-exemple.fr/";
        Findings f = detect(body("<form action=\"https://www.boulangerie-exemple.fr/commande\" method=post>"
                + "<button formaction=\"" + c + "oui?mc_eid=8c2f4a1b9e\">Oui</button>"
                + "<input type=submit value=Non formaction=\"" + c + "non?mc_eid=8c2f4a1b9e\">"
                + "<button type=button formaction=\"" + c + "bouton?mc_eid=8c2f4a1b9e\">B</button>"
                + "<button formmethod=dialog formaction=\"" + c + "dialogue?mc_eid=8c2f4a1b9e\">D</button>"
                + "</form><button formaction=\"" + c + "seul?mc_eid=8c2f4a1b9e\">Seul</button>"));
        Tracker yes = trackerAt(f, "https://clic.boulangerie-exemple.fr/oui?mc_eid=8c2f4a1b9e")
                .orElseThrow(() -> new AssertionError(f.trackers().toString()));
        assertEquals(TrackerKind.CLICK_TRACKING, yes.kind());
        assertEquals("button", yes.location().element());
        assertEquals("formaction", yes.location().attribute());
        Link no = f.links().stream().filter(l -> l.url().equals("https://clic.boulangerie-exemple.fr/non?mc_eid="
                + "8c2f4a1b9e")).findFirst().orElseThrow(() -> new AssertionError(f.links().toString()));
        assertEquals("input", no.location().element());
        assertEquals("Non", no.text());
        assertTrue(no.trackerId() != null);
        // not a submit button, a dialog submission, no form owner: nothing is sent
        for (String path : List.of("bouton", "dialogue", "seul")) {
            assertTrue(f.links().stream().noneMatch(l -> l.url().contains("/" + path)), f.links().toString());
        }
    }

    @Test
    void getFormWithAHugeHiddenValueAndThousandsOfButtonsIsBoundedAndThePixelStillFound() {
        // hostile: one 50,000-character hidden field and 4,000 formaction buttons (each rebuilt the whole form data,
        // 4,000 URLs of 50,000 characters exhausted a 256 MB heap)
        StringBuilder html = new StringBuilder("<form action=\"https://www.boulangerie-exemple.fr/f\">"
                + "<input type=hidden name=h value=\"" + "a".repeat(50_000) + "\">");
        for (int i = 0; i < 4_000; i++) {
            html.append("<button formaction=\"https://clic.boulangerie-exemple.fr/b").append(i).append("\">b</button>");
        }
        html.append("</form><img src=\"" + PIXEL + "\" width=\"1\" height=\"1\" alt=\"\">");
        Findings f = detect(body(html.toString()));
        assertTrue(trackerAt(f, PIXEL).isPresent(), f.trackers().toString());
        List<Link> buttons = f.links().stream().filter(l -> "formaction".equals(l.location().attribute())).toList();
        assertEquals(BodyScanner.MAX_FORM_SUBMITTERS, buttons.size());
        for (Link l : f.links()) {
            assertTrue(l.url().length() < BodyScanner.MAX_FORM_QUERY_CHARS + 100, l.url().length() + " characters");
        }
        assertTrue(buttons.get(0).url().startsWith("https://clic.boulangerie-exemple.fr/b0?h=aaaa"), buttons.get(0)
                .url());
        assertTrue(f.anomalies().stream().filter(a -> a.code() == AnomalyCode.REFERENCES_NOT_ANALYSED).count() >= 2,
                f.anomalies().toString());
    }

    @Test
    void submitButtonOfAGetFormSendsItsOwnNameAtItsPlaceInTreeOrder() {
        Findings f = detect(body("<form action=\"https://www.boulangerie-exemple.fr/avis\"><input type=hidden name=a"
                + " value=1><button name=note value=5 formaction=\"https://clic.boulangerie-exemple.fr/n\">5</button>"
                + "<input type=submit name=note value=4 formaction=\"https://clic.boulangerie-exemple.fr/m\">"
                + "<input type=hidden name=b value=2></form>"));
        List<String> urls = f.links().stream().map(Link::url).toList();
        assertTrue(urls.contains("https://www.boulangerie-exemple.fr/avis?a=1&b=2"), urls.toString());
        assertTrue(urls.contains("https://clic.boulangerie-exemple.fr/n?a=1&note=5&b=2"), urls.toString());
        assertTrue(urls.contains("https://clic.boulangerie-exemple.fr/m?a=1&note=4&b=2"), urls.toString());
    }

    @Test
    void getFormSendsTheControlsThatNameItInTheirFormAttribute() {
        // HTML Standard 4.10.17.3: a control with form=ID belongs to that form wherever it is, and not to its ancestor
        Findings f = detect(body("<form id=abonnement action=\"https://www.boulangerie-exemple.fr/desabonner\">"
                + "<input type=hidden name=liste value=pain><input type=hidden name=autre value=x form=ailleurs>"
                + "</form><p>texte</p><input type=hidden name=email value=\"alex.martin@example.org\" form=abonnement>"
                + "<button form=abonnement formaction=\"https://clic.boulangerie-exemple.fr/d\">Se désabonner</button>"
                + "<form id=ailleurs action=\"https://www.boulangerie-exemple.fr/autre\" method=post></form>"));
        List<String> urls = f.links().stream().map(Link::url).toList();
        assertTrue(urls.contains("https://www.boulangerie-exemple.fr/desabonner?liste=pain&email=alex.martin%40"
                + "example.org"), urls.toString());
        assertTrue(urls.contains("https://clic.boulangerie-exemple.fr/d?liste=pain&email=alex.martin%40example.org"),
                urls.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'POST '|get", "' post'|get", "PoSt|post", "post|post", "'pOsT\t'|get"})
    void formMethodIsMatchedCaseInsensitivelyWithoutTrimming(String method, String expected) {
        // HTML Standard 2.3.3 and 4.10.18.6: an invalid value of the enumerated attribute method means GET
        Findings f = detect(body("<form action=\"https://www.boulangerie-exemple.fr/q\" method=\"" + method + "\">"
                + "<input name=a value=b><button>Envoyer</button></form>"));
        String url = expected.equals("get") ? "https://www.boulangerie-exemple.fr/q?a=b"
                : "https://www.boulangerie-exemple.fr/q";
        assertTrue(f.links().stream().anyMatch(l -> l.url().equals(url)), f.links().toString());
    }

    // ------------------------------------------------------------------------------------------------------ ping

    @Test
    void pingAttributeIsClickTrackingToEachOfItsUrls() {
        Findings f = detect(body("<a href=\"https://www.boulangerie-exemple.fr/pains\" ping=\" https://stats."
                + "boulangerie-exemple.fr/ping?c=12\thttps://audit.mesure-exemple.com/p  relatif\">Nos pains</a>"));
        Tracker first = trackerAt(f, "https://stats.boulangerie-exemple.fr/ping?c=12")
                .orElseThrow(() -> new AssertionError(f.trackers().toString()));
        assertEquals(TrackerKind.CLICK_TRACKING, first.kind());
        assertEquals("a", first.location().element());
        assertEquals("ping", first.location().attribute());
        assertTrue(hasSignal(first, SignalCodes.HYPERLINK_AUDITING), first.signals().toString());
        assertEquals("heuristic.hyperlink-auditing", first.ruleId());
        Tracker second = trackerAt(f, "https://audit.mesure-exemple.com/p")
                .orElseThrow(() -> new AssertionError(f.trackers().toString()));
        assertEquals(TrackerKind.CLICK_TRACKING, second.kind());
        assertEquals(2, f.trackers().size(), f.trackers().toString()); // the relative one has no base: not fetched
        // the hyperlink itself stays a plain link; each ping URL is listed with the tracker it is
        Link href = f.links().stream().filter(l -> l.url().endsWith("/pains")).findFirst().orElseThrow();
        assertEquals(null, href.trackerId());
        Link ping = f.links().stream().filter(l -> "ping".equals(l.location().attribute())).findFirst().orElseThrow();
        assertEquals(first.id(), ping.trackerId());
        assertEquals("Nos pains", ping.text());
    }

    @Test
    void pingOnAreaResolvesAgainstTheBaseAndNeedsAnHref() {
        Findings f = detect("<html><head><base href=\"https://www.boulangerie-exemple.fr/\"></head><body>"
                + "<map name=m><area shape=rect coords=0,0,10,10 href=\"/carte\" ping=\"/mesure/clic\">"
                + "<area shape=rect coords=0,0,5,5 ping=\"https://audit.mesure-exemple.com/sans-lien\"></map>"
                + "</body></html>");
        Tracker t = trackerAt(f, "https://www.boulangerie-exemple.fr/mesure/clic")
                .orElseThrow(() -> new AssertionError(f.trackers().toString()));
        assertEquals(TrackerKind.CLICK_TRACKING, t.kind());
        assertEquals("area", t.location().element());
        assertTrue(trackerAt(f, "https://audit.mesure-exemple.com/sans-lien").isEmpty());
    }

    // ---------------------------------------------------------------------------------- link rel, script, svg a

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "manifest|link-manifest", "prefetch|link-prefetch", "prerender|link-prefetch", "preload|link-preload",
            "modulepreload|link-preload", "preconnect|link-preconnect", "dns-prefetch|link-preconnect",
            "icon|link-icon", "shortcut icon|link-icon", "apple-touch-icon|link-icon", "MASK-ICON|link-icon",
            "alternate stylesheet|link-stylesheet"})
    void linkRelFetchesAreListed(String rel, String vector) {
        Findings f = detect("<html><head><link rel=\"" + rel + "\" href=\"https://www.boulangerie-exemple.fr/r\">"
                + "</head><body><p>Bonjour</p></body></html>");
        RemoteResource r = remoteAt(f, "https://www.boulangerie-exemple.fr/r")
                .orElseThrow(() -> new AssertionError(rel + ": " + f.remoteContent()));
        assertEquals(vector, r.vector());
    }

    @Test
    void linkRelThatFetchesNothingIsNotListed() {
        Findings f = detect("<html><head><link rel=\"alternate\" href=\"https://www.boulangerie-exemple.fr/rss\">"
                + "<link rel=\"canonical\" href=\"https://www.boulangerie-exemple.fr/c\"></head><body>x</body></html>");
        assertTrue(f.remoteContent().isEmpty(), f.remoteContent().toString());
    }

    @Test
    void scriptsAreFetchesExceptTheAmpRuntime() {
        Findings f = detect(body("<script src=\"https://js.boulangerie-exemple.fr/a.js\"></script><svg><script "
                + "href=\"https://js.boulangerie-exemple.fr/b.js\"/></svg>"));
        assertEquals("script", remoteAt(f, "https://js.boulangerie-exemple.fr/a.js").orElseThrow().vector());
        assertEquals("script", remoteAt(f, "https://js.boulangerie-exemple.fr/b.js").orElseThrow().vector());

        String amp = "<!doctype html><html ⚡4email><head><script async src=\"https://cdn.ampproject.org/v0.js\">"
                + "</script></head><body>Bonjour</body></html>";
        List<BodyText> bodies = new ArrayList<>();
        bodies.add(new BodyText("1.2", BodyKind.AMP_HTML, amp, "utf-8", "UTF-8", false));
        Findings a = detector.detect(Fixtures.message(bodies), List.of());
        assertTrue(a.remoteContent().isEmpty(), a.remoteContent().toString());
    }

    @Test
    void svgLinkWithXlinkHrefIsALink() {
        Findings f = detect(body("<svg><a xlink:href=\"https://www.boulangerie-exemple.fr/svg\"><text>Voir</text>"
                + "</a></svg>"));
        assertTrue(f.links().stream().anyMatch(l -> l.url().equals("https://www.boulangerie-exemple.fr/svg")),
                f.links().toString());
    }

    // ---------------------------------------------------------------------- Outlook conditional comments

    private static String nestedConditionals(int levels, int pixelLevel) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 1; i <= levels; i++) {
            open.append("<!--[if mso]><div>");
            if (i == pixelLevel) {
                open.append("<img src=\"").append(PIXEL).append("?level=").append(i)
                        .append("\" width=\"1\" height=\"1\" alt=\"\">");
            }
            close.insert(0, "</div><![endif]-->");
        }
        return open.toString() + close;
    }

    @Test
    void conditionalCommentsNestedThousandsDeepAreBoundedNotACrash() {
        Findings f = detect(body(nestedConditionals(2_000, 2)));
        assertTrue(trackerAt(f, PIXEL + "?level=2").isPresent(), "a pixel two levels deep is found");
        assertTrue(f.anomalies().stream().anyMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.HTML_TOO_DEEP
                && a.detail().contains("conditional comments")), f.anomalies().toString());
        Findings deep = detect(body(nestedConditionals(10, BodyScanner.MAX_CONDITIONAL_COMMENT_LEVELS + 1)));
        assertTrue(trackerAt(deep, PIXEL + "?level=" + (BodyScanner.MAX_CONDITIONAL_COMMENT_LEVELS + 1)).isEmpty(),
                "past the limit nothing is analysed");
        Findings atLimit = detect(body(nestedConditionals(10, BodyScanner.MAX_CONDITIONAL_COMMENT_LEVELS)));
        assertTrue(trackerAt(atLimit, PIXEL + "?level=" + BodyScanner.MAX_CONDITIONAL_COMMENT_LEVELS).isPresent());
    }

    @Test
    void theNumberOfConditionalCommentsParsedIsBounded() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < BodyScanner.MAX_CONDITIONAL_COMMENTS + 5; i++) {
            html.append("<!--[if mso]><b>").append(i).append("</b><![endif]-->");
        }
        html.append("<!--[if mso]><img src=\"").append(PIXEL).append("\" width=\"1\" height=\"1\"><![endif]-->");
        html.append("<img src=\"").append(PIXEL).append("?outside=1\" width=\"1\" height=\"1\" alt=\"\">");
        Findings f = detect(body(html.toString()));
        assertTrue(f.anomalies().stream().anyMatch(a -> a.code() == org.pixelproof.ingest.AnomalyCode.REFERENCES_NOT_ANALYSED
                && a.detail().contains("conditional comments")), f.anomalies().toString());
        assertTrue(trackerAt(f, PIXEL).isEmpty(), "the comment past the limit is not analysed");
        assertTrue(trackerAt(f, PIXEL + "?outside=1").isPresent(), "the body outside the comments still is");
    }

    @Test
    void linkRelTokensAreSeparatedByAnyAsciiWhiteSpace() {
        for (String rel : List.of("stylesheet\r\nfoo", "foo\tstylesheet", "x\fstylesheet", "\nstylesheet\n")) {
            Findings f = detect("<html><head><link rel=\"" + rel + "\" href=\"https://css.boulangerie-exemple.fr/s.css\">"
                    + "</head><body><p>Bonjour</p></body></html>");
            RemoteResource r = remoteAt(f, "https://css.boulangerie-exemple.fr/s.css")
                    .orElseThrow(() -> new AssertionError("missed rel=" + rel.replace("\t", "\\t")));
            assertEquals("link-stylesheet", r.vector());
        }
        Findings nbsp = detect("<html><head><link rel=\"icon\u00a0\" href=\"https://i.boulangerie-exemple.fr/f.ico\">"
                + "<link rel=\"apple-touch-icon\" href=\"https://i.boulangerie-exemple.fr/t.png\"></head><body>x</body></html>");
        assertTrue(remoteAt(nbsp, "https://i.boulangerie-exemple.fr/f.ico").isEmpty(),
                "a no-break space is no separator: 'icon\u00a0' is no icon");
        assertTrue(remoteAt(nbsp, "https://i.boulangerie-exemple.fr/t.png").isPresent());
        Findings manifest = detect("<html><head><link rel=\"x\tmanifest\" href=\"https://m.boulangerie-exemple.fr/m.json\">"
                + "</head><body><p>Bonjour</p></body></html>");
        assertTrue(remoteAt(manifest, "https://m.boulangerie-exemple.fr/m.json").isPresent());
    }
}
