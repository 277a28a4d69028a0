package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSetLoader;

/**
 * {@link PlatformTenantDomains} and what it changes in the sender's identity: a platform tenant's default domain
 * ({@code contoso-prizes.onmicrosoft.com}, {@code name.awsapps.com}) is the tenant's, never ties the message to the
 * platform's owner, and a message presenting itself as an organisation the tenant's label does not carry gets
 * {@link SenderIdentityCheck#FROM_PLATFORM_TENANT_DOMAIN}; a tenant named after its sender is not doubtful.
 */
class PlatformTenantDomainsTest {

    private static final Detector DETECTOR = new Detector(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);

    /** @return the sender identity of a fixture of {@code sender-identity/}, read as SenderIdentityCheckTest does */
    private static SenderIdentity senderOf(String fixture) {
        return SenderIdentityCheckTest.senderOf(fixture);
    }

    @Test
    void aTenantsDefaultDomainIsTheTenantsNotThePlatforms() {
        assertEquals("contoso-prizes.onmicrosoft.com",
                PlatformTenantDomains.tenantDomain("Contoso-Prizes.onmicrosoft.com."));
        assertEquals("contoso.onmicrosoft.com", PlatformTenantDomains.tenantDomain("smtp.contoso.onmicrosoft.com"));
        assertEquals("contoso.mail.onmicrosoft.com",
                PlatformTenantDomains.tenantDomain("contoso.mail.onmicrosoft.com"), "the mail routing domain");
        assertEquals("desti-ini.awsapps.com", PlatformTenantDomains.tenantDomain("desti-ini.awsapps.com"));
        assertEquals("rewards-7731", PlatformTenantDomains.tenantLabel("rewards-7731.firebaseapp.com"));
        assertEquals("Amazon WorkMail", PlatformTenantDomains.platformOf("x.awsapps.com").platform());
        // the platform's own domains and look-alikes are no tenant's
        for (String h : new String[] {"onmicrosoft.com", "microsoft.com", "go.microsoft.com", "notonmicrosoft.com",
                "awsapps.com", "amazon.com", "brand.example", "", null}) {
            assertNull(PlatformTenantDomains.tenantDomain(h), String.valueOf(h));
        }
        assertEquals("contoso.onmicrosoft.com", PlatformTenantDomains.organisationalDomain("contoso.onmicrosoft.com"),
                "not onmicrosoft.com, as the Public Suffix List's ICANN section alone would say");
        assertEquals("brand.co.uk", PlatformTenantDomains.organisationalDomain("news.brand.co.uk"));
    }

    @Test
    void thePlatformsLabelsNeverTieANameToTheSender() {
        assertEquals("contoso-prizes", OrganisationTie.withoutPublicSuffix("contoso-prizes.onmicrosoft.com"));
        assertEquals("smtp.contoso", OrganisationTie.withoutPublicSuffix("smtp.contoso.onmicrosoft.com"));
        assertEquals(Set.of("contosoprizes"), SenderIdentifier.senderLabels("contoso-prizes.onmicrosoft.com", null));
        assertFalse(SenderIdentityCheck.nameMatches("Microsoft Corporation", Set.of("contoso-prizes.onmicrosoft.com"),
                null), "microsoft is inside onmicrosoft, which is the platform's, not the sender's");
        assertTrue(SenderIdentityCheck.nameMatches("Contoso Prizes", Set.of("contoso-prizes.onmicrosoft.com"), null));
    }

