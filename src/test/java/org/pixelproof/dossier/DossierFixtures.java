package org.pixelproof.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.MessageSummary;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.ClassificationCue;
import org.pixelproof.assess.ExemptionCheck;
import org.pixelproof.assess.ExemptionOutcome;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.assess.TimelineEntry;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.AuthAssertion;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.authenticity.ReceivedHop;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RemoteResource;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.detect.VendorRef;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.KeyDate;
import org.pixelproof.rules.LegalProvision;
import org.pixelproof.rules.PatternKind;
import org.pixelproof.rules.ProvisionKind;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.SourceConfidence;
import org.pixelproof.rules.Vendor;
import org.pixelproof.rules.VendorPattern;

/**
 * Test fixtures: a realistic French newsletter ({@code dossier/newsletter-fr.eml}, a fictional shop "Maison Lumière"
 * sending through a fictional ESP "SendWave") with three trackers, its analysis as the pipeline would produce it, a
 * rule set with the provisions and key dates the dossier cites, a complainant, and a fixed clock.
 */
public final class DossierFixtures {
    /** The newsletter's resource path. */
    public static final String NEWSLETTER = "dossier/newsletter-fr.eml";
    /** The per-recipient token of the newsletter's tracker URLs. */
    public static final String TOKEN = "7f3a9c2e5b1d4e8a9c0f";
    /** The open pixel's URL. */
    public static final String PIXEL = "https://t.sendwave.example/o/" + TOKEN
            + ".gif?e=Y2FtaWxsZS5kdXJhbmRAZXhhbXBsZS5vcmc%3D";
    /** The CSS beacon's URL. */
    public static final String BEACON = "https://t.sendwave.example/b/" + TOKEN + "/bg.png";
    /** The tracked link's URL. */
    public static final String CLICK = "https://t.sendwave.example/c/" + TOKEN
            + "/L1?url=https%3A%2F%2Fwww.maison-lumiere.example%2Fsoldes%3Futm_source%3Dnewsletter";
    /** The tracked link's decoded destination. */
    public static final String DESTINATION = "https://www.maison-lumiere.example/soldes?utm_source=newsletter";
    /** The unsubscribe link. */
    public static final String UNSUBSCRIBE = "https://t.sendwave.example/unsub/" + TOKEN;
    /** The dossier's fixed "now": 2 June 2026, 10:00 Paris time. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-02T08:00:00Z"), ZoneOffset.UTC);

    private DossierFixtures() {
    }

    /** @return a rule set with a vendor, every provision id of RULES-FORMAT.md and the key dates. */
    public static RuleSet rules() {
        Vendor sendwave = new Vendor("sendwave", "SendWave", "SendWave Inc.", "US", "esp",
                List.of(new VendorPattern("sendwave.open", PatternKind.OPEN, Pattern.compile("t\\.sendwave\\.example"),
                        Pattern.compile("/o/"), "https://docs.sendwave.example/tracking", 1)),
                List.of("X-SendWave-Campaign"), "https://www.sendwave.example/legal");
        List<LegalProvision> p = new ArrayList<>();
        p.add(prov("lil-82", "Loi n° 78-17 du 6 janvier 1978, art. 82",
                "Tout accès à des informations déjà stockées dans le terminal de l'utilisateur, ou toute inscription "
                        + "d'informations dans ce terminal, exige son information préalable et son consentement, sauf "
                        + "exceptions strictes.",
                "Any access to, or storage of, information on the user's terminal requires prior information and "
                        + "consent, save for narrow exceptions.",
                "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000037813978", SourceConfidence.SECONDARY,
                "Not yet read on Légifrance."));
        p.add(prov("eprivacy-5-3", "Directive 2002/58/CE, art. 5(3)",
                "La règle européenne que transpose l'article 82 : consentement, sauf deux exceptions.",
                "The EU rule Article 82 transposes: consent, save two exemptions.",
                "https://eur-lex.europa.eu/eli/dir/2002/58/oj", SourceConfidence.PRIMARY, null));
        p.add(prov("edpb-2-2023", "CEPD, lignes directrices 2/2023, v2.0 (7 octobre 2024), § 34, 50-51",
                "Un pixel ou un lien de suivi dans un e-mail relève de l'article 5(3) : il donne instruction au "
                        + "terminal de renvoyer un identifiant.",
                "A tracking pixel or tracked link in an e-mail falls under Art. 5(3): it instructs the device to send "
                        + "back an identifier.",
                "https://www.edpb.europa.eu/our-work-tools/documents/public-consultations/2023/guidelines-22023",
                SourceConfidence.SECONDARY, "Quoted by third parties; the PDF was not read."));
        p.add(prov("cnil-2026-042", "CNIL, délibération n° 2026-042 du 12 mars 2026",
                "Recommandation sur les pixels de suivi dans les courriels : consentement requis pour mesurer "
                        + "l'ouverture par destinataire ; l'expéditeur est responsable du traitement.",
                "Recommendation on tracking pixels in e-mails: consent required to measure opening per recipient; "
                        + "the sender is the controller.",
                "https://www.cnil.fr/fr/recommandation-pixel-suivi-courriels", SourceConfidence.SECONDARY, null));
        p.add(prov("cpce-l34-5", "Code des postes et des communications électroniques, art. L34-5",
                "La prospection par e-mail d'une personne physique exige son consentement préalable, sauf exception.",
                "Direct marketing by e-mail to a natural person needs prior consent, save an exception.",
                "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006465735", SourceConfidence.PRIMARY,
                null));
        String[][] gdpr = {
            {"gdpr-4-11", "4(11)", "Définition du consentement.", "Definition of consent."},
            {"gdpr-5-1-a", "5(1)(a)", "Licéité, loyauté, transparence.", "Lawfulness, fairness, transparency."},
            {"gdpr-6-1-a", "6(1)(a)", "Le consentement comme base légale.", "Consent as legal basis."},
            {"gdpr-7-1", "7(1)", "Le responsable doit pouvoir démontrer le consentement.",
                "The controller must be able to demonstrate consent."},
            {"gdpr-7-3", "7(3)", "Le consentement se retire aussi simplement qu'il se donne.",
                "Withdrawing consent is as easy as giving it."},
            {"gdpr-12", "12", "Information transparente.", "Transparent information."},
            {"gdpr-12-3", "12(3)", "Réponse à une demande dans un délai d'un mois.",
                "Answer to a request within one month."},
            {"gdpr-13", "13", "Information lors de la collecte.", "Information at collection."},
            {"gdpr-14", "14", "Information quand les données ne sont pas collectées auprès de la personne.",
                "Information when data is not collected from the person."},
            {"gdpr-15", "15", "Droit d'accès.", "Right of access."},
            {"gdpr-17", "17", "Droit à l'effacement.", "Right to erasure."},
            {"gdpr-21-2", "21(2)", "Opposition à la prospection, à tout moment.",
                "Objection to direct marketing, at any time."},
            {"gdpr-21-3", "21(3)", "Après opposition, plus de traitement à des fins de prospection.",
                "After objection, no more processing for direct marketing."},
            {"gdpr-44", "44", "Les transferts hors de l'UE exigent des garanties.",
                "Transfers outside the EU need safeguards."},
            {"gdpr-77", "77", "Droit d'introduire une réclamation auprès d'une autorité de contrôle.",
                "Right to lodge a complaint with a supervisory authority."},
        };
        for (String[] g : gdpr) {
            p.add(prov(g[0], "Règlement (UE) 2016/679 (RGPD), art. " + g[1], g[2], g[3],
                    "https://eur-lex.europa.eu/eli/reg/2016/679/oj", SourceConfidence.PRIMARY, null));
        }
        p.add(prov("cnil-san-2025-004", "CNIL, SAN-2025-004, 1er septembre 2025",
                "Google sanctionné (325 M EUR) : publicités dans Gmail sans consentement et cookies.",
                "Google fined EUR 325M: ads in Gmail without consent, and cookies.",
                "https://www.legifrance.gouv.fr/cnil/id/CNILTEXT000052180000", SourceConfidence.PRIMARY, null));
        p.add(prov("cnil-san-2024-019", "CNIL, SAN-2024-019, 14 novembre 2024",
                "Orange sanctionné (50 M EUR) : publicités entre les e-mails ; traceurs lus après retrait du "
                        + "consentement.",
                "Orange fined EUR 50M: ads between e-mails; trackers read after consent was withdrawn.",
                "https://www.legifrance.gouv.fr/cnil/id/CNILTEXT000050582000", SourceConfidence.PRIMARY, null));
        List<KeyDate> dates = List.of(
                new KeyDate("gdpr-application", LocalDate.of(2018, 5, 25), "Entrée en application du RGPD",
                        "The GDPR applies", "https://eur-lex.europa.eu/eli/reg/2016/679/oj", SourceConfidence.SECONDARY,
                        "Art. 99(2) GDPR, to check."),
                new KeyDate("cnil-2026-042-published", LocalDate.of(2026, 4, 14),
                        "Publication de la recommandation : consentement exigé pour les nouvelles adresses",
                        "Recommendation published: consent required for new addresses",
                        "https://www.cnil.fr/fr/recommandation-pixel-suivi-courriels", SourceConfidence.SECONDARY),
                new KeyDate("cnil-2026-042-existing-lists-deadline", LocalDate.of(2026, 7, 14),
                        "Fin du délai pour informer les listes existantes et leur permettre de s'opposer",
                        "End of the period to inform existing lists and let them object",
                        "https://www.cnil.fr/fr/recommandation-pixel-suivi-courriels", SourceConfidence.OPEN));
        return new RuleSet("2026.11.0-test", List.of(sendwave), List.of(), List.of(), List.of(), List.of(), p, dates);
    }

