package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;
import org.pixelproof.rules.Vendor;
import org.pixelproof.rules.VendorPattern;

/** The vendor index finds exactly what trying every pattern of the rule set in order finds. */
class VendorIndexTest {

    private static final RuleSet RULES = RuleSetLoader.loadDefault();
    private static final VendorIndex INDEX = new VendorIndex(RULES);
    private static final java.util.regex.Pattern FIRST_SEGMENT = java.util.regex.Pattern.compile("(//[^/?#]+/)([^/?#]+)");

    @Test
    void matchesAsTryingEveryPatternInRuleOrder() {
        Set<String> urls = new LinkedHashSet<>();
        for (Vendor v : RULES.vendors()) {
            for (VendorPattern p : v.patterns()) {
                for (String example : p.examples()) {
                    urls.add(example);
                    WebUrl u = WebUrl.of(example, null);
                    if (u != null && u.host() != null) {
                        // the same path on a brand's own domain, and with its first segment in upper case
                        urls.add(example.replaceFirst("//[^/?#]+", "//news.brand-example.fr"));
                        java.util.regex.Matcher seg = FIRST_SEGMENT.matcher(example);
                        if (seg.find()) {
                            urls.add(example.substring(0, seg.start(2)) + seg.group(2).toUpperCase(java.util.Locale.ROOT)
                                    + example.substring(seg.end(2)));
                        }
                        urls.add(example.replaceFirst("//[^/?#]+", "//news.brand-example.fr") + "&x=1");
                    }
                }
            }
        }
        urls.add("https://links.brand-example.fr/wf/open?upn=abcdef0123456789");
        urls.add("https://links.brand-example.fr/WF/open?upn=abcdef0123456789");
        urls.add("https://track.brand-example.fr/tr/op/ABCDEFGHIJKLMNOPQRSTUV");
        urls.add("https://www.brand-example.fr/");
        urls.add("https://www.brand-example.fr");
        urls.add("https://www.brand-example.fr/?qs=0123456789abcdef0123456789");
        int tried = 0;
        int matched = 0;
        for (String s : urls) {
            WebUrl u = WebUrl.of(s, null);
            if (u == null || u.host() == null) {
                continue;
            }
            tried++;
            List<String> expected = bruteForce(u);
            List<String> actual = INDEX.match(u).stream().map(VendorIndexTest::describe).toList();
            assertEquals(expected, actual, s);
            if (!actual.isEmpty()) {
                matched++;
            }
        }
        assertTrue(tried > 300, "example URLs tried: " + tried);
        assertTrue(matched > 250, "example URLs matched: " + matched);
    }

    @Test
    void triesCatchAllPatternsByTheirFirstPathSegment() {
        List<VendorIndex.VendorMatch> m = INDEX.match(WebUrl.of("https://links.brand-example.fr/wf/open?upn=x1", null));
        assertEquals(1, m.size());
        assertEquals("sendgrid", m.get(0).vendor().id());
        assertTrue(m.get(0).anyHost());
        assertFalse(m.get(0).vendorHost());
        assertEquals("wf", VendorIndex.wholeFirstSegment("/wf/open?upn="));
        assertEquals("open.html", VendorIndex.wholeFirstSegment("/open.html?x="));
        assertNull(VendorIndex.wholeFirstSegment("/d"), "a segment that may go on is not whole");
        assertNull(VendorIndex.wholeFirstSegment("/?qs="));
        assertNull(VendorIndex.wholeFirstSegment("/"));
    }

    /** The index's former algorithm: own hosts in rule order, then catch-alls in rule order, else path shapes. */
    private static List<String> bruteForce(WebUrl url) {
        String pq = url.pathAndQuery();
        List<String> own = new ArrayList<>();
        List<String> any = new ArrayList<>();
        for (Vendor v : RULES.vendors()) {
            for (VendorPattern p : v.patterns()) {
                boolean anyHost = p.host().matcher("pixelproof-sentinel-host.invalid").matches();
                if (p.host().matcher(url.host()).matches() && (p.path() == null || p.path().matcher(pq).lookingAt())) {
                    (anyHost ? any : own).add(v.id() + "|" + p.id() + "|true|" + anyHost);
                }
            }
        }
        List<String> out = new ArrayList<>(own);
        out.addAll(any);
        if (out.isEmpty()) {
            return INDEX.match(url).stream().filter(m -> !m.hostMatched()).map(VendorIndexTest::describe).toList();
        }
        return out;
    }

    private static String describe(VendorIndex.VendorMatch m) {
        return m.vendor().id() + "|" + m.pattern().id() + "|" + m.hostMatched() + "|" + m.anyHost();
    }

    @Test
    void percentEncodedUnreservedCharactersDoNotHideAVendorPath() {
        WebUrl plain = WebUrl.of("https://shop.us3.list-manage.com/track/open.php?u=1a2b&id=3c4d&e=5e6f", null);
        WebUrl escaped = WebUrl.of("https://shop.us3.list-manage.com/%74rack/%6Fpen%2ephp?u=1a2b&id=3c4d&e=5e6f", null);
        List<VendorIndex.VendorMatch> expected = INDEX.match(plain);
        assertFalse(expected.isEmpty(), "the fixture URL is a known pixel");
        assertEquals(expected.stream().map(m -> m.pattern().toString()).toList(),
                INDEX.match(escaped).stream().map(m -> m.pattern().toString()).toList());
        assertEquals("/track/open.php?q=%20%2F%zz%4", WebUrl.unreservedDecoded("/%74rack/%6fpen.php?q=%20%2F%zz%4"),
                "only unreserved characters are decoded; other escapes and stray % stay");
        assertEquals("/a/b", WebUrl.unreservedDecoded("/a/b"));
    }
}
