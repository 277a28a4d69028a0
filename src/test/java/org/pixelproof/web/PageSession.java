package org.pixelproof.web;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like session for page tests: keeps cookies and reads the CSRF token from the forms. */
final class PageSession {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    final Map<String, String> cookies = new HashMap<>();
    String token;

    /** GET a page, keep its cookies and its form token. */
    Response get(String path) {
        Response r = given().cookies(cookies).redirects().follow(false).when().get(path);
        keep(r);
        Matcher m = TOKEN.matcher(r.asString());
        if (m.find()) {
            token = m.group(1);
        }
        return r;
    }

    void keep(Response r) {
        r.getDetailedCookies().forEach(c -> {
            if (c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
    }

    /** Uploads through the home page form; returns the raw answer (303 on success). */
    Response upload(byte[] eml, String recipient) {
        return upload(eml, recipient, "message.eml");
    }

    /** Uploads through the home page form as file {@code fileName}; returns the raw answer (303 on success). */
    Response upload(byte[] eml, String recipient, String fileName) {
        if (token == null) {
            get("/");
        }
        var spec = given().cookies(cookies).redirects().follow(false).multiPart("csrf-token", token)
                .multiPart("source", "").multiPart("recipient", recipient == null ? "" : recipient);
        if (eml != null) {
            spec = spec.multiPart("email", fileName, eml, "message/rfc822");
        }
        Response r = spec.when().post("/analyses");
        keep(r);
        return r;
    }

    /** POSTs a urlencoded form with the token. */
    Response post(String path, Map<String, String> fields) {
        if (token == null) {
            get("/");
        }
        Response r = given().cookies(cookies).redirects().follow(false).formParams(fields)
                .formParam("csrf-token", token).when().post(path);
        keep(r);
        return r;
    }
}