    private static LegalProvision prov(String id, String ref, String fr, String en, String url, SourceConfidence c,
            String note) {
        ProvisionKind kind = id.startsWith("edpb") || id.startsWith("cnil-2026") ? ProvisionKind.SOFT_LAW
                : id.startsWith("cnil-san") ? ProvisionKind.DECISION : ProvisionKind.LAW;
        String en2 = id.startsWith("gdpr-") ? "GDPR, Art. " + ref.substring(ref.lastIndexOf("art. ") + 5) : null;
        return new LegalProvision(id, ref, fr, en, url, c, note, en2, kind);
    }

    /**
     * @param a       an analysis
     * @param changes what to change in it
     * @return a copy of the analysis with the changes applied (for tests that vary one fact)
     */
    public static Analysis with(Analysis a, java.util.function.UnaryOperator<AnalysisParts> changes) {
        AnalysisParts p = changes.apply(new AnalysisParts(a.file(), a.message(), a.recipients(), a.trackers(),
                a.consentMarkers(), a.missingConsentMarkers(), a.links(), a.sender(), a.assessment(),
                a.authenticity()));
        return new Analysis(a.id(), p.file(), a.sha256(), a.sizeBytes(), a.analysedAt(), a.toolVersion(),
                a.rulesVersion(), a.verdict(), p.message(), p.recipients(), p.trackers(), a.remoteContent(),
                p.markers(), p.missing(), p.links(), p.sender(), p.assessment(), p.authenticity(), a.anomalies());
    }

