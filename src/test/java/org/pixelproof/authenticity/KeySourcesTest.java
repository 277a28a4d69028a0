package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.authenticity.DkimKeySource.KeyLookup;
import org.pixelproof.authenticity.DkimKeySource.Status;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The three key sources, and proof that nothing here reaches the network. */
class KeySourcesTest {
    @TempDir
    Path dir;

    /** A resolver that answers from a function and records every question; it never opens a socket. */
    static final class StubResolver implements Resolver {
        final List<Record> questions = new CopyOnWriteArrayList<>();
        final Function<Message, Message> answer;

        StubResolver(Function<Message, Message> answer) {
            this.answer = answer;
        }

        @Override
        public Message send(Message query) throws IOException {
            questions.add(query.getQuestion());
            Message m = answer.apply(query);
            if (m == null) {
                throw new SocketTimeoutException("stub timeout");
            }
            return m;
        }

        @Override
        public CompletionStage<Message> sendAsync(Message query) {
            return sendAsync(query, Runnable::run);
        }

        @Override
        public CompletionStage<Message> sendAsync(Message query, Executor executor) {
            try {
                return CompletableFuture.completedFuture(send(query));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void setPort(int port) {
        }

        @Override
        public void setTCP(boolean flag) {
        }

        @Override
        public void setIgnoreTruncation(boolean flag) {
        }

        @Override
        public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        }

        @Override
        public void setTSIGKey(TSIG key) {
        }

        @Override
        public void setTimeout(Duration timeout) {
        }
    }

