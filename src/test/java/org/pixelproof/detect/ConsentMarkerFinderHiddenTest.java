package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pixelproof.detect.ConsentMarkerType.PRIVACY_POLICY_LINK;
import static org.pixelproof.detect.ConsentMarkerType.TRACKING_NOTICE;
import static org.pixelproof.detect.ConsentMarkerType.TRACKING_OPT_OUT_LINK;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.MimePart;
import org.pixelproof.ingest.ReceivedEmail;

/** A notice or an opt-out link nobody can see, or one only in an alternative nobody is shown, informs nobody. */
class ConsentMarkerFinderHiddenTest {
    private final ConsentMarkerFinder finder = new ConsentMarkerFinder(MarkerTestRules.ruleSet());

    private static final String NOTICE = "Nous mesurons l'ouverture de nos e-mails grâce à un pixel de suivi. "
            + "Vous pouvez <a href='https://librairie.example/suivi/opposition' style='%s'>refuser le suivi</a>.";

    private List<ConsentMarker> findHtml(String html) {
        ReceivedEmail e = TestEmails.message().html(html).build();
        return finder.find(e, TestEmails.parsed(e));
    }

    private static String types(List<ConsentMarker> markers) {
        return markers.stream().map(m -> m.type() + ":" + m.ruleId()).collect(Collectors.joining(", "));
    }

