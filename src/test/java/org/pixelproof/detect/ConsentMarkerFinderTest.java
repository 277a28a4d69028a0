package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pixelproof.detect.ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER;
import static org.pixelproof.detect.ConsentMarkerType.PRIVACY_POLICY_LINK;
import static org.pixelproof.detect.ConsentMarkerType.TRACKING_NOTICE;
import static org.pixelproof.detect.ConsentMarkerType.TRACKING_OPT_OUT_LINK;
import static org.pixelproof.detect.ConsentMarkerType.UNSUBSCRIBE_LINK;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pixelproof.ingest.ReceivedEmail;

class ConsentMarkerFinderTest {
    private final ConsentMarkerFinder finder = new ConsentMarkerFinder(MarkerTestRules.ruleSet());

    private List<ConsentMarker> find(ReceivedEmail email) {
        return finder.find(email, TestEmails.parsed(email));
    }

    private List<ConsentMarker> findHtml(String body) {
        return find(TestEmails.message().html("<html><body>" + body + "</body></html>").build());
    }

    private static List<ConsentMarker> of(List<ConsentMarker> markers, ConsentMarkerType type) {
        return markers.stream().filter(m -> m.type() == type).collect(Collectors.toList());
    }

    private static String types(List<ConsentMarker> markers) {
        return markers.stream().map(m -> m.type() + ":" + m.ruleId()).collect(Collectors.joining(", "));
    }

    // --- French newsletter footer

    @Test
    void frenchFooterGivesEachMarkerWithItsUrlLocationAndRule() {
        List<ConsentMarker> m = findHtml("""
                <table><tr><td><p>Bonjour Alex, découvrez nos offres.</p></td></tr>
                <tr><td class="footer">
                  <p>Ce message contient un pixel de suivi qui nous permet de mesurer l’ouverture de nos e-mails.
                  <a href="https://www.exemple-boutique.fr/suivi/refus?u=42">Ne plus être suivi</a></p>
                  <p><a href="https://news.exemple-boutique.fr/u/42">Se désinscrire</a> |
                  <a href="https://www.exemple-boutique.fr/politique-de-confidentialite">Politique de confidentialité</a></p>
                </td></tr></table>""");
        ConsentMarker notice = of(m, TRACKING_NOTICE).get(0);
        assertTrue(notice.text().startsWith("Ce message contient un pixel de suivi"), notice.text());
        assertNull(notice.url());
        assertEquals("p", notice.location().element());
        assertEquals("1.1", notice.location().partPath());
        assertEquals("fr.notice.message-contient-pixel", notice.ruleId());

        ConsentMarker optOut = of(m, TRACKING_OPT_OUT_LINK).get(0);
        assertEquals("https://www.exemple-boutique.fr/suivi/refus?u=42", optOut.url());
        assertEquals("Ne plus être suivi", optOut.text());
        assertEquals(new Location("1.1", "a", "href", null), optOut.location());

        ConsentMarker unsub = of(m, UNSUBSCRIBE_LINK).get(0);
        assertEquals("https://news.exemple-boutique.fr/u/42", unsub.url());
        assertEquals("fr.unsubscribe.desinscrire", unsub.ruleId());
        assertEquals(1, of(m, UNSUBSCRIBE_LINK).size(), types(m));
        assertEquals("https://www.exemple-boutique.fr/politique-de-confidentialite",
                of(m, PRIVACY_POLICY_LINK).get(0).url());
        // the unsubscribe link is not a tracking opt-out, and the opt-out is not an unsubscribe link
        assertEquals(1, of(m, TRACKING_OPT_OUT_LINK).size(), types(m));
        // document order: notice, opt-out, unsubscribe, privacy
        assertEquals(List.of(TRACKING_NOTICE, TRACKING_OPT_OUT_LINK, UNSUBSCRIBE_LINK, PRIVACY_POLICY_LINK),
                m.stream().map(ConsentMarker::type).toList());
    }

