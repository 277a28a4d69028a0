package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks the content of {@code legal-rules/markers.yaml} and {@code legal-rules/message-classes.yaml} on its own:
 * unique ids following the naming convention, known types and classes, and every example matching its pattern after
 * {@link NormalizedText normalisation}.
 */
class MarkersYamlTest {
    private static final Set<String> MARKERS = Set.of("TRACKING_NOTICE", "TRACKING_OPT_OUT_LINK", "UNSUBSCRIBE_LINK",
            "PRIVACY_POLICY_LINK");
    private static final Set<String> CLASSES = Set.of("MARKETING", "TRANSACTIONAL", "SECURITY", "PERSONAL");
    private static final Set<String> LANGUAGES = Set.of("fr", "en", "de", "nl", "es", "pt", "it");

    @Test
    void markerPhrasesAreWellFormedAndTheirExamplesMatch() {
        checkFile("markers.yaml", "markers", "marker", MARKERS);
    }

    @Test
    void classificationPhrasesAreWellFormedAndTheirExamplesMatch() {
        checkFile("message-classes.yaml", "phrases", "class", CLASSES);
    }

    @Test
    void markersCoverEveryTypeInFrenchAndEnglish() {
        List<org.pixelproof.rules.MarkerPhrase> phrases = MarkerTestRules.markerPhrases();
        for (String type : MARKERS) {
            for (String lang : List.of("fr", "en", "de")) {
                assertTrue(phrases.stream().anyMatch(p -> p.marker().equals(type) && p.language().equals(lang)),
                        type + " has a " + lang + " phrase");
            }
        }
    }

    private static void checkFile(String file, String list, String typeField, Set<String> types) {
        JsonNode root = MarkerTestRules.yaml(file);
        Set<String> ids = new HashSet<>();
        int count = 0;
        for (JsonNode n : root.get(list)) {
            count++;
            String id = n.get("id").asText();
            assertTrue(ids.add(id), "duplicate id " + id);
            String lang = n.get("language").asText();
            assertTrue(LANGUAGES.contains(lang), id + ": language " + lang);
            assertTrue(id.startsWith(lang + "."), id + ": id starts with its language");
            assertEquals(3, id.split("\\.").length, id + ": id is <language>.<cue>.<name>");
            assertTrue(types.contains(n.get(typeField).asText()), id + ": " + typeField);
            if (n.has("target")) {
                assertTrue(Set.of("link", "text").contains(n.get("target").asText()), id + ": target");
            }
            Pattern p = Pattern.compile(n.get("pattern").asText(), Pattern.CASE_INSENSITIVE);
            assertFalse(p.matcher("").find(), id + ": pattern must not match empty text");
            assertTrue(n.get("examples").size() > 0, id + ": has examples");
            for (JsonNode ex : n.get("examples")) {
                String normalised = NormalizedText.normalize(ex.asText());
                assertTrue(p.matcher(normalised).find(), id + ": example \"" + ex.asText() + "\" (normalised \""
                        + normalised + "\") must match");
            }
        }
        assertTrue(count > 20, file + " holds rules");
    }
}
