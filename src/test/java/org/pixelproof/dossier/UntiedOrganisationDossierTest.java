package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.DetectLabels;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * A message whose footer names an organisation ("Nimbrix SAS") that nothing it was sent, signed, bounced,
 * unsubscribed or linked through names (an invented brand sent through an ESP's shared domain): the dossier never
 * presents that organisation as the data controller without the hedge it uses for doubtful senders, in the summary,
 * the organisation section, the request to the CNIL, the letters and the PDF title.
 */
class UntiedOrganisationDossierTest {
    private static final String FIXTURE = "/org/pixelproof/detect/sender-identity/"
            + "footer-organisation-unrelated-shared-esp-en.eml";
    private static final String CODE = "ORGANISATION_NOT_TIED_TO_SENDER";
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();

    private static CaseEmail untiedCase() throws Exception {
        byte[] raw;
        try (InputStream in = UntiedOrganisationDossierTest.class.getResourceAsStream(FIXTURE)) {
            raw = in.readAllBytes();
        }
        Analyzer an = new Analyzer(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT, AuthenticityChecker.offline(),
                Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));
        Analysis a = an.analyze(raw, "nimbrix.eml", AnalysisOptions.DEFAULT);
        return new CaseEmail(a, raw, an.read(raw, "nimbrix.eml"));
    }

    private static String text(Dossier d) {
        StringBuilder sb = new StringBuilder(DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(d)));
        for (LetterKind k : d.letterKinds()) {
            sb.append('\n').append(TEMPLATES.letterText(d, k));
        }
        return DossierTemplatesTest.plain(sb.toString()).replaceAll("\\s+", " ");
    }

    @Test
    void theAnalysisRecordsTheReasonAndTheDossierHedgesEveryNamingOfTheOrganisation() throws Exception {
        CaseEmail e = untiedCase();
        assertEquals(List.of("SENDER_IDENTITY_DOUBTFUL", "LINKS_LEAD_ELSEWHERE", CODE),
                e.analysis().sender().identityCaveats(), e.analysis().sender().toString());
        assertTrue(e.analysis().assessment().caveats().contains("sender-identity-doubtful"),
                e.analysis().assessment().caveats().toString());
        for (Language l : Language.values()) {
            Dossier d = DossierFixtures.builder().build(List.of(e), DossierFixtures.complainant(), l);
            assertEquals("Nimbrix SAS", d.organisation().name());
            assertFalse(d.organisation().nameFromDisplayName(), "named from the footer");
            assertTrue(d.organisation().identityDoubtful(), l.toString());
            assertTrue(d.organisation().identityDoubtReasons().contains(CODE), d.organisation().identityDoubtReasons()
                    .toString());
            String all = text(d);
            Locale locale = l == Language.FR ? Locale.FRENCH : Locale.ENGLISH;
            assertTrue(all.contains(DetectLabels.label(CODE, locale).replace('\u00A0', ' ')), l + ": reason worded");
            // an English dossier also offers the French complaint: either language's hedge
            List<String> hedges = List.of("se présente comme « Nimbrix SAS »", "presents itself as “Nimbrix SAS”",
                    "organisme nommé dans le message, s'il en est bien l'expéditeur",
                    "identité douteuse", "l'identité de l'expéditeur est douteuse",
                    "the organisation named in the message, if it is indeed the sender", "doubtful identity",
                    "identity doubtful", "the sender's identity is doubtful");
            // every naming of the organisation as the one the dossier or the letters address carries the hedge; the
            // footer quoted as evidence ("© Nimbrix SAS 2022", its clue rows with the postal address) is left aside
            Matcher m = Pattern.compile("Nimbrix SAS(?! 20)").matcher(all);
            int named = 0;
            while (m.find()) {
                String around = all.substring(Math.max(0, m.start() - 200), Math.min(all.length(), m.end() + 200));
                if (around.contains("© Nimbrix SAS") || around.contains("8 rue des Tanneurs, 69002 Lyon")) {
                    continue;
                }
                named++;
                assertTrue(hedges.stream().anyMatch(around::contains),
                        l + ": named without the hedge: …" + around + "…");
            }
            assertTrue(named >= 4, l + ": summary, organisation, request, letters name it: " + named);
            String title = DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(d));
            title = title.substring(title.indexOf("<title>"), title.indexOf("</title>"));
            assertTrue(title.contains(l == Language.FR ? "se présente comme « Nimbrix SAS » (identité douteuse)"
                    : "presents itself as “Nimbrix SAS” (identity doubtful)"), title);
        }
    }

    @Test
    void aTiedSendersDossierHasNoHedge() {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        String title = DossierLabelsTest.unescaped(TEMPLATES.dossierXhtml(d));
        assertFalse(title.contains("identité douteuse"), "no doubt, no hedge");
    }
}