    @Test
    void aCopiedBrandFooterSentFromATenantDomainIsDoubtful() {
        SenderIdentity s = senderOf("tenant-copied-brand-footer-de.eml");
        assertEquals("contoso-prizes.onmicrosoft.com", s.fromDomain());
        // Microsoft's legal name is a vendor's (a processor, passed over) unless the sender's domain carries it, and
        // onmicrosoft.com no longer does: the dossier does not name Microsoft as the controller
        assertEquals("Ausstehendes Paket (1)", s.organisationName(), s.toString());
        assertTrue(s.missing().contains("organisation-name"), "the display name stands in: " + s);
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, s.identityCaveats().get(0), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.FROM_PLATFORM_TENANT_DOMAIN), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.NAME_NOT_IN_SENDER_DOMAINS),
                "onmicrosoft.com no longer matches the name Microsoft: " + s);
    }

    @Test
    void aBrandDisplayNameFromAWorkMailTenantIsDoubtfulThoughTheLocalPartCarriesIt() {
        SenderIdentity s = senderOf("tenant-brand-display-name-awsapps-fr.eml");
        assertEquals("Solvera-Invest", s.organisationName(), s.toString());
        assertTrue(s.missing().contains("organisation-name"), "no legal name: the display name stands in");
        assertEquals(SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, s.identityCaveats().get(0), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.FROM_PLATFORM_TENANT_DOMAIN), s.toString());
        // the From local part "Solvera" matches the name, so the older comparison alone left the message unflagged
        assertFalse(s.identityCaveats().contains(SenderIdentityCheck.NAME_NOT_IN_SENDER_DOMAINS), s.toString());
    }

    @Test
    void aTenantNamedAfterItsSenderIsNotDoubtful() {
        SenderIdentity s = senderOf("tenant-own-name-newsletter-fr.eml");
        assertEquals("Brisaleo SARL", s.organisationName(), s.toString());
        assertEquals(List.of(), s.identityCaveats(), s.toString());
    }

    @Test
    void aPersonWritingFromTheirEmployersTenantIsNotDoubtful() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Camille Roux <camille.roux@brisaleo.onmicrosoft.com>")
                .header("To", "alex.martin@example.org")
                .plain("Bonjour,\n\nje vous envoie le devis demain.\n\nCamille Roux\n").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals(List.of(), s.identityCaveats(), s.toString());
    }

    @Test
    void aLegalNameIsNotChosenForAppearingInsideThePlatformsSuffix() {
        // the copied footer names Microsoft; the organiser's own imprint comes last. The tenant domain no longer adds
        // to Microsoft's score, so the later imprint wins, as between any two imprint lines
        ReceivedEmail e = TestEmails.message()
                .header("From", "Gewinnspiel <aktion@contoso-prizes.onmicrosoft.com>")
                .header("To", "alex.martin@example.org")
                .header("List-Unsubscribe", "<https://z2.prize-relay.example/lists/k41x/unsubscribe/p8q2>")
                .html("""
                        <html><body><p>Ihr Geschenk wartet.</p>
                        <p><a href="https://gewinn-abholen.example/c/n40217">Jetzt abholen</a></p>
                        <p>&copy; 2025 Microsoft Corporation, One Microsoft Way, Redmond, WA 98052</p>
                        <p>Veranstalter: Preisfabrik GmbH, Hauptstra&szlig;e 5, 10115 Berlin</p>
                        </body></html>""").build();
        SenderIdentity s = DETECTOR.detect(e, List.of()).sender();
        assertEquals("Preisfabrik GmbH", s.organisationName(), s.toString());
        assertTrue(s.identityCaveats().contains(SenderIdentityCheck.FROM_PLATFORM_TENANT_DOMAIN), s.toString());
    }

    @Test
    void theReasonIsWordedInBothLanguages() {
        for (Locale l : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            String label = DetectLabels.label(SenderIdentityCheck.FROM_PLATFORM_TENANT_DOMAIN, l);
            assertTrue(label != null && label.contains("onmicrosoft.com") && !label.contains("FROM_PLATFORM"),
                    l + ": " + label);
        }
        String fr = DetectLabels.label(SenderIdentityCheck.FROM_PLATFORM_TENANT_DOMAIN, Locale.FRENCH);
        assertFalse(fr.matches("(?s).* [:;!?].*"), "French: a no-break space before : ; ! ?: " + fr);
    }
}
