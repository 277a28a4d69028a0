package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.ReceivedEmail;

class SenderIdentifierTest {
    private final SenderIdentifier identifier = new SenderIdentifier(MarkerTestRules.ruleSet());

    private SenderIdentity identify(ReceivedEmail e) {
        return identifier.identify(e, TestEmails.parsed(e));
    }

    private static List<String> values(SenderIdentity s, String field) {
        return s.clues().stream().filter(c -> c.field().equals(field)).map(SenderClue::value)
                .collect(Collectors.toList());
    }

    @Test
    void aCapitalisedArticleThatStartsTheRegisteredNameIsKept() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "\"Le Courrier du Matin\" <newsletter@courrierdumatin.example>")
                .html("""
                        <html><body><p>La matinale.</p><p style="font-size:11px">
                        Le Courrier du Matin SA - 24 rue du Louvre, 75001 Paris - RCS Paris 842 390 114.<br>
                        Une lettre de L'Atelier Numérique SAS.</p></body></html>""").build();
        SenderIdentity s = identify(e);
        assertEquals("Le Courrier du Matin SA", s.organisationName());
        assertTrue(values(s, "organisation-name").contains("L'Atelier Numérique SAS"), s.clues().toString());
    }

    @Test
    void aLinkLabelOrASentenceBeforeTheNameIsNotPartOfItAndGermanPartnershipFormsAreWhole() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "\"Gummiwerk\" <news@gummiwerk-beispiel.de>")
                .html("""
                        <html><body><p>Neue Sorten im Shop.</p><p style="font-size:11px">
                        Keine E-Mails mehr? <a href="https://esp.example.net/u/1">Abmelden</a>. Gummiwerk Beispiel
                        GmbH + Co. KG (GUMMIWERK) Musterstraße 53-57 46446 Emmerich am Rhein</p></body></html>""")
                .build();
        SenderIdentity s = identify(e);
        assertEquals("Gummiwerk Beispiel GmbH + Co. KG", s.organisationName());
        assertFalse(values(s, "organisation-name").contains("Co. KG"), s.clues().toString());
        assertEquals(List.of("Gummiwerk Beispiel GmbH + Co. KG"), values(s, "organisation-name"));
    }

    @Test
    void legalFormsWithDotsAndAmpersandsAreKept() {
        List<String> names = FooterReader.read("""
                Fragen Sie Ihren Berater. Vente Exemple SAS, 3 rue Neuve 75002 Paris
                Copyright 2026 Fabrik Beispiel GmbH & Co. KG
                Désinscription Biscuits Modèle S.A. - Avenue du Parc
                Se désabonner Dr. Muster Holding AG
                BTW NL001234567B01. Parken Voorbeeld B.V.
                Ledger Voorbeeld SAS. Voorbeeld Wallet SAS
                """).stream().filter(f -> f.field().equals("organisation-name")).map(FooterReader.Fact::value)
                .collect(Collectors.toList());
        assertEquals(List.of("Vente Exemple SAS", "Fabrik Beispiel GmbH & Co. KG", "Biscuits Modèle S.A.",
                "Dr. Muster Holding AG", "Parken Voorbeeld B.V.", "Ledger Voorbeeld SAS", "Voorbeeld Wallet SAS"),
                names);
    }

    @Test
    void germanCompoundNamesAndDutchItalianSpanishFormsAreRead() {
        List<String> names = FooterReader.read("""
                ______ Nordwest Zeitungsverlagsgesellschaft mbH | Hafenweg 12 | 40210 Düsseldorf
                Herausgeber: Beispiel Medien GmbH & Co. KGaA, Sitz Bremen
                Muster Immobilienverwaltung mbH & Co. KG
                Versicherung: Beispiel Versicherungs-AG
                Bäckerei Korn OHG · Mühlenbrot GbR
                Verkeersschool Voorbeeld V.O.F. - Tuin Voorbeeld BVBA
                Frutas Ejemplo S.A.U. | Tienda Ejemplo S.L.U.
                Studio Esempio S.r.l.s. - Officina Esempio S.n.c. - Carta Esempio s.r.l.
                """).stream().filter(f -> f.field().equals("organisation-name")).map(FooterReader.Fact::value)
                .collect(Collectors.toList());
        assertEquals(List.of("Nordwest Zeitungsverlagsgesellschaft mbH", "Beispiel Medien GmbH & Co. KGaA",
                "Muster Immobilienverwaltung mbH & Co. KG", "Beispiel Versicherungs-AG", "Bäckerei Korn OHG",
                "Mühlenbrot GbR", "Verkeersschool Voorbeeld V.O.F.", "Tuin Voorbeeld BVBA", "Frutas Ejemplo S.A.U.",
                "Tienda Ejemplo S.L.U.", "Studio Esempio S.r.l.s.", "Officina Esempio S.n.c.",
                "Carta Esempio s.r.l."), names);
    }

    @Test
    void ordinarySentencesAroundTheNewFormsInventNoName() {
        List<String> names = FooterReader.read("""
                die neue mbH-Reform betrifft uns nicht, und eine gbr ist keine OHG-Pflicht.
                wir haben ein vof-contract und kaufen s.r.l. nicht.
                """).stream().filter(f -> f.field().equals("organisation-name")).map(FooterReader.Fact::value)
                .collect(Collectors.toList());
        assertEquals(List.of(), names);
    }

    @Test
    void aPrivacyLinkCarryingTheRecipientIsWithheld() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "\"Boutique Exemple\" <news@boutique-exemple.fr>")
                .header("To", "Dana Rossi <dana.rossi@example.org>")
                .html("""
                        <html><body><p>Nos offres.</p><p style="font-size:11px">
                        <a href="https://clics.routage-partenaire.example/confidentialite?r=ZGFuYS5yb3NzaUBleGFtcGxlLm9yZw">Politique de confidentialité</a>
                        </p></body></html>""").build();
        SenderIdentity s = identify(e);
        assertNull(s.privacyPolicyUrl());
        assertEquals(SenderIdentifier.TRACKED_LINK_DESTINATION_UNKNOWN, s.privacyPolicyUrlStatus());
        assertFalse(s.missing().contains("privacy-policy-url"));
        String shown = values(s, "privacy-policy-url").get(0);
        assertFalse(shown.contains("ZGFuYS5yb3NzaUBleGFtcGxlLm9yZw"), shown);
        assertTrue(shown.contains("clics.routage-partenaire.example"), shown);
        assertEquals(SenderClue.TRACKED_LINK_IDENTIFIES_RECIPIENT, s.clues().stream()
                .filter(c -> c.field().equals("privacy-policy-url")).findFirst().orElseThrow().qualifier());
    }

    @Test
    void aPrivacyLinkWithAPerRecipientParameterOrThePlainAddressIsWithheldButACleanOneIsGiven() {
        SenderIdentifier real = new SenderIdentifier(org.pixelproof.rules.RuleSetLoader.loadDefault());
        for (String href : List.of("https://www.boutique-exemple.fr/confidentialite?mc_eid=4f1e2d3c4b",
                "https://www.boutique-exemple.fr/confidentialite?email=dana.rossi%40example.org")) {
            ReceivedEmail e = TestEmails.message()
                    .header("From", "\"Boutique Exemple\" <news@boutique-exemple.fr>")
                    .header("To", "dana.rossi@example.org")
                    .html("<html><body><p>Nos offres.</p><p><a href=\"" + href
                            + "\">Politique de confidentialité</a></p></body></html>").build();
            SenderIdentity s = real.identify(e, TestEmails.parsed(e));
            assertNull(s.privacyPolicyUrl(), href);
            assertEquals(SenderIdentifier.TRACKED_LINK_DESTINATION_UNKNOWN, s.privacyPolicyUrlStatus(), href);
        }
        ReceivedEmail clean = TestEmails.message()
                .header("From", "\"Boutique Exemple\" <news@boutique-exemple.fr>")
                .header("To", "dana.rossi@example.org")
                .html("<html><body><p><a href=\"https://www.boutique-exemple.fr/confidentialite?lang=fr\">"
                        + "Politique de confidentialité</a></p></body></html>").build();
        SenderIdentity s = real.identify(clean, TestEmails.parsed(clean));
        assertEquals("https://www.boutique-exemple.fr/confidentialite?lang=fr", s.privacyPolicyUrl());
        assertEquals(SenderIdentifier.AS_WRITTEN, s.privacyPolicyUrlStatus());
    }

    @Test
    void frenchRetailerNewsletter() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "\"Boutique Exemple\" <News@Mail.Boutique-Exemple.fr>")
                .header("Reply-To", "Service clients <service@boutique-exemple.fr>")
                .header("Return-Path", "<bounce-42@esp.example.net>")
                .header("DKIM-Signature", "v=1; a=rsa-sha256; c=relaxed/relaxed; d=boutique-exemple.fr; s=s1;\r\n h=from; bh=x; b=y")
                .header("DKIM-Signature", "v=1; a=rsa-sha256; d=esp.example.net; s=k1; bh=x; b=y")
                .header("List-Unsubscribe", "<https://esp.example.net/u/42>, <mailto:u@esp.example.net>")
                .html("""
                        <html><body><p>-20 % sur tout le site avec le code ETE.</p>
                        <table><tr><td style="font-size:11px">
                        Boutique Exemple SAS au capital de 50 000 € – RCS Lyon 732 829 320 – N° TVA intracommunautaire :
                        FR 44 732829320 – Siège social : 12 rue des Lilas, 69003 Lyon.<br>
                        Conformément au RGPD, vous disposez d’un droit d’accès à vos données, que vous pouvez exercer auprès
                        de notre délégué à la protection des données : <a href="mailto:dpo@boutique-exemple.fr">dpo@boutique-exemple.fr</a>.<br>
                        <a href="https://www.boutique-exemple.fr/confidentialite">Politique de confidentialité</a> |
                        <a href="https://esp.example.net/u/42">Se désinscrire</a>
                        </td></tr></table></body></html>""").build();
        SenderIdentity s = identify(e);
        assertEquals("news@mail.boutique-exemple.fr", s.fromAddress());
        assertEquals("Boutique Exemple", s.fromName());
        assertEquals("mail.boutique-exemple.fr", s.fromDomain());
        assertEquals("service@boutique-exemple.fr", s.replyTo());
        assertEquals("bounce-42@esp.example.net", s.returnPath());
        assertEquals(List.of("boutique-exemple.fr", "esp.example.net"), s.dkimDomains());
        assertEquals(List.of("https://esp.example.net/u/42", "mailto:u@esp.example.net"), s.listUnsubscribe());
        assertEquals("Boutique Exemple SAS", s.organisationName());
        assertEquals("12 rue des Lilas, 69003 Lyon", s.postalAddress());
        assertEquals("732829320", s.siren());
        assertNull(s.siret());
        assertTrue(s.sirenValid());
        assertEquals("https://www.boutique-exemple.fr/confidentialite", s.privacyPolicyUrl());
        assertEquals("dpo@boutique-exemple.fr", s.dpoContact());
        assertEquals(List.of(), s.missing());
        assertTrue(values(s, "vat-number").contains("FR44732829320"), s.clues().toString());
        assertTrue(values(s, "data-protection-notice").get(0).contains("RGPD"));
        SenderClue sirenClue = s.clues().stream().filter(c -> c.field().equals("siren")).findFirst().orElseThrow();
        assertEquals("footer text, part 1.1", sirenClue.where());
        assertTrue(sirenClue.evidence().contains("RCS Lyon 732 829 320"), sirenClue.evidence());
        SenderClue dkim = s.clues().stream().filter(c -> c.field().equals("dkim-domain")).findFirst().orElseThrow();
        assertEquals("header DKIM-Signature", dkim.where());
    }

    @Test
    void amazonStyleFooterWithRcsTvaAndBranch() {
        ReceivedEmail e = TestEmails.message().header("From", "Exemple.fr <noreply@exemple-app.example.com>")
                .plain("""
                        Ceci est un message automatique.
                        RCS Nanterre 487 773 327 (succursale française) Siège en France : 67
                        Boulevard du Général Leclerc, 92110 Clichy, France Numéro de TVA
                        intracommunautaire : FR12487773327 Forme juridique : succursale d’Exemple EU
                        SARL (immatriculée au RCS français)
                        """).build();
        SenderIdentity s = identify(e);
        assertEquals("487773327", s.siren());
        assertTrue(s.sirenValid());
        assertEquals("Exemple EU SARL", s.organisationName());
        assertEquals("67 Boulevard du Général Leclerc, 92110 Clichy", s.postalAddress());
        assertTrue(values(s, "vat-number").contains("FR12487773327"));
        assertEquals(List.of("privacy-policy-url", "dpo-contact"), s.missing());
    }

    @Test
    void theFromAddressIsComparedInLowerCaseAndShownAsWritten() {
        SenderIdentity s = identify(TestEmails.message()
                .header("From", "\"Vacances Pour Tous\" <info+Agence-Nationale-Vacances@News.Vacances-Exemple.FR>")
                .plain("Bonnes vacances.\n").build());
        assertEquals("info+agence-nationale-vacances@news.vacances-exemple.fr", s.fromAddress(), "for comparing");
        assertEquals("info+Agence-Nationale-Vacances@news.vacances-exemple.fr", s.fromAddressAsWritten(),
                "the local part is case-sensitive (RFC 5321 section 2.4), the domain is not");
        assertEquals("news.vacances-exemple.fr", s.fromDomain());
        assertEquals("Jane.Doe@example.org", SenderIdentifier.addrSpecAsWritten("<\"Jane.Doe\"@Example.ORG>"),
                "quotes of a plain dot-atom go");
        assertEquals("\"Jane Doe\"@example.org", SenderIdentifier.addrSpecAsWritten("\"Jane Doe\"@EXAMPLE.org"));
        assertEquals("\"jane doe\"@example.org", SenderIdentifier.addrSpec("\"Jane Doe\"@EXAMPLE.org"));
        assertNull(SenderIdentifier.addrSpecAsWritten("no-at-sign"));
    }

    @Test
    void anIdentityWithoutTheAddressAsWrittenShowsTheLowerCaseOne() {
        SenderIdentity old = new SenderIdentity("news@shop.example", null, "shop.example", null, null, List.of(),
                List.of(), null, null, null, null, false, null, null, List.of(), List.of(), null, List.of());
        assertEquals("news@shop.example", old.fromAddressAsWritten(), "an analysis stored before the field");
        SenderIdentity other = new SenderIdentity("news@shop.example", null, "shop.example", null, null, List.of(),
                List.of(), null, null, null, null, false, null, null, List.of(), List.of(), null, List.of(),
                "someone@else.example");
        assertEquals("news@shop.example", other.fromAddressAsWritten(), "never another address than fromAddress");
        SenderIdentity kept = new SenderIdentity("news@shop.example", null, "shop.example", null, null, List.of(),
                List.of(), null, null, null, null, false, null, null, List.of(), List.of(), null, List.of(),
                "News@shop.example");
        assertEquals("News@shop.example", kept.withIdentityCaveats(List.of("SENDER_IDENTITY_DOUBTFUL"))
                .fromAddressAsWritten());
    }

    @Test
    void invalidSirenAndSiretAreReportedAsSuch() {
        SenderIdentity s = identify(TestEmails.message().header("From", "a@example.com")
                .plain("Dupont SARL - SIRET : 123 456 789 00012 - 3 place du Marché 13001 Marseille\n").build());
        assertEquals("12345678900012", s.siret());
        assertEquals("123456789", s.siren());
        assertFalse(s.sirenValid());
        SenderClue siret = s.clues().stream().filter(c -> c.field().equals("siret")).findFirst().orElseThrow();
        assertEquals("12345678900012", siret.value(), "the number as read, the check worded apart");
        assertEquals(SenderClue.CHECK_DIGIT_INVALID, siret.qualifier());
        assertEquals("3 place du Marché 13001 Marseille", s.postalAddress());
    }

    @Test
    void laPosteSiretIsValidByItsOwnRule() {
        SenderIdentity s = identify(TestEmails.message().plain("La Poste SA - SIRET 356 000 000 14006\n").build());
        assertEquals("35600000014006", s.siret());
        assertEquals("356000000", s.siren());
        assertTrue(s.sirenValid());
    }

    @Test
    void cilWithPostalAddressIsTheDpoContactAndCedexIsKept() {
        SenderIdentity s = identify(TestEmails.message().plain("""
                Conformément à la loi "informatique et libertés" du 6 janvier 1978 modifiée en 2004, vous bénéficiez d'un
                droit d'accès, de rectification et d'opposition aux informations qui vous concernent, que vous pouvez exercer en vous adressant au CIL, Groupe Exemple.com, 18 chemin des Cuers - CS40207 - 69574 DARDILLY CEDEX ; Vous pouvez également vous opposer au traitement.
                """).build());
        assertEquals("CIL, Groupe Exemple.com, 18 chemin des Cuers - CS40207 - 69574 DARDILLY CEDEX", s.dpoContact());
        assertEquals("18 chemin des Cuers - CS40207 - 69574 DARDILLY CEDEX", s.postalAddress());
        assertFalse(values(s, "data-protection-notice").isEmpty());
    }

    @Test
    void rightsContactStandsInForAMissingDpo() {
        SenderIdentity s = identify(TestEmails.message().html("""
                <p>Conformément à la Loi Informatique et Libertés du 6 Janvier 1978, vous disposez d'un droit d'accès, de
                modification et de suppression des données personnelles vous concernant, que vous pouvez exercer à tout
                moment sur demande : <a href="mailto:contact@exemple-credit.example">contact@exemple-credit.example</a></p>""").build());
        assertEquals("contact@exemple-credit.example", s.dpoContact());
        assertEquals(List.of("contact@exemple-credit.example"), values(s, "rights-contact"));
        assertTrue(values(s, "dpo-contact").isEmpty());
        assertFalse(s.missing().contains("dpo-contact"));
    }

    @Test
    void germanImpressumHasNoSirenButARegisterNumber() {
        SenderIdentity s = identify(TestEmails.message().header("From", "Beispiel <news@beispiel.example>").html("""
                <p>Impressum Beispiel GmbH · Wentzingerstr. 17 · 79106 Freiburg kontakt@beispiel.example ·
                Geschäftsführer: Max Muster Amtsgericht Freiburg, HRB 5870 · USt-IdNr.: DE 198 371 679</p>
                <p><a href="https://beispiel.example/datenschutz">Datenschutz</a></p>""").build());
        assertEquals("Beispiel GmbH", s.organisationName());
        assertEquals("Wentzingerstr. 17 · 79106 Freiburg", s.postalAddress());
        assertEquals(List.of("HRB 5870"), values(s, "registration-number"));
        assertEquals(List.of("DE198371679"), values(s, "vat-number"));
        assertNull(s.siren());
        assertEquals(List.of("dpo-contact"), s.missing());
    }

    @Test
    void aPublisherFooterInGermanyGivesItsNameAndAsksNoSiren() {
        // shaped like a German newspaper's newsletter footer: name with a compound "…gesellschaft mbH", no register
        SenderIdentity s = identify(TestEmails.message().header("From", "\"Der Morgen\" <morgen@news.zeitung.example>")
                .html("""
                        <p>Heute im Blatt...</p><p>________________</p>
                        <p style="font-size:11px">Nordwest Zeitungsverlagsgesellschaft mbH | Hafenweg 12 | 40210
                        Düsseldorf<br><a href="https://zeitung.example/impressum">Impressum</a> |
                        <a href="https://zeitung.example/datenschutz">Datenschutz</a></p>""").build());
        assertEquals("Nordwest Zeitungsverlagsgesellschaft mbH", s.organisationName());
        assertEquals("Hafenweg 12 | 40210 Düsseldorf", s.postalAddress());
        assertFalse(s.missing().contains("organisation-name"), s.missing().toString());
        assertFalse(s.missing().contains("siren"), "no SIREN is asked of a company in Düsseldorf");

        SenderIdentity fr = identify(TestEmails.message().header("From", "Boutique <news@boutique.example>").html(
                "<p>Boutique Exemple SAS, 12 rue des Artisans, 69002 Lyon</p>").build());
        assertTrue(fr.missing().contains("siren"), "a French address without SIREN still asks for one");
    }

    @Test
    void fromNameIsAFallbackThatDoesNotCountAsALegalName() {
        SenderIdentity s = identify(TestEmails.message().header("From", "Service Public FR <info@plateforme.example>")
                .html("<p>Vos données personnelles sont traitées conformément au RGPD</p>"
                        + "<p>ANCV - Agence Exemple<br>36-38 boulevard Henri IV - 75181 Paris Cedex 04</p>").build());
        assertEquals("Service Public FR", s.organisationName());
        assertEquals("36-38 boulevard Henri IV - 75181 Paris Cedex 04", s.postalAddress());
        assertEquals(List.of("organisation-name", "siren", "privacy-policy-url", "dpo-contact"), s.missing());
        assertTrue(values(s, "data-protection-notice").get(0).contains("RGPD"));
    }

    @Test
    void shoutedWordsAndPhoneNumbersAreNotTakenForIdentity() {
        SenderIdentity s = identify(TestEmails.message().html("""
                <p><a href="https://x.example/u">SE DÉSINSCRIRE</a> | Appelez le 01 23 45 67 89 ou le 0123456789.
                Montant : 100 000 000 €. Code postal 75001.</p>""").build());
        assertNull(s.organisationName());
        assertNull(s.siren());
        assertNull(s.postalAddress());
        assertEquals(List.of("organisation-name", "postal-address", "siren", "privacy-policy-url", "dpo-contact"),
                s.missing());
    }

    @Test
    void addressParsingOfOddHeaders() {
        assertEquals("laredoute@services.example.fr",
                SenderIdentifier.address("Message de X, <laredoute@services.example.fr.>, Message de X, <b@c.d>"));
        assertEquals("Message de X", SenderIdentifier.displayName("Message de X, <laredoute@services.example.fr.>"));
        assertEquals("a@b.example", SenderIdentifier.address("a@b.example"));
        assertNull(SenderIdentifier.address("<>"));
        assertNull(SenderIdentifier.displayName("<a@b.example>"));
    }

    @Test
    void quotedLocalPartsGiveACleanDomainPerRfc5322() {
        // the odd form some ESPs write: the whole address inside the quotes
        ReceivedEmail e = TestEmails.message()
                .header("From", "Parcs du Lac <\"63409624@ParcsDuLac.example\">")
                .html("<html><body><p>Bonjour</p></body></html>").build();
        SenderIdentity s = identify(e);
        assertEquals("63409624@parcsdulac.example", s.fromAddress());
        assertEquals("parcsdulac.example", s.fromDomain());
        assertEquals("Parcs du Lac", s.fromName());
        // a quoted local part proper: unquoted when it is a plain dot-atom, kept quoted otherwise
        assertEquals("jane.doe@example.org", SenderIdentifier.address("Jane <\"jane.doe\"@Example.org>"));
        assertEquals("\"jane doe\"@example.org", SenderIdentifier.address("Jane <\"jane doe\"@example.org>"));
        assertEquals("\"a@b\"@example.org", SenderIdentifier.address("<\"a@b\"@example.org>"));
        assertNull(SenderIdentifier.addrSpec("\"no-domain\""));
        assertEquals("a@example.org", SenderIdentifier.addrSpec("a@example.org\""));
    }

    @Test
    void aFromDomainWrittenWithLettersOutsideTheBmpOrEnclosedLettersIsReadAsWritten() {
        // "Brume" in Mathematical Sans-Serif Bold: each letter is a surrogate pair, which a char-by-char reading of
        // the domain cut to nothing (no From address at all)
        String bold = "\uD835\uDDD5\uD835\uDDFF\uD835\uDE02\uD835\uDDFA\uD835\uDDF2";
        ReceivedEmail e = TestEmails.message().header("From", "\"Brume\"<noreply@" + bold + ".example>")
                .html("<html><body><p>Bonjour</p></body></html>").build();
        SenderIdentity s = identify(e);
        assertEquals("noreply@" + bold + ".example", s.fromAddress());
        assertEquals(bold + ".example", s.fromDomain());
        String circled = "\u24D1\u24E1\u24E4\u24DC\u24D4.example";
        assertEquals("a@" + circled, SenderIdentifier.addrSpec("a@" + circled), "circled letters: symbols, yet read");
        assertEquals("a@brume\uFF0Eexample", SenderIdentifier.addrSpec("a@brume\uFF0Eexample"), "a fullwidth dot");
        assertEquals("a@cafe\u0301.fr", SenderIdentifier.addrSpec("a@cafe\u0301.fr"), "a combining accent");
        assertEquals("a@example.org", SenderIdentifier.addrSpec("a@example.org\u2026"), "an ellipsis ends it");
        assertEquals(bold + ".example", Domains.domainOf("Brume <news@" + bold + ".example>"));
    }

    @Test
    void giantHostileFooterStaysBounded() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            b.append("SIREN RCS TVA 123 456 78 9 rue 12345 AB CD GmbH SAS ").append(i % 10);
        }
        SenderIdentity s = identify(TestEmails.message().plain(b.toString()).build());
        assertTrue(s.clues().size() <= SenderIdentifier.MAX_CLUES);
    }
}