    /** The parts of an analysis that tests vary. */
    public record AnalysisParts(String file, MessageSummary message, List<String> recipients, List<Tracker> trackers,
            List<ConsentMarker> markers, List<ConsentMarkerType> missing, List<Link> links, SenderIdentity sender,
            Assessment assessment, Authenticity authenticity) {
        public AnalysisParts file(String f) {
            return new AnalysisParts(f, message, recipients, trackers, markers, missing, links, sender, assessment,
                    authenticity);
        }

        public AnalysisParts trackers(List<Tracker> t) {
            return new AnalysisParts(file, message, recipients, t, markers, missing, links, sender, assessment,
                    authenticity);
        }

        public AnalysisParts links(List<Link> l) {
            return new AnalysisParts(file, message, recipients, trackers, markers, missing, l, sender, assessment,
                    authenticity);
        }

        public AnalysisParts markers(List<ConsentMarker> m, List<ConsentMarkerType> miss) {
            return new AnalysisParts(file, message, recipients, trackers, m, miss, links, sender, assessment,
                    authenticity);
        }

        public AnalysisParts sender(SenderIdentity s) {
            return new AnalysisParts(file, message, recipients, trackers, markers, missing, links, s, assessment,
                    authenticity);
        }

        public AnalysisParts assessment(Assessment as) {
            return new AnalysisParts(file, message, recipients, trackers, markers, missing, links, sender, as,
                    authenticity);
        }

        public AnalysisParts authenticity(Authenticity au) {
            return new AnalysisParts(file, message, recipients, trackers, markers, missing, links, sender,
                    assessment, au);
        }
    }

