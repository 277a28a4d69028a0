package org.pixelproof.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.dossier.Complainant;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierBuilder;
import org.pixelproof.dossier.Language;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.pdf.DossierPdf;
import org.pixelproof.preview.CleanedCopy;
import org.pixelproof.preview.PreviewResult;
import org.pixelproof.preview.RemoteReferences;
import org.pixelproof.preview.SafePreview;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The hostile corpus ({@link HostileCorpus}) through the whole engine, as the web and the command line use it: the
 * {@link Analyzer}, then the safe preview and the dossier PDF of each analysed input. Each input must end in a clear
 * outcome: a refusal with the expected reason, or an analysis whose preview loads nothing and whose dossier states
 * the message's SHA-256.
 *
 * <p>Tagged {@code hostile}: Maven runs it in its own surefire execution with {@code -Xmx256m} (see the pom), so that
 * "bounded memory" is checked, not assumed. {@code assertTimeoutPreemptively} is a hang guard only: its bound (120 s
 * per input, on a machine where each input takes well under a few seconds) is there so that a regression to a
 * catastrophic (quadratic or exponential) behaviour fails the test with the input's name instead of blocking the
 * build; it asserts nothing about speed (figures are in docs/performance.md).
 */
@Tag("hostile")
class HostilePipelineTest {
    static final Duration HANG_GUARD = Duration.ofSeconds(120);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    static final RuleSet RULES = RuleSetLoader.loadDefault();
    static final Analyzer ANALYZER = new Analyzer(RULES, IngestLimits.DEFAULT, AuthenticityChecker.offline(), CLOCK);
    static final SafePreview PREVIEW = new SafePreview();
    static final DossierPdf PDF = DossierPdf.standard();
    static final CleanedCopy CLEANED = new CleanedCopy();

    static List<HostileCorpus.Case> corpus() {
        return HostileCorpus.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachHostileInputEndsInAClearOutcome(HostileCorpus.Case c) {
        assertTimeoutPreemptively(HANG_GUARD, () -> check(c), () -> c.name() + " did not finish: a hang");
    }

    /**
     * Issue 17: the two ingest evasions end in the analysis a mail client's rendering calls for: the pixel found, the
     * recipient's address recognised in it, the sender known.
     */
    @Test
    void exoticCharsetAndHeaderPaddingDoNotHideTheTracker() throws UnanalysableInputException {
        int checked = 0;
        for (HostileCorpus.Case c : HostileCorpus.all()) {
            if (!c.name().equals("exotic-charset-ibm037.eml")
                    && !c.name().equals("gen-1500-received-before-from.eml")) {
                continue;
            }
            Analysis a = ANALYZER.analyze(c.bytes(), c.name(), AnalysisOptions.DEFAULT);
            assertNotEquals(Verdict.NO_TRACKING_FOUND, a.verdict(), c.name());
            assertTrue(a.trackers().stream().flatMap(t -> t.recipientIdentifiers().stream())
                    .anyMatch(r -> r.address().equals("camille.durand@example.org")), c.name());
            assertNotNull(a.sender().fromAddress(), c.name());
            checked++;
        }
        assertEquals(2, checked, "both cases are in the hostile corpus");
    }

    private static void check(HostileCorpus.Case c) {
        byte[] raw = c.bytes();
        Analysis analysis;
        try {
            analysis = ANALYZER.analyze(raw, c.name(), AnalysisOptions.DEFAULT);
        } catch (UnanalysableInputException e) {
            assertEquals(c.expect().code, e.reason().code(), c.name() + ": " + e.getMessage());
            assertFalse(e.reason().detail().isBlank(), "a refusal says why");
            return;
        }
        assertEquals(HostileCorpus.Expect.ANALYSED, c.expect(), c.name() + " was analysed, expected a refusal");
        assertNotNull(analysis.verdict());
        assertEquals(CaseEmail.sha256(raw), analysis.sha256());

        if (c.name().startsWith("gen-tracker-")) {
            assertFalse(analysis.trackers().isEmpty(), c.name() + ": the tracker hidden among decoys is not found");
        }

        ReceivedEmail email = ANALYZER.read(raw, c.name());
        PreviewResult preview = PREVIEW.render(email, analysis.trackers(), analysis.links());
        List<String> remote = RemoteReferences.in(preview.htmlDocument());
        assertTrue(remote.isEmpty(), () -> c.name() + ": the preview could load " + remote.subList(0,
                Math.min(5, remote.size())));
        checkCleanedCopy(c, analysis, CLEANED.html(email, analysis.trackers(), analysis.links()));

        Dossier dossier = new DossierBuilder(RULES, CLOCK)
                .build(List.of(new CaseEmail(analysis, raw, email)), Complainant.UNKNOWN, Language.FR);
        raw = null;
        email = null;
        byte[] pdf = PDF.dossier(dossier);
        dossier = null;
        assertTrue(pdf.length > 0);
        String firstPages;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setEndPage(3);
            firstPages = stripper.getText(doc).replaceAll("\\s+", "");
        } catch (IOException e) {
            throw new UncheckedIOException(c.name() + ": the dossier is not a readable PDF", e);
        }
        if (!firstPages.contains(analysis.sha256())) {
            fail(c.name() + ": the dossier's first pages do not state the SHA-256");
        }
    }

    /**
     * The cleaned copy is safe whatever the caps: its only live web addresses are links the analysis listed without a
     * tracker, or the decoded destinations of tracked links; no element loads or links to anything else.
     */
    private static void checkCleanedCopy(HostileCorpus.Case c, Analysis analysis, String cleaned) {
        java.util.Set<String> vouched = new java.util.HashSet<>();
        for (org.pixelproof.detect.Link l : analysis.links()) {
            if (l.trackerId() == null) {
                vouched.add(l.url());
            }
            if (l.destination() != null) {
                vouched.add(l.destination());
            }
        }
        analysis.trackers().stream().filter(t -> t.destination() != null).forEach(t -> vouched.add(t.destination()));
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(cleaned);
        for (org.jsoup.nodes.Element el : doc.getAllElements()) {
            for (org.jsoup.nodes.Attribute attr : el.attributes()) {
                String v = attr.getValue().strip().toLowerCase(java.util.Locale.ROOT);
                if (!(v.startsWith("http:") || v.startsWith("https:") || v.startsWith("//"))) {
                    continue;
                }
                boolean listedLink = el.normalName().equals("a") && attr.getKey().equals("href")
                        && (vouched.contains(attr.getValue().strip())
                                || vouched.contains(org.pixelproof.detect.ReferenceUrls.asListed(attr.getValue(), null)));
                if (!listedLink) {
                    fail(c.name() + ": the cleaned copy keeps a live address: <" + el.normalName() + " "
                            + cut(attr.toString()) + ">");
                }
            }
        }
    }

    /** @return {@code s} cut to 300 characters, for failure messages */
    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
