package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.IngestLimits;

/**
 * References that an SVG animation ({@code <set>}, {@code <animate>}) writes into a URL attribute of its target (SVG
 * Animations 2 / SMIL: the parent element, or the element its own {@code href="#id"} names), and the legacy image
 * attributes {@code lowsrc} and {@code dynsrc}: each is reported as the same URL written on the target would be,
 * with the animation as evidence.
 */
class SvgAnimationVectorsTest {

    private static final String PIXEL = "https://t.esp-exemple.fr/open/abc123?u=alex.martin%40example.org";
    /** MD5 of {@code alex.martin@example.org}. */
    private static final String MD5 = "d3465286634333a03aba8cab9eb94bab";

    private final Detector detector = new Detector(Fixtures.rules(), IngestLimits.DEFAULT);

    private Findings detect(String inner) {
        return detector.detect(Fixtures.html("<html><head></head><body><p>Bonjour Alex, voici nos nouveautés.</p>"
                + inner + "<p>Fin du message.</p></body></html>"), List.of());
    }

    private static Optional<Tracker> trackerAt(Findings f, String url) {
        return f.trackers().stream().filter(t -> t.url().equals(url)).findFirst();
    }

    private static Tracker tracker(Findings f, String url) {
        return trackerAt(f, url).orElseThrow(() -> new AssertionError(url + " missed: " + f.trackers()
                + " / remote " + f.remoteContent()));
    }

    private static Optional<RemoteResource> remoteAt(Findings f, String url) {
        return f.remoteContent().stream().filter(r -> r.url().equals(url)).findFirst();
    }

    /** What the scoring says of a tracker, without where it was found. */
    private static List<Object> scoring(Tracker t) {
        return List.of(t.kind(), t.confidence(), String.valueOf(t.ruleId()), String.valueOf(t.vendor()),
                t.signals(), t.hiddenByCodes(), t.perRecipientTokens(),
                t.recipientIdentifiers().stream().map(RecipientIdentifier::encoding).toList());
    }

    @Test
    void setOnAnImageIsScoredExactlyAsTheImageWithThatHref() {
        Findings animated = detect("<svg width=\"1\" height=\"1\"><image width=\"1\" height=\"1\"><set"
                + " attributeName=\"href\" to=\"" + PIXEL + "\"/></image></svg>");
        Findings plain = detect("<svg width=\"1\" height=\"1\"><image width=\"1\" height=\"1\" href=\"" + PIXEL
                + "\"></image></svg>");
        Tracker t = tracker(animated, PIXEL);
        Tracker same = tracker(plain, PIXEL);
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertEquals(scoring(same), scoring(t));
        assertTrue(t.signals().stream().anyMatch(s -> s.code().equals(SignalCodes.DECLARED_SIZE)),
                "the target's size counts: " + t.signals());
        assertEquals("set", t.location().element());
        assertEquals("to", t.location().attribute());
        assertEquals("<set attributeName=\"href\" to=\"" + PIXEL + "\"/>", t.evidence());
    }

    @Test
    void eachValueOfAnAnimateOnXlinkHrefIsALoadAndValuesOverrideFromAndTo() {
        String a = "https://img.esp-exemple.fr/o/1.gif?m=" + MD5;
        String b = "https://img.esp-exemple.fr/o/2.gif?m=" + MD5;
        String ignored = "https://img.esp-exemple.fr/o/ignored.gif?m=" + MD5;
        Findings f = detect("<svg><image width=\"1\" height=\"1\"><animate attributeName=\"xlink:href\" values=\" "
                + a + " ; " + b + ";\" to=\"" + ignored + "\" dur=\"1s\"/></image></svg>");
        for (String url : List.of(a, b)) {
            Tracker t = tracker(f, url);
            assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
            assertEquals("animate", t.location().element());
            assertEquals("values", t.location().attribute());
            assertTrue(t.evidence().startsWith("<animate attributeName=\"xlink:href\""), t.evidence());
        }
        assertTrue(trackerAt(f, ignored).isEmpty() && remoteAt(f, ignored).isEmpty(),
                "with values, from, to and by are ignored (SMIL): " + f.trackers());
    }

    @Test
    void fromToAndByOfAnAnimateAreLoadsWithoutValues() {
        String from = "https://img.esp-exemple.fr/from.gif?m=" + MD5;
        String to = "https://img.esp-exemple.fr/to.gif?m=" + MD5;
        Findings f = detect("<svg><image width=\"1\" height=\"1\"><animate attributeName=\"href\" from=\"" + from
                + "\" to=\"" + to + "\" dur=\"2s\"/></image></svg>");
        assertEquals("from", tracker(f, from).location().attribute());
        assertEquals("to", tracker(f, to).location().attribute());
    }

