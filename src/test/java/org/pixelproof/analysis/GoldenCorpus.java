package org.pixelproof.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.Tracker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The golden corpus of {@code src/test/resources/corpus/}: one folder per case, {@code message.eml} and
 * {@code expected.yaml}. See {@code src/test/resources/corpus/README.md} for the format of the expectations.
 */
final class GoldenCorpus {

    static final Path ROOT = Path.of("src/test/resources/corpus");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Analyzer analyzer;

    private GoldenCorpus() {
    }

    /** @return the analyser shared by the corpus tests: default rules and limits, no DNS, a fixed clock. */
    static synchronized Analyzer analyzer() {
        if (analyzer == null) {
            analyzer = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT, AuthenticityChecker.offline(),
                    Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));
        }
        return analyzer;
    }

    /** @return the case folders, sorted. */
    static List<Path> cases() {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(Files::isDirectory).filter(p -> Files.exists(p.resolve("message.eml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the analysis of a case's message. */
    static Analysis analyse(Path dir) {
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("message.eml"));
            return analyzer().analyze(raw, dir.getFileName() + "/message.eml", AnalysisOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnanalysableInputException e) {
            throw new AssertionError(dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What every output relies on to count the same trackers and identifiers ({@link RecipientTokens}): no token of
     * the analysis is a value that identifies nobody (an unfilled merge tag, base64 of a URL), no tracker is an
     * ordinary link of the sender's own site.
     *
     * @return the trackers breaking that, described; empty when none does
     */
    static List<String> sharedRuleProblems(Analysis a) {
        List<String> out = new ArrayList<>();
        for (Tracker t : a.trackers()) {
            List<String> usable = RecipientTokens.usable(t.perRecipientTokens());
            if (!usable.equals(t.perRecipientTokens())) {
                out.add(t.id() + " carries tokens that identify nobody: " + t.perRecipientTokens());
            }
            if (RecipientTokens.isOrdinaryLink(t, t.perRecipientTokens(), t.destination())) {
                out.add(t.id() + " is an ordinary link of the sender's own site: " + t.url());
            }
        }
        return out;
    }

    /** @return the parsed {@code expected.yaml}, or {@code null} when the case has none. */
    static JsonNode expected(Path dir) {
        Path p = dir.resolve("expected.yaml");
        if (!Files.exists(p)) {
            return null;
        }
        try {
            return YAML.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what was found as {@code expected.yaml.new}, for a person to review and rename. */
    static Path writeNew(Path dir, Analysis a) {
        StringBuilder sb = new StringBuilder("description: TODO describe what this case shows\n");
        sb.append("verdict: ").append(a.verdict()).append('\n');
        sb.append(a.trackers().isEmpty() ? "trackers: []\n" : "trackers:\n");
        for (Tracker t : a.trackers()) {
            sb.append("  - kind: ").append(t.kind()).append('\n');
            sb.append("    host: ").append(t.host()).append('\n');
            sb.append("    vendor: ").append(t.vendor()).append('\n');
            if (!t.recipientIdentifiers().isEmpty()) {
                sb.append("    identifiers: ").append(t.recipientIdentifiers().stream()
                        .map(RecipientIdentifier::encoding).distinct().toList()).append('\n');
            }
            sb.append("    confidence: ").append(t.confidence()).append('\n');
            if (t.wrappedBy() != null) {
                sb.append("    wrappedBy: ").append(t.wrappedBy()).append('\n');
            }
        }
        sb.append("remoteContent: ").append(a.remoteContent().size()).append('\n');
        Path p = dir.resolve("expected.yaml.new");
        try {
            Files.writeString(p, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------------- comparison

    /**
     * The comparison of one case.
     *
     * @param matched        expected trackers found with every expected attribute
     * @param expectedCount  expected trackers (known misses included)
     * @param foundCount     trackers found
     * @param problems       what differs, empty when the case passes
     */
    record Outcome(int matched, int expectedCount, int foundCount, List<String> problems) {
    }

    /** Compares found trackers with the expected ones (matched by kind and host, in order). */
    static Outcome compare(JsonNode expected, Analysis a) {
        List<String> problems = new ArrayList<>();
        List<Tracker> unmatched = new ArrayList<>(a.trackers());
        int matched = 0;
        int expectedCount = 0;
        JsonNode trackers = expected.path("trackers");
        for (Iterator<JsonNode> it = trackers.elements(); it.hasNext();) {
            JsonNode e = it.next();
            expectedCount++;
            String kind = e.path("kind").asText();
            String host = e.path("host").asText();
            boolean knownMiss = e.hasNonNull("expectedMiss");
            Tracker found = null;
            for (Tracker t : unmatched) {
                if (t.kind().name().equals(kind) && host.equals(t.host())) {
                    found = t;
                    break;
                }
            }
            if (found == null) {
                if (!knownMiss) {
                    problems.add("missing " + kind + " " + host);
                }
                continue;
            }
            unmatched.remove(found);
            List<String> diffs = attributeDiffs(e, found);
            if (diffs.isEmpty()) {
                matched++;
                if (knownMiss) {
                    problems.add(kind + " " + host + " is now found: remove its expectedMiss");
                }
            } else if (!knownMiss) {
                problems.add(kind + " " + host + ": " + String.join("; ", diffs));
            }
        }
        for (Tracker t : unmatched) {
            if (!tolerated(expected, t)) {
                problems.add("unexpected " + t.kind() + " " + t.host() + " (" + t.ruleId() + ", " + t.confidence()
                        + ", signals " + t.signals().stream().map(s -> s.code()).toList() + ")");
            }
        }
        if (expected.has("remoteContent") && expected.get("remoteContent").asInt() != a.remoteContent().size()) {
            problems.add("remoteContent " + a.remoteContent().size() + " instead of "
                    + expected.get("remoteContent").asInt() + ": " + a.remoteContent().stream().map(r -> r.url())
                    .toList());
        }
        if (expected.hasNonNull("verdict") && !expected.get("verdict").asText().equals(a.verdict().name())) {
            problems.add("verdict " + a.verdict() + " instead of " + expected.get("verdict").asText());
        }
        return new Outcome(matched, expectedCount, a.trackers().size(), problems);
    }

    private static boolean tolerated(JsonNode expected, Tracker t) {
        for (JsonNode fp : expected.path("falsePositives")) {
            if (t.kind().name().equals(fp.path("kind").asText()) && t.host().equals(fp.path("host").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> attributeDiffs(JsonNode e, Tracker t) {
        List<String> d = new ArrayList<>();
        if (e.has("vendor")) {
            String want = e.get("vendor").isNull() ? null : e.get("vendor").asText();
            if (want == null ? t.vendor() != null : !want.equals(t.vendor())) {
                d.add("vendor " + t.vendor() + " instead of " + want);
            }
        }
        if (e.has("identifiers")) {
            List<String> have = t.recipientIdentifiers().stream().map(RecipientIdentifier::encoding).toList();
            for (JsonNode i : e.get("identifiers")) {
                if (!have.contains(i.asText())) {
                    d.add("identifier " + i.asText() + " not among " + have);
                }
            }
        }
        if (e.has("tokens")) {
            List<String> want = new ArrayList<>();
            e.get("tokens").forEach(n -> want.add(n.asText()));
            if (!want.equals(t.perRecipientTokens())) {
                d.add("tokens " + t.perRecipientTokens() + " instead of " + want);
            }
        }
        if (e.has("identifierPlaces")) {
            List<String> have = t.recipientIdentifiers().stream().map(r -> r.whereCode()
                    + (r.whereName() == null ? "" : " " + r.whereName())).toList();
            for (JsonNode i : e.get("identifierPlaces")) {
                if (!have.contains(i.asText())) {
                    d.add("identifier place " + i.asText() + " not among " + have);
                }
            }
        }
        if (e.has("partyCode")) {
            String want = e.get("partyCode").asText();
            if (!want.equals(t.partyCode())) {
                d.add("partyCode " + t.partyCode() + " instead of " + want);
            }
        }
        if (e.has("confidence")) {
            Confidence min = Confidence.valueOf(e.get("confidence").asText().toUpperCase(Locale.ROOT));
            if (t.confidence().ordinal() > min.ordinal()) {
                d.add("confidence " + t.confidence() + " below " + min + " (signals " + t.signals() + ")");
            }
        }
        for (String field : List.of("party", "wrappedBy", "destination", "url")) {
            if (e.has(field)) {
                String want = e.get(field).isNull() ? null : e.get(field).asText();
                String have = switch (field) {
                    case "party" -> t.party() == null ? null : t.party().name();
                    case "wrappedBy" -> t.wrappedBy();
                    case "destination" -> t.destination();
                    default -> t.url();
                };
                if (want == null ? have != null : !want.equals(have)) {
                    d.add(field + " " + have + " instead of " + want);
                }
            }
        }
        return d;
    }
}
