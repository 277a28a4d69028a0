package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web pages over HTTP: flows, languages, CSRF, cookies, security headers and readable errors. */
@QuarkusTest
class PagesTest {

    @Inject
    Analyses analyses;

    static String idFrom(Response redirect) {
        String location = redirect.header("Location");
        assertNotNull(location, "a redirect to the result page");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void homeIsFrenchByDefaultWithTheHelpAndTheForm() {
        given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("Ce courriel vous espionne-t-il"))
                .body(containsString("Gmail")).body(containsString("Outlook"))
                .body(containsString("Thunderbird")).body(containsString("Apple Mail"))
                .body(containsString("enctype=\"multipart/form-data\""))
                .body(containsString("<label for=\"email-file\">"))
                .body(containsString("<label for=\"source\">"))
                .body(containsString("src=\"/js/upload.js\""))
                .body(not(containsString("<script>")))
                .body(not(containsString("onclick")));
    }

    @Test
    void theLanguageSwitchShowsEnglishAndIsRemembered() {
        PageSession s = new PageSession();
        s.get("/?lang=en").then().body(containsString("<html lang=\"en\">"))
                .body(containsString("Is this e-mail spying on you?"))
                .body(containsString("href=\"/?lang=fr\""));
        Cookie lang = s.get("/privacy?lang=en").getDetailedCookie(Languages.COOKIE);
        assertEquals("en", lang.getValue());
        assertTrue(lang.isHttpOnly());
        assertEquals("Strict", lang.getSameSite());
        s.get("/privacy").then().body(containsString("Privacy")).body(containsString("<html lang=\"en\">"));
        s.get("/?lang=fr").then().body(containsString("<html lang=\"fr\">"));
    }

