package org.pixelproof.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.Detector;
import org.pixelproof.detect.TestEmails;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/** The classification of order confirmations sent through a newsletter ESP (list headers, unsubscribe link). */
class MessageClassifierTest {
    private static final RuleSet RULES = RuleSetLoader.loadDefault();
    private static final Detector DETECTOR = new Detector(RULES, IngestLimits.DEFAULT);
    private static final MessageClassifier CLASSIFIER = new MessageClassifier(RULES);

    private static final String ORDER_BODY = """
            <html><body><p>Bonjour Alex,</p>
            <p>Merci pour votre commande ! Nous la préparons avec soin.</p>
            <p>Numéro de commande : 40211 — Total : 58,90 €</p>
            <p style="font-size:10px">Vous ne souhaitez plus recevoir nos e-mails ?
            <a href="https://www.atelier-exemple.fr/desinscription?c=1">Se désinscrire</a></p>
            </body></html>""";

    private static MessageClassifier.Result classify(String subject, String html) {
        ReceivedEmail e = TestEmails.message()
                .header("From", "Atelier Exemple <commandes@atelier-exemple.fr>")
                .header("Subject", subject)
                .header("List-Unsubscribe", "<https://www.atelier-exemple.fr/desinscription?c=1>")
                .html(html).build();
        Detector.Detection d = DETECTOR.detectWithTexts(e, List.of());
        return CLASSIFIER.classify(e, d.findings(), d.visibleTexts());
    }

    private static List<String> codes(MessageClassifier.Result r) {
        return r.cues().stream().map(ClassificationCue::code).toList();
    }

    @Test
    void aSubjectConfirmingTheOrderOutweighsTheListUnsubscribeHeader() {
        MessageClassifier.Result r = classify("Confirmation de votre commande n° 40211", ORDER_BODY);
        assertTrue(codes(r).containsAll(List.of(MessageClassifier.LIST_UNSUBSCRIBE_HEADER,
                MessageClassifier.UNSUBSCRIBE_LINK, MessageClassifier.SUBJECT_CONFIRMATION)), codes(r).toString());
        assertEquals(MessageClass.TRANSACTIONAL, r.messageClass(), r.cues().toString());
        assertTrue(r.has(MessageClass.MARKETING), "the marketing cues stay, for the mixed-content check");
        ClassificationCue why = r.cues().stream()
                .filter(c -> c.code().equals(MessageClassifier.SUBJECT_CONFIRMATION)).findFirst().orElseThrow();
        assertEquals(MessageClass.TRANSACTIONAL, why.pointsTo());
        assertTrue(why.evidence().contains("Confirmation de votre commande"), why.evidence());
        assertEquals("Subject: Confirmation de votre commande n° 40211", why.evidence(),
                "the subject alone: no English prose for the French dossier to print");
    }

    @Test
    void otherLanguagesAndBookingsToo() {
        assertEquals(MessageClass.TRANSACTIONAL, classify("Bestellbestätigung – Ihre Bestellung Nr. 5521",
                "<p>Vielen Dank für Ihre Bestellung.</p><p><a href=\"https://x.example/u\">Abmelden</a></p>")
                .messageClass());
        assertEquals(MessageClass.TRANSACTIONAL, classify("Booking confirmation: your booking for 12 May",
                "<p>See you soon.</p><p><a href=\"https://x.example/u\">Unsubscribe</a></p>").messageClass());
    }

    @Test
    void withoutAConfirmingSubjectTheListHeadersStillCount() {
        MessageClassifier.Result r = classify("Nos nouveautés de printemps", ORDER_BODY);
        assertFalse(codes(r).contains(MessageClassifier.SUBJECT_CONFIRMATION), codes(r).toString());
        assertNotEquals(MessageClass.TRANSACTIONAL, r.messageClass(), r.cues().toString());
        // an order phrase in the subject without a confirmation word ("votre commande est arrivée") is no statement
        // of a confirmation either
        MessageClassifier.Result promo = classify("Votre commande du mois : -20 % avec le code promo ETE",
                "<p>Profitez de nos offres exclusives.</p><p><a href=\"https://x.example/u\">Se désinscrire</a></p>");
        assertFalse(codes(promo).contains(MessageClassifier.SUBJECT_CONFIRMATION), codes(promo).toString());
        assertEquals(MessageClass.MARKETING, promo.messageClass(), promo.cues().toString());
    }
}
