package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.Findings;

/**
 * A selector or signing domain derived from the recipient's address, in any encoding {@code detect} knows, would make
 * the key lookup a beacon: it is refused even when no tracker carries that identifier.
 */
class DkimSelectorBeaconTest {
    private static final String RECIPIENT = "alex.martin@example.org";
    private static final String DOMAIN = "mail.boutique-orage.example";
    private static String newsletter;

    @BeforeAll
    static void message() throws IOException {
        newsletter = DkimVerificationTest.crlf(DkimVerificationTest.resource("newsletter.eml"));
    }

    /** A checker whose key source records every name it is asked about and answers with the signer's key. */
    private record Recorded(AuthenticityChecker checker, List<String> asked) {
        static Recorded of(TestSigner signer) {
            List<String> asked = new ArrayList<>();
            return new Recorded(AuthenticityChecker.withKeySource((s, d) -> {
                synchronized (asked) {
                    asked.add(DkimKeySource.keyName(s, d));
                }
                return DkimKeySource.KeyLookup.found(List.of(signer.keyRecord()));
            }), asked);
        }
    }

    private static DkimResult check(String selector, String domain, List<String> recipients, List<String> asked) {
        TestSigner signer = new TestSigner(domain, selector, 1024);
        String signed = signer.sign(newsletter, "a=rsa-sha256; c=relaxed/relaxed; "
                + DkimVerificationTest.HEADERS);
        Recorded r = Recorded.of(signer);
        Findings findings = TestEmails.findings(recipients); // no tracker: the identifier is nowhere else
        DkimResult result = DkimVerificationTest.only(r.checker().check(TestEmails.email(signed), findings));
        asked.addAll(r.asked());
        return result;
    }

    private static String hex(String algorithm, String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String encoded(String encoding, String s) throws Exception {
        return switch (encoding) {
            case "md5" -> hex("MD5", s);
            case "sha1" -> hex("SHA-1", s);
            case "sha256" -> hex("SHA-256", s);
            case "md5-upper" -> hex("MD5", s).toUpperCase(java.util.Locale.ROOT);
            case "hex" -> HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
            case "base64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                    s.getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException(encoding);
        };
    }

    @ParameterizedTest(name = "{0} of {1} in the {2}")
    @CsvSource({
        "md5, address, selector",
        "md5-upper, address, selector",
        "sha1, address, selector",
        "sha256, address, selector",
        "hex, address, selector",
        "base64url, address, selector",
        "md5, local part, selector",
        "base64url, local part, selector",
        "md5, address, domain",
        "base64url, address, domain",
    })
    void selectorOrDomainDerivedFromTheRecipientIsNotLookedUp(String encoding, String of, String where)
            throws Exception {
        String value = encoded(encoding, "address".equals(of) ? RECIPIENT : "alex.martin");
        // a DNS label holds at most 63 characters: a SHA-256 (64) is split over two labels, as a sender would
        String label = value.length() > 63 ? value.substring(0, 32) + "." + value.substring(32) : value;
        String selector = "selector".equals(where) ? label : "s2026";
        String domain = "domain".equals(where) ? label + "." + DOMAIN : DOMAIN;
        List<String> asked = new ArrayList<>();

        DkimResult r = check(selector, domain, List.of(RECIPIENT), asked);

        assertEquals(List.of(), asked, "no lookup may be made");
        assertEquals("neutral", r.result());
        assertTrue(r.reason().contains("refused") && r.reason().contains("the " + where), r.reason());
    }

    @Test
    void hashSplitBetweenSelectorAndDomainIsNotLookedUp() throws Exception {
        String sha = encoded("sha256", RECIPIENT);
        List<String> asked = new ArrayList<>();
        DkimResult r = check(sha.substring(0, 40), sha.substring(40) + "." + DOMAIN, List.of(RECIPIENT), asked);
        assertEquals(List.of(), asked);
        assertTrue(r.reason().contains("selector and domain"), r.reason());
    }

    @Test
    void plainLocalPartIsStillRefusedAndSaidInClear() {
        List<String> asked = new ArrayList<>();
        DkimResult r = check("k1-alex-martin", DOMAIN, List.of(RECIPIENT), asked);
        assertEquals(List.of(), asked);
        assertTrue(r.reason().contains("in clear"), r.reason());
    }

    @Test
    void anOrdinarySelectorIsLookedUpAndVerifies() {
        // a random per-recipient token cannot be told from an ordinary selector: it is looked up (documented risk)
        List<String> asked = new ArrayList<>();
        DkimResult r = check("r8k2q7-2026", DOMAIN, List.of(RECIPIENT), asked);
        assertEquals(List.of("r8k2q7-2026._domainkey." + DOMAIN), asked);
        assertEquals("pass", r.result(), r.reason());
    }
}
