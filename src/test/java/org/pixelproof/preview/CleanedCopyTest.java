package org.pixelproof.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.dossier.DossierFixtures;
import org.pixelproof.dossier.TestEmails;
import org.pixelproof.ingest.ReceivedEmail;

class CleanedCopyTest {
    private static final CleanedCopy CLEAN = new CleanedCopy();

    @Test
    void htmlCopyHasNoTrackerAndTrackedLinksGoStraightToTheirDestination() {
        Analysis a = DossierFixtures.newsletterAnalysis();
        String html = CLEAN.html(DossierFixtures.newsletterEmail(), a.trackers(), a.links());
        assertFalse(html.contains(DossierFixtures.PIXEL), "open pixel still there");
        assertFalse(html.contains(DossierFixtures.BEACON), "CSS beacon still there");
        assertFalse(html.contains(DossierFixtures.CLICK), "tracked link still there");
        Document doc = Jsoup.parse(html);
        assertEquals(DossierFixtures.DESTINATION, doc.selectFirst("a:contains(Découvrir les soldes)").attr("href"));
        // what is not a tracker stays, so the copy still looks like the message
        assertEquals("https://cdn.maison-lumiere.example/img/logo.png", doc.selectFirst("img[alt=Maison Lumière]")
                .attr("src"));
        assertTrue(doc.text().contains("Soldes d'été : jusqu'à -40 % sur nos luminaires"));
        assertNotNull(doc.selectFirst("meta[http-equiv=Content-Security-Policy]"));
    }

    @Test
    void emlCopyIsAValidMessageWithCleanedBodiesAndTheOriginalMessageId() throws Exception {
        Analysis a = DossierFixtures.newsletterAnalysis();
        byte[] eml = CLEAN.eml(DossierFixtures.newsletterEmail(), a.trackers(), a.links());
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        assertEquals("<20260512071403.4f9a2c@mail.maison-lumiere.example>", m.getMessageID());
        assertEquals("Soldes d'été : jusqu'à -40 % sur nos luminaires", m.getSubject());
        assertTrue(m.getHeader("X-PixelProof-Cleaned")[0].contains("T1 T3"));
        List<String> texts = new ArrayList<>();
        List<String> types = new ArrayList<>();
        collect(m, texts, types);
        assertTrue(types.contains("image/png"), "the inline image part is kept: " + types);
        String all = String.join("\n", texts);
        assertTrue(all.contains("Bonjour Camille"));
        assertFalse(all.contains(DossierFixtures.PIXEL));
        assertFalse(all.contains(DossierFixtures.BEACON));
        assertFalse(all.contains(DossierFixtures.CLICK), "tracked link kept in a body");
        assertTrue(all.contains(DossierFixtures.DESTINATION));
    }

    @Test
    void readReceiptRequestsAreRemovedFromTheCopy() throws Exception {
        byte[] raw = ("From: a@example.com\r\nTo: b@example.org\r\nSubject: hi\r\nMessage-ID: <x@example.com>\r\n"
                + "Disposition-Notification-To: a@example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello <img src=\"https://t.example/o.gif\"></p>\r\n")
                .getBytes(StandardCharsets.UTF_8);
        ReceivedEmail email = TestEmails.read(raw, "r.eml");
        byte[] eml = CLEAN.eml(email, List.of(SafePreviewTest.tracker("T1",
                org.pixelproof.detect.TrackerKind.OPEN_PIXEL, "https://t.example/o.gif")), List.of());
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        assertNull(m.getHeader("Disposition-Notification-To"));
        assertFalse(((String) m.getContent()).contains("https://t.example/o.gif"));
        assertEquals("<x@example.com>", m.getMessageID());
    }

    private static void collect(Part p, List<String> texts, List<String> types) throws Exception {
        types.add(p.getContentType().split(";")[0].trim().toLowerCase());
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                collect(b, texts, types);
            }
        } else if (p.isMimeType("text/*")) {
            texts.add((String) p.getContent());
        }
    }
}
