package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * A vendor's double-opt-in confirmation link ({@code kind: confirm} patterns) is a functional link, not click
 * tracking: the fictional messages of {@code double-opt-in/} and real e-mails 128 to 130 of
 * {@code ../shared/corpus/real} (read in place; skipped with a message when absent). The pixel and the other tracked
 * links of the same message are still reported, and a confirm-shaped path on another host is not exempt.
 */
class SubscriptionConfirmationLinkTest {

    private static final Detector DETECTOR = new Detector(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);
    static final String FIXTURES = "/org/pixelproof/detect/double-opt-in/";
    private static final Path REAL = Path.of("../shared/corpus/real");

    /** @return the findings of a fixture of {@code double-opt-in/}, read as an upload is */
    static Findings fixture(String name) {
        try (InputStream in = SubscriptionConfirmationLinkTest.class.getResourceAsStream(FIXTURES + name)) {
            assertTrue(in != null, "missing fixture " + name);
            return DETECTOR.detect(new EmailParser(IngestLimits.DEFAULT).parse(in.readAllBytes(), name), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Findings real(String number) throws IOException {
        assumeTrue(Files.isDirectory(REAL), "skipped: " + REAL.toAbsolutePath().normalize()
                + " is absent (the real e-mails are not shipped with the project)");
        try (Stream<Path> s = Files.list(REAL)) {
            Path p = s.filter(f -> f.getFileName().toString().startsWith(number + "-")).findFirst().orElseThrow();
            return DETECTOR.detect(new EmailParser(IngestLimits.DEFAULT).parse(Files.readAllBytes(p),
                    p.getFileName().toString()), List.of());
        }
    }

    private static List<Link> confirmationLinks(Findings f) {
        return f.links().stream().filter(Link::subscriptionConfirmation).toList();
    }

    @Test
    void anActiveCampaignConfirmLinkIsNotClickTrackingButThePixelAndTheRedirectorAre() {
        Findings f = fixture("activecampaign-confirm-with-pixel-de.eml");
        List<Link> confirm = confirmationLinks(f);
        assertEquals(2, confirm.size(), "the link of the text part and the button of the HTML part: " + f.links());
        for (Link l : confirm) {
            assertNull(l.trackerId(), l.toString());
            assertEquals(Link.SUBSCRIPTION_CONFIRMATION, l.role());
            assertTrue(l.url().contains("act=csub"), l.url());
        }
        assertTrue(f.trackers().stream().noneMatch(t -> t.url().contains("act=csub")), f.trackers().toString());
        assertTrue(f.trackers().stream().anyMatch(t -> t.kind() == TrackerKind.OPEN_PIXEL
                && t.host().equals("papierwerkstatt.emlnk9.com")), "the pixel is still reported: " + f.trackers());
        assertTrue(f.trackers().stream().anyMatch(t -> t.kind() == TrackerKind.CLICK_TRACKING
                && t.url().contains("/Prod/link-tracker")), "the shop link's redirector too: " + f.trackers());
    }

    @Test
    void aMailchimpConfirmLinkWrittenAsItIsLeavesNothingToReport() {
        Findings f = fixture("mailchimp-confirm-en.eml");
        assertEquals(1, confirmationLinks(f).size(), f.links().toString());
        assertEquals("Yes, subscribe me to this list.", confirmationLinks(f).get(0).text());
        assertTrue(f.trackers().isEmpty(), f.trackers().toString());
    }

    @Test
    void aConfirmButtonBehindAClickRedirectorIsStillClickTracking() {
        Findings f = fixture("tracked-confirm-button-fr.eml");
        assertTrue(confirmationLinks(f).isEmpty(), "the redirector is not the vendor's confirm endpoint");
        assertTrue(f.trackers().stream().anyMatch(t -> t.kind() == TrackerKind.CLICK_TRACKING
                && t.url().contains("/track/click")), f.trackers().toString());
    }

    @Test
    void aConfirmShapedPathOnAnotherHostIsNotExempt() {
        Findings f = fixture("newsletter-confirm-shape-elsewhere-fr.eml");
        assertTrue(confirmationLinks(f).isEmpty(), f.links().toString());
        assertTrue(f.trackers().stream().anyMatch(t -> t.url().contains("/subscribe/confirm")),
                "the link carries the recipient's address: still click tracking " + f.trackers());
    }

    @Test
    void theRoleSurvivesTheAnalysisJsonAndAnOldAnalysisHasNone() throws IOException {
        Link confirm = confirmationLinks(fixture("mailchimp-confirm-en.eml")).get(0);
        com.fasterxml.jackson.databind.ObjectMapper json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        String written = json.writeValueAsString(confirm);
        assertTrue(written.contains("\"role\":\"subscription-confirmation\""), written);
        assertEquals(confirm, json.readValue(written, Link.class));
        String stored = written.replace(",\"role\":\"subscription-confirmation\"", "");
        assertNull(json.readValue(stored, Link.class).role(), "an analysis stored before the field: " + stored);
    }

    @Test
    void realDoubleOptInLinks() throws IOException {
        Findings doi = real("129");
        assertFalse(confirmationLinks(doi).isEmpty(), "129's act=csub link: " + doi.links());
        assertTrue(doi.trackers().stream().noneMatch(t -> t.url().contains("act=csub")), doi.trackers().toString());
        // 130's confirmation button goes through Mailchimp's click redirector: that is still reported
        Findings tracked = real("130");
        assertTrue(confirmationLinks(tracked).isEmpty(), tracked.links().toString());
        assertTrue(tracked.trackers().stream().anyMatch(t -> t.kind() == TrackerKind.CLICK_TRACKING
                && t.host().equals("click.mailchimp.com")), tracked.trackers().toString());
        // 128's unsubscribe link through the same ActiveCampaign handler (act=unsub) is not a confirmation
        assertTrue(confirmationLinks(real("128")).isEmpty());
    }
}
