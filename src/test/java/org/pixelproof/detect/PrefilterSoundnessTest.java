package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.ClassificationPhrase;
import org.pixelproof.rules.MarkerPhrase;
import org.pixelproof.rules.PatternPrefilter;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The prefilters that let the finders skip patterns ({@link PatternPrefilter}) never leave out a pattern that matches,
 * and their windowed search finds exactly the matches {@link Matcher#find()} finds, on real text: every footer pattern of {@link FooterReader} on every visible text, and every marker and
 * classification phrase on every normalised visible text, paragraph and link text, of the golden corpus and of
 * {@code ../shared/corpus/real} when present.
 */
class PrefilterSoundnessTest {

    @Test
    void prefiltersKeepEveryPatternThatMatchesTheCorpora() throws IOException {
        RuleSet rules = RuleSetLoader.loadDefault();
        List<Pattern> footer = List.of(FooterReader.LEGAL_FORM, FooterReader.FR_ADDRESS, FooterReader.DE_NL_ADDRESS,
                FooterReader.LATIN_ADDRESS, FooterReader.ANGLO_ADDRESS, FooterReader.REGISTRATION_LABEL,
                FooterReader.GERMAN_VAT, FooterReader.FOREIGN_REGISTRATION, FooterReader.EMAIL, FooterReader.URL,
                FooterReader.DPO_LABEL, FooterReader.RIGHTS_NOTICE, FooterReader.DE_NL_STREET_NUMBER);
        List<Pattern> phrases = new ArrayList<>();
        rules.markerPhrases().stream().map(MarkerPhrase::pattern).forEach(phrases::add);
        rules.classificationPhrases().stream().map(ClassificationPhrase::pattern).forEach(phrases::add);
        PatternPrefilter footerFilter = PatternPrefilter.of(footer);
        PatternPrefilter phraseFilter = PatternPrefilter.of(phrases);

        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/corpus"))) {
            s.filter(p -> p.toString().endsWith(".eml")).sorted().forEach(files::add);
        }
        Path real = Path.of("../shared/corpus/real");
        if (Files.isDirectory(real)) { // optional: the golden corpus alone already checks the principle
            try (Stream<Path> s = Files.list(real)) {
                s.filter(p -> p.toString().endsWith(".eml")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() > 50, "the golden corpus is there");
        EmailParser parser = new EmailParser(IngestLimits.DEFAULT);
        Detector detector = new Detector(rules, IngestLimits.DEFAULT);
        int matches = 0;
        int deNl = 0;
        for (Path f : files) {
            ReceivedEmail e = parser.parse(Files.readAllBytes(f), f.toString());
            if (e.rejection().isPresent()) {
                continue;
            }
            for (VisibleText vt : VisibleText.ofEmail(e, detector.parseHtml(e), VisibleText.DEFAULT_MAX_CHARS)) {
                String footerText = vt.text().replace('\u2019', '\'').replace('\u2018', '\'')
                        .replace(VisibleText.LINE_SEPARATOR, ' ');
                matches += check(footer, footerFilter, footerText, f);
                if (FooterReader.DE_NL_ADDRESS.matcher(footerText).find()) { // the cheap condition FooterReader checks
                    assertTrue(FooterReader.DE_NL_STREET_NUMBER.matcher(footerText).find(), f.toString());
                    deNl++;
                }
                List<String> texts = new ArrayList<>();
                texts.add(vt.text());
                vt.paragraphs().forEach(p -> texts.add(p.text()));
                vt.links().forEach(l -> texts.add(l.anchorText()));
                vt.links().forEach(l -> texts.add(ConsentMarkerFinder.urlWords(l.url())));
                for (String t : texts) {
                    matches += check(phrases, phraseFilter, NormalizedText.normalize(t), f);
                }
            }
        }
        assertTrue(matches > 500, "only " + matches + " matches checked");
        assertTrue(deNl > 0, "a German or Dutch address is among the corpora");
    }

    /** Checks that the prefilter keeps each pattern that matches, and that its find gives every match find gives. */
    private static int check(List<Pattern> patterns, PatternPrefilter filter, String text, Path file) {
        PatternPrefilter.Candidates may = filter.candidates(text);
        int n = 0;
        for (int i = 0; i < patterns.size(); i++) {
            Matcher plain = patterns.get(i).matcher(text);
            Matcher windowed = patterns.get(i).matcher(text);
            int from = 0;
            while (plain.find()) {
                n++;
                assertTrue(may.mayMatch(i), file + ": " + patterns.get(i) + " matches but was left out");
                assertTrue(may.find(i, windowed, from), file + ": " + patterns.get(i) + " match missed");
                assertEquals(plain.start() + "-" + plain.end(), windowed.start() + "-" + windowed.end(),
                        file + ": " + patterns.get(i));
                from = plain.end() == plain.start() ? plain.end() + 1 : plain.end();
                if (from > text.length()) {
                    break;
                }
            }
            assertFalse(from <= text.length() && may.find(i, windowed, from),
                    file + ": " + patterns.get(i) + " found a match find() does not");
        }
        return n;
    }
}
