package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * An unknown {@code ?lang=} on a page or download: a 400 page offering the same address in French and in English,
 * never the page in a language that was not asked; the API keeps its own JSON answer.
 */
@QuarkusTest
class PageLanguageTest {

    /** Every page and download route of the web UI, for an analysis with a tracker and a complainant. */
    private static List<String> pageRoutes(String id) {
        String a = "/analyses/" + id;
        return List.of("/", "/mine", "/privacy", "/api", a, a + "/preview", a + "/dossier", a + "/delete",
                a + "/dossier.pdf", a + "/letters/cnil-complaint.pdf", a + "/letters/dpo-request.txt",
                a + "/analysis.json", a + "/cleaned.eml", a + "/cleaned.html");
    }

    private static String analysed(PageSession s) throws IOException {
        String id = PagesTest.idFrom(s.upload(AnalysisApiTest.sample(), ""));
        assertEquals(303, s.post("/analyses/" + id + "/dossier", Map.of("name", "Jeanne Testeuse",
                "askedConsent", "no")).statusCode());
        return id;
    }

    @Test
    void everyPageRouteRefusesAnUnknownLanguageWithA400PageOfferingBoth() throws IOException {
        PageSession s = new PageSession();
        String id = analysed(s);
        for (String path : pageRoutes(id)) {
            assertEquals(200, s.get(path).statusCode(), path + " works without lang");
            Response r = s.get(path + "?lang=de");
            assertEquals(400, r.statusCode(), path);
            assertTrue(r.contentType().startsWith("text/html"), path + ": " + r.contentType());
            assertNull(r.header("Content-Disposition"), path + ": an error page, not a download");
            Document page = Jsoup.parse(r.asString());
            assertEquals("fr", page.select("html").attr("lang"), path + ": the default language around the error");
            assertTrue(page.text().contains("La langue demandée (« de ») n'est pas proposée"), path);
            assertEquals(path + "?lang=fr", page.select("ul.lang-choices a[hreflang=fr]").attr("href"), path);
            assertEquals(path + "?lang=en", page.select("ul.lang-choices a[hreflang=en]").attr("href"), path);
            assertEquals("Show this page in English", page.select("ul.lang-choices a[lang=en]").text(), path);
            assertEquals("Afficher cette page en français", page.select("ul.lang-choices a[lang=fr]").text(), path);
        }
    }

    @Test
    void theErrorPageFollowsTheRememberedLanguageAndKeepsIt() throws IOException {
        PageSession s = new PageSession();
        String id = analysed(s);
        s.get("/?lang=en");
        assertEquals("en", s.cookies.get(Languages.COOKIE));
        Response r = s.get("/analyses/" + id + "?saved=true&lang=english");
        assertEquals(400, r.statusCode());
        Document page = Jsoup.parse(r.asString());
        assertEquals("en", page.select("html").attr("lang"));
        assertTrue(page.text().contains("The language asked for (\"english\") is not available"), page.text());
        assertEquals("/analyses/" + id + "?saved=true&lang=fr",
                page.select("ul.lang-choices a[hreflang=fr]").attr("href"), "the other parameters are kept");
        assertEquals("en", s.cookies.get(Languages.COOKIE), "the remembered choice is not changed");
        assertFalse(r.getDetailedCookies().hasCookieWithName(Languages.COOKIE));
    }

    @Test
    void aFormPostedWithAnUnknownLanguageIsRefusedAndNothingIsSaved() throws IOException {
        PageSession s = new PageSession();
        String id = analysed(s);
        Response r = s.post("/analyses/" + id + "/dossier?lang=xx", Map.of("name", "Autre Nom"));
        assertEquals(400, r.statusCode());
        Document page = Jsoup.parse(r.asString());
        assertEquals("/?lang=en", page.select("ul.lang-choices a[hreflang=en]").attr("href"),
                "a POST cannot be fetched again: the choices lead home");
        assertTrue(s.get("/analyses/" + id + "/dossier").asString().contains("Jeanne Testeuse"));
    }

    @Test
    void aBlankLanguageIsNoChoiceAndAValidOneStillWorks() {
        given().get("/privacy?lang=").then().statusCode(200);
        given().get("/privacy?lang=en").then().statusCode(200);
        String body = given().get("/privacy?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E").then().statusCode(400)
                .extract().asString();
        assertFalse(body.contains("<script>"), "the asked value is escaped");
    }

    @Test
    void theApiKeepsItsOwnJsonAnswers() throws IOException {
        String id = PagesTest.idFrom(new PageSession().upload(AnalysisApiTest.sample(), ""));
        given().get("/api/analyses/" + id + "?lang=de").then().statusCode(200)
                .contentType(io.restassured.http.ContentType.JSON);
        given().get("/api/analyses/" + id + "/dossier.pdf?lang=de").then().statusCode(400)
                .contentType(io.restassured.http.ContentType.JSON);
    }

    @Test
    void aLanguageCodeIsReadWhateverItsCase() throws IOException {
        PageSession s = new PageSession();
        String id = analysed(s);
        Response r = s.get("/privacy?lang=EN");
        assertEquals(200, r.statusCode());
        assertEquals("en", Jsoup.parse(r.asString()).select("html").attr("lang"));
        assertEquals("en", s.cookies.get(Languages.COOKIE), "the remembered choice is normalised");
        r = s.get("/analyses/" + id + "?lang=Fr");
        assertEquals(200, r.statusCode());
        assertEquals("fr", Jsoup.parse(r.asString()).select("html").attr("lang"));
        assertEquals("fr", s.cookies.get(Languages.COOKIE));

        // a cookie written by hand or by an older version
        Document fromCookie = Jsoup.parse(given().cookie(Languages.COOKIE, "EN").get("/privacy").then()
                .statusCode(200).extract().asString());
        assertEquals("en", fromCookie.select("html").attr("lang"));

        Response pdf = s.get("/analyses/" + id + "/dossier.pdf?lang=eN");
        assertEquals(200, pdf.statusCode());
        assertTrue(pdf.header("Content-Disposition").contains("-dossier-en.pdf"), pdf.header("Content-Disposition"));
        Response txt = s.get("/analyses/" + id + "/letters/dpo-request.txt?lang=EN");
        assertEquals(200, txt.statusCode());
        assertTrue(txt.header("Content-Disposition").contains("-en.txt"), txt.header("Content-Disposition"));

        // still refused: not a supported language, whatever its case
        assertEquals(400, s.get("/privacy?lang=DE").statusCode());
        assertEquals(400, s.get("/privacy?lang=en-GB").statusCode());
    }

    @Test
    void theApiReadsTheDossierLanguageWhateverItsCase() throws IOException {
        String id = PagesTest.idFrom(new PageSession().upload(AnalysisApiTest.sample(), ""));
        String disposition = given().get("/api/analyses/" + id + "/dossier.pdf?lang=EN").then().statusCode(200)
                .contentType("application/pdf").extract().header("Content-Disposition");
        assertTrue(disposition.contains("-dossier-en.pdf"), disposition);
        disposition = given().get("/api/analyses/" + id + "/dossier.pdf?lang=Fr").then().statusCode(200)
                .extract().header("Content-Disposition");
        assertTrue(disposition.contains("-dossier-fr.pdf"), disposition);
        given().get("/api/analyses/" + id + "/dossier.pdf?lang=DE").then().statusCode(400)
                .contentType(io.restassured.http.ContentType.JSON).body("error", org.hamcrest.Matchers.is(
                        "BAD_PARAMETER"));
    }
}
