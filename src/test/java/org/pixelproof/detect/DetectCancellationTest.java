package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.AnalysisCancelledException;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * The detector's check points: with its thread interrupted, detection and the reading of visible text stop with an
 * {@link AnalysisCancelledException} instead of returning findings.
 */
class DetectCancellationTest {
    private final Detector detector = new Detector(Fixtures.rules(), IngestLimits.DEFAULT);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void detectionStopsWhenItsThreadIsInterrupted() {
        ReceivedEmail email = Fixtures.html("<p>Hello</p><img src=\"https://t.example.com/o.gif\" width=1 height=1>");
        assertEquals(1, detector.detect(email, List.of()).trackers().size());
        Thread.currentThread().interrupt();
        assertThrows(AnalysisCancelledException.class, () -> detector.detectWithTexts(email, List.of()));
    }

    @Test
    void theWalkOfALargeBodyChecksEveryFewHundredNodes() {
        Document doc = Jsoup.parse("<p>x</p>".repeat(Cancellation.EVERY * 2));
        assertEquals(Cancellation.EVERY * 2, VisibleText.ofHtml("1", doc, 1_000_000).paragraphs().size());
        Thread.currentThread().interrupt();
        assertThrows(AnalysisCancelledException.class, () -> VisibleText.ofHtml("1", doc, 1_000_000));
    }

    @Test
    void aLongPlainTextLineStopsInsideTheLinkPattern() {
        String line = "see http://" + "a".repeat(Cancellation.CHECKED_TEXT_MIN_CHARS * 2);
        Thread.currentThread().interrupt();
        assertThrows(AnalysisCancelledException.class, () -> VisibleText.ofPlain("1", line, 10_000_000));
    }
}
