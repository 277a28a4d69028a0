package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text a reader cannot see is left out of the visible text, whatever CSS hides it; text a reader sees stays. */
class VisibleTextHidingTest {

    private static final String SECRET = "Mentions secrètes";

    private static VisibleText read(String html) {
        return VisibleText.ofHtml("1", Jsoup.parse(html, ""), VisibleText.DEFAULT_MAX_CHARS);
    }

    private static VisibleText body(String bodyHtml) {
        return read("<html><body><p>Bienvenue</p>" + bodyHtml + "</body></html>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<div style='font-size:0'>" + SECRET + "</div>",
            "<div style='font-size:0px;line-height:0'>" + SECRET + "</div>",
            "<div style='font:bold 1px/1px Arial'>" + SECRET + "</div>",
            "<div style='font-size:3px'>" + SECRET + "</div>",
            "<div style='color:#ffffff;background-color:#ffffff'>" + SECRET + "</div>",
            "<div style='color:#fff'>" + SECRET + "</div>",
            "<div style='color:rgb(254,254,254)'>" + SECRET + "</div>",
            "<table bgcolor='#1a1a1a'><tr><td><font color='#1b1b1b'>" + SECRET + "</font></td></tr></table>",
            "<div style='color:transparent'>" + SECRET + "</div>",
            "<div style='color:rgba(0,0,0,0)'>" + SECRET + "</div>",
            "<div style='opacity:0'>" + SECRET + "</div>",
            "<div style='opacity:0.01'><p>" + SECRET + "</p></div>",
            "<div style='position:absolute;left:-9999px'>" + SECRET + "</div>",
            "<div style='position:relative;top:-5000px'>" + SECRET + "</div>",
            "<div style='max-height:0;overflow:hidden'>" + SECRET + "</div>",
            "<div style='height:0px;overflow:hidden'><span>" + SECRET + "</span></div>",
            "<div style='width:1px;overflow:hidden'>" + SECRET + "</div>",
            "<div style='clip:rect(0 0 0 0);position:absolute'>" + SECRET + "</div>",
            "<div style='visibility:collapse'>" + SECRET + "</div>"})
    void inlineHidingWaysLeaveTheTextOut(String hidden) {
        VisibleText vt = body(hidden);
        assertFalse(vt.text().contains("secrètes"), vt.text());
        assertTrue(vt.text().contains("Bienvenue"), vt.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ".legal{display:none}",
            "div.legal { visibility: hidden }",
            ".a, .legal{opacity:0}",
            ".legal{font-size:0;line-height:0}",
            ".legal{color:#FFF}",
            ".legal{position:fixed;left:-3000px}",
            ".legal{max-height:0px;overflow:hidden;mso-hide:all}",
            "body .wrap .legal{color:#fafafa !important}"})
    void styleSheetClassesHideToo(String css) {
        VisibleText vt = read("<html><head><style>" + css + "</style></head><body><div class='wrap'>"
                + "<p>Bienvenue</p><div class='legal'>" + SECRET + "</div></div></body></html>");
        assertFalse(vt.text().contains("secrètes"), css + " -> " + vt.text());
        assertTrue(vt.text().contains("Bienvenue"), vt.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // genuine small grey footer
            "<td style='font-size:10px;color:#999999'>" + SECRET + "</td>",
            "<td style='font-size:9px;color:#aaa;font-family:Arial'>" + SECRET + "</td>",
            // zero font size for layout, reset by the content
            "<td style='font-size:0;line-height:0'><div style='font-size:12px;line-height:16px'>" + SECRET
                    + "</div></td>",
            // white on a dark cell, on a dark class, on an image
            "<td bgcolor='#333333' style='color:#ffffff'>" + SECRET + "</td>",
            "<td style='background:#0b2a4a;color:#fff'><p>" + SECRET + "</p></td>",
            "<td style=\"background:url('https://img.example.com/hero.jpg') #ffffff;color:#fff\">" + SECRET + "</td>",
            "<td background='https://img.example.com/hero.jpg' style='color:#fff'>" + SECRET + "</td>",
            // a zero height on a table cell does not clip its content
            "<td style='height:0;overflow:hidden'>" + SECRET + "</td>",
            // Outlook-only hiding shows everywhere else
            "<td style='mso-hide:all'>" + SECRET + "</td>",
            // a light grey that stays readable
            "<td style='color:#dddddd'>" + SECRET + "</td>"})
    void visibleTextStays(String cell) {
        VisibleText vt = body("<table><tr>" + cell + "</tr></table>");
        assertTrue(vt.text().contains(SECRET), cell + " -> " + vt.text());
    }

