package org.pixelproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.analysis.MessageSummary;
import org.pixelproof.analysis.ToolVersion;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.detect.Findings;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierBuilder;
import org.pixelproof.dossier.DossierFixtures;
import org.pixelproof.dossier.DossierTemplates;
import org.pixelproof.dossier.Language;
import org.pixelproof.dossier.TestEmails;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * Dossiers of real received e-mails from {@code ../shared/corpus/real} (skipped with a message when that folder is
 * absent, as on a fresh clone). The files are read in place, never copied.
 */
class RealCorpusDossierTest {
    private static final Path REAL = Path.of("../shared/corpus/real");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static RuleSet rules;
    private static Analyzer analyzer;
    private static final DossierPdf PDF = new DossierPdf(DossierTemplates.standard(), new PdfRenderer());

    @BeforeAll
    static void corpus() {
        Assumptions.assumeTrue(Files.isDirectory(REAL),
                "../shared/corpus/real is absent (fresh clone): real-mail dossier tests skipped");
        init();
    }

    static void init() {
        rules = RuleSetLoader.loadDefault();
        analyzer = new Analyzer(rules, IngestLimits.DEFAULT, AuthenticityChecker.offline(), DossierFixtures.CLOCK);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
        "001-mailchimp-newsletter-de-u1.eml, 002-mailchimp-newsletter-de-u2.eml, 6496a8003f, dbc07cf131",
        "006-klaviyo-katjes-de-u1.eml, 007-klaviyo-katjes-de-u2.eml, , ",
        "011-sendinblue-trustedshops-de-u1.eml, 012-sendinblue-trustedshops-de-u2.eml, , "})
    void twoCopiesOfOneCampaignShowTheTokensThatIdentifyEachRecipient(String first, String second, String tokenA,
            String tokenB) throws Exception {
        Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(caseOf(first), caseOf(second)),
                DossierFixtures.complainant(), Language.FR);
        assertEquals(1, d.copyComparisons().size(), "the two copies are compared");
        var c = d.copyComparisons().get(0);
        assertTrue(c.recipientA().contains("alex.martin@example.org"), c.recipientA());
        assertTrue(c.recipientB().contains("sam.bernard@example.org"), c.recipientB());
        assertFalse(c.differences().isEmpty(), "the copies differ by their per-recipient tokens");
        if (tokenA != null) {
            assertTrue(c.differences().stream().anyMatch(x -> x.valueA().contains(tokenA)
                    && x.valueB().contains(tokenB)), c.differences().toString());
        }
        PdfText t = PdfText.of(PDF.dossier(d));
        assertTrue(t.flat().contains("Deux exemplaires de la même campagne : E1 et E2"));
        if (tokenA != null) {
            assertTrue(t.compact().contains(tokenA) && t.compact().contains(tokenB));
        }
        assertEquals(2, t.attachments().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"001-mailchimp-newsletter-de-u1.eml", "003-cleverreach-newsletter-de.eml",
        "018-mailchimp-mitx-fundraising-en.eml", "011-sendinblue-trustedshops-de-u1.eml"})
    void aRealNewsletterGivesACompleteVerifiableDossierAndTheRendererFetchesNothing(String file) throws Exception {
        CaseEmail ce = caseOf(file);
        Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(ce),
                DossierFixtures.complainant(), Language.FR);
        PdfOutput out = PDF.renderDossier(d);
        assertEquals(List.of(), out.refused(), "the e-mail's rendering asked the PDF renderer for something remote");
        PdfText t = PdfText.of(out.pdf());
        assertEquals(ce.analysis().sha256(), CaseEmail.sha256(t.attachments().values().iterator().next()));
        for (String page : t.pages()) {
            assertTrue(page.replaceAll("\\s+", "").contains(d.primary().sha256()));
            assertTrue(page.matches("(?s).*page \\d+ / " + t.pages().size() + ".*"));
        }
        assertEquals(List.of(), t.unembeddedFonts());
        String flat = t.flat();
        assertTrue(flat.contains("Annexe C. Le message affiché sans rien charger"));
        if (ce.email().header("Message-ID").isPresent()) {
            assertTrue(t.compact().contains(ce.email().header("Message-ID").get().replaceAll("\\s+", "")));
        }
        for (var tracker : ce.analysis().trackers()) {
            assertTrue(t.compact().contains(tracker.host()), "tracker host missing: " + tracker.host());
            assertTrue(t.compact().contains(tracker.url().replaceAll("\\s+", "")), "tracker URL missing");
        }
        // every item of legal-notes' "What a complaint-ready dossier contains" has its section
        assertTrue(t.bookmarks().size() >= 18, t.bookmarks().toString());
        for (String s : List.of("Personne plaignante", "Organisme expéditeur (responsable de traitement)",
                "Identification du message", "Information et consentement", "Exemptions de consentement",
                "Chronologie", "Authenticité du message", "Fondements juridiques et demande à la CNIL",
                "Limites des constats", "Démarches préalables", "Demande au délégué à la protection des données",
                "Annexe A. En-têtes d'origine")) {
            assertTrue(flat.contains(s), "missing section: " + s);
        }
        ce.email().header("List-Unsubscribe").ifPresent(lu -> assertTrue(
                t.compact().contains(lu.replaceAll("\\s+", "").substring(0, Math.min(40, lu.replaceAll("\\s+",
                        "").length()))), "List-Unsubscribe missing"));
    }

    /**
     * The dossiers the lawyer reviewed, read again: every page's running footer reads whole (a line painted, clipped,
     * at the foot of the previous page would interleave with it in the extracted text), and no English diagnostic is
     * left in the French text.
     */
    @ParameterizedTest
    @ValueSource(strings = {"063-french-marketing-swimwear-fr.eml", "115-ses-ancv-cheques-vacances-rgpd-footer-fr.eml",
        "137-ldlc-neolane-newsletter-ssd-promo-fr.eml"})
    void reviewedDossiersReadCleanly(String file) throws Exception {
        CaseEmail ce = caseOf(file);
        Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(ce), DossierFixtures.complainant(),
                Language.FR);
        PdfText t = PdfText.of(PDF.dossier(d));
        for (int i = 0; i < t.pages().size(); i++) {
            String page = t.pages().get(i).replaceAll("[\\s\\u00A0\\u202F]+", " ");
            assertTrue(page.contains("Constats établis sans charger aucun contenu distant"),
                    file + ": the footer of page " + (i + 1) + " is interleaved with other text");
        }
        String flat = t.flat();
        for (String english : List.of("part 1.", "header From", "footer text", "query parameter", "matches ",
                "body hash mismatch", "key lookups switched off", "Plaignant·e", "Selon des sources secondaires",
                "Kept at secondary", "/work/shared")) {
            assertFalse(flat.contains(english), file + ": left in the French dossier: " + english);
        }
        assertTrue(flat.contains("[texte officiel – paraphrase non encore vérifiée à la source]"));
    }

    /**
     * The French dossier and letters of every real message word the detector's findings (how a tracker is hidden,
     * its signals, where the address is, who runs the host) in French: none of the detector's English prose is left.
     * Templates only (no PDF), to keep it quick.
     */
    @org.junit.jupiter.api.Test
    void noRealMessageLeavesTheDetectorsEnglishProseInTheFrenchText() throws Exception {
        DossierTemplates templates = DossierTemplates.standard();
        List<String> leaks = new java.util.ArrayList<>();
        try (var files = Files.list(REAL)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                CaseEmail ce = caseOf(p.getFileName().toString());
                Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(ce),
                        DossierFixtures.complainant(), Language.FR);
                StringBuilder text = new StringBuilder(templates.dossierXhtml(d));
                for (var k : d.letterKinds()) {
                    text.append('\n').append(templates.letterText(d, k));
                }
                for (String english : List.of("enclosing", "high-entropy", "sender's own domain", "query parameter",
                        "rule fires", "Host operator", "in the path")) {
                    if (text.indexOf(english) >= 0) {
                        leaks.add(p.getFileName() + ": " + english);
                    }
                }
            }
        }
        assertTrue(leaks.isEmpty(), "English prose left in French text: " + leaks);
    }

    /**
     * Every real message's dossier and letters, in French and in English, show no internal code and, in French, no
     * English prose outside what they quote from the message ({@link org.pixelproof.LanguageLeaks}).
     */
    @org.junit.jupiter.api.Test
    void noRealMessageLeavesACodeOrEnglishProseInEitherLanguage() throws Exception {
        List<String> leaks = new ArrayList<>();
        try (var files = Files.list(REAL)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                CaseEmail ce = caseOf(p.getFileName().toString());
                for (Language language : Language.values()) {
                    org.pixelproof.dossier.DossierLanguageTest.leaks(ce, language)
                            .forEach(l -> leaks.add(p.getFileName() + " " + language + " " + l));
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** F1: the e-mail's own nested fixed-width tables no longer squeeze its text to one letter per line. */
    @org.junit.jupiter.api.Test
    void theAnnexRenderingOfANestedTableNewsletterKeepsItsLines() throws Exception {
        CaseEmail ce = caseOf("063-french-marketing-swimwear-fr.eml");
        Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(ce), DossierFixtures.complainant(),
                Language.FR);
        PdfText t = PdfText.of(PDF.dossier(d));
        String text = t.text();
        assertTrue(text.contains("Si ce message ne s'affiche pas correctement, veuillez cliquer ici."), "one line");
        assertTrue(text.contains("Entreprises indépendantes membres du réseau Carlance"));
        assertFalse(text.contains("\nS\ni\nc\ne\n"), "one letter per line");
        // B3: a 2017 message is set against the GDPR's date
        assertTrue(t.flat().contains("avant l'entrée en application du RGPD (25 mai 2018)"));
        // C2: the tracker stands for its links, listed one by one
        assertTrue(t.flat().contains("11 liens de ce type"), t.flat());
    }

    /** A2 on the real pair: only the e= value differs; the account id and the unfilled merge tag are no identifiers. */
    @org.junit.jupiter.api.Test
    void theRealMailchimpPairDiffersByOneValueOnly() throws Exception {
        Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(
                caseOf("001-mailchimp-newsletter-de-u1.eml"), caseOf("002-mailchimp-newsletter-de-u2.eml")),
                DossierFixtures.complainant(), Language.FR);
        var c = d.copyComparisons().get(0);
        assertEquals(1, c.values().size(), c.values().toString());
        assertEquals("e", c.values().get(0).parameter());
        assertEquals("6496a8003f", c.values().get(0).valueA());
        assertTrue(c.differences().stream().noneMatch(x -> x.refA().equals("Message-ID")));
        for (var e : d.emails()) {
            for (var tr : e.trackers()) {
                assertTrue(tr.perRecipientTokens().stream().noneMatch(x -> x.contains("5e78d7ef2297cc80842b7591e")
                        || x.contains("UNIQID")), e.label() + " " + tr.id() + " " + tr.perRecipientTokens());
            }
        }
        assertEquals(List.of(), d.primary().setAside(), "the shop link with mc_eid=UNIQID is no tracker in the "
                + "analysis already: nothing to set aside");
        assertTrue(d.primary().trackers().stream().noneMatch(tr -> tr.host().startsWith("shop.")),
                d.primary().trackers().toString());
        assertFalse(d.emails().get(1).ownCopy());
        PdfText t = PdfText.of(PDF.dossier(d));
        assertTrue(t.flat().contains("Hors le Message-ID, propre à"), t.flat());
        assertTrue(t.flat().contains("les différences portent sur une seule valeur (paramètre e=), reprise dans le "
                + "pixel, les liens suivis"), t.flat());
        assertTrue(t.flat().contains("qui m'autorise à produire son exemplaire"));
    }

    /**
     * The trial's defect, on every real message: the dossier of one e-mail counts the trackers the analysis (its JSON,
     * the CSV row, the batch summary, the web page) counts, and the same ones carrying an identifier of the
     * recipient. Templates are not rendered, to keep it quick.
     */
    @org.junit.jupiter.api.Test
    void theDossierOfEachRealMessageCountsWhatItsAnalysisCounts() throws Exception {
        List<String> differ = new ArrayList<>();
        try (var files = Files.list(REAL)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                CaseEmail ce = caseOf(p.getFileName().toString());
                Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(ce),
                        DossierFixtures.complainant(), Language.EN);
                List<String> analysed = ce.analysis().trackers().stream().map(t -> t.id()
                        + (org.pixelproof.detect.RecipientTokens.carriesIdentifier(t) ? "+id" : "")).toList();
                List<String> dossier = d.primary().trackers().stream().map(t -> t.id()
                        + (t.perRecipient() ? "+id" : "")).toList();
                if (!analysed.equals(dossier) || !d.primary().setAside().isEmpty()) {
                    differ.add(p.getFileName() + ": analysis " + analysed + ", dossier " + dossier + ", set aside "
                            + d.primary().setAside().stream().map(Dossier.TrackerRow::id).toList());
                }
            }
        }
        assertEquals(List.of(), differ);
    }

    /** C3: each link has its own destination; a group's representative never lends its destination to the others. */
    @org.junit.jupiter.api.Test
    void perLinkDestinationsInTheAnnexes() throws Exception {
        Dossier d = new DossierBuilder(rules, DossierFixtures.CLOCK).build(List.of(
                caseOf("139-free-work-mailjet-reactivation-scrubbed-fr.eml")), DossierFixtures.complainant(),
                Language.FR);
        var t1 = d.primary().trackers().get(0);
        assertTrue(t1.severalLinks());
        assertEquals(null, t1.destination(), "the first link of the group has no decodable destination of its own");
        long withTwitter = d.primary().links().stream().filter(l -> "T1".equals(l.trackerId())
                && l.destination() != null && l.destination().contains("twitter.com")).count();
        assertEquals(1, withTwitter);
        String render = d.primary().previewXhtml();
        assertEquals(1, render.split(java.util.regex.Pattern.quote("[T1 \u2192 https://twitter.com/"),
                -1).length - 1, "one link only goes to Twitter");
        assertTrue(t1.perRecipientTokens().stream().noneMatch(x -> x.startsWith("aHR0c")),
                "a base64 destination is not an identifier: " + t1.perRecipientTokens());
    }

    /** The message and its analysis; until {@code detect} is merged, an analysis of the headers alone. */
    static CaseEmail caseOf(String file) throws IOException {
        byte[] bytes = Files.readAllBytes(REAL.resolve(file));
        ReceivedEmail email = TestEmails.read(bytes, file);
        Analysis analysis;
        try {
            analysis = analyzer.analyzeRead(email, AnalysisOptions.DEFAULT);
        } catch (UnsupportedOperationException notYet) {
            analysis = headersOnly(email);
        } catch (UnanalysableInputException e) {
            throw new IllegalStateException(e);
        }
        return new CaseEmail(analysis, bytes, email);
    }

    private static Analysis headersOnly(ReceivedEmail e) {
        List<String> recipients = new ArrayList<>();
        for (String h : List.of("X-Original-To", "Delivered-To", "To")) {
            e.headers(h).forEach(v -> {
                Matcher m = EMAIL.matcher(v);
                while (m.find()) {
                    String a = m.group().toLowerCase(Locale.ROOT);
                    if (!recipients.contains(a) && !a.endsWith("@mx.example.net")) {
                        recipients.add(a);
                    }
                }
            });
        }
        MessageSummary summary = new MessageSummary(e.header("From").orElse(null), e.header("To").orElse(null),
                e.header("Cc").orElse(null), e.header("Reply-To").orElse(null), e.header("Date").orElse(null),
                e.header("Subject").orElse(null), e.header("Message-ID").orElse(null),
                e.header("Return-Path").orElse(null), e.header("List-Unsubscribe").orElse(null),
                e.header("List-Unsubscribe-Post").orElse(null), e.header("List-Id").orElse(null),
                e.headers("Delivered-To"), e.forwardedBy() != null);
        Findings none = new Findings(recipients, List.of(), List.of(), List.of(), List.of(), List.of(), null,
                List.of());
        return new Analysis("headers-only-" + e.sha256().substring(0, 8), e.fileName(), e.sha256(), e.sizeBytes(),
                Instant.parse("2026-06-01T12:00:00Z"), ToolVersion.get(), rules.version(), Verdict.NO_TRACKING_FOUND,
                summary, recipients, List.of(), List.of(), List.of(), List.of(), List.of(), null, null,
                AuthenticityChecker.offline().check(e, none), e.anomalies());
    }
}
