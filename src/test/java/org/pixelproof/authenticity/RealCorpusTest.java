package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the checker over every message of {@code ../shared/corpus/real} (real received mail, read in place, never
 * copied) with a zone file that holds no key, so nothing is looked up. Skipped when the folder is absent.
 */
class RealCorpusTest {
    static final Path CORPUS = Path.of("../shared/corpus/real");
    static final Map<String, Authenticity> RESULTS = new HashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void checkAll() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS),
                "../shared/corpus/real is absent (a fresh clone): real-mail authenticity test skipped");
        Path zone = dir.resolve("no-keys.zone");
        Files.writeString(zone, "; deliberately empty: no key is known\n");
        AuthenticityChecker checker = AuthenticityChecker.create(true, zone);
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
        for (Path f : files) {
            RESULTS.put(f.getFileName().toString(),
                    checker.check(TestEmails.email(Files.readAllBytes(f)), TestEmails.findings()));
        }
    }

    static Authenticity of(String prefix) {
        return RESULTS.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no corpus file " + prefix));
    }

    @Test
    void everyMessageIsCheckedWithoutError() {
        assertTrue(RESULTS.size() >= 100, "corpus expected, found " + RESULTS.size());
        RESULTS.forEach((name, a) -> {
            for (DkimResult r : a.dkim()) {
                assertTrue(List.of("fail", "permerror", "neutral").contains(r.result()),
                        name + ": no key is known, nothing can pass: " + r);
            }
        });
    }

    @Test
    void file001KasserverAssertsDkimPassForSchreibsuchti() {
        Authenticity a = of("001-");

        AuthAssertion dkim = a.authenticationResults().get(0);
        assertEquals("dd20708.kasserver.com", dkim.authServId());
        assertEquals("dkim", dkim.method());
        assertEquals("pass", dkim.result());
        assertEquals("schreibsuchti.de", dkim.property("header.d"));
        assertEquals("k3", dkim.property("header.s"));
        assertEquals("2048-bit key; unprotected", dkim.comment());
        assertNull(dkim.arcInstance());
        assertEquals("dkim-atps", a.authenticationResults().get(1).method());
        assertEquals(2, a.authenticationResults().size());
    }

    @Test
    void file001ReceivedChainEndsAtTheRecipientsServer() {
        Authenticity a = of("001-");

        assertEquals(2, a.receivedChain().size());
        ReceivedHop mailchimp = a.receivedChain().get(0);
        assertEquals("mail5.suw111.mcdlv.net (Mailchimp)", mailchimp.by());
        assertEquals(OffsetDateTime.parse("2023-01-17T10:17:30Z"), mailchimp.time());
        ReceivedHop delivery = a.deliveryHop();
        assertEquals("mail5.suw111.mcdlv.net (mail5.suw111.mcdlv.net [198.2.185.5])", delivery.from());
        assertEquals("dd20708.kasserver.com", delivery.byHost());
        assertEquals("ESMTPS", delivery.with());
        assertEquals(OffsetDateTime.parse("2023-01-17T11:17:32+01:00"), delivery.time());
        assertEquals(delivery.time(), a.deliveredAt());
    }

    @Test
    void file001SignatureIsReadButNotVerifiableWithoutItsKey() {
        DkimResult r = of("001-").dkim().get(0);

        assertEquals("schreibsuchti.de", r.domain());
        assertEquals("k3", r.selector());
        assertEquals("permerror", r.result());
        assertTrue(r.reason().startsWith("no key at k3._domainkey.schreibsuchti.de"), r.reason());
        assertEquals(Boolean.TRUE, r.bodyHashVerified(), "the body of 001 still hashes to its bh=");
        assertEquals(List.of("Subject", "From", "Reply-To", "To", "Date", "Message-ID", "X-MC-User", "Feedback-ID",
                "List-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "Content-Type", "MIME-Version", "CC", "Date",
                "Subject", "From"), r.signedHeaders());
        assertEquals("walterepp@schreibsuchti.de", r.identity());
        assertEquals(OffsetDateTime.parse("2023-01-17T10:17:30Z").toInstant(), r.signedAt());
    }

    @Test
    void file018MicrosoftResultsWithoutAuthservId() {
        List<AuthAssertion> ar = of("018-").authenticationResults();

        assertEquals(List.of("spf", "dkim", "dmarc", "compauth"), ar.stream().map(AuthAssertion::method).toList());
        assertTrue(ar.stream().allMatch(x -> x.authServId() == null));
        assertEquals("mail151.suw18.rsgsv.net", ar.get(0).property("smtp.mailfrom"));
        assertEquals("sender IP is 198.2.181.151", ar.get(0).comment());
        assertEquals("mit.edu", ar.get(1).property("header.d"));
        assertEquals("signature was verified", ar.get(1).comment());
        assertEquals("mit.edu", ar.get(2).property("header.from"));
        assertEquals("100", ar.get(3).property("reason"));
    }

    @Test
    void file043ArcSetsByMicrosoft() {
        Authenticity a = of("043-");

        assertEquals(2, a.arcChain().size());
        ArcSet first = a.arcChain().get(0);
        ArcSet second = a.arcChain().get(1);
        assertEquals(1, first.instance());
        assertEquals("none", first.chainValidation());
        assertEquals("pass", second.chainValidation());
        assertEquals("microsoft.com", second.sealDomain());
        assertEquals("arcselector9901", second.sealSelector());
        assertEquals("mx.microsoft.com", second.authServId());
        assertTrue(second.complete());
        AuthAssertion arc = second.results().stream().filter(x -> x.method().equals("arc")).findFirst().orElseThrow();
        assertEquals("pass", arc.result());
        assertEquals(2, arc.arcInstance());
        assertEquals("cfkconstruction.net",
                first.results().stream().filter(x -> x.method().equals("dkim")).findFirst().orElseThrow()
                        .property("header.d"));
    }

    @Test
    void file045ArcChainThatFailed() {
        ArcSet second = of("045-").arcChain().get(1);

        assertEquals("fail", second.chainValidation());
        assertEquals("fail", second.results().stream().filter(x -> x.method().equals("arc")).findFirst()
                .orElseThrow().result());
    }

    @Test
    void file098GoogleArcResultsWithSeveralDkimResults() {
        Authenticity a = of("098-");

        ArcSet set = a.arcChain().get(0);
        assertEquals("mx.google.com", set.authServId());
        assertEquals("google.com", set.sealDomain());
        assertEquals(List.of("dkim", "dkim", "spf"), set.results().stream().map(AuthAssertion::method).toList());
        assertEquals("@topeml.com", set.results().get(1).property("header.i"));
    }

    @Test
    void file008ReceivedWithoutSemicolonBeforeItsDate() {
        ReceivedHop sendgrid = of("008-").receivedChain().get(0);

        assertEquals("geopod-ismtpd-5-1 (SG)", sendgrid.by());
        assertEquals("HTTP", sendgrid.with());
        assertEquals(OffsetDateTime.parse("2023-02-17T17:46:24Z"), sendgrid.time());
    }

    @Test
    void file041FullMonthNameAndMalformedIdentity() {
        Authenticity a = of("041-");

        assertEquals(OffsetDateTime.parse("2023-11-28T04:09:16Z"), a.receivedChain().get(0).time());
        DkimResult r = a.dkim().get(0);
        assertEquals("gv.d.sender-sib.com", r.domain());
        assertEquals("permerror", r.result());
        assertTrue(r.reason().startsWith("malformed signature"), r.reason());
    }

    @Test
    void file133EncodedAuthenticationResultsIsReadAfterDecoding() {
        AuthAssertion dkim = of("133-").authenticationResults().stream().filter(x -> x.method().equals("dkim"))
                .findFirst().orElseThrow();

        assertEquals("fail", dkim.result());
        assertEquals("no key for signature", dkim.comment());
        assertEquals("verkade.nl", dkim.property("header.d"));
    }

    @Test
    void qmailStampsAndMissingHeadersAreNotedNotThrown() {
        Authenticity qmail = of("063-");
        assertEquals(OffsetDateTime.parse("2017-03-08T04:00:31Z"), qmail.deliveredAt());
        assertFalse(qmail.notes().stream().anyMatch(n -> n.contains("\"by\"")), qmail.notes()::toString);

        Authenticity noReceived = of("078-");
        assertNull(noReceived.deliveredAt());
        assertTrue(noReceived.notes().contains("no Received header: delivery time unknown"));
    }

    @Test
    void everyDeliveryTimeIsPlausible() {
        RESULTS.forEach((name, a) -> {
            if (a.deliveredAt() != null) {
                assertTrue(a.deliveredAt().getYear() >= 2000 && a.deliveredAt().getYear() <= 2030, name);
            } else {
                assertTrue(a.notes().stream().anyMatch(n -> n.contains("Received")), name + ": why is it unknown?");
            }
        });
    }
}
