package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A new user's findings on the result page and the upload refusals: marker kinds actually found, encodings and
 * size labels in the page's language, one identifier per value and place, the Date header formatted, remote content
 * grouped by host, and Outlook {@code .msg} uploads explained.
 */
@QuarkusTest
class ResultPageWordingTest {
    private static final String RAW_DATE = "Tue, 17 Mar 2015 03:42:23 +0100";

    /** A newsletter: a 0x0 pixel carrying the address URL-encoded, 4 images from one host, an unsubscribe link. */
    static byte[] newsletter() {
        StringBuilder images = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            images.append("<img src=\"https://media.boutique-lumiere.example/p/").append(i)
                    .append(".jpg\" width=\"200\" height=\"150\" alt=\"Produit ").append(i).append("\">");
        }
        String eml = "From: Boutique Lumiere <news@boutique-lumiere.example>\r\n"
                + "To: Alex Martin <alex.martin@example.org>\r\n"
                + "Subject: Nouveautes\r\n"
                + "Date: " + RAW_DATE + "\r\n"
                + "Message-ID: <w1@boutique-lumiere.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n"
                + "<html><body><p>Nos nouveautes de printemps.</p>" + images
                + "<img src=\"https://track.esp-mailer.example/open?p1=alex.martin%40example.org\" width=\"0\" "
                + "height=\"0\" alt=\"\">"
                + "<p><a href=\"https://boutique-lumiere.example/desinscription\">Se désinscrire</a></p>"
                + "</body></html>\r\n";
        return eml.getBytes(StandardCharsets.UTF_8);
    }

    private static String id;
    private static PageSession session;

    private static synchronized void upload() {
        if (id != null) {
            return;
        }
        session = new PageSession();
        Response up = session.upload(newsletter(), "alex.martin@example.org");
        assertEquals(303, up.statusCode(), up.asString());
        id = ReviewFindingsPagesTest.idFrom(up);
    }

    private static Document page(String lang) {
        upload();
        return Jsoup.parse(session.get("/analyses/" + id + "?lang=" + lang).asString());
    }

    @Test
    void theCountsNameOnlyTheKindsOfMarkersFound() {
        String fr = page("fr").select(".verdict-counts").text();
        assertTrue(fr.contains("(désinscription)"), fr);
        assertFalse(fr.contains("confidentialité") || fr.contains("information"), fr);
        String en = page("en").select(".verdict-counts").text();
        assertTrue(en.contains("(unsubscribe)"), en);
        assertFalse(en.contains("privacy") || en.contains("information"), en);
    }

    @Test
    void anAddressInAParameterIsListedOnceWithItsEncodingInThePageLanguage() {
        Document frPage = page("fr");
        List<String> fr = frPage.select("#trackers ul.compact:not(.signals) li").eachText();
        // the value as found follows, and where it was read (here the pixel's own address, shown above)
        assertEquals(List.of("votre adresse (encodée pour URL), paramètre de requête p1 alex.martin%40example.org "
                + "source : l'adresse complète"), fr);
        String signals = frPage.select("#trackers ul.signals").text();
        assertTrue(signals.contains("encodée pour URL") && !signals.contains("urlencoded"), signals);
        List<String> en = page("en").select("#trackers ul.compact:not(.signals) li").eachText();
        assertEquals(1, en.size(), en::toString);
        assertTrue(en.get(0).startsWith("your address (URL-encoded), "), en::toString);
    }

    @Test
    void aZeroSizedPixelIsNotDescribedAsOneToThreePixels() {
        String fr = page("fr").select("#trackers").text();
        assertTrue(fr.contains("de 0 à 3 pixels"), fr);
        assertFalse(fr.contains("1 à 3 pixels"), fr);
        String en = page("en").select("#trackers").text();
        assertTrue(en.contains("of 0 to 3 pixels"), en);
    }

    @Test
    void theSizeIsWrittenWithItsDigitsGroupedAsInTheDossier() {
        int size = newsletter().length;
        assertTrue(page("fr").select("section.technical").text().contains(ViewExtensions.grouped(size, "fr")
                + " octets"));
        assertTrue(page("en").select("section.technical").text().contains(ViewExtensions.grouped(size, "en")
                + " bytes"));
        assertEquals("59\u00A0697", ViewExtensions.grouped(59_697, "fr"));
        assertEquals("59,697", ViewExtensions.grouped(59_697, "en"));
    }

    @Test
    void theDateHeaderIsFormattedInThePageLanguageAndKeptAsWrittenInTheTitle() {
        Element fr = page("fr").select("dl.message-id dd[title]").first();
        assertEquals(RAW_DATE, fr.attr("title"));
        assertEquals("17 mars 2015 à 03:42 (+01:00)", fr.text());
        Element en = page("en").select("dl.message-id dd[title]").first();
        assertEquals("17 March 2015 at 03:42 (+01:00)", en.text());
        assertEquals("pas une date", ViewExtensions.mailDate("pas une date", "fr"), "unparseable: shown as written");
    }

    @Test
    void theDatesOfThePageItselfAreWrittenAsTheEmailsDateIs() {
        // a new-user trial saw "14 October 2025" beside "December 30, 2026" and "November 30, 2026, 4:58 PM"
        java.time.Instant t = java.time.Instant.parse("2026-11-30T15:58:00Z");
        assertEquals("30 November 2026", ViewExtensions.date(t, "en"));
        assertEquals("30 November 2026 at 16:58", ViewExtensions.dateTime(t, "en"));
        assertEquals("30 novembre 2026", ViewExtensions.date(t, "fr"));
        assertEquals("30 novembre 2026 à 16:58", ViewExtensions.dateTime(t, "fr"));
    }

    @Test
    void remoteContentIsGroupedByHostAndVectorWithACount() {
        List<String> fr = page("fr").select("#remote ul.remote li").eachText();
        assertEquals(1, fr.stream().filter(t -> t.startsWith("media.boutique-lumiere.example")).count(), fr::toString);
        assertTrue(fr.stream().anyMatch(t -> t.startsWith("media.boutique-lumiere.example") && t.matches(".*4[\\s\u00a0]fois.*")),
                fr::toString);
        List<String> en = page("en").select("#remote ul.remote li").eachText();
        assertTrue(en.stream().anyMatch(t -> t.startsWith("media.boutique-lumiere.example") && t.contains("4 times")),
                en::toString);
    }

    /** The start of an OLE2 compound file, as an Outlook .msg begins. */
    private static byte[] outlookMsg() {
        byte[] raw = new byte[1024];
        byte[] sig = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(sig, 0, raw, 0, sig.length);
        return raw;
    }

    @Test
    void anOutlookMsgUploadIsExplainedInBothLanguagesWithoutInternalNames() {
        given().multiPart("email", "message.msg", outlookMsg(), "application/vnd.ms-outlook")
                .when().post("/api/analyses")
                .then().statusCode(422).body("error", equalTo("NOT_A_MESSAGE"))
                .body("reason", not(containsString("OutlookMsgReader")))
                .body("reason", containsString("it looks like an Outlook .msg file (an OLE2 compound file), which "
                        + "only PixelProof's command line reads (java -jar target/quarkus-app/quarkus-run.jar analyze "
                        + "file.msg, see the README); or save the message as .eml from Outlook"))
                .body("reason", containsString("save the message as .eml"));
        PageSession s = new PageSession();
        Response r = s.upload(outlookMsg(), "");
        assertEquals(422, r.statusCode());
        String fr = Jsoup.parse(r.asString()).select("#upload-problem").text();
        assertTrue(fr.contains("message Outlook .msg"), fr);
        assertTrue(fr.contains("java -jar target/quarkus-app/quarkus-run.jar analyze fichier.msg"), fr);
        assertTrue(fr.contains(".eml"), fr);
        assertFalse(fr.contains("n'est pas un courriel"), fr);
        s.get("/?lang=en");
        Response en = s.upload(outlookMsg(), "");
        String enText = Jsoup.parse(en.asString()).select("#upload-problem").text();
        assertTrue(enText.contains("Outlook .msg") && enText.contains("save the message as .eml"), enText);
    }

    @Test
    void theMboxRefusalNamesTheReadmePathOfTheJar() {
        given().multiPart("email", "box.mbox", MailboxShapeTest.mbox(2), "application/mbox")
                .when().post("/api/analyses")
                .then().statusCode(422)
                .body("reason", containsString("java -jar target/quarkus-app/quarkus-run.jar analyze FILE.mbox"));
        String text = Jsoup.parse(new PageSession().upload(MailboxShapeTest.mbox(2), "").asString())
                .select("#upload-problem").text();
        assertTrue(text.contains("java -jar target/quarkus-app/quarkus-run.jar analyze boite.mbox"), text);
    }
}