    /**
     * @return {@code web/doubtful-sender.eml} (a "Banque Horizon" message sent from an unrelated domain, with a 1x1
     *         pixel hidden by an enclosing {@code display:none} and the recipient's address in parameter {@code e})
     *         analysed by the real pipeline, offline
     */
    public static CaseEmail doubtfulSenderCase() throws Exception {
        byte[] raw;
        try (java.io.InputStream in = DossierFixtures.class.getResourceAsStream("/web/doubtful-sender.eml")) {
            raw = in.readAllBytes();
        }
        org.pixelproof.analysis.Analyzer an = new org.pixelproof.analysis.Analyzer(
                org.pixelproof.rules.RuleSetLoader.loadDefault(), org.pixelproof.ingest.IngestLimits.DEFAULT,
                org.pixelproof.authenticity.AuthenticityChecker.offline(),
                Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));
        Analysis a = an.analyze(raw, "doubtful-sender.eml", org.pixelproof.analysis.AnalysisOptions.DEFAULT);
        return new CaseEmail(a, raw, an.read(raw, "doubtful-sender.eml"));
    }

    /** @return the newsletter as one case e-mail, its analysis changed. */
    public static CaseEmail newsletterCase(java.util.function.UnaryOperator<AnalysisParts> changes) {
        byte[] bytes = newsletterBytes();
        return new CaseEmail(with(newsletterAnalysis(), changes), bytes, TestEmails.read(bytes, "soldes-ete.eml"));
    }

    /** @return the newsletter's original bytes. */
    public static byte[] newsletterBytes() {
        return TestEmails.resource(NEWSLETTER);
    }

    /** @return the newsletter as read. */
    public static ReceivedEmail newsletterEmail() {
        return TestEmails.read(newsletterBytes(), "soldes-ete.eml");
    }

    /** @return the newsletter's analysis, as the pipeline would produce it. */
    public static Analysis newsletterAnalysis() {
        return newsletterAnalysis(newsletterBytes(), "Soldes d'été : jusqu'à -40 % sur nos luminaires");
    }

    /**
     * @param bytes   the bytes the analysis is of (their SHA-256 is used)
     * @param subject the subject to report
     * @return the newsletter's analysis with that subject
     */
    public static Analysis newsletterAnalysis(byte[] bytes, String subject) {
        VendorRef sw = new VendorRef("sendwave", "SendWave", "SendWave Inc.", "US", true);
        Tracker beacon = new Tracker("T1", TrackerKind.CSS_BEACON, BEACON, "t.sendwave.example", "SendWave", sw,
                Party.VENDOR, List.of(), List.of("path=" + TOKEN), Confidence.HIGH,
                List.of(new Signal("vendor-rule", "matches sendwave.css (SendWave)"),
                        new Signal("high-entropy-token", "token 7f3a9c2e... in the path")),
                List.of("background of a table cell"),
                new Location("1.2.1", "td", "background-image", null),
                "<td style=\"padding:16px;background-image:url('" + BEACON + "')\">", "sendwave.css", null, null);
        Tracker click = new Tracker("T2", TrackerKind.CLICK_TRACKING, CLICK, "t.sendwave.example", "SendWave", sw,
                Party.VENDOR, List.of(), List.of("path=" + TOKEN), Confidence.HIGH,
                List.of(new Signal("vendor-click-rule", "matches sendwave.click (SendWave)"),
                        new Signal("redirector", "carries its destination https://www.maison-lumiere.example/...")),
                List.of(), new Location("1.2.1", "a", "href", null),
                "<a href=\"" + CLICK + "\" style=\"background:#6b3e0a;color:#fff;padding:10px 18px;"
                        + "text-decoration:none\">Découvrir les soldes</a>",
                "sendwave.click", DESTINATION, null);
        Tracker pixel = new Tracker("T3", TrackerKind.OPEN_PIXEL, PIXEL, "t.sendwave.example", "SendWave", sw,
                Party.VENDOR,
                List.of(new RecipientIdentifier("Y2FtaWxsZS5kdXJhbmRAZXhhbXBsZS5vcmc", "base64", "query parameter e",
                        "camille.durand@example.org")),
                List.of("path=" + TOKEN), Confidence.HIGH,
                List.of(new Signal("declared-size", "width=1 height=1"), new Signal("hidden-css", "display:none"),
                        new Signal("vendor-rule", "matches sendwave.open (SendWave)")),
                List.of("width=1 height=1", "display:none"), new Location("1.2.1", "img", "src", null),
                "<img src=\"" + PIXEL + "\" width=\"1\" height=\"1\" style=\"display:none\" alt=\"\">",
                "sendwave.open", null, null);
        Location footer = new Location("1.2.1", "a", "href", null);
        List<Link> links = List.of(
                new Link(CLICK, "t.sendwave.example", "Découvrir les soldes", DESTINATION, "T2", footer),
                new Link("https://www.maison-lumiere.example/confidentialite", "www.maison-lumiere.example",
                        "Politique de confidentialité", null, null, footer),
                new Link(UNSUBSCRIBE, "t.sendwave.example", "Se désinscrire", null, null, footer));
        List<ConsentMarker> markers = List.of(
                new ConsentMarker(ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER, "<" + UNSUBSCRIBE + ">", UNSUBSCRIBE,
                        new Location("1", "header", "List-Unsubscribe", null), "header.list-unsubscribe"),
                new ConsentMarker(ConsentMarkerType.PRIVACY_POLICY_LINK, "Politique de confidentialité",
                        "https://www.maison-lumiere.example/confidentialite", footer, "fr.privacy.confidentialite"),
                new ConsentMarker(ConsentMarkerType.UNSUBSCRIBE_LINK, "Se désinscrire", UNSUBSCRIBE, footer,
                        "fr.unsubscribe.desinscrire"));
        SenderIdentity sender = new SenderIdentity("newsletter@maison-lumiere.example", "Maison Lumière",
                "maison-lumiere.example", "service-client@maison-lumiere.example",
                "bounce-7f3a9c2e-camille.durand=example.org@bounce.sendwave.example",
                List.of("maison-lumiere.example"), List.of(UNSUBSCRIBE, "mailto:unsub-7f3a9c2e@bounce.sendwave.example"),
                "Maison Lumière SAS", "12 rue des Artisans, 69002 Lyon", "842317570", null, true,
                "https://www.maison-lumiere.example/confidentialite", null,
                List.of(new SenderClue("organisation-name", "Maison Lumière SAS", "footer text, part 1.2.1",
                                "Maison Lumière SAS – 12 rue des Artisans, 69002 Lyon – SIREN 842 317 570"),
                        new SenderClue("siren", "842317570", "footer text, part 1.2.1", "SIREN 842 317 570"),
                        new SenderClue("postal-address", "12 rue des Artisans, 69002 Lyon",
                                "footer text, part 1.2.1", "12 rue des Artisans, 69002 Lyon")),
                List.of("dpo-contact"));
        Assessment assessment = new Assessment(Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, MessageClass.MARKETING,
                List.of(new ClassificationCue("list-unsubscribe-header", MessageClass.MARKETING,
                                "List-Unsubscribe: <" + UNSUBSCRIBE + ">"),
                        new ClassificationCue("promotional-wording", MessageClass.MARKETING,
                                "Soldes d'été : jusqu'à -40 %")),
                List.of(new ExemptionCheck("authentication-security", ExemptionOutcome.DOES_NOT_APPLY,
                                List.of("no-security-wording", "marketing-content")),
                        new ExemptionCheck("deliverability-transactional", ExemptionOutcome.DOES_NOT_APPLY,
                                List.of("marketing-content", "per-recipient-click-tracking"))),
                List.of("lil-82", "eprivacy-5-3", "edpb-2-2023", "cnil-2026-042", "cpce-l34-5", "gdpr-6-1-a",
                        "gdpr-7-1"),
                LocalDate.of(2026, 5, 12),
                List.of(new TimelineEntry("cnil-2026-042-published", LocalDate.of(2026, 4, 14), "after"),
                        new TimelineEntry("cnil-2026-042-existing-lists-deadline", LocalDate.of(2026, 7, 14),
                                "before")),
                List.of("one-message-only", "consent-may-exist-elsewhere"));
        OffsetDateTime delivered = OffsetDateTime.parse("2026-05-12T09:14:07+02:00");
        Authenticity authenticity = new Authenticity(
                List.of(new DkimResult("maison-lumiere.example", "sw1", "neutral", "key lookups switched off", true,
                        null, List.of("from", "to", "subject", "date", "message-id", "list-unsubscribe"), true,
                        "rsa-sha256")),
                List.of(new AuthAssertion("mx.example.org", "dkim", "pass", "header.d=maison-lumiere.example", null),
                        new AuthAssertion("mx.example.org", "spf", "pass", "smtp.mailfrom=bounce.sendwave.example",
                                null),
                        new AuthAssertion("mx.example.org", "dmarc", "pass", "header.from=maison-lumiere.example",
                                null)),
                List.of(new ReceivedHop("mta7.sendwave.example (mta7.sendwave.example [192.0.2.17])",
                                "mx.example.org", "ESMTPS", OffsetDateTime.parse("2026-05-12T09:14:05+02:00")),
                        new ReceivedHop("mx.example.org (localhost [127.0.0.1])", "mbox.example.org", "ESMTP",
                                delivered)),
                delivered);
        MessageSummary summary = new MessageSummary("Maison Lumière <newsletter@maison-lumiere.example>",
                "Camille Durand <camille.durand@example.org>", null, "service-client@maison-lumiere.example",
                "Tue, 12 May 2026 09:14:03 +0200", subject,
                "<20260512071403.4f9a2c@mail.maison-lumiere.example>",
                "<bounce-7f3a9c2e-camille.durand=example.org@bounce.sendwave.example>",
                "<" + UNSUBSCRIBE + ">, <mailto:unsub-7f3a9c2e@bounce.sendwave.example>",
                "List-Unsubscribe=One-Click", null, List.of("camille.durand@example.org"), false);
        return new Analysis("aBcDeFgHiJkLmNoPqRsTuV", "soldes-ete.eml", CaseEmail.sha256(bytes), bytes.length,
                Instant.parse("2026-06-01T14:30:00Z"), "0.1.0-test", "2026.11.0-test",
                Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, summary, List.of("camille.durand@example.org"),
                List.of(beacon, click, pixel),
                List.of(new RemoteResource("https://cdn.maison-lumiere.example/img/logo.png",
                        "cdn.maison-lumiere.example", "img", null, new Location("1.2.1", "img", "src", null),
                        "<img src=\"https://cdn.maison-lumiere.example/img/logo.png\" alt=\"Maison Lumière\">")),
                markers, List.of(ConsentMarkerType.TRACKING_NOTICE, ConsentMarkerType.TRACKING_OPT_OUT_LINK), links,
                sender, assessment, authenticity, List.of());
    }

    /** @return the newsletter as one case e-mail. */
    public static CaseEmail newsletterCase() {
        byte[] bytes = newsletterBytes();
        return new CaseEmail(newsletterAnalysis(), bytes, TestEmails.read(bytes, "soldes-ete.eml"));
    }

    /** @return a complainant who filled in everything. */
    public static Complainant complainant() {
        return new Complainant("Camille Durand", "8 allée des Tilleuls\n69003 Lyon", "camille.durand@example.org",
                "compte client créé lors d'un achat en boutique en ligne", "mars 2024", ConsentAsked.NO,
                new PriorRequest(LocalDate.of(2026, 4, 20),
                        "retrait du consentement, opposition, accès aux données d'ouverture et de clic", null, null),
                null, null);
    }

    /** @return a builder with the fixture rules and clock. */
    public static DossierBuilder builder() {
        return new DossierBuilder(rules(), CLOCK);
    }
}
