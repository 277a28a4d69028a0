package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * What the complaint and the dossier may claim, from what the analysis supports (a new user's trial, November 2026,
 * found four false statements). The fixtures under {@code dossier/claims/} are modelled on real received mail and go
 * through the whole pipeline with the shipped rule set: a survey invitation whose plain-text part says "If you wish
 * to be removed from the ... panel, please click here to URL" (an unsubscribe link the complaint had called absent);
 * a ticket order confirmation without an unsubscribe link (transactional: no CPCE art. L34-5 accusation, and section
 * 8 must not give its order wording as a reason against the deliverability exemption); a message whose footer gives
 * a SIREN whose check key fails and whose pixel carries the recipient's address in plain text.
 */
class DossierClaimsTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static RuleSet rules;
    private static Analyzer analyzer;

    @BeforeAll
    static void pipeline() {
        rules = RuleSetLoader.loadDefault();
        analyzer = new Analyzer(rules, IngestLimits.DEFAULT, AuthenticityChecker.offline(), DossierFixtures.CLOCK);
    }

    private static CaseEmail fixture(String name) {
        String path = "dossier/claims/" + name;
        try (InputStream in = DossierClaimsTest.class.getClassLoader().getResourceAsStream(path)) {
            assertTrue(in != null, "fixture " + path);
            byte[] bytes = in.readAllBytes();
            ReceivedEmail email = TestEmails.read(bytes, name);
            Analysis a = analyzer.analyzeRead(email, AnalysisOptions.DEFAULT);
            return new CaseEmail(a, bytes, email);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dossier dossier(CaseEmail ce, Language lang) {
        return new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(ce), DossierFixtures.complainant(), lang);
    }

    /** @return the text with French non-breaking spaces as spaces and XHTML's escaped apostrophes read. */
    private static String plain(String s) {
        return DossierTemplatesTest.plain(s).replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String complaint(CaseEmail ce, Language lang) {
        return plain(TEMPLATES.letterText(dossier(ce, lang), LetterKind.CNIL_COMPLAINT));
    }

    private static String dossierText(CaseEmail ce, Language lang) {
        return plain(TEMPLATES.dossierXhtml(dossier(ce, lang)));
    }

    // ------------------------------------------------------------------ 1. the unsubscribe link in plain text

    @Test
    void aPlainTextRemovalLinkIsNotCalledAbsent() {
        CaseEmail ce = fixture("survey-panel-plain-unsubscribe-en.eml");
        assertTrue(ce.analysis().consentMarkers().stream().anyMatch(m -> m.type() == ConsentMarkerType.UNSUBSCRIBE_LINK
                && m.url().endsWith("myContent=unsubscribes")), ce.analysis().consentMarkers().toString());
        assertFalse(ce.analysis().trackers().isEmpty(), "the open pixel is found: a complaint is prepared");
        String fr = complaint(ce, Language.FR);
        assertFalse(fr.contains("ni lien de désabonnement"), fr);
        assertFalse(fr.contains("aucun moyen de demander l'arrêt des envois"), fr);
        String en = complaint(ce, Language.EN);
        assertFalse(en.contains("neither an unsubscribe link"), en);
        String x = dossierText(ce, Language.FR);
        assertTrue(x.contains("If you wish to be removed from the Panel-Example.com panel"), "the marker is quoted");
        assertFalse(x.contains("Aucun lien de désabonnement."), "not listed as missing");
    }

    // ------------------------------------------------------------------ 2. transactional: no L34-5 accusation

    @Test
    void aTransactionalMessageIsNotAccusedUnderL345AndSection8DoesNotContradictItself() {
        CaseEmail ce = fixture("ticket-order-confirmation-en.eml");
        assertEquals(MessageClass.TRANSACTIONAL, ce.analysis().assessment().messageClass());
        assertTrue(dossier(ce, Language.FR).primary().noWayToStop(), "no unsubscribe link, no List-Unsubscribe");

        String fr = complaint(ce, Language.FR);
        assertFalse(fr.contains("34-5"), fr);
        assertFalse(fr.contains("ni lien de désabonnement"), fr);
        String en = complaint(ce, Language.EN);
        assertFalse(en.contains("34-5"), en);

        String x = dossierText(ce, Language.FR);
        assertFalse(x.contains("alors que l'article L. 34-5 du CPCE exige"), "section 7 accuses nothing");
        assertTrue(x.contains("Il a été classé transactionnel (section 8) : l'obligation de l'article L. 34-5 du CPCE, "
                + "propre aux messages de prospection, ne lui est pas opposée ici."), x);
        // the order wording speaks for the deliverability exemption: it is never its first reason for not applying
        assertFalse(x.contains("ne s'applique pas – le message parle de commande"), x);
        assertTrue(x.contains("Délivrabilité d'un message transactionnel ou demandé</b> :\n<span class=\"missing\">ne "
                + "s'applique pas</span> – le suivi des clics par destinataire dépasse la seule délivrabilité, même si le "
                + "message parle de commande, de facture, de livraison, de compte, de réservation ou "
                + "d'inscription."), x);
        // and per-recipient click tracking is not "beyond deliverability" for the authentication exemption
        assertTrue(x.contains("Sécurité de l'authentification</b> :\n<span class=\"missing\">ne s'applique pas</span> – "
                + "les règles de PixelProof n'ont reconnu aucun vocabulaire de connexion"), x);
        assertTrue(x.contains("des liens suivis portent un identifiant propre au destinataire."), x);

        String xe = dossierText(ce, Language.EN);
        assertFalse(xe.contains("whereas Article L34-5 CPCE requires"), xe);
        assertTrue(xe.contains("It was classified as transactional (section 8): the requirement of Article L34-5 CPCE,"
                + " which concerns marketing messages, is not raised against it here."), xe);
        assertTrue(xe.contains("does not apply</span> – per-recipient click tracking goes beyond deliverability, even "
                + "though the message speaks of an order, invoice, delivery, account, booking or subscription."), xe);
        assertFalse(xe.contains("does not apply</span> – the message speaks of an order"), xe);
    }

    private static CaseEmail newsletterWithoutWayToStop(MessageClass cls) {
        UnaryOperator<DossierFixtures.AnalysisParts> change = p -> {
            Assessment as = p.assessment();
            return p.markers(p.markers().stream().filter(m -> m.type() != ConsentMarkerType.UNSUBSCRIBE_LINK
                    && m.type() != ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER).toList(), p.missing())
                    .assessment(new Assessment(as.verdict(), cls, as.cues(), as.exemptions(), as.provisionIds(),
                            as.receivedDate(), as.timeline(), as.caveats()));
        };
        return DossierFixtures.newsletterCase(change);
    }

    @Test
    void theL345ClaimFollowsTheClassMarketingStatedUnknownHedgedOtherwiseNone() {
        Dossier marketing = DossierFixtures.builder().build(List.of(newsletterWithoutWayToStop(MessageClass.MARKETING)),
                DossierFixtures.complainant(), Language.FR);
        assertEquals("marketing", marketing.primary().stopMeansClaim());
        String m = plain(TEMPLATES.letterText(marketing, LetterKind.CNIL_COMPLAINT));
        assertTrue(m.contains("il n'indique aucun moyen de demander l'arrêt des envois, contrairement à ce qu'exige "
                + "l'article L. 34-5 du CPCE."), m);

        for (Language lang : Language.values()) {
            Dossier unknown = DossierFixtures.builder().build(List.of(newsletterWithoutWayToStop(MessageClass.UNKNOWN)),
                    DossierFixtures.complainant(), lang);
            assertEquals("uncertain", unknown.primary().stopMeansClaim());
            String u = plain(TEMPLATES.letterText(unknown, LetterKind.CNIL_COMPLAINT));
            String ux = plain(TEMPLATES.dossierXhtml(unknown));
            if (lang == Language.FR) {
                assertTrue(u.contains("S'il relève de la prospection, ce que ce seul message ne permet pas d'établir "
                        + "avec certitude, l'article L. 34-5 du CPCE exige un tel moyen."), u);
                assertFalse(u.contains("contrairement à ce qu'exige l'article L. 34-5"), u);
                assertTrue(ux.contains("s'il s'agit d'un message de prospection, ce que ce seul message ne permet pas "
                        + "d'établir"), ux);
            } else {
                assertTrue(u.contains("If it is direct marketing, which this one message does not establish for "
                        + "certain, Article L34-5 CPCE requires such a way."), u);
                assertTrue(ux.contains("if it is direct marketing, which this one message does not establish"), ux);
            }

            for (MessageClass cls : List.of(MessageClass.TRANSACTIONAL, MessageClass.SECURITY,
                    MessageClass.PERSONAL)) {
                Dossier other = DossierFixtures.builder().build(List.of(newsletterWithoutWayToStop(cls)),
                        DossierFixtures.complainant(), lang);
                assertEquals("not-marketing", other.primary().stopMeansClaim());
                String o = plain(TEMPLATES.letterText(other, LetterKind.CNIL_COMPLAINT));
                assertFalse(o.contains("List-Unsubscribe"), cls + ": " + o);
            }
        }
        Dossier withLink = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        assertEquals("none", withLink.primary().stopMeansClaim());
    }

    // ------------------------------------------------------------------ 3. a SIREN whose check key fails

    @Test
    void aSirenWhoseCheckKeyFailsIsNeverGivenAsTheOrganisationsIdentifier() {
        CaseEmail ce = fixture("footer-invalid-siren-address-in-pixel-fr.eml");
        Dossier.Organisation org = dossier(ce, Language.FR).organisation();
        assertEquals("812345678", org.siren(), "read from the footer");
        assertFalse(org.sirenValid());
        assertNull(org.validSiren());
        assertEquals("812345678", org.invalidSiren());

        String fr = complaint(ce, Language.FR);
        assertFalse(fr.contains("SIREN : 812345678"), fr);
        assertTrue(fr.contains("SIREN : [à compléter si connu] (le message indique le numéro 812345678, dont la clé de "
                + "contrôle est fausse : ce n'est pas un numéro SIREN valide, il n'est donc pas repris ici)"), fr);
        String en = complaint(ce, Language.EN);
        assertFalse(en.contains("SIREN: 812345678"), en);
        assertTrue(en.contains("SIREN: [to be completed if known] (the message gives the number 812345678, whose check "
                + "key fails: it is not a valid SIREN number, so it is not used here)"), en);
        // the dossier still shows what was read, marked invalid
        assertTrue(dossierText(ce, Language.FR).contains("clé de contrôle invalide"));
    }

    @Test
    void aValidSirenIsGivenAsIs() {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        assertEquals("842317570", d.organisation().validSiren());
        assertNull(d.organisation().invalidSiren());
        assertTrue(plain(TEMPLATES.letterText(d, LetterKind.CNIL_COMPLAINT)).contains("SIREN : 842317570\n"));
    }

    // ------------------------------------------------------------------ 4. the address's encoding as found

    @Test
    void theAddressInAPixelIsWordedByTheEncodingFound() {
        CaseEmail ce = fixture("footer-invalid-siren-address-in-pixel-fr.eml");
        String fr = complaint(ce, Language.FR);
        assertTrue(fr.contains("pixel espion hébergé par nws.mesure-exemple.example"), fr);
        assertTrue(fr.contains("portant mon adresse e-mail en clair."), fr);
        assertFalse(fr.contains("encodée"), fr);
        String en = complaint(ce, Language.EN);
        assertTrue(en.contains("carrying my e-mail address in plain text."), en);
        assertFalse(en.contains("encoded"), en);
        // the fixture newsletter's pixel carries it in Base64
        String b64 = plain(TEMPLATES.letterText(DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR), LetterKind.CNIL_COMPLAINT));
        assertTrue(b64.contains("portant mon adresse e-mail encodée en Base64."), b64);
    }

    @Test
    void addressFormsGroupTheEncodingCodes() {
        assertEquals(new Dossier.AddressForm("plain", null), Dossier.AddressForm.of("plain"));
        assertEquals(new Dossier.AddressForm("urlencoded", null), Dossier.AddressForm.of("urlencoded"));
        assertEquals(new Dossier.AddressForm("verp", null), Dossier.AddressForm.of("verp"));
        assertEquals(new Dossier.AddressForm("base64", null), Dossier.AddressForm.of("base64"));
        assertEquals(new Dossier.AddressForm("base64", null), Dossier.AddressForm.of("base64url"));
        assertEquals(new Dossier.AddressForm("hex", null), Dossier.AddressForm.of("hex-upper"));
        assertEquals(new Dossier.AddressForm("hash", "MD5"), Dossier.AddressForm.of("md5-upper"));
        assertEquals(new Dossier.AddressForm("hash", "SHA-1"), Dossier.AddressForm.of("sha1"));
        assertEquals(new Dossier.AddressForm("hash", "SHA-512"), Dossier.AddressForm.of("sha512"));
        assertEquals(new Dossier.AddressForm("hash", "SHA-256(MD5)"), Dossier.AddressForm.of("sha256(md5)"));
        assertEquals(new Dossier.AddressForm("other", "rot13"), Dossier.AddressForm.of("rot13"));
        assertEquals(new Dossier.AddressForm("other", "sha256(rot13)"), Dossier.AddressForm.of("sha256(rot13)"));
    }
}