    private static boolean tracking(List<ConsentMarker> markers) {
        return markers.stream().anyMatch(m -> m.type() == TRACKING_NOTICE || m.type() == TRACKING_OPT_OUT_LINK);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "font-size:0|font-size:0",
            "color:#ffffff;background:#ffffff|color:#ffffff",
            "opacity:0|",
            "position:absolute;left:-9999px|",
            "max-height:0;overflow:hidden|",
            "display:block;font-size:1px;color:#fefefe|color:#fefefe"})
    void inlineHiddenNoticeAndLinkGiveNoTrackingMarker(String styles) {
        String[] s = styles.split("\\|", -1);
        List<ConsentMarker> m = findHtml("<html><body><p>Nouveautés de la semaine</p><div style='" + s[0] + "'>"
                + NOTICE.formatted(s[1]) + "</div></body></html>");
        assertTrue(!tracking(m), styles + " -> " + types(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {".mentions{display:none}", ".mentions{font-size:0}", ".mentions, .mentions a{color:#fff}",
            ".mentions{position:absolute;top:-2000px}", ".mentions{height:0;overflow:hidden}"})
    void noticeHiddenThroughAStyleSheetClassGivesNoTrackingMarker(String css) {
        List<ConsentMarker> m = findHtml("<html><head><style>" + css + "</style></head><body>"
                + "<p>Nouveautés</p><div class='mentions'>" + NOTICE.formatted("") + "</div></body></html>");
        assertTrue(!tracking(m), css + " -> " + types(m));
    }

    @Test
    void genuineSmallGreyFooterNoticeStillCounts() {
        List<ConsentMarker> m = findHtml("<html><body><table><tr><td>Nouveautés</td></tr><tr>"
                + "<td style='font-family:Arial;font-size:10px;line-height:14px;color:#999999' bgcolor='#ffffff'>"
                + NOTICE.formatted("color:#999999;text-decoration:underline") + "</td></tr></table></body></html>");
        assertTrue(m.stream().anyMatch(x -> x.type() == TRACKING_NOTICE), types(m));
        assertTrue(m.stream().anyMatch(x -> x.type() == TRACKING_OPT_OUT_LINK), types(m));
    }

    @Test
    void whiteFooterOnADarkBandStillCounts() {
        List<ConsentMarker> m = findHtml("<html><head><style>.band{background:#1d2b3a} .band, .band a{color:#ffffff}"
                + "</style></head><body><p>Nouveautés</p><div class='band'>" + NOTICE.formatted("")
                + "</div></body></html>");
        assertTrue(m.stream().anyMatch(x -> x.type() == TRACKING_NOTICE), types(m));
        assertTrue(m.stream().anyMatch(x -> x.type() == TRACKING_OPT_OUT_LINK), types(m));
    }

    @Test
    void altTextOfATrackingPixelInsideALinkIsNotALinkText() {
        List<ConsentMarker> m = findHtml("<html><body><p>Nouveautés</p><a href='https://librairie.example/x/1'>"
                + "<img src='https://px.example/o.gif' width='1' height='1' alt='Refuser le suivi'></a></body></html>");
        assertTrue(!tracking(m), types(m));
    }

    private static ReceivedEmail alternative(String first, BodyKind firstKind, String second, BodyKind secondKind) {
        BodyText a = new BodyText("1.1", firstKind, first, "utf-8", "UTF-8", false);
        BodyText b = new BodyText("1.2", secondKind, second, "utf-8", "UTF-8", false);
        MimePart root = new MimePart("1", "multipart/alternative", null, null, null, null, null, 0, List.of(
                new MimePart("1.1", firstKind == BodyKind.PLAIN ? "text/plain" : "text/html", "utf-8", null, null,
                        null, null, first.length(), List.of()),
                new MimePart("1.2", secondKind == BodyKind.PLAIN ? "text/plain" : "text/html", "utf-8", null, null,
                        null, null, second.length(), List.of())));
        byte[] raw = "From: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new ReceivedEmail("t.eml", "0".repeat(64), raw.length, List.of(), root, List.of(a, b), List.of(), null,
                raw);
    }

    private static final String PLAIN_NOTICE = "Cet e-mail contient un pixel de suivi.\n"
            + "Refuser le suivi : https://librairie.example/suivi/opposition\n"
            + "Politique de confidentialité : https://librairie.example/confidentialite\n";

    @Test
    void noticeOnlyInTheTextAlternativeOfAnHtmlMessageIsNotATrackingMarker() {
        ReceivedEmail e = alternative(PLAIN_NOTICE, BodyKind.PLAIN, "<p>Nouveautés</p>", BodyKind.HTML);
        List<ConsentMarker> m = finder.find(e, TestEmails.parsed(e));
        assertTrue(!tracking(m), types(m));
        assertEquals(Set.of("1.1"), ConsentMarkerFinder.undisplayedAlternatives(e));
        // the privacy page it names is still listed, with the part it was read in
        List<ConsentMarker> privacy = m.stream().filter(x -> x.type() == PRIVACY_POLICY_LINK).toList();
        assertEquals(1, privacy.size(), types(m));
        assertEquals("1.1", privacy.get(0).location().partPath());
    }

    @Test
    void textAlternativeShownWhenItIsTheLastOrTheOnlyBody() {
        ReceivedEmail last = alternative("<p>Nouveautés</p>", BodyKind.HTML, PLAIN_NOTICE, BodyKind.PLAIN);
        assertTrue(tracking(finder.find(last, TestEmails.parsed(last))));
        ReceivedEmail only = TestEmails.message().plain(PLAIN_NOTICE).build();
        assertTrue(tracking(finder.find(only, TestEmails.parsed(only))));
    }

    @Test
    void markerInBothAlternativesIsFoundInTheHtmlOne() {
        ReceivedEmail e = alternative(PLAIN_NOTICE, BodyKind.PLAIN, "<p>Cet e-mail contient un pixel de suivi. "
                + "<a href='https://librairie.example/suivi/opposition'>Refuser le suivi</a></p>", BodyKind.HTML);
        List<ConsentMarker> m = finder.find(e, TestEmails.parsed(e));
        assertTrue(tracking(m), types(m));
        assertTrue(m.stream().filter(x -> x.type() == TRACKING_NOTICE || x.type() == TRACKING_OPT_OUT_LINK)
                .allMatch(x -> x.location().partPath().equals("1.2")), types(m));
    }
}
