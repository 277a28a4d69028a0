package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.IngestLimits;

/** Which references are scored when a message holds more than the detector's caps (decoy loads, hostile test F2). */
class ReferenceTriageTest {

    private final Detector detector = new Detector(Fixtures.rules(), IngestLimits.DEFAULT);

    private static final String PIXEL = "<img src=\"https://shop.us3.list-manage.com/track/open.php?u=4f1e2d3c&id=7a8b&e="
            + Fixtures.RECIPIENT + "\" width=\"1\" height=\"1\">";

    /** {@code count} style blocks, each a rule for a class no element uses, with a distinct background URL. */
    private static String decoyRules(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("<style>.u").append(i).append("{background:url(https://cdn.shop-example.fr/u").append(i)
                    .append(".png)}</style>\n");
        }
        return sb.toString();
    }

    private Findings detect(String html) {
        return detector.detect(Fixtures.html(html), List.of());
    }

    private static boolean capRecorded(Findings f) {
        return f.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.REFERENCES_NOT_ANALYSED);
    }

    @Test
    void unusedStyleRulesBeforeTheCapDoNotHideTheOpenPixel() {
        Findings f = detect("<html><head>" + decoyRules(Detector.MAX_SCORED_LOADS) + "</head><body><p>Bonjour</p>"
                + PIXEL + "</body></html>");
        assertTrue(capRecorded(f), f.anomalies().toString());
        assertEquals(1, f.trackers().size(), () -> "trackers: " + f.trackers());
        Tracker t = f.trackers().get(0);
        assertEquals(TrackerKind.OPEN_PIXEL, t.kind());
        assertTrue(t.url().contains("list-manage.com/track/open.php"), t.url());
        assertFalse(t.recipientIdentifiers().isEmpty(), "the address in the pixel is found");
    }

    @Test
    void elementLoadsAndUsedRulesAreScoredBeforeUnusedRules() {
        // a print beacon: the rule of a used class, with an opaque per-recipient token, after the decoys
        String token = "a8F3kQ9zLm2Xv7Pw4Rt6Yb1N";
        String beacon = "<style>@media print { td.b { background-image:url(https://beacon.shop-example.fr/p?k="
                + token + ") } }</style>";
        String page = "</head><body><p>Bonjour</p><table><tr><td class=\"b\">Offre</td></tr></table>"
                + "<a href=\"https://shop-example.fr/c?k=" + token + "\">Nos offres</a></body></html>";
        assertTrue(detect("<html><head>" + beacon + page).trackers().stream().anyMatch(t -> t.url().contains(token)),
                "a tracker without decoys");
        String html = "<html><head>" + decoyRules(Detector.MAX_SCORED_LOADS) + beacon + page;
        Findings f = detect(html);
        assertTrue(capRecorded(f), f.anomalies().toString());
        assertTrue(f.trackers().stream().anyMatch(t -> t.url().contains(token)), () -> "trackers: " + f.trackers());
        // the one left out is a decoy: the last rule that no element uses
        assertFalse(f.remoteContent().stream().anyMatch(r -> r.url().endsWith("/u" + (Detector.MAX_SCORED_LOADS - 1)
                + ".png")), "the last unused rule is left out");
        assertTrue(f.remoteContent().stream().anyMatch(r -> r.url().endsWith("/u0.png")), "the first is analysed");
    }

    /** A hidden first-party 1x1 pixel with an opaque token: no address, no vendor host, only an element loads it. */
    private static final String HIDDEN_TOKEN = "8f3a9c2e1b7d4f60a5c3e9d1b2f4a6c8";
    private static final String HIDDEN_PIXEL = "<img src=\"https://news.shop-example.fr/o/" + HIDDEN_TOKEN
            + ".gif\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">";
    /** One more decoy than the cap. */
    private static final int DECOYS = Detector.MAX_SCORED_LOADS + 1;

    /** {@code count} rules for classes no element uses, 1,000 per style block, the URL of rule i from {@code url}. */
    private static String unusedRules(int count, java.util.function.IntFunction<String> url) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i % 1000 == 0) {
                sb.append(i == 0 ? "" : "</style>").append("<style>");
            }
            sb.append(".zz").append(i).append("{background:url(").append(url.apply(i)).append(")}");
        }
        return sb.append("</style>").toString();
    }

    /** Asserts that the hidden pixel is found behind decoys, and that it is found without them (the control). */
    private void assertHiddenPixelFound(String head, String bodyBeforePixel) {
        Findings control = detect("<html><head></head><body><p>Bonjour, voici nos soldes.</p>" + HIDDEN_PIXEL
                + "</body></html>");
        assertTrue(control.trackers().stream().anyMatch(t -> t.url().contains(HIDDEN_TOKEN)),
                () -> "control: the pixel is a tracker without decoys: " + control.trackers());
        Findings f = detect("<html><head>" + head + "</head><body><p>Bonjour, voici nos soldes.</p>" + bodyBeforePixel
                + HIDDEN_PIXEL + "</body></html>");
        assertTrue(capRecorded(f), f.anomalies().toString());
        assertTrue(f.trackers().stream().anyMatch(t -> t.url().contains(HIDDEN_TOKEN)
                && t.kind() == TrackerKind.OPEN_PIXEL), () -> f.trackers().size() + " trackers, not the pixel");
    }

    @Test
    void theCandidatesOfOneSrcsetDoNotHideAPixel() {
        StringBuilder srcset = new StringBuilder();
        for (int i = 0; i < DECOYS; i++) {
            srcset.append(i == 0 ? "" : ", ").append("https://cdn.shop-example.fr/h/").append(i).append(".jpg ")
                    .append(i + 1).append('w');
        }
        assertHiddenPixelFound("", "<img src=\"https://cdn.shop-example.fr/hero.jpg\" alt=\"\" width=\"600\" srcset=\""
                + srcset + "\">");
    }

    @Test
    void templateContentDoesNotHideAPixel() {
        StringBuilder template = new StringBuilder("<template>");
        for (int i = 0; i < DECOYS; i++) {
            template.append("<img src=\"https://cdn.shop-example.fr/t/").append(i).append(".jpg\">");
        }
        assertHiddenPixelFound("", template.append("</template>").toString());
    }

    @Test
    void unusedRulesOnAVendorHostDoNotHideAPixel() {
        assertHiddenPixelFound(unusedRules(DECOYS, i -> "https://acct.us3.list-manage.com/i/" + i + ".png"), "");
    }

    @Test
    void unusedRulesCarryingTheAddressDoNotHideAPixel() {
        assertHiddenPixelFound(unusedRules(DECOYS, i -> "https://cdn.shop-example.fr/b/" + i + ".png?e="
                + Fixtures.RECIPIENT), "");
    }

    @Test
    void theTierOfALoadComesBeforeItsSignOfTracking() {
        String addr = "?e=" + Fixtures.RECIPIENT;
        String html = "<html><head><style>.zz{background:url(https://cdn.shop-example.fr/r" + addr + ")}</style>"
                + "</head><body><template><img src=\"https://acct.us3.list-manage.com/t.gif\"></template>"
                + "<img src=\"https://cdn.shop-example.fr/a.jpg\" srcset=\"data:,x 1x,"
                + " https://cdn.shop-example.fr/b.jpg 2x, https://cdn.shop-example.fr/c.jpg" + addr + " 3x\">"
                + "</body></html>";
        List<BodyScanner.Candidate> candidates = new ArrayList<>();
        HtmlBody body = new HtmlBody("1", BodyKind.HTML,
                HtmlParsing.parseGuarded(html, IngestLimits.DEFAULT.maxHtmlDepth(), true).document());
        new BodyScanner(body, html, IngestLimits.DEFAULT, new BodyScanner.Order(), candidates, new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>()).scan();
        ReferenceTriage triage = new ReferenceTriage(new RecipientMatcher(List.of(Fixtures.RECIPIENT)),
                new VendorIndex(Fixtures.rules()));
        // unused rule with the address, template content on a vendor's host, the src, the first remote srcset
        // candidate, the next one with the address
        assertEquals(List.of(3 * ReferenceTriage.NOT_LOADED + ReferenceTriage.RECIPIENT,
                3 * ReferenceTriage.NOT_LOADED + ReferenceTriage.VENDOR_HOST,
                3 * ReferenceTriage.LOADED + ReferenceTriage.NO_SIGN,
                3 * ReferenceTriage.LOADED + ReferenceTriage.NO_SIGN,
                3 * ReferenceTriage.ALTERNATE + ReferenceTriage.RECIPIENT),
                candidates.stream().map(triage::loadRank).toList(), candidates::toString);
    }

    @Test
    void linksCarryingTheAddressAreScoredPastTheLinkCap() {
        StringBuilder sb = new StringBuilder("<html><body>");
        for (int i = 0; i < Detector.MAX_SCORED_LINKS; i++) {
            sb.append("<a href=\"https://h").append(i).append(".shop-example.fr/p\">x</a>");
        }
        String tracked = "https://shop-example.fr/r?email=" + Fixtures.RECIPIENT + "&to=https%3A%2F%2Fshop-example.fr";
        Findings f = detect(sb.append("<a href=\"").append(tracked).append("\">Voir</a></body></html>").toString());
        assertEquals(Detector.MAX_SCORED_LINKS, f.links().size());
        assertTrue(f.links().stream().anyMatch(l -> l.url().equals(tracked)), "the link naming the recipient is kept");
        assertTrue(capRecorded(f));
    }

    @Test
    void underTheCapNothingIsRankedOrDropped() {
        List<Integer> items = new ArrayList<>(List.of(5, 4, 3, 2, 1));
        assertEquals(0, ReferenceTriage.keep(items, 5, i -> i));
        assertEquals(List.of(5, 4, 3, 2, 1), items);
    }

    @Test
    void keepTakesTheLowestRanksInListOrder() {
        List<Integer> items = new ArrayList<>(List.of(40, 21, 30, 0, 22, 41, 1));
        // rank = tens digit: 0 and 1 (rank 0), 21 and 22 (rank 2), then the first of rank 3
        assertEquals(2, ReferenceTriage.keep(items, 5, i -> i / 10));
        assertEquals(List.of(21, 30, 0, 22, 1), items);
    }

    @Test
    void selectorsAreMatchedAgainstTheNamesOfTheDocument() {
        Set<String> names = Set.of("ttd", "tp", ".b", ".promo", "#hero", "adata-x", "aclass", "aid");
        assertTrue(ReferenceTriage.mayMatch("td.b", names));
        assertTrue(ReferenceTriage.mayMatch(".B", names), "case ignored (quirks mode)");
        assertTrue(ReferenceTriage.mayMatch(".u1, .promo", names));
        assertTrue(ReferenceTriage.mayMatch("div > p:hover", names), "only the last compound is read");
        assertTrue(ReferenceTriage.mayMatch("#hero::before", names));
        assertTrue(ReferenceTriage.mayMatch("[data-x=\"1\"]", names));
        assertTrue(ReferenceTriage.mayMatch(".\\62", names), "CSS escapes decoded");
        assertTrue(ReferenceTriage.mayMatch("*", names));
        assertFalse(ReferenceTriage.mayMatch(".u1", names));
        assertFalse(ReferenceTriage.mayMatch("td.u1", names));
        assertFalse(ReferenceTriage.mayMatch("div", names));
        assertFalse(ReferenceTriage.mayMatch("p #nothere", names));
        assertFalse(ReferenceTriage.mayMatch("[data-y]", names));
        assertFalse(ReferenceTriage.mayMatch(".u1, .u2", names));
        assertTrue(ReferenceTriage.mayMatch(".b", null), "unknown document: may match");
    }

    @Test
    void theInnermostLabelOfARuleIsItsSelector() {
        assertEquals(".x", ReferenceTriage.innermostLabel(".x"));
        assertEquals(".x td", ReferenceTriage.innermostLabel("@media print { @supports (a:b) { .x td } }"));
    }
}
