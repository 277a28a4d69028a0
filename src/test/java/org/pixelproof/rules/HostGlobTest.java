package org.pixelproof.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The host-glob semantics documented in {@code legal-rules/README.md}, and the small helpers next to it. */
class HostGlobTest {

    private static boolean m(String glob, String host) {
        return HostGlob.compile(glob).matcher(host).matches();
    }

    @Test
    void leadingStarDotMatchesZeroOrMoreLabels() {
        assertTrue(m("*.list-manage.com", "brand.us3.list-manage.com"));
        assertTrue(m("*.list-manage.com", "us3.list-manage.com"));
        assertTrue(m("*.list-manage.com", "list-manage.com"));
        assertTrue(m("*.list-manage.com", "BRAND.US3.LIST-MANAGE.COM"));
        assertFalse(m("*.list-manage.com", "evil-list-manage.com"));
        assertFalse(m("*.list-manage.com", "list-manage.com.evil.example"));
    }

    @Test
    void aHostOfAMegabyteOfLabelsMatchesNothingAndDoesNotOverflowTheStack() {
        // "(?:[a-z0-9_-]+\\.)*" recursed once per label: a hostile URL's host overflowed the thread's stack.
        String hostile = "a.".repeat(500_000) + "list-manage.com";
        assertFalse(m("*.list-manage.com", hostile));
        assertFalse(m("email.*", "email." + hostile));
        java.util.regex.Pattern custom = HostGlob.bounded(java.util.regex.Pattern.compile(
                "(?:[a-z0-9-]+\\.)*(?:createsend\\d*|cmail\\d+)\\.com", java.util.regex.Pattern.CASE_INSENSITIVE));
        assertFalse(custom.matcher("a.".repeat(500_000) + "cmail1.com").matches());
        assertTrue(custom.matcher("x.CMAIL19.com").matches(), "flags and meaning are kept");
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(45)
                + ".list-manage.com";
        assertEquals(HostGlob.MAX_HOST_CHARS, longest.length());
        assertTrue(m("*.list-manage.com", longest));
        assertFalse(m("*.list-manage.com", "e" + longest));
    }

    @Test
    void starInsideALabelNeverCrossesADot() {
        assertTrue(m("*.klclick*.com", "trk.klclick1.com"));
        assertTrue(m("*.klclick*.com", "trk.klclick.com"));
        assertTrue(m("cl.s*.exct.net", "cl.s7.exct.net"));
        assertFalse(m("cl.s*.exct.net", "cl.s7.evil.exct.net"));
        assertTrue(m("protect-*.mimecast.com", "protect-eu.mimecast.com"));
        assertFalse(m("protect-*.mimecast.com", "protect-eu.evil.mimecast.com"));
    }

    @Test
    void trailingDotStarMatchesOneOrMoreLabels() {
        assertTrue(m("email.*", "email.brand.com"));
        assertTrue(m("email.*", "email.mg.brand.co.uk"));
        assertFalse(m("email.*", "email"));
        assertFalse(m("email.*", "newsletter.email.brand.com"));
    }

    @Test
    void exactHostAndAnyHost() {
        assertTrue(m("links.iterable.com", "links.iterable.com"));
        assertFalse(m("links.iterable.com", "xlinks.iterable.com"));
        assertTrue(m("*", "click.brand.example"));
    }

    @Test
    void invalidGlobs() {
        assertNotNull(HostGlob.problem("*.List-Manage.com"));
        assertNotNull(HostGlob.problem("**.example.com"));
        assertNotNull(HostGlob.problem("a..example.com"));
        assertNotNull(HostGlob.problem("example.com/path"));
        assertNull(HostGlob.problem("*.example.com"));
    }

    @Test
    void specificityRanksExactThenFixedDomainThenWildcardSuffixThenAny() {
        int exact = HostGlob.specificity("trk.klclick.com", null);
        int fixed = HostGlob.specificity("*.klclick*.com", null);
        int suffix = HostGlob.specificity("email.*", null);
        int any = HostGlob.specificity("*", null);
        assertTrue(exact > fixed && fixed > suffix && suffix > any);
        assertEquals(0, any);
    }

