package org.pixelproof.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.SenderIdentityCheck;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The analysis combines what {@code detect} found of the sender's identity with what the recipient's server said of
 * the From domain's authentication ({@code authenticity.FromAuthentication}): a refund phish (invented names) whose
 * only remaining sign is the receiving server's DMARC verdict.
 */
class SenderAuthenticationTest {
    private static final String FIXTURE = "/org/pixelproof/detect/sender-identity/refund-phish-lookalike-link-fr.eml";
    private static final Analyzer ANALYZER = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
            AuthenticityChecker.offline(), Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));
    private static final String DOUBTFUL = SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL;
    private static final String FAILED = SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED;
    private static final String NOT_ENFORCED = SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED;

    private static String fixture() throws Exception {
        try (InputStream in = SenderAuthenticationTest.class.getResourceAsStream(FIXTURE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** @return the fixture with its Authentication-Results moved to the top, where the receiving server adds it */
    private static String resultsOnTop(String text) {
        String ar = text.lines().filter(l -> l.startsWith("Authentication-Results:")).findFirst().orElseThrow();
        return ar + "\n" + without(text, "Authentication-Results:");
    }

    private static String without(String text, String prefix) {
        return text.lines().filter(l -> !l.startsWith(prefix)).collect(Collectors.joining("\n")) + "\n";
    }

    /** @return the fixture with a link text that shows no address (the deceptive link sign gone) */
    private static String plainLinkText(String text) {
        return text.replace(">https://www.caisse-santeplus.fr/adherent/remboursements<",
                ">Recevoir mon remboursement<");
    }

    private static Analysis analyse(String text) throws Exception {
        return ANALYZER.analyze(text.getBytes(StandardCharsets.UTF_8), "remboursement.eml", AnalysisOptions.DEFAULT);
    }

    @Test
    void theReceivingServersDmarcFailUnderARejectPolicyIsEnoughOnItsOwn() throws Exception {
        Analysis a = analyse(resultsOnTop(without(plainLinkText(fixture()), "Reply-To:")));
        assertEquals(List.of(DOUBTFUL, FAILED), a.sender().identityCaveats(), a.sender().toString());
        assertTrue(a.assessment().caveats().contains("sender-identity-doubtful"), a.assessment().caveats().toString());
    }

    @Test
    void theSameVerdictBelowTheReceivedFieldIsNotTheServersWord() throws Exception {
        Analysis a = analyse(without(plainLinkText(fixture()), "Reply-To:"));
        assertEquals(List.of(), a.sender().identityCaveats(), a.sender().toString());
    }

    @Test
    void aFailWithoutAnEnforcedPolicyNeedsASupportingSign() throws Exception {
        // p=none, and SPF only soft-failed (~all): the domain's owner claims nothing
        String weak = resultsOnTop(plainLinkText(fixture())).replace("(p=REJECT sp=REJECT)", "(p=NONE sp=NONE)")
                .replace("spf=fail", "spf=softfail");
        assertEquals(List.of(DOUBTFUL, SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX, NOT_ENFORCED),
                analyse(weak).sender().identityCaveats());
        assertEquals(List.of(), analyse(without(weak, "Reply-To:")).sender().identityCaveats());
    }

    @Test
    void everySignOfTheWholePhishIsListed() throws Exception {
        List<String> c = analyse(resultsOnTop(fixture())).sender().identityCaveats();
        assertEquals(DOUBTFUL, c.get(0), c.toString());
        assertTrue(c.containsAll(List.of(SenderIdentityCheck.DECEPTIVE_LINK_TEXT,
                SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX, FAILED)), c.toString());
    }
}
