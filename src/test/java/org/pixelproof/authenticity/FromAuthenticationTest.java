package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.detect.SenderIdentityCheck;

/**
 * {@link FromAuthentication}: only the receiving server's own Authentication-Results (tied to a Received hop) can say
 * the From domain failed, an enforcing policy or an SPF hard fail makes it the strong reason, p=none and lists or
 * forwarders a weaker one, and a pass anywhere (the server's, or a signature PixelProof verifies) clears it.
 */
class FromAuthenticationTest {
    private static final String FAILED = SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED;
    private static final String NOT_ENFORCED = SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED;
    private static final String VIA_LIST = SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST;

    private static final String RECEIVED = "Received: from vps-88.hebergement-low.example (unknown [203.0.113.88])\r\n"
            + "\tby mx.messagerie-lea.example (Postfix) with ESMTP id 7QcX2\r\n"
            + "\tfor <lea.martin@example.org>; Tue, 04 Nov 2025 03:14:55 +0100\r\n";
    private static final String REST = "From: \"Banque Horizon\" <service@banque-horizon.fr>\r\n"
            + "To: lea.martin@example.org\r\n"
            + "Subject: Votre compte\r\n"
            + "Date: Tue, 04 Nov 2025 02:14:50 +0000\r\n"
            + "Message-ID: <1@vps-88.hebergement-low.example>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\n";

    private static String ar(String results) {
        return "Authentication-Results: mx.messagerie-lea.example; " + results + "\r\n";
    }

    /** @return the reason for a message whose headers are {@code top}, the Received field, {@code below}, the rest */
    private static String reason(String top, String below) {
        Authenticity a = AuthenticityChecker.offline().check(TestEmails.email(top + RECEIVED + below + REST), null);
        return FromAuthentication.reason(TestEmails.email(top + RECEIVED + below + REST), a, "banque-horizon.fr");
    }

    private static String reason(String top) {
        return reason(top, "");
    }

    @Test
    void aDmarcFailUnderARejectPolicyFromTheReceivingServerIsEnough() {
        assertEquals(FAILED, reason(ar("spf=fail smtp.mailfrom=banque-horizon.fr; dkim=none;"
                + " dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=banque-horizon.fr")));
        assertEquals(FAILED, reason(ar("dmarc=fail (p=quarantine dis=none) header.from=banque-horizon.fr")));
        assertEquals(FAILED, reason(ar("dmarc=fail policy.published-domain-policy=reject"
                + " header.from=banque-horizon.fr")));
    }

    @Test
    void theSameFieldWrittenBelowTheServersReceivedIsNeverEnough() {
        // below every Received field: the sender wrote it (or cannot be told from one who did)
        assertNull(reason("", ar("dmarc=fail (p=REJECT) header.from=banque-horizon.fr")));
        // topmost, but its authserv-id is no server of the Received chain
        assertNull(reason("Authentication-Results: mx.autre-fournisseur.example; dmarc=fail (p=REJECT)"
                + " header.from=banque-horizon.fr\r\n"));
        // Microsoft's fields carry no authserv-id: never tied
        assertNull(reason("Authentication-Results: spf=fail (sender IP is 203.0.113.88)"
                + " smtp.mailfrom=banque-horizon.fr; dkim=none (message not signed) header.d=none;"
                + "dmarc=fail action=oreject header.from=banque-horizon.fr;compauth=fail reason=000\r\n"));
        // a dkim=pass for a signature the message does not carry contradicts the field
        assertNull(reason(ar("dkim=pass header.d=esp-envoi.example; dmarc=fail (p=REJECT)"
                + " header.from=banque-horizon.fr")));
    }

    @Test
    void aDomainThatDoesNotEnforceGivesTheWeakerReason() {
        assertEquals(NOT_ENFORCED, reason(ar("spf=pass smtp.mailfrom=mail.esp-envoi.example; dkim=none;"
                + " dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=banque-horizon.fr")));
        assertEquals(NOT_ENFORCED, reason(ar("dmarc=fail header.from=banque-horizon.fr")), "policy not shown");
    }

    @Test
    void anSpfHardFailForTheFromDomainWithoutAnyOfItsSignaturesIsEnough() {
        assertEquals(FAILED, reason(ar("spf=fail smtp.mailfrom=service@banque-horizon.fr; dkim=none")));
        assertNull(reason(ar("spf=softfail smtp.mailfrom=banque-horizon.fr; dkim=none")), "~all asks nothing");
        assertNull(reason(ar("spf=fail smtp.mailfrom=bounce.esp-envoi.example; dkim=none")), "another domain");
        // a signature of the From domain the server said nothing about: PixelProof cannot tell whether it passed
        String signature = "DKIM-Signature: v=1; a=rsa-sha256; d=banque-horizon.fr; s=s1; h=from; bh=AAAA; b=AAAA\r\n";
        assertNull(reason(ar("spf=fail smtp.mailfrom=banque-horizon.fr"), signature));
        assertEquals(FAILED, reason(ar("spf=fail smtp.mailfrom=banque-horizon.fr; dkim=fail"
                + " header.d=banque-horizon.fr"), signature));
    }

