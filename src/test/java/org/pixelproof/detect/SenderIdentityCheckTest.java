package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSetLoader;

/** {@link SenderIdentityCheck}: impersonation is flagged, genuine senders are not. */
class SenderIdentityCheckTest {

    private static final Detector DETECTOR = new Detector(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);
    private static final String FIXTURES = "/org/pixelproof/detect/sender-identity/";

    /** @return the caveats of a fixture of {@code sender-identity/}, read as an upload is */
    static SenderIdentity senderOf(String fixture) {
        try (InputStream in = SenderIdentityCheckTest.class.getResourceAsStream(FIXTURES + fixture)) {
            assertTrue(in != null, "missing fixture " + fixture);
            ReceivedEmail e = new EmailParser(IngestLimits.DEFAULT).parse(in.readAllBytes(), fixture);
            return DETECTOR.detect(e, List.of()).sender();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void publicBodyImpersonationThroughAnUnrelatedDomainIsDoubtful() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Service Public FR <info+Agence-Nationale-Vacances@plateforme-logis.example>")
                .header("To", "alex.martin@example.org")
                .header("DKIM-Signature", "v=1; a=rsa-sha256; d=plateforme-logis.example; s=s1; bh=x; b=y")
                .html("""
                        <html><body><p>Vos Chèques-Vacances expirent.</p>
                        <p><a href="https://recuperer-mes-cheques.example/s3">Récupérer mes chèques</a></p>
                        <p>Agence Nationale pour les Chèques-Vacances, établissement public - www.agence-vacances.example
                        - Vos données personnelles sont traitées conformément au RGPD.</p></body></html>""").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, s.identityCaveats().get(0), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.LINKS_LEAD_ELSEWHERE));
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.FOOTER_DOMAIN_NOT_SENDER));
    }

    @Test
    void aFromNameWrittenWithLookAlikeGreekLettersIsDoubtfulOnItsOwn() {
        // "Αmazοn.fr" with a Greek capital alpha and a Greek omicron (header fields as decoded)
        String name = "\u0391maz\u03bfn.fr";
        ReceivedEmail e = TestEmails.message()
                .header("From", name + " <noreply@colis-suivi.example>")
                .header("To", "alex.martin@example.org")
                .html("""
                        <html><body><p>Votre colis attend.</p>
                        <p><a href="https://colis-suivi.example/r/8841">Suivre mon colis</a></p></body></html>""")
                .build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals(name, s.fromName(), "the name as written, look-alike letters kept");
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, SenderIdentityCheck.MIXED_SCRIPT_NAME),
                s.identityCaveats(), "links to the From domain itself: only the letters give it away");
    }

    @Test
    void aDisplayNameShowingAnotherAddressGivesTheRealAddressAndIsDoubtful() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "\"Ex Bank <service@bank.example>\" <news@attacker.example>")
                .header("To", "alex.martin@example.org")
                .html("""
                        <html><body><p>Votre compte est suspendu.</p>
                        <p><a href="https://attacker.example/login">Se connecter</a></p></body></html>""").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals("news@attacker.example", s.fromAddress(), s.toString());
        assertEquals("attacker.example", s.fromDomain());
        assertEquals("Ex Bank <service@bank.example>", s.fromName());
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, SenderIdentityCheck.NAME_IS_OTHER_ADDRESS),
                s.identityCaveats(), "links to the From domain itself: only the name gives it away");
    }

    @Test
    void anEncodedWordInPlaceOfTheFromAddressGivesNoAddressAndIsDoubtful() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Ex Bank <=?utf-8?q?service=40bank.example?=>")
                .header("To", "alex.martin@example.org")
                .header("DKIM-Signature", "v=1; a=rsa-sha256; d=attacker.example; s=s1; bh=x; b=y")
                .html("<html><body><p><a href=\"https://attacker.example/x\">Voir</a></p></body></html>").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals(null, s.fromAddress(), s.toString());
        assertEquals(null, s.fromDomain());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.FROM_AMBIGUOUS), s.identityCaveats().toString());
    }

    @Test
    void twoFromFieldsAreDoubtfulWhicheverComesFirst() {
        for (List<String> froms : List.of(List.of("Ex Bank <service@bank.example>", "Other <news@attacker.example>"),
                List.of("Other <news@attacker.example>", "Ex Bank <service@bank.example>"))) {
            TestEmails b = TestEmails.message();
            froms.forEach(f -> b.header("From", f));
            ReceivedEmail e = b.header("To", "alex.martin@example.org")
                    .html("<html><body><p>Bonjour</p></body></html>").build();
            SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
            assertEquals(froms.get(0).replaceAll(".*<|>", ""), s.fromAddress());
            assertTrue(s.identityCaveats().contains(SenderIdentityCheck.FROM_AMBIGUOUS), froms.toString());
        }
    }

    @Test
    void aMailerShowingItsOwnAddressAsItsNameIsNotDoubtful() {
        assertFalse(SenderIdentityCheck.nameIsOtherAddress("news@brand.example", "bounce@mail.brand.example"));
        assertTrue(SenderIdentityCheck.nameIsOtherAddress("help@care-wallet.example via Surveys",
                "member@surveys.example"));
        assertFalse(SenderIdentityCheck.nameIsOtherAddress("Brand", "a@b.example"));
    }

    @Test
    void aFromDomainMixingLatinAndCyrillicLettersIsDoubtfulOnItsOwn() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Service client <service@p\u0430ypal.example>") // Cyrillic a
                .header("To", "alex.martin@example.org")
                .html("<html><body><p><a href=\"https://p\u0430ypal.example/login\">Voir</a></p></body></html>").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.MIXED_SCRIPT_DOMAIN), s.toString());
        ReceivedEmail greek = TestEmails.message()
                .header("From", "\u0391\u03b8\u03ae\u03bd\u03b1 <info@\u03b1\u03b8\u03b7\u03bd\u03b1.example>")
                .header("To", "alex.martin@example.org")
                .html("<html><body><p><a href=\"https://\u03b1\u03b8\u03b7\u03bd\u03b1.example/\">x</a></p></body></html>")
                .build();
        assertFalse(DETECTOR.detect(greek, List.of()).sender().identityCaveats()
                .contains(SenderIdentityCheck.MIXED_SCRIPT_DOMAIN), "a label all in Greek is one script");
    }

    /** "Brume" in Mathematical Sans-Serif Bold, as the real phish 133 wrote "Verkade". */
    private static final String BOLD_BRUME = "\uD835\uDDD5\uD835\uDDFF\uD835\uDE02\uD835\uDDFA\uD835\uDDF2";
    /** "brume" in fullwidth letters (U+FF42...). */
    private static final String FULLWIDTH_BRUME = "\uFF42\uFF52\uFF55\uFF4D\uFF45";

    @Test
    void aFromDomainWrittenInMathematicalBoldLettersIsDoubtful() {
        // modelled on the real 133: DKIM d= the folded domain (not verifiable), SPF for an unrelated Return-Path,
        // tracked links and a pixel on a third host
        SenderIdentity s = senderOf("lookalike-from-domain-tester-fr.eml");
        assertEquals(BOLD_BRUME + ".example", s.fromDomain(), "the domain as written, not the one it imitates");
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, s.identityCaveats().get(0), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.FROM_DOMAIN_LOOKALIKE_CHARACTERS),
                s.identityCaveats().toString());
    }

    @Test
    void aFromDomainWrittenInFullwidthLettersIsDoubtful() throws IOException {
        String text;
        try (InputStream in = SenderIdentityCheckTest.class.getResourceAsStream(FIXTURES
                + "lookalike-from-domain-tester-fr.eml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(text.contains(BOLD_BRUME + ".example"), "the fixture has the bold domain");
        ReceivedEmail e = new EmailParser(IngestLimits.DEFAULT).parse(text.replace(BOLD_BRUME + ".example",
                FULLWIDTH_BRUME + ".example").getBytes(java.nio.charset.StandardCharsets.UTF_8), "fullwidth.eml");
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals(FULLWIDTH_BRUME + ".example", s.fromDomain());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.FROM_DOMAIN_LOOKALIKE_CHARACTERS),
                s.identityCaveats().toString());
    }

    @Test
    void aLookalikeFromDomainIsDoubtfulOnItsOwn() {
        // everything else agrees: the name is in the DKIM domain, the links lead there
        for (String domain : List.of(BOLD_BRUME + ".example", FULLWIDTH_BRUME + ".example",
                "\u24D1\u24E1\u24E4\u24DC\u24D4.example", "brume\uFF0Eexample")) {
            ReceivedEmail e = TestEmails.message()
                    .header("From", "Brume <noreply@" + domain + ">")
                    .header("To", "alex.martin@example.org")
                    .header("DKIM-Signature", "v=1; a=rsa-sha256; d=brume.example; s=s1; bh=x; b=y")
                    .html("<html><body><p><a href=\"https://www.brume.example/tablette\">Voir</a></p></body></html>")
                    .build();
            SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
            assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL,
                    SenderIdentityCheck.FROM_DOMAIN_LOOKALIKE_CHARACTERS), s.identityCaveats(), domain);
        }
    }

    @Test
    void aGenuineInternationalisedFromDomainIsNotDoubtful() {
        String cyrillic = "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444"; // пример.рф
        for (String domain : List.of("caf\u00E9-exemple.fr", "cafe\u0301-exemple.fr", cyrillic,
                "\u4F8B\u3048.jp", "xn--caf-exemple-dbb.fr")) {
            ReceivedEmail e = TestEmails.message()
                    .header("From", "Caf\u00E9 Exemple <bonjour@" + domain + ">")
                    .header("To", "alex.martin@example.org")
                    .html("<html><body><p><a href=\"https://" + domain + "/menu\">Le menu</a></p></body></html>")
                    .build();
            SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
            assertEquals(domain, s.fromDomain());
            assertEquals(List.of(), s.identityCaveats(), domain);
        }
    }

    @Test
    void anAddressInTheDisplayNameWrittenWithLookalikesCountsUnlessItIsTheFromDomainItself() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "\"noreply@" + BOLD_BRUME + ".example\" <news@envoi-suivi-services.example>")
                .header("To", "alex.martin@example.org")
                .html("<html><body><p><a href=\"https://envoi-suivi-services.example/r/1\">Voir</a></p></body></html>")
                .build();
        List<String> c = DETECTOR.detect(e, List.of()).sender().identityCaveats();
        assertTrue(c.contains(SenderIdentityCheck.FROM_DOMAIN_LOOKALIKE_CHARACTERS), c.toString());
        assertTrue(c.contains(SenderIdentityCheck.NAME_IS_OTHER_ADDRESS), c.toString());
        assertFalse(SenderIdentityCheck.lookalikeDomain(mailbox("news@" + BOLD_BRUME + ".example",
                "news@brume.example")), "a sender styling its own address in its name disguises nothing");
        assertFalse(SenderIdentityCheck.lookalikeDomain(mailbox(BOLD_BRUME + " Chocolat", "news@mailer.example")),
                "a styled brand name is no address");
        assertTrue(SenderIdentityCheck.lookalikeDomain(mailbox("Brume", "news@" + BOLD_BRUME + ".example")));
        assertFalse(SenderIdentityCheck.lookalikeDomain(mailbox("Brume", "news@brume.example")));
    }

    private static SenderIdentity mailbox(String name, String from) {
        return new SenderIdentity(from, name, Domains.domainOf(from), null, null, List.of(), List.of(), null, null,
                null, null, false, null, null, List.of(), List.of(), null);
    }

    @Test
    void aFromNameWithABidiControlIsDoubtfulOnItsOwn() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "PayPal \u202Eelpmaxe.live@swen <news@live.example>")
                .header("To", "alex.martin@example.org")
                .html("<html><body><p><a href=\"https://live.example/r/1\">Voir</a></p></body></html>").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, s.identityCaveats().get(0), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.BIDI_CONTROL_IN_NAME), s.toString());
        assertTrue(SenderIdentityCheck.bidiControl("a\u2067b") && SenderIdentityCheck.bidiControl("\u200Fx"));
        assertFalse(SenderIdentityCheck.bidiControl("\u05E9\u05DC\u05D5\u05DD Shop"), "Hebrew letters are no control");
        assertFalse(SenderIdentityCheck.bidiControl(null));
    }

    @Test
    void onlyAWordMixingLatinWithGreekOrCyrillicLettersIsAMixedScriptName() {
        assertTrue(SenderIdentityCheck.mixedScript("Ler\u03bfy Merlin")); // Greek omicron
        assertTrue(SenderIdentityCheck.mixedScript("\u0410\u0442\u0438\u043a\u043e\u0432a")); // Cyrillic, Latin a
        assertTrue(SenderIdentityCheck.mixedScript("La P\u043este")); // Cyrillic o
        assertFalse(SenderIdentityCheck.mixedScript("\u0391\u03b8\u03ae\u03bd\u03b1 Shop"), "one script per word");
        assertFalse(SenderIdentityCheck.mixedScript("\u042f\u043d\u0434\u0435\u043a\u0441.Market"),
                "the dot ends a word");
        assertFalse(SenderIdentityCheck.mixedScript("Caf\u00e9 Cr\u00e8me \u00c9ditions"));
        assertFalse(SenderIdentityCheck.mixedScript("Cafe\u0301"), "a combining accent is part of a Latin word");
        assertFalse(SenderIdentityCheck.mixedScript("\u0394\u0395\u0397 ENERGY"));
        assertFalse(SenderIdentityCheck.mixedScript(null));
    }

    @Test
    void genuineSenderLinkingToItsOwnSiteIsNotDoubtful() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Maison Aurel <news@news.maison-aurel.fr>")
                .header("To", "alex.martin@example.org")
                .html("""
                        <html><body><p><a href="https://www.maison-aurel.fr/hiver">La collection</a>
                        <a href="https://www.instagram.com/maisonaurel">Instagram</a></p>
                        <p>Maison Aurel SAS - www.maison-aurel.fr</p></body></html>""").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertTrue(s.identityCaveats().isEmpty(), s.identityCaveats() + " " + s.organisationName());
    }

    @Test
    void curatedLinksAloneAreNotDoubtful() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Oekoligenta <news@oekoligenta.de>")
                .header("To", "alex.martin@example.org")
                .html("""
                        <html><body><p><a href="https://oekoligenta.newsletter-host.net/lists/lt.php?tid=abc">Artikel</a>
                        <a href="https://presse-beispiel.de/artikel">Presse</a></p>
                        <p>Versendet mit www.newsletter-host.net</p></body></html>""").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertTrue(s.identityCaveats().isEmpty(), s.identityCaveats() + " " + s.organisationName());
    }

    @Test
    void nameMatchingIgnoresAccentsHyphensAndGenericWords() {
        assertTrue(SenderIdentityCheck.nameMatches("Ateliers Brunel SARL", Set.of("brunel-ateliers.fr"), null));
        assertTrue(SenderIdentityCheck.nameMatches("Service Public FR", Set.of("plateforme.example"), null));
        assertFalse(SenderIdentityCheck.nameMatches("Nocibé", Set.of("femmeactuelle-news.fr"), "info@ml.x"));
        assertTrue(SenderIdentityCheck.nameMatches("Le Courrier du Matin SA", Set.of("courrierdumatin.fr"), null));
    }

    // ------------------------------------------------------------------ From address whose @ is quoted

    @Test
    void aFromWhoseOnlyAtIsQuotedHasNoDomainAndACopiedCampaignIsDoubtful() {
        // a lure re-using a holiday park's campaign: pixel and privacy link copied, clicks to an unrelated host
        SenderIdentity s = senderOf("quoted-at-from-copied-campaign-nl.eml");
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, SenderIdentityCheck.LINKS_LEAD_ELSEWHERE,
                SenderIdentityCheck.FROM_ADDRESS_WITHOUT_DOMAIN, SenderIdentityCheck.NAME_NOT_IN_SENDER_DOMAINS,
                SenderIdentityCheck.FOOTER_DOMAIN_NOT_SENDER), s.identityCaveats(), s.toString());
    }

    @Test
    void aMailerQuotingItsOwnAddressWhoseLinksLeadHomeIsNotDoubtful() {
        SenderIdentity s = senderOf("quoted-own-address-links-home-fr.eml");
        assertTrue(s.identityCaveats().isEmpty(), s.identityCaveats() + " " + s);
    }

    @Test
    void onlyAnAtInsideAQuotedLocalPartWithNothingAfterItIsADomainlessFrom() {
        assertEquals("dennenhofparken.nl", quoted("Win! <\"5812@DennenhofParken.nl\">"));
        assertEquals("dennenhofparken.nl", quoted("\"5812@dennenhofparken.nl\""));
        assertEquals(null, quoted("\"news@maison-aurel.fr\" <news@maison-aurel.fr>"), "a quoted display name");
        assertEquals(null, quoted("Win <\"5812@dennenhofparken.nl\"@relay.example.com>"), "a domain after it");
        assertEquals(null, quoted("Maison Aurel <news@maison-aurel.fr>"));
        assertEquals(null, quoted("\"Aurel, Maison\" <news@maison-aurel.fr>"));
        assertEquals(null, quoted("<\"unterminated@x.fr>"), "not parsed: no claim");
    }

    private static String quoted(String from) {
        return SenderIdentityCheck.quotedFromDomain(TestEmails.message().header("From", from).build());
    }

    // ------------------------------------------------------------------ brand named in the From name

    @Test
    void aWalletBrandInTheFromNameOfAnotherServicesSignUpMailIsDoubtful() {
        // an account-activation mail of a club platform, whose account name the lure filled with a wallet's name
        SenderIdentity s = senderOf("brand-display-name-signup-abuse-fr.eml");
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL,
                SenderIdentityCheck.NAME_NOT_IN_SENDER_DOMAINS, SenderIdentityCheck.BRAND_NOT_SENDER),
                s.identityCaveats(), s.toString());
    }

    @Test
    void aBrandWithItsVocabularyFromAnUnrelatedDomainIsDoubtfulThoughEveryLinkIsOpaque() {
        // "Ripple Insights" <ripple@...>: the local part carries the name, the domain does not; links are the ESP's
        SenderIdentity s = senderOf("brand-display-name-opaque-esp-links-en.eml");
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, SenderIdentityCheck.BRAND_NOT_SENDER),
                s.identityCaveats(), s.toString());
    }

    @Test
    void aBrandNameThatIsACommonWordNeedsTheBrandsVocabulary() {
        SenderIdentity s = senderOf("common-word-newsletter-name-en.eml");
        assertTrue(s.identityCaveats().isEmpty(), s.identityCaveats() + " " + s);
    }

    @Test
    void aBrandWhoseLinksLeadToItsOwnDomainIsNotABrandMismatch() {
        // sent from an unrelated mailing domain, but linking to the brand's site: not this rule's case (the older
        // rule of links leading elsewhere judges it on its own terms)
        SenderIdentity s = senderOf("brand-via-esp-linking-to-brand-en.eml");
        assertFalse(s.identityCaveats().contains(SenderIdentityCheck.BRAND_NOT_SENDER), s.identityCaveats().toString());
    }

    @Test
    void aBrandSendingFromItsOwnDomainOrItsOwnersIsNotDoubtful() {
        for (String from : List.of("Trust Wallet <hello@trustwallet.com>", "Trust Wallet <news@mail.binance.com>",
                "LEDGER <info@news.ledger.com>", "N e t f l i x <info@members.netflix.com>")) {
            SenderIdentity s = DETECTOR.detect(recoveryPhraseMail(from), List.of()).sender();
            assertFalse(s.identityCaveats().contains(SenderIdentityCheck.BRAND_NOT_SENDER),
                    from + " " + s.identityCaveats());
        }
    }

    @Test
    void aDomainThatOnlyCarriesTheBrandsNameIsALookAlike() {
        // real 054: "LEDGER" <info@email-ledger.net>, signed and linked by that domain alone
        for (String from : List.of("LEDGER <info@email-ledger-news.com>", "Trust Wallet <support@trust-wallet.app>",
                "MetaMask <no-reply@metamask-secure.io>")) {
            SenderIdentity s = DETECTOR.detect(recoveryPhraseMail(from), List.of()).sender();
            assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, s.identityCaveats().get(0), from + " " + s);
            assertTrue(s.identityCaveats().contains(SenderIdentityCheck.BRAND_NOT_SENDER),
                    from + " " + s.identityCaveats());
        }
    }

    private static ReceivedEmail recoveryPhraseMail(String from) {
        return TestEmails.message().header("From", from).header("To", "alex.martin@example.org")
                .header("Subject", "Your recovery phrase and you")
                .html("<html><body><p>Never share your recovery phrase.</p>"
                        + "<p><a href=\"https://e.esp-clicks.example.com/c/Zx81mQv0Lp3TnRb7YcWk2HdJs5Ea\">Read</a>"
                        + "</p></body></html>").build();
    }

    @Test
    void aBrandSpelledOutLetterByLetterIsNamed() {
        // real 058: "N e t f l i x !" from an unrelated .click domain
        assertEquals(List.of("Netflix"), names("N e t f l i x !"));
        assertEquals(List.of("Ledger"), names("Support L E D G E R"));
        assertEquals(List.of(), names("N e t flix"), "a run of single letters only");
        assertEquals(List.of(), names("A B C Wallets"));
        SenderIdentity s = DETECTOR.detect(TestEmails.message()
                .header("From", "N e t f l i x ! <Kevin_68278@mail3.unrelated-shop.example>")
                .header("To", "alex.martin@example.org").header("Subject", "Por favor confirmar la recepcion")
                .html("<html><body><p>Su cuenta ha sido suspendida.</p>"
                        + "<p><a href=\"https://renew-account.example/x\">Actualizar</a></p></body></html>").build(),
                List.of()).sender();
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, s.identityCaveats().get(0), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.BRAND_NOT_SENDER), s.identityCaveats().toString());
    }

    @Test
    void aForgedSignatureABounceAddressOrOneGenuineLinkDoNotMakeTheBrandTheSender() {
        // adversarial trial: each of these cleared "Netflix" <info@netflix-billing-update.com> before
        String body = "<html><body><p>Votre abonnement Netflix a été suspendu.</p>"
                + "<p><a href=\"https://netflix-billing-update.com/login?u=alice.martin%40example.org\">Mettre à jour</a>"
                + "<img src=\"https://netflix-billing-update.com/o.gif?u=alice.martin%40example.org\" width=\"1\""
                + " height=\"1\"></p>{extra}<p><a href=\"https://netflix-billing-update.com/unsub\">Se désabonner</a>"
                + "</p></body></html>";
        List<ReceivedEmail> lures = List.of(
                lure().header("DKIM-Signature", "v=1; a=rsa-sha256; d=netflix.com; s=s1; h=from; bh=AAAA; b=AAAA")
                        .html(body.replace("{extra}", "")).build(),
                lure().header("Return-Path", "<bounce@netflix.com>").html(body.replace("{extra}", "")).build(),
                lure().html(body.replace("{extra}", "<p><a href=\"https://help.netflix.com/fr\">Aide</a></p>")).build());
        for (ReceivedEmail e : lures) {
            SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
            assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, s.identityCaveats().isEmpty() ? null
                    : s.identityCaveats().get(0), s.toString());
            assertTrue(s.identityCaveats().contains(SenderIdentityCheck.BRAND_NOT_SENDER), s.identityCaveats()
                    .toString());
        }
    }

    private static TestEmails lure() {
        return TestEmails.message().header("From", "Netflix <info@netflix-billing-update.com>")
                .header("To", "alice.martin@example.org").header("Subject", "Votre compte Netflix est suspendu");
    }

    @Test
    void lettersSpacedByDotsOrHyphensAreReadAsOneWordToo() {
        assertEquals(List.of("Netflix"), names("N-e-t-f-l-i-x"));
        assertEquals(List.of("Netflix"), names("N.e.t.f.l.i.x"));
        assertEquals(List.of("Netflix"), names("N·e·t·f·l·i·x"));
        assertEquals(List.of(), names("S.N.C.F. Voyageurs"));
    }

    @Test
    void anOrganisationNamingCpfInItsOwnNameIsNotTheStatesService() {
        // "éligible CPF" is ordinary wording for lawful training providers
        assertEquals(List.of(), names("Formations Dupont - éligible CPF"));
        assertEquals(List.of(), names("Dupont Formation CPF"));
        assertEquals(List.of("Mon Compte Formation (CPF)"), names("Mon compte CPF"));
        assertEquals(List.of("Mon Compte Formation (CPF)"), names("CPF - Alerte dossier 2026"));
        SenderIdentity s = DETECTOR.detect(TestEmails.message()
                .header("From", "Formations Dupont - éligible CPF <contact@formations-dupont.example>")
                .header("To", "alex.martin@example.org").header("Subject", "Formation")
                .html("<html><body><p>Des cours éligibles au CPF : utilisez vos droits sur votre compte formation.</p>"
                        + "<p><a href=\"https://www.formations-dupont.example/\">Voir</a></p></body></html>").build(),
                List.of()).sender();
        assertFalse(s.identityCaveats().contains(SenderIdentityCheck.BRAND_NOT_SENDER), s.identityCaveats().toString());
    }

    @Test
    void theStatesTrainingAccountIsNamedByItsNameOrByCpfWithItsVocabulary() {
        assertEquals(List.of("Mon Compte Formation"), names("Mon Compte Formation"));
        assertEquals(List.of("Mon Compte Formation (CPF)"), names("Service CPF"));
        ImpersonatedBrands.Brand cpf = ImpersonatedBrands.namedIn("Service CPF").get(0);
        assertTrue(ImpersonatedBrands.contextHolds(cpf, "verifiez vos droits cpf maintenant"));
        assertFalse(ImpersonatedBrands.contextHolds(cpf, "cpf annual report"));
        for (String from : List.of("Service CPF <info+Dossier@quotes-for-you.example>",
                "Mon Compte Formation <alerte@mcf-dossier.example>")) {
            SenderIdentity s = DETECTOR.detect(TestEmails.message().header("From", from)
                    .header("To", "alex.martin@example.org").header("Subject", "Vérifiez vos droits CPF maintenant")
                    .html("<html><body><p>Votre solde de formation expire le 31.</p>"
                            + "<p><a href=\"https://mes-droits-cpf.example/v\">Voir mes droits</a></p></body></html>")
                    .build(), List.of()).sender();
            assertTrue(s.identityCaveats().contains(SenderIdentityCheck.BRAND_NOT_SENDER),
                    from + " " + s.identityCaveats());
        }
        SenderIdentity genuine = DETECTOR.detect(TestEmails.message()
                .header("From", "Mon Compte Formation <ne-pas-repondre@moncompteformation.gouv.fr>")
                .header("To", "alex.martin@example.org").header("Subject", "Vos droits CPF")
                .html("<html><body><p>Votre solde de formation.</p></body></html>").build(), List.of()).sender();
        assertFalse(genuine.identityCaveats().contains(SenderIdentityCheck.BRAND_NOT_SENDER),
                genuine.identityCaveats().toString());
    }

    @Test
    void brandsAreNamedByWholeWordsOfTheFromName() {
        assertEquals(List.of("Trust Wallet"), names("TrustWallet APP"));
        assertEquals(List.of("Trust Wallet"), names("Trust-Wallet Support"));
        assertEquals(List.of("MetaMask"), names("help@care-metamask.com via SurveyMonkey"));
        assertEquals(List.of("Ledger"), names("Hiba from Ledger"));
        assertEquals(List.of(), names("Trustee Wallets Ltd"));
        assertEquals(List.of(), names("Rippled Paper Co"));
        assertEquals(List.of(), names(null));
        ImpersonatedBrands.Brand ripple = ImpersonatedBrands.namedIn("Ripple").get(0);
        assertTrue(ImpersonatedBrands.contextHolds(ripple, "claim your xrp now"));
        assertFalse(ImpersonatedBrands.contextHolds(ripple, "claim your xrpl node"), "whole words only");
        assertFalse(ImpersonatedBrands.contextHolds(ripple, "a garden newsletter"));
    }

    private static List<String> names(String from) {
        return ImpersonatedBrands.namedIn(from).stream().map(ImpersonatedBrands.Brand::name).toList();
    }

    // ------------------------------------------------------------------ organisation named, not tied to the sender

    /** A Klaviyo open pixel (a vendor of the shipped rules, as in mail sent through that ESP). */
    private static final String PIXEL = "<img src=\"https://ctrk.klclick1.com/o/01HZ8KQ4T0M5XW2B7RC9V1\""
            + " width=\"1\" height=\"1\" alt=\"\">";
    /** A Klaviyo click-tracking link, destination unknown offline. */
    private static final String ESP_LINK = "https://ctrk.klclick1.com/l/01HZ8KQ4T0M5XW2B7RC9V1_0";

    /** @return a mass mailing sent through an ESP with the given From and footer, a pixel and the links given */
    private static SenderIdentity massMail(String from, String footer, String... hrefs) {
        StringBuilder html = new StringBuilder("<html><body><p>Nos nouveautés de la saison.</p>");
        for (String h : hrefs) {
            html.append("<p><a href=\"").append(h).append("\">Voir</a></p>");
        }
        html.append("<p>").append(footer).append("</p>").append(PIXEL).append("</body></html>");
        ReceivedEmail e = TestEmails.message().header("From", from).header("To", "alex.martin@example.org")
                .header("List-Unsubscribe", "<https://manage.kmail-lists.com/subscriptions/unsubscribe?a=QX7T2P>")
                .html(html.toString()).build();
        return DETECTOR.detect(e, List.of()).sender();
    }

    @Test
    void aFooterOrganisationThatNothingInTheRoutingOrLinksNamesIsDoubtful() {
        // an invented brand (no list of brands involved): the footer names "Nimbrix SAS", the From local part carries
        // the brand, but the From domain, the ESP's shared DKIM and bounce domains, the unsubscribe host and every
        // link do not
        SenderIdentity s = senderOf("footer-organisation-unrelated-shared-esp-en.eml");
        assertEquals("Nimbrix SAS", s.organisationName(), s.toString());
        assertFalse(s.missing().contains("organisation-name"), "a footer legal name, which the dossier names");
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, SenderIdentityCheck.LINKS_LEAD_ELSEWHERE,
                SenderIdentityCheck.ORGANISATION_NOT_TIED_TO_SENDER), s.identityCaveats(), s.toString());
    }

    @Test
    void anUntiedFooterOrganisationIsDoubtfulOnItsOwnWhenEveryLinkIsTheEsps() {
        SenderIdentity s = massMail("\"Team Brisaleo\" <brisaleo@mailer-hub.com>",
                "&copy; 2024 Brisaleo SARL, 3 rue du Port, 44000 Nantes", ESP_LINK);
        assertEquals("Brisaleo SARL", s.organisationName(), s.toString());
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL,
                SenderIdentityCheck.ORGANISATION_NOT_TIED_TO_SENDER), s.identityCaveats(), s.toString());
    }

    @Test
    void aFooterOrganisationTiedToTheSendingOrLinkedHostsIsNotDoubtful() {
        // the From domain carries the name
        assertEquals(List.of(), massMail("Brisaleo <news@brisaleo.fr>",
                "&copy; 2024 Brisaleo SARL, 3 rue du Port, 44000 Nantes").identityCaveats());
        // a sub-brand's domain carrying a word of the legal name
        assertEquals(List.of(), massMail("La Lettre du Montclair <lettre@lettre-montclair.fr>",
                "Éditions du Montclair SAS, 4 place Carnot, 63000 Clermont-Ferrand").identityCaveats());
        // sent from an ESP's shared domain; the links lead to the organisation's own site
        assertEquals(List.of(), massMail("Atelier Verdon <atelier.verdon@send.mailer-hub.com>",
                "Atelier Verdon SARL, 12 quai des Arts, 04500 Riez", "https://www.atelier-verdon.fr/collection")
                .identityCaveats());
        // a link through the ESP's tracking host named after the customer's account
        assertEquals(List.of(), massMail("Nouvelles <news@mailer-hub.com>",
                "Brisaleo SARL, 3 rue du Port, 44000 Nantes",
                "https://brisaleo.us21.list-manage.com/track/click?u=4f1c9a7e&id=82b6d0c3&e=5a9e2c71d4").identityCaveats());
    }

    @Test
    void aLegalEntityNamedUnlikeItsBrandIsNotDoubtfulWhenTheDisplayNameIsTied() {
        // the brand's display name and domain agree; the footer gives the legal entity behind the brand
        SenderIdentity s = massMail("Pixora <notification@mail.pixora.com>",
                "&copy; 2024 Nuvelia Platforms Ireland Limited, 4 Grand Canal Square, Dublin 2, Ireland",
                "https://www.pixora.com/settings");
        assertEquals("Nuvelia Platforms Ireland Limited", s.organisationName(), s.toString());
        assertEquals(List.of(), s.identityCaveats(), s.toString());
    }

    @Test
    void aDisplayNameRepeatingTheUntiedNameDoesNotVouchForIt() {
        // "Nimbrix" is tied to nothing; "wallet" of the display name is inside the sender's own domain
        SenderIdentity s = massMail("\"Nimbrix Wallet\" <alerts@wallet-secure.example>",
                "&copy; 2024 Nimbrix SAS, 1 rue du Mail, 75002 Paris", ESP_LINK);
        assertEquals("Nimbrix SAS", s.organisationName(), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.ORGANISATION_NOT_TIED_TO_SENDER),
                s.toString());
        assertTrue(OrganisationTie.shareAWord("Nîmbrix Holding SAS", "NIMBRIX Wallet"), "accents and case aside");
        assertFalse(OrganisationTie.shareAWord("DB Fernverkehr AG", "DB Bahn"), "a short word is no claim");
        assertFalse(OrganisationTie.shareAWord("Service Client SAS", "Service Nimbrix"), "nor a generic word");
    }

    @Test
    void aPersonsMessageSignedWithTheirFirmFromAFreeMailAddressIsNotDoubtful() {
        // no tracker but a read-receipt request, no List-Unsubscribe: correspondence, which names no controller of
        // any tracking
        ReceivedEmail e = TestEmails.message().header("From", "Marc Dubreuil <marc.dubreuil@gmail.com>")
                .header("To", "alex.martin@example.org")
                .header("Disposition-Notification-To", "marc.dubreuil@gmail.com")
                .html("""
                        <html><body><p>Bonjour, voici le devis promis.</p>
                        <p>Marc Dubreuil<br>Cabinet Orvande Conseil SARL, 5 rue Basse, 21000 Dijon</p></body></html>""")
                .build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals("Cabinet Orvande Conseil SARL", s.organisationName(), s.toString());
        assertEquals(List.of(), s.identityCaveats(), s.toString());
    }

    @Test
    void aNameWithoutAWordToCompareMakesNoClaim() {
        assertEquals(List.of(), massMail("Brisaleo <news@mailer-hub.com>", "B AG, Hauptstraße 3, 10115 Berlin")
                .identityCaveats());
    }

    // ---------------------------------------------- two organisations claim the message, the sender is neither

    @Test
    void aCopiedCampaignResentUnderAnotherOrganisationsNameIsDoubtful() {
        // modelled on a real FTX phish reusing a Marketo e-mail (invented names): the copy keeps the brand's tracked
        // links and writes its web address, so the footer name is tied through the links and the links lead to a
        // domain written in the text; the From display name names another organisation, the From domain neither
        SenderIdentity s = senderOf("two-organisations-copied-campaign-en.eml");
        assertEquals("Talvenport Capital, LLC", s.organisationName(), s.toString());
        assertEquals("quillbright.tech", s.fromDomain(), s.toString());
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL,
                s.identityCaveats().isEmpty() ? null : s.identityCaveats().get(0), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.TWO_ORGANISATIONS_NEITHER_SENDER), s.toString());
        assertFalse(s.identityCaveats().contains(SenderIdentityCheck.ORGANISATION_NOT_TIED_TO_SENDER),
                "the copied links tie the footer name: " + s);
        assertFalse(s.identityCaveats().contains(SenderIdentityCheck.LINKS_LEAD_ELSEWHERE),
                "the links lead to domains the copied text writes: " + s);
    }

    @Test
    void anOrganisationsNameOverAnotherFooterFromAThirdDomainIsDoubtfulOnItsOwn() {
        // the copied footer writes its site, and the links go there: the links do not lead elsewhere, and the name
        // matching no sender domain is not enough alone
        SenderIdentity s = massMail("Norvexa Exchange Ltd <alerts@quillbright.tech>",
                "&copy; 2024 Brisaleo SARL, 3 rue du Port, 44000 Nantes, www.brisaleo.fr",
                "https://www.brisaleo.fr/collection");
        assertEquals("Brisaleo SARL", s.organisationName(), s.toString());
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL,
                SenderIdentityCheck.NAME_NOT_IN_SENDER_DOMAINS, SenderIdentityCheck.TWO_ORGANISATIONS_NEITHER_SENDER),
                s.identityCaveats(), s.toString());
    }

    @Test
    void twoNamesOfOneOrganisationOrANameOfTheSendersDomainAreNotTwoOrganisations() {
        String footer = "&copy; 2024 Brisaleo SARL, 3 rue du Port, 44000 Nantes, www.brisaleo.fr";
        String site = "https://www.brisaleo.fr/collection";
        // an agency sending for its client from its own domain: the display name is the From domain's
        assertEquals(List.of(), massMail("Agence Lumio SAS <news@agence-lumio.fr>", footer, site).identityCaveats());
        // the footer name is the From domain's
        assertEquals(List.of(), massMail("Norvexa Exchange Ltd <news@brisaleo.fr>", footer).identityCaveats());
        // a subsidiary and its parent share a word, even from an unrelated domain
        assertFalse(massMail("Brisaleo Europe Ltd <alerts@quillbright.tech>", footer, site).identityCaveats()
                .contains(SenderIdentityCheck.TWO_ORGANISATIONS_NEITHER_SENDER));
        // a display name without a legal form names a brand or a person, not an organisation (left to the other
        // reasons, none of which holds here)
        assertEquals(List.of(), massMail("Norvexa Exchange <alerts@quillbright.tech>", footer, site)
                .identityCaveats());
        // initials of the other's words are one organisation's
        assertTrue(OrganisationTie.mayBeOneOrganisation("EDF SA", "Électricité de France SA"));
        assertTrue(OrganisationTie.mayBeOneOrganisation("FTX Ltd", "FTX Trading, LLC"), "a three-letter word");
        assertFalse(OrganisationTie.mayBeOneOrganisation("FTX Trading Ltd", "Grayscale Investments, LLC"));
        assertFalse(OrganisationTie.mayBeOneOrganisation("Service Client SAS", "Service Norvexa Ltd"),
                "a generic word is no claim");
    }

    @Test
    void aPersonForwardingAnotherOrganisationsMailIsNotTwoOrganisations() {
        // no tracker but a read-receipt request, no List-Unsubscribe: correspondence
        ReceivedEmail e = TestEmails.message().header("From", "Orvande Conseil SARL <contact@orvande.example>")
                .header("To", "alex.martin@example.org")
                .header("Disposition-Notification-To", "contact@orvande.example")
                .html("""
                        <html><body><p>Bonjour, voici le message de notre fournisseur.</p>
                        <p>&copy; 2024 Brisaleo SARL, 3 rue du Port, 44000 Nantes</p></body></html>""")
                .build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertFalse(s.identityCaveats().contains(SenderIdentityCheck.TWO_ORGANISATIONS_NEITHER_SENDER),
                s.toString());
    }

    @Test
    void onlyALegalFormEndingANameAfterAWordMakesItAnOrganisations() {
        for (String n : new String[] {"FTX Trading Ltd", "Norvexa Exchange Ltd.", "Brisaleo SARL", "Acme, Inc.",
                "Velden GmbH & Co. KG", "\"Norvexa B.V.\"", "Talvenport Capital, LLC"}) {
            assertTrue(SenderIdentityCheck.endsWithLegalForm(n), n);
        }
        for (String n : new String[] {"SAS", "Ltd Offers Weekly", "Marie Dupont", "Norvexa", "GmbH Newsletter",
                "sas brisaleo"}) {
            assertFalse(SenderIdentityCheck.endsWithLegalForm(n), n);
        }
    }

    @Test
    void theTwoOrganisationsReasonIsWordedInBothLanguages() {
        for (java.util.Locale l : List.of(java.util.Locale.FRENCH, java.util.Locale.ENGLISH)) {
            String label = DetectLabels.label(SenderIdentityCheck.TWO_ORGANISATIONS_NEITHER_SENDER, l);
            assertTrue(label != null && !label.contains("TWO_ORGANISATIONS"), l + ": " + label);
        }
        String fr = DetectLabels.label(SenderIdentityCheck.TWO_ORGANISATIONS_NEITHER_SENDER, java.util.Locale.FRENCH);
        assertTrue(fr.contains("organismes"), fr);
        assertFalse(fr.matches("(?s).* [:;!?].*"), "French: a no-break space before : ; ! ?: " + fr);
    }

    // ---------------------------------------------------------------- deceptive link text, Reply-To at a public mailbox

    /** A refund phish modelled on a health insurer's (invented names): link text on its domain, href on a look-alike. */
    private static final String REFUND_PHISH = "refund-phish-lookalike-link-fr.eml";

    static String fixtureText(String fixture) {
        try (InputStream in = SenderIdentityCheckTest.class.getResourceAsStream(FIXTURES + fixture)) {
            assertTrue(in != null, "missing fixture " + fixture);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Detector.Detection detectText(String text) {
        ReceivedEmail e = new EmailParser(IngestLimits.DEFAULT).parse(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "m.eml");
        return DETECTOR.detectWithTexts(e, List.of());
    }

    private static String withoutLine(String text, String prefix) {
        return text.lines().filter(l -> !l.startsWith(prefix)).collect(java.util.stream.Collectors.joining("\n"))
                + "\n";
    }

    @Test
    void aLinkShowingTheBrandsAddressButLeadingToALookAlikeIsDoubtful() {
        // its Authentication-Results lies below the only Received field: detect never reads it, and it is not
        // trusted anyway; the link and the Reply-To give the message away
        SenderIdentity s = detectText(fixtureText(REFUND_PHISH)).findings().sender();
        List<String> c = s.identityCaveats();
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, c.isEmpty() ? null : c.get(0), s.toString());
        assertTrue(c.contains(SenderIdentityCheck.DECEPTIVE_LINK_TEXT), c.toString());
        assertTrue(c.contains(SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX), c.toString());
        assertFalse(c.contains(SenderIdentityCheck.LINKS_LEAD_ELSEWHERE), "the look-alike is the Return-Path's");
    }

    @Test
    void theDeceptiveLinkIsEnoughOnItsOwn() {
        String text = withoutLine(withoutLine(fixtureText(REFUND_PHISH), "Reply-To:"), "Authentication-Results:");
        List<String> c = detectText(text).findings().sender().identityCaveats();
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, c.isEmpty() ? null : c.get(0), c.toString());
        assertTrue(c.contains(SenderIdentityCheck.DECEPTIVE_LINK_TEXT), c.toString());
        assertFalse(c.contains(SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX), c.toString());
    }

    @Test
    void aReplyToAtAPublicMailboxOnlySupportsOtherSigns() {
        // the same message with a plain link text: only the Reply-To remains, common in genuine mail (a creator's
        // newsletter answered at their own gmail.com address)
        String text = fixtureText(REFUND_PHISH).replace(">https://www.caisse-santeplus.fr/adherent/remboursements<",
                ">Recevoir mon remboursement<");
        Detector.Detection d = detectText(text);
        assertEquals(List.of(), d.findings().sender().identityCaveats(), d.findings().sender().toString());
        assertEquals(List.of(SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX), d.identitySupport());
    }

    @Test
    void linkTextsThatShowWhereTheLinkLeadsAreNotDeceptive() {
        String safeLinks = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.brand-test.fr%2Fcgv"
                + "&amp;data=05%7C02%7Clea%40example.org%7C0a1b%7C0%7C0%7C6380&amp;sdata=AbCd%3D&amp;reserved=0";
        ReceivedEmail e = TestEmails.message().header("From", "Brand Test <news@brand-test.fr>")
                .header("To", "lea.martin@example.org")
                .html("""
                        <html><body><p>Nos soldes commencent.</p>
                        <p><a href="https://www.brand-test.fr/soldes">https://www.brand-test.fr/soldes</a></p>
                        <p><a href="https://click.brand-test.fr/c/9f8e7d6c5b4a">www.brand-test.fr</a></p>
                        <p><a href="https://brandtest.us3.list-manage.com/track/click?u=4f2a9c1b&amp;id=8d7e6f&amp;e=1a2b3c"
                        >www.brand-test.fr/nouveautes</a></p>
                        <p><a href="https://r.esp-inconnu.fr/r?url=https%3A%2F%2Fwww.brand-test.fr%2Fcadeaux">\
                        brand-test.fr/cadeaux</a></p>
                        <p><a href="https://www.brand-test.com/be">www.brand-test.be</a></p>
                        <p><a href="https://click.brand-test.fr/r?url=https%3A%2F%2Fwww.atelier-partenaire.de%2F"
                        >www.brand-test.fr/partenaires</a></p>
                        <p><a href="https://forge.example.org/brand/site/blob/main/README.md">README.md</a></p>
                        <p><a href="%s">https://www.brand-test.fr/cgv</a></p>
                        </body></html>""".replace("%s", safeLinks)).build();
        Detector.Detection d = DETECTOR.detectWithTexts(e, List.of());
        assertEquals(List.of(), d.findings().sender().identityCaveats(), d.findings().sender().toString());
        assertEquals(List.of(), d.identitySupport());
    }

    @Test
    void aWrappedLinkIsJudgedByTheAddressItWraps() {
        String wrapped = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fbrand-test-verif.top%2Fv"
                + "&amp;data=05%7C02%7Clea%40example.org%7C0a1b%7C0%7C0%7C6380&amp;sdata=AbCd%3D&amp;reserved=0";
        ReceivedEmail e = TestEmails.message().header("From", "Brand Test <news@brand-test.fr>")
                .header("To", "lea.martin@example.org")
                .html("<html><body><p>Votre compte expire.</p><p><a href=\"" + wrapped
                        + "\">https://www.brand-test.fr/compte</a></p></body></html>").build();
        List<String> c = DETECTOR.detect(e, List.of()).sender().identityCaveats();
        // the look-alike carries the brand's name: links do not "lead elsewhere", the link text gives it away
        assertEquals(List.of(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, SenderIdentityCheck.DECEPTIVE_LINK_TEXT), c);
    }

    @Test
    void onlyAWholeWebAddressIsReadAsTheShownDomain() {
        assertEquals("brand-test.fr", SenderIdentityCheck.shownDomain("https://www.brand-test.fr/a?b=c"));
        assertEquals("brand-test.co.uk", SenderIdentityCheck.shownDomain(" www.Brand-Test.co.uk. "));
        assertEquals("brand-test.fr", SenderIdentityCheck.shownDomain("« brand-test.fr »"));
        assertEquals("brand-test.fr", SenderIdentityCheck.shownDomain("http://brand-test.fr:8080/x"));
        assertEquals(null, SenderIdentityCheck.shownDomain("README.md"), "a file name");
        assertEquals("readme.md", SenderIdentityCheck.shownDomain("www.readme.md"), "a web address all the same");
        assertEquals(null, SenderIdentityCheck.shownDomain("Cliquez ici : www.brand-test.fr"), "not the whole text");
        assertEquals(null, SenderIdentityCheck.shownDomain("contact@brand-test.fr"), "an e-mail address");
        assertEquals(null, SenderIdentityCheck.shownDomain("www.brand-test.invalid"), "no public suffix");
        assertEquals(null, SenderIdentityCheck.shownDomain("Node.js"));
        assertEquals(null, SenderIdentityCheck.shownDomain("192.0.2.7"));
        assertTrue(SenderIdentityCheck.related("brand-test.fr", "brandtest.com"));
        assertFalse(SenderIdentityCheck.related("brand-test.fr", "brand-test-verif.top"));
    }

    @Test
    void aReplyToAtAPublicMailboxCountsOnlyWhenTheFromIsAnOrganisations() {
        assertTrue(SenderIdentityCheck.replyToPublicMailbox(reply("news@brand-test.fr", "brand.test@gmail.com")));
        assertTrue(SenderIdentityCheck.replyToPublicMailbox(reply("news@brand-test.fr", "x@yahoo.com.mx")),
                "a provider's country domain");
        assertFalse(SenderIdentityCheck.replyToPublicMailbox(reply("lea@gmail.com", "lea.pro@outlook.fr")));
        assertFalse(SenderIdentityCheck.replyToPublicMailbox(reply("news@brand-test.fr", "info@brand-test.fr")));
        assertFalse(SenderIdentityCheck.replyToPublicMailbox(reply("news@brand-test.fr", null)));
        assertFalse(PublicMailboxProviders.isPublic("news.gmail.com"), "a subdomain is no mailbox domain");
    }

    private static SenderIdentity reply(String from, String replyTo) {
        return new SenderIdentity(from, null, Domains.domainOf(from), replyTo, null, List.of(), List.of(), null, null,
                null, null, false, null, null, List.of(), List.of(), null);
    }

    @Test
    void theReceivingServersAuthenticationVerdictCompletesTheCaveats() {
        String failed = SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED;
        String weak = SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED;
        String doubtful = SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL;
        assertEquals(List.of(doubtful, failed), SenderIdentityCheck.withAuthentication(List.of(), List.of(), failed));
        assertEquals(List.of(), SenderIdentityCheck.withAuthentication(List.of(), List.of(), weak), "weak alone");
        assertEquals(List.of(doubtful, SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX, weak),
                SenderIdentityCheck.withAuthentication(List.of(), List.of(SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX),
                        weak));
        assertEquals(List.of(doubtful, SenderIdentityCheck.LINKS_LEAD_ELSEWHERE,
                SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST),
                SenderIdentityCheck.withAuthentication(List.of(), List.of(SenderIdentityCheck.LINKS_LEAD_ELSEWHERE),
                        SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST));
        List<String> already = List.of(doubtful, SenderIdentityCheck.DECEPTIVE_LINK_TEXT);
        assertEquals(List.of(doubtful, SenderIdentityCheck.DECEPTIVE_LINK_TEXT, weak),
                SenderIdentityCheck.withAuthentication(already, List.of(), weak));
        assertEquals(already, SenderIdentityCheck.withAuthentication(already, List.of(), null));
    }
}
