package org.pixelproof.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/** How many findings an analysis lists: a hostile message must not make an analysis too large to store. */
class AnalyzerLimitsTest {

    @Test
    void aMessageWithThousandsOfPixelsListsTheFirstOnesAndSaysHowManyWereLeftOut() throws Exception {
        int pixels = Analyzer.MAX_LISTED + 100;
        StringBuilder b = new StringBuilder("From: News <news@shop.example.com>\r\nTo: camille@example.org\r\n"
                + "Subject: Pixels\r\nMessage-ID: <p@shop.example.com>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>");
        for (int i = 0; i < pixels; i++) {
            b.append("<img src=\"https://t").append(i).append(".tracker.example/o.gif?u=camille@example.org\"")
                    .append(" width=\"1\" height=\"1\">");
        }
        Analyzer analyzer = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
                AuthenticityChecker.offline(), Clock.systemUTC());
        Analysis a = analyzer.analyze(b.toString().getBytes(StandardCharsets.UTF_8), "pixels.eml",
                AnalysisOptions.DEFAULT);
        assertEquals(Analyzer.MAX_LISTED, a.trackers().size());
        assertEquals(Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, a.verdict());
        assertTrue(a.anomalies().stream().anyMatch(x -> x.code() == AnomalyCode.TOO_MANY_REFERENCES
                && x.detail().startsWith(pixels + " trackers found")), a.anomalies().toString());
    }

    @Test
    void aBodyCutByTheElementLimitSaysTheResultCoversOnlyWhatWasRead() throws Exception {
        String head = "From: News <news@shop.example.com>\r\nTo: camille@example.org\r\nSubject: Cut\r\n"
                + "Message-ID: <c@shop.example.com>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>";
        Analyzer analyzer = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
                AuthenticityChecker.offline(), Clock.systemUTC());
        String pixel = "<img src=\"https://t.tracker.example/o.gif?u=camille@example.org\" width=\"1\" height=\"1\">";
        Analysis cut = analyzer.analyze((head + "<b>x</b>".repeat(150_001) // one past HtmlParsing.MAX_ELEMENTS
                + pixel).getBytes(StandardCharsets.UTF_8), "cut.eml", AnalysisOptions.DEFAULT);
        assertEquals(Verdict.NO_TRACKING_FOUND, cut.verdict(), "the pixel after the cut is not analysed");
        assertTrue(cut.assessment().caveats().contains("part-not-analysed"), cut.assessment().caveats().toString());
        Analysis whole = analyzer.analyze((head + pixel).getBytes(StandardCharsets.UTF_8), "whole.eml",
                AnalysisOptions.DEFAULT);
        assertTrue(!whole.assessment().caveats().contains("part-not-analysed"), whole.assessment().caveats().toString());
    }
}
