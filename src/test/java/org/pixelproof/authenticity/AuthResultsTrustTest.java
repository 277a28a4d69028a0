package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Authentication-Results fields are copied from the message (RFC 8601 section 5): each assertion records which field
 * it comes from (1 = topmost) and what in the message contradicts it.
 */
class AuthResultsTrustTest {

    private static Authenticity check(String resource) throws Exception {
        String text = DkimVerificationTest.crlf(DkimVerificationTest.resource(resource));
        return AuthenticityChecker.offline().check(TestEmails.email(text), null);
    }

    private static AuthAssertion find(Authenticity a, Integer field, Integer arc, String method) {
        return a.authenticationResults().stream().filter(x -> java.util.Objects.equals(field, x.field())
                && java.util.Objects.equals(arc, x.arcInstance()) && method.equals(x.method())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " in field " + field + ": "
                        + a.authenticationResults()));
    }

    @Test
    void dkimPassWithoutAnySignatureIsContradicted() throws Exception {
        Authenticity a = check("forged-auth-results.eml");
        assertEquals(List.of(), a.dkim(), "the message carries no signature");
        AuthAssertion dkim = find(a, 1, null, "dkim");
        assertEquals(List.of(AuthAssertion.DKIM_PASS_NO_SIGNATURE), dkim.doubts());
        assertEquals(List.of(), find(a, 1, null, "spf").doubts(), "nothing in the message contradicts spf=pass");
        AuthAssertion arc = find(a, null, 1, "dkim");
        assertNull(arc.field());
        assertEquals(List.of(AuthAssertion.DKIM_PASS_NO_SIGNATURE), arc.doubts());
    }

    @Test
    void aFieldBelowEveryReceivedWasWrittenByTheSender() throws Exception {
        AuthAssertion low = find(check("forged-auth-results.eml"), 2, null, "spf");
        assertEquals(List.of(AuthAssertion.BEFORE_ANY_SERVER), low.doubts());
    }

    @Test
    void dkimPassForTheDomainThatSignsIsNotContradictedButAnotherDomainIs() throws Exception {
        String signed = DkimVerificationTest.crlf(DkimVerificationTest.resource("single-part.eml"));
        String sig = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=atelier-brume.example; s=s1;"
                + " h=from:subject; bh=AAAA; b=AAAA\r\n";
        String top = "Authentication-Results: mx1.example.net; dkim=pass header.d=atelier-brume.example;"
                + " dkim=pass header.i=@news.atelier-brume.example; dkim=pass header.d=paypal.example\r\n";
        Authenticity a = AuthenticityChecker.offline().check(TestEmails.email(top + signed.replace(
                "From: Atelier", sig + "From: Atelier")), null);
        List<AuthAssertion> dkim = a.authenticationResults().stream().filter(x -> "dkim".equals(x.method()))
                .toList();
        assertEquals(3, dkim.size(), a.authenticationResults().toString());
        assertEquals(List.of(), dkim.get(0).doubts());
        assertEquals(List.of(), dkim.get(1).doubts(), "a subdomain in header.i belongs to the signing domain");
        assertEquals(List.of(AuthAssertion.DKIM_PASS_OTHER_DOMAIN), dkim.get(2).doubts());
        assertTrue(dkim.stream().allMatch(x -> x.field() == 1));
    }
}
