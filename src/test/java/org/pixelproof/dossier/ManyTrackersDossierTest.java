package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;

/**
 * A message carrying hundreds of pixels (a hostile one had 1,200, whose dossier ran to 577 pages and took most of a
 * 256 MiB heap to draw): every tracker keeps its row in the trackers table and counts, but only the first
 * {@link Dossier.EmailRecord#MAX_DETAILED_TRACKERS} get a card and an excerpt, and the dossier says where the others
 * are, in both languages.
 */
class ManyTrackersDossierTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static final Location WHERE = new Location("1", "img", "src", null);

    private static CaseEmail withPixels(int extra) {
        return DossierFixtures.newsletterCase(p -> {
            List<Tracker> trackers = new ArrayList<>(p.trackers());
            for (int i = 0; i < extra; i++) {
                String id = "T" + (trackers.size() + 1);
                trackers.add(new Tracker(id, TrackerKind.OPEN_PIXEL,
                        "https://pixel.exemple-bruyant.example/i" + i + ".gif", "pixel.exemple-bruyant.example",
                        null, null, Party.UNKNOWN, List.of(), List.of(), Confidence.MEDIUM,
                        List.of(new Signal("declared-size", "1x1")), List.of(), WHERE, "<img src=\"...i" + i + "\">",
                        "heuristic.pixel", null, null));
            }
            return p.trackers(trackers);
        });
    }

    private static String text(Dossier d) {
        return DossierTemplatesTest.plain(org.jsoup.Jsoup.parse(TEMPLATES.dossierXhtml(d)).text());
    }

    @Test
    void pastOneHundredTrackersTheTableListsThemAllAndOnlyTheFirstHundredGetACard() {
        Dossier d = DossierFixtures.builder().build(List.of(withPixels(147)), Complainant.UNKNOWN, Language.FR);
        Dossier.EmailRecord e = d.primary();
        int total = e.trackers().size();
        assertTrue(total > Dossier.EmailRecord.MAX_DETAILED_TRACKERS, "fixture: " + total);
        assertEquals(Dossier.EmailRecord.MAX_DETAILED_TRACKERS, e.detailedTrackers().size());
        assertEquals(total - 100, e.undetailedTrackers());
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(TEMPLATES.dossierXhtml(d));
        String last = e.lastTracker();
        assertTrue(html.select("#s-trackers td b").eachText().contains(last), "the table lists " + last);
        assertFalse(html.select("#s-trackers h4").text().contains(last + " –"), "no card for " + last);
        assertTrue(html.select("#s-trackers h4").text().contains("T100 –"), "a card for T100");
        String fr = text(d);
        assertTrue(fr.contains("Les " + (total - 100) + " autres traceurs (T101 à " + last + ") figurent dans le "
                + "tableau ci-dessus"), fr);
        assertTrue(fr.contains("Extraits des traceurs T101 à " + last + " non reproduits"), fr);
        String en = text(DossierFixtures.builder().build(List.of(withPixels(147)), Complainant.UNKNOWN, Language.EN));
        assertTrue(en.contains("The other " + (total - 100) + " trackers (T101 to " + last + ") are in the table"),
                en);
    }

    @Test
    void aHundredTrackersOrFewerAreAllDetailedWithoutANote() {
        Dossier d = DossierFixtures.builder().build(List.of(withPixels(10)), Complainant.UNKNOWN, Language.FR);
        assertEquals(d.primary().trackers(), d.primary().detailedTrackers());
        assertEquals(0, d.primary().undetailedTrackers());
        assertFalse(text(d).contains("ne sont pas détaillés un par un"));
    }
}
