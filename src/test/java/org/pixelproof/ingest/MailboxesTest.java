package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Mailboxes}: the From address is read per RFC 5322, never from what a display name shows. */
class MailboxesTest {

    private static Mailboxes.Mailbox only(String raw) {
        Mailboxes.Reading r = Mailboxes.read(raw);
        assertEquals(1, r.mailboxes().size(), raw + " -> " + r);
        assertNull(r.problem(), raw + " -> " + r);
        return r.first();
    }

    @Test
    void aQuotedNameHoldingAnAngleAddressIsOnlyAName() {
        Mailboxes.Mailbox m = only("\"Ex Bank <service@bank.example>\" <news@attacker.example>");
        assertEquals("news@attacker.example", m.address());
        assertEquals("Ex Bank <service@bank.example>", m.displayName());
        assertEquals("\"Ex Bank <service@bank.example>\" <news@attacker.example>", Mailboxes.format(m));
    }

    @Test
    void quotedNamesWithAtSignsCommasAndEscapedQuotes() {
        assertEquals("service@bank.example", only("\"service@bank.example\" <news@attacker.example>").displayName());
        Mailboxes.Mailbox comma = only("\"Dupont, Jeanne\" <jeanne@example.org>");
        assertEquals("Dupont, Jeanne", comma.displayName());
        assertEquals("jeanne@example.org", comma.address());
        Mailboxes.Mailbox esc = only("\"The \\\"Best\\\" Shop\" <shop@example.com>");
        assertEquals("The \"Best\" Shop", esc.displayName());
        assertEquals("\"The \\\"Best\\\" Shop\" <shop@example.com>", Mailboxes.format(esc));
        assertEquals("Name With @ at", only("Name With @ at <a@b.example>").displayName());
    }

    @Test
    void anEncodedNameIsDecodedButNeverTakenForTheAddress() {
        Mailboxes.Mailbox m = only("=?utf-8?q?Ex_Bank_=3Cservice=40bank=2Eexample=3E?= <news@attacker.example>");
        assertEquals("news@attacker.example", m.address());
        assertEquals("Ex Bank <service@bank.example>", m.displayName());
        assertEquals("news@attacker.example",
                only("\"=?utf-8?q?Ex_Bank_=3Cservice=40bank=2Eexample=3E?=\" <news@attacker.example>").address());
        assertEquals("Rénovation", only("R=?UTF-8?B?w6lub3ZhdGlvbg==?= <a@b.example>").displayName(),
                "an encoded word inside a word, as bulk mailers write it");
    }

    @Test
    void anEncodedWordInPlaceOfTheAddressIsNoAddress() {
        Mailboxes.Reading r = Mailboxes.read("Ex Bank <=?utf-8?q?service=40bank.example?=>");
        assertTrue(r.mailboxes().isEmpty(), r.toString());
        assertTrue(r.problem().contains("RFC 2047 section 5"), r.problem());
    }

    @Test
    void commentsGroupsRoutesAndBareAddresses() {
        Mailboxes.Mailbox c = only("news@attacker.example (service@bank.example)");
        assertEquals("news@attacker.example", c.address());
        assertEquals("service@bank.example", c.displayName(), "the comment, as mail programs show it");
        assertEquals("a@b.example", only("Brand (the shop) <a@b.example> (trailing)").address());
        assertEquals("news@attacker.example", only("Ex Bank <@bank.example:news@attacker.example>").address(),
                "an obsolete route is not the address");
        Mailboxes.Reading g = Mailboxes.read("Team: a@b.example, Carl <c@d.example>;");
        assertEquals(List.of("a@b.example", "c@d.example"), g.mailboxes().stream().map(Mailboxes.Mailbox::address)
                .toList());
        Mailboxes.Reading empty = Mailboxes.read("Undisclosed recipients:;");
        assertTrue(empty.mailboxes().isEmpty());
        assertNotNull(empty.problem());
        assertEquals("jean@example.org", only("jean@example.org").address());
        assertEquals("\"63409624@brand.example\"", only("<\"63409624@brand.example\">").address(),
                "a whole address in quotes is kept for the detector to judge");
    }

    @Test
    void missingOrBrokenAddressesAreProblemsNotGuesses() {
        for (String raw : List.of("Ex Bank", "{{ sender }}", "Ex Bank <a@b.example", "<>", "")) {
            Mailboxes.Reading r = Mailboxes.read(raw);
            assertTrue(r.mailboxes().isEmpty(), raw + " -> " + r);
            assertNotNull(r.problem(), raw);
        }
        Mailboxes.Reading nul = Mailboxes.read("Ex Bank <service@bank.example>\u0000 <news@attacker.example>");
        assertEquals(2, nul.mailboxes().size(), nul.toString());
        assertNotNull(nul.problem());
    }

    @Test
    void realWorldUnquotedCommasAndRepeatedAddressesStayOneMailbox() {
        Mailboxes.Mailbox m = only("\"Boutique\", <info@ml.shop-news.example>");
        assertEquals("Boutique", m.displayName());
        assertEquals("Poste Exemple, Poste Exemple", only("Poste Exemple, Poste Exemple, <a@b.example>").displayName());
        Mailboxes.Mailbox twice = only("Message de Brand, <x@services.brand.example.>, Message de\r\n Brand,"
                + " <x@services.brand.example>");
        assertEquals("x@services.brand.example.", twice.address());
        assertEquals("Message de Brand", twice.displayName());
        Mailboxes.Reading two = Mailboxes.read("service@bank.example, news@attacker.example");
        assertEquals(2, two.mailboxes().size(), "two authors are two mailboxes");
    }

