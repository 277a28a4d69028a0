package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;
import org.pixelproof.rules.Vendor;

/** Matomo (self-hostable analytics) on the sender's own domain is the sender's software, not InnoCraft's service. */
class SelfHostedSoftwareTest {
    private static final RuleSet RULES = RuleSetLoader.loadDefault();
    private static final Detector DETECTOR = new Detector(RULES, IngestLimits.DEFAULT);

    private static Tracker pixel(String from, String dkim, String pixelUrl) {
        TestEmails b = TestEmails.message().header("From", from);
        if (dkim != null) {
            b = b.header("DKIM-Signature", "v=1; a=rsa-sha256; d=" + dkim + "; s=s1; bh=x; b=y");
        }
        ReceivedEmail e = b.html("<html><body><p>Unsere Angebote der Woche.</p><img src=\"" + pixelUrl
                + "\" width=\"1\" height=\"1\" alt=\"\"><p>Ihr Team</p></body></html>").build();
        Findings f = DETECTOR.detect(e, List.of());
        List<Tracker> matomo = f.trackers().stream().filter(t -> t.url().equals(pixelUrl)).toList();
        assertEquals(1, matomo.size(), () -> "trackers: " + f.trackers());
        return matomo.get(0);
    }

    @Test
    void theRuleSetMarksMatomoAsSelfHostable() {
        Vendor matomo = RULES.vendors().stream().filter(v -> v.id().equals("matomo")).findFirst().orElseThrow();
        assertTrue(matomo.selfHostable());
        assertEquals("NZ", matomo.country());
        assertFalse(RULES.vendors().stream().filter(v -> v.id().equals("mailchimp")).findFirst().orElseThrow()
                .selfHostable());
    }

    @Test
    void matomoUnderTheFromDomainIsSelfHostedWithoutTheMakersCountry() {
        Tracker t = pixel("Supermarkt Beispiel <newsletter@supermarkt-beispiel.de>", null,
                "https://piwik.supermarkt-beispiel.de/piwik.php?idsite=3&rec=1&action_name=newsletter-kw12");
        assertEquals("Matomo (Piwik)", t.vendor());
        assertEquals(Party.FIRST_PARTY, t.party());
        assertEquals(PartyResolver.SELF_HOSTED_SOFTWARE, t.partyCode());
        assertNull(t.vendorDetails().legalName());
        assertNull(t.vendorDetails().country());
        assertFalse(t.vendorDetails().outsideEea());
    }

    @Test
    void matomoUnderTheDkimDomainIsSelfHostedToo() {
        Tracker t = pixel("Supermarkt Beispiel <info@news-supermarkt.example.com>", "supermarkt-beispiel.de",
                "https://stats.supermarkt-beispiel.de/matomo.php?idsite=1&rec=1");
        assertEquals(PartyResolver.SELF_HOSTED_SOFTWARE, t.partyCode());
        assertFalse(t.vendorDetails().outsideEea());
    }

    @Test
    void matomoUnderTheSameNameWithAnotherSuffixIsSelfHosted() {
        Tracker t = pixel("Discounter Beispiel <newsletter@discounter-beispiel.info>", "discounter-beispiel.info",
                "https://piwik.discounter-beispiel.de/piwik.php?idsite=2&rec=1&action_name=Newsletter");
        assertEquals(PartyResolver.SELF_HOSTED_SOFTWARE, t.partyCode());
        assertNull(t.vendorDetails().country());
    }

    @Test
    void matomoCloudStaysInnoCraft() {
        Tracker t = pixel("Supermarkt Beispiel <newsletter@supermarkt-beispiel.de>", null,
                "https://supermarkt-beispiel.matomo.cloud/matomo.php?idsite=1&rec=1");
        assertEquals(Party.VENDOR, t.party());
        assertEquals(PartyResolver.VENDOR_HOST, t.partyCode());
        assertEquals("InnoCraft Ltd", t.vendorDetails().legalName());
        assertEquals("NZ", t.vendorDetails().country());
        assertTrue(t.vendorDetails().outsideEea());
    }

    @Test
    void matomoOnAnotherOrganisationsHostNamesNeitherTheSenderNorTheMaker() {
        String url = "https://stats.andere-agentur.example.net/piwik.php?idsite=9&rec=1";
        Tracker t = pixel("Supermarkt Beispiel <newsletter@supermarkt-beispiel.de>", null, url);
        assertEquals(Party.THIRD_PARTY, t.party());
        assertNotEquals(PartyResolver.SELF_HOSTED_SOFTWARE, t.partyCode());
        assertEquals("Matomo (Piwik)", t.vendor());
        assertNull(t.vendorDetails().legalName());
        assertNull(t.vendorDetails().country());
        assertFalse(t.vendorDetails().outsideEea());
    }
}
