package org.pixelproof.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerFinder;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Findings;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.MarkerTestRules;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.SenderIdentifier;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.TestEmails;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.detect.VendorRef;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;

class AssessorTest {
    private static final RuleSet RULES = MarkerTestRules.ruleSet();
    private final Assessor assessor = new Assessor(RULES);

    // --- helpers: findings as detect would give them (markers and sender from the real finders)

    private static Tracker pixel(String vendorId, String ruleId) {
        VendorRef v = vendorId == null ? null : RULES.vendor(vendorId).map(x -> new VendorRef(x.id(), x.name(),
                x.legalName(), x.country(), x.outsideEea())).orElseThrow();
        return new Tracker("T1", TrackerKind.OPEN_PIXEL, "https://t.example.com/o.gif?e=abc", "t.example.com",
                v == null ? null : v.name(), v, v == null ? Party.UNKNOWN : Party.VENDOR, List.of(), List.of("e=abc"),
                v == null ? Confidence.MEDIUM : Confidence.HIGH, List.of(new Signal("declared-size", "width=1 height=1")),
                List.of("width=1 height=1"), new Location("1.2", "img", "src", null), "<img src=...>", ruleId, null,
                null);
    }

    private static Tracker click(boolean perRecipient) {
        return new Tracker("T2", TrackerKind.CLICK_TRACKING, "https://c.example.com/c?u=1&e=abc", "c.example.com", null,
                null, Party.UNKNOWN, perRecipient ? List.of(new RecipientIdentifier("abc", "md5", "query parameter e",
                        "alex.martin@example.org")) : List.of(), List.of(), Confidence.MEDIUM, List.of(), List.of(),
                new Location("1.2", "a", "href", null), "<a href=...>", "heuristic.click", null, null);
    }

    private static Findings findings(ReceivedEmail e, List<Tracker> trackers) {
        List<ConsentMarker> markers = new ConsentMarkerFinder(RULES).find(e, TestEmails.parsed(e));
        List<ConsentMarkerType> missing = java.util.Arrays.stream(ConsentMarkerType.values())
                .filter(t -> markers.stream().noneMatch(m -> m.type() == t)).toList();
        return new Findings(List.of("alex.martin@example.org"), trackers, List.of(), List.of(), markers, missing,
                new SenderIdentifier(RULES).identify(e, TestEmails.parsed(e)), List.of());
    }

    private Assessment assess(ReceivedEmail e, List<Tracker> trackers) {
        return assessor.assess(e, findings(e, trackers), Authenticity.none());
    }

