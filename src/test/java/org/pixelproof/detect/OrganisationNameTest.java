package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSetLoader;

/**
 * Which company names the footer reader takes for a legal entity, and which one the sender identifier names as the
 * data controller. Fixtures are invented, shaped like what real newsletters, spam and signatures show.
 */
class OrganisationNameTest {
    private final SenderIdentifier identifier = new SenderIdentifier(RuleSetLoader.loadDefault());

    private static List<String> names(String text) {
        return FooterReader.read(text).stream().filter(f -> f.field().equals("organisation-name"))
                .map(FooterReader.Fact::value).collect(Collectors.toList());
    }

    private SenderIdentity identify(ReceivedEmail e) {
        return identifier.identify(e, TestEmails.parsed(e));
    }

    @Test
    void aHeadingInCapitalsIsNotPartOfTheName() {
        assertEquals(List.of("Lindenhof GmbH", "Lindenhof GmbH"), names("""
                WELCOME TO Lindenhof GmbH! Schön, dass du da bist.
                Lindenhof GmbH Birkenstraße 4 12345 Musterstadt
                """));
        assertEquals(List.of("Lindenhof GmbH"), names("WILLKOMMEN BEI Lindenhof GmbH"));
        assertEquals(List.of("NORDWIND LOGISTIK GmbH"), names("Zustellung durch NORDWIND LOGISTIK GmbH"),
                "a name in capitals is still a name");
    }

    @Test
    void aProductEditionIsNotASocietasEuropaeaButACompanyWithContextIs() {
        assertEquals(List.of(), names("""
                Smartwatch Pulse SE - 40 mm - Nachtblau €199 BEKIJK DEAL
                Telefoon Nova SE 128 GB - Zwart €349 BEKIJK DEAL
                """));
        assertEquals(List.of("Nordlicht Energie SE", "Nordlicht SE", "Musterfirma SE", "Hafenblick SA"), names("""
                Ein Angebot der Nordlicht Energie SE.
                © 2026 Nordlicht SE
                Musterfirma SE | Hafenstraße 3 | 20457 Hamburg
                Hafenblick SA, au capital de 10 000 €
                """));
    }

    @Test
    void aStreetQuadrantOrAStateBeforeItsPostcodeIsNotALegalForm() {
        assertEquals(List.of(), names("""
                Maple Bakery | 1200 Vermont Avenue SE, Washington, DC 20005
                Cactus Diner, 55 Desert Road, Reno, NV 89501
                Koala Books, Level 2, Adelaide SA 5000
                """));
    }

    @Test
    void aLoneLetterOrRomanNumeralIsNotANameAndAJurisdictionInParenthesesIsKept() {
        assertEquals(List.of("Lernwerk GmbH"),
                names("© Lernwerk GmbH | Registration: HRB 123456 B, AG Charlottenburg | VAT DE123456789"));
        assertEquals(List.of("Exemplar Access (Ireland) Limited", "Exemplar Pay (BVI) II Limited",
                "Exemplar Pay (BVI) III Limited"), names("This agreement is between one of Exemplar Access (Ireland)"
                + " Limited, Exemplar Pay (BVI) II Limited, and Exemplar Pay (BVI) III Limited and you."));
    }

    @Test
    void aLongHashBeforeANameIsNotPartOfIt() {
        assertEquals(List.of("Brightloom Ltd"),
                names("9f2c4e7a1b3d5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4 Brightloom Ltd, 8 Quay Road"));
    }

    @Test
    void aNameAfterALabelKeepsItsLowerCaseWordsAndAWrittenCommaIsKept() {
        assertEquals(List.of("Ruhe im Kopf Verlags- und Seminar GmbH"),
                names("Meine Firma: Ruhe im Kopf Verlags- und Seminar GmbH. Lindenallee 5. 21400 Musterdorf."));
        assertEquals(List.of("Exemplar Investments, LLC"), names("© 2026 Exemplar Investments, LLC. All rights"
                + " reserved."));
    }

    @Test
    void mbhAloneClosesOnlyACompanyNamedAGesellschaft() {
        assertEquals(List.of("Beispiel Wohnungsbaugesellschaft mbH", "Gesellschaft für Beispieldienste mbH"),
                names("Beispiel Wohnungsbaugesellschaft mbH · Gesellschaft für Beispieldienste mbH · Tarif Plus mbH"));
    }

    @Test
    void aSignatureLineIsNotPartOfTheCompanyOnTheNextLine() {
        SenderIdentity s = identify(TestEmails.message().header("From", "Priya Shah <priya@northwind-soft.example>")
                .plain("""
                        Please find the report attached.

                        Kind regards,
                        Priya Shah
                        Software Engineer
                        Northwind India Private Limited
                        Board line +91 22 0000 0000
                        """).build());
        assertEquals("Northwind India Private Limited", s.organisationName());
    }

    @Test
    void theImprintLineTiedToTheSendingDomainIsTheControllerAmongSeveralEntities() {
        SenderIdentity s = identify(TestEmails.message()
                .header("From", "\"Exemplar Wallet\" <newsletter@email.exemplarwallet.com>")
                .html("""
                        <p>This week in crypto.</p>
                        <p>© 2026 Exemplar Wallet Group Holdings, Inc. This is an agreement between one of Exemplar
                        Wallet Access (Ireland) Limited, Exemplar Wallet, Inc., Exemplar Wallet (BVI) II Limited, and
                        Exemplar Wallet (BVI) III Limited (“Exemplar”, “we”) and you.</p>""").build());
        assertEquals("Exemplar Wallet Group Holdings, Inc.", s.organisationName());
        assertTrue(!s.missing().contains("organisation-name"), s.missing().toString());
    }

    @Test
    void namesMentionedInTheBodyWithoutAnyTieToTheSenderAreNotTheController() {
        SenderIdentity s = identify(TestEmails.message()
                .header("From", "\"Forum Beispielstadt\" <news@forum-beispielstadt.de>")
                .html("""
                        <p>Termine im Februar: Sprachcafé mit dem Verein Alpha e.V., Lesung beim Verein Beta e.V.</p>
                        <p>Zu Fragen wenden Sie sich an den Verein Gamma e.V. Website, Email</p>""").build());
        assertEquals("Forum Beispielstadt", s.organisationName());
        assertTrue(s.missing().contains("organisation-name"), s.missing().toString());
    }

    @Test
    void theEspsOwnLegalNameIsAProcessorNotTheController() {
        SenderIdentity s = identify(TestEmails.message()
                .header("From", "\"Forum Beispielstadt\" <news@forum-beispielstadt.de>")
                .html("""
                        <p>Unser Newsletter.</p><p>Für den Versand nutzen wir CleverReach GmbH &amp; Co. KG,
                        Musterweg 2, 26180 Rastede.</p>""").build());
        assertEquals("Forum Beispielstadt", s.organisationName());
        assertTrue(s.missing().contains("organisation-name"), s.missing().toString());
    }

    @Test
    void aSingleNameStillStandsWithoutFooterEvidence() {
        SenderIdentity s = identify(TestEmails.message().header("From", "Shop <news@shop.example>")
                .html("<p>Ein Angebot von Beispielhandel GmbH.</p>").build());
        assertEquals("Beispielhandel GmbH", s.organisationName());
    }
}