    @Test
    void optOutLinksThatNameTheMeasurementOrSeveralKindsOfTrackingAreOptOutLinks() {
        // link texts from a new-user trial: read as privacy links only, the dossier said no opt-out link was given
        List<ConsentMarker> m = findHtml("""
                <p>We measure whether you open this e-mail. You can
                <a href="https://www.velo-example.com/en/privacy/tracking?s=1">refuse this measurement</a> at any time,
                or <a href="https://www.velo-example.com/en/privacy/tracking?s=2">turn off open and click tracking</a>.</p>
                <p>Nous mesurons l'ouverture de nos e-mails.
                <a href="https://www.velo-example.com/fr/confidentialite/suivi?s=3">Refuser cette mesure</a></p>
                <p><a href="https://www.velo-example.com/stats?s=4">Stop the measurement units converter</a></p>""");
        assertEquals(List.of("https://www.velo-example.com/en/privacy/tracking?s=1",
                "https://www.velo-example.com/en/privacy/tracking?s=2",
                "https://www.velo-example.com/fr/confidentialite/suivi?s=3"),
                of(m, TRACKING_OPT_OUT_LINK).stream().map(ConsentMarker::url).toList(), types(m));
    }

    @Test
    void genericLinkTextIsReadWithItsSentence() {
        List<ConsentMarker> m = findHtml("""
                <p>Si vous souhaitez ne plus recevoir cette alerte e-mail, <a href="https://x.example.com/r?id=1">cliquez ici</a>.</p>
                <p>Pour ne plus être suivi, <a href="https://x.example.com/r?id=2">cliquez ici</a>, et pour lire notre
                politique de confidentialité, <a href="https://x.example.com/r?id=3">c'est ici</a>.</p>
                <p>cliquez <a href="https://x.example.com/r?id=4">ici</a> pour vous désabonner.</p>""");
        assertEquals(List.of("https://x.example.com/r?id=1", "https://x.example.com/r?id=4"),
                of(m, UNSUBSCRIBE_LINK).stream().map(ConsentMarker::url).toList(), types(m));
        assertEquals(List.of("https://x.example.com/r?id=2"),
                of(m, TRACKING_OPT_OUT_LINK).stream().map(ConsentMarker::url).toList(), types(m));
        assertTrue(of(m, UNSUBSCRIBE_LINK).get(0).text().contains("ne plus recevoir cette alerte"));
    }

    @Test
    void questionBeforeAGenericLinkIsRead() {
        List<ConsentMarker> m = find(TestEmails.message().plain("""
                Vous recevez cet email car vous suivez la liste "club". Vous ne voulez plus recevoir ces emails ? Rendez-vous sur le lien https://lists.example.org/sympa/sigrequest/club ou écrivez-nous.
                """).build());
        assertEquals("https://lists.example.org/sympa/sigrequest/club", of(m, UNSUBSCRIBE_LINK).get(0).url());
        assertEquals("text", of(m, UNSUBSCRIBE_LINK).get(0).location().element());
    }

    @Test
    void plainTextLinksAreReadFromTheTextBeforeThem() {
        List<ConsentMarker> m = find(TestEmails.message().plain("""
                -10% sur tous les SSD avec le code OVNI
                J'en profite >> http://t.exemple-info.fr/r/?id=1

                Pour ne plus recevoir les e-mails de Exemple.com, cliquez ici >> http://t.exemple-info.fr/r/?id=2
                PRIVACY POLICY (https://www.example.edu/privacy-policy/) · UNSUBSCRIBE (https://x.example.com/l/9)
                """).build());
        assertEquals(List.of("http://t.exemple-info.fr/r/?id=2", "https://x.example.com/l/9"),
                of(m, UNSUBSCRIBE_LINK).stream().map(ConsentMarker::url).toList(), types(m));
        assertEquals(List.of("https://www.example.edu/privacy-policy/"),
                of(m, PRIVACY_POLICY_LINK).stream().map(ConsentMarker::url).toList(), types(m));
    }