    private static ReceivedEmail parse(String headers) {
        String eml = headers + "To: alex@example.org\r\nSubject: t\r\nDate: Mon, 16 Nov 2026 10:00:00 +0000\r\n"
                + "Content-Type: text/plain\r\n\r\nHello\r\n";
        return new EmailParser(IngestLimits.DEFAULT).parse(eml.getBytes(StandardCharsets.UTF_8), "t.eml");
    }

    private static boolean has(ReceivedEmail e, AnomalyCode code) {
        return e.anomalies().stream().anyMatch(a -> a.code() == code);
    }

    @Test
    void duplicateAndUnreadableFromAreAnomalies() {
        ReceivedEmail two = parse("From: Ex Bank <service@bank.example>\r\nFrom: Other <news@attacker.example>\r\n");
        assertTrue(has(two, AnomalyCode.DUPLICATE_HEADER), two.anomalies().toString());
        Mailboxes.FromField f = Mailboxes.from(two.headers());
        assertEquals(2, f.fieldCount());
        assertTrue(f.ambiguous());
        ReceivedEmail enc = parse("From: Ex Bank <=?utf-8?q?service=40bank.example?=>\r\n");
        assertTrue(has(enc, AnomalyCode.BAD_ADDRESS), enc.anomalies().toString());
        assertNull(Mailboxes.from(enc.headers()).author());
        ReceivedEmail ok = parse("From: \"Ex Bank <service@bank.example>\" <news@attacker.example>\r\n");
        assertFalse(has(ok, AnomalyCode.BAD_ADDRESS) || has(ok, AnomalyCode.DUPLICATE_HEADER),
                ok.anomalies().toString());
        assertFalse(Mailboxes.from(ok.headers()).ambiguous());
        assertEquals("news@attacker.example", Mailboxes.from(ok.headers()).author().address());
    }

    @Test
    void theFromOfOneUnchangeableHeaderListIsReadOnceAndAChangeableListEveryTime() {
        ReceivedEmail a = parse("From: Ex Bank <service@bank.example>\r\n");
        ReceivedEmail b = parse("From: Other <news@other.example>\r\n");
        Mailboxes.FromField first = Mailboxes.from(a.headers());
        assertSame(first, Mailboxes.from(a.headers()), "the same e-mail's From is remembered");
        assertEquals("news@other.example", Mailboxes.from(b.headers()).author().address());
        assertEquals("service@bank.example", Mailboxes.from(a.headers()).author().address());
        List<Header> changing = new ArrayList<>(a.headers());
        assertEquals("service@bank.example", Mailboxes.from(changing).author().address());
        changing.removeIf(h -> h.is("From"));
        changing.addAll(b.headers().stream().filter(h -> h.is("From")).toList());
        assertEquals("news@other.example", Mailboxes.from(changing).author().address(),
                "a list that can change is read again");
    }

    @Test
    void bidiControlsAreSpelledOutAndLookAlikeDomainsGetTheirAsciiForm() {
        assertEquals("Ex Bank [U+202E] <a@b.example>", BidiControls.reveal("Ex Bank \u202E <a@b.example>"));
        assertEquals("[U+2066][U+200F][U+061C]", BidiControls.reveal("\u2066\u200F\u061C"));
        assertEquals("plain", BidiControls.reveal("plain"));
        assertEquals("service@b\u0430nk.example (ASCII: xn--bnk-6cd.example)",
                BidiControls.revealWithAsciiDomains("service@b\u0430nk.example"));
        assertEquals("Caf\u00e9 <a@b.example>", BidiControls.revealWithAsciiDomains("Caf\u00e9 <a@b.example>"));
        // a look-alike written in mathematical bold or fullwidth letters is not shown as the domain it imitates
        String bold = "\uD835\uDDD5\uD835\uDDFF\uD835\uDE02\uD835\uDDFA\uD835\uDDF2.example"; // Brume
        assertEquals("a@" + bold + " (ASCII: [U+1D5D5][U+1D5FF][U+1D602][U+1D5FA][U+1D5F2].example)",
                BidiControls.revealWithAsciiDomains("a@" + bold));
        assertEquals("a@\uFF42rume.example (ASCII: [U+FF42]rume.example)",
                BidiControls.revealWithAsciiDomains("a@\uFF42rume.example"));
        assertEquals("a@caf\u00e9-exemple.fr (ASCII: xn--caf-exemple-dbb.fr)",
                BidiControls.revealWithAsciiDomains("a@caf\u00e9-exemple.fr"));
        // the note follows the domain it is about, not the end of the line (a display name that looks like a domain)
        assertEquals("\"\u0391maz\u03bfn.fr (ASCII: xn--mazn-zld1g.fr)\" <noreply@alsom.example>",
                BidiControls.revealWithAsciiDomains("\"\u0391maz\u03bfn.fr\" <noreply@alsom.example>"));
    }
}
