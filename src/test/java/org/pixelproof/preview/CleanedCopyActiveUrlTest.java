package org.pixelproof.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A mail client opening the cleaned {@code .eml} applies no CSP meta element: {@code javascript:} links and frames of
 * a {@code data:} document must be gone from the copy itself.
 */
class CleanedCopyActiveUrlTest {
    private static final String HTML = "<html><body><p>Offre</p>"
            + "<a id=a1 href=\"javascript:location='https://c.boutique-orage.example/x'\">Voir</a>"
            + "<a id=a2 href=\"jav&#9;ascript:void(0)\">Tab</a>"
            + "<a id=a3 href=\" &#1;JaVaScRiPt&#10;:alert(1)\">Mixed</a>"
            + "<a id=a4 href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">Data</a>"
            + "<a id=ok href=\"https://www.boutique-orage.example/automne\">Site</a>"
            + "<iframe id=f1 src=\"data:text/html,&lt;script&gt;parent.x=1&lt;/script&gt;\"></iframe>"
            + "<iframe id=f2 src=\"javascript:'<b>x</b>'\"></iframe>"
            + "<embed id=e1 src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\">"
            + "<object id=o1 data=\"data:text/html,hi\"></object>"
            + "<svg><a id=s1 xlink:href=\"javascript:alert(1)\"><text>t</text></a></svg>"
            + "<img id=logo src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"logo\">"
            + "</body></html>";

    @Test
    void javascriptUrlsAndDataFramesAreRemovedFromTheCopy() {
        for (CleanedCopy.RemoteContent mode : CleanedCopy.RemoteContent.values()) {
            CleanedCopy clean = new CleanedCopy(PreviewLimits.DEFAULT, mode);
            // the site link as the analysis lists it: a link it did not list would be made inert
            org.pixelproof.detect.Link site = new org.pixelproof.detect.Link(
                    "https://www.boutique-orage.example/automne", "www.boutique-orage.example", "Site", null, null,
                    new org.pixelproof.detect.Location("1", "a", "href", null));
            String copy = clean.cleanHtml(HTML, List.of(), List.of(site));
            Document doc = Jsoup.parse(copy);
            for (String id : List.of("a1", "a2", "a3", "a4")) {
                Element a = doc.getElementById(id);
                assertFalse(a.hasAttr("href"), mode + " " + id + ": " + a);
            }
            assertEquals("https://www.boutique-orage.example/automne", doc.getElementById("ok").attr("href"));
            for (String id : List.of("f1", "f2", "e1", "o1")) {
                assertNull(doc.getElementById(id), mode + " " + id + " should be removed");
            }
            assertFalse(doc.getElementById("s1").hasAttr("xlink:href"), mode + " svg link");
            assertEquals("data:image/png;base64,iVBORw0KGgo=", doc.getElementById("logo").attr("src"),
                    "data: images stay");
            String lower = copy.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("javascript:") || lower.contains("data:text/html"), copy);
        }
    }

    @Test
    void schemesAreReadAsABrowserReadsThem() {
        assertEquals("javascript", CleanedCopy.effectiveScheme("jav\tascript:x"));
        assertEquals("javascript", CleanedCopy.effectiveScheme("\u0001 JAVA\nSCRIPT:x"));
        assertEquals("https", CleanedCopy.effectiveScheme("https://example.org/"));
        assertNull(CleanedCopy.effectiveScheme("/relative:path"));
        assertTrue(CleanedCopy.effectiveScheme("data:,x").equals("data"));
    }
}
