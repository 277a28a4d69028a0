package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pixelproof.store.AnalysisStore;

/** The REST API of DESIGN.md, endpoint by endpoint, with its errors. */
@QuarkusTest
class AnalysisApiTest {

    static byte[] sample() throws IOException {
        try (InputStream in = AnalysisApiTest.class.getResourceAsStream("/web/tracked-newsletter.eml")) {
            return in.readAllBytes();
        }
    }

    static String upload(byte[] eml) {
        return given().multiPart("email", "newsletter.eml", eml, "message/rfc822")
                .when().post("/api/analyses")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void uploadReturns201WithTheAnalysisAndItsLocation() throws IOException {
        byte[] eml = sample();
        Response r = given().multiPart("email", "newsletter.eml", eml, "message/rfc822")
                .multiPart("recipient", "camille@example.org")
                .when().post("/api/analyses");
        r.then().statusCode(201)
                .contentType(containsString("application/json"))
                .body("id", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("file", equalTo("newsletter.eml"))
                .body("sha256", equalTo(AnalysisStore.sha256(eml)))
                .body("verdict", equalTo("TRACKING_WITHOUT_CONSENT_MARKERS"))
                .body("trackers", not(hasSize(0)))
                .body("trackers[0].kind", notNullValue())
                .body("trackers[0].url", notNullValue())
                .body("trackers[0].host", notNullValue())
                .body("trackers[0].confidence", notNullValue())
                .body("trackers[0].location", notNullValue())
                .body("recipients", hasItem("camille@example.org"))
                .body("recipients", hasItem("camille.vasseur.7731@example.org"))
                .body("trackers.find { it.kind == 'OPEN_PIXEL' }.host", equalTo("track.esp-mailer.example"))
                .body("consentMarkers.type", hasItem("LIST_UNSUBSCRIBE_HEADER"))
                .body("rulesVersion", notNullValue())
                .body("analysedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        String id = r.path("id");
        assertTrue(r.header("Location").endsWith("/api/analyses/" + id), r.header("Location"));
        assertEquals(null, r.getCookie(MyAnalysesCookie.NAME), "the API sets no cookie");
    }

    @Test
    void getReturnsTheStoredAnalysis() throws IOException {
        String id = upload(sample());
        given().when().get("/api/analyses/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("verdict", equalTo(
                        "TRACKING_WITHOUT_CONSENT_MARKERS"));
    }

    @Test
    void theOriginalComesBackByteForByte() throws IOException {
        byte[] eml = sample();
        String id = upload(eml);
        Response r = given().when().get("/api/analyses/" + id + "/original.eml");
        r.then().statusCode(200).contentType(containsString("message/rfc822"))
                .header("Content-Disposition", containsString("attachment"));
        byte[] back = r.asByteArray();
        assertTrue(Arrays.equals(eml, back), "the original is served unchanged");
        assertEquals(AnalysisStore.sha256(eml), AnalysisStore.sha256(back));
        given().when().get("/api/analyses/" + "A".repeat(22) + "/original.eml").then().statusCode(404);
    }

    @Test
    void deleteErasesAndAnswers404Afterwards() throws IOException {
        String id = upload(sample());
        given().when().delete("/api/analyses/" + id).then().statusCode(204);
        given().when().get("/api/analyses/" + id).then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        given().when().delete("/api/analyses/" + id).then().statusCode(404);
        given().when().get("/api/analyses/" + id + "/dossier.pdf").then().statusCode(404);
    }

    @Test
    void unknownAndMalformedIdsGiveTheSame404() {
        String unknown = given().when().get("/api/analyses/AAAAAAAAAAAAAAAAAAAAAA")
                .then().statusCode(404).contentType(containsString("json")).extract().asString();
        String malformed = given().when().get("/api/analyses/not-an-id")
                .then().statusCode(404).contentType(containsString("json")).extract().asString();
        String traversal = given().when().get("/api/analyses/..%2F..%2Fetc%2Fpasswd")
                .then().statusCode(404).extract().asString();
        assertEquals(unknown, malformed, "an unknown id and a malformed one are indistinguishable");
        assertTrue(traversal.contains("NOT_FOUND") || traversal.isEmpty() || traversal.contains("404"), traversal);
        given().when().delete("/api/analyses/not-an-id").then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }

    @Test
    void missingFieldIs400WithAReason() {
        given().multiPart("other", "x.eml", "From: a@b\r\n\r\nx".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/analyses")
                .then().statusCode(400).contentType(containsString("json"))
                .body("status", equalTo(400)).body("error", equalTo("MISSING_FIELD"))
                .body("reason", containsString("email"));
    }

    @Test
    void emptyUploadIs422() {
        given().multiPart("email", "empty.eml", new byte[0], "message/rfc822")
                .when().post("/api/analyses")
                .then().statusCode(422).body("error", equalTo("EMPTY_INPUT")).body("reason", not(emptyOrNullString()));
    }

    @Test
    void aPdfIs422NotAMessage() {
        byte[] pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        given().multiPart("email", "invoice.pdf", pdf, "application/pdf")
                .when().post("/api/analyses")
                .then().statusCode(422).body("error", equalTo("NOT_A_MESSAGE"));
    }

    @Test
    void overTheLimitIs413WithAReason() {
        byte[] big = new byte[1_048_577];
        Arrays.fill(big, (byte) 'a');
        given().multiPart("email", "big.eml", big, "message/rfc822")
                .when().post("/api/analyses")
                .then().statusCode(413).contentType(containsString("json"))
                .body("error", equalTo("MESSAGE_TOO_LARGE")).body("reason", containsString("1048576"));
    }

    @Test
    void overTheHttpLimitIsStill413AndReadable() throws Exception {
        byte[] huge = new byte[3 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        // A client that declares its length, as curl -F and browsers do, gets the reason before sending the body.
        String boundary = "pixelproofboundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"email\"; filename=\"huge.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(huge);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(io.restassured.RestAssured.baseURI == null
                        ? java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/analyses")
                        : java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                + "/api/analyses"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("\"error\":\"MESSAGE_TOO_LARGE\"") && r.body().contains("1048576"), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").contains("json"));
    }

    @Test
    void aChunkedUploadOverTheHttpLimitIs413WithAReasonToo() throws Exception {
        // No Content-Length: the server can only refuse once it has read past the limit (2 MiB in tests).
        RawHttp.Answer api = RawHttp.chunkedUpload("/api/analyses", 3 << 20);
        assertEquals(413, api.status(), api.toString());
        assertTrue(api.header("content-type").contains("json"), api.toString());
        assertTrue(api.body().contains("\"error\":\"MESSAGE_TOO_LARGE\"") && api.body().contains("1048576"),
                api.body());
        RawHttp.Answer page = RawHttp.chunkedUpload("/analyses", 3 << 20);
        assertEquals(413, page.status(), page.toString());
        assertTrue(page.header("content-type").contains("text/html"), page.toString());
        assertTrue(page.body().contains("trop gros"), page.body());
        assertEquals(SecurityHeaders.PAGE_CSP, page.header("content-security-policy"));
    }

    @Test
    void badRecipientIs400() throws IOException {
        given().multiPart("email", "n.eml", sample(), "message/rfc822").multiPart("recipient", "not an address")
                .when().post("/api/analyses")
                .then().statusCode(400).body("error", equalTo("BAD_PARAMETER"));
    }

    @Test
    void wrongContentTypeIs415NotAStackTrace() {
        given().contentType("application/json").body("{}").when().post("/api/analyses")
                .then().statusCode(415).contentType(containsString("json")).body("error",
                        equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    /** Posts {@code body} as is, with {@code contentType}, to {@code path}; RestAssured would fix a broken boundary. */
    static java.net.http.HttpResponse<String> rawPost(String path, String contentType, String body) throws Exception {
        java.net.URI uri = java.net.URI.create((io.restassured.RestAssured.baseURI == null ? "http://localhost"
                : io.restassured.RestAssured.baseURI) + ":" + io.restassured.RestAssured.port + path);
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void malformedMultipartBodiesAre400NotInternalErrors() throws Exception {
        String part = "--zzz\r\nContent-Disposition: form-data; name=\"email\"; filename=\"a.eml\"\r\n\r\n"
                + "Subject: hi\r\n\r\nbody\r\n";
        String[][] cases = {
            {"multipart/form-data; boundary=", part + "--zzz--\r\n"},          // empty boundary
            {"multipart/form-data; boundary=zzz", part + "--zzz"},               // no closing delimiter
            {"multipart/form-data; boundary=zzz; charset=utf-7", part + "--zzz--\r\n"}, // charset Java lacks
        };
        for (String[] c : cases) {
            java.net.http.HttpResponse<String> r = rawPost("/api/analyses", c[0], c[1]);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            assertTrue(r.body().contains("\"error\":\"MALFORMED_MULTIPART\""), r.body());
            assertTrue(!r.body().contains("reference"), "not logged as an internal error: " + r.body());
        }
    }

    @Test
    void dossierIsAPdfWithTheDigestAndTheTrackers() throws IOException {
        byte[] eml = sample();
        String id = upload(eml);
        for (String lang : new String[] {"fr", "en"}) {
            Response r = given().when().get("/api/analyses/" + id + "/dossier.pdf?lang=" + lang);
            r.then().statusCode(200).contentType("application/pdf")
                    .header("Content-Disposition", containsString("attachment"));
            String text;
            try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(r.asByteArray())) {
                text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            }
            assertTrue(text.contains(AnalysisStore.sha256(eml)), "the dossier states the SHA-256 (" + lang + ")");
            assertTrue(text.contains("track.esp-mailer.example"), "the dossier names the tracker host (" + lang + ")");
            // The id is the secret that opens the stored analysis; the dossier goes to the CNIL and the sender.
            assertFalse(text.contains(id), "the dossier does not print the analysis id (" + lang + ")");
        }
        // Served from the cache the second time: the same bytes.
        byte[] first = given().get("/api/analyses/" + id + "/dossier.pdf").asByteArray();
        byte[] again = given().get("/api/analyses/" + id + "/dossier.pdf").asByteArray();
        assertTrue(Arrays.equals(first, again));
    }

    @Test
    void dossierLangIsChecked() throws IOException {
        String id = upload(sample());
        given().when().get("/api/analyses/" + id + "/dossier.pdf?lang=de")
                .then().statusCode(400).body("error", equalTo("BAD_PARAMETER"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/api/analyses'.post.summary", equalTo("Analyse an e-mail"))
                .body("paths.'/api/analyses/{id}'.get", notNullValue())
                .body("paths.'/api/analyses/{id}'.delete", notNullValue())
                .body("paths.'/api/analyses/{id}/dossier.pdf'.get", notNullValue())
                .body("paths.'/api/analyses'.post.responses.'413'", notNullValue())
                .body("paths.'/'", equalTo(null));
    }

    /** A message of {@code html}, from a shop to alex@example.org. */
    private static byte[] message(String html) {
        return ("From: Boutique <news@shop-example.fr>\r\nTo: alex@example.org\r\nSubject: Promo\r\n"
                + "Date: Tue, 17 Nov 2026 09:30:00 +0100\r\nMessage-ID: <caps@shop-example.fr>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<html><head>" + html + "</body></html>\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decoyStyleRulesDoNotHideTheOpenPixel() {
        // hostile test F2: 10,000 rules for classes no element uses, then a Mailchimp open pixel naming the recipient
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            html.append("<style>.u").append(i).append("{background:url(https://cdn.shop-example.fr/u").append(i)
                    .append(".png)}</style>\n");
        }
        html.append("</head><body><p>Bonjour</p><img src=\"https://shop.us3.list-manage.com/track/open.php?u=4f1e2d3c"
                + "&id=7a8b&e=alex@example.org\" width=\"1\" height=\"1\">");
        given().multiPart("email", "decoy.eml", message(html.toString()), "message/rfc822")
                .when().post("/api/analyses")
                .then().statusCode(201)
                .body("verdict", equalTo("TRACKING_WITHOUT_CONSENT_MARKERS"))
                .body("trackers.url", hasItem(containsString("list-manage.com/track/open.php")))
                .body("anomalies.code", hasItem("REFERENCES_NOT_ANALYSED"));
    }

    @Test
    void theCleanedCopyLinksToNoPixelPastTheListingCap() {
        // hostile test F6: pixels past the 1,000 listed trackers became placeholders linking to the tracker URL
        String id64 = "YWxleEBleGFtcGxlLm9yZw"; // alex@example.org in base64
        StringBuilder html = new StringBuilder("</head><body><p>Bonjour</p>");
        for (int i = 0; i < 1_100; i++) {
            html.append("<img src=\"https://t.shop-example.fr/i").append(i).append(".gif?e=").append(id64)
                    .append("\" width=\"1\" height=\"1\">");
        }
        String id = upload(message(html.toString()));
        String cleaned = given().get("/analyses/" + id + "/cleaned.html").then().statusCode(200).extract().asString();
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(cleaned);
        assertTrue(doc.select("[href], [src]").stream().noneMatch(e -> (e.attr("href") + e.attr("src"))
                .contains("t.shop-example.fr")), () -> "a live reference to the tracker host: "
                        + doc.select("[href*=t.shop-example.fr], [src*=t.shop-example.fr]").first());
        assertTrue(doc.text().contains("hxxps://t.shop-example.fr/i1099.gif?e=" + id64), "named as text");
    }
}
