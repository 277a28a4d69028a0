package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Values taken from the e-mail cannot reorder or fake the result page's sender section: the real From address is
 * shown (not one written in the display name), bidirectional controls are spelled out and each value is isolated in
 * {@code <bdi>}, and a look-alike domain shows its ASCII form (or, written with characters that imitate ASCII ones, its
 * code points).
 */
@QuarkusTest
class SenderDisplayPageTest {

    private static Document upload(String from, String fileName) {
        String eml = "From: " + from + "\r\n"
                + "To: Alex Martin <alex.martin@example.org>\r\n"
                + "Subject: Compte\r\n"
                + "Date: Mon, 16 Nov 2026 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n"
                + "<html><body><p>Votre compte.</p><img src=\"https://track.esp-mailer.example/o?u=alex.martin%40"
                + "example.org\" width=\"1\" height=\"1\" alt=\"\"></body></html>\r\n";
        PageSession session = new PageSession();
        Response up = session.upload(eml.getBytes(StandardCharsets.UTF_8), "alex.martin@example.org", fileName);
        assertEquals(303, up.statusCode(), up.asString());
        return Jsoup.parse(session.get("/analyses/" + ReviewFindingsPagesTest.idFrom(up) + "?lang=fr").asString());
    }

    /** @return the sender section's From value (the dd after the dt naming it) */
    private static Element senderFrom(Document page) {
        for (Element dt : page.select("dl.facts dt")) {
            Element dd = dt.nextElementSibling();
            if (dd != null && dd.select("bdi").size() == 2 && dd.text().contains("<")) {
                return dd;
            }
        }
        throw new AssertionError("no From in the sender section: " + page.select("dl.facts").outerHtml());
    }

    @Test
    void theFromAddressKeepsTheCaseOfItsLocalPart() {
        Document page = upload("\"Vacances Pour Tous\" <info+Agence-Nationale-Vacances@News.Vacances-Exemple.FR>",
                "vacances.eml");
        Element from = senderFrom(page);
        assertEquals("info+Agence-Nationale-Vacances@news.vacances-exemple.fr", from.select("bdi").get(1).text(),
                from.outerHtml());
    }

    @Test
    void aFromDomainInLookalikeLettersIsShownAsWrittenWithItsCodePointsAndADoubt() {
        String bold = "\uD835\uDDD5\uD835\uDDFF\uD835\uDE02\uD835\uDDFA\uD835\uDDF2"; // "Brume", mathematical bold
        Document page = upload("\"Brume\"<noreply@" + bold + ".example>", "testeur.eml");
        Element from = senderFrom(page);
        assertEquals("noreply@" + bold + ".example (ASCII: [U+1D5D5][U+1D5FF][U+1D602][U+1D5FA][U+1D5F2].example)",
                from.select("bdi").get(1).text(), from.outerHtml());
        assertFalse(page.text().contains("ASCII: brume.example"), "not shown as the domain it imitates");
        assertTrue(page.text().contains("est écrit avec des caractères qui imitent des lettres ou des chiffres"),
                "the doubt's reason is shown, in French");
    }

    @Test
    void aNameHoldingAnotherAddressShowsTheRealAddressAndADoubt() {
        Document page = upload("\"Ex Bank <service@bank.example>\" <news@attacker.example>", "message.eml");
        Element from = senderFrom(page);
        assertEquals("news@attacker.example", from.select("bdi").get(1).text(), from.outerHtml());
        assertEquals("“Ex Bank <service@bank.example>” <news@attacker.example>", from.text());
        String top = page.select("dl.message-id").text();
        assertTrue(top.contains("\"Ex Bank <service@bank.example>\" <news@attacker.example>"), top);
        assertTrue(page.text().contains("adresse électronique d'un autre domaine"), "the doubt's reason is shown");
    }

    @Test
    void bidiControlsAreSpelledOutAndIsolatedAndLookAlikeDomainsShowTheirAsciiForm() {
        Document page = upload("=?utf-8?b?" + java.util.Base64.getEncoder().encodeToString(
                "Ex Bank \u202E".getBytes(StandardCharsets.UTF_8)) + "?= <news@b\u0430nk.example>",
                "facture\u202Elmth.eml");
        Element from = senderFrom(page);
        assertFalse(page.outerHtml().contains("\u202E"), "no raw RIGHT-TO-LEFT OVERRIDE anywhere on the page");
        assertEquals("Ex Bank [U+202E]", from.select("bdi").get(0).text());
        assertEquals("news@b\u0430nk.example (ASCII: xn--bnk-6cd.example)", from.select("bdi").get(1).text());
        Element file = null;
        for (Element dt : page.select("dl.facts dt")) {
            if (dt.text().equals("Fichier")) {
                file = dt.nextElementSibling();
            }
        }
        assertTrue(file != null, page.select("dl.facts").outerHtml());
        // the multipart client sends a non-ASCII file name as '?': only its isolation can be checked here
        assertEquals(1, file.select("bdi").size(), file.outerHtml());
        assertEquals("Ex Bank [U+202E]", ViewExtensions.shown("Ex Bank \u202E"));
    }
}
