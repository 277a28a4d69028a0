package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Authentication-Results, ARC, Received and date parsing on written-out edge cases. */
class HeaderParsersTest {

    private static AuthResultsParser.Parsed ar(String value, Notes notes) {
        return AuthResultsParser.parse(value, false, "Authentication-Results #1", notes);
    }

    @Test
    void resultsWithCommentsHoldingSemicolonsFoldingAndVersion() {
        Notes notes = new Notes();
        AuthResultsParser.Parsed p = ar("mx.example.net 1;\r\n\tspf=pass (mx.example.net: domain of\r\n"
                + "\t b@example.com; designates 192.0.2.1) smtp.mailfrom=b@example.com;\r\n"
                + "\tdkim = pass (2048-bit key) header.d=example.com header.s=s1 header.b=Ab+c/d==;\r\n"
                + "\tdmarc=fail (p=reject dis=none) header.from=example.com", notes);

        assertEquals("mx.example.net", p.authServId());
        List<AuthAssertion> a = p.assertions();
        assertEquals(3, a.size());
        assertEquals("spf", a.get(0).method());
        assertEquals("mx.example.net: domain of b@example.com; designates 192.0.2.1", a.get(0).comment());
        assertEquals("b@example.com", a.get(0).property("smtp.mailfrom"));
        assertEquals("pass", a.get(1).result());
        assertEquals("Ab+c/d==", a.get(1).property("header.b"), "base64 padding is not taken for a name=");
        assertEquals("header.d=example.com header.s=s1 header.b=Ab+c/d==", a.get(1).properties());
        assertEquals("fail", a.get(2).result());
        assertEquals(List.of(), notes.list());
    }

    @Test
    void quotedAuthservIdMethodVersionAndNoResult() {
        AuthResultsParser.Parsed p = ar("\"mail.example.org\"; dkim/1=PASS header.i=@example.org", new Notes());
        assertEquals("mail.example.org", p.authServId());
        assertEquals("dkim", p.assertions().get(0).method());
        assertEquals("pass", p.assertions().get(0).result());

        AuthResultsParser.Parsed quoted = ar("mx.example.net; dmarc=fail reason=\"policy: p=reject; sp=none\""
                + " header.from=example.com", new Notes());
        assertEquals("policy: p=reject; sp=none", quoted.assertions().get(0).property("reason"));
        assertEquals("example.com", quoted.assertions().get(0).property("header.from"));

        AuthResultsParser.Parsed none = ar("mail.example.org; none", new Notes());
        assertEquals("mail.example.org", none.authServId());
        assertEquals(List.of(), none.assertions());
    }

    @Test
    void microsoftStyleWithoutAuthservIdAndGluedResults() {
        AuthResultsParser.Parsed p = ar("spf=pass (sender IP is 192.0.2.7)\r\n smtp.mailfrom=bounce.example.com; "
                + "dkim=pass (signature was\r\n verified) header.d=example.com;dmarc=pass action=none\r\n "
                + "header.from=example.com;compauth=pass reason=100", new Notes());

        assertNull(p.authServId());
        assertEquals(List.of("spf", "dkim", "dmarc", "compauth"),
                p.assertions().stream().map(AuthAssertion::method).toList());
        assertEquals("signature was verified", p.assertions().get(1).comment());
        assertEquals("action=none header.from=example.com", p.assertions().get(2).properties());
    }

    @Test
    void resultGluedToTheAuthservIdWithoutSemicolon() {
        AuthResultsParser.Parsed p = ar("mx.example.net spf=pass smtp.mailfrom=example.com", new Notes());

        assertEquals("mx.example.net", p.authServId());
        assertEquals("spf", p.assertions().get(0).method());
    }

    @Test
    void malformedResultsAreSkippedAndNoted() {
        Notes notes = new Notes();
        AuthResultsParser.Parsed p = ar("mx.example.net; =pass; dkim; spf=pass (unclosed comment", notes);

        assertEquals(1, p.assertions().size());
        assertEquals("spf", p.assertions().get(0).method());
        assertEquals("unclosed comment", p.assertions().get(0).comment());
        assertEquals(2, notes.list().size(), notes.list()::toString);
        assertTrue(notes.list().get(0).startsWith("Authentication-Results #1: result skipped"));
    }

