package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * A click tracker that groups seven links of one redirector, the recipient's address in the seventh and a token in
 * the sixth (shaped like an Adobe Campaign newsletter): the dossier says how many links it stands for, names the link
 * each identifier was read in, and shows the token whole as found, as the result page does.
 */
class DossierGroupedTrackerTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static final String TOKEN = "p1=%40Qx7pKfGm2hlZ%2BW3RqTSnYse9vgiiPKLnCfDTfGvMKE%3D";

    private static CaseEmail grouped() throws Exception {
        byte[] raw;
        try (InputStream in = DossierGroupedTrackerTest.class.getResourceAsStream("/web/grouped-click-tracker.eml")) {
            raw = in.readAllBytes();
        }
        Analyzer an = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT, AuthenticityChecker.offline(),
                Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));
        Analysis a = an.analyze(raw, "grouped-click-tracker.eml", AnalysisOptions.DEFAULT);
        return new CaseEmail(a, raw, an.read(raw, "grouped-click-tracker.eml"));
    }

    private static String plain(String s) {
        return DossierTemplatesTest.plain(s).replace("&#39;", "'");
    }

    @Test
    void eachIdentifierOfAGroupNamesTheLinkItWasReadIn() throws Exception {
        Dossier fr = DossierFixtures.builder().build(List.of(grouped()), DossierFixtures.complainant(), Language.FR);
        Dossier.TrackerRow t1 = fr.emails().get(0).trackers().get(0);
        assertEquals(7, t1.linkIds().size());
        assertEquals("L7", t1.identifierRows().get(0).foundIn());
        assertEquals(List.of(new Dossier.TokenRow(TOKEN, "L6")), t1.tokenRows());

        String x = plain(TEMPLATES.dossierXhtml(fr));
        assertTrue(x.contains("7 liens de ce type"), x);
        assertTrue(x.contains("alex.martin%40example.org</span> (encodée pour URL, paramètre de requête p1 ; relevée "
                + "dans le lien L7, annexe B)"), x);
        assertTrue(x.contains(TOKEN + " <span class=\"small\">(lien L6)</span>"), x);
        assertFalse(x.contains(">p1=W3Rq"), "never a piece of the value");

        String en = plain(TEMPLATES.dossierXhtml(DossierFixtures.builder().build(List.of(grouped()),
                DossierFixtures.complainant(), Language.EN)));
        assertTrue(en.contains("(URL-encoded, query parameter p1; found in link L7, annex B)"), en);
        assertTrue(en.contains(TOKEN + " <span class=\"small\">(link L6)</span>"), en);
    }
}
