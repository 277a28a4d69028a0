package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, item 3: nothing personal reaches the logs. Analyses a corpus-like message with a distinctive recipient
 * address, subject and tracker URL, through the API and the pages, fills in the dossier form with distinctive
 * complainant details, provokes the error paths, and scans every log record (message, parameters and stack traces)
 * captured at the root logger.
 */
@QuarkusTest
class LogPrivacyTest {

    /** Strings from the message and the form that must never be logged. */
    static final List<String> SECRETS = List.of("camille.vasseur.7731", "Zephyrine", "Zq7731",
            "track.esp-mailer.example", "click.esp-mailer.example", "boutique-lumiere", "Hortense Quillebeuf",
            "Tilleuls", "hq-7731@example.org");

    final List<String> captured = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder sb = new StringBuilder(String.valueOf(r.getLoggerName())).append(' ')
                    .append(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    sb.append(' ').append(p);
                }
            }
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                sb.append(' ').append(w);
            }
            captured.add(sb.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(handler);
    }

    @Test
    void noPersonalDataInTheLogs() throws IOException {
        Logger.getLogger("org.pixelproof.web.LogPrivacyTest").info("capture check");
        byte[] eml = AnalysisApiTest.sample();

        String id = AnalysisApiTest.upload(eml);
        given().get("/api/analyses/" + id).then().statusCode(200);
        given().get("/api/analyses/" + id + "/dossier.pdf").then().statusCode(200);
        PageSession s = new PageSession();
        String pageId = PagesTest.idFrom(s.upload(eml, "camille.vasseur.7731@example.org"));
        s.get("/analyses/" + pageId).then().statusCode(200);
        s.get("/analyses/" + pageId + "/preview");
        s.get("/analyses/" + pageId + "/cleaned.html");
        s.post("/analyses/" + pageId + "/dossier", Map.of("name", "Hortense Quillebeuf", "postalAddress",
                "3 allée des Tilleuls", "email", "hq-7731@example.org", "askedConsent", "no"));
        s.get("/analyses/" + pageId + "/dossier.pdf?lang=en");
        // Error paths: refused uploads, a bad recipient, an unknown id, a forged form.
        s.upload("Zephyrine Zq7731 is not an e-mail".getBytes(), "");
        s.upload(eml, "not an address camille.vasseur.7731");
        given().multiPart("email", "x.eml", new byte[0]).post("/api/analyses");
        given().get("/analyses/Zq7731Zq7731Zq7731Zq77/nothing");
        given().formParam("name", "Hortense Quillebeuf").post("/analyses/" + pageId + "/dossier");
        given().delete("/api/analyses/" + id).then().statusCode(204);

        assertTrue(captured.stream().anyMatch(l -> l.contains("capture check")), "the handler sees the logs");
        for (String line : captured) {
            for (String secret : SECRETS) {
                assertFalse(line.contains(secret), "log line leaks '" + secret + "': " + line);
            }
        }
    }

    @Test
    void accessLogIsOff() {
        assertEquals("false", org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.http.access-log.enabled", String.class));
    }
}
