package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerType;

/**
 * A plain-text newsletter writes its links as bare URLs in brackets ("Unsubscribe (https://...)"): the markers read
 * there are listed by their words, not "Unsubscribe ( )" and ") Manage preferences ( )" (new-user report 18, item 14),
 * in the analysis and in both languages of the dossier. Fixture: {@code dossier/plain-text-links-en.eml}, a fictional
 * bookshop's plain-text newsletter.
 */
class MarkerTextDossierTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    @Test
    void markersReadAroundBareUrlsKeepNoEmptyBrackets() {
        CaseEmail e = MultiMessageWordingTest.analysed("/dossier/plain-text-links-en.eml");
        List<String> texts = e.analysis().consentMarkers().stream()
                .filter(m -> m.type() == ConsentMarkerType.UNSUBSCRIBE_LINK).map(ConsentMarker::text).toList();
        assertEquals(List.of("Unsubscribe", "Manage preferences"), texts);

        Dossier d = new DossierBuilder(org.pixelproof.rules.RuleSetLoader.loadDefault(), DossierFixtures.CLOCK)
                .build(List.of(e), Complainant.UNKNOWN, Language.EN);
        for (Language l : Language.values()) {
            String x = TEMPLATES.dossierXhtml(d.inLanguage(l));
            assertTrue(x.contains("Manage preferences"), x);
            assertFalse(x.contains("( )"), "empty brackets in the " + l + " dossier");
            assertFalse(x.contains(") Manage"), "a stray bracket in the " + l + " dossier");
        }
    }
}
