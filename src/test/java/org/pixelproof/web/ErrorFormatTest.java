package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Which errors are JSON and which are pages ({@link ErrorMappers#answer}): the REST API's paths ({@code /api/...}) answer
 * JSON, {@code /api} itself is the API's documentation page and answers its errors as a page.
 */
@QuarkusTest
class ErrorFormatTest {

    @Test
    void aMethodNotAllowedOnTheApiPageIsAnHtmlPage() {
        for (String method : new String[] {"POST", "DELETE", "PUT"}) {
            Response r = given().header("Cookie", Languages.COOKIE + "=en").request(method, "/api");
            assertEquals(405, r.statusCode(), method);
            assertTrue(r.contentType().startsWith("text/html"), method + ": " + r.contentType());
            Document page = Jsoup.parse(r.asString());
            assertEquals("en", page.select("html").attr("lang"), method);
            assertTrue(page.text().contains("This address is not used that way."), method + ": " + page.text());
        }
        Response fr = given().post("/api");
        assertTrue(Jsoup.parse(fr.asString()).text().contains("Cette adresse ne s'utilise pas ainsi."));
    }

    @Test
    void aMethodNotAllowedOnAnApiRouteIsJson() {
        for (String path : new String[] {"/api/analyses", "/api/analyses/"}) {
            Response r = given().delete(path);
            assertEquals(405, r.statusCode(), path);
            assertTrue(r.contentType().startsWith("application/json"), path + ": " + r.contentType());
            assertEquals("METHOD_NOT_ALLOWED", r.jsonPath().getString("error"), path);
            assertEquals(405, r.jsonPath().getInt("status"), path);
            assertFalse(r.asString().contains("<html"), path);
        }
    }

    @Test
    void anUnknownPathUnderTheApiIsJsonAndAnUnknownPageIsHtml() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", is("NOT_FOUND"));
        given().get("/apidocs").then().statusCode(404).contentType(ContentType.HTML);
        assertTrue(ErrorMappers.isApi("/api/analyses"));
        assertFalse(ErrorMappers.isApi("/api"));
        assertFalse(ErrorMappers.isApi("/apis/x"));
        assertFalse(ErrorMappers.isApi(null));
    }
}
