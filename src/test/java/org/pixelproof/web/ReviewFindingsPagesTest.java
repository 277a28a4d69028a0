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
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The findings of the new-user review on the web side (NEWUSER-REPORT.md, items 5, 6, 11, 15, 16, 17 and the
 * cosmetic ones): mailboxes refused, no complaint without tracking, letters in both languages, honest privacy
 * wording, the delete confirmation step, specific download names, plurals, the API page.
 */
@QuarkusTest
class ReviewFindingsPagesTest {

    @Inject
    Analyses analyses;

    /** A personal e-mail without any tracker. */
    static byte[] untracked() {
        return MailboxShapeTest.message("Jean Dubois <jean.dubois@famille-dubois.example>", "Dimanche",
                "Bonjour ma grande,\n\nOn se voit dimanche ?\n\nPapa").getBytes(StandardCharsets.UTF_8);
    }

    static String idFrom(Response r) {
        String location = r.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void theApiRefusesAnMboxWith422AndTheCount() {
        given().multiPart("email", "box.mbox", MailboxShapeTest.mbox(5), "application/mbox")
                .when().post("/api/analyses")
                .then().statusCode(422).contentType(containsString("application/json"))
                .body("error", equalTo("SEVERAL_MESSAGES"))
                .body("reason", containsString("this file holds 5 messages; upload them one by one or use the "
                        + "command line"));
    }

    @Test
    void theUploadPageRefusesAnMboxWithAReadableReasonAndKeepsNothing() {
        PageSession s = new PageSession();
        Response r = s.upload(MailboxShapeTest.mbox(3), "");
        assertEquals(422, r.statusCode());
        String text = Jsoup.parse(r.asString()).select("#upload-problem").text();
        assertTrue(text.contains("Ce fichier contient 3 messages"), text);
        assertTrue(text.contains("ligne de commande"), text);
        assertFalse(s.cookies.containsKey(MyAnalysesCookie.NAME), "nothing was stored");
    }

    @Test
    void anEmailWhoseBodyHasAFromLineIsStillAnalysed() {
        byte[] raw = MailboxShapeTest.message("a@example.com", "Citation", "Bonjour\n\nFrom the desk of X.\n\n"
                + "From b@example.com Mon Nov  2 10:00:00 2026\nSubject: quoted\n\ntext").getBytes(StandardCharsets.UTF_8);
        given().multiPart("email", "m.eml", raw, "message/rfc822").when().post("/api/analyses")
                .then().statusCode(201);
    }

    @Test
    void pastedTextThatIsNotAnEmailGetsAHelpfulMessage() {
        PageSession s = new PageSession();
        s.get("/");
        Response r = given().cookies(s.cookies).redirects().follow(false).multiPart("csrf-token", s.token)
                .multiPart("source", "Bonjour, voici le texte du courriel que j'ai reçu, copié depuis l'écran.")
                .multiPart("recipient", "").when().post("/analyses");
        assertEquals(422, r.statusCode());
        String text = Jsoup.parse(r.asString()).select("#upload-problem").text();
        assertTrue(text.contains("Le texte collé n'est pas la source d'un courriel"), text);
        assertTrue(text.contains("Afficher l'original"), text);
    }

    @Test
    void withoutTrackingTheResultPageOffersNoComplaintButKeepsTheCopies() {
        PageSession s = new PageSession();
        Response up = s.upload(untracked(), "");
        assertEquals(303, up.statusCode(), up.asString());
        String id = idFrom(up);
        Document page = Jsoup.parse(s.get("/analyses/" + id).asString());
        assertTrue(page.select("a[href*=dossier.pdf], a[href*=/letters/], a[href$=/dossier]").isEmpty(),
                "no dossier, letter or complaint form: " + page.select("a[href*=/analyses/]"));
        assertTrue(page.select("#nothing-to-complain").text().contains("Rien ici ne justifie une plainte"));
        assertTrue(page.select("#no-complaint").text().contains("Aucun traceur"));
        assertEquals(1, page.select("a[href$=/cleaned.eml]").size());
        assertEquals(1, page.select("a[href$=/cleaned.html]").size());
        assertEquals(1, page.select("a[href$=/analysis.json]").size());
        assertTrue(page.select(".verdict-counts").text().startsWith("0 traceur,"), page.select(".verdict-counts").text());

        // asked directly, the complaint documents are refused with a reason, never made
        for (String path : new String[] {"/dossier.pdf?lang=fr", "/letters/cnil-complaint.txt?lang=fr",
                "/letters/dpo-request.pdf?lang=en", "/dossier"}) {
            Response r = s.get("/analyses/" + id + path);
            assertEquals(409, r.statusCode(), path);
            String text = Jsoup.parse(r.asString()).text();
            assertTrue(text.contains("rien à reprocher") || text.contains("nothing to hold against"), path + ": " + text);
        }
        given().get("/api/analyses/" + id + "/dossier.pdf").then().statusCode(409)
                .contentType(containsString("application/json")).body("error", equalTo("NOTHING_TO_COMPLAIN"));
        s.get("/analyses/" + id + "/cleaned.html").then().statusCode(200);
        s.get("/analyses/" + id + "/analysis.json").then().statusCode(200);
    }

    @Test
    void withTrackingTheLettersAreOfferedInBothLanguagesClearlyLabelled() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        Document en = Jsoup.parse(s.get("/analyses/" + id + "?lang=en").asString());
        assertEquals(1, en.select("a[href$=/letters/cnil-complaint.pdf?lang=en]").size());
        var frenchCnil = en.select("#cnil-other-lang");
        assertEquals("/analyses/" + id + "/letters/cnil-complaint.pdf?lang=fr", frenchCnil.attr("href"));
        assertTrue(frenchCnil.text().contains("the one to file with the CNIL"), frenchCnil.text());
        assertEquals(1, en.select("a[href$=/letters/dpo-request.pdf?lang=fr]").size());
        assertEquals(1, en.select("a[href$=/letters/how-to-file.pdf?lang=fr]").size());
        assertEquals(1, en.select("a[href$=/dossier.pdf?lang=fr]").size());
        Document fr = Jsoup.parse(s.get("/analyses/" + id + "?lang=fr").asString());
        assertTrue(fr.select("#cnil-other-lang").text().contains("version anglaise"));
        assertEquals("/analyses/" + id + "/letters/cnil-complaint.pdf?lang=en", fr.select("#cnil-other-lang")
                .attr("href"));
        String counts = fr.select(".verdict-counts").text();
        assertFalse(counts.contains("(s)"), counts);
        assertTrue(counts.matches("\\d+ traceurs?, .*"), counts);
    }

