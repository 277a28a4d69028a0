package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The building blocks of detection: URL cleaning, CSS scanning, tokens, identifiers, registrable domains. */
class PartsTest {

    @Test
    void webUrlCleansResolvesAndSplits() {
        WebUrl u = WebUrl.of(" \thttps://Track.Example.NET:8443/o/a b\n/c?e=x y&amp;f#frag ", null);
        assertEquals("https://Track.Example.NET:8443/o/a%20b/c?e=x%20y&amp;f#frag", u.url());
        assertEquals("track.example.net", u.host());
        assertEquals("/o/a%20b/c", u.path());
        assertEquals("frag", u.fragment());
        assertEquals("https://h.example/x", WebUrl.of("https:\\\\h.example\\x", null).url());
        assertEquals("https://h.example/a/c", WebUrl.of("../c", WebUrl.of("https://h.example/a/b/d", null)).url());
        assertEquals("https://h.example/q?x=1", WebUrl.of("?x=1", WebUrl.of("https://h.example/q?y=2", null)).url());
        assertFalse(WebUrl.of("cid:logo@x", null).isRemote());
        assertFalse(WebUrl.of("data:image/gif;base64,R0lG", null).isRemote());
        assertFalse(WebUrl.of("mailto:a@b.example", null).isRemote());
        assertFalse(WebUrl.of("about:blank", null).isRemote());
        assertFalse(WebUrl.of("img/x.png", null).isRemote());
        assertNull(WebUrl.of("   ", null));
        assertEquals("https://user@h.example/", WebUrl.of("//user@h.example", null).url());
        assertEquals("h.example", WebUrl.of("//user@h.example", null).host());
        WebUrl q = WebUrl.of("https://h.example/p?e=a%40b.example&u=x", null);
        assertEquals("a@b.example", q.param("E"));
        assertEquals("query parameter e", q.partAt(q.url().indexOf("a%40")));
        assertEquals("path", q.partAt(q.url().indexOf("/p")));
    }

    @Test
    void cssScannerFindsUrlsWithTheirRules() {
        CssScanner.Sheet s = CssScanner.scanSheet("/* c */ @import url(a.css) print; @import \"b.css\";"
                + "@media print { .x { background: url( 'p\\2e png' ) } }"
                + "@supports (display:grid) { @media (max-width: 600px) { #y:hover { cursor: url(h.cur), auto; } } }"
                + "@font-face { font-family: F; src: url(f.woff2) format('woff2'), url(\"f.woff\") }"
                + ".z { background-image: -webkit-image-set(\"i1.png\" 1x, url(i2.png) 2x); color: red }"
                + "<!-- .w { content: url(w.png) } -->");
        List<String> urls = s.urls().stream().map(CssScanner.UrlRef::url).toList();
        assertEquals(List.of("a.css", "b.css", "p.png", "h.cur", "f.woff2", "f.woff", "i1.png", "i2.png", "w.png"),
                urls);
        assertEquals("@media print { .x }", s.urls().get(2).rule());
        assertEquals("print", s.urls().get(2).condition());
        assertEquals("hover", s.urls().get(3).condition());
        assertEquals("@font-face", s.urls().get(4).rule());
        assertEquals("src", s.urls().get(4).property());
        assertEquals("@import", s.urls().get(0).property());
        assertTrue(s.urls().get(2).excerpt().startsWith(".x { background"), s.urls().get(2).excerpt());
        StyleFacts f = StyleFacts.of(CssScanner.declarations("width:1px; HEIGHT : 0.75pt !important; display:none;"
                + "position:absolute; left:-5000px; max-height:0; overflow:hidden"));
        assertEquals(1.0, f.width());
        assertEquals(1.0, f.height(), 0.001);
        assertTrue(f.displayNone());
        assertTrue(f.offScreen());
        assertTrue(f.zeroSizeWrapper());
    }

    @Test
    void hostileTextAlwaysTerminates() {
        Random r = new Random(42);
        String alphabet = "{}();:'\"\\/*@url(image-set(-é日\n\t <>!%=&?#,.0aZ";
        for (int k = 0; k < 300; k++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(400);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            CssScanner.scanSheet(s);
            CssScanner.declarations(s);
            CssScanner.urlsInValue(s);
            BodyScanner.parseSrcset(s);
            WebUrl u = WebUrl.of("https://h.example/" + s, null);
            Tokens.highEntropy(u);
            new RecipientMatcher(List.of("alex.martin@example.org")).find(s);
        }
    }

    @Test
    void entropyThresholds() {
        assertTrue(Tokens.bits("Zk4Qm9Tx2Lp7Wv8R") > 0);
        assertTrue(Tokens.bits("5f4dcc3b5aa765d61d8327deb882cf99") > 0);
        assertEquals(0, Tokens.bits("collection2026"));
        assertEquals(0, Tokens.bits("12345678901234567890"));
        assertEquals(0, Tokens.bits("abcdefghijklmnop"));
        assertEquals(0, Tokens.bits("a1a1a1a1a1a1a1a1"));
        WebUrl u = WebUrl.of("https://h.example/é/x-Zk4Qm9Tx2Lp7Wv8R/550e8400-e29b-41d4-a716-446655440000?u=https://x.example/Zk4Qm9Tx2Lp7Wv8R", null);
        List<String> t = Tokens.highEntropy(u).stream().map(Tokens.Token::value).toList();
        // whole tokens: the hyphen belongs to the token (base64url, composed ids), no fragment is reported alone
        assertEquals(List.of("x-Zk4Qm9Tx2Lp7Wv8R", "550e8400-e29b-41d4-a716-446655440000"), t);
        WebUrl brevo = WebUrl.of("https://r.example/tr/op/sdDzBRMBS7hbTLK9pZ8wq-XovYN-ARbXVy3T25aDKHwwpH_l8ysDj8P", null);
        assertEquals(List.of("sdDzBRMBS7hbTLK9pZ8wq-XovYN-ARbXVy3T25aDKHwwpH_l8ysDj8P"),
                Tokens.highEntropy(brevo).stream().map(Tokens.Token::value).toList());
    }

    @Test
    void base64CoresCoverEveryAlignment() {
        byte[] a = "alex.martin@example.org".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int prefix = 0; prefix < 6; prefix++) {
            byte[] payload = new byte[prefix + a.length + 4];
            for (int i = 0; i < prefix; i++) {
                payload[i] = (byte) ('a' + i);
            }
            System.arraycopy(a, 0, payload, prefix, a.length);
            String enc = java.util.Base64.getEncoder().encodeToString(payload);
            String core = RecipientMatcher.base64Core(a, prefix % 3, java.util.Base64.getEncoder());
            assertTrue(enc.contains(core), prefix + ": " + core + " not in " + enc);
        }
    }

    @Test
    void registrableDomains() {
        assertEquals("brand.co.uk", Domains.registrable("click.news.brand.co.uk"));
        assertEquals("list-manage.com", Domains.registrable("brand.us3.list-manage.com"));
        assertEquals("cloudfront.net", Domains.registrable("d123.cloudfront.net"));
        assertEquals("192.0.2.1", Domains.registrable("192.0.2.1"));
        assertEquals("example.org", Domains.domainOf("Alex <alex@Example.org>"));
    }
}
