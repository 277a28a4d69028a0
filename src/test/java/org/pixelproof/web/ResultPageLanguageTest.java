package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.pixelproof.LanguageLeaks;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;

/**
 * The result page speaks the page's language only: for every message of the golden corpus and the page and dossier
 * fixtures, the French page shows no internal code and no English prose, the English page no internal code (see
 * {@link LanguageLeaks}); and "what the sender learns" says only what the trackers found reveal.
 */
@QuarkusTest
class ResultPageLanguageTest {
    private static final Path GOLDEN = Path.of("src/test/resources/corpus");
    private static final String OPENED_FR = "Que vous avez ouvert le message";
    private static final String CLICKED_FR = "sur quel lien vous avez cliqué";
    private static final String OPENED_EN = "That you opened the message";
    private static final String CLICKED_EN = "which link you clicked";

    /** @return the messages to try, by name: the golden corpus, then the page and dossier fixtures. */
    private static Map<String, byte[]> messages() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(GOLDEN)) {
            for (Path c : s.filter(Files::isDirectory).sorted().toList()) {
                out.put(c.getFileName().toString(), Files.readAllBytes(c.resolve("message.eml")));
            }
        }
        for (String r : List.of("/web/doubtful-sender.eml", "/web/tracked-newsletter.eml",
                "/web/tracked-privacy-link.eml", "/web/long-urls-newsletter.eml", "/dossier/newsletter-fr.eml",
                "/dossier/garden-sale-fr.eml")) {
            out.put(r, PagesTest.resource(r));
        }
        return out;
    }

    private static String page(PageSession s, byte[] eml, String lang) {
        Response up = s.upload(eml, "");
        assertEquals(303, up.statusCode(), up.asString());
        return s.get("/analyses/" + PagesTest.idFrom(up) + "?lang=" + lang).then().statusCode(200).extract()
                .asString();
    }

    /** @return the text of the page's main content, without the navigation and footer common to every page. */
    private static String main(String html) {
        Element main = Jsoup.parse(html).selectFirst("main");
        return main == null ? html : main.outerHtml();
    }

    @Test
    void theFrenchAndEnglishResultPagesShowNoCodeAndTheFrenchOneNoEnglishProse() throws IOException {
        Map<String, byte[]> messages = messages();
        assertTrue(messages.size() > 50, "the golden corpus is there: " + messages.size());
        PageSession s = new PageSession();
        List<String> found = new ArrayList<>();
        for (var e : messages.entrySet()) {
            String message = LanguageLeaks.messageText(new EmailParser(IngestLimits.DEFAULT).parse(e.getValue(),
                    "message.eml"));
            for (String lang : List.of("fr", "en")) {
                String text = LanguageLeaks.ownText(main(page(s, e.getValue(), lang)));
                for (String leak : LanguageLeaks.find(text, message, lang.equals("fr"))) {
                    found.add(e.getKey() + " " + lang + ": " + leak);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** The one-click List-Unsubscribe (RFC 8058) is worded in the page's language next to the header quoted. */
    @Test
    void aOneClickListUnsubscribeHeaderIsWordedInThePagesLanguage() throws IOException {
        PageSession s = new PageSession();
        byte[] eml = Files.readAllBytes(GOLDEN.resolve("f01-newsletter-fr-boulangerie/message.eml"));
        String fr = page(s, eml, "fr");
        assertTrue(fr.contains("désabonnement en un clic (RFC 8058\u00a0: en-tête List-Unsubscribe-Post)"), fr);
        assertFalse(fr.contains("one-click"), fr);
        String en = page(s, eml, "en");
        assertTrue(en.contains("one-click unsubscribe (RFC 8058: List-Unsubscribe-Post header)"), en);
    }

    /** @return the items of "what the sender learns". */
    private static List<String> learns(String html) {
        return Jsoup.parse(html).select("#sender-learns li").eachText();
    }

    @Test
    void withClickTrackingOnlyTheSenderLearnsTheClicksNotTheOpening() throws IOException {
        PageSession s = new PageSession();
        byte[] eml = Files.readAllBytes(GOLDEN.resolve("d06-click-recipient-parameters/message.eml"));
        List<String> fr = learns(page(s, eml, "fr"));
        assertTrue(fr.stream().anyMatch(l -> l.contains(CLICKED_FR)), fr.toString());
        assertTrue(fr.stream().noneMatch(l -> l.contains(OPENED_FR) || l.contains("adresse IP, donc")),
                fr.toString());
        List<String> en = learns(page(s, eml, "en"));
        assertTrue(en.stream().anyMatch(l -> l.contains(CLICKED_EN)), en.toString());
        assertTrue(en.stream().noneMatch(l -> l.contains(OPENED_EN)), en.toString());
    }

    @Test
    void withAPixelOnlyTheSenderLearnsTheOpeningAndWhoOpened() throws IOException {
        PageSession s = new PageSession();
        byte[] eml = Files.readAllBytes(GOLDEN.resolve("v01-img-hidden-pixel/message.eml"));
        List<String> fr = learns(page(s, eml, "fr"));
        assertTrue(fr.stream().anyMatch(l -> l.contains(OPENED_FR)), fr.toString());
        assertTrue(fr.stream().noneMatch(l -> l.contains(CLICKED_FR)), fr.toString());
        assertTrue(fr.stream().anyMatch(l -> l.startsWith("Que c'est vous") && l.contains("le traceur T1 porte")),
                fr.toString());
        List<String> en = learns(page(s, eml, "en"));
        assertTrue(en.stream().anyMatch(l -> l.contains(OPENED_EN)), en.toString());
        assertTrue(en.stream().noneMatch(l -> l.contains(CLICKED_EN)), en.toString());
        assertTrue(en.stream().anyMatch(l -> l.startsWith("That it is you") && l.contains("tracker T1 carries")),
                en.toString());
    }

    @Test
    void theGardenShopNewsletterSaysHowTheAddressIsEncodedOnce() throws IOException {
        PageSession s = new PageSession();
        String fr = Jsoup.parse(page(s, PagesTest.resource("/dossier/garden-sale-fr.eml"), "fr")).text();
        assertTrue(fr.contains("contient l'adresse électronique du destinataire, encodée en Base64"), fr);
        assertFalse(fr.contains("(éventuellement encodée ou hachée) encodée"), fr);
        String en = Jsoup.parse(page(s, PagesTest.resource("/dossier/garden-sale-fr.eml"), "en")).text();
        assertTrue(en.contains("carries the recipient's e-mail address, Base64-encoded"), en);
    }
}
