package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * E-mails whose sender identity the analysis flags as doubtful, with a brand's footer copied in (its name, postal
 * address, SIREN and DPO contact): the complaint text, the letter to the DPO, the summary and the organisation header
 * never present the brand as the party complained about, nor address a letter to the address or contact copied from
 * the message; the brand's name appears only as what the message claims to be, and a point to check says the
 * organisation is to be identified. A genuine sender's dossier still names it and its address.
 */
class DoubtfulSenderAccusedPartyTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static final Analyzer ANALYZER = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT,
            AuthenticityChecker.offline(), Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));

    /** A brand footer copied into a message sent from a free hosting sub-domain (modelled on real phishes). */
    private static final String COPIED_FOOTER = "/org/pixelproof/dossier/copied-brand-footer-tenant-fr.eml";
    /** A footer organisation nothing in the message is tied to. */
    private static final String UNTIED = "/org/pixelproof/detect/sender-identity/"
            + "footer-organisation-unrelated-shared-esp-en.eml";

    private static CaseEmail caseOf(String resource) throws Exception {
        byte[] raw;
        try (InputStream in = DoubtfulSenderAccusedPartyTest.class.getResourceAsStream(resource)) {
            raw = in.readAllBytes();
        }
        Analysis a = ANALYZER.analyze(raw, "message.eml", AnalysisOptions.DEFAULT);
        return new CaseEmail(a, raw, ANALYZER.read(raw, "message.eml"));
    }

    private static String flat(String text) {
        return DossierTemplatesTest.plain(DossierLabelsTest.unescaped(text)).replaceAll("[ \\t]+", " ");
    }

    private static String lineStarting(String text, String start) {
        return text.lines().map(String::strip).filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line «" + start + "» in: " + text));
    }

    /** @return the text of the "Organisme expéditeur" / "Sending organisation" row of the summary */
    private static String summaryRow(String dossier, Language l) {
        String th = l == Language.FR ? "<th>Organisme expéditeur</th><td>" : "<th>Sending organisation</th><td>";
        int i = dossier.indexOf(th);
        assertTrue(i >= 0, l + ": summary row");
        return dossier.substring(i + th.length(), dossier.indexOf("</td>", i));
    }

    private static void assertNotAccused(CaseEmail e, String brand, List<String> copied) {
        assertTrue(e.analysis().sender().identityCaveats().contains("SENDER_IDENTITY_DOUBTFUL"),
                e.analysis().sender().toString());
        for (Language l : Language.values()) {
            boolean fr = l == Language.FR;
            Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), l);
            assertTrue(d.organisation().identityDoubtful(), l.toString());
            assertEquals(brand, d.organisation().name(), "the brand is read from the message");
            String claimed = fr ? "se présente comme « " + brand + " »" : "presents itself as “" + brand + "”";
            String toComplete = fr ? "[à compléter : nom de l'organisme]" : "[to be completed: name of the organisation]";

            String complaint = flat(TEMPLATES.letterText(d, LetterKind.CNIL_COMPLAINT));
            String accused = lineStarting(complaint, fr ? "Organisme mis en cause :" : "Organisation complained about:");
            String party = accused.substring(accused.indexOf(':') + 1).strip();
            assertTrue(party.startsWith(toComplete), l + ": the accused party is to be identified: " + accused);
            assertTrue(accused.contains(claimed), l + ": the brand only as what the message claims: " + accused);
            assertTrue(accused.contains(fr ? "identité douteuse" : "doubtful identity"), l + ": " + accused);
            String address = lineStarting(complaint, fr ? "Adresse :" : "Address:");
            assertTrue(address.contains(fr ? "[à compléter" : "[to be completed"), l + ": " + address);

            String dpo = flat(TEMPLATES.letterText(d, LetterKind.DPO_REQUEST));
            String recipient = dpo.substring(dpo.indexOf(DossierFixtures.complainant().email()),
                    dpo.indexOf(fr ? "Madame, Monsieur" : "Dear Sir or Madam"));
            assertTrue(recipient.contains(toComplete), l + ": DPO letter to an organisation to identify: " + recipient);
            assertTrue(recipient.contains(claimed), l + ": " + recipient);
            assertTrue(recipient.contains(fr ? "[à compléter : adresse postale de l'organisme"
                    : "[to be completed: postal address of the organisation"), l + ": " + recipient);
            for (String c : copied) {
                assertFalse(complaint.contains(c), l + ": copied «" + c + "» in the complaint: " + complaint);
                assertFalse(dpo.contains(c), l + ": copied «" + c + "» in the DPO letter: " + dpo);
            }

            String dossier = flat(TEMPLATES.dossierXhtml(d));
            String row = summaryRow(dossier, l);
            assertFalse(row.startsWith(brand), l + ": summary names the brand as the sender: " + row);
            assertTrue(row.contains(fr ? "organisme à identifier" : "organisation to be identified"), l + ": " + row);
            assertTrue(row.contains(claimed), l + ": " + row);
            String title = dossier.substring(dossier.indexOf("<title>"), dossier.indexOf("</title>"));
            assertTrue(title.contains(fr ? "se présente comme « " + brand + " » (identité douteuse)"
                    : "presents itself as “" + brand + "” (identity doubtful)"), l + ": " + title);
            int box = dossier.indexOf("id=\"points-to-check\"");
            assertTrue(box >= 0, l + ": points to check");
            String points = dossier.substring(box, dossier.indexOf("</div>", box));
            assertTrue(points.contains(fr ? "organisme mis en cause reste à identifier"
                    : "organisation complained about is still to be identified"), l + ": " + points);
            // the warning box agrees with the letters: they name nobody
            assertFalse(dossier.contains(fr ? "s'adressent à l'organisme nommé dans le message"
                    : "are addressed to the organisation named in the message"), l + ": warning box");
            assertTrue(dossier.contains(fr ? "ne nomment donc pas l'organisme mis en cause"
                    : "therefore do not name the organisation complained about"), l + ": warning box");
        }
    }

    @Test
    void aCopiedBrandFooterIsNeitherTheAccusedPartyNorTheLettersAddress() throws Exception {
        CaseEmail e = caseOf(COPIED_FOOTER);
        assertNotAccused(e, "Nordalis SAS", List.of("12 avenue des Tilleuls", "dpo@nordalis.example.fr",
                "552 100 554", "552100554"));
    }

    @Test
    void anUntiedFooterOrganisationIsNeitherTheAccusedPartyNorTheLettersAddress() throws Exception {
        assertNotAccused(caseOf(UNTIED), "Nimbrix SAS", List.of("8 rue des Tanneurs"));
    }

    @Test
    void aGenuineSendersLettersStillNameItAndItsAddress() {
        for (Language l : Language.values()) {
            Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                    DossierFixtures.complainant(), l);
            assertFalse(d.organisation().identityDoubtful());
            String name = d.organisation().name();
            String complaint = flat(TEMPLATES.letterText(d, LetterKind.CNIL_COMPLAINT));
            String accused = lineStarting(complaint, l == Language.FR ? "Organisme mis en cause :"
                    : "Organisation complained about:");
            assertTrue(accused.substring(accused.indexOf(':') + 1).strip().startsWith(name), accused);
            String dpo = flat(TEMPLATES.letterText(d, LetterKind.DPO_REQUEST));
            assertTrue(dpo.contains(d.organisation().postalAddress()), dpo);
            String dossier = flat(TEMPLATES.dossierXhtml(d));
            assertTrue(summaryRow(dossier, l).startsWith(name), summaryRow(dossier, l));
            assertFalse(dossier.contains("id=\"points-to-check\""), "nothing to check");
        }
    }
}