    @Test
    void everyResponseCarriesTheProtectiveHeaders() {
        for (String path : new String[] {"/", "/privacy", "/mine", "/css/pixelproof.css", "/js/upload.js",
                "/analyses/AAAAAAAAAAAAAAAAAAAAAA", "/api/analyses/nope", "/no-such-page", "/q/openapi"}) {
            Response r = given().when().get(path);
            String csp = r.header("Content-Security-Policy");
            assertEquals(SecurityHeaders.PAGE_CSP, csp, path);
            assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'")
                    && csp.contains("form-action 'self'") && csp.contains("img-src 'self' data:")
                    && !csp.contains("unsafe-inline"), csp);
            assertEquals("no-referrer", r.header("Referrer-Policy"), path);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("DENY", r.header("X-Frame-Options"), path);
        }
        assertEquals("no-store", given().get("/").header("Cache-Control"));
    }

    @Test
    void uploadThroughTheFormLeadsToTheResultAndRemembersIt() throws IOException {
        PageSession s = new PageSession();
        Response r = s.upload(AnalysisApiTest.sample(), "");
        assertEquals(303, r.statusCode(), r.asString());
        String id = idFrom(r);
        Cookie mine = r.getDetailedCookie(MyAnalysesCookie.NAME);
        assertEquals(id, mine.getValue());
        assertTrue(mine.isHttpOnly());
        assertEquals("Strict", mine.getSameSite());
        assertEquals("/", mine.getPath());

        s.get("/analyses/" + id).then().statusCode(200)
                .body(containsString("Ce courriel contient du pistage, et rien dans le message ne vous informe de ce pistage"))
                .body(containsString("track.esp-mailer.example"))
                .body(containsString("(image CSS (bloc style)"))
                .body(containsString("Organisme (d&#39;après le seul nom d&#39;expéditeur)"))
                .body(not(containsString("(css-stylesheet")))
                .body(containsString("sandbox=\"\""))
                .body(containsString("/analyses/" + id + "/dossier.pdf?lang=fr"))
                .body(containsString("/analyses/" + id + "/cleaned.eml"))
                .body(containsString("/analyses/" + id + "/analysis.json"))
                .body(not(containsString("<a href=\"https://track")));
        s.get("/mine").then().statusCode(200).body(containsString("/analyses/" + id));
        s.get("/analyses/" + id + "/analysis.json").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).body("id", equalTo(id));
    }

    @Test
    void theDossierFormOffersTheAddressTheEmailWasSentTo() throws IOException {
        // a new-user trial: the address the e-mail reached was to be typed again, the dossier said "à compléter"
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        String form = s.get("/analyses/" + id + "/dossier").then().statusCode(200).extract().asString();
        org.jsoup.nodes.Element email = org.jsoup.Jsoup.parse(form).selectFirst("input#email");
        assertEquals("camille.vasseur.7731@example.org", email.attr("value"), form);

        String two = idFrom(s.upload(AnalysisApiTest.sample(), "camille.durand@example.net"));
        String twoForm = s.get("/analyses/" + two + "/dossier").then().statusCode(200).extract().asString();
        assertEquals("", org.jsoup.Jsoup.parse(twoForm).selectFirst("input#email").attr("value"),
                "two addresses searched: which one is the person's is not guessed");
    }

    static byte[] resource(String name) throws IOException {
        try (java.io.InputStream in = PagesTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theFrenchResultPageWordsTheDetectorsCodesInFrenchAndWarnsOnADoubtfulSender() throws IOException {
        PageSession s = new PageSession();
        Response r = s.upload(resource("/web/doubtful-sender.eml"), "");
        assertEquals(303, r.statusCode(), r.asString());
        String id = idFrom(r);
        String fr = s.get("/analyses/" + id + "?lang=fr").then().statusCode(200).extract().asString()
                .replace("&#39;", "'");
        for (String w : List.of("un élément englobant masqué par CSS",
                "attributs de largeur et de hauteur de 0 à 3 pixels", "paramètre de requête e",
                "contient un jeton d'apparence aléatoire", "un sous-domaine du domaine de l'expéditeur\u00a0; qui l'exploite",
                "id=\"sender-doubtful\"", "id=\"verdict-doubtful\"", "ne le mettent en cause que s'il en est bien l'expéditeur",
                "Identité de l'expéditeur douteuse", "ses liens ne mènent à aucun des domaines de l'expéditeur")) {
            assertTrue(fr.contains(w), "missing: " + w);
        }
        for (String w : List.of("enclosing", "high-entropy", "query parameter", "token 8f3k")) {
            assertFalse(fr.contains(w), "English prose on the French page: " + w);
        }
        // the evidence stays exact: the tracker's URL
        assertTrue(fr.contains("https://px.secure-notice-mailer.example/o/8f3kQ2zL9xWv7TtR4bYpHs6N"));
        String en = s.get("/analyses/" + id + "?lang=en").then().statusCode(200).extract().asString()
                .replace("&#39;", "'");
        for (String w : List.of("an enclosing element hidden by CSS", "query parameter e",
                "Sender's identity doubtful")) {
            assertTrue(en.contains(w), "missing: " + w);
        }
    }

    @Test
    void aMessageCutByALimitIsSaidToBeAnalysedInPart() throws IOException {
        String message = "From: News <news@shop.example.com>\r\nTo: alex.martin@example.org\r\nSubject: Cut\r\n"
                + "Message-ID: <cut@shop.example.com>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>" + "<b>".repeat(150_001);
        PageSession s = new PageSession();
        Response r = s.upload(message.getBytes(StandardCharsets.UTF_8), "");
        assertEquals(303, r.statusCode(), r.asString());
        String fr = s.get("/analyses/" + idFrom(r) + "?lang=fr").then().statusCode(200).extract().asString();
        assertTrue(fr.contains("caveat-incomplete") && fr.contains("Une limite a laissé une partie du message"), fr);
        // nothing found in what was read is not a clean bill: the headline and the box say the reading was partial
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(fr);
        assertEquals("Aucun traceur n'a été trouvé dans la partie du message qui a pu être lue\u00a0; le reste n'a pas été"
                + " analysé.", page.selectFirst("#verdict-title").wholeText());
        assertTrue(page.selectFirst("section.verdict").hasClass("verdict-warn"), page.selectFirst("section.verdict")
                .className());
        assertTrue(page.select("#nothing-to-complain").isEmpty(), "not 'nothing here calls for a complaint'");
        assertTrue(page.selectFirst("#nothing-found-in-part").text().contains("rien ne permet de dire qu'il ne vous"
                + " piste pas"), fr);
        assertFalse(fr.contains("Aucun traceur n'a été trouvé dans ce message") || fr.contains("rien à reprocher"),
                "the trackers and documents sections say the same");
        String en = s.get("/analyses/" + idFrom(r) + "?lang=en").then().statusCode(200).extract().asString();
        assertTrue(en.contains("A limit left part of the message unanalysed"), en);
        assertTrue(en.contains("No tracker was found in the part of the message that could be read"), en);
        Response whole = s.upload(AnalysisApiTest.sample(), "");
        String plain = s.get("/analyses/" + idFrom(whole) + "?lang=fr").then().statusCode(200).extract().asString();
        assertFalse(plain.contains("caveat-incomplete"));
        assertFalse(plain.contains("nothing-found-in-part"));
    }

    @Test
    void aPrivacyLinkOnlyReachableThroughATrackedLinkIsSaidSo() throws IOException {
        PageSession s = new PageSession();
        Response r = s.upload(resource("/web/tracked-privacy-link.eml"), "");
        assertEquals(303, r.statusCode(), r.asString());
        String fr = s.get("/analyses/" + idFrom(r) + "?lang=fr").then().statusCode(200).extract().asString();
        assertTrue(fr.contains("id=\"privacy-tracked\""), fr);
        assertTrue(fr.contains("lien traqué, destination inconnue"));
        assertFalse(fr.contains("9QwErTy7uIoP3aSdF5gHjK2L\"") && fr.contains("<dt>Politique de confidentialité</dt><dd><code"));
    }

    @Test
    void pastedSourceIsAnalysedToo() throws IOException {
        PageSession s = new PageSession();
        s.get("/");
        Response r = given().cookies(s.cookies).redirects().follow(false).multiPart("csrf-token", s.token)
                .multiPart("source", new String(AnalysisApiTest.sample(), StandardCharsets.UTF_8))
                .multiPart("recipient", "").when().post("/analyses");
        assertEquals(303, r.statusCode(), r.asString());
        assertTrue(analyses.find(idFrom(r)).isPresent());
    }

    @Test
    void refusedUploadsShowTheFormAgainWithAReadableReason() {
        PageSession s = new PageSession();
        Response notMail = s.upload("%PDF-1.4 not a mail".getBytes(StandardCharsets.US_ASCII), "");
        assertEquals(422, notMail.statusCode());
        assertTrue(notMail.asString().contains("Ce fichier n&#39;est pas un courriel")
                || notMail.asString().contains("Ce fichier n'est pas un courriel"), notMail.asString());
        Response nothing = s.upload(null, "");
        assertEquals(400, nothing.statusCode());
        assertTrue(nothing.asString().contains("Choisissez un fichier"));
        byte[] big = new byte[1_048_577];
        Arrays.fill(big, (byte) 'x');
        Response tooBig = s.upload(big, "");
        assertEquals(413, tooBig.statusCode());
        assertTrue(tooBig.asString().contains("trop gros"));
        // Over the HTTP limit with a declared length: see AnalysisApiTest and the browser test.
        for (Response r : new Response[] {notMail, nothing, tooBig}) {
            assertFalse(r.asString().contains("Exception") || r.asString().contains("\tat "), r.asString());
        }
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefusedWithAPage() throws IOException {
        given().redirects().follow(false).multiPart("email", "m.eml", AnalysisApiTest.sample(), "message/rfc822")
                .when().post("/analyses")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("Le formulaire a expiré"));
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        given().cookies(s.cookies).formParam("csrf-token", "forged").redirects().follow(false)
                .when().post("/analyses/" + id + "/delete").then().statusCode(403);
        assertTrue(analyses.find(id).isPresent(), "a forged delete erases nothing");
    }

    @Test
    void theDossierFormStoresTheComplainantAndComesBack() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        s.get("/analyses/" + id + "?lang=fr").then().body(containsString(">Ajouter mes coordonnées au dossier</a>"))
                .body(not(containsString("Modifier mes coordonnées")));
        s.get("/analyses/" + id + "/dossier").then().statusCode(200)
                .body(containsString("<label for=\"name\">")).body(containsString("name=\"askedConsent\""))
                .body(containsString("name=\"addressGivenOn\"")).body(containsString("name=\"marketing\""));
        Response saved = s.post("/analyses/" + id + "/dossier", Map.ofEntries(
                Map.entry("name", "Hortense Quillebeuf"), Map.entry("postalAddress", "12 rue des Tilleuls\n75011 Paris"),
                Map.entry("email", "hq@example.org"),
                Map.entry("howAddressGiven", "achat en ligne"), Map.entry("whenAddressGiven", "mars 2024"),
                Map.entry("askedConsent", "no"), Map.entry("earlierRequestDate", "2026-11-20"),
                Map.entry("earlierRequestContent", "Demande d'accès"), Map.entry("addressGivenOn", "2024-03-12"),
                Map.entry("addressPeriod", "before"), Map.entry("marketing", "keep")));
        assertEquals(303, saved.statusCode());
        assertTrue(saved.header("Location").endsWith("/analyses/" + id + "?saved=true#documents"));
        ComplainantDetails d = analyses.complainant(id).orElseThrow();
        assertEquals("Hortense Quillebeuf", d.name());
        assertEquals("no", d.askedConsent());
        assertEquals("2024-03-12", d.addressGivenOn());
        assertEquals("before", d.addressPeriod());
        assertEquals("keep", d.marketing());
        var complainant = Documents.toComplainant(d);
        assertEquals(java.time.LocalDate.of(2024, 3, 12), complainant.addressGivenOn());
        assertEquals(Boolean.FALSE, complainant.objectToMarketing());
        s.get("/analyses/" + id + "/dossier").then().body(containsString("value=\"Hortense Quillebeuf\""));
        // once saved, the details are edited, not added
        s.get("/analyses/" + id + "?saved=true").then().body(containsString("Vos coordonnées ont été ajoutées"))
                .body(containsString(">Modifier mes coordonnées</a>"))
                .body(not(containsString(">Ajouter mes coordonnées au dossier</a>")));
        s.get("/analyses/" + id + "?lang=en").then().body(containsString(">Edit my details</a>"))
                .body(not(containsString("Add my details")));
        s.get("/analyses/" + id + "?lang=fr");
    }

    @Test
    void detailsTheMessageContradictsAreSavedAndListedAsPointsToCheckInThePageLanguage() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(resource("/web/tracked-newsletter.eml"), "")); // to camille.vasseur.7731@, 2 Nov 2026
        s.get("/analyses/" + id + "/dossier").then().body(containsString("Adresse électronique qui a reçu le message"));
        Response saved = s.post("/analyses/" + id + "/dossier", Map.of("name", "Camille Vasseur", "email",
                "c.vasseur@example.net", "addressGivenOn", "2026-11-10"));
        assertEquals(303, saved.statusCode(), "saved: the statements may be right");
        org.jsoup.nodes.Document fr = org.jsoup.Jsoup.parse(s.get("/analyses/" + id + "?saved=true").then()
                .statusCode(200).extract().asString());
        List<String> points = fr.select("#points-to-check li").eachText();
        assertEquals(2, points.size(), points.toString());
        assertTrue(points.get(0).startsWith("L'adresse électronique indiquée (c.vasseur@example.net) n'est pas celle à"
                + " laquelle le message a été envoyé (camille.vasseur.7731@example.org)."), points.get(0));
        assertTrue(points.get(1).startsWith("Vous indiquez avoir communiqué votre adresse le 10 novembre 2026, après"
                + " l'envoi du message (le 2 novembre 2026)"), points.get(1));
        assertEquals("/analyses/" + id + "/dossier", fr.select("#points-to-check a").attr("href"));
        assertTrue(fr.select("#verdict-doubtful").isEmpty(), "a genuine newsletter: no phishing warning");
        org.jsoup.nodes.Document en = org.jsoup.Jsoup.parse(s.get("/analyses/" + id + "?lang=en").then()
                .statusCode(200).extract().asString());
        assertTrue(en.select("#points-to-check").text().startsWith("To check before you send the dossier and the"
                + " letters: The e-mail address given (c.vasseur@example.net) is not the one"), en.select(
                        "#points-to-check").text());
        s.post("/analyses/" + id + "/dossier", Map.of("name", "Camille Vasseur", "email",
                "Camille.Vasseur.7731@example.org", "addressGivenOn", "2026-10-01"));
        assertTrue(org.jsoup.Jsoup.parse(s.get("/analyses/" + id).then().statusCode(200).extract().asString())
                .select("#points-to-check").isEmpty(), "corrected: nothing left to check");
    }

    @Test
    void aDateTheMessageContradictsIsListedInTheDossierAndNotStatedInTheComplaint() throws IOException {
        PageSession s = new PageSession();
        // sent to camille.vasseur.7731@example.org on 2 November 2026
        String id = idFrom(s.upload(resource("/web/tracked-newsletter.eml"), ""));
        assertEquals(303, s.post("/analyses/" + id + "/dossier", Map.of("name", "Camille Vasseur", "email",
                "camille.vasseur.7731@example.org", "howAddressGiven", "lors d'un achat en ligne", "addressGivenOn",
                "2026-11-10")).statusCode());
        String complaint = s.get("/analyses/" + id + "/letters/cnil-complaint.txt?lang=fr").then().statusCode(200)
                .extract().asString();
        assertTrue(complaint.contains("J'ai communiqué mon adresse à cet organisme [à vérifier\u00a0: date indiquée,"
                + " le 10 novembre 2026, postérieure à l'envoi du message\u202f; corrigez ou retirez cette date"
                + " avant l'envoi], dans les circonstances suivantes\u00a0: «\u00a0lors d'un achat en ligne\u00a0»."),
                complaint);
        assertFalse(complaint.contains("organisme le 10 novembre 2026"), complaint);
        byte[] pdf = s.get("/analyses/" + id + "/dossier.pdf?lang=en").then().statusCode(200).extract()
                .asByteArray();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc)
                    .replaceAll("[\\s\\u00A0\\u202F]+", " ");
            assertTrue(text.contains("To check before sending: what you stated contradicts the message."), text);
            assertTrue(text.contains("You say you gave your address on 10 November 2026, after the message was sent"
                    + " (on 2 November 2026)"), text);
            assertFalse(text.contains("to this organisation on 10 November 2026"), text);
        }
    }

    @Test
    void theDossierFormRefusesAnImpossibleIsoDateInTheWhenFieldInThePageLanguage() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        Response refused = s.post("/analyses/" + id + "/dossier", Map.of("name", "Hortense Quillebeuf",
                "whenAddressGiven", "2024-13-45"));
        assertEquals(400, refused.statusCode());
        org.jsoup.nodes.Document fr = org.jsoup.Jsoup.parse(refused.asString());
        assertTrue(fr.select("#dossier-problems").text().contains("« 2024-13-45 » n'est pas une date qui existe"),
                fr.select("#dossier-problems").text());
        assertEquals("2024-13-45", fr.select("#whenAddressGiven").val(), "the form keeps what was typed");
        assertTrue(analyses.complainant(id).isEmpty(), "nothing is saved");

        s.get("/?lang=en");
        org.jsoup.nodes.Document en = org.jsoup.Jsoup.parse(s.post("/analyses/" + id + "/dossier",
                Map.of("whenAddressGiven", "around 2023-02-29")).asString());
        assertTrue(en.select("#dossier-problems").text().contains("\"2023-02-29\" is not a date that exists"),
                en.select("#dossier-problems").text());

        Response words = s.post("/analyses/" + id + "/dossier", Map.of("whenAddressGiven", "spring 2021"));
        assertEquals(303, words.statusCode(), words.asString());
        assertEquals("spring 2021", analyses.complainant(id).orElseThrow().whenAddressGiven());
    }

    @Test
    void theDossierFormRefusesADateThatIsNotOneKeepsWhatWasTypedAndSaysSoNextToTheField() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        Response refused = s.post("/analyses/" + id + "/dossier", Map.ofEntries(
                Map.entry("name", "Hortense Quillebeuf"), Map.entry("addressGivenOn", "2024-02-30"),
                Map.entry("earlierRequestDate", "30/02/2024"), Map.entry("earlierRequestContent", "Opposition"),
                Map.entry("answerDate", "hier")));
        assertEquals(400, refused.statusCode());
        assertTrue(analyses.complainant(id).isEmpty(), "nothing is saved");
        org.jsoup.nodes.Document fr = org.jsoup.Jsoup.parse(refused.asString());
        assertEquals("fr", fr.select("html").attr("lang"));
        // what was typed is kept
        assertEquals("Hortense Quillebeuf", fr.select("#name").val());
        assertEquals("2024-02-30", fr.select("#addressGivenOn").val());
        assertEquals("30/02/2024", fr.select("#earlierRequestDate").val());
        assertEquals("hier", fr.select("#answerDate").val());
        // each error next to its field, tied to it, and listed above the form in the form's order
        assertEquals("La date à laquelle l'adresse a été communiquée\u00a0: «\u00a02024-02-30\u00a0» n'est pas une"
                + " date qui existe. Indiquez-la sous la forme année-mois-jour (par exemple 2024-03-05), ou "
                + "laissez-la vide si vous ne la connaissez pas.", fr.select("#addressGivenOn-error").first().wholeText());
        assertTrue(fr.select("#earlierRequestDate-error").first().wholeText().startsWith("La date de la demande à l'organisme"
                + "\u00a0: «\u00a030/02/2024\u00a0» n'est pas une date écrite année-mois-jour."),
                fr.select("#earlierRequestDate-error").first().wholeText());
        assertTrue(fr.select("#answerDate-error").first().wholeText().startsWith("La date de la réponse\u00a0: «\u00a0hier"),
                fr.select("#answerDate-error").first().wholeText());
        for (String field : new String[] {"addressGivenOn", "earlierRequestDate", "answerDate"}) {
            assertEquals("true", fr.select("#" + field).attr("aria-invalid"), field);
            assertEquals(field + "-error", fr.select("#" + field).attr("aria-describedby"), field);
            org.jsoup.nodes.Element error = fr.getElementById(field + "-error");
            assertEquals(fr.getElementById(field).parent(), error.parent(), field + ": next to its field");
        }
        assertEquals(List.of("#addressGivenOn", "#earlierRequestDate", "#answerDate"),
                fr.select("#dossier-problems li a").eachAttr("href"));
        assertTrue(fr.select("#whenAddressGiven").attr("aria-invalid").isEmpty(), "a field without error is not marked");
        assertTrue(fr.select("#whenAddressGiven-error").isEmpty());

        s.get("/?lang=en");
        org.jsoup.nodes.Document en = org.jsoup.Jsoup.parse(s.post("/analyses/" + id + "/dossier",
                Map.of("answerDate", "yesterday")).asString());
        assertEquals("The date of the answer: \"yesterday\" is not a date written year-month-day. Give it as "
                + "year-month-day (for example 2024-03-05), or leave it empty if you do not know it.",
                en.select("#answerDate-error").text());
        assertTrue(analyses.complainant(id).isEmpty(), "nothing is saved");

        Response fixed = s.post("/analyses/" + id + "/dossier", Map.of("addressGivenOn", "2024-02-29",
                "earlierRequestDate", " 2024-03-05 "));
        assertEquals(303, fixed.statusCode(), fixed.asString());
        ComplainantDetails d = analyses.complainant(id).orElseThrow();
        assertEquals("2024-02-29", d.addressGivenOn());
        assertEquals(java.time.LocalDate.of(2024, 3, 5), Documents.toComplainant(d).priorRequest().sentOn());
    }

    @Test
    void theErrorOfAnImpossibleDateInTheWhenFieldIsShownNextToIt() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        org.jsoup.nodes.Document fr = org.jsoup.Jsoup.parse(s.post("/analyses/" + id + "/dossier",
                Map.of("whenAddressGiven", "2024-13-45", "earlierRequestDate", "2999-12-10")).asString());
        assertTrue(fr.select("#whenAddressGiven-error").text().contains("« 2024-13-45 » n'est pas une date"),
                fr.select("#whenAddressGiven-error").text());
        assertEquals("when-hint whenAddressGiven-error", fr.select("#whenAddressGiven").attr("aria-describedby"));
        assertTrue(fr.select("#earlierRequestDate-error").first().wholeText().contains("10 décembre 2999"),
                fr.select("#earlierRequestDate-error").first().wholeText());
        assertEquals(List.of("#whenAddressGiven", "#earlierRequestDate"),
                fr.select("#dossier-problems li a").eachAttr("href"));
    }

    @Test
    void theDossierFormRefusesADateInTheFutureAndSavesNothingButTakesAnEarlierObjection() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        Response refused = s.post("/analyses/" + id + "/dossier", Map.ofEntries(
                Map.entry("name", "Hortense Quillebeuf"), Map.entry("earlierRequestDate", "2999-12-10"),
                Map.entry("earlierRequestContent", "J'ai demandé par e-mail la suppression de mes données.")));
        assertEquals(400, refused.statusCode());
        String page = refused.body().asString();
        assertTrue(page.contains("Rien n'a été enregistré") || page.contains("Rien n&#39;a été enregistré"), page);
        assertTrue(page.contains("10 décembre 2999"), page);
        assertTrue(page.contains("value=\"Hortense Quillebeuf\""), "the form keeps what was typed");
        assertTrue(analyses.complainant(id).isEmpty(), "nothing is saved");

        // An objection sent before this message, and ignored since, is evidence: it is accepted.
        Response early = s.post("/analyses/" + id + "/dossier", Map.ofEntries(
                Map.entry("earlierRequestDate", "2020-01-01")));
        assertEquals(303, early.statusCode(), early.body().asString());
        assertEquals("2020-01-01", analyses.complainant(id).orElseThrow().earlierRequestDate());
    }

    @Test
    void deleteErasesAndForgetsTheId() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        s.get("/analyses/" + id);
        Response r = s.post("/analyses/" + id + "/delete", Map.of("confirm", "yes"));
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/?deleted=true"));
        assertTrue(analyses.find(id).isEmpty());
        assertFalse(s.cookies.getOrDefault(MyAnalysesCookie.NAME, "").contains(id));
        s.get("/?deleted=true").then().body(containsString("ont été effacés"));
        s.get("/analyses/" + id).then().statusCode(404).body(anyOf(containsString("Cette analyse n&#39;existe pas"),
                containsString("Cette analyse n'existe pas")));
    }

    @Test
    void unknownPagesAndIdsGiveAReadable404WithoutDetails() {
        String a = given().get("/analyses/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404)
                .contentType(containsString("text/html")).extract().asString();
        String b = given().get("/analyses/x").then().statusCode(404).extract().asString()
                .replace("/analyses/x?lang=", "/analyses/AAAAAAAAAAAAAAAAAAAAAA?lang=");
        assertEquals(a, b, "unknown and malformed ids are indistinguishable");
        given().get("/nothing-here").then().statusCode(404).contentType(containsString("text/html"))
                .body(anyOf(containsString("Quelque chose n&#39;a pas marché"),
                        containsString("Quelque chose n'a pas marché")));
        given().get("/analyses/AAAAAAAAAAAAAAAAAAAAAA/preview").then().statusCode(404);
        given().get("/analyses/AAAAAAAAAAAAAAAAAAAAAA/dossier.pdf").then().statusCode(404);
    }

    @Test
    void theLanguageSwitchNeverLeadsToAnotherSite() throws Exception {
        // http://pixelproof//evil.example/ answers PixelProof's 404, whose switch was href="//evil.example/?lang=en"
        for (String path : new String[] {"//evil.example/", "//evil.example/analyses/x"}) {
            java.net.URI uri = java.net.URI.create((io.restassured.RestAssured.baseURI == null ? "http://localhost"
                    : io.restassured.RestAssured.baseURI) + ":" + io.restassured.RestAssured.port
                    + path);
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(uri).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("class=\"lang-switch\" href=\"([^\"]*)\"")
                    .matcher(r.body());
            assertTrue(m.find(), r.body());
            assertTrue(m.group(1).startsWith("/") && !m.group(1).startsWith("//") && !m.group(1).startsWith("/\\"),
                    path + " -> " + m.group(1));
        }
    }

    @Test
    void thePreviewIsSandboxedAndLoadsNothing() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        Response r = s.get("/analyses/" + id + "/preview");
        assertEquals(200, r.statusCode());
        assertEquals(SecurityHeaders.PREVIEW_CSP, r.header("Content-Security-Policy"));
        assertEquals("SAMEORIGIN", r.header("X-Frame-Options"));
        String html = r.asString();
        assertTrue(html.contains("Bonjour Camille"), "the message's text is shown");
        assertFalse(html.contains("src=\"https://track.esp-mailer.example"), "no remote image remains");
        assertFalse(html.contains("url(https://track.esp-mailer.example"), "no remote CSS url remains");
        assertFalse(html.contains("<script"), html);
    }

    @Test
    void lettersAndCleanedCopiesDownload() throws IOException {
        PageSession s = new PageSession();
        String id = idFrom(s.upload(AnalysisApiTest.sample(), ""));
        s.post("/analyses/" + id + "/dossier", Map.of("name", "Jeanne Testeuse", "askedConsent", "no"));
        for (String letter : new String[] {"dpo-request", "cnil-complaint", "how-to-file"}) {
            Response txt = s.get("/analyses/" + id + "/letters/" + letter + ".txt?lang=fr");
            assertEquals(200, txt.statusCode(), letter);
            assertTrue(txt.header("Content-Disposition").contains("attachment"));
            assertFalse(txt.asString().isBlank());
            Response pdf = s.get("/analyses/" + id + "/letters/" + letter + ".pdf?lang=en");
            assertEquals(200, pdf.statusCode(), letter);
            assertTrue(new String(pdf.asByteArray(), 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"));
        }
        assertTrue(s.get("/analyses/" + id + "/letters/dpo-request.txt").asString().contains("Jeanne Testeuse"),
                "the letter is in the complainant's name");
        Response dossier = s.get("/analyses/" + id + "/dossier.pdf?lang=fr");
        assertEquals(200, dossier.statusCode());
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(dossier.asByteArray())) {
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).contains("Jeanne Testeuse"),
                    "the dossier is in the complainant's name");
        }
        s.get("/analyses/" + id + "/letters/nonsense.txt").then().statusCode(404);
        s.get("/analyses/" + id + "/letters/dpo-request.exe").then().statusCode(404);
        Response eml = s.get("/analyses/" + id + "/cleaned.eml");
        assertEquals(200, eml.statusCode());
        assertFalse(eml.asString().contains("Zq7731-pixel.gif"), "the pixel is gone from the cleaned copy");
        Response html = s.get("/analyses/" + id + "/cleaned.html");
        assertEquals(200, html.statusCode());
        assertTrue(html.header("Content-Disposition").contains("attachment"));
        assertFalse(html.asString().contains("Zq7731-pixel.gif"));
    }

    @Test
    void privacyPageStatesRetentionDeletionAndCookies() {
        given().get("/privacy").then().statusCode(200)
                .body(containsString("30 jours")).body(containsString("pixelproof-mine"))
                .body(containsString("Effacer cette analyse maintenant"));
    }
}