    @Test
    void downloadsHaveSpecificSafeNames() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        String stem = "pixelproof-boutique-lumiere.example-2026-11-02-";
        Map<String, String> expected = Map.of(
                "/analyses/" + id + "/dossier.pdf?lang=fr", stem + "dossier-fr.pdf",
                "/analyses/" + id + "/letters/cnil-complaint.txt?lang=en", stem + "cnil-complaint-en.txt",
                "/analyses/" + id + "/cleaned.eml", stem + "cleaned.eml",
                "/analyses/" + id + "/cleaned.html", stem + "cleaned.html",
                "/analyses/" + id + "/analysis.json", stem + "analysis.json",
                "/api/analyses/" + id + "/dossier.pdf?lang=en", stem + "dossier-en.pdf");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Response r = s.get(e.getKey());
            assertEquals(200, r.statusCode(), e.getKey());
            assertEquals("attachment; filename=\"" + e.getValue() + "\"", r.header("Content-Disposition"), e.getKey());
        }
    }

    @Test
    void deleteAsksForConfirmationFirst() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        Document result = Jsoup.parse(s.get("/analyses/" + id).asString());
        assertEquals("/analyses/" + id + "/delete", result.select("#delete-link").attr("href"),
                "the result page's delete button leads to a confirmation step");
        assertTrue(result.select("form[action$=/delete]").isEmpty(), "no one-click delete form on the result page");

        Document confirm = Jsoup.parse(s.get("/analyses/" + id + "/delete").asString());
        assertTrue(confirm.select("h1").text().contains("Effacer cette analyse"));
        assertEquals("yes", confirm.select("form[action$=/delete] input[name=confirm]").attr("value"));
        assertEquals("/analyses/" + id, confirm.select("#cancel-delete").attr("href"));

        Response unconfirmed = s.post("/analyses/" + id + "/delete", Map.of());
        assertEquals(303, unconfirmed.statusCode());
        assertTrue(unconfirmed.header("Location").endsWith("/analyses/" + id + "/delete"));
        assertTrue(analyses.find(id).isPresent(), "a form without the confirmation erases nothing");

        Response confirmed = s.post("/analyses/" + id + "/delete", Map.of("confirm", "yes"));
        assertEquals(303, confirmed.statusCode());
        assertTrue(confirmed.header("Location").endsWith("/?deleted=true"));
        assertTrue(analyses.find(id).isEmpty());
        given().get("/analyses/" + id + "/delete").then().statusCode(404);
    }

    @Test
    void theSavedNoticeIsInTheSectionThePageLandsOn() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        Response saved = s.post("/analyses/" + id + "/dossier", Map.of("name", "Hortense Quillebeuf"));
        String location = saved.header("Location");
        String anchor = location.substring(location.indexOf('#') + 1);
        Document page = Jsoup.parse(s.get("/analyses/" + id + "?saved=true").asString());
        assertEquals(1, page.select("#" + anchor + " .notice-ok").size(),
                "the notice is inside #" + anchor + ", where the browser lands");
    }

    @Test
    void theHomeAndPrivacyPagesAreHonestAboutTheDkimLookup() {
        // the test profile runs with pixelproof.dkim.lookup=false: the pages say that no lookup is made
        Document home = Jsoup.parse(given().get("/").asString());
        String fate = home.text();
        assertFalse(fate.contains("L'expéditeur ne saura pas"), "no unconditional promise");
        assertTrue(fate.contains("aucune demande réseau"), fate);
        Document privacyPage = Jsoup.parse(given().get("/privacy").asString());
        String privacy = privacyPage.text();
        assertTrue(privacy.contains("pixelproof.dkim.lookup=false"), privacy);
        assertTrue(privacy.contains("_domainkey"), privacy);
        assertTrue(privacyPage.select("#dkim-status").text().contains("désactivée"), privacy);
        String english = Jsoup.parse(given().get("/privacy?lang=en").asString()).text();
        assertTrue(english.contains("pixelproof.dkim.lookup=false"), english);
    }

    @Test
    void theDropTextIsHiddenUntilAFileIsDragged() {
        Document home = Jsoup.parse(given().get("/").asString());
        assertTrue(home.selectFirst("#drop-text").hasAttr("hidden"));
    }

    @Test
    void theFooterApiLinkLeadsToAReadablePage() {
        Document home = Jsoup.parse(given().get("/").asString());
        assertEquals("/api", home.select("footer a:contains(API)").attr("href"));
        Document api = Jsoup.parse(given().get("/api").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString());
        assertTrue(api.text().contains("POST /api/analyses"));
        assertTrue(api.text().contains("DELETE /api/analyses/{id}"), api.text());
        assertTrue(api.text().contains("GET /api/analyses/{id}/original.eml"), api.text());
        assertEquals(1, api.select("a[href=/q/openapi?format=json]").size());
        given().get("/q/openapi?format=json").then().statusCode(200).contentType(containsString("json"))
                .body(containsString("\"/api/analyses\""));
        given().get("/q/openapi").then().statusCode(200).body(containsString("415"));
    }

    @Test
    void theResultPageDescribesTheCleanedCopyHonestly() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        s.get("/analyses/" + id).then().body(containsString("ne charge plus rien"));
        String html = s.get("/analyses/" + id + "/cleaned.html").asString();
        Document copy = Jsoup.parse(html);
        assertTrue(copy.select("img[src^=http], img[src^=//]").isEmpty(), copy.select("img").toString());
        s.get("/analyses/" + id + "/cleaned.eml").then().body(not(containsString("src=\"https://")));
    }
}