    @Test
    void regexSafetyHeuristic() {
        assertNotNull(RegexSafety.problem("(a+)+"));
        assertNotNull(RegexSafety.problem("(\\w+\\s?)*x"));
        assertNotNull(RegexSafety.problem("(?:x.*)+"));
        assertNull(RegexSafety.problem("(?:[a-z0-9-]+\\.)*example\\.com"));
        assertNull(RegexSafety.problem("/r/\\?id=h[0-9a-f]+,[0-9a-f]+,1(?:&|$)"));
        assertNull(RegexSafety.problem("(?i)[(]a+[)]+"));
    }

    @Test
    void textNormalization() {
        assertEquals("se desinscrire", TextNormalization.normalize("  Se\u00a0Désinscrire\n"));
        assertEquals("vos donnees d'ouverture", TextNormalization.normalize("Vos données d\u2019ouverture"));
        assertEquals("coeur", TextNormalization.normalize("Cœur"));
        assertEquals("", TextNormalization.normalize(null));
    }

    @Test
    void urlPartsAreTolerantAndNeverResolveAnything() {
        UrlParts u = UrlParts.parse("HTTPS://User@Brand.Example.:8443?x=1#frag").orElseThrow();
        assertEquals("brand.example", u.host());
        assertEquals("/?x=1", u.pathAndQuery());
        assertEquals("frag", u.fragment());
        assertEquals(Optional.empty(), UrlParts.parse("mailto:someone@example.com"));
        assertEquals(Optional.empty(), UrlParts.parse("cid:part1@example.com"));
        assertEquals("a b%zz", UrlParts.percentDecode("a+b%zz", true));
    }

    @Test
    void proofpointV3RunsAreDecoded() {
        LinkWrapper v3 = new LinkWrapper("pp3", "Proofpoint v3", HostGlob.compile("urldefense.com"), null,
                LinkWrapper.PROOFPOINT_V3, "test", 1);
        // "**A" is a run of 2 replaced characters, "**B" of 3; replacements "&&" then "===" then "+" (base64 "JiY9PT0r")
        assertEquals(Optional.of("https://example.com/a&&b===c+d"),
                v3.unwrap("https://urldefense.com/v3/__https://example.com/a**Ab**Bc*d__;JiY9PT0r!!X!y$"));
        assertEquals(Optional.empty(), v3.unwrap("https://urldefense.com/v3/__https://example.com/a*__;!!X!y$"));
    }

    @Test
    void thePrefilterFormAcceptsTheSameHostsAndShowsItsLiterals() {
        for (String glob : java.util.List.of("*.list-manage.com", "email.*", "*.emailsys*.net", "t.my-esp.example",
                "*")) {
            java.util.regex.Pattern bounded = HostGlob.compile(glob);
            java.util.regex.Pattern form = HostGlob.prefilterForm(bounded);
            org.junit.jupiter.api.Assertions.assertFalse(form.pattern().contains("\\Q"), form.pattern());
            for (String host : java.util.List.of("us1.list-manage.com", "list-manage.com", "email.shop.fr", "x.emailsys1a.net",
                    "t.my-esp.example", "T.MY-ESP.EXAMPLE", "tXmy-esp.example", "a.b.c")) {
                org.junit.jupiter.api.Assertions.assertEquals(bounded.matcher(host).matches(), form.matcher(host).matches(),
                        glob + " on " + host);
            }
        }
        PatternPrefilter f = PatternPrefilter.of(java.util.List.of(HostGlob.prefilterForm(HostGlob.compile("*.list-manage.com"))));
        org.junit.jupiter.api.Assertions.assertEquals(0, f.alwaysKept(), "its literal is read");
        org.junit.jupiter.api.Assertions.assertFalse(f.candidates("a.example.org").mayMatch(0));
        org.junit.jupiter.api.Assertions.assertTrue(f.candidates("us1.LIST-MANAGE.com").mayMatch(0));
    }
}