    @Test
    void plainTextLinkAfterABeRemovedFromSentenceIsAnUnsubscribeLink() {
        // modelled on an old survey-panel invitation: a bare URL after "... please click here to", whose URL words
        // say "unsubscribes" (plural); the contact link of the same footer stays an ordinary link
        List<ConsentMarker> m = find(TestEmails.message().plain("""
                Please do not reply to this email. To view FAQ's or to contact us, please go to our http://www.panel-example.com/index.cfm?action=Main.lobby&MyContent=contact page.
                ==========
                You received this email because you registered to be a Panel-Example.com member. If you wish to be removed from the Panel-Example.com panel, please click here to http://www.panel-example.com/index.cfm?action=Main.lobby&myContent=unsubscribes.
                """).html("<center>hello</center>").build());
        assertEquals(List.of("http://www.panel-example.com/index.cfm?action=Main.lobby&myContent=unsubscribes"),
                of(m, UNSUBSCRIBE_LINK).stream().map(ConsentMarker::url).toList(), types(m));
        assertEquals("en.unsubscribe.remove-from-list", of(m, UNSUBSCRIBE_LINK).get(0).ruleId());
        assertEquals("text", of(m, UNSUBSCRIBE_LINK).get(0).location().element());
        // the sentence quoted ends where the plain-text line does, without a dangling full stop after "to"
        assertEquals("If you wish to be removed from the Panel-Example.com panel, please click here to",
                of(m, UNSUBSCRIBE_LINK).get(0).text());
        assertEquals(1, m.size(), types(m));
    }

