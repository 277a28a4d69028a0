package org.pixelproof.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.detect.Detector;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * A request to confirm a subscription (double opt-in) is a message its recipient asked for: class
 * {@code TRANSACTIONAL} with the cue {@value MessageClassifier#SUBSCRIPTION_CONFIRMATION}, although the sending service
 * adds its list headers and footer, and although it promises a discount for confirming. Fictional messages of
 * {@code org/pixelproof/detect/double-opt-in/}, and real e-mails 128 to 130 read in place from
 * {@code ../shared/corpus/real} (skipped with a message when absent).
 */
class DoubleOptInClassificationTest {
    private static final RuleSet RULES = RuleSetLoader.loadDefault();
    private static final Detector DETECTOR = new Detector(RULES, IngestLimits.DEFAULT);
    private static final Assessor ASSESSOR = new Assessor(RULES);
    private static final String FIXTURES = "/org/pixelproof/detect/double-opt-in/";
    private static final Path REAL = Path.of("../shared/corpus/real");

    private static Assessment assess(byte[] raw, String name) {
        ReceivedEmail e = new EmailParser(IngestLimits.DEFAULT).parse(raw, name);
        Detector.Detection d = DETECTOR.detectWithTexts(e, List.of());
        return ASSESSOR.assess(e, d.findings(), Authenticity.none(), d.visibleTexts());
    }

    private static Assessment fixture(String name) {
        try (InputStream in = DoubleOptInClassificationTest.class.getResourceAsStream(FIXTURES + name)) {
            assertTrue(in != null, "missing fixture " + name);
            return assess(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Assessment real(String number) throws IOException {
        assumeTrue(Files.isDirectory(REAL), "skipped: " + REAL.toAbsolutePath().normalize()
                + " is absent (the real e-mails are not shipped with the project)");
        try (Stream<Path> s = Files.list(REAL)) {
            Path p = s.filter(f -> f.getFileName().toString().startsWith(number + "-")).findFirst().orElseThrow();
            return assess(Files.readAllBytes(p), p.getFileName().toString());
        }
    }

    private static List<String> codes(Assessment a) {
        return a.cues().stream().map(ClassificationCue::code).toList();
    }

    private static ExemptionCheck deliverability(Assessment a) {
        return a.exemptions().stream().filter(x -> x.exemption().equals(Assessor.DELIVERABILITY_TRANSACTIONAL))
                .findFirst().orElseThrow();
    }

    @Test
    void aConfirmationRequestWithListHeadersAndAnIncentiveIsARequestedMessage() {
        Assessment a = fixture("activecampaign-confirm-with-pixel-de.eml");
        assertEquals(MessageClass.TRANSACTIONAL, a.messageClass(), a.cues().toString());
        assertTrue(codes(a).containsAll(List.of(MessageClassifier.SUBSCRIPTION_WORDING,
                MessageClassifier.SUBSCRIPTION_CONFIRMATION, MessageClassifier.LIST_UNSUBSCRIBE_HEADER,
                "promotional-wording")), codes(a).toString());
        ClassificationCue link = a.cues().stream()
                .filter(c -> c.code().equals(MessageClassifier.SUBSCRIPTION_CONFIRMATION)).findFirst().orElseThrow();
        assertEquals("\u201cJa, ich bestätige meine E-Mail-Adresse\u201d \u2192 "
                + "papierwerkstatt.activehosted.com/proc.php", link.evidence(),
                "the link's text, host and path: never its query, which names the subscriber");
        // the pixel and the shop link's redirector are still there: tracking is reported, the class is not marketing
        assertEquals(Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, a.verdict());
        assertFalse(a.provisionIds().contains("cpce-l34-5"), "not a marketing message: " + a.provisionIds());
        // the promised discount is marketing content in a service message: reported as mixed, not exempted
        assertTrue(deliverability(a).reasons().contains(ExemptionReason.MARKETING_CONTENT_MIXED.code()),
                deliverability(a).reasons().toString());
        assertTrue(deliverability(a).reasons().contains(ExemptionReason.TRANSACTIONAL_WORDING_FOUND.code()));
    }

    @Test
    void aMailchimpConfirmationWithNothingElseHasNoTrackerAndIsTransactional() {
        Assessment a = fixture("mailchimp-confirm-en.eml");
        assertEquals(Verdict.NO_TRACKING_FOUND, a.verdict());
        assertEquals(MessageClass.TRANSACTIONAL, a.messageClass(), a.cues().toString());
        assertTrue(codes(a).contains(MessageClassifier.SUBSCRIPTION_CONFIRMATION), codes(a).toString());
    }

    @Test
    void aConfirmButtonBehindARedirectorIsRecognisedByItsTextAndItsTrackingStillRulesOutTheExemption() {
        Assessment a = fixture("tracked-confirm-button-fr.eml");
        assertEquals(MessageClass.TRANSACTIONAL, a.messageClass(), a.cues().toString());
        assertTrue(codes(a).contains(MessageClassifier.SUBSCRIPTION_CONFIRMATION), codes(a).toString());
        assertEquals(ExemptionOutcome.DOES_NOT_APPLY, deliverability(a).outcome());
        assertTrue(deliverability(a).reasons().contains(ExemptionReason.PER_RECIPIENT_CLICK_TRACKING.code()),
                deliverability(a).reasons().toString());
    }

    @Test
    void aNewsletterWithoutARequestToConfirmStaysMarketing() {
        Assessment a = fixture("newsletter-confirm-shape-elsewhere-fr.eml");
        assertEquals(MessageClass.MARKETING, a.messageClass(), a.cues().toString());
        assertFalse(codes(a).contains(MessageClassifier.SUBSCRIPTION_CONFIRMATION), codes(a).toString());
    }

    @Test
    void realDoubleOptInMessagesAreRequestedMessages() throws IOException {
        Assessment doi = real("129");
        assertEquals(MessageClass.TRANSACTIONAL, doi.messageClass(), doi.cues().toString());
        assertTrue(codes(doi).contains(MessageClassifier.SUBSCRIPTION_CONFIRMATION), codes(doi).toString());
        assertEquals(Verdict.NO_TRACKING_FOUND, doi.verdict(), "its only 'tracker' was the confirmation link");
        Assessment tracked = real("130");
        assertEquals(MessageClass.TRANSACTIONAL, tracked.messageClass(), tracked.cues().toString());
        assertEquals(ExemptionOutcome.DOES_NOT_APPLY, deliverability(tracked).outcome(),
                "its confirmation button goes through a per-recipient click redirector");
        Assessment newsletter = real("128");
        assertEquals(MessageClass.MARKETING, newsletter.messageClass(), newsletter.cues().toString());
    }
}
