package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.MessageSummary;
import org.pixelproof.dossier.DossierFixtures;

/** The download names carry the e-mail's own day whenever the rest of the product can read its Date header. */
class DownloadNamesTest {
    /** @return the fixture newsletter (analysed on 2026-06-01) with another Date header */
    private static Analysis dated(String date) {
        return changed(DossierFixtures.newsletterAnalysis().message().from(), date);
    }

    /** @return the fixture newsletter with another From and Date header */
    private static Analysis changed(String from, String date) {
        Analysis a = DossierFixtures.newsletterAnalysis();
        MessageSummary m = a.message();
        MessageSummary changed = new MessageSummary(from, m.to(), m.cc(), m.replyTo(), date, m.subject(),
                m.messageId(), m.returnPath(), m.listUnsubscribe(), m.listUnsubscribePost(), m.listId(),
                m.deliveredTo(), m.forwarded());
        return new Analysis(a.id(), a.file(), a.sha256(), a.sizeBytes(), a.analysedAt(), a.toolVersion(),
                a.rulesVersion(), a.verdict(), changed, a.recipients(), a.trackers(), a.remoteContent(),
                a.consentMarkers(), a.missingConsentMarkers(), a.links(), a.sender(), a.assessment(), a.authenticity(),
                a.anomalies());
    }

    private static String name(String date) {
        return DownloadNames.of(dated(date), "dossier", "fr", "pdf");
    }

    @Test
    void theDayIsTheEmailsInParisTime() {
        assertEquals("pixelproof-maison-lumiere.example-2026-05-12-dossier-fr.pdf",
                name("Tue, 12 May 2026 09:14:03 +0200 (CEST)"));
        assertEquals("pixelproof-maison-lumiere.example-2026-05-13-dossier-fr.pdf",
                name("Tue, 12 May 2026 23:30:00 +0000"), "00:30 in Paris, the next day");
    }

    @Test
    void obsoleteAndLenientFormsOfRfc5322AreReadAsTheRestOfTheProductReadsThem() {
        // RFC 5322 section 4.3: MST is -0700; 19:47 MST is 03:47 the next day in Paris
        assertEquals("pixelproof-maison-lumiere.example-2002-01-10-dossier-fr.pdf",
                name("Wed, 9 Jan 2002 19:47:50 MST"));
        assertEquals("pixelproof-maison-lumiere.example-2026-05-12-dossier-fr.pdf", name("Tue, 12 May 2026 09:14 EDT"));
        assertEquals("pixelproof-maison-lumiere.example-2026-05-12-dossier-fr.pdf",
                name("Tuesday, 12 May 2026 09:14:03 +0200"));
        assertEquals("pixelproof-maison-lumiere.example-2026-05-12-dossier-fr.pdf",
                name("Tue, 12  May 2026 09:14:03.250 +0200"));
    }

    @Test
    void aDateThatCannotBeReadGivesTheDayOfTheAnalysis() {
        assertEquals("pixelproof-maison-lumiere.example-2026-06-01-dossier-fr.pdf", name("sometime in May"));
        assertEquals("pixelproof-maison-lumiere.example-2026-06-01-dossier-fr.pdf", name(null));
        assertEquals("pixelproof-maison-lumiere.example-2026-06-01-dossier-fr.pdf",
                name("Tue, 12 May 3609 09:14:03 +0200"), "a year that cannot be right");
    }

    @Test
    void aFromWithoutDomainNeverNamesTheFileAfterTheDomainItShows() {
        // real 036: "Zomerspel" <"63409624@centerParcs.nl">, whose @ is inside the quoted local part
        String quoted = DownloadNames.of(changed("\"Zomerspel\" <\"63409624@centerParcs.nl\">",
                "Tue, 12 May 2026 09:14:03 +0200"), "dossier", "fr", "pdf");
        assertEquals("pixelproof-unknown-sender-quoting-centerparcs.nl-2026-05-12-dossier-fr.pdf", quoted);
        String usual = DownloadNames.of(changed("\"Maison\" <\"j.doe@x\"@maison-lumiere.example>",
                "Tue, 12 May 2026 09:14:03 +0200"), "dossier", "fr", "pdf");
        assertEquals("pixelproof-maison-lumiere.example-2026-05-12-dossier-fr.pdf", usual, "a domain after the quotes");
    }
}