    @Test
    void pluralUnsubscribeWordsInAUrlCountWhenTheTextSaysNothing() {
        List<ConsentMarker> m = findHtml("""
                <p><a href="https://www.example.com/index.cfm?myContent=unsubscribes"><img src="x.png" alt=""></a>
                <a href="https://www.exemple.fr/compte/desinscriptions?u=1">ici</a>
                <a href="https://www.example.de/abmeldungen/1">hier</a>
                <a href="https://www.example.com/unsubscribers-club">Join the club</a></p>""");
        assertEquals(List.of("https://www.example.com/index.cfm?myContent=unsubscribes",
                "https://www.exemple.fr/compte/desinscriptions?u=1", "https://www.example.de/abmeldungen/1"),
                of(m, UNSUBSCRIBE_LINK).stream().map(ConsentMarker::url).toList(), types(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Si vous souhaitez être retiré du panel Exemple.fr, cliquez ici : https://x.example/u/1",
            "Pour être supprimée de notre liste de diffusion, rendez-vous sur https://x.example/u/1",
            "Wenn Sie aus unserem Verteiler entfernt werden möchten, klicken Sie hier: https://x.example/u/1",
            "Si desea ser eliminado de nuestra lista de correo, haga clic aquí: https://x.example/u/1",
            "Se desideri essere rimosso dalla nostra lista, clicca qui: https://x.example/u/1",
            "Wil je verwijderd worden uit onze mailinglijst? Klik hier: https://x.example/u/1",
            "Se deseja ser removido da nossa lista, clique aqui: https://x.example/u/1",
            "If you would like to be taken off our mailing list, please go to https://x.example/u/1"})
    void beRemovedFromTheListInOtherLanguagesIsAnUnsubscribeLink(String plain) {
        List<ConsentMarker> m = find(TestEmails.message().plain(plain + "\n").build());
        assertEquals(List.of("https://x.example/u/1"),
                of(m, UNSUBSCRIBE_LINK).stream().map(ConsentMarker::url).toList(), types(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Two items were removed from your cart because they are out of stock: https://shop.example/cart",
            "This product has been removed from our catalogue, see the new range at https://shop.example/new",
            "Your old card will be removed from your account next month. Details: https://bank.example/cards",
            "Les articles retirés de votre panier sont ici : https://shop.example/panier",
            "To contact us, please go to our https://www.example.com/index.cfm?myContent=contact page."})
    void removedFromSomethingElseIsNotAnUnsubscribeLink(String plain) {
        List<ConsentMarker> m = find(TestEmails.message().plain(plain + "\n").build());
        assertTrue(of(m, UNSUBSCRIBE_LINK).isEmpty(), types(m));
    }

    @Test
    void urlDecidesOnlyWhenTheTextSaysNothing() {
        List<ConsentMarker> m = findHtml("""
                <a href="https://t.example.com/L0/https:%2F%2Fshop.example%2Fdesabonner.html/1/abc"><img src="x.png" alt=""></a>
                <a href="https://shop.example.com/unsubscribe?u=1">Privacy</a>
                <a href="https://lists.example.com/tracking/unsubscribe?d=9">Se désinscrire</a>""");
        assertEquals(List.of("https://t.example.com/L0/https:%2F%2Fshop.example%2Fdesabonner.html/1/abc",
                "https://lists.example.com/tracking/unsubscribe?d=9"),
                of(m, UNSUBSCRIBE_LINK).stream().map(ConsentMarker::url).toList(), types(m));
        // "Privacy" text wins over the /unsubscribe URL; "tracking" in a URL does not make an opt-out
        assertEquals(List.of("https://shop.example.com/unsubscribe?u=1"),
                of(m, PRIVACY_POLICY_LINK).stream().map(ConsentMarker::url).toList());
        assertTrue(of(m, TRACKING_OPT_OUT_LINK).isEmpty(), types(m));
    }

    // --- English

    @Test
    void englishNoticeOptOutAndUnsubscribe() {
        List<ConsentMarker> m = findHtml("""
                <div>We use tracking pixels to measure whether you open our emails.
                <a href="https://example.com/prefs/tracking">Opt out of tracking</a> ·
                <a href="https://example.com/unsub?x=1">Unsubscribe</a> · <a href="https://example.com/p">Privacy Policy</a></div>""");
        assertEquals("en.notice.we-use-pixels", of(m, TRACKING_NOTICE).get(0).ruleId());
        assertEquals("https://example.com/prefs/tracking", of(m, TRACKING_OPT_OUT_LINK).get(0).url());
        assertEquals(1, of(m, TRACKING_OPT_OUT_LINK).size(), types(m));
        assertEquals("https://example.com/unsub?x=1", of(m, UNSUBSCRIBE_LINK).get(0).url());
        assertEquals(1, of(m, UNSUBSCRIBE_LINK).size(), types(m));
        assertEquals("https://example.com/p", of(m, PRIVACY_POLICY_LINK).get(0).url());
    }

    @Test
    void unsubscribeInsideATrackingNoticeIsNotAnOptOutNorAnUnsubscribeLink() {
        List<ConsentMarker> m = findHtml("""
                <p>This email contains tracking pixels; if you unsubscribe, tracking stops. Learn more
                <a href="https://example.com/about-tracking">here</a>.</p>""");
        assertEquals(1, of(m, TRACKING_NOTICE).size(), types(m));
        assertTrue(of(m, UNSUBSCRIBE_LINK).isEmpty(), types(m));
        assertTrue(of(m, TRACKING_OPT_OUT_LINK).isEmpty(), types(m));
    }

    @Test
    void stopTrackingAndUnsubscribeLinksSideBySideStaySeparate() {
        List<ConsentMarker> m = findHtml("""
                <p>To stop tracking click <a href="https://e.example.com/a">here</a>, to unsubscribe click
                <a href="https://e.example.com/b">there</a>.</p>""");
        assertEquals(List.of("https://e.example.com/a"),
                of(m, TRACKING_OPT_OUT_LINK).stream().map(ConsentMarker::url).toList(), types(m));
        assertEquals(List.of("https://e.example.com/b"),
                of(m, UNSUBSCRIBE_LINK).stream().map(ConsentMarker::url).toList(), types(m));
    }

    // --- other languages (from the shapes seen in the real corpus)

    @Test
    void germanDutchSpanishPortugueseItalian() {
        List<ConsentMarker> m = findHtml("""
                <p><a href="https://n.example.de/d?1">Newsletter abbestellen</a> · <a href="https://n.example.de/d?2">Erfassung personenbezogenes Nutzungsverhalten ausschalten</a>
                · <a href="https://n.example.de/ds">Datenschutzerklärung</a></p>
                <p>Dieser Newsletter enthält einen Zählpixel.</p>
                <p><a href="https://n.example.nl/a">Afmelden</a> <a href="https://n.example.nl/p">Privacybeleid</a></p>
                <p><a href="https://n.example.es/b">Darse de baja</a> <a href="https://n.example.pt/c">Cancelar subscrição</a>
                <a href="https://n.example.it/d">Disiscriviti</a></p>""");
        assertEquals(5, of(m, UNSUBSCRIBE_LINK).size(), types(m));
        assertEquals(List.of("https://n.example.de/d?2"),
                of(m, TRACKING_OPT_OUT_LINK).stream().map(ConsentMarker::url).toList(), types(m));
        assertEquals(2, of(m, PRIVACY_POLICY_LINK).size(), types(m));
        assertEquals(1, of(m, TRACKING_NOTICE).size(), types(m));
    }

    // --- negatives: precision

    @Test
    void objectingToTrackingFromAPreferencesPageMakesThatLinkAnOptOut() {
        List<ConsentMarker> m = findHtml("""
                <p>Nous mesurons l'ouverture de cette lettre à l'aide de traceurs. Vous pouvez vous y opposer à tout
                moment depuis la page <a href="https://x.example.com/prefs?e=1">Gérer mes préférences</a>.</p>
                <p>Vous pouvez vous opposer à ce suivi depuis <a href="https://x.example.com/prefs?e=2">votre espace
                Mon compte</a>.</p>
                <p>We measure opens with a pixel. You can object to this tracking from the
                <a href="https://x.example.com/prefs?e=3">Manage preferences</a> page.</p>""");
        assertEquals(List.of("https://x.example.com/prefs?e=1", "https://x.example.com/prefs?e=2",
                "https://x.example.com/prefs?e=3"),
                of(m, TRACKING_OPT_OUT_LINK).stream().map(ConsentMarker::url).toList(), types(m));
        assertEquals("fr.optout.y-opposer-depuis-page", of(m, TRACKING_OPT_OUT_LINK).get(0).ruleId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<p>Vous pouvez modifier vos abonnements depuis la page <a href='https://x.example/p'>Gérer mes préférences</a>.</p>",
            "<p>Vous pouvez vous opposer à la réception de nos offres depuis <a href='https://x.example/p'>Gérer mes préférences</a>.</p>",
            "<p>Nous utilisons vos achats pour vous conseiller. Vous pouvez vous y opposer depuis la page <a href='https://x.example/p'>Gérer mes préférences</a>.</p>",
            "<p>Vous pouvez vous opposer au suivi de vos ouvertures en nous écrivant. <a href='https://x.example/p'>Gérer mes préférences</a></p>",
            "<p>We measure opens with a pixel. <a href='https://x.example/p'>Manage preferences</a></p>"})
    void aPreferencesLinkWithoutAnObjectionToTrackingIsNotAnOptOut(String body) {
        List<ConsentMarker> m = findHtml(body);
        assertTrue(of(m, TRACKING_OPT_OUT_LINK).isEmpty(), types(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<p>Suivi de commande : <a href='https://shop.example/track/1'>suivre mon colis</a></p>",
            "<p>Votre numéro de suivi est 1Z999. <a href='https://carrier.example/t'>Track your order</a></p>",
            "<p>Suivez-nous sur <a href='https://social.example/x'>Twitter</a></p>",
            "<p><a href='https://shop.example/prefs'>Gérer mes préférences</a> <a href='https://shop.example/p2'>Update your preferences</a></p>",
            "<p>Wissenswertes zum E-Mail-Marketing sowie Tracking und Reporting. <a href='https://x.example/kb'>Zur Knowledge Base</a></p>",
            "<p><a href='https://tracking.example.org/tracking/click?d=1'>Découvrir</a> <a href='https://tracking.example.org/tracking/unsubscribe?d=2'>Unsubscribe</a></p>",
            "<p>Nous mesurons la satisfaction de nos clients. Nous célébrons l'ouverture de notre magasin.</p>",
            "<p><a href='https://shop.example/order'>Désactiver le suivi de commande</a></p>",
            "<p><a href='https://x.example/tn'>Disable tracking number alerts</a></p>"})
    void trapsGiveNoTrackingNoticeNorTrackingOptOut(String body) {
        List<ConsentMarker> m = findHtml(body);
        assertTrue(of(m, TRACKING_NOTICE).isEmpty(), types(m));
        assertTrue(of(m, TRACKING_OPT_OUT_LINK).isEmpty(), types(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<p><a href='https://shop.example/a'>Découvrir la collection</a> <a href='https://shop.example/b'>Mentions légales</a></p>",
            "<p>Nos conditions générales de vente. <a href='https://shop.example/cgv'>ici</a></p>",
            "<p><a href='https://shop.example/leave-review'>Leave a review</a></p>",
            "<p style='display:none'><a href='https://shop.example/u'>Se désinscrire</a> Ce message contient un pixel de suivi.</p>"})
    void ordinaryAndHiddenLinksAreNotMarkers(String body) {
        assertTrue(findHtml(body).isEmpty(), types(findHtml(body)));
    }

    // --- List-Unsubscribe

    @Test
    void listUnsubscribeHeaderWithOneClick() {
        ReceivedEmail e = TestEmails.message()
                .header("List-Unsubscribe", "<mailto:unsub@bounce.example.com?subject=unsubscribe>,\r\n <https://example.com/u/1>")
                .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click").build();
        List<ConsentMarker> m = of(find(e), LIST_UNSUBSCRIBE_HEADER);
        assertEquals(2, m.size());
        assertEquals("mailto:unsub@bounce.example.com?subject=unsubscribe", m.get(0).url());
        assertEquals(ConsentMarkerFinder.RULE_LIST_UNSUBSCRIBE, m.get(0).ruleId());
        assertEquals("https://example.com/u/1", m.get(1).url());
        assertEquals(ConsentMarkerFinder.RULE_LIST_UNSUBSCRIBE_ONE_CLICK, m.get(1).ruleId());
        assertTrue(m.get(1).text().contains("RFC 8058"));
        assertEquals(new Location("1", "header", "List-Unsubscribe", null), m.get(0).location());
    }

    @Test
    void listUnsubscribeWithoutPostIsNotOneClickAndBrokenHeaderIsUnusable() {
        ReceivedEmail e = TestEmails.message().header("List-Unsubscribe", "<mailto: bounce@example.com?subject=unsubscribe>")
                .build();
        ConsentMarker m = of(find(e), LIST_UNSUBSCRIBE_HEADER).get(0);
        assertEquals("mailto:bounce@example.com?subject=unsubscribe", m.url());
        assertEquals(ConsentMarkerFinder.RULE_LIST_UNSUBSCRIBE, m.ruleId());

        ReceivedEmail broken = TestEmails.message().header("List-Unsubscribe", "<evnnk4b.0.0.evnnk4b.9@ml.example.net>")
                .build();
        ConsentMarker b = of(find(broken), LIST_UNSUBSCRIBE_HEADER).get(0);
        assertNull(b.url());
        assertEquals(ConsentMarkerFinder.RULE_LIST_UNSUBSCRIBE_UNUSABLE, b.ruleId());
    }

    @Test
    void sameLinkInTextAndHtmlAlternativesIsListedOnce() {
        ReceivedEmail e = TestEmails.message()
                .plain("Se désinscrire : https://example.com/u/1\n")
                .html("<p><a href='https://example.com/u/1'>Se désinscrire</a></p>").build();
        assertEquals(1, of(find(e), UNSUBSCRIBE_LINK).size());
    }

    @Test
    void emptyMessageGivesNothing() {
        assertTrue(find(TestEmails.message().build()).isEmpty());
        assertFalse(ConsentMarkerFinder.GENERIC_LINK_TEXT.matcher("se desinscrire").matches());
        assertTrue(ConsentMarkerFinder.GENERIC_LINK_TEXT.matcher("cliquez ici").matches());
        assertTrue(ConsentMarkerFinder.GENERIC_LINK_TEXT.matcher("").matches());
    }

    @Test
    void urlWordsAreDecodedAndSplit() {
        assertEquals("t example com l0 https shop example desabonner html 1",
                ConsentMarkerFinder.urlWords("https://t.example.com/L0/https:%2F%2Fshop.example%2Fd%C3%A9sabonner.html/1"));
    }

    @Test
    void wordsSplitAsTheLetterDigitPatternDoes() {
        java.util.regex.Pattern nonWord = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}@]+");
        String[] samples = {"", "  ", "a", "--a--", "x@y.fr?u=1&v=\u00e9t\u00e9", "\u2167 roman \u00bd half \u0663 arabic",
            "tab\tand\u00a0nbsp", "\ud83d\ude00emoji\ud83d", "\udc00lone", "caf\u00e9 \u0153uvre \u65e5\u672c",
            "@@", "a_b-c.d/e"};
        for (String s : samples) {
            assertEquals(nonWord.matcher(s).replaceAll(" ").trim(), ConsentMarkerFinder.words(s), s);
        }
        assertEquals("x@y fr u 1 v \u00e9t\u00e9", ConsentMarkerFinder.words("x@y.fr?u=1&v=\u00e9t\u00e9"));
    }

    @Test
    void sentencesAroundAMatchAreCutAtWordsAndMarked() {
        String text = "Intro. Read https://example.com/a/very/long/path?with=query&and=more then the company name"
                + " Exemple SAS, 1 rue de la Paix, with nothing ending this sentence for a long while after it";
        int from = text.indexOf("Exemple SAS");
        int to = from + "Exemple SAS".length();
        String quote = ConsentMarkerFinder.sentenceAround(text, from, to, 60);
        assertTrue(quote.startsWith("\u2026") && quote.endsWith("\u2026"), quote);
        assertTrue(quote.contains("Exemple SAS"), quote);
        String inner = quote.substring(1, quote.length() - 1);
        assertTrue(text.contains(inner), "whole words of the text, cut at spaces: " + quote);
        assertTrue(text.charAt(text.indexOf(inner) - 1) == ' ', quote);
        assertTrue(text.charAt(text.indexOf(inner) + inner.length()) == ' ', quote);
        // a sentence within reach is quoted whole, without marks
        assertEquals("Read the notice.", ConsentMarkerFinder.sentenceAround("Intro. Read the notice. Next one.", 12, 18,
                300));
    }

    @Test
    void schemesLeftOutOfUrlWordsAsThePatternDid() {
        java.util.regex.Pattern scheme = java.util.regex.Pattern.compile("^(?i)(?:https?:|mailto:)/*");
        for (String url : new String[] {"https://a.b/c", "HTTP:///x", "MailTo:u@x", "mailto:", "http:", "ftp://x",
            "httpſ://x", "maılto:x", "https:/", "", "h", "//host/p", "https"}) {
            java.util.regex.Matcher m = scheme.matcher(url);
            assertEquals(m.lookingAt() ? m.end() : 0, ConsentMarkerFinder.schemeEnd(url), url);
        }
    }
}