    static Message reply(Message query, int rcode, Record... answers) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RA);
        m.getHeader().setRcode(rcode);
        m.addRecord(query.getQuestion(), Section.QUESTION);
        for (Record r : answers) {
            m.addRecord(r, Section.ANSWER);
        }
        return m;
    }

    @Test
    void dnsSourceAsksOnlyForTheDomainKeyTxtRecordAndJoinsItsStrings() {
        StubResolver stub = new StubResolver(q -> reply(q, Rcode.NOERROR, new TXTRecord(q.getQuestion().getName(),
                DClass.IN, 300, List.of("v=DKIM1; k=rsa; ", "p=MIIBIjAN"))));

        KeyLookup k = new DnsKeySource(stub).lookup("s1", "Example.ORG");

        assertEquals(Status.FOUND, k.status());
        assertEquals(List.of("v=DKIM1; k=rsa; p=MIIBIjAN"), k.records());
        assertEquals(1, stub.questions.size());
        Record q = stub.questions.get(0);
        assertEquals("s1._domainkey.example.org.", q.getName().toString().toLowerCase());
        assertEquals(Type.TXT, q.getType());
    }

    @Test
    void dnsSourceMapsNxdomainToNotFoundAndFailuresToTempError() {
        assertEquals(Status.NOT_FOUND,
                new DnsKeySource(new StubResolver(q -> reply(q, Rcode.NXDOMAIN))).lookup("s1", "example.org").status());
        assertEquals(Status.NOT_FOUND,
                new DnsKeySource(new StubResolver(q -> reply(q, Rcode.NOERROR))).lookup("s1", "example.org").status());
        assertEquals(Status.TEMP_ERROR,
                new DnsKeySource(new StubResolver(q -> reply(q, Rcode.SERVFAIL))).lookup("s1", "example.org").status());
        KeyLookup timeout = new DnsKeySource(new StubResolver(q -> null)).lookup("s1", "example.org");
        assertEquals(Status.TEMP_ERROR, timeout.status(), timeout::toString);
    }

    @Test
    void dnsSourceNeverQueriesANameThatIsNotAValidSelectorAndDomain() {
        StubResolver stub = new StubResolver(q -> reply(q, Rcode.NXDOMAIN));
        DnsKeySource dns = new DnsKeySource(stub);

        for (String[] bad : new String[][] {{"s1", "tracker.example/o.gif"}, {"s1 x", "example.org"},
                {"", "example.org"}, {"s1", "example.org."}, {"s1", "a..example.org"},
                {"s1", "x".repeat(64) + ".example.org"}}) {
            assertEquals(Status.NOT_FOUND, dns.lookup(bad[0], bad[1]).status(), String.join("|", bad));
        }
        assertEquals(List.of(), stub.questions);
    }

    @Test
    void dnsSourceTimeoutHasADocumentedDefault() {
        assertEquals(3_000, DnsKeySource.DEFAULT_TIMEOUT_MILLIS);
        assertThrows(IllegalArgumentException.class, () -> new DnsKeySource(0));
    }

    @Test
    void zoneSourceKeepsOnlyDomainKeyRecords() throws IOException {
        Path zone = dir.resolve("keys.zone");
        Files.writeString(zone, """
                $ORIGIN example.org.
                $TTL 3600
                @                 IN SOA ns.example.org. admin.example.org. 1 3600 600 86400 300
                www               IN TXT "v=spf1 -all"
                tracker           IN A   192.0.2.1
                s1._domainkey     IN TXT "v=DKIM1; k=rsa; " "p=MIIB"
                s2._domainkey.mail.example.net. IN TXT "v=DKIM1; p=AAAA"
                """);

        ZoneFileKeySource source = ZoneFileKeySource.load(zone);

        assertEquals(Set.of("s1._domainkey.example.org", "s2._domainkey.mail.example.net"), source.names());
        assertEquals(3, source.ignoredRecords());
        assertEquals(List.of("v=DKIM1; k=rsa; p=MIIB"), source.lookup("S1", "example.org").records());
        assertEquals(Status.FOUND, source.lookup("s2", "mail.example.net").status());
        assertEquals(Status.NOT_FOUND, source.lookup("www", "example.org").status());
        assertEquals(Status.NOT_FOUND, source.lookup("s1._domainkey.example.org", "").status());
        assertEquals("zone-file", source.kind());
    }

    @Test
    void zoneFileWithIncludeOrBadSyntaxIsAConfigurationError() throws IOException {
        Path include = dir.resolve("include.zone");
        Files.writeString(include, "$INCLUDE /etc/passwd\n");
        Path bad = dir.resolve("bad.zone");
        Files.writeString(bad, "s1._domainkey.example.org. IN TXT \"unterminated\n");

        assertThrows(UncheckedIOException.class, () -> AuthenticityChecker.create(true, include));
        assertThrows(UncheckedIOException.class, () -> AuthenticityChecker.create(true, bad));
        assertThrows(UncheckedIOException.class, () -> AuthenticityChecker.create(true, dir.resolve("missing.zone")));
    }

    @Test
    void configurationPicksTheKeySourceAndNeverDnsWhenOffOrGivenAZoneFile() throws IOException {
        Path zone = dir.resolve("empty.zone");
        Files.writeString(zone, "; no keys\n");

        assertSame(DkimKeySource.none(), AuthenticityChecker.create(false, null).keySource());
        assertSame(DkimKeySource.none(), AuthenticityChecker.offline().keySource());
        assertFalse(AuthenticityChecker.offline().looksUpKeys());
        assertInstanceOf(ZoneFileKeySource.class, AuthenticityChecker.create(true, zone).keySource());
        assertInstanceOf(ZoneFileKeySource.class, AuthenticityChecker.create(false, zone).keySource());
        assertInstanceOf(DnsKeySource.class, AuthenticityChecker.create(true, null).keySource(),
                "only lookup=true without a zone file builds the DNS source (building it makes no query)");
        assertTrue(AuthenticityChecker.DEFAULT_LOOKUP);
    }

    @Test
    void checkingWithLookupsOffOrAZoneFileSendsNoDnsQuery() throws IOException {
        StubResolver spy = new StubResolver(q -> {
            throw new AssertionError("DNS query sent: " + q.getQuestion());
        });
        Resolver previous = Lookup.getDefaultResolver();
        Lookup.setDefaultResolver(spy);
        try {
            TestSigner signer = new TestSigner("maison-lumen.example", "lumen2024", 1024);
            String signed = signer.sign(DkimVerificationTest.crlf(DkimVerificationTest.resource("newsletter.eml")),
                    "a=rsa-sha256; c=relaxed/relaxed; h=from:to:subject;");
            Path zone = signer.writeZone(dir);
            for (AuthenticityChecker checker : List.of(AuthenticityChecker.create(false, null),
                    AuthenticityChecker.create(true, zone), AuthenticityChecker.create(false, zone))) {
                Authenticity a = checker.check(TestEmails.email(signed), DkimVerificationTest.pixelFindings());
                assertEquals(1, a.dkim().size());
            }
            assertEquals(List.of(), spy.questions);
        } finally {
            Lookup.setDefaultResolver(previous);
        }
    }

}
