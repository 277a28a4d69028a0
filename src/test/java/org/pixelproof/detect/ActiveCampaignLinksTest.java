package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * ActiveCampaign sends a campaign's links through the same {@code lt.php?x=<token>} script of the account's tracking
 * host that serves its open pixel ({@code activecampaign.click-lt}): real e-mail 128 has 19 such links, which were
 * not reported as click tracking (a new-user trial's helper noticed it). Real 128 is read in place and skipped with a
 * message when {@code ../shared/corpus/real} is absent.
 */
class ActiveCampaignLinksTest {
    private static final Detector DETECTOR = new Detector(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);
    private static final Path REAL = Path.of("../shared/corpus/real");

    @Test
    void aLinkThroughTheAccountsLtScriptIsClickTrackingAndThePixelStaysAPixel() {
        Findings f = DETECTOR.detect(TestEmails.message()
                .header("From", "Papierwerkstatt <news@papierwerkstatt.example>")
                .header("To", "alex.martin@example.org").header("Subject", "Neue Karten")
                .html("<html><body><p><a href=\"https://papierwerkstatt.emlnk9.com/lt.php?x=4lZy~GE4Kn7M6XNAzQ"
                        + "66VBNw3XNTkAPujew0Y8XEI3TK58F.-0y.zuVw1Y2hiN~wnuZA\">Zum Shop</a></p>"
                        + "<img src=\"https://papierwerkstatt.emlnk9.com/lt.php?x=4TZy~GE4Kn7M6XNAzQ66VBNw3XNTkAPuj"
                        + "ew0Y8XEI3TK58F.-02DjFFsPa\" width=\"1\" height=\"1\"></body></html>").build(), List.of());
        List<Tracker> clicks = f.trackers().stream().filter(t -> t.kind() == TrackerKind.CLICK_TRACKING).toList();
        assertEquals(1, clicks.size(), f.trackers().toString());
        assertEquals("ActiveCampaign", clicks.get(0).vendor());
        assertTrue(clicks.get(0).url().contains("/lt.php?x="), clicks.get(0).url());
        assertTrue(f.trackers().stream().anyMatch(t -> t.kind() == TrackerKind.OPEN_PIXEL
                && "ActiveCampaign".equals(t.vendor())), "the pixel is still a pixel: " + f.trackers());
    }

    @Test
    void realNewsletter128ReportsItsTrackedLinks() throws IOException {
        assumeTrue(Files.isDirectory(REAL), "skipped: " + REAL.toAbsolutePath().normalize()
                + " is absent (the real e-mails are not shipped with the project)");
        Path p;
        try (Stream<Path> s = Files.list(REAL)) {
            p = s.filter(x -> x.getFileName().toString().startsWith("128-")).findFirst().orElseThrow();
        }
        Findings f = DETECTOR.detect(new EmailParser(IngestLimits.DEFAULT).parse(Files.readAllBytes(p),
                p.getFileName().toString()), List.of());
        assertTrue(f.trackers().stream().anyMatch(t -> t.kind() == TrackerKind.CLICK_TRACKING
                && t.url().contains("/lt.php?x=")), f.trackers().toString());
    }
}