    @ParameterizedTest
    @ValueSource(strings = {"href", "xlink:href"})
    void theTargetNamedByTheAnimationsOwnHrefIsUsedWhereverItIs(String ref) {
        String url = "https://t.esp-exemple.fr/o.gif?e=" + MD5;
        // the target comes after the animation, sized 1x1: scored as that image would be
        Findings f = detect("<svg><set " + ref + "=\"#p\" attributeName=\"href\" to=\"" + url + "\"/>"
                + "<g><image id=\"p\" width=\"1\" height=\"1\"/></g></svg>");
        Tracker t = tracker(f, url);
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertTrue(t.signals().stream().anyMatch(s -> s.code().equals(SignalCodes.DECLARED_SIZE)), t.signals()
                .toString());
        assertEquals("set", t.location().element());
        assertTrue(t.evidence().startsWith("<set " + ref + "=\"#p\""), t.evidence());
    }

    @Test
    void anAnimationWhoseTargetIsMissingOrNoUrlElementLoadsNothing() {
        String url = "https://t.esp-exemple.fr/o.gif?e=" + MD5;
        Findings f = detect("<svg><set href=\"#absent\" attributeName=\"href\" to=\"" + url + "?1\"/>"
                + "<rect width=\"1\" height=\"1\"><set attributeName=\"href\" to=\"" + url + "?2\"/></rect>"
                + "<image width=\"1\" height=\"1\"><set attributeName=\"width\" to=\"" + url + "?3\"/>"
                + "<animateTransform attributeName=\"href\" to=\"" + url + "?4\"/></image></svg>"
                // an HTML element called set animates nothing
                + "<div><set attributeName=\"href\" to=\"" + url + "?5\"></set></div>"
                + "<img src=\"cid:logo\" width=\"1\" height=\"1\"><set attributeName=\"src\" to=\"" + url + "?6\">");
        assertTrue(f.trackers().isEmpty(), f.trackers().toString());
        assertTrue(f.remoteContent().isEmpty(), f.remoteContent().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"href", "xlink:href"})
    void anEmptyReferenceOnTheAnimationTargetsItsParentAsChromiumDoes(String ref) {
        Findings f = detect("<svg width=\"1\" height=\"1\"><image width=\"1\" height=\"1\"><set " + ref
                + "=\"\" attributeName=\"href\" to=\"" + PIXEL + "\"/></image></svg>");
        Tracker t = tracker(f, PIXEL);
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertEquals("set", t.location().element());
        assertTrue(t.signals().stream().anyMatch(s -> s.code().equals(SignalCodes.DECLARED_SIZE)), t.signals()
                .toString());
    }

    @Test
    void anEmptyHrefWinsOverAnXlinkHrefAndTargetsTheParent() {
        // SVG 2: href first, even empty; Chromium then animates the parent, not #autre
        Findings f = detect("<svg><image width=\"1\" height=\"1\"><set href=\"\" xlink:href=\"#autre\""
                + " attributeName=\"href\" to=\"" + PIXEL + "\"/></image><rect id=\"autre\"/></svg>");
        assertEquals(TrackerKind.OPEN_PIXEL, tracker(f, PIXEL).kind());
    }

    @Test
    void anEmptyReferenceOnTheAnimationOfAnAnchorMakesALink() {
        String click = "https://clic.esp-exemple.fr/c/vide?u=alex.martin%40example.org";
        Findings f = detect("<svg width=\"120\" height=\"30\"><a href=\"https://www.boulangerie-exemple.fr/\">"
                + "<set href=\"\" attributeName=\"href\" to=\"" + click + "\"/><text y=\"20\">Nos pains</text></a>"
                + "</svg>");
        Link link = f.links().stream().filter(l -> l.url().equals(click)).findFirst()
                .orElseThrow(() -> new AssertionError(f.links().toString()));
        assertEquals("Nos pains", link.text());
        assertEquals(TrackerKind.CLICK_TRACKING, tracker(f, click).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "#", "# ", "image", "https://www.boulangerie-exemple.fr/page#p"})
    void aReferenceThatIsNotAFragmentOfTheMessageTargetsNothing(String ref) {
        // Chromium and Gecko do not fall back to the parent when the reference names no element
        Findings f = detect("<svg><image id=\"p\" width=\"1\" height=\"1\"><set href=\"" + ref + "\""
                + " attributeName=\"href\" to=\"" + PIXEL + "\"/></image></svg>");
        assertTrue(f.trackers().isEmpty() && f.remoteContent().isEmpty(), f.trackers() + " / " + f.remoteContent());
    }

