package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pixelproof.store.AnalysisStore;

/**
 * The time limit of an upload's analysis ({@code pixelproof.analysis.timeout}), end to end: a message whose analysis
 * never ends on its own ({@link SlowPipeline}) is abandoned at the limit with 422 {@code ANALYSIS_TIMED_OUT} and a
 * reason in the page's language or the API's JSON; its analysis really stops; nothing about it is stored or
 * remembered; and the one turn for heavy work comes back, so the next uploads are served. The limit is 1 s here, so
 * each abandoned upload costs about a second; nothing measures time.
 */
@QuarkusTest
@TestProfile(AnalysisTimeLimitTest.OneSecondOneTurn.class)
class AnalysisTimeLimitTest {

    /** A limit of 1 s, one turn for heavy work, and the endless analyses of {@link SlowPipeline}. */
    public static class OneSecondOneTurn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // one turn: each upload below is served only if the abandoned one before it gave its turn back
            return Map.of("pixelproof.analysis.timeout", "PT1S", "pixelproof.web.max-concurrent-jobs", "1",
                    "pixelproof.web.job-wait", "PT20S");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SlowPipeline.class);
        }
    }

    @Inject
    AnalysisStore store;

    @Inject
    SlowPipeline pipeline;

    @Inject
    HeavyWork heavy;

    @BeforeEach
    void reset() {
        pipeline.reset();
    }

    /** @return the test newsletter with the header that makes its analysis endless */
    static byte[] endless() throws IOException {
        String sample = new String(AnalysisApiTest.sample(), StandardCharsets.UTF_8);
        return (SlowPipeline.HEADER + "\r\n" + sample).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theApiAnswers422WithTheReasonAndStoresNothing() throws Exception {
        long before = store.count();
        Response r = given().multiPart("email", "slow.eml", endless(), "message/rfc822")
                .when().post("/api/analyses");
        r.then().statusCode(422)
                .contentType(containsString("application/json"))
                .header("Location", nullValue())
                .header("Retry-After", nullValue())
                .body("status", equalTo(422))
                .body("error", equalTo("ANALYSIS_TIMED_OUT"))
                .body("reason", allOf(containsString("abandoned after 1 s"),
                        containsString("built to slow analysis down"), containsString("nothing was stored"),
                        containsString("--timeout")));
        assertTrue(pipeline.awaitStop(), "the abandoned analysis stopped at its cancellation check point");
        assertEquals(before, store.count(), "nothing stored, even once the abandoned analysis ended");
    }

    @Test
    void theFormComesBackInFrenchWithTheReasonAndNothingIsRemembered() throws Exception {
        long before = store.count();
        PageSession s = new PageSession();
        s.get("/");
        Response r = s.upload(endless(), "camille@example.org", "lent.eml");
        String page = r.then().statusCode(422).contentType(containsString("text/html")).extract().asString();
        assertTrue(page.contains("<html lang=\"fr\">"), "in French by default");
        assertTrue(page.contains("analyse de ce message a été abandonnée au bout de 1\u00A0s\u00A0:"), page);
        assertTrue(page.contains("construit pour ralentir l"), page);
        assertTrue(page.contains("Rien n"), page);
        assertTrue(page.contains("id=\"upload-problem\""), "shown above the form, which comes back");
        assertTrue(page.contains("value=\"camille@example.org\""), "the recipient given is kept in the form");
        assertFalse(r.getDetailedCookies().hasCookieWithName(MyAnalysesCookie.NAME), "no analysis remembered");
        assertTrue(pipeline.awaitStop());
        assertEquals(before, store.count());
    }

    @Test
    void theFormComesBackInEnglishWhenEnglishWasChosen() throws Exception {
        long before = store.count();
        PageSession s = new PageSession();
        s.get("/?lang=en");
        Response r = s.upload(endless(), null, "slow.eml");
        String page = r.then().statusCode(422).extract().asString();
        assertTrue(page.contains("<html lang=\"en\">"), "in English");
        assertTrue(page.contains("The analysis of this message was abandoned after 1 s:"), page);
        assertTrue(page.contains("may be built to slow analysis down"), page);
        assertTrue(page.contains("Nothing was stored"), page);
        assertFalse(r.getDetailedCookies().hasCookieWithName(MyAnalysesCookie.NAME));
        assertTrue(pipeline.awaitStop());
        assertEquals(before, store.count());
    }

    @Test
    void theOneTurnComesBackOnceTheAbandonedAnalysisStopped() throws Exception {
        given().multiPart("email", "slow.eml", endless(), "message/rfc822").when().post("/api/analyses")
                .then().statusCode(422);
        assertTrue(pipeline.awaitStop());
        // one turn only: this runs once the abandoned analysis gave its turn back (waiting at most job-wait)
        assertEquals("free", heavy.runAnalysis(() -> "free"));
    }
}
