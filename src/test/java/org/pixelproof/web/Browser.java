package org.pixelproof.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, as the browser tests need it: the system browser and driver
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}, so that Selenium Manager never downloads anything), the
 * flags that keep Chromium off the network, a fresh profile, and a download folder. Skips the test when Chromium is
 * absent.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final Path downloads;
    final Path profile;

    private Browser(boolean javascript) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: install Debian's chromium and chromium-driver (as .ci/run does)");
        profile = Files.createTempDirectory("pixelproof-chromium-profile");
        downloads = Files.createTempDirectory("pixelproof-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=fr");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("plugins.always_open_pdf_externally", true);
        if (!javascript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    /** @return a browser with JavaScript on. */
    static Browser open() throws IOException {
        return new Browser(true);
    }

    /** @return a browser with JavaScript switched off. */
    static Browser withoutJavaScript() throws IOException {
        return new Browser(false);
    }

    /**
     * Saves a full-page screenshot at desktop (1280 px) and phone (390 px) width into {@code target/screenshots}.
     *
     * @param name the file name's stem, e.g. {@code result}
     */
    void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        shoot(name + "-desktop", 1280);
        shoot(name + "-phone", 390);
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private void shoot(String file, int width) throws IOException {
        driver.manage().window().setSize(new Dimension(width, 900));
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        long height = Math.min(8000, Math.round(((Number) size.get("height")).doubleValue()));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height",
                (int) height, "deviceScaleFactor", 1, "mobile", width < 600));
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        Files.write(SCREENSHOTS.resolve(file + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /**
     * Lays the current page out at {@code width} CSS pixels (as a phone when under 600), evaluates {@code script}
     * there, and goes back to the desktop window.
     *
     * @return the script's value
     */
    Object atWidth(int width, String script) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900,
                "deviceScaleFactor", 1, "mobile", width < 600));
        try {
            return js(script);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** @return the value of a JavaScript expression. */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        deleteTree(profile);
        deleteTree(downloads);
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
