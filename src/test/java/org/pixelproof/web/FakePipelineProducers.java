package org.pixelproof.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisIds;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.MessageSummary;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.store.AnalysisStore;

/**
 * TODO(web): a stand-in for the pipeline while ingest/detect/assess/rules are not merged (PipelineProducers is
 * excluded in %test). Reads headers naively and reports every remote URL as a tracker. Remove with the exclusion
 * once the real Analyzer works.
 */
@ApplicationScoped
public class FakePipelineProducers {
    private static final Pattern URL = Pattern.compile("(src=|url\\(|href=)[\"']?(https?://[^\"')\\s>]+)");

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    org.pixelproof.rules.RuleSet rules() {
        return org.pixelproof.rules.RuleSetLoader.loadDefault();
    }

    @Produces
    @Singleton
    Pipeline pipeline(Clock clock) {
        return new Pipeline() {
            @Override
            public Analysis analyze(byte[] raw, String fileName, AnalysisOptions options)
                    throws UnanalysableInputException {
                String text = new String(raw, StandardCharsets.UTF_8);
                if (raw.length == 0) {
                    throw new UnanalysableInputException(new Anomaly(AnomalyCode.EMPTY_INPUT, "1", "empty"));
                }
                if (!text.matches("(?s)^[A-Za-z-]+:.*") || !text.contains("From:")) {
                    throw new UnanalysableInputException(new Anomaly(AnomalyCode.NOT_A_MESSAGE, "1",
                            "no RFC 5322 header block"));
                }
                List<Tracker> trackers = new ArrayList<>();
                Matcher m = URL.matcher(text);
                while (m.find()) {
                    String url = m.group(2);
                    String host = url.replaceFirst("https?://", "").replaceFirst("[/:?#].*", "");
                    TrackerKind kind = m.group(1).startsWith("href") ? TrackerKind.CLICK_TRACKING
                            : m.group(1).startsWith("url") ? TrackerKind.CSS_BEACON : TrackerKind.OPEN_PIXEL;
                    trackers.add(new Tracker("T" + (trackers.size() + 1), kind, url, host, "Fake ESP", null,
                            Party.VENDOR, List.of(), List.of(), Confidence.MEDIUM,
                            List.of(new Signal("fake", "test stand-in")), List.of("width=1 height=1"),
                            new Location("1", "img", "src", null), m.group(), "fake", null, null));
                }
                Verdict verdict = trackers.isEmpty() ? Verdict.NO_TRACKING_FOUND
                        : Verdict.TRACKING_WITHOUT_CONSENT_MARKERS;
                MessageSummary summary = new MessageSummary(header(text, "From"), header(text, "To"), null, null,
                        header(text, "Date"), header(text, "Subject"), header(text, "Message-ID"), null, null, null,
                        null, List.of(), false);
                SenderIdentity sender = new SenderIdentity(null, null, null, null, null, List.of(), List.of(),
                        null, null, null, null, false, null, null, List.of(), List.of("organisation-name"));
                Assessment assessment = new Assessment(verdict, MessageClass.UNKNOWN, List.of(), List.of(),
                        List.of(), null, List.of(), List.of());
                String id = options.id() != null ? options.id() : AnalysisIds.newId();
                return new Analysis(id, fileName, AnalysisStore.sha256(raw), raw.length, clock.instant(), "test",
                        "fake", verdict, summary, options.recipientAddresses(), trackers, List.of(), List.of(),
                        List.of(ConsentMarkerType.values()), List.of(), sender, assessment, Authenticity.none(),
                        List.of());
            }

            @Override
            public ReceivedEmail read(byte[] raw, String fileName) {
                return new org.pixelproof.ingest.EmailParser(org.pixelproof.ingest.IngestLimits.DEFAULT)
                        .parse(raw, fileName);
            }
        };
    }

    private static String header(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":[ \\t]*(.*)$").matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }
}
