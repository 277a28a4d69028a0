package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.detect.Findings;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;

/**
 * DKIM verification of messages signed in the test with a key the test generates, published in a zone file written
 * to a temporary folder. No network access.
 */
class DkimVerificationTest {
    static final String DOMAIN = "maison-lumen.example";
    static final String SELECTOR = "lumen2024";
    static final String PIXEL_URL = "https://t.maison-lumen.example/o/4f2a9c.gif?c=2024-05&r=77";
    static final String PIXEL_EVIDENCE =
            "<img src=\"https://t.maison-lumen.example/o/4f2a9c.gif?c=2024-05&amp;r=77\" width=\"1\" height=\"1\""
                    + " alt=\"\">";
    static final String HEADERS = "h=from:to:subject:date:message-id:list-unsubscribe:mime-version:content-type;";

    static TestSigner signer;
    static String newsletter;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws IOException {
        signer = new TestSigner(DOMAIN, SELECTOR, 2048);
        newsletter = crlf(resource("newsletter.eml"));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DkimVerificationTest.class.getResourceAsStream("/authenticity/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static Findings pixelFindings() {
        return TestEmails.findings(TestEmails.pixel("T1", PIXEL_URL, "1.2", PIXEL_EVIDENCE));
    }

    AuthenticityChecker zoneChecker() {
        return AuthenticityChecker.create(true, signer.writeZone(dir));
    }

    String signedNewsletter() {
        return signer.sign(newsletter, "a=rsa-sha256; c=relaxed/relaxed; t=1715670750; " + HEADERS);
    }

    static DkimResult only(Authenticity a) {
        assertEquals(1, a.dkim().size(), () -> "one signature expected: " + a.dkim());
        return a.dkim().get(0);
    }

    @Test
    void signedTrackedMessagePassesAndCoversTheTracker() {
        Authenticity a = zoneChecker().check(TestEmails.email(signedNewsletter()), pixelFindings());

        DkimResult r = only(a);
        assertEquals("pass", r.result(), r::reason);
        assertNull(r.reason());
        assertEquals(DOMAIN, r.domain());
        assertEquals(SELECTOR, r.selector());
        assertEquals("rsa-sha256", r.algorithm());
        assertEquals("relaxed/relaxed", r.canonicalization());
        assertTrue(r.bodyCovered());
        assertNull(r.bodyLengthLimit());
        assertEquals(Boolean.TRUE, r.bodyHashVerified());
        assertEquals(Boolean.TRUE, r.trackersInSignedBody());
        assertEquals(List.of(), r.trackersOutsideSignedBody());
        assertEquals(2048, r.keyBits());
        assertEquals(Instant.ofEpochSecond(1715670750), r.signedAt());
        assertEquals(List.of("from", "to", "subject", "date", "message-id", "list-unsubscribe", "mime-version",
                "content-type"), r.signedHeaders());
        assertTrue(r.vouchesForTrackers());
        assertEquals(r, a.signatureVouchingForTrackers());
        assertEquals("zone-file", a.keySource());
    }

    @Test
    void oneByteOfThePixelUrlChangedFailsVerification() {
        String signed = signedNewsletter();
        String tampered = signed.replace("o/4f2a9c.gif", "o/4f2a9d.gif");
        assertEquals(signed.length(), tampered.length(), "exactly one byte differs");

        Authenticity a = zoneChecker().check(TestEmails.email(tampered), pixelFindings());

        DkimResult r = only(a);
        assertEquals("fail", r.result());
        assertTrue(r.reason().startsWith("body hash mismatch"), r.reason());
        assertEquals(Boolean.FALSE, r.bodyHashVerified());
        assertFalse(r.vouchesForTrackers());
        assertNull(a.signatureVouchingForTrackers());
    }

    @Test
    void bodyAlteredAfterSigningFailsOnTheBodyHash() {
        String altered = signedNewsletter().replace("Bonjour Alex,\r\nD", "Bonjour Sam,\r\nD");

        DkimResult r = only(zoneChecker().check(TestEmails.email(altered), pixelFindings()));

        assertEquals("fail", r.result());
        assertTrue(r.reason().startsWith("body hash mismatch"), r.reason());
    }

    @Test
    void signedHeaderAlteredFailsOnTheSignature() {
        String altered = signedNewsletter().replace("Subject: Nos nouveautes de printemps",
                "Subject: Nos nouveautes d'ete");

        DkimResult r = only(zoneChecker().check(TestEmails.email(altered), pixelFindings()));

        assertEquals("fail", r.result());
        assertTrue(r.reason().startsWith("signature mismatch"), r.reason());
        assertEquals(Boolean.TRUE, r.bodyHashVerified(), "the body itself is intact");
    }

    @Test
    void unsignedHeaderAddedLaterDoesNotMatter() {
        String relayed = "X-Spam-Status: No\r\n" + signedNewsletter();

        assertEquals("pass", only(zoneChecker().check(TestEmails.email(relayed), pixelFindings())).result());
    }

    @Test
    void bareLfCopyOfASignedMessageStillVerifies() {
        String lf = signedNewsletter().replace("\r\n", "\n");

        Authenticity a = zoneChecker().check(TestEmails.email(lf), pixelFindings());

        assertEquals("pass", only(a).result(), () -> only(a).reason());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("bare LF")), a.notes()::toString);
    }

    @Test
    void unsignedMessageHasNoDkimResult() {
        Authenticity a = zoneChecker().check(TestEmails.email(newsletter), pixelFindings());

        assertEquals(List.of(), a.dkim());
        assertEquals(2, a.receivedChain().size(), "the rest is still read");
    }

    @Test
    void keyMissingFromTheZoneIsAPermerror() {
        TestSigner other = new TestSigner(DOMAIN, "rotated", 2048);
        AuthenticityChecker checker = AuthenticityChecker.create(true, other.writeZone(dir));

        DkimResult r = only(checker.check(TestEmails.email(signedNewsletter()), pixelFindings()));

        assertEquals("permerror", r.result());
        assertTrue(r.reason().startsWith("no key at lumen2024._domainkey.maison-lumen.example"), r.reason());
        assertEquals(Boolean.TRUE, r.bodyHashVerified());
        assertNull(r.keyBits());
    }

    @Test
    void lookupsOffGiveNeutralButStillCheckTheBodyHash() {
        AuthenticityChecker off = AuthenticityChecker.create(false, null);
        String signed = signedNewsletter();

        Authenticity a = off.check(TestEmails.email(signed), pixelFindings());
        DkimResult r = only(a);
        assertEquals("neutral", r.result());
        assertTrue(r.reason().contains("switched off"), r.reason());
        assertEquals(Boolean.TRUE, r.bodyHashVerified());
        assertEquals(DOMAIN, r.domain());
        assertEquals("none", a.keySource());

        DkimResult tampered = only(off.check(TestEmails.email(signed.replace("4f2a9c.gif", "4f2a9d.gif")),
                pixelFindings()));
        assertEquals("fail", tampered.result(), "a body that does not hash to bh= fails without any key");
    }

    @Test
    void bodyLengthLimitWithContentAppendedPassesButDoesNotCoverTheAppendedTracker() throws IOException {
        String message = crlf(resource("single-part.eml"));
        int bodyStart = message.indexOf("\r\n\r\n") + 4;
        long canonicalLength = new CanonicalBody(RawMessage.of(message.getBytes(StandardCharsets.US_ASCII)))
                .length("relaxed");
        String signed = signer("atelier-brume.example").sign(message,
                "a=rsa-sha256; c=relaxed/relaxed; l=" + canonicalLength + "; h=from:to:subject:date:content-type;");
        String appended = signed + "<img src=3D\"https://evil.example/p.gif?id=3D42\" width=3D\"1\">\r\n";
        assertTrue(bodyStart > 0);

        Tracker original = TestEmails.pixel("T1", "https://px.atelier-brume.example/open?m=2405&u=9b1e77c0", "1",
                "<img src=\"https://px.atelier-brume.example/open?m=2405&amp;u=9b1e77c0\" width=\"1\" height=\"1\">");
        Tracker added = TestEmails.pixel("T2", "https://evil.example/p.gif?id=42", "1",
                "<img src=\"https://evil.example/p.gif?id=42\" width=\"1\">");
        AuthenticityChecker checker = AuthenticityChecker.create(true,
                TestSigner.writeZone(dir, signer("atelier-brume.example").zoneLine(
                        signer("atelier-brume.example").keyRecord())));

        DkimResult beforeAppending = only(checker.check(TestEmails.email(signed),
                TestEmails.findings(original)));
        assertEquals("pass", beforeAppending.result());
        assertTrue(beforeAppending.bodyCovered(), "l= equal to the body length covers it all");

        DkimResult r = only(checker.check(TestEmails.email(appended), TestEmails.findings(original, added)));
        assertEquals("pass", r.result(), r::reason);
        assertEquals(canonicalLength, r.bodyLengthLimit());
        assertFalse(r.bodyCovered());
        assertEquals(Boolean.FALSE, r.trackersInSignedBody());
        assertEquals(List.of("T2"), r.trackersOutsideSignedBody(), "the original pixel lies in the signed prefix");
        assertFalse(r.vouchesForTrackers());
    }

    @Test
    void bodyLengthLimitInAMultipartCoversTrackersOfPartsThatEndBeforeIt() {
        String signed = signer.sign(newsletter, "a=rsa-sha256; c=relaxed/simple; l=" + newsletterBodyLength("simple")
                + "; " + HEADERS);
        String appended = signed + "Epilogue added later, outside the MIME parts.\r\n";

        DkimResult r = only(zoneChecker().check(TestEmails.email(appended), pixelFindings()));

        assertEquals("pass", r.result(), r::reason);
        assertFalse(r.bodyCovered());
        assertEquals(Boolean.TRUE, r.trackersInSignedBody());
        assertTrue(r.vouchesForTrackers());
    }

    @Test
    void trackerInAPartUnknownToTheMimeTreeIsNotClaimedCovered() {
        String signed = signer.sign(newsletter, "a=rsa-sha256; c=relaxed/simple; l=" + newsletterBodyLength("simple")
                + "; " + HEADERS);
        Tracker elsewhere = TestEmails.pixel("T1", PIXEL_URL, "1.7", PIXEL_EVIDENCE);

        DkimResult r = only(zoneChecker().check(TestEmails.email(signed + "more\r\n"), TestEmails.findings(elsewhere)));

        assertNull(r.trackersInSignedBody(), "unknown, never assumed");
    }

    @Test
    void headerTrackerIsCoveredOnlyWhenItsHeaderIsSigned() {
        String withReceipt = newsletter.replace("MIME-Version: 1.0\r\n",
                "MIME-Version: 1.0\r\nDisposition-Notification-To: receipts@maison-lumen.example\r\n");
        Tracker receipt = TestEmails.tracker("T2", TrackerKind.READ_RECEIPT, "header:Disposition-Notification-To",
                new Location("1", "header", "Disposition-Notification-To", null), "Disposition-Notification-To: ...",
                List.of());
        Findings findings = TestEmails.findings(TestEmails.pixel("T1", PIXEL_URL, "1.2", PIXEL_EVIDENCE), receipt);

        DkimResult unsigned = only(zoneChecker().check(TestEmails.email(signer.sign(withReceipt,
                "a=rsa-sha256; c=relaxed/relaxed; " + HEADERS)), findings));
        DkimResult signed = only(zoneChecker().check(TestEmails.email(signer.sign(withReceipt,
                "a=rsa-sha256; c=relaxed/relaxed; h=from:to:subject:disposition-notification-to;")), findings));

        assertEquals(List.of("T2"), unsigned.trackersOutsideSignedBody());
        assertEquals(Boolean.TRUE, signed.trackersInSignedBody());
    }

    @Test
    void signatureExpiredBeforeDeliveryIsAPermerrorButOneExpiredSinceIsNot() {
        // delivered 2024-05-14T07:12:41Z; t= 07:12:30Z
        String expiredEarly = signer.sign(newsletter,
                "a=rsa-sha256; c=relaxed/relaxed; t=1715670750; x=1715670755; " + HEADERS);
        String expiredLater = signer.sign(newsletter,
                "a=rsa-sha256; c=relaxed/relaxed; t=1715670750; x=1716275550; " + HEADERS);

        DkimResult early = only(zoneChecker().check(TestEmails.email(expiredEarly), pixelFindings()));
        DkimResult later = only(zoneChecker().check(TestEmails.email(expiredLater), pixelFindings()));

        assertEquals("permerror", early.result());
        assertTrue(early.reason().startsWith("signature expired before delivery"), early.reason());
        assertEquals("pass", later.result(), "x= is compared with the delivery time, not with today");
        assertEquals(Instant.ofEpochSecond(1716275550), later.expiresAt());
    }

    @Test
    void revokedKeyIsAPermerror() {
        AuthenticityChecker checker = AuthenticityChecker.create(true,
                TestSigner.writeZone(dir, signer.zoneLine("v=DKIM1; k=rsa; p=")));

        DkimResult r = only(checker.check(TestEmails.email(signedNewsletter()), pixelFindings()));

        assertEquals("permerror", r.result());
        assertTrue(r.reason().startsWith("key revoked"), r.reason());
    }

    @Test
    void malformedKeyRecordAndUnsupportedAlgorithmAreNamed() {
        AuthenticityChecker checker = AuthenticityChecker.create(true,
                TestSigner.writeZone(dir, signer.zoneLine("v=DKIM1; k=rsa; p=bm90IGEga2V5")));
        DkimResult badKey = only(checker.check(TestEmails.email(signedNewsletter()), pixelFindings()));
        assertEquals("permerror", badKey.result());
        assertTrue(badKey.reason().startsWith("malformed key record at lumen2024._domainkey.maison-lumen.example"),
                badKey.reason());

        String ed25519 = "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=" + DOMAIN
                + "; s=ed1; h=from:to:subject; bh=AAAA; b=BBBB\r\n" + newsletter;
        DkimResult unsupported = only(zoneChecker().check(TestEmails.email(ed25519), pixelFindings()));
        assertEquals("permerror", unsupported.result());
        assertTrue(unsupported.reason().startsWith("unsupported signing algorithm a=ed25519-sha256"),
                unsupported.reason());
    }

    @Test
    void keysAndAlgorithmsRfc8301ForbidsAreNotAccepted() {
        TestSigner weak = new TestSigner(DOMAIN, "weak", 512);
        String signedWeak = weak.sign(newsletter, "a=rsa-sha256; c=relaxed/relaxed; " + HEADERS);
        String signedSha1 = signer.sign(newsletter, "a=rsa-sha1; c=relaxed/relaxed; " + HEADERS);
        AuthenticityChecker checker = AuthenticityChecker.create(true,
                TestSigner.writeZone(dir, weak.zoneLine(weak.keyRecord()) + signer.zoneLine(signer.keyRecord())));

        DkimResult w = only(checker.check(TestEmails.email(signedWeak), pixelFindings()));
        DkimResult s = only(checker.check(TestEmails.email(signedSha1), pixelFindings()));

        assertEquals("permerror", w.result());
        assertTrue(w.reason().contains("512 bits is too short"), w.reason());
        assertEquals(512, w.keyBits());
        assertEquals("permerror", s.result());
        assertTrue(s.reason().startsWith("rsa-sha1 is not accepted"), s.reason());
    }

    @Test
    void severalSignaturesAreReportedEachInHeaderOrder() {
        TestSigner esp = new TestSigner("esp-mailer.example", "s2048", 2048);
        String twice = esp.sign(signedNewsletter(), "a=rsa-sha256; c=relaxed/relaxed; h=from:to:subject;");
        String malformed = "DKIM-Signature: v=1; a=rsa-sha256; d=broken.example; s=x; h=from; bh=AAAA;\r\n" + twice;
        AuthenticityChecker checker = AuthenticityChecker.create(true, signer.writeZone(dir)); // no ESP key

        Authenticity a = checker.check(TestEmails.email(malformed), pixelFindings());

        assertEquals(3, a.dkim().size());
        assertEquals("broken.example", a.dkim().get(0).domain());
        assertEquals("permerror", a.dkim().get(0).result());
        assertTrue(a.dkim().get(0).reason().startsWith("malformed signature"), a.dkim().get(0).reason());
        assertEquals("esp-mailer.example", a.dkim().get(1).domain());
        assertEquals("permerror", a.dkim().get(1).result());
        assertEquals(DOMAIN, a.dkim().get(2).domain());
        assertEquals("pass", a.dkim().get(2).result());
        assertEquals(List.of(a.dkim().get(2)), a.passingSignatures());
    }

    @Test
    void alteredBodyNeedsNoKeyLookup() {
        AtomicInteger calls = new AtomicInteger();
        AuthenticityChecker checker = AuthenticityChecker.withKeySource((selector, domain) -> {
            calls.incrementAndGet();
            return DkimKeySource.KeyLookup.found(List.of(signer.keyRecord()));
        });

        DkimResult r = only(checker.check(TestEmails.email(signedNewsletter().replace("4f2a9c.gif", "4f2a9d.gif")),
                pixelFindings()));

        assertEquals("fail", r.result());
        assertEquals(0, calls.get());
    }

    @Test
    void temporaryFailureIsATemperrorAndNotCached() {
        AtomicInteger calls = new AtomicInteger();
        DkimKeySource flaky = (selector, domain) -> {
            calls.incrementAndGet();
            return DkimKeySource.KeyLookup.tempError("timed out after 3000 ms");
        };
        AuthenticityChecker checker = AuthenticityChecker.withKeySource(flaky);

        DkimResult r = only(checker.check(TestEmails.email(signedNewsletter()), pixelFindings()));
        checker.check(TestEmails.email(signedNewsletter()), pixelFindings());

        assertEquals("temperror", r.result());
        assertTrue(r.reason().contains("timed out"), r.reason());
        assertEquals(2, calls.get());
        assertEquals(0, checker.cachedKeys());
    }

    @Test
    void keysAreLookedUpOncePerSelectorAndDomain() {
        AtomicInteger calls = new AtomicInteger();
        DkimKeySource counting = (selector, domain) -> {
            calls.incrementAndGet();
            return DkimKeySource.KeyLookup.found(List.of(signer.keyRecord()));
        };
        AuthenticityChecker checker = AuthenticityChecker.withKeySource(counting);

        for (int i = 0; i < 3; i++) {
            assertEquals("pass", only(checker.check(TestEmails.email(signedNewsletter()), pixelFindings())).result());
        }
        assertEquals(1, calls.get());
        assertEquals(1, checker.cachedKeys());
    }

    @Test
    void selectorCarryingTheRecipientIdentifierIsNotLookedUp() {
        TestSigner perRecipient = new TestSigner(DOMAIN, "alex-martin-7f3e", 1024);
        String signed = perRecipient.sign(newsletter, "a=rsa-sha256; c=relaxed/relaxed; " + HEADERS);
        AtomicInteger calls = new AtomicInteger();
        DkimKeySource counting = (selector, domain) -> {
            calls.incrementAndGet();
            return DkimKeySource.KeyLookup.found(List.of(perRecipient.keyRecord()));
        };

        DkimResult r = only(AuthenticityChecker.withKeySource(counting).check(TestEmails.email(signed),
                pixelFindings()));

        assertEquals("neutral", r.result());
        assertTrue(r.reason().contains("refused"), r.reason());
        assertEquals(0, calls.get());
    }

    @Test
    void selectorCarryingAHashedRecipientIdentifierIsNotLookedUp() {
        String md5 = "5d4f0e1b8c2a7e3f9a6b0c1d2e3f4a5b";
        TestSigner perRecipient = new TestSigner(DOMAIN, "k" + md5, 1024);
        String signed = perRecipient.sign(newsletter, "a=rsa-sha256; c=relaxed/relaxed; " + HEADERS);
        Tracker pixel = TestEmails.tracker("T1", TrackerKind.OPEN_PIXEL, PIXEL_URL + "&e=" + md5,
                new Location("1.2", "img", "src", null), PIXEL_EVIDENCE,
                List.of(new RecipientIdentifier(md5, "md5", "query parameter e", "alex.martin@example.org")));
        AtomicInteger calls = new AtomicInteger();

        DkimResult r = only(AuthenticityChecker.withKeySource((s, d) -> {
            calls.incrementAndGet();
            return DkimKeySource.KeyLookup.notFound("NXDOMAIN");
        }).check(TestEmails.email(signed), TestEmails.findings(pixel)));

        assertEquals("neutral", r.result());
        assertEquals(0, calls.get());
    }

    @Test
    void checkerIsSafeToShareBetweenThreads() throws Exception {
        AuthenticityChecker checker = zoneChecker();
        String signed = signedNewsletter();
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.Queue<String> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                for (int j = 0; j < 5; j++) {
                    results.add(only(checker.check(TestEmails.email(signed), pixelFindings())).result());
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(20, results.size());
        assertTrue(results.stream().allMatch("pass"::equals), results::toString);
    }

    @Test
    void messageWithoutRawBytesIsNotedNotThrown() {
        var email = TestEmails.email(signedNewsletter());
        var empty = new org.pixelproof.ingest.ReceivedEmail(email.fileName(), email.sha256(), 0, email.headers(),
                email.root(), List.of(), List.of(), null, new byte[0]);

        Authenticity a = zoneChecker().check(empty, null);

        assertEquals(List.of(), a.dkim());
        assertNotNull(a.deliveredAt());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("raw bytes")), a.notes()::toString);
    }

    private static long newsletterBodyLength(String method) {
        return new CanonicalBody(RawMessage.of(newsletter.getBytes(StandardCharsets.US_ASCII))).length(method);
    }

    private static final java.util.Map<String, TestSigner> SIGNERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static TestSigner signer(String domain) {
        return SIGNERS.computeIfAbsent(domain, d -> new TestSigner(d, "brume1", 2048));
    }
}