    @Test
    void aPassForTheFromDomainClearsIt() {
        assertNull(reason(ar("spf=fail smtp.mailfrom=banque-horizon.fr; dmarc=pass header.from=banque-horizon.fr")));
        assertNull(reason(ar("dmarc=fail (p=REJECT) header.from=autre-domaine.fr")), "about another From");
        String signature = "DKIM-Signature: v=1; a=rsa-sha256; d=news.banque-horizon.fr; s=s1; h=from; bh=A; b=A\r\n";
        assertNull(reason(ar("dkim=pass header.d=news.banque-horizon.fr; dmarc=fail (p=REJECT)"
                + " header.from=banque-horizon.fr"), signature), "aligned by organisational domain");
    }

    @Test
    void aMailingListOrAForwarderGivesTheWeakerReason() {
        String fail = ar("spf=pass smtp.mailfrom=liste-owner@listes.asso-velo.fr; dkim=fail header.d=banque-horizon.fr;"
                + " dmarc=fail (p=REJECT) header.from=banque-horizon.fr");
        assertEquals(VIA_LIST, reason(fail, "List-Id: <cyclistes.listes.asso-velo.fr>\r\n"));
        assertEquals(VIA_LIST, reason(fail, "List-Post: <mailto:cyclistes@listes.asso-velo.fr>\r\n"));
        assertEquals(VIA_LIST, reason(fail, "Precedence: list\r\n"));
        assertEquals(VIA_LIST, reason(ar("arc=pass (i=1 spf=pass dkim=pass dmarc=pass);"
                + " dmarc=fail (p=REJECT) header.from=banque-horizon.fr")));
        assertEquals(VIA_LIST, reason(fail, "ARC-Authentication-Results: i=1; mx.listes.asso-velo.fr;"
                + " dkim=pass header.d=banque-horizon.fr; dmarc=pass header.from=banque-horizon.fr\r\n"));
        assertEquals(FAILED, reason(fail, "List-Id: <infos.banque-horizon.fr>\r\n"), "the From domain's own list");
    }

    @Test
    void thePolicyIsReadWhereServersWriteIt() {
        assertTrue(FromAuthentication.enforcing(dmarc("p=REJECT sp=NONE dis=QUARANTINE", ""), false));
        assertFalse(FromAuthentication.enforcing(dmarc("p=REJECT sp=NONE dis=QUARANTINE", ""), true), "sp= applies");
        assertTrue(FromAuthentication.enforcing(dmarc(null, "action=oreject header.from=x.fr"), false));
        assertTrue(FromAuthentication.enforcing(dmarc(null, "action=pct.quarantine header.from=x.fr"), false));
        assertFalse(FromAuthentication.enforcing(dmarc(null, "action=none header.from=x.fr"), false));
        assertTrue(FromAuthentication.enforcing(dmarc(null, "polrec.p=quarantine header.from=x.fr"), false));
        assertFalse(FromAuthentication.enforcing(dmarc("dis=NONE", ""), false), "a disposition is not a policy");
    }

    private static AuthAssertion dmarc(String comment, String properties) {
        return new AuthAssertion("mx.example.net", "dmarc", "fail", properties, null, comment);
    }

    @TempDir
    Path dir;

    @Test
    void aSignatureOfTheFromDomainThatPixelProofVerifiesClearsIt() throws Exception {
        // signed by maison-lumen.example; the topmost field claims a DMARC fail the signature contradicts
        TestSigner signer = new TestSigner(DkimVerificationTest.DOMAIN, DkimVerificationTest.SELECTOR, 2048);
        String signed = signer.sign(DkimVerificationTest.crlf(DkimVerificationTest.resource("newsletter.eml")),
                "a=rsa-sha256; c=relaxed/relaxed; " + DkimVerificationTest.HEADERS);
        String message = "Authentication-Results: mx1.example.net; dkim=none; dmarc=fail (p=REJECT)"
                + " header.from=maison-lumen.example\r\n" + signed;
        Authenticity verified = AuthenticityChecker.create(true, signer.writeZone(dir))
                .check(TestEmails.email(message), null);
        assertEquals(List.of("pass"), verified.dkim().stream().map(DkimResult::result).toList());
        assertTrue(verified.receiverTied(), verified.authenticationResults().toString());
        assertNull(FromAuthentication.reason(TestEmails.email(message), verified, "maison-lumen.example"));
        Authenticity unverified = AuthenticityChecker.offline().check(TestEmails.email(message), null);
        assertEquals(FAILED, FromAuthentication.reason(TestEmails.email(message), unverified, "maison-lumen.example"),
                "without the key, the server's word stands");
    }
}