    @Test
    void theFragmentIsPercentDecodedAndTrimmedAsBrowsersDo() {
        String other = "https://t.esp-exemple.fr/o/ete.gif?e=" + MD5;
        Findings f = detect("<svg><set href=\"#%69m5\" attributeName=\"href\" to=\"" + PIXEL + "\"/>"
                + "<set href=\" #%C3%A9t%C3%A9\n\" attributeName=\"href\" to=\"" + other + "\"/>"
                + "<image id=\"im5\" width=\"1\" height=\"1\"/><image id=\"été\" width=\"1\" height=\"1\"/></svg>");
        assertEquals(TrackerKind.OPEN_PIXEL, tracker(f, PIXEL).kind());
        assertEquals(TrackerKind.OPEN_PIXEL, tracker(f, other).kind());
        assertEquals("im5", BodyScanner.fragmentId("#%69m5"));
        assertEquals("a%zz", BodyScanner.fragmentId("\t#a%zz "), "an invalid escape stays as written");
    }

    @Test
    void anElementWithTheSameIdInsideATemplateDoesNotHideTheTarget() {
        // getElementById does not search template content (a separate document fragment)
        Findings f = detect("<template><svg><rect id=\"im\"/></svg></template><svg width=\"1\" height=\"1\">"
                + "<set href=\"#im\" attributeName=\"href\" to=\"" + PIXEL + "\"/>"
                + "<image id=\"im\" width=\"1\" height=\"1\"/></svg>");
        assertEquals(TrackerKind.OPEN_PIXEL, tracker(f, PIXEL).kind());
    }

    @Test
    void aTargetThatExistsOnlyInsideATemplateIsNoTarget() {
        Findings f = detect("<svg width=\"1\" height=\"1\"><set href=\"#im2\" attributeName=\"href\" to=\""
                + PIXEL + "\"/></svg><template><svg><image id=\"im2\" width=\"1\" height=\"1\"/></svg></template>");
        assertTrue(f.trackers().isEmpty() && f.remoteContent().isEmpty(), f.trackers() + " / " + f.remoteContent());
    }

    @Test
    void anAnimationInsideATemplateFindsItsTargetInThatTemplate() {
        String url = "https://img.esp-exemple.fr/modele.gif";
        Findings inside = detect("<svg><image id=\"t\" width=\"600\" height=\"90\"/></svg><template><svg>"
                + "<set href=\"#t\" attributeName=\"href\" to=\"" + url + "\"/><rect id=\"t\"/></svg></template>");
        assertTrue(remoteAt(inside, url).isEmpty() && trackerAt(inside, url).isEmpty(),
                "the rect of the template is its target: " + inside.remoteContent());
    }

    @Test
    void anElementWithTheSameIdInsideNoscriptDoesNotHideTheTarget() {
        // a browser that runs scripts reads <noscript> as text: the image is the target there
        Findings f = detect("<noscript><svg><rect id=\"im9\"/></svg></noscript><svg width=\"1\" height=\"1\">"
                + "<set href=\"#im9\" attributeName=\"href\" to=\"" + PIXEL + "\"/>"
                + "<image id=\"im9\" width=\"1\" height=\"1\"/></svg>");
        Tracker t = tracker(f, PIXEL);
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertEquals(1, f.trackers().size() + f.remoteContent().size(), f.trackers().toString());
    }

    @Test
    void animatedLinkOfAnSvgAnchorIsALinkWithItsText() {
        String click = "https://clic.esp-exemple.fr/c/xyz?u=alex.martin%40example.org";
        Findings f = detect("<svg><a><set attributeName=\"href\" to=\"" + click + "\"/><text>Cliquez ici</text></a>"
                + "</svg>");
        Link link = f.links().stream().filter(l -> l.url().equals(click)).findFirst()
                .orElseThrow(() -> new AssertionError(f.links().toString()));
        assertEquals("Cliquez ici", link.text());
        assertEquals("set", link.location().element());
        assertEquals("to", link.location().attribute());
        Tracker t = tracker(f, click);
        assertEquals(TrackerKind.CLICK_TRACKING, t.kind());
        assertEquals(t.id(), link.trackerId());
        assertTrue(t.evidence().startsWith("<set attributeName=\"href\""), t.evidence());
        assertTrue(f.remoteContent().isEmpty(), "a link loads nothing on opening: " + f.remoteContent());
    }