    private static ExemptionCheck exemption(Assessment a, String id) {
        return a.exemptions().stream().filter(x -> x.exemption().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> cueCodes(Assessment a) {
        return a.cues().stream().map(ClassificationCue::code).toList();
    }

    // --- the four typical messages

    @Test
    void newsletterWithPixelIsMarketingWithoutMarkersAndNoExemption() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Boutique Exemple <news@boutique-exemple.fr>")
                .header("Subject", "-20 % sur toute la collection")
                .header("Received", "from mta.esp.example (mta.esp.example [192.0.2.1]) by mx.example.org with ESMTPS;"
                        + " Thu, 30 Apr 2026 13:43:29 +0200")
                .header("Date", "Thu, 30 Apr 2026 13:43:27 +0200")
                .header("List-Unsubscribe", "<https://esp.example/u/1>")
                .header("Precedence", "bulk")
                .html("""
                        <p>Si ce message ne s'affiche pas correctement, <a href="https://esp.example/v">cliquez ici</a>.</p>
                        <p>Profitez de nos soldes avec le code promo ETE.</p>
                        <p>Vous recevez cet e-mail car vous êtes abonné(e) à notre newsletter.
                        <a href="https://esp.example/u/1">Se désinscrire</a></p>""").build();
        Assessment a = assess(e, List.of(pixel("mailchimp", "mailchimp.open"), click(true)));
        assertEquals(Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, a.verdict());
        assertEquals(MessageClass.MARKETING, a.messageClass());
        assertTrue(cueCodes(a).containsAll(List.of("list-unsubscribe-header", "precedence-bulk", "unsubscribe-link",
                "promotional-wording", "newsletter-wording")), cueCodes(a).toString());
        ExemptionCheck sec = exemption(a, Assessor.AUTHENTICATION_SECURITY);
        assertEquals(ExemptionOutcome.DOES_NOT_APPLY, sec.outcome());
        assertTrue(sec.reasons().containsAll(List.of("marketing-content", "no-security-wording")), sec.reasons().toString());
        ExemptionCheck del = exemption(a, Assessor.DELIVERABILITY_TRANSACTIONAL);
        assertEquals(ExemptionOutcome.DOES_NOT_APPLY, del.outcome());
        assertTrue(del.reasons().containsAll(List.of("marketing-content", "per-recipient-click-tracking",
                "list-unsubscribe-present", "third-party-vendor-outside-eea")), del.reasons().toString());
        assertEquals(List.of("lil-82", "eprivacy-5-3", "edpb-2-2023", "cnil-2026-042", "gdpr-4-11", "gdpr-6-1-a",
                "gdpr-7-1", "gdpr-7-3", "gdpr-5-1-a", "gdpr-12", "gdpr-13", "gdpr-14", "cpce-l34-5", "eprivacy-13",
                "gdpr-21-2", "gdpr-21-3", "gdpr-44", "gdpr-15", "gdpr-17", "gdpr-12-3", "gdpr-77"), a.provisionIds());
        assertEquals(LocalDate.of(2026, 4, 30), a.receivedDate());
        assertEquals(List.of("after", "after", "after", "after", "before"),
                a.timeline().stream().map(TimelineEntry::relation).toList());
        assertEquals("cnil-2026-042-consultation-start", a.timeline().get(0).keyDateId());
        assertTrue(a.caveats().containsAll(List.of("one-message-only", "consent-may-exist-elsewhere",
                "address-collection-date-unknown", "existing-list-transition-open", "sender-not-authenticated")),
                a.caveats().toString());
        assertFalse(a.caveats().contains("no-tracker-is-not-no-tracking"));
        assertFalse(a.caveats().contains("heuristic-findings-only"));
        assertFalse(a.caveats().contains("exemption-not-excluded"));
    }

    @Test
    void orderConfirmationWithPixelMayUseTheDeliverabilityExemption() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Boutique Exemple <commandes@boutique-exemple.fr>")
                .header("Subject", "Confirmation de votre commande n° 12345")
                .header("Date", "Mon, 18 May 2026 09:00:00 +0200")
                .html("""
                        <p>Merci pour votre commande ! Récapitulatif de votre commande n° 12345.</p>
                        <p>Montant total : 42,00 €. Votre colis a été expédié, numéro de suivi : 1Z999.</p>""").build();
        Assessment a = assess(e, List.of(pixel("brevo", "brevo.open")));
        assertEquals(MessageClass.TRANSACTIONAL, a.messageClass());
        assertTrue(cueCodes(a).containsAll(List.of("order-wording", "invoice-wording", "delivery-wording")));
        ExemptionCheck del = exemption(a, Assessor.DELIVERABILITY_TRANSACTIONAL);
        assertEquals(ExemptionOutcome.MAY_APPLY, del.outcome());
        assertEquals(List.of("transactional-wording-found", "last-open-day-retention-unverifiable"), del.reasons());
        ExemptionCheck sec = exemption(a, Assessor.AUTHENTICATION_SECURITY);
        assertEquals(ExemptionOutcome.DOES_NOT_APPLY, sec.outcome());
        assertEquals(List.of("transactional-wording-found", "no-security-wording"), sec.reasons());
        assertFalse(a.provisionIds().contains("cpce-l34-5"));
        assertFalse(a.provisionIds().contains("gdpr-44"), "Brevo is in the EEA");
        assertTrue(a.caveats().contains("exemption-not-excluded"));
        assertTrue(a.caveats().contains("received-date-from-date-header"));
        assertEquals(LocalDate.of(2026, 5, 18), a.receivedDate());
    }

    @Test
    void orderConfirmationWithPromoAndPerRecipientClicksIsNotCovered() {
        ReceivedEmail e = TestEmails.message().header("Subject", "Votre commande n° 12345 a été validée")
                .html("""
                        <p>Merci pour votre commande. Numéro de suivi : 1Z999.</p>
                        <p>-10% sur votre prochain achat avec le code promo MERCI.</p>""").build();
        Assessment a = assess(e, List.of(pixel(null, "heuristic.pixel"), click(true)));
        ExemptionCheck del = exemption(a, Assessor.DELIVERABILITY_TRANSACTIONAL);
        assertEquals(ExemptionOutcome.DOES_NOT_APPLY, del.outcome());
        assertTrue(del.reasons().contains("per-recipient-click-tracking"), del.reasons().toString());
        assertTrue(a.caveats().contains("heuristic-findings-only"));
    }

