package org.pixelproof.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.HtmlParsing;
import org.pixelproof.detect.Tracker;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.HostileMessages;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/** Inputs that made a library or a text search throw: the analysis goes on and says what happened. */
class AnalyzerParserDefectsTest {
    private static final Analyzer ANALYZER = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
            AuthenticityChecker.offline(), Clock.systemUTC());

    @Test
    void aBodyThatMakesJsoupThrowAtTheDepthLimitIsParsedAgainAndItsPixelFound() throws Exception {
        Analysis a = ANALYZER.analyze(HostileMessages.formattingAtDepthLimit(507), "depth.eml",
                AnalysisOptions.DEFAULT);
        assertTrue(a.anomalies().stream().anyMatch(x -> x.code() == AnomalyCode.HTML_TOO_DEEP
                && x.detail().startsWith("the HTML parser (jsoup) failed on this body")), a.anomalies().toString());
        assertTrue(a.trackers().stream().map(Tracker::host).anyMatch("pixel.exemple-hostile.org"::equals),
                a.trackers().toString());
    }

    @Test
    void theGuardedParseFallsBackOnlyWhenJsoupThrows() {
        String crash = "<div>".repeat(507) + "<p><a href=\"https://l.example/u\"><font><li><p>m";
        HtmlParsing.Parsed failing = HtmlParsing.parseGuarded(crash, 512, true);
        assertNotNull(failing.problem());
        assertEquals(1, failing.document().select("a[href]").size(), "the link is still in the document");
        HtmlParsing.Parsed fine = HtmlParsing.parseGuarded("<p><a href=\"https://l.example/u\">x</a>", 512, true);
        assertNull(fine.problem());
        assertTrue(fine.document().selectFirst("a").sourceRange().isTracked());
    }

    @Test
    void aDottedCapitalIBeforeTheRecipientsAddressNoLongerShiftsTheSearch() throws Exception {
        Analysis a = ANALYZER.analyze(HostileMessages.dottedCapitalIBeforeAddress(), "dotted.eml",
                AnalysisOptions.DEFAULT);
        assertTrue(a.trackers().stream().flatMap(t -> t.recipientIdentifiers().stream())
                .anyMatch(id -> "plain".equals(id.encoding())), a.trackers().toString());
    }

    @Test
    void megabyteUrlsDoNotMakeAMegabyteDossier() throws Exception {
        byte[] raw = HostileMessages.urlPercentEscapes(1 << 20);
        Analysis a = ANALYZER.analyze(raw, "urls.eml", AnalysisOptions.DEFAULT);
        org.pixelproof.dossier.Dossier d = new org.pixelproof.dossier.DossierBuilder(ANALYZER.rules(), Clock.systemUTC())
                .build(java.util.List.of(new org.pixelproof.dossier.CaseEmail(a, raw, ANALYZER.read(raw, "urls.eml"))),
                        org.pixelproof.dossier.Complainant.UNKNOWN, org.pixelproof.dossier.Language.FR);
        String xhtml = org.pixelproof.dossier.DossierTemplates.standard().dossierXhtml(d);
        assertTrue(xhtml.length() < 500_000, "each URL cut at 8,000 characters: " + xhtml.length());
        assertTrue(xhtml.contains("caractères de plus, dans l&#39;original joint"), "the cut is said");
    }
}
