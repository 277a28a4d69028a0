package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.AnalysisIds;

/**
 * One holder cannot reach another's analysis (issue 6, "no leak of one analysis to another holder"). Access is by
 * the analysis id alone, so the id must be unguessable, a wrong id must say nothing (the same 404 whether the id is
 * malformed, unknown, almost right or a pattern), "my analyses" must list only the ids this browser was given, and
 * erasing needs the exact id.
 */
@QuarkusTest
class IsolationTest {
    /** Every address that takes an analysis id, API and pages. */
    private static final String[] GETS = {"/api/analyses/%s", "/api/analyses/%s/dossier.pdf",
            "/api/analyses/%s/original.eml", "/analyses/%s", "/analyses/%s/preview", "/analyses/%s/dossier",
            "/analyses/%s/dossier.pdf", "/analyses/%s/analysis.json", "/analyses/%s/cleaned.eml",
            "/analyses/%s/cleaned.html", "/analyses/%s/letters/dpo-request.txt", "/analyses/%s/delete"};

    @Inject
    Analyses analyses;

    @Test
    void idsCarry128RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = AnalysisIds.newId();
            assertTrue(AnalysisIds.isWellFormed(id), id);
            byte[] bits = Base64.getUrlDecoder().decode(id);
            assertEquals(16, bits.length, "128 bits");
            assertTrue(seen.add(id), "no repeat in 20,000 ids");
        }
        // Every bit position takes both values (a counter or a timestamp would leave high bits fixed).
        int[] ones = new int[128];
        for (String id : seen) {
            byte[] bits = Base64.getUrlDecoder().decode(id);
            for (int b = 0; b < 128; b++) {
                ones[b] += (bits[b / 8] >> (7 - b % 8)) & 1;
            }
        }
        for (int b = 0; b < 128; b++) {
            assertTrue(ones[b] > 9_000 && ones[b] < 11_000, "bit " + b + " is set in " + ones[b] + " of 20,000 ids");
        }
    }

    @Test
    void theIdsGivenOutByTheApiAreThoseIds() throws IOException {
        String a = AnalysisApiTest.upload(AnalysisApiTest.sample());
        String b = AnalysisApiTest.upload(AnalysisApiTest.sample());
        assertNotEquals(a, b, "the same message uploaded twice gets two ids");
        assertEquals(16, Base64.getUrlDecoder().decode(a).length);
    }

    @Test
    void aWrongIdGetsTheSame404WhateverItIs() throws IOException {
        String id = AnalysisApiTest.upload(AnalysisApiTest.sample());
        char last = id.charAt(21);
        List<String> wrong = new ArrayList<>(List.of(
                AnalysisIds.newId(),                                                  // well-formed, unknown
                id.substring(0, 21) + (last == 'A' ? 'B' : 'A'),                      // one character off
                swapCase(id),                                                         // ids are case-sensitive
                id.substring(0, 21),                                                  // a prefix
                id + "A",                                                             // longer
                "_".repeat(22),                                                       // SQL LIKE wildcard
                "%25".repeat(3),                                                      // % wildcard
                "x"));                                                                // malformed
        wrong.removeIf(w -> w.equals(id));
        for (String path : GETS) {
            String first = null;
            for (String w : wrong) {
                Response r = given().redirects().follow(false).when().get(String.format(path, w));
                assertEquals(404, r.statusCode(), path + " with " + w);
                // Pages link to themselves in the other language: the requested address comes back, nothing else.
                String body = r.asString().replaceAll("href=\"[^\"]*\\?lang=", "href=\"{asked}?lang=");
                assertFalse(body.contains(id), "a 404 never names the real id");
                assertFalse(body.contains("Exception") || body.contains("\tat "), body);
                if (first == null) {
                    first = body;
                } else {
                    assertEquals(first, body, path + ": a wrong id gets the same answer whatever it is");
                }
            }
            given().when().get(String.format(path, id)).then().statusCode(200); // the right id works
        }
        // The API's 404 is the same for a well-formed unknown id and a malformed one, with no hint.
        given().when().get("/api/analyses/" + AnalysisIds.newId()).then().statusCode(404)
                .body("error", equalTo("NOT_FOUND"));
    }

    @Test
    void myAnalysesListsOnlyThisBrowsersOwn() throws IOException {
        PageSession alice = new PageSession();
        PageSession bob = new PageSession();
        String aliceId = idOf(alice.upload(AnalysisApiTest.sample(), ""));
        String bobId = idOf(bob.upload(mail("Bob's own message"), ""));
        String apiId = AnalysisApiTest.upload(AnalysisApiTest.sample());

        String aliceList = alice.get("/mine").then().statusCode(200).extract().asString();
        assertTrue(aliceList.contains(aliceId));
        assertFalse(aliceList.contains(bobId), "Alice's list does not show Bob's analysis");
        assertFalse(aliceList.contains(apiId), "nor one uploaded through the API");
        String bobList = bob.get("/mine").then().statusCode(200).extract().asString();
        assertTrue(bobList.contains(bobId));
        assertFalse(bobList.contains(aliceId), "Bob's list does not show Alice's analysis");
        String stranger = new PageSession().get("/mine").then().statusCode(200).extract().asString();
        assertFalse(stranger.contains(aliceId) || stranger.contains(bobId) || stranger.contains(apiId),
                "a browser without the cookie sees no analysis");

        // A forged cookie lists only ids that exist: guessing one is guessing 128 random bits.
        String guessed = AnalysisIds.newId();
        String forged = given().cookie(MyAnalysesCookie.NAME, guessed + "." + "_".repeat(22) + ".x")
                .when().get("/mine").then().statusCode(200).extract().asString();
        assertFalse(forged.contains("/analyses/" + guessed) || forged.contains("/analyses/" + "_".repeat(22)),
                "ids that name no analysis are not listed");
        assertFalse(forged.contains(aliceId) || forged.contains(bobId) || forged.contains(apiId));
    }

    @Test
    void erasingNeedsTheExactId() throws IOException {
        String id = AnalysisApiTest.upload(AnalysisApiTest.sample());
        given().when().delete("/api/analyses").then().statusCode(405);
        given().when().delete("/api/analyses/").then().statusCode(405);
        for (String w : new String[] {id.substring(0, 21), swapCase(id), "_".repeat(22), "%25", AnalysisIds.newId()}) {
            if (!w.equals(id)) {
                given().when().delete("/api/analyses/" + w).then().statusCode(404);
            }
        }
        PageSession other = new PageSession();
        other.get("/");
        other.post("/analyses/" + "_".repeat(22) + "/delete", Map.of("confirm", "yes")).then().statusCode(404);
        other.post("/analyses/" + id.substring(0, 21) + "/delete", Map.of("confirm", "yes")).then().statusCode(404);
        // Without the form's token the page refuses even the right id.
        given().redirects().follow(false).formParam("csrf-token", "forged").formParam("confirm", "yes").when()
                .post("/analyses/" + id + "/delete").then().statusCode(403);
        assertTrue(analyses.find(id).isPresent(), "nothing erased the analysis");
        given().when().get("/api/analyses/" + id).then().statusCode(200).body("id", equalTo(id));

        given().when().delete("/api/analyses/" + id).then().statusCode(204);
        assertFalse(analyses.find(id).isPresent());
        assertTrue(analyses.original(id).isEmpty());
    }

    private static String idOf(Response r) {
        assertEquals(303, r.statusCode(), r.asString());
        String location = r.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String swapCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }

    private static byte[] mail(String subject) {
        return ("From: Boutique Lumen <news@boutique-lumen.example>\r\nTo: bob@example.org\r\nSubject: " + subject
                + "\r\nDate: Mon, 30 Nov 2026 08:00:00 +0100\r\nMessage-ID: <b1@boutique-lumen.example>\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Bonjour</p>"
                + "<img src=\"https://t.boutique-lumen.example/o/Ym9iQGV4YW1wbGUub3Jn.gif\" width=\"1\" height=\"1\">"
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
