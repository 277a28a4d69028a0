package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * What a dossier says of a request to confirm a subscription (double opt-in): the confirmation link is named and set
 * aside as functional, with its reason, the message is a requested one, and the pixel of the same message is still a
 * tracker. Fictional message {@code org/pixelproof/detect/double-opt-in/activecampaign-confirm-with-pixel-de.eml}.
 */
class DoubleOptInDossierTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static RuleSet rules;
    private static CaseEmail doi;

    @BeforeAll
    static void pipeline() throws Exception {
        rules = RuleSetLoader.loadDefault();
        Analyzer analyzer = new Analyzer(rules, IngestLimits.DEFAULT, AuthenticityChecker.offline(),
                DossierFixtures.CLOCK);
        String path = "org/pixelproof/detect/double-opt-in/activecampaign-confirm-with-pixel-de.eml";
        try (InputStream in = DoubleOptInDossierTest.class.getClassLoader().getResourceAsStream(path)) {
            assertTrue(in != null, "fixture " + path);
            byte[] bytes = in.readAllBytes();
            ReceivedEmail email = TestEmails.read(bytes, "activecampaign-confirm-with-pixel-de.eml");
            Analysis a = analyzer.analyzeRead(email, AnalysisOptions.DEFAULT);
            doi = new CaseEmail(a, bytes, email);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Language lang) {
        Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(doi), DossierFixtures.complainant(),
                lang);
        return DossierTemplatesTest.plain(TEMPLATES.dossierXhtml(d)).replace("&#39;", "'").replace("&amp;", "&");
    }

    @Test
    void theFrenchDossierSetsTheConfirmationLinkAsideAndSaysWhy() {
        String x = text(Language.FR);
        assertTrue(x.contains("non compté comme suivi des clics : c'est le lien de confirmation d'inscription du "
                + "prestataire d'envoi"), x);
        assertTrue(x.contains("papierwerkstatt.activehosted.com"), x);
        assertTrue(x.contains("un accès strictement nécessaire au service expressément demandé n'appelle pas de "
                + "consentement (article 82 de la loi Informatique et Libertés)"), x);
        assertTrue(x.contains("transactionnelle (demande de confirmation d'une inscription, message demandé)"), x);
        assertTrue(x.contains("lien de confirmation d'inscription (double opt-in)"), "the cue is worded: " + x);
        assertTrue(x.contains("non (confirmation d'inscription)"), "annex B marks the link: " + x);
        assertFalse(x.contains("commerciale (prospection, lettre d'information)"), x);
        assertTrue(x.contains("papierwerkstatt.emlnk9.com"), "the pixel is still a tracker: " + x);
    }

    @Test
    void theEnglishDossierToo() {
        String x = text(Language.EN);
        assertTrue(x.contains("not counted as click tracking: it is the sending service's link for confirming the "
                + "subscription"), x);
        assertTrue(x.contains("transactional (request to confirm a subscription, a requested message)"), x);
        assertTrue(x.contains("no (subscription confirmation)"), x);
    }
}