    @Test
    void darkBackgroundFromAStyleSheetKeepsWhiteTextVisible() {
        VisibleText vt = read("<html><head><style>.footer{background-color:#222} .footer p{color:#fff}</style>"
                + "</head><body><div class='footer'><p>" + SECRET + "</p></div></body></html>");
        assertTrue(vt.text().contains(SECRET), vt.text());
    }

    @Test
    void aMobileOnlyBlockShownByAMediaQueryIsSeen() {
        VisibleText vt = read("<html><head><style>.mobile{max-height:0;overflow:hidden}"
                + "@media only screen and (max-width:480px){.mobile{max-height:none!important}}</style></head>"
                + "<body><div class='mobile'>" + SECRET + "</div></body></html>");
        assertTrue(vt.text().contains(SECRET), vt.text());
    }

    @Test
    void rulesThatOnlyHideInPrintOrOnHoverDoNotHide() {
        VisibleText vt = read("<html><head><style>@media print{.legal{display:none}} .legal:hover{opacity:0}"
                + "</style></head><body><div class='legal'>" + SECRET + "</div></body></html>");
        assertTrue(vt.text().contains(SECRET), vt.text());
    }

    @Test
    void moreSpecificRuleWinsOverALaterOne() {
        VisibleText vt = read("<html><head><style>#main .legal{color:#333} .legal{color:#fff}</style></head>"
                + "<body><div id='main'><p class='legal'>" + SECRET + "</p></div></body></html>");
        assertTrue(vt.text().contains(SECRET), vt.text());
    }

    @Test
    void linksWithNothingVisibleAreLeftOutAndVisibleImageLinksKept() {
        VisibleText vt = body("<p><a href='https://shop.example/a' style='font-size:0'>refuser le suivi</a>"
                + "<a href='https://shop.example/b'><img src='https://img.example/p.gif' width='1' height='1'"
                + " alt='refuser le suivi'></a>"
                + "<a href='https://shop.example/c'><img src='https://img.example/btn.png' width='120' height='30'"
                + " alt='Se désinscrire'></a>"
                + "<a href='https://shop.example/d' style='color:#ffffff'>Gérer</a></p>");
        List<String> urls = vt.links().stream().map(VisibleText.LinkSpan::url).toList();
        assertEquals(List.of("https://shop.example/c"), urls);
        assertEquals("Se désinscrire", vt.links().get(0).anchorText());
    }

    @Test
    void anUnstyledLinkInsideWhiteTextIsDrawnInTheLinkColour() {
        VisibleText vt = body("<div style='color:#fff'>Texte blanc <a href='https://shop.example/x'>Lien</a></div>");
        assertFalse(vt.text().contains("Texte blanc"), vt.text());
        assertEquals(1, vt.links().size());
        assertEquals("Lien", vt.links().get(0).anchorText());
    }

    @Test
    void hiddenWordsInsideAVisibleWordDoNotSplitIt() {
        VisibleText vt = body("<p>Se dés<span style='font-size:0'>xqz</span>inscrire</p>");
        assertTrue(vt.text().contains("Se désinscrire"), vt.text());
    }

    @Test
    void coloursAndContrast() {
        assertEquals(0xFFFFFF, TextVisibility.parseColor("#FFF"));
        assertEquals(0x336699, TextVisibility.parseColor("rgb(51, 102, 153)"));
        assertEquals(TextVisibility.TRANSPARENT, TextVisibility.parseColor("#ffffff00"));
        assertEquals(TextVisibility.UNKNOWN, TextVisibility.parseColor("var(--c)"));
        assertEquals(21.0, TextVisibility.contrast(0x000000, 0xFFFFFF), 0.01);
        assertTrue(TextVisibility.contrast(0x999999, 0xFFFFFF) > 2.5);
        assertTrue(TextVisibility.contrast(0xF5F5F5, 0xFFFFFF) < TextVisibility.MIN_CONTRAST);
        assertEquals(List.of("a.b", "p[x=\"1,2\"]"), TextVisibility.selectorParts("a.b, p[x=\"1,2\"]"));
        assertTrue(TextVisibility.specificity("#m .x") > TextVisibility.specificity("div p .x"));
    }
}
