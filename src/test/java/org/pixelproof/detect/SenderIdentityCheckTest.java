package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSetLoader;

/** {@link SenderIdentityCheck}: impersonation is flagged, genuine senders are not. */
class SenderIdentityCheckTest {

    private static final Detector DETECTOR = new Detector(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);

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
}
