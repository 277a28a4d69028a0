package org.pixelproof.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisIds;
import org.pixelproof.analysis.MessageSummary;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;

/** Hand-made analyses for store tests, independent of the pipeline. */
public final class TestAnalyses {
    private TestAnalyses() {
    }

    /** @return a small message's bytes. */
    public static byte[] message(String subject) {
        return ("From: Boutique <news@shop.example.com>\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <1@shop.example.com>\r\n\r\n<img src=\"https://t.example.net/o.gif?e=alice\">\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return an analysis of {@code raw} with one open pixel, as the pipeline would make it. */
    public static Analysis analysisOf(byte[] raw, String subject, Instant at) {
        String id = AnalysisIds.newId();
        Tracker pixel = new Tracker("T1", TrackerKind.OPEN_PIXEL, "https://t.example.net/o.gif?e=alice",
                "t.example.net", "Example ESP", null, Party.VENDOR,
                List.of(new RecipientIdentifier("alice", "plain", "query parameter e", "alice@example.org")),
                List.of("e=alice"), Confidence.HIGH, List.of(new Signal("declared-size", "width=1 height=1")),
                List.of("width=1 height=1"), new Location("1", "img", "src", null), "<img src=...>",
                "heuristic.pixel", null, null);
        MessageSummary summary = new MessageSummary("Boutique <news@shop.example.com>", "alice@example.org", null,
                null, "Mon, 2 Nov 2026 10:00:00 +0100", subject, "<1@shop.example.com>", null, null, null, null,
                List.of(), false);
        SenderIdentity sender = new SenderIdentity("news@shop.example.com", "Boutique", "shop.example.com", null,
                null, List.of(), List.of(), "Boutique SAS", null, null, null, false, null, null, List.of(),
                List.of("postal-address"));
        Assessment assessment = new Assessment(Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, MessageClass.MARKETING,
                List.of(), List.of(), List.of("lil-82"), null, List.of(), List.of("one-message-only"));
        return new Analysis(id, "news.eml", AnalysisStore.sha256(raw), raw.length, at, "test", "test-rules",
                Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, summary, List.of("alice@example.org"), List.of(pixel),
                List.of(), List.of(), List.of(ConsentMarkerType.values()), List.of(), sender, assessment,
                Authenticity.none(), List.of());
    }
}
