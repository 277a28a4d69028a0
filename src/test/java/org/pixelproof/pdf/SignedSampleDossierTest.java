package org.pixelproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.dossier.DossierBuilder;
import org.pixelproof.dossier.DossierFixtures;
import org.pixelproof.dossier.DossierTemplates;
import org.pixelproof.dossier.Language;
import org.pixelproof.dossier.TestEmails;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * Issue 8's "done when", end to end through the PDF: the shipped sample {@code samples/newsletter-fr.eml} is really
 * DKIM-signed, its public key is in {@code samples/dkim-keys.zone} (read as a local zone file: no network). Its dossier
 * names the signing domain and says the tracker-bearing body is covered by a valid signature; the same message with one
 * byte of its open-pixel URL changed is reported as failing verification, in the analysis and in the dossier.
 */
class SignedSampleDossierTest {
    private static final Path SAMPLE = Path.of("samples/newsletter-fr.eml");
    private static final Path ZONE = Path.of("samples/dkim-keys.zone");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);
    private static final DossierPdf PDF = new DossierPdf(DossierTemplates.standard(), new PdfRenderer());
    /** The start of the Mailjet open pixel's path in the quoted-printable HTML part of the sample. */
    private static final String PIXEL = "https://x7kq2.mjt.lu/oo/AVYAAEZxKjwAAc1RtbQAA7pGxZ8AAAAAg9QAAAA";
    private static RuleSet rules;
    private static Analyzer analyzer;

    @BeforeAll
    static void engine() {
        rules = RuleSetLoader.loadDefault();
        analyzer = new Analyzer(rules, IngestLimits.DEFAULT, AuthenticityChecker.create(false, ZONE), CLOCK);
    }

    private static CaseEmail analyse(byte[] raw) throws Exception {
        Analysis a = analyzer.analyze(raw, "newsletter-fr.eml", AnalysisOptions.DEFAULT);
        return new CaseEmail(a, raw, TestEmails.read(raw, "newsletter-fr.eml"));
    }

    private static String dossierText(CaseEmail c) {
        var d = new DossierBuilder(rules, CLOCK).build(List.of(c), DossierFixtures.complainant(), Language.FR);
        return PdfText.of(PDF.dossier(d)).text().replaceAll("\\s+", " ");
    }

    private static String authenticitySection(String text) {
        int start = text.indexOf("Authenticité du message");
        assertTrue(start >= 0, "the dossier has an authenticity section");
        return text.substring(start);
    }

    @Test
    void theSignedSampleNamesItsSignerAndSaysTheTrackersAreCovered() throws Exception {
        CaseEmail c = analyse(Files.readAllBytes(SAMPLE));
        List<DkimResult> dkim = c.analysis().authenticity().dkim();
        assertEquals(1, dkim.size(), dkim.toString());
        assertEquals("pass", dkim.get(0).result(), dkim.toString());
        assertEquals("maison-lumiere.fr", dkim.get(0).domain());
        assertTrue(dkim.get(0).bodyCovered(), dkim.toString());
        assertEquals(Boolean.TRUE, dkim.get(0).trackersInSignedBody(), "the HTML carrying the trackers is signed");
        assertEquals(List.of(), dkim.get(0).trackersOutsideSignedBody());

        String section = authenticitySection(dossierText(c));
        assertTrue(section.contains("maison-lumiere.fr"), section);
        assertTrue(section.contains("traceurs compris, est couvert par une signature DKIM valide"), section);
    }

    @Test
    void oneByteOfThePixelUrlChangedIsReportedAsFailing() throws Exception {
        byte[] raw = Files.readAllBytes(SAMPLE);
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(PIXEL);
        assertTrue(at > 0, "the sample still holds its Mailjet open pixel");
        int last = at + PIXEL.length() - 1; // an 'A' of the pixel's token
        byte[] altered = raw.clone();
        altered[last] = 'B';
        assertNotEquals(new String(raw, StandardCharsets.ISO_8859_1), new String(altered, StandardCharsets.ISO_8859_1));

        CaseEmail c = analyse(altered);
        List<DkimResult> dkim = c.analysis().authenticity().dkim();
        assertEquals(1, dkim.size(), dkim.toString());
        assertEquals("fail", dkim.get(0).result(), dkim.toString());
        assertTrue(dkim.get(0).reason() != null && dkim.get(0).reason().contains("body hash"), dkim.toString());
        assertFalse(c.analysis().trackers().isEmpty(), "the altered pixel is still found");

        String section = authenticitySection(dossierText(c));
        assertTrue(section.contains("maison-lumiere.fr"), section);
        assertFalse(section.contains("traceurs compris, est couvert par une signature DKIM valide"), section);
        assertTrue(section.contains("invalide"), section);
    }

    @Test
    void withKeyLookupsOffTheDossierSaysNotVerifiedButNeverThatTheBodyWasAltered() throws Exception {
        Analyzer offline = new Analyzer(rules, IngestLimits.DEFAULT, AuthenticityChecker.offline(), CLOCK);
        byte[] raw = Files.readAllBytes(SAMPLE);
        Analysis a = offline.analyze(raw, "newsletter-fr.eml", AnalysisOptions.DEFAULT);
        DkimResult k = a.authenticity().dkim().get(0);
        assertEquals("neutral", k.result(), k.toString());
        assertEquals(Boolean.TRUE, k.bodyHashVerified(), k.toString());

        String section = authenticitySection(dossierText(new CaseEmail(a, raw, TestEmails.read(raw, "n.eml"))));
        assertTrue(section.contains("recherche des clés désactivée"), section);
        assertTrue(section.contains("le corps concorde avec l'empreinte annoncée par la signature"), section);
        assertFalse(section.contains("non concordante"), section);
        assertFalse(section.contains("diffère de celui qui a été signé"), section);
    }

    @Test
    void theZoneFileHoldsOnlyTheSamplesKey() throws IOException {
        String zone = Files.readString(ZONE, StandardCharsets.UTF_8);
        assertTrue(zone.contains("mailjet._domainkey.maison-lumiere.fr"), zone);
    }
}