    @Test
    void useAndFeImageTargetsLoadOnlyOtherDocuments() {
        String sprite = "https://cdn.boulangerie-exemple.fr/sprites.svg#epi";
        String filter = "https://img.esp-exemple.fr/fe.png?m=" + MD5;
        Findings f = detect("<svg><use href=\"#a\"><set attributeName=\"href\" to=\"#b\"/>"
                + "<animate attributeName=\"href\" values=\"#c;" + sprite + "\"/></use>"
                + "<filter id=\"f\"><feImage><set attributeName=\"xlink:href\" to=\"" + filter + "\"/></feImage>"
                + "</filter></svg>");
        assertEquals("svg-use", remoteAt(f, sprite).orElseThrow(() -> new AssertionError(f.remoteContent()
                .toString())).vector());
        assertEquals(1, f.remoteContent().size(), "fragments are local: " + f.remoteContent());
        Tracker t = tracker(f, filter);
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertEquals("set", t.location().element());
    }

    @Test
    void animatedPresentationAttributeWithAnExternalUrlIsAnSvgPresentationLoad() {
        String paint = "https://cdn.boulangerie-exemple.fr/motifs.svg#grain";
        Findings f = detect("<svg><rect width=\"90\" height=\"40\"><animate attributeName=\"fill\""
                + " values=\"url(#local);url(" + paint + ") red\" dur=\"3s\"/></rect></svg>");
        RemoteResource r = remoteAt(f, paint).orElseThrow(() -> new AssertionError(f.remoteContent().toString()));
        assertEquals("svg-presentation", r.vector());
        assertEquals("animate", r.location().element());
        assertEquals(1, f.remoteContent().size(), f.remoteContent().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"marker", "marker-start", "marker-mid", "marker-end", "mask", "mask-image", "clip-path",
        "filter", "cursor", "stroke"})
    void everyPropertyWhoseAnimatedUrlABrowserFetchesIsALoad(String property) {
        String ext = "https://cdn.boulangerie-exemple.fr/motifs.svg#m";
        Findings f = detect("<svg><path d=\"M0 0L5 5\"><set attributeName=\"" + property + "\""
                + " attributeType=\"CSS\" to=\"url(" + ext + ")\"/></path></svg>");
        RemoteResource r = remoteAt(f, ext).orElseThrow(() -> new AssertionError(f.remoteContent().toString()));
        assertEquals("svg-presentation", r.vector());
        assertEquals("set", r.location().element());
    }

    @Test
    void aPropertyThatDoesNotApplyToSvgElementsLoadsNothing() {
        Findings f = detect("<svg><rect width=\"9\" height=\"9\"><set attributeName=\"background-image\""
                + " attributeType=\"CSS\" to=\"url(https://cdn.boulangerie-exemple.fr/fond.png)\"/></rect></svg>");
        assertTrue(f.remoteContent().isEmpty() && f.trackers().isEmpty(), f.remoteContent().toString());
    }

    @Test
    void theUrlsOfOneAnimationAreBounded() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < BodyScanner.MAX_ANIMATION_URLS + 10; i++) {
            values.append("https://img.esp-exemple.fr/v/").append(i).append(".gif;");
        }
        Findings f = detect("<svg><image width=\"600\" height=\"100\"><animate attributeName=\"href\" values=\""
                + values + "\" dur=\"9s\"/></image></svg>");
        assertEquals(BodyScanner.MAX_ANIMATION_URLS, f.remoteContent().size() + f.trackers().size());
        assertTrue(remoteAt(f, "https://img.esp-exemple.fr/v/0.gif").isPresent());
        assertTrue(f.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.REFERENCES_NOT_ANALYSED
                && a.detail().contains("SVG animation")), f.anomalies().toString());
    }

    @Test
    void lowsrcAndDynsrcAreImageLoads() {
        String low = "https://img.esp-exemple.fr/low.gif?m=" + MD5;
        String dyn = "https://img.esp-exemple.fr/clip.avi?m=" + MD5;
        Findings f = detect("<img lowsrc=\"" + low + "\" src=\"cid:logo\" alt=\"Logo\"> <img dynsrc=\"" + dyn
                + "\" alt=\"\">");
        Tracker l = tracker(f, low);
        assertEquals(TrackerKind.OPEN_PIXEL, l.kind());
        assertEquals("img", l.location().element());
        assertEquals("lowsrc", l.location().attribute());
        Tracker d = tracker(f, dyn);
        assertEquals(TrackerKind.OPEN_PIXEL, d.kind());
        assertEquals("dynsrc", d.location().attribute());
    }
}