    @Test
    void passwordResetWithPixelMayUseTheSecurityExemption() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Exemple <no-reply@compte.exemple.fr>")
                .header("Subject", "Réinitialisation de votre mot de passe")
                .html("""
                        <p>Bonjour, cliquez sur le lien ci-dessous pour réinitialiser votre mot de passe.</p>
                        <p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.</p>""").build();
        Assessment a = assess(e, List.of(pixel(null, "heuristic.pixel")));
        assertEquals(MessageClass.SECURITY, a.messageClass());
        assertTrue(cueCodes(a).containsAll(List.of("password-reset-wording", "security-alert-wording")));
        assertEquals(ExemptionOutcome.MAY_APPLY, exemption(a, Assessor.AUTHENTICATION_SECURITY).outcome());
        assertEquals(List.of("security-wording-found"), exemption(a, Assessor.AUTHENTICATION_SECURITY).reasons());
        assertEquals(ExemptionOutcome.MAY_APPLY, exemption(a, Assessor.DELIVERABILITY_TRANSACTIONAL).outcome());
        assertFalse(a.provisionIds().contains("cpce-l34-5"));
        assertTrue(a.caveats().contains("received-date-unknown"));
        assertNull(a.receivedDate());
        assertEquals(List.of(), a.timeline());
    }

    @Test
    void personalMailIsPersonalAndExemptionsDoNotCoverItsReadTracking() {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Camille <camille@example.net>")
                .header("Subject", "RE: dîner samedi")
                .header("In-Reply-To", "<abc@example.org>")
                .header("X-Mailer", "Microsoft Outlook 16.0")
                .plain("""
                        Parfait, à samedi !

                        Envoyé de mon iPhone

                        Le lun. 3 mars 2025 à 10:00, Alex a écrit :
                        > On se voit samedi ?
                        """).build();
        Assessment none = assess(e, List.of());
        assertEquals(MessageClass.PERSONAL, none.messageClass());
        assertEquals(Verdict.NO_TRACKING_FOUND, none.verdict());
        assertEquals(List.of(), none.provisionIds());
        assertTrue(none.caveats().contains("no-tracker-is-not-no-tracking"));
        assertEquals(List.of("no-tracker-found"), exemption(none, Assessor.DELIVERABILITY_TRANSACTIONAL).reasons());
        assertEquals(ExemptionOutcome.CANNOT_TELL, exemption(none, Assessor.DELIVERABILITY_TRANSACTIONAL).outcome());

        Assessment tracked = assess(e, List.of(pixel(null, "heuristic.pixel")));
        assertEquals(ExemptionOutcome.DOES_NOT_APPLY, exemption(tracked, Assessor.AUTHENTICATION_SECURITY).outcome());
        assertEquals(List.of("personal-message"), exemption(tracked, Assessor.DELIVERABILITY_TRANSACTIONAL).reasons());
    }

    // --- verdict and markers

    @Test
    void unsubscribeAloneIsNotATrackingConsentMarkerButANoticeIs() {
        ReceivedEmail withUnsub = TestEmails.message().html("<p><a href='https://x.example/u'>Unsubscribe</a></p>").build();
        assertEquals(Verdict.TRACKING_WITHOUT_CONSENT_MARKERS, assess(withUnsub, List.of(pixel(null, "heuristic.pixel"))).verdict());

        ReceivedEmail withNotice = TestEmails.message().html("<p>This email contains a tracking pixel.</p>").build();
        Assessment a = assess(withNotice, List.of(pixel(null, "heuristic.pixel")));
        assertEquals(Verdict.TRACKING_WITH_CONSENT_MARKERS, a.verdict());
        assertFalse(a.provisionIds().contains("gdpr-13"), "the notice was found");
        assertTrue(a.provisionIds().contains("gdpr-7-3"), "no opt-out link");
        assertTrue(a.caveats().contains("marker-quality-not-assessed"));

        ReceivedEmail withOptOut = TestEmails.message()
                .html("<p><a href='https://x.example/t'>Désactiver le suivi</a></p>").build();
        Assessment b = assess(withOptOut, List.of(pixel(null, "heuristic.pixel")));
        assertEquals(Verdict.TRACKING_WITH_CONSENT_MARKERS, b.verdict());
        assertFalse(b.provisionIds().contains("gdpr-7-3"));
    }

    // --- classification rule

    @Test
    void contradictoryCuesGiveUnknown() {
        assertEquals(MessageClass.UNKNOWN, MessageClassifier.decide(1, 1, 0, 0));
        assertEquals(MessageClass.UNKNOWN, MessageClassifier.decide(0, 0, 0, 0));
        assertEquals(MessageClass.MARKETING, MessageClassifier.decide(2, 1, 0, 0));
        assertEquals(MessageClass.TRANSACTIONAL, MessageClassifier.decide(1, 2, 0, 0));
        assertEquals(MessageClass.SECURITY, MessageClassifier.decide(0, 1, 1, 0));
        assertEquals(MessageClass.PERSONAL, MessageClassifier.decide(1, 0, 0, 2));
        assertEquals(MessageClass.UNKNOWN, MessageClassifier.decide(2, 0, 0, 2));

        ReceivedEmail e = TestEmails.message().header("List-Unsubscribe", "<https://x.example/u>")
                .html("<p>Merci pour votre commande n° 42.</p>").build();
        Assessment a = assess(e, List.of(pixel(null, "heuristic.pixel")));
        assertEquals(MessageClass.UNKNOWN, a.messageClass());
        assertTrue(a.caveats().contains("message-class-uncertain"));
        ExemptionCheck del = exemption(a, Assessor.DELIVERABILITY_TRANSACTIONAL);
        assertEquals(ExemptionOutcome.CANNOT_TELL, del.outcome());
        assertTrue(del.reasons().containsAll(List.of("message-class-unclear", "transactional-wording-found")));
    }

    @Test
    void adTechTrackerRulesOutBothExemptions() {
        ReceivedEmail e = TestEmails.message().header("Subject", "Votre facture n° 7").html("<p>Votre facture est disponible.</p>")
                .build();
        Tracker ad = new Tracker("T1", TrackerKind.OPEN_PIXEL, "https://ads.example/p", "ads.example", "AdNet",
                new VendorRef("adnet", "AdNet", "AdNet Inc.", "US", true), Party.THIRD_PARTY, List.of(), List.of(),
                Confidence.HIGH, List.of(), List.of(), new Location("1.1", "img", "src", null), "<img>", "adnet.pixel",
                null, null);
        Assessment a = assess(e, List.of(ad));
        // an invoice phrase (1) against an advertising vendor (1): contradictory cues
        assertEquals(MessageClass.UNKNOWN, a.messageClass());
        for (ExemptionCheck c : a.exemptions()) {
            assertEquals(ExemptionOutcome.DOES_NOT_APPLY, c.outcome(), c.toString());
            assertTrue(c.reasons().contains("advertising-or-analytics-vendor"));
        }
        assertTrue(cueCodes(a).contains("marketing-vendor"));
    }

    // --- received date sources

    @Test
    void receivedDateComesFromDeliveredAtThenNewestReceivedThenDate() {
        ReceivedEmail e = TestEmails.message()
                .header("Received", "from b by mx.example.org; Tue, 14 Apr 2026 23:30:00 +0000")
                .header("Received", "from a by b; Tue, 14 Apr 2026 20:00:00 +0000")
                .header("Date", "Mon, 13 Apr 2026 10:00:00 +0000").build();
        Assessment fromReceived = assess(e, List.of(pixel(null, "heuristic.pixel")));
        assertEquals(LocalDate.of(2026, 4, 15), fromReceived.receivedDate(), "23:30 UTC is the next day in Paris");
        assertTrue(fromReceived.timeline().stream().anyMatch(t -> t.keyDateId().equals("cnil-2026-042-published")
                && t.relation().equals("after")));

        Authenticity auth = new Authenticity(List.of(new DkimResult("example.org", "s1", "pass", null, true, null,
                List.of("from"), null, "rsa-sha256")), List.of(), List.of(),
                OffsetDateTime.parse("2026-04-14T08:00:00+02:00"));
        Assessment fromAuth = assessor.assess(e, findings(e, List.of(pixel(null, "heuristic.pixel"))), auth);
        assertEquals(LocalDate.of(2026, 4, 14), fromAuth.receivedDate());
        assertTrue(fromAuth.timeline().stream().anyMatch(t -> t.keyDateId().equals("cnil-2026-042-published")
                && t.relation().equals("same-day")));
        assertFalse(fromAuth.caveats().contains("sender-not-authenticated"));

        ReceivedEmail old = TestEmails.message().header("Date", "Tue, 17 Mar 2015 03:42:23 +0100").build();
        Assessment before = assess(old, List.of(pixel(null, "heuristic.pixel")));
        assertEquals(LocalDate.of(2015, 3, 17), before.receivedDate());
        assertTrue(before.caveats().contains("received-before-recommendation"));
        assertFalse(before.caveats().contains("existing-list-transition-open"));

        ReceivedEmail broken = TestEmails.message().header("Date", "Sat, 01 Jan 3609 00:00:00 +0000").build();
        assertNull(assess(broken, List.of()).receivedDate(), "year 3609 is implausible");
    }

    @Test
    void everyReasonAndCaveatCodeIsKebabCaseAndUnique() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (ExemptionReason r : ExemptionReason.values()) {
            assertTrue(r.code().matches("[a-z]+(-[a-z0-9]+)*"), r.code());
            assertTrue(codes.add(r.code()));
        }
        for (Caveat c : Caveat.values()) {
            assertTrue(c.code().matches("[a-z]+(-[a-z0-9]+)*"), c.code());
            assertTrue(codes.add(c.code()));
        }
        assertEquals("per-recipient-click-tracking", ExemptionReason.PER_RECIPIENT_CLICK_TRACKING.code());
        assertEquals("no-tracker-is-not-no-tracking", Caveat.NO_TRACKER_IS_NOT_NO_TRACKING.code());
    }
}
