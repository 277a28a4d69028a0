package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.DetectLabels;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * A refund phish with a forged From (invented names, modelled on a health insurer's): whether the doubt comes from the
 * receiving server's DMARC verdict alone or from the message's own signs (a link showing the insurer's address and
 * leading to a look-alike, replies to a gmail.com address), the dossier, the request to the DPO and the complaint text
 * name "Caisse Santé Plus" only with the hedge used for doubtful senders, and give the reasons in the reader's
 * language.
 */
class ForgedSenderDossierTest {
    private static final String FIXTURE = "/org/pixelproof/detect/sender-identity/refund-phish-lookalike-link-fr.eml";
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static final Analyzer ANALYZER = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
            AuthenticityChecker.offline(), Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));

    private static String fixture() throws Exception {
        try (InputStream in = ForgedSenderDossierTest.class.getResourceAsStream(FIXTURE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static CaseEmail caseOf(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        try {
            Analysis a = ANALYZER.analyze(raw, "remboursement.eml", AnalysisOptions.DEFAULT);
            return new CaseEmail(a, raw, ANALYZER.read(raw, "remboursement.eml"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** @return the fixture as its receiving server would leave it: its Authentication-Results on top */
    private static String serverVerdictOnly(String text) {
        String ar = text.lines().filter(l -> l.startsWith("Authentication-Results:")).findFirst().orElseThrow();
        return ar + "\n" + text.lines().filter(l -> !l.startsWith("Authentication-Results:")
                && !l.startsWith("Reply-To:")).collect(Collectors.joining("\n")).replace(
                ">https://www.caisse-santeplus.fr/adherent/remboursements<", ">Recevoir mon remboursement<") + "\n";
    }

    private static void assertHedged(CaseEmail e, String reason) {
        for (Language l : Language.values()) {
            Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), l);
            assertTrue(d.organisation().identityDoubtful(), l.toString());
            assertTrue(d.organisation().identityDoubtReasons().contains(reason), d.organisation().toString());
            Locale locale = l == Language.FR ? Locale.FRENCH : Locale.ENGLISH;
            String label = DetectLabels.label(reason, locale).replace('\u00A0', ' ');
            String dossier = DossierTemplatesTest.plain(DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(d)))
                    .replaceAll("\\s+", " ").replace('\u00A0', ' ');
            assertTrue(dossier.contains(label), l + ": reason worded in the dossier");
            assertTrue(dossier.contains(l == Language.FR ? "l'identité de l'expéditeur est douteuse"
                    : "the sender's identity is doubtful"), l + ": warning");
            String dpo = TEMPLATES.letterText(d, LetterKind.DPO_REQUEST).replaceAll("\\s+", " ").replace('\u00A0', ' ');
            assertTrue(dpo.contains(l == Language.FR ? "s'il en est bien l'expéditeur" : "if it is indeed the sender"),
                    l + ": DPO letter hedged: " + dpo);
            String complaint = TEMPLATES.letterText(d, LetterKind.CNIL_COMPLAINT).replaceAll("\\s+", " ")
                    .replace('\u00A0', ' ');
            String line = complaint.lines().filter(x -> x.contains("Caisse Santé Plus")).findFirst().orElse(complaint);
            String named = complaint.substring(complaint.indexOf(l == Language.FR ? "Organisme mis en cause"
                    : "Organisation complained about"));
            named = named.substring(0, Math.min(named.length(), 600));
            assertTrue(named.contains(l == Language.FR ? "des indices font douter de l'identité de l'expéditeur"
                    : "some signs cast doubt on the sender's identity"), l + ": complaint hedged: " + named);
            assertTrue(named.contains(label), l + ": complaint gives the reason: " + line);
            // the facts say in whose name the e-mail came, not that the organisation sent it
            assertTrue(complaint.contains(l == Language.FR ? "j'ai reçu, au nom de Caisse Santé Plus ("
                    : "I received, in the name of Caisse Santé Plus ("), l + ": facts hedged: " + complaint);
            assertFalse(complaint.contains(l == Language.FR ? "j'ai reçu de Caisse" : "I received from Caisse"),
                    l + ": " + complaint);
            assertTrue(complaint.contains(l == Language.FR ? "L'identité de cet expéditeur est douteuse"
                    : "The sender's identity is doubtful"), l + ": " + complaint);
        }
    }

    @Test
    void theReceivingServersVerdictAloneHedgesTheOrganisationsName() throws Exception {
        CaseEmail e = caseOf(serverVerdictOnly(fixture()));
        assertEquals(List.of("SENDER_IDENTITY_DOUBTFUL", "FROM_DOMAIN_AUTHENTICATION_FAILED"),
                e.analysis().sender().identityCaveats());
        assertHedged(e, "FROM_DOMAIN_AUTHENTICATION_FAILED");
    }

    @Test
    void theMessagesOwnSignsHedgeItWithoutAnyAuthenticationResults() throws Exception {
        String text = fixture().lines().filter(l -> !l.startsWith("Authentication-Results:"))
                .collect(Collectors.joining("\n")) + "\n";
        CaseEmail e = caseOf(text);
        assertHedged(e, "DECEPTIVE_LINK_TEXT");
        assertHedged(e, "REPLY_TO_PUBLIC_MAILBOX");
    }
}
