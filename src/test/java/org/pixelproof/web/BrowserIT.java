package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 5's tests in a real browser: a worried recipient's whole path in headless Chromium, without JavaScript too,
 * with the keyboard only, and the zero-request check of the safe preview. Screenshots of each page at desktop and
 * phone width go to {@code target/screenshots/}.
 */
@QuarkusTest
class BrowserIT {

    @TestHTTPResource("/")
    URL base;

    static Path sampleFile() throws IOException {
        Path f = Files.createTempFile("newsletter-", ".eml");
        Files.write(f, AnalysisApiTest.sample());
        return f;
    }

    static WebDriverWait waiting(Browser b) {
        return new WebDriverWait(b.driver, Duration.ofSeconds(20));
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void aRecipientGoesFromAnEmailToADossierAndErasesIt() throws Exception {
        Path eml = sampleFile();
        try (Browser b = Browser.open()) {
            b.driver.get(url("/"));
            assertEquals("fr", b.driver.findElement(By.tagName("html")).getAttribute("lang"));
            b.screenshots("home");

            // Upload the tracked sample with the file picker.
            b.driver.findElement(By.id("email-file")).sendKeys(eml.toString());
            assertTrue(b.driver.findElement(By.id("drop-chosen")).getText().contains(eml.getFileName().toString()),
                    "the script shows the chosen file");
            b.driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            waiting(b).until(ExpectedConditions.urlMatches("/analyses/[A-Za-z0-9_-]{22}$"));
            String resultUrl = b.driver.getCurrentUrl();

            // Read the verdict and the trackers.
            String verdict = b.driver.findElement(By.id("verdict-title")).getText();
            assertTrue(verdict.startsWith("Ce courriel contient du pistage"), verdict);
            List<WebElement> rows = b.driver.findElements(By.cssSelector("table.trackers tbody tr"));
            assertFalse(rows.isEmpty());
            assertTrue(b.driver.findElement(By.id("trackers")).getText().contains("track.esp-mailer.example"));
            b.screenshots("result");

            // Switch language with the visible link.
            b.driver.findElement(By.cssSelector("a.lang-switch")).click();
            waiting(b).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
            assertTrue(b.driver.findElement(By.id("verdict-title")).getText().startsWith("This e-mail tracks you"));
            b.screenshots("result-en");
            b.driver.findElement(By.cssSelector("a.lang-switch")).click();
            waiting(b).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "fr"));

            // Fill in the dossier form.
            b.driver.findElement(By.cssSelector("section.verdict a[href$='/dossier']")).click();
            waiting(b).until(ExpectedConditions.urlContains("/dossier"));
            b.driver.findElement(By.id("name")).sendKeys("Camille Vasseur");
            b.driver.findElement(By.id("postalAddress")).sendKeys("8 rue des Lilas\n69003 Lyon");
            WebElement email = b.driver.findElement(By.id("email"));
            assertTrue(email.getAttribute("value").contains("@"), "the address the e-mail reached is offered: "
                    + email.getAttribute("value"));
            email.clear();
            email.sendKeys("camille@example.org");
            b.driver.findElement(By.id("howAddressGiven")).sendKeys("achat en ligne");
            b.driver.findElement(By.id("consent-no")).click();
            b.screenshots("dossier-form");
            b.driver.findElement(By.cssSelector(".dossier-form button[type=submit]")).click();
            waiting(b).until(ExpectedConditions.urlContains("saved=true"));
            WebElement savedNotice = b.driver.findElement(By.cssSelector("#documents .notice-ok"));
            assertTrue(savedNotice.getText().contains("coordonnées"));
            assertTrue((Boolean) b.js("const r = arguments[0].getBoundingClientRect();"
                    + " return r.top >= 0 && r.bottom <= window.innerHeight;", savedNotice),
                    "the 'details added' notice is visible where the page lands");

            // Download the PDF dossier.
            b.driver.findElement(By.cssSelector("a[href*='/dossier.pdf?lang=fr']")).click();
            Path pdf = waitForDownload(b, ".pdf");
            byte[] head = Files.readAllBytes(pdf);
            assertTrue(new String(head, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"), "a PDF was downloaded");

            // The list of my analyses.
            b.driver.get(url("/mine"));
            assertEquals(1, b.driver.findElements(By.cssSelector("a[href='" + resultUrl.substring(
                    resultUrl.indexOf("/analyses/")) + "']")).size());
            b.screenshots("mine");

            // Delete the analysis.
            b.driver.get(resultUrl);
            b.driver.findElement(By.id("delete-link")).click();
            waiting(b).until(ExpectedConditions.urlContains("/delete"));
            assertTrue(b.driver.findElement(By.tagName("h1")).getText().contains("Effacer cette analyse"));
            b.screenshots("confirm-delete");
            b.driver.findElement(By.id("confirm-delete")).click();
            waiting(b).until(ExpectedConditions.urlContains("deleted=true"));
            assertTrue(b.driver.findElement(By.cssSelector(".notice-ok")).getText().contains("effacés"));
            b.driver.get(resultUrl);
            assertTrue(b.driver.findElement(By.tagName("h1")).getText().contains("Quelque chose"));
            b.screenshots("not-found");

            b.driver.get(url("/privacy"));
            b.screenshots("privacy");
        } finally {
            Files.deleteIfExists(eml);
        }
    }

    /**
     * Finding 10: long URLs (a quoted List-Unsubscribe, tracker URLs, base64 tokens) wrap instead of widening the
     * page, at phone and desktop width, and the trackers table keeps readable rows (no column squeezed to a few
     * letters, which made one row thousands of pixels tall).
     */
    @Test
    void longAddressesNeverWidenTheResultPage() throws Exception {
        Path eml = Files.createTempFile("long-urls-", ".eml");
        try (var in = BrowserIT.class.getResourceAsStream("/web/long-urls-newsletter.eml")) {
            Files.write(eml, in.readAllBytes());
        }
        try (Browser b = Browser.open()) {
            b.driver.get(url("/"));
            b.driver.findElement(By.id("email-file")).sendKeys(eml.toString());
            b.driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            waiting(b).until(ExpectedConditions.urlMatches("/analyses/[A-Za-z0-9_-]{22}$"));
            assertFalse(b.driver.findElements(By.cssSelector("table.trackers tbody tr")).isEmpty());
            assertTrue(b.driver.findElement(By.id("markers")).getText().contains("unsubscribe"),
                    "the long List-Unsubscribe is quoted on the page");
            // what a reader can see: elements of the page body, except the visually hidden ones (table caption and
            // the header row of the stacked cards, kept for screen readers and clipped to 1 px)
            String measure = "const rows = [...document.querySelectorAll('table.trackers tbody tr')];"
                    + " const visible = [...document.querySelectorAll('main *')].filter(e =>"
                    + "   !e.closest('.visually-hidden') && getComputedStyle(e.closest('thead') || e).clip !== "
                    + "   'rect(0px, 0px, 0px, 0px)');"
                    + " return [document.documentElement.scrollWidth, window.innerWidth,"
                    + " Math.max(...rows.map(r => r.getBoundingClientRect().height)),"
                    + " Math.min(...[...document.querySelectorAll('table.trackers tbody td')]"
                    + "   .map(c => c.getBoundingClientRect().width)),"
                    + " Math.max(...visible.map(e => e.getBoundingClientRect().right)),"
                    + " visible.reduce((a, e) => e.getBoundingClientRect().right > a.getBoundingClientRect().right"
                    + "   ? e : a).outerHTML.slice(0, 120)];";
            for (int width : new int[] {390, 1280}) {
                @SuppressWarnings("unchecked")
                List<Object> r = (List<Object>) b.atWidth(width, measure);
                List<Number> m = r.subList(0, 5).stream().map(Number.class::cast).toList();
                String what = width + " px: page " + m.get(0) + " px wide for a " + m.get(1)
                        + " px window, tallest tracker row " + m.get(2) + " px, narrowest cell " + m.get(3)
                        + " px, rightmost element edge " + m.get(4) + " px (" + r.get(5) + ")";
                // against the width asked for: a phone's layout viewport grows to fit content that overflows
                assertTrue(m.get(0).doubleValue() <= width && m.get(1).doubleValue() <= width,
                        "horizontal overflow at " + what);
                assertTrue(m.get(4).doubleValue() <= width, "content cut off (e.g. inside the table's scroll box) at "
                        + what);
                assertTrue(m.get(2).doubleValue() < 1500, "a tracker row is too tall at " + what);
                assertTrue(m.get(3).doubleValue() >= 40, "a column is squeezed at " + what);
            }
            b.screenshots("result-long-urls");
        } finally {
            Files.deleteIfExists(eml);
        }
    }

    /** Finding 6: for a message without tracking, the page offers no complaint, and says why. */
    @Test
    void aPageAskedInAnUnknownLanguageOffersFrenchAndEnglish() throws Exception {
        try (Browser b = Browser.open()) {
            b.driver.get(url("/privacy?lang=de"));
            assertEquals("fr", b.driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(b.driver.findElement(By.cssSelector("[role=alert]")).getText().contains("« de »"));
            b.screenshots("unknown-language");
            b.driver.findElement(By.cssSelector("ul.lang-choices a[hreflang=en]")).click();
            waiting(b).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
            assertTrue(b.driver.getCurrentUrl().endsWith("/privacy?lang=en"), b.driver.getCurrentUrl());
            assertTrue(b.driver.findElement(By.tagName("h1")).getText().contains("Privacy"),
                    b.driver.findElement(By.tagName("h1")).getText());
        }
    }

    @Test
    void withoutTrackingThereIsNothingToComplainAbout() throws Exception {
        Path eml = Files.createTempFile("untracked-", ".eml");
        Files.write(eml, ReviewFindingsPagesTest.untracked());
        try (Browser b = Browser.open()) {
            b.driver.get(url("/"));
            assertFalse(b.driver.findElement(By.id("drop-text")).isDisplayed(),
                    "'drop the file here' shows only while a file is dragged");
            b.driver.findElement(By.id("email-file")).sendKeys(eml.toString());
            b.driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            waiting(b).until(ExpectedConditions.urlMatches("/analyses/[A-Za-z0-9_-]{22}$"));
            assertTrue(b.driver.findElement(By.id("nothing-to-complain")).isDisplayed());
            assertTrue(b.driver.findElements(By.cssSelector("a[href*='dossier.pdf'], a[href*='/letters/']"))
                    .isEmpty());
            assertTrue(b.driver.findElement(By.cssSelector("a[href$='/cleaned.html']")).isDisplayed());
            b.screenshots("result-untracked");
        } finally {
            Files.deleteIfExists(eml);
        }
    }

    @Test
    void itWorksWithoutJavaScript() throws Exception {
        Path eml = sampleFile();
        try (Browser b = Browser.withoutJavaScript()) {
            b.driver.get(url("/"));
            b.driver.findElement(By.id("email-file")).sendKeys(eml.toString());
            b.driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            waiting(b).until(ExpectedConditions.urlMatches("/analyses/[A-Za-z0-9_-]{22}$"));
            assertTrue(b.driver.findElement(By.id("verdict-title")).getText().startsWith("Ce courriel"));
        } finally {
            Files.deleteIfExists(eml);
        }
    }

    @Test
    void theUploadFormCanBeUsedWithTheKeyboardOnly() throws Exception {
        try (Browser b = Browser.open()) {
            b.driver.get(url("/"));
            List<String> reached = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                new Actions(b.driver).sendKeys(Keys.TAB).perform();
                Object id = b.js("const e = document.activeElement; return e.id || e.className || e.tagName;");
                reached.add(String.valueOf(id));
            }
            assertEquals("skip-link", reached.get(0), "the first Tab reaches the skip link: " + reached);
            for (String expected : List.of("lang-switch", "email-file", "source", "recipient", "button button-primary")) {
                assertTrue(reached.contains(expected), expected + " is reachable with Tab: " + reached);
            }
            String outline = String.valueOf(b.js("return getComputedStyle(document.activeElement).outlineStyle;"));
            assertFalse("none".equals(outline), "the focused element shows a focus ring");
        }
    }

    @Test
    void anUploadOverTheServerLimitShowsAReadablePage() throws Exception {
        Path big = Files.createTempFile("huge-", ".eml");
        Files.write(big, new byte[3 << 20]);
        try (Browser b = Browser.open()) {
            b.driver.get(url("/"));
            b.driver.findElement(By.id("email-file")).sendKeys(big.toString());
            b.driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            waiting(b).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "trop gros"));
            b.screenshots("too-large");
        } finally {
            Files.deleteIfExists(big);
        }
    }

    /**
     * Invariant 1 in the browser: an e-mail whose pixel, CSS backgrounds, web font, style sheet, frame and script
     * point at a server run by this test on 127.0.0.1; opening the result page and the safe preview must not make a
     * single request to it. Each defence is checked on its own as well: an image added to each page after loading
     * must be blocked by the Content-Security-Policy alone, and the preview's markup must hold no loadable reference to
     * the tracker (the placeholder rewriting alone). A last, deliberate visit proves the server counts.
     */
    /** Adds an image to the current page from a script run by the test (not by the page): only the CSP can stop it. */
    private static final String CSP_PROBE = "var i = document.createElement('img'); i.src = arguments[0];"
            + " document.body.appendChild(i);";

    @Test
    void theResultPageAndThePreviewMakeZeroRequestsToTheTracker() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tracker.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] gif = Base64Gif.PIXEL;
            exchange.getResponseHeaders().add("Content-Type", "image/gif");
            exchange.sendResponseHeaders(200, gif.length);
            exchange.getResponseBody().write(gif);
            exchange.close();
        });
        tracker.start();
        String t = "http://127.0.0.1:" + tracker.getAddress().getPort();
        Path eml = Files.createTempFile("zero-", ".eml");
        Files.writeString(eml, String.join("\r\n",
                "From: Zero Test <news@zero-test.example>",
                "To: zero@example.org",
                "Subject: Zero request check",
                "Date: Mon, 2 Nov 2026 10:00:00 +0100",
                "Message-ID: <zero@zero-test.example>",
                "MIME-Version: 1.0",
                "Content-Type: text/html; charset=UTF-8",
                "",
                "<html><head><style>@import url(" + t + "/import.css);</style>",
                "<style>",
                "@font-face { font-family: Spy; src: url(" + t + "/font.woff) format('woff'); }",
                "body { font-family: Spy, sans-serif; }",
                ".hero { background-image: url('" + t + "/css-background.png'); height: 40px; }",
                "</style>",
                "<link rel=\"stylesheet\" href=\"" + t + "/style.css\"></head>",
                "<body background=\"" + t + "/body-background.png\">",
                "<div class=\"hero\">Bonjour</div>",
                "<p style=\"background:url(" + t + "/inline-background.png)\">Texte</p>",
                "<img src=\"" + t + "/pixel.gif\" width=\"1\" height=\"1\" alt=\"\">",
                "<img srcset=\"" + t + "/srcset.png 2x\" src=\"" + t + "/image.png\" alt=\"logo\">",
                "<video poster=\"" + t + "/poster.png\"></video>",
                "<iframe src=\"" + t + "/frame.html\"></iframe>",
                "<script src=\"" + t + "/script.js\"></script>",
                "<a href=\"" + t + "/click\">Voir</a>",
                "</body></html>", ""), StandardCharsets.UTF_8);
        try (Browser b = Browser.open()) {
            b.driver.get(url("/"));
            b.driver.findElement(By.id("email-file")).sendKeys(eml.toString());
            b.driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            waiting(b).until(ExpectedConditions.urlMatches("/analyses/[A-Za-z0-9_-]{22}$"));
            String result = b.driver.getCurrentUrl();
            waiting(b).until(d -> "complete".equals(b.js("return document.readyState")));
            // The CSP on its own: an image added to the page after the fact, past any rewriting, must not load.
            b.js(CSP_PROBE, t + "/csp-probe-result.gif");
            b.driver.switchTo().frame(b.driver.findElement(By.cssSelector("iframe.preview")));
            waiting(b).until(d -> "complete".equals(b.js("return document.readyState")));
            b.driver.switchTo().defaultContent();
            b.screenshots("zero-result");
            b.driver.get(result + "/preview");
            waiting(b).until(d -> "complete".equals(b.js("return document.readyState")));
            b.screenshots("preview");
            // The rewriting on its own: the preview's markup names the tracker only as a link the reader may follow
            // (an <a href>) or as text, never in an attribute or style a browser would load.
            // Read as served (the sandboxed page's DOM may not be readable by the driver).
            String served = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(result + "/preview")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            org.jsoup.nodes.Document preview = org.jsoup.Jsoup.parse(served);
            assertTrue(preview.text().contains("Bonjour"), "the preview was read: " + served);
            for (org.jsoup.nodes.Element el : preview.getAllElements()) {
                for (org.jsoup.nodes.Attribute attr : el.attributes()) {
                    String key = attr.getKey();
                    boolean inert = el.normalName().equals("a") && key.equals("href") || key.equals("title")
                            || key.equals("alt") || key.startsWith("data-") || key.startsWith("aria-");
                    assertTrue(inert || !attr.getValue().contains(t), "the preview still loads the tracker from <"
                            + el.normalName() + " " + attr + ">");
                }
            }
            assertFalse(preview.select("style").html().contains(t), "a <style> of the preview names the tracker");
            b.js(CSP_PROBE, t + "/csp-probe-preview.gif");
            // Let late loads (fonts, lazy images) happen if anything allowed them.
            Thread.sleep(1500);
            assertEquals(List.of(), requests, "the tracker server received no request");

            b.driver.get(t + "/control");
            assertTrue(requests.contains("GET /control"), "control: the server does count requests: " + requests);
        } finally {
            tracker.stop(0);
            Files.deleteIfExists(eml);
        }
    }

    static Path waitForDownload(Browser b, String suffix) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(b.downloads)) {
                Path done = files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
                if (done != null && Files.size(done) > 0) {
                    return done;
                }
            }
            Thread.sleep(200);
        }
        try (Stream<Path> files = Files.list(b.downloads)) {
            throw new AssertionError("no " + suffix + " download; folder holds " + files.toList());
        }
    }

    /** A 1x1 transparent GIF. */
    static final class Base64Gif {
        static final byte[] PIXEL = java.util.Base64.getDecoder()
                .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    }
}