    @Test
    void emptyOrHugeHeadersStayBounded() {
        Notes notes = new Notes();
        assertEquals(List.of(), ar("", notes).assertions());
        StringBuilder huge = new StringBuilder("mx.example.net");
        for (int i = 0; i < 5_000; i++) {
            huge.append("; spf=pass");
        }

        AuthResultsParser.Parsed p = ar(huge.toString(), notes);

        assertEquals(AuthResultsParser.MAX_RESULTS_PER_HEADER, p.assertions().size());
        assertTrue(notes.list().stream().anyMatch(n -> n.contains("longer than")), notes.list()::toString);
        assertTrue(notes.list().stream().anyMatch(n -> n.contains("more than")), notes.list()::toString);
    }

    @Test
    void arcAuthenticationResultsNeedAnInstance() {
        Notes notes = new Notes();
        AuthResultsParser.Parsed p = AuthResultsParser.parse("i=3; relay.example.net; arc=pass; dkim=pass",
                true, "ARC-Authentication-Results #1", notes);
        assertEquals(3, p.arcInstance());
        assertEquals("relay.example.net", p.authServId());
        assertEquals(3, p.assertions().get(0).arcInstance());

        assertNull(AuthResultsParser.parse("relay.example.net; arc=pass", true, "ARC-Authentication-Results #2",
                notes));
        assertTrue(notes.list().get(0).contains("no ARC instance"));
    }

    @Test
    void arcSetsAreAssembledFromTheirThreeHeaders() {
        String msg = "ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=relay.example.net; s=arc1;\r\n"
                + "\tb=AAAA\r\n"
                + "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=relay.example.net; s=arc1;\r\n"
                + "\th=from:to:subject; bh=BBBB; b=CCCC\r\n"
                + "ARC-Authentication-Results: i=1; relay.example.net; dkim=pass header.d=example.com\r\n"
                + "ARC-Seal: i=99; cv=pass; d=x.example\r\n"
                + "From: a@example.com\r\n\r\nbody\r\n";

        Authenticity a = AuthenticityChecker.offline().check(TestEmails.email(msg), null);

        assertEquals(1, a.arcChain().size());
        ArcSet set = a.arcChain().get(0);
        assertEquals("relay.example.net", set.sealDomain());
        assertEquals("arc1", set.sealSelector());
        assertEquals("none", set.chainValidation());
        assertEquals(List.of("from", "to", "subject"), set.signedHeaders());
        assertEquals("relay.example.net", set.authServId());
        assertTrue(set.complete());
        assertEquals(1, a.authenticationResults().size());
        assertTrue(a.notes().stream().anyMatch(n -> n.startsWith("ARC-Seal #2")), a.notes()::toString);
    }

    @Test
    void receivedClausesInAnyOrderWithNestedComments() {
        Notes notes = new Notes();
        ReceivedHop h = ReceivedParser.parse("from relay.example.org (relay.example.org [192.0.2.5] (may be"
                + " forged)) by mx.example.net (Postfix) with ESMTPS id 4Qb7 for <a@example.net>;\r\n\t"
                + "Tue, 14 May 2024 09:12:41 +0200 (CEST)", "Received #1", notes);

        assertEquals("relay.example.org (relay.example.org [192.0.2.5] (may be forged))", h.from());
        assertEquals("mx.example.net (Postfix)", h.by());
        assertEquals("mx.example.net", h.byHost());
        assertEquals("ESMTPS", h.with());
        assertEquals(OffsetDateTime.parse("2024-05-14T09:12:41+02:00"), h.time());
        assertEquals(List.of(), notes.list());

        ReceivedHop reversed = ReceivedParser.parse("by mx.example.net with SMTP from relay.example.org; "
                + "14 May 2024 07:12:41 -0000", "Received #2", notes);
        assertEquals("relay.example.org", reversed.from());
        assertEquals("mx.example.net", reversed.by());
    }

