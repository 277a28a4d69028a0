package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Request targets that are not valid URIs. KNOWN LIMITATION (docs/decisions/0030-malformed-request-urls.md): a raw
 * {@code <}, {@code >}, {@code "}, <code>{</code>, {@code |} or space in the request line is refused by Quarkus's own
 * root handler ({@code VertxHttpRecorder}, {@code new java.net.URI(uri)}) with an empty 400 before any route, filter
 * or exception mapper of the application runs; the only switch is the JVM-wide {@code -Dvertx.disableURIValidation},
 * which Quarkus documents as not for production. The first test pins that answer so that a Quarkus upgrade which lets
 * such requests through (or changes the answer) is noticed, and the readable error then added. The same characters
 * percent-encoded, which is what browsers send, reach the application and get its readable answers.
 */
@QuarkusTest
class MalformedUrlTest {

    private static RawHttp.Answer get(String target, String accept) throws IOException {
        return RawHttp.send(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void rawIllegalCharactersGetQuarkusEmpty400BeforeTheApplication() throws IOException {
        for (String target : new String[] {"/a<b", "/analyses/x?q=<script>", "/api/analyses/<x>", "/a\"b",
                "/a{b}", "/a|b", "/?lang=<x>", "/a%"}) {
            RawHttp.Answer a = get(target, "text/html");
            assertEquals(400, a.status(), target);
            assertEquals("", a.body(), target + ": known limitation, see docs/decisions/0030");
            // No application code ran: not even the filter that adds the protective headers to every answer.
            assertEquals("", a.header("Content-Security-Policy"), target);
        }
    }

    @Test
    void theSameCharactersPercentEncodedGetTheApplicationsReadableAnswers() throws IOException {
        RawHttp.Answer page = get("/a%3Cb%3E", "text/html");
        assertEquals(404, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.toString());
        assertTrue(page.body().contains("<html lang=\"fr\">") && page.body().contains("Code HTTP 404"), page.body());
        assertEquals(SecurityHeaders.PAGE_CSP, page.header("Content-Security-Policy"));

        RawHttp.Answer api = get("/api/analyses/%3Cx%3E", "application/json");
        assertEquals(404, api.status());
        assertTrue(api.header("Content-Type").startsWith("application/json"), api.toString());
        assertTrue(api.body().contains("\"error\":\"NOT_FOUND\""), api.body());

        RawHttp.Answer lang = get("/privacy?lang=%3Cx%3E", "text/html");
        assertEquals(400, lang.status());
        assertTrue(lang.body().contains("&lt;x&gt;"), "the asked value shown, escaped: " + lang.body());
    }
}
