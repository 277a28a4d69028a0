package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The findings a blind test of five realistic tracked messages showed wrong or missing, each isolated, with the
 * shipped rule set: per-recipient tokens (Mailchimp's {@code e=}, whole tokens, no destination blobs or signatures),
 * identifiers in links and decoded destinations with their exact place, beacons that are not images keyed by an
 * opaque subscriber key, web-version links, forward detection, and the stable codes.
 */
class BlindReportFindingsTest {

    private static final Detector DETECTOR = new Detector(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);
    /** base64 of alex.martin@example.org */
    private static final String B64 = "YWxleC5tYXJ0aW5AZXhhbXBsZS5vcmc";

    private static Findings detect(String inner) {
        return DETECTOR.detect(Fixtures.html("<html><head></head><body><p>Bonjour Alex.</p>" + inner
                + "<p>Fin.</p></body></html>"), List.of());
    }

    private static Findings detectDocument(String html) {
        return DETECTOR.detect(Fixtures.html(html), List.of());
    }

    private static boolean hasSignal(Tracker t, String code) {
        return t.signals().stream().anyMatch(s -> s.code().equals(code));
    }

    // ------------------------------------------------------------------------------- per-recipient tokens

    @Test
    void mailchimpPerRecipientTokenIsEAndNeverTheAccountId() {
        Findings f = detect("<a href=\"https://brand.us21.list-manage.com/track/click?u=3f8a1c6e2b9d4f7a0c5e8b1d2&amp;id=74bf20f876&amp;e=8c2f4a1b9e\">Lire</a>"
                + "<img src=\"https://brand.us21.list-manage.com/track/open.php?u=3f8a1c6e2b9d4f7a0c5e8b1d2&amp;id=b7e4c1a9d3&amp;e=8c2f4a1b9e\" width=\"1\" height=\"1\">");
        assertEquals(2, f.trackers().size(), f.trackers().toString());
        for (Tracker t : f.trackers()) {
            assertEquals(List.of("e=8c2f4a1b9e"), t.perRecipientTokens(), t.toString());
            assertTrue(hasSignal(t, SignalCodes.RECIPIENT_PARAMETER));
            assertFalse(hasSignal(t, SignalCodes.SHARED_TOKEN), "the account id is shared by every message");
        }
    }

    @Test
    void atInternetSubscriberIdIsReadWhereTheRuleSaysItSits() {
        Findings f = detect("<img src=\"https://logs1412.xiti.com/hit.xiti?s=612345&amp;s2=4&amp;p=newsletter::matinale::ouverture&amp;xto=EPR-4-[matinale]-20261117-[ouverture]-884213576@1&amp;type=email\" width=\"1\" height=\"1\">");
        Tracker t = f.trackers().get(0);
        assertEquals(List.of("xto=\u2026884213576@1"), t.perRecipientTokens());
        assertTrue(hasSignal(t, SignalCodes.RECIPIENT_PARAMETER));
    }

    @Test
    void sfmcOpenQueryIsTheVendorsPerSubscriberTokenOnBrandAndExactTargetHosts() {
        Findings f = detect("<img src=\"https://click.e.aurelia-mode.example/open.aspx?ffcb10-fec1127572600d7a-fe2915737d6c0d7c751470-ff2d1271\" width=\"1\" height=\"1\">"
                + "<img src=\"https://cl.s7.exct.net/open.aspx?ffcb10-fe9a17727565047572-fe2d16787764057f7c1579-ff2d11707262\" width=\"1\" height=\"1\">");
        assertEquals(2, f.trackers().size(), f.trackers().toString());
        for (Tracker t : f.trackers()) {
            assertEquals("Salesforce Marketing Cloud (ExactTarget)", t.vendor());
            assertEquals(List.of(t.url().substring(t.url().indexOf('?') + 1)), t.perRecipientTokens(), t.toString());
            assertTrue(t.signals().stream().anyMatch(s -> s.code().equals(SignalCodes.RECIPIENT_PARAMETER)
                    && s.detail().contains("salesforce-mc.open")), t.signals().toString());
        }
    }

    @Test
    void rapidmailRecipientIdIsReadFromItsPlaceInThePathAndTheMailingIdIsNot() {
        String base = "https://t7c3a9e21.emailsys2a.net/";
        Findings f = detect("<a href=\"" + base + "c/142/2204817/1311/0/3860275/8841/60001/a7f3c91e2b.html\">Voir</a>"
                + "<a href=\"" + base + "c/142/2204817/1311/0/3860275/8841/60002/c2e81f4a7d.html\">Boutiques</a>"
                + "<img src=\"" + base + "o/142/2204817/1311/0/3860275/8841/e3a9c71f5b.gif\" width=\"1\" height=\"1\">");
        assertEquals(2, f.trackers().size(), f.trackers().toString());
        for (Tracker t : f.trackers()) {
            assertEquals("rapidmail", t.vendor());
            assertEquals(List.of("3860275"), t.perRecipientTokens(), t.toString());
            assertTrue(hasSignal(t, SignalCodes.RECIPIENT_PARAMETER), t.signals().toString());
        }
    }

    @Test
    void liveIntentAndMovableInkAreNamedOnTheSubdomainsPointedAtThem() {
        Findings f = detect("<a href=\"https://li.gazette-du-lac.example/click?s=211604&amp;sz=300x250&amp;li=matinale&amp;m=0a1b2c3d4e5f60718293a4b5c6d7e8f9&amp;p=20261117\">"
                + "<img src=\"https://li.gazette-du-lac.example/imp?s=211604&amp;sz=300x250&amp;li=matinale&amp;m=0a1b2c3d4e5f60718293a4b5c6d7e8f9&amp;p=20261117\" width=\"300\" height=\"250\"></a>"
                + "<a href=\"https://mi.gazette-du-lac.example/p/cp/3f2a8c1d9e7b4a60/c?mi_u=CUST-0042817\">"
                + "<img src=\"https://mi.gazette-du-lac.example/p/rp/3f2a8c1d9e7b4a60.png?mi_u=CUST-0042817\" width=\"600\" height=\"320\"></a>");
        List<String> vendors = f.trackers().stream().map(t -> t.kind() + " " + t.vendor()).sorted().toList();
        assertEquals(List.of("CLICK_TRACKING LiveIntent", "CLICK_TRACKING Movable Ink", "OPEN_PIXEL LiveIntent",
                "OPEN_PIXEL Movable Ink"), vendors, f.trackers().toString());
        for (Tracker t : f.trackers()) {
            if ("Movable Ink".equals(t.vendor())) {
                assertTrue(t.perRecipientTokens().contains("mi_u=CUST-0042817"), t.toString());
            }
        }
    }

    @Test
    void movableInkBlockIdIsTheSameForEveryRecipientAndNotAPerRecipientToken() {
        // the 16-hex block id names the creative (sharedPath of the vendor's rule); only mi_u names the recipient
        Findings f = detect("<a href=\"https://mi.gazette-du-lac.example/p/cp/3f2a8c1d9e7b4a60/c?mi_u=CUST-0042817\">"
                + "<img src=\"https://mi.gazette-du-lac.example/p/rp/3f2a8c1d9e7b4a60.png?mi_u=CUST-0042817\" width=\"600\" height=\"320\"></a>"
                + "<img src=\"https://abc.movableink.com/p/rp/9e8d7c6b5a4f3021.png?mi_u=CUST-0042817\" width=\"600\" height=\"200\">");
        assertEquals(3, f.trackers().size(), f.trackers().toString());
        for (Tracker t : f.trackers()) {
            assertEquals("Movable Ink", t.vendor(), t.toString());
            assertEquals(List.of("mi_u=CUST-0042817"), t.perRecipientTokens(), t.toString());
            assertFalse(hasSignal(t, SignalCodes.HIGH_ENTROPY_TOKEN), t.signals().toString());
        }
    }

    @Test
    void mergeTagLeftoversAreNotTokens() {
        Findings f = detect("<img src=\"https://brand.us21.list-manage.com/track/open.php?u=3f8a1c6e2b9d4f7a0c5e8b1d2&amp;id=b7e4c1a9d3&amp;e=*|UNIQID|*\" width=\"1\" height=\"1\">");
        assertEquals(List.of(), f.trackers().get(0).perRecipientTokens());
    }

    @Test
    void mailchimpAndBrevoWebVersionsAreTrackedLinks() {
        Findings f = detect("<a href=\"https://mailchi.mp/courrierdumatin/matinale-17-novembre?e=8c2f4a1b9e\">Voir la version en ligne</a>"
                + "<a href=\"https://dd5c2f8.r.sp1-brevo.net/tr/mr/Xk9pQ2wLm4Rt7Yv1Bn3Zc8Hs5Jd0Fa6G\">Voir la version en ligne</a>");
        assertEquals(2, f.trackers().size(), f.trackers().toString());
        Tracker mc = f.trackers().get(0);
        assertEquals(TrackerKind.CLICK_TRACKING, mc.kind());
        assertEquals("Mailchimp", mc.vendor());
        assertEquals(List.of("e=8c2f4a1b9e"), mc.perRecipientTokens());
        assertEquals(TrackerKind.CLICK_TRACKING, f.trackers().get(1).kind());
        assertEquals("brevo.click-sp1", f.trackers().get(1).ruleId());
    }

    @Test
    void aWebVersionNamingTheSubscriberIsATrackedLinkOnAnyHost() {
        Findings f = detect("<a href=\"https://view.shop-exemple.fr/newsletter/2026-11?sk=AUR-00418822\">Voir la version en ligne</a>"
                + "<a href=\"https://www.shop-exemple.fr/produit?sk=AUR-00418822\">Le manteau</a>");
        assertEquals(1, f.trackers().size(), f.trackers().toString());
        assertEquals("heuristic.web-version", f.trackers().get(0).ruleId());
        assertEquals(List.of("sk=AUR-00418822"), f.trackers().get(0).perRecipientTokens());
    }

    @Test
    void tokensAreWholeAndDestinationBlobsAndSignaturesAreLeftOut() {
        String ses = "https://7xq2bnm4.r.eu-west-1.awstrack.me/L0/https:%2F%2Fwww.brunel-ateliers.fr%2Fnewsletter%2Fdesinscription%3Fe=" + B64
                + "%253D/1/0102019a3c2f5d1e-8c4b7a2e-3f1d-4b9a-9e8c-7d6f5a4b3c2d-000000/tEiMqguYHcFumAeOkpIhKwt1qkUat0tBM9iWvuGYMZQ=363";
        Findings f = detect("<a href=\"" + ses + "\">Se désinscrire</a>");
        Tracker t = f.trackers().get(0);
        assertEquals(List.of("0102019a3c2f5d1e-8c4b7a2e-3f1d-4b9a-9e8c-7d6f5a4b3c2d-000000"), t.perRecipientTokens());
    }

    @Test
    void customerIoJsonTokenGivesItsEmailIdAndTheAddressInTheDestination() {
        String json = "{\"email_id\":\"9Nzy2Q4XFVzVK7zPq9pOQJs2mwmUrij/bqNkzQ==\",\"href\":\"https://forms.example.com/to/Xk3pQz#email=alex.martin@example.org\",\"link_id\":1006}";
        String b64 = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        Findings f = detect("<a href=\"https://links.trellisly.io/e/c/" + b64
                + "/2b9cf58bef25ac403b5b2d0a7c9f4ba6f346a84db82a6771ab1452de84a3ac71\">Take the survey</a>");
        Tracker t = f.trackers().get(0);
        assertEquals(List.of("email_id=9Nzy2Q4XFVzVK7zPq9pOQJs2mwmUrij/bqNkzQ=="), t.perRecipientTokens());
        assertEquals(1, t.recipientIdentifiers().size(), t.recipientIdentifiers().toString());
        RecipientIdentifier id = t.recipientIdentifiers().get(0);
        assertEquals("alex.martin@example.org", id.value());
        assertEquals("plain", id.encoding());
        assertEquals("destination fragment", id.where());
        assertEquals("destination-fragment", id.whereCode());
    }

    @Test
    void base64OfReadableTextIsNotAToken() {
        assertTrue(LinkDecoder.isBase64OfText(java.util.Base64.getEncoder().encodeToString(
                "Voir la collection".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertFalse(LinkDecoder.isBase64OfText("Zk4Qm9Tx2Lp7Wv8R"));
        assertTrue(Detector.isSignature("tEiMqguYHcFumAeOkpIhKwt1qkUat0tBM9iWvuGYMZQ=363"));
        assertTrue(Detector.isSignature("2b9cf58bef25ac403b5b2d0a7c9f4ba6f346a84db82a6771ab1452de84a3ac71"));
        assertFalse(Detector.isSignature("0102019a3c2f5d1e-8c4b7a2e"));
        assertFalse(Detector.usable("*|UNIQID|*"));
        assertFalse(Detector.usable("{{subscriber.id}}"));
        assertTrue(Detector.usable("8c2f4a1b9e"));
    }

    // --------------------------------------------------------------------------------------- identifiers

    @Test
    void base64AddressWithEncodedPaddingInAPreferencesLinkIsFoundOnTheLink() {
        Findings f = detect("<a href=\"https://www.shop-exemple.fr/preferences?e=" + B64 + "%3D&amp;l=fr\">Gérer mes préférences</a>");
        assertTrue(f.trackers().isEmpty(), "a preferences link needs the address: not a tracker by itself");
        Link l = f.links().get(0);
        assertEquals(1, l.recipientIdentifiers().size());
        RecipientIdentifier id = l.recipientIdentifiers().get(0);
        assertEquals(B64 + "=", id.value());
        assertEquals("base64", id.encoding());
        assertEquals("query parameter e", id.where());
        assertEquals("query", id.whereCode());
        assertEquals("e", id.whereName());
    }

    @Test
    void base64AddressInsideADecodedRedirectorDestinationIsOnTheTracker() {
        String ses = "https://7xq2bnm4.r.eu-west-1.awstrack.me/L0/https:%2F%2Fwww.shop-exemple.fr%2Fnewsletter%2Fdesinscription%3Fe=" + B64
                + "%253D/1/0102019a3c2f5d1e-8c4b7a2e-3f1d-4b9a-9e8c-7d6f5a4b3c2d-000000/tEiMqguYHcFumAeOkpIhKwt1qkUat0tBM9iWvuGYMZQ=363";
        Tracker t = detect("<a href=\"" + ses + "\">Se désinscrire</a>").trackers().get(0);
        assertEquals(1, t.recipientIdentifiers().size(), t.recipientIdentifiers().toString());
        RecipientIdentifier id = t.recipientIdentifiers().get(0);
        assertEquals("base64", id.encoding());
        assertEquals("destination query parameter e", id.where());
        assertEquals("destination-query", id.whereCode());
        assertTrue(id.value().startsWith(B64), id.value());
    }

    // ----------------------------------------------------------------------------- non-image beacons

    @Test
    void inlineCssBackgroundOnAOnePixelCellWithASubscriberKeyIsABeacon() {
        Findings f = detect("<table><tr><td height=\"1\" style=\"height:1px;font-size:1px;line-height:1px;background-image:url('https://stats.boulangerie-exemple.fr/px/bg.gif?sk=AUR-00418822&amp;c=hiver26-j3')\"></td></tr></table>");
        assertEquals(1, f.trackers().size(), f.remoteContent().toString());
        Tracker t = f.trackers().get(0);
        assertEquals(TrackerKind.CSS_BEACON, t.kind());
        assertTrue(hasSignal(t, SignalCodes.SUBSCRIBER_KEY));
        assertTrue(hasSignal(t, SignalCodes.TRACKING_PATH));
        assertEquals(Confidence.HIGH, t.confidence());
        assertEquals(List.of("sk=AUR-00418822"), t.perRecipientTokens());
        assertEquals(List.of(HiddenBy.CSS_SIZE), t.hiddenByCodes());
        assertEquals("SENDER_SUBDOMAIN_OPERATOR_UNKNOWN", t.partyCode());
    }

    @Test
    void darkModeRuleWithASubscriberKeyIsABeacon() {
        Findings f = detectDocument("<html><head><style>@media (prefers-color-scheme: dark){ .dm-track{background-image:url('https://stats.maison-aurel.fr/px/dm.gif?sk=AUR-00418822')} }</style></head>"
                + "<body><div class=\"dm-track\"></div><p>Bonjour</p></body></html>");
        assertEquals(1, f.trackers().size(), f.remoteContent().toString());
        Tracker t = f.trackers().get(0);
        assertEquals(TrackerKind.CSS_BEACON, t.kind());
        assertEquals("dark-mode", t.conditionCode());
        assertTrue(hasSignal(t, SignalCodes.CONDITIONAL_CSS));
    }

    @Test
    void vmlFillInAOnePixelShapeWithAnOpaqueTokenIsABeacon() {
        Findings f = detect("<!--[if gte mso 9]><v:rect xmlns:v=\"urn:schemas-microsoft-com:vml\" style=\"width:1px;height:1px\" stroke=\"f\"><v:fill type=\"frame\" src=\"https://stats.shop-exemple.fr/px/Zk4Qm9Tx2Lp7Wv8R.gif\" /></v:rect><![endif]-->");
        assertEquals(1, f.trackers().size(), f.remoteContent().toString());
        Tracker t = f.trackers().get(0);
        assertTrue(hasSignal(t, SignalCodes.OUTLOOK_ONLY));
        assertTrue(hasSignal(t, SignalCodes.CSS_SIZE), t.signals().toString());
    }

    @Test
    void visibleHeroBackgroundsWithoutKeyStayRemoteContent() {
        Findings f = detectDocument("<html><head><style>@media (prefers-color-scheme: dark){ .hero{background-image:url('https://image.news.maison-aurel.fr/lib/m/1/hero-dark.jpg')} }</style></head><body>"
                + "<table><tr><td width=\"600\" height=\"320\" style=\"background-image:url('https://image.news.maison-aurel.fr/lib/m/1/hero.jpg')\">Hiver</td></tr></table>"
                + "<!--[if gte mso 9]><v:rect xmlns:v=\"urn:schemas-microsoft-com:vml\" style=\"width:600px;height:320px\"><v:fill type=\"frame\" src=\"https://image.news.maison-aurel.fr/lib/m/1/hero.jpg\" /></v:rect><![endif]--></body></html>");
        assertTrue(f.trackers().isEmpty(), f.trackers().toString());
        assertEquals(2, f.remoteContent().size());
    }

    @Test
    void ampListKeyedByASubscriberIsABeacon() {
        String amp = "<!doctype html><html ⚡4email><head><script async src=\"https://cdn.ampproject.org/v0.js\"></script></head><body>"
                + "<amp-list src=\"https://amp.maison-aurel.fr/api/v1/selection?sk=AUR-00418822&amp;t=9c1e4f2a7b\" layout=\"fixed-height\" height=\"640\"></amp-list></body></html>";
        Findings f = DETECTOR.detect(Fixtures.message(List.of(new org.pixelproof.ingest.BodyText("1", org.pixelproof.ingest.BodyKind.AMP_HTML, amp, "utf-8", "UTF-8", false))), List.of());
        assertEquals(1, f.trackers().size(), f.remoteContent().toString());
        assertEquals(TrackerKind.OTHER_BEACON, f.trackers().get(0).kind());
    }

    @Test
    void forwardDetectionListsAllItsSelectors() {
        String u = "https://a7c2e91f.emltrk.com/a7c2e91f?f&amp;d=alex.martin@example.org";
        Findings f = detectDocument("<html><head><style>div.OutlookMessageHeader {background-image:url('" + u + "')} table.moz-email-headers-table {background-image:url('" + u
                + "')} blockquote #_t {background-image:url('" + u + "')} #MailContainerBody #_t {background-image:url('" + u + "')}</style></head><body><div id=\"_t\"></div></body></html>");
        assertEquals(1, f.trackers().size());
        Tracker t = f.trackers().get(0);
        assertEquals("forward-reply", t.conditionCode());
        for (String sel : List.of("div.OutlookMessageHeader", "table.moz-email-headers-table", "blockquote #_t",
                "#MailContainerBody #_t")) {
            assertTrue(t.evidence().contains(sel), sel + " in " + t.evidence());
        }
        assertTrue(t.signals().stream().anyMatch(s -> s.detail().contains("forward or reply")), t.signals().toString());
    }

    // ------------------------------------------------------------------------------------------ sender links

    @Test
    void privacyPolicyBehindATrackedLinkIsNeverGivenAsTheLink() {
        Findings f = detect("<p><a href=\"https://brand.us21.list-manage.com/track/click?u=3f8a1c6e2b9d4f7a0c5e8b1d2&amp;id=9a0da0c41a&amp;e=8c2f4a1b9e\">Politique de confidentialité</a></p>");
        assertEquals(null, f.sender().privacyPolicyUrl());
        assertEquals(SenderIdentifier.TRACKED_LINK_DESTINATION_UNKNOWN, f.sender().privacyPolicyUrlStatus());
        assertFalse(f.sender().missing().contains("privacy-policy-url"));
        assertTrue(f.sender().clues().stream().noneMatch(c -> c.value().contains("e=8c2f4a1b9e")));
    }

    @Test
    void privacyPolicyBehindSafeLinksAndADecodableRedirectorIsTheRealPage() {
        String inner = "https://7xq2bnm4.r.eu-west-1.awstrack.me/L0/https:%2F%2Fwww.brunel-ateliers.fr%2Fprotection-des-donnees/1/0102019a3c2f5d1e-8c4b7a2e-3f1d-4b9a-9e8c-7d6f5a4b3c2d-000000/tEiMqguYHcFumAeOkpIhKwt1qkUat0tBM9iWvuGYMZQ=363";
        String safe = "https://eur03.safelinks.protection.outlook.com/?url=" + java.net.URLEncoder.encode(inner, java.nio.charset.StandardCharsets.UTF_8)
                + "&amp;data=05%7C02%7Calex.martin%40example.org%7C3dee7c549bd5e99a&amp;reserved=0";
        Findings f = detect("<p><a href=\"" + safe + "\">Politique de confidentialité</a></p>");
        assertEquals("https://www.brunel-ateliers.fr/protection-des-donnees", f.sender().privacyPolicyUrl());
        assertEquals(SenderIdentifier.DECODED_FROM_TRACKED_LINK, f.sender().privacyPolicyUrlStatus());
    }

    // --------------------------------------------------------------------------------------------- codes

    @Test
    void everyCodeHasAFrenchAndAnEnglishLabel() {
        for (String code : DetectLabels.codes()) {
            for (java.util.Locale l : List.of(java.util.Locale.FRENCH, java.util.Locale.ENGLISH)) {
                String label = DetectLabels.label(code, l);
                assertNotNull(label, code);
                assertFalse(label.equals(code), code + " has no " + l + " label");
            }
        }
        assertEquals("paramètre de requête e", DetectLabels.where("query", "e", java.util.Locale.FRENCH));
        assertEquals("query parameter e", DetectLabels.where("query", "e", java.util.Locale.ENGLISH));
        for (String signal : SignalCodes.WEIGHTS.keySet()) {
            assertTrue(DetectLabels.codes().contains(signal), "no label for signal " + signal);
        }
        for (java.lang.reflect.Field fld : HiddenBy.class.getFields()) {
            assertTrue(DetectLabels.codes().contains(fld.getName()), "no label for " + fld.getName());
        }
        for (String c : List.of(PartyResolver.SENDER_DOMAIN, PartyResolver.SENDER_SUBDOMAIN_OPERATOR_UNKNOWN,
                PartyResolver.ESP_ON_SENDER_SUBDOMAIN, PartyResolver.SELF_HOSTED_SOFTWARE, PartyResolver.VENDOR_HOST,
                PartyResolver.THIRD_PARTY,
                PartyResolver.UNKNOWN, SenderIdentifier.AS_WRITTEN, SenderIdentifier.DECODED_FROM_TRACKED_LINK,
                SenderIdentifier.UNWRAPPED_FROM_RECIPIENT_GATEWAY, SenderIdentifier.TRACKED_LINK_DESTINATION_UNKNOWN,
                SenderIdentityCheck.SENDER_IDENTITY_DOUBTFUL, SenderIdentityCheck.LINKS_LEAD_ELSEWHERE,
                SenderIdentityCheck.NAME_NOT_IN_SENDER_DOMAINS, SenderIdentityCheck.FOOTER_DOMAIN_NOT_SENDER,
                SenderIdentityCheck.FROM_ADDRESS_WITHOUT_DOMAIN, SenderIdentityCheck.BRAND_NOT_SENDER,
                SenderIdentityCheck.MIXED_SCRIPT_NAME, SenderIdentityCheck.BIDI_CONTROL_IN_NAME,
                SenderIdentityCheck.MIXED_SCRIPT_DOMAIN, SenderIdentityCheck.FROM_DOMAIN_LOOKALIKE_CHARACTERS,
                SenderIdentityCheck.NAME_IS_OTHER_ADDRESS,
                SenderIdentityCheck.FROM_AMBIGUOUS, SenderIdentityCheck.ORGANISATION_NOT_TIED_TO_SENDER,
                SenderIdentityCheck.DECEPTIVE_LINK_TEXT, SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX,
                SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED,
                SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED,
                SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST,
                SenderClue.CHECK_DIGIT_INVALID, SenderClue.TRACKED_LINK_DESTINATION_UNKNOWN,
                SenderClue.TRACKED_LINK_IDENTIFIES_RECIPIENT,
                "print", "dark-mode", "hover", "forward-reply", "client-detection", "device-query", "feature-query")) {
            assertTrue(DetectLabels.codes().contains(c), "no label for " + c);
        }
        for (String w : List.of("path", "query", "fragment", "host", "destination-path", "destination-query",
                "destination-fragment", "destination-host", "header")) {
            assertTrue(DetectLabels.codes().contains("where." + w), "no label for where " + w);
        }
        assertEquals("nom d'hôte", DetectLabels.where("host", null, java.util.Locale.FRENCH));
        assertEquals("en-tête List-Unsubscribe", DetectLabels.where("header", "List-Unsubscribe", java.util.Locale.FRANCE));
        assertTrue(DetectLabels.codes().contains(SignalCodes.SUBSCRIBER_KEY));
        assertTrue(DetectLabels.codes().contains(HiddenBy.ZERO_SIZE_WRAPPER));
        assertTrue(DetectLabels.codes().contains("SENDER_SUBDOMAIN_OPERATOR_UNKNOWN"));
    }
}