    @Test
    void receivedWithABadDateOrNoDateIsKeptWithANote() {
        Notes notes = new Notes();
        ReceivedHop bad = ReceivedParser.parse("from a by b; Tue, 14 May 3609 09:12:41 +0200", "Received #1", notes);
        ReceivedHop none = ReceivedParser.parse("from a by b with SMTP", "Received #2", notes);
        ReceivedHop garbage = ReceivedParser.parse("from a by b; yesterday at noon", "Received #3", notes);

        assertNull(bad.time());
        assertEquals("b", bad.by());
        assertNull(none.time());
        assertNull(garbage.time());
        assertEquals(3, notes.list().size(), notes.list()::toString);
    }

    @Test
    void deliveryTimeFallsBackToTheNewestHopWithADate() {
        String msg = "Received: from mx.example.net by mbox.example.net; not a date\r\n"
                + "Received: from relay.example.org by mx.example.net; Tue, 14 May 2024 09:12:41 +0200\r\n"
                + "From: a@example.com\r\n\r\nbody\r\n";

        Authenticity a = AuthenticityChecker.offline().check(TestEmails.email(msg), null);

        assertEquals(2, a.receivedChain().size());
        assertEquals("mbox.example.net", a.deliveryHop().by());
        assertEquals(OffsetDateTime.parse("2024-05-14T09:12:41+02:00"), a.deliveredAt());
        assertTrue(a.notes().stream().anyMatch(n -> n.startsWith("delivery time taken from Received #2")),
                a.notes()::toString);
    }

    @Test
    void datesAsServersWriteThem() {
        assertEquals(OffsetDateTime.parse("2023-01-17T11:17:32+01:00"),
                MailDates.parse("Tue, 17 Jan 2023 11:17:32 +0100 (CET)"));
        assertEquals(OffsetDateTime.parse("2023-02-17T17:46:24Z"),
                MailDates.parse("Fri, 17 Feb 2023 17:46:24.500 +0000 (UTC)"));
        assertEquals(OffsetDateTime.parse("2023-11-28T04:09:16Z"),
                MailDates.parse("Tuesday, 28 November 2023 04:09:16 +0000"));
        assertEquals(OffsetDateTime.parse("2014-03-27T14:07:03-04:00"), MailDates.parse("27 Mar 2014 14:07:03 -0400"));
        assertEquals(OffsetDateTime.parse("2023-12-22T10:24:47Z"), MailDates.parse("Fri, 22 Dec 2023 10:24:47 GMT"));
        assertEquals(OffsetDateTime.parse("2019-09-05T13:44:10-07:00"),
                MailDates.parse("Thu,  5 Sep  2019 13:44:10 -0700 (PDT)"));
        assertEquals(OffsetDateTime.parse("2023-01-17T11:17:32-05:00"), MailDates.parse("17 Jan 2023 11:17:32 EST"));
        assertEquals(OffsetDateTime.parse("2026-03-23T21:27:14Z"),
                MailDates.parse("2026-03-23 21:27:14.778032727 +0000 UTC m=+1217493.710114259"));
        assertNull(MailDates.parse("Tue, 17 Jan 3609 11:17:32 +0100"));
        assertNull(MailDates.parse("(only a comment)"));
        assertNull(MailDates.parse(""));
    }

    @Test
    void rawMessageKeepsFoldingAndNormalisesBareLf() {
        RawMessage m = RawMessage.of("Subject: a\n\tb\nFrom: x@example.org\n\nline 1\nline 2\n"
                .getBytes(StandardCharsets.US_ASCII));

        assertTrue(m.normalised());
        assertEquals(List.of("Subject: a\r\n\tb", "From: x@example.org"), m.getFields());
        assertEquals(List.of("From: x@example.org"), m.getFields("FROM"));
        assertEquals("line 1\r\nline 2\r\n", new String(m.wire(), m.bodyStart(), m.bodyLength(),
                StandardCharsets.US_ASCII));
        assertEquals("a\tb", RawMessage.unfoldedValue(m.getFields().get(0)));

        RawMessage headersOnly = RawMessage.of("From: x@example.org\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("From: x@example.org"), headersOnly.getFields());
        assertEquals(0, headersOnly.bodyLength());
        assertFalse(headersOnly.normalised());
    }
}
