package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.assess.Verdict;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.dossier.Dossier.CopyComparison;
import org.pixelproof.dossier.Dossier.LegalGround;
import org.pixelproof.dossier.Dossier.TokenDifference;
import org.pixelproof.dossier.Dossier.TrackerRow;

class DossierBuilderTest {

    @Test
    void aDossierOfSeveralEmailsHasAReferenceOfItsOwn() {
        // found by a new-user trial: the per-sender dossier and its first e-mail's dossier had the same reference
        byte[] second = "X-Copy: 2\r\n".concat(new String(DossierFixtures.newsletterBytes(),
                StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        CaseEmail other = new CaseEmail(DossierFixtures.newsletterAnalysis(second, "Nouveautés de juin"), second,
                TestEmails.read(second, "juin.eml"));
        Dossier alone = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        Dossier both = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(), other),
                DossierFixtures.complainant(), Language.FR);
        assertTrue(both.reference().matches("PP-20260602-[0-9a-f]{8}"), both.reference());
        assertFalse(both.reference().equals(alone.reference()), both.reference());
        assertEquals(both.reference(), DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(), other),
                DossierFixtures.complainant(), Language.EN).reference(), "the same e-mails, the same reference");
    }

    @Test
    void theFromAddressIsShownAsWrittenItsDomainInLowerCase() throws Exception {
        byte[] raw = ("From: Vacances Pour Tous <info+Agence-Nationale-Vacances@News.Vacances-Exemple.FR>\r\n"
                + "To: Camille Durand <camille.durand@example.org>\r\nSubject: Vos vacances\r\n"
                + "Date: Tue, 12 May 2026 09:14:03 +0200\r\nMessage-ID: <v1@news.vacances-exemple.fr>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<html><body><p>Partez.</p><img src=\"https://t.sendwave.example/o/7f3a9c2e5b1d.gif\" width=\"1\""
                + " height=\"1\" alt=\"\"></body></html>\r\n").getBytes(StandardCharsets.UTF_8);
        org.pixelproof.analysis.Analyzer an = new org.pixelproof.analysis.Analyzer(
                org.pixelproof.rules.RuleSetLoader.loadDefault(), org.pixelproof.ingest.IngestLimits.DEFAULT,
                org.pixelproof.authenticity.AuthenticityChecker.offline(), DossierFixtures.CLOCK);
        Analysis a = an.analyze(raw, "vacances.eml", org.pixelproof.analysis.AnalysisOptions.DEFAULT);
        String written = "info+Agence-Nationale-Vacances@news.vacances-exemple.fr";
        assertEquals(written.toLowerCase(java.util.Locale.ROOT), a.sender().fromAddress(), "compared in lower case");
        for (Language lang : List.of(Language.FR, Language.EN)) {
            Dossier d = DossierFixtures.builder().build(List.of(new CaseEmail(a, raw, an.read(raw, "vacances.eml"))),
                    DossierFixtures.complainant(), lang);
            assertEquals(written, d.organisation().fromAddress());
            assertEquals(written, d.primary().message().fromAddress());
            String xhtml = DossierTemplates.standard().dossierXhtml(d);
            assertTrue(xhtml.contains(written), "the sender table shows it as written");
            assertFalse(xhtml.contains("info+agence-nationale-vacances@"), "never lower-cased");
            assertTrue(DossierTemplates.standard().letterText(d, LetterKind.CNIL_COMPLAINT).contains(written));
        }
    }

    @Test
    void oneNewsletterGivesEverySectionItsFactsWithProvenance() {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);

        assertEquals("PP-20260602-" + d.primary().sha256().substring(0, 8), d.reference());
        assertEquals(LocalDate.of(2026, 6, 2), d.generatedOn());
        assertEquals(Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, d.verdict());
        assertEquals(3, d.trackerCount());
        assertEquals(List.of(TrackerKind.OPEN_PIXEL, TrackerKind.CSS_BEACON, TrackerKind.CLICK_TRACKING),
                d.learnings().stream().map(Dossier.KindGroup::kind).toList());

        TrackerRow pixel = d.primary().trackers().get(2);
        assertEquals("T3", pixel.id());
        assertEquals(List.of("recipient-address", "recipient-token", "shared-token"), pixel.perRecipientReasons());
        assertEquals("1.2.1", pixel.evidence().partPath());
        assertEquals("part 1.2.1, <img src>", pixel.evidence().where());
        assertTrue(pixel.evidence().excerpt().contains(DossierFixtures.PIXEL));
        assertEquals("SendWave Inc.", pixel.vendorLegalName());
        assertTrue(pixel.outsideEea());
        assertEquals(DossierFixtures.DESTINATION, d.primary().clickTrackers().get(0).destination());

        var org = d.organisation();
        assertEquals("Maison Lumière SAS", org.name());
        assertEquals("842317570", org.siren());
        assertTrue(org.isMissing("dpo-contact"));
        assertTrue(org.transferOutsideEea());
        assertEquals(1, org.vendors().size());
        assertEquals(List.of("T1", "T2", "T3"), org.vendors().get(0).trackerIds());
        assertEquals(List.of("X-SendWave-Campaign"), org.vendors().get(0).headers(), "ESP betrayed by its header");

        // the annex material
        assertTrue(d.primary().headers().stream().anyMatch(h -> h.is("DKIM-Signature")));
        assertTrue(d.primary().previewXhtml().contains("pp-ph-tracker"));
        assertEquals(DossierFixtures.newsletterBytes().length, d.primary().original().length);
    }

    @Test
    void legalGroundsComeFromTheRuleDataInCitingOrderAndGroups() {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        assertEquals(List.of("lil-82", "eprivacy-5-3", "edpb-2-2023", "cnil-2026-042", "cpce-l34-5", "gdpr-6-1-a",
                "gdpr-7-1"), d.trackingGrounds().stream().map(LegalGround::id).toList());
        assertEquals(List.of("gdpr-44"), d.transferGrounds().stream().map(LegalGround::id).toList());
        assertEquals(List.of("gdpr-7-3", "gdpr-21-2", "gdpr-21-3", "gdpr-15", "gdpr-17", "gdpr-12-3", "gdpr-77"),
                d.rightsGrounds().stream().map(LegalGround::id).toList());
        assertEquals(2, d.backgroundGrounds().size());
        LegalGround edpb = d.trackingGrounds().get(2);
        assertEquals("https://www.edpb.europa.eu/our-work-tools/documents/public-consultations/2023/guidelines-22023",
                edpb.sourceUrl());
        assertEquals(org.pixelproof.rules.SourceConfidence.SECONDARY, edpb.confidence());
        assertEquals(List.of(), d.unknownProvisionIds());
    }

    @Test
    void provisionIdsMissingFromTheRulesAreListedNeverInvented() {
        Analysis a = DossierFixtures.newsletterAnalysis();
        var as = a.assessment();
        var withUnknown = new org.pixelproof.assess.Assessment(as.verdict(), as.messageClass(), as.cues(),
                as.exemptions(), List.of("lil-82", "no-such-provision"), as.receivedDate(), as.timeline(),
                as.caveats());
        Analysis changed = copy(a, withUnknown);
        byte[] bytes = DossierFixtures.newsletterBytes();
        Dossier d = DossierFixtures.builder().build(List.of(new CaseEmail(changed, bytes,
                DossierFixtures.newsletterEmail())), Complainant.UNKNOWN, Language.EN);
        assertEquals(List.of("no-such-provision"), d.unknownProvisionIds());
        assertEquals(List.of("lil-82"), d.trackingGrounds().stream().map(LegalGround::id).toList());
    }

    @Test
    void nothingIsInventedAboutAnUnknownComplainant() {
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()), null, null);
        assertEquals(Complainant.UNKNOWN, d.complainant());
        assertEquals(Language.FR, d.language());
        assertTrue(d.priorSteps().none());
        assertNull(d.priorSteps().deadline());
    }

    @Test
    void blankComplainantFieldsAreReadAsMissing() {
        Complainant c = new Complainant("  ", "", "camille@example.org", null, "\t", null, null, " ", null);
        assertNull(c.name());
        assertNull(c.postalAddress());
        assertNull(c.addressGivenWhen());
        assertFalse(c.actingForSomeoneElse());
        assertEquals(List.of(), c.postalAddressLines());
    }

    @Test
    void thePriorRequestDeadlineIsOneMonthAndItsStatusFollowsTheClock() {
        LocalDate today = LocalDate.of(2026, 6, 2);
        assertEquals("none", DossierBuilder.priorSteps(null, today).status());
        var passed = DossierBuilder.priorSteps(new PriorRequest(LocalDate.of(2026, 4, 20), "x", null, null), today);
        assertEquals(LocalDate.of(2026, 5, 20), passed.deadline());
        assertTrue(passed.deadlinePassed());
        var waiting = DossierBuilder.priorSteps(new PriorRequest(LocalDate.of(2026, 5, 15), "x", null, null), today);
        assertEquals(LocalDate.of(2026, 6, 15), waiting.deadline());
        assertTrue(waiting.waiting());
        // 31 January + one month is the end of February, as GDPR art. 12(3) months are calendar months
        assertEquals(LocalDate.of(2026, 2, 28), DossierBuilder.priorSteps(
                new PriorRequest(LocalDate.of(2026, 1, 31), null, null, null), today).deadline());
        assertTrue(DossierBuilder.priorSteps(new PriorRequest(LocalDate.of(2026, 4, 1), "x", LocalDate.of(2026, 4, 9),
                "refus"), today).answered());
        assertTrue(DossierBuilder.priorSteps(new PriorRequest(null, "x", null, null), today).dateUnknown());
    }

    @Test
    void theOriginalMustBeTheAnalysedBytes() {
        byte[] other = "From: x@example.com\r\n\r\nnot the analysed message".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> new CaseEmail(DossierFixtures.newsletterAnalysis(), other,
                TestEmails.read(other, "x.eml")));
    }

    @Test
    void anIdentifierFoundInTwoMessagesOfTheSameRecipientRecurs() {
        byte[] second = withExtraHeader(DossierFixtures.newsletterBytes(), "X-Copy: 2");
        Analysis a2 = DossierFixtures.newsletterAnalysis(second, "Nouveautés de juin");
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(),
                new CaseEmail(a2, second, TestEmails.read(second, "juin.eml"))), DossierFixtures.complainant(),
                Language.FR);
        assertTrue(d.severalEmails());
        assertEquals(List.of(), d.copyComparisons(), "same recipient: not two copies for two people");
        var token = d.recurringIdentifiers().stream().filter(r -> r.value().equals(DossierFixtures.TOKEN))
                .findFirst().orElseThrow();
        assertEquals(List.of("E1 T1", "E1 T2", "E1 T3", "E2 T1", "E2 T2", "E2 T3"), token.occurrences());
        assertTrue(d.primary().trackers().get(0).recurs());
        assertEquals(List.of("E1 T3", "E2 T3"), d.learnings().get(0).trackerIds());
    }

    @Test
    void twoCopiesOfACampaignForTwoPeopleShowTheTokensThatDiffer() {
        String otherToken = "c41d0e9b77a2f3e8d510";
        String original = new String(DossierFixtures.newsletterBytes(), StandardCharsets.ISO_8859_1);
        byte[] second = original.replace(DossierFixtures.TOKEN, otherToken)
                .replace("camille.durand", "dominique.petit").replace("Camille Durand", "Dominique Petit")
                .getBytes(StandardCharsets.ISO_8859_1);
        Analysis a2 = renamed(DossierFixtures.newsletterAnalysis(second,
                "Soldes d'été : jusqu'à -40 % sur nos luminaires"), otherToken);
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase(),
                new CaseEmail(a2, second, TestEmails.read(second, "copie.eml"))), DossierFixtures.complainant(),
                Language.FR);

        assertEquals(1, d.copyComparisons().size());
        CopyComparison c = d.copyComparisons().get(0);
        assertEquals("camille.durand@example.org", c.recipientA());
        assertEquals("dominique.petit@example.org", c.recipientB());
        assertEquals(List.of(), d.recurringIdentifiers(), "different people: nothing recurs");
        TokenDifference pixelPath = c.differences().stream()
                .filter(x -> x.source().equals("tracker") && x.refA().equals("T3") && x.where().equals(
                        "path segment 2")).findFirst().orElseThrow();
        assertEquals(DossierFixtures.TOKEN + ".gif", pixelPath.valueA());
        assertEquals(otherToken + ".gif", pixelPath.valueB());
        assertTrue(c.differences().stream().anyMatch(x -> x.source().equals("header")
                && x.refA().equals("Return-Path") && x.recipientAddress()));
        assertTrue(d.primary().trackers().get(2).differsBetweenCopies());
    }

    /** @return the analysis with its token and recipient replaced, as the pipeline would give for the copy. */
    private static Analysis renamed(Analysis a, String token) {
        var trackers = a.trackers().stream().map(t -> new org.pixelproof.detect.Tracker(t.id(), t.kind(),
                t.url().replace(DossierFixtures.TOKEN, token).replace("Y2FtaWxsZS5kdXJhbmRAZXhhbXBsZS5vcmc",
                        "ZG9taW5pcXVlLnBldGl0QGV4YW1wbGUub3Jn"), t.host(), t.vendor(), t.vendorDetails(), t.party(),
                List.of(), List.of("path=" + token), t.confidence(), t.signals(), t.hiddenBy(), t.location(),
                t.evidence(), t.ruleId(), t.destination(), t.wrappedBy())).toList();
        return new Analysis(a.id(), a.file(), a.sha256(), a.sizeBytes(), a.analysedAt(), a.toolVersion(),
                a.rulesVersion(), a.verdict(), a.message(), List.of("dominique.petit@example.org"), trackers,
                a.remoteContent(), a.consentMarkers(), a.missingConsentMarkers(), a.links(), a.sender(),
                a.assessment(), a.authenticity(), a.anomalies());
    }

    private static Analysis copy(Analysis a, org.pixelproof.assess.Assessment as) {
        return new Analysis(a.id(), a.file(), a.sha256(), a.sizeBytes(), a.analysedAt(), a.toolVersion(),
                a.rulesVersion(), a.verdict(), a.message(), a.recipients(), a.trackers(), a.remoteContent(),
                a.consentMarkers(), a.missingConsentMarkers(), a.links(), a.sender(), as, a.authenticity(),
                a.anomalies());
    }

    static byte[] withExtraHeader(byte[] raw, String header) {
        byte[] prefix = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(raw, 0, out, prefix.length, raw.length);
        return out;
    }
}
