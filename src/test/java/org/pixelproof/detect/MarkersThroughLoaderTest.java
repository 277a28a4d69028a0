package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * Loads {@code legal-rules/} through the real {@link RuleSetLoader} (which validates patterns, their safety and every
 * example) and runs the marker finder on it: the YAML content works with the loader as shipped.
 */
class MarkersThroughLoaderTest {
    private static final RuleSet RULES = RuleSetLoader.load(Path.of("legal-rules"));

    @Test
    void everyMarkerAndClassificationPhraseIsLoaded() {
        assertEquals(MarkerTestRules.markerPhrases().size(), RULES.markerPhrases().size());
        assertEquals(MarkerTestRules.classificationPhrases().size(), RULES.classificationPhrases().size());
    }

    @Test
    void finderWorksOnTheLoadedRules() {
        ConsentMarkerFinder finder = new ConsentMarkerFinder(RULES);
        var email = TestEmails.message().html("""
                <p>Cet e-mail contient un pixel de suivi. <a href="https://x.example/t">Désactiver le suivi</a>
                <a href="https://x.example/u">Se désinscrire</a></p>""").build();
        List<ConsentMarkerType> types = finder.find(email, TestEmails.parsed(email)).stream()
                .map(ConsentMarker::type).toList();
        assertEquals(List.of(ConsentMarkerType.TRACKING_NOTICE, ConsentMarkerType.TRACKING_OPT_OUT_LINK,
                ConsentMarkerType.UNSUBSCRIBE_LINK), types);
        assertTrue(RULES.version().length() > 0);
    }
}
