package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pixelproof.ingest.IngestLimits;

/**
 * The rules every output shares on what one e-mail shows of per-recipient identifiers ({@link RecipientTokens}), and
 * the detector keeping to them: a value that identifies nobody never makes a tracker, nor stands among its tokens.
 */
class RecipientTokensTest {

    private final Detector detector = new Detector(Fixtures.rules(), IngestLimits.DEFAULT);

    private static final String PIXEL = "<img src=\"https://brand.us3.list-manage.com/track/open.php?u=1a2b&amp;"
            + "id=3c4d&amp;e=6496a8003f\" width=\"1\" height=\"1\" alt=\"\">";
    private static final Location WHERE = new Location("1", "a", "href", null);

    private Findings detect(String inner) {
        return detector.detect(Fixtures.html("<html><body><p>Bonjour Alex, voici nos nouveautés.</p>" + inner
                + "<p>Fin du message.</p></body></html>"), List.of());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------ the rules

    @ParameterizedTest
    @ValueSource(strings = {"UNIQID", "EMAIL_ADDRESS", "*|UNIQID|*", "{{contact.id}}", "{{ contact.id }}",
        "%%email%%", "%%subscriber_id%%", "[EMAIL]", "${id}", "<%= id %>", "{% id %}", "%7B%7Bid%7D%7D",
        "%7B%7B%20contact.id%20%7D%7D", "%2A%7CUNIQID%7C%2A", "%25%25email%25%25", "fr-*|UNIQID|*", "", " ",
        // encoded delimiters inside a value, as a raw URL holds them; a tag encoded twice
        "8f3a9c2e71b4d5-*%7CUNIQID%7C*", "*%7CUNIQID%7C*", "%257B%257Bcontact.id%257D%257D",
        // one-character delimiters of other tools
        "{UNIQID}", "{subscriber_id}", "{contactfield=email}", "{$email}", "%SUBSCRIBERID%", "%25EMAIL%25",
        "$uid$", "~UNIQID~", "|UNIQID|", "-email-", "@@uid@@", "$[LI:EMAIL]$", "[subscriber:email]",
        "*%7CMMERGE3%7C*", "{custom_field_1}",
        // bare tag names in any case, values standing for no value, fillers
        "uniqid", "SUBSCRIBER_ID", "subscriber.id", "SubscriberKey", "EMAIL_MD5", "null", "undefined", "None", "test",
        "0000000000", "xxxxxxxxxx"})
    void unfilledMergeTagsIdentifyNobody(String value) {
        assertTrue(RecipientTokens.isPlaceholder(value), value);
        assertTrue(RecipientTokens.identifiesNobody(value), value);
        assertFalse(Detector.usable(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"6496a8003f", "dbc07cf131", "AXMAAKNbVMwAAAAFqm4AAEMMKl8", "A1B2C3", "4f1c2d3e4a",
        "M3aQHk9W91uIuHg14HIhbYOzHdemVytJ1w303WWzW=",
        // random upper-case letters: an identifier (base32 without a digit, a letters-only code), not a tag name
        "QXKZRTBWMP", "MFRGGZDFMZTWQ", "QXKZ_RTBW_MPLF", "KQZRTBWMPLXVNH",
        // a GUID in braces, a filled value beside a tag-like word
        "{AF2504E0-4F89-11D3-9A0C-0305E82C3301}", "ID8F3A9C2E", "0000000000a", "100%"})
    void identifiersAreKept(String value) {
        assertFalse(RecipientTokens.identifiesNobody(value), value);
        assertTrue(Detector.usable(value), value);
    }

    @Test
    void aRecipientParameterOfTheDestinationARedirectorCarriesIsAnIdentifier() {
        String dest = "https://shop.boulangerie-exemple.fr/galettes?mc_eid=4f1c2d3e4a";
        for (String carried : List.of(base64(dest), java.net.URLEncoder.encode(dest, StandardCharsets.UTF_8))) {
            Findings f = detect("<p><a href=\"https://www.boulangerie-exemple.fr/r?u=" + carried + "\">Galettes</a></p>");
            assertEquals(1, f.trackers().size(), f.trackers().toString());
            Tracker t = f.trackers().get(0);
            assertEquals(List.of("mc_eid=4f1c2d3e4a"), t.perRecipientTokens(), carried);
            assertTrue(RecipientTokens.carriesIdentifier(t), "the redirector receives the id with the click");
        }
        Findings tag = detect("<p><a href=\"https://www.boulangerie-exemple.fr/r?u="
                + base64("https://shop.boulangerie-exemple.fr/galettes?mc_eid=UNIQID") + "\">Galettes</a></p>");
        assertEquals(List.of(), tag.trackers().get(0).perRecipientTokens(), "an unfilled tag there identifies nobody");
    }

    @Test
    void aLongValueShapedLikeATagIsReadWithoutRecursion() {
        // a repeated group in a pattern recursed once per repetition: half a million of them overflowed the stack
        for (String open : List.of("{", "%", "$", "#", "~", "|", "-", "@@", "$[", "[", "%7B")) {
            String v = open + "a_".repeat(500_000) + "!";
            assertFalse(RecipientTokens.identifiesNobody(v), open);
            assertTrue(RecipientTokens.identifiesNobody(open + "a_".repeat(500_000) + "b" + (open.equals("$[") ? "]$"
                    : open.equals("[") ? "]" : open.equals("{") ? "}" : open.equals("%7B") ? "%7D" : open)), open);
        }
    }

    @Test
    void base64OfAUrlIsTheDestinationNotAnIdentifier() {
        assertTrue(RecipientTokens.encodesUrl(base64("https://www.boulangerie-exemple.fr/~promo/ete")));
        assertTrue(RecipientTokens.encodesUrl(base64("https://www.boulangerie-exemple.fr/ete").replace('+', '-')
                .replace('/', '_').replace("=", "")), "base64url, no padding");
        assertFalse(RecipientTokens.encodesUrl(base64("alex.martin@example.org")), "an address is not a URL: it is "
                + "reported as a recipient identifier");
        assertFalse(RecipientTokens.encodesUrl("AXMAAKNbVMwAAAAFqm4AAEMMKl8AAAAAX6sAAAAAABzVDwBq"));
        assertFalse(RecipientTokens.encodesUrl("aHR0cHM6"), "too short to decide");
    }

    @Test
    void aTokenReadsAsNameAndValueUnlessItsOnlyEqualsSignsArePadding() {
        assertEquals("6496a8003f", RecipientTokens.valueOf("e=6496a8003f"));
        assertEquals("UNIQID", RecipientTokens.valueOf("mc_eid=UNIQID"));
        assertEquals("%408p0f%3D", RecipientTokens.valueOf("p1=%408p0f%3D"));
        assertEquals("dgSz4QYDAJypyQ==", RecipientTokens.valueOf("email_id=dgSz4QYDAJypyQ=="));
        // a path token with its base64 padding: a value, not a name with an empty value
        assertEquals("M3aQHk9W91uIuHg14HIhbY=", RecipientTokens.valueOf("M3aQHk9W91uIuHg14HIhbY="));
        assertEquals("fG5-PlwEnZR-IoSdwCtj==", RecipientTokens.valueOf("fG5-PlwEnZR-IoSdwCtj=="));
        assertEquals("7f3a9c2e5b1d4e8a9c0f", RecipientTokens.valueOf("7f3a9c2e5b1d4e8a9c0f"));
    }

    @Test
    void usableTokensKeepPaddedPathTokensAndLeaveMergeTagsOut() {
        assertEquals(List.of("e=6496a8003f", "M3aQHk9W91uIuHg14HIhbY="), RecipientTokens.usable(List.of(
                "mc_eid=UNIQID", "e=6496a8003f", "M3aQHk9W91uIuHg14HIhbY=", "uid={{contact.id}}",
                "r=" + base64("https://www.boulangerie-exemple.fr/~promo/ete"))));
    }

    private static Tracker click(Party party, List<String> signals, List<String> tokens, String destination,
            List<RecipientIdentifier> ids) {
        return new Tracker("T1", TrackerKind.CLICK_TRACKING, "https://www.boulangerie-exemple.fr/promo?mc_eid=UNIQID",
                "www.boulangerie-exemple.fr", null, null, party, ids, tokens, Confidence.MEDIUM,
                signals.stream().map(c -> new Signal(c, c)).toList(), List.of(), WHERE, "<a>", "heuristic.x",
                destination, null);
    }

    @Test
    void aLinkOfTheSendersOwnSiteWithNoEvidenceLeftIsAnOrdinaryLink() {
        List<String> param = List.of(SignalCodes.RECIPIENT_PARAMETER, SignalCodes.CAMPAIGN_PARAMETERS);
        Tracker shop = click(Party.FIRST_PARTY, param, List.of("mc_eid=UNIQID"), null, List.of());
        assertTrue(RecipientTokens.isOrdinaryLink(shop, shop.perRecipientTokens(), null));
        assertFalse(RecipientTokens.carriesIdentifier(shop));

        Tracker real = click(Party.FIRST_PARTY, param, List.of("mc_eid=4f1c2d3e4a"), null, List.of());
        assertFalse(RecipientTokens.isOrdinaryLink(real, real.perRecipientTokens(), null));
        assertTrue(RecipientTokens.carriesIdentifier(real));
        assertTrue(RecipientTokens.isOrdinaryLink(real, List.of(), null), "its token left out (the same in "
                + "another person's copy): nothing else makes it a tracker");

        for (String evidence : List.of(SignalCodes.REDIRECTOR_SHAPE, SignalCodes.REDIRECTOR,
                SignalCodes.HYPERLINK_AUDITING, SignalCodes.VENDOR_CLICK_RULE, SignalCodes.VENDOR_PATH_SHAPE)) {
            Tracker t = click(Party.FIRST_PARTY, List.of(evidence), List.of(), null, List.of());
            assertFalse(RecipientTokens.isOrdinaryLink(t, List.of(), null), evidence + " makes a click tracker");
        }
        assertFalse(RecipientTokens.isOrdinaryLink(click(Party.THIRD_PARTY, param, List.of(), null, List.of()),
                List.of(), null), "not the sender's own site");
        assertFalse(RecipientTokens.isOrdinaryLink(shop, List.of(), "https://www.boulangerie-exemple.fr/ete"));
        Tracker withAddress = click(Party.FIRST_PARTY, List.of(SignalCodes.RECIPIENT_IDENTIFIER), List.of(), null,
                List.of(new RecipientIdentifier(Fixtures.RECIPIENT, "plain", "query parameter e", Fixtures.RECIPIENT)));
        assertFalse(RecipientTokens.isOrdinaryLink(withAddress, List.of(), null));
        assertTrue(RecipientTokens.carriesIdentifier(withAddress));
    }

    // ------------------------------------------------------------------------------------------ the detector

    /** The trial's defect: {@code mc_eid=UNIQID} made a shop link a click tracker "carrying an identifier". */
    @ParameterizedTest
    @ValueSource(strings = {"UNIQID", "EMAIL_ADDRESS", "%2A%7CUNIQID%7C%2A", "%7B%7B%20contact.id%20%7D%7D",
        "%25%25email%25%25"})
    void aShopLinkWhoseRecipientParameterHoldsAnUnfilledMergeTagIsNoTracker(String tag) {
        String shop = "https://www.boulangerie-exemple.fr/promo/?mc_cid=2ed1232679&mc_eid=" + tag;
        Findings f = detect("<a href=\"" + shop.replace("&", "&amp;") + "\">Nos promotions</a>" + PIXEL);
        assertEquals(List.of(TrackerKind.OPEN_PIXEL), f.trackers().stream().map(Tracker::kind).toList(),
                f.trackers().toString());
        Link link = f.links().stream().filter(l -> l.url().startsWith("https://www.boulangerie-exemple.fr/promo/"))
                .findFirst().orElseThrow();
        assertNull(link.trackerId(), "an ordinary link of the sender's own site");
        assertInvariants(f);
    }

    @Test
    void aFilledRecipientParameterStillMakesATracker() {
        Findings f = detect("<a href=\"https://www.boulangerie-exemple.fr/promo/?mc_cid=2ed1232679&amp;"
                + "mc_eid=4f1c2d3e4a\">Nos promotions</a>" + PIXEL);
        assertEquals(2, f.trackers().size(), f.trackers().toString());
        Tracker shop = f.trackers().stream().filter(t -> t.kind() == TrackerKind.CLICK_TRACKING).findFirst()
                .orElseThrow();
        assertEquals(List.of("mc_eid=4f1c2d3e4a"), shop.perRecipientTokens());
        assertTrue(RecipientTokens.carriesIdentifier(shop));
        assertInvariants(f);
    }

    @Test
    void aBase64JsonTokenWhoseIdFieldIsUnfilledCarriesNoToken() {
        String json = base64("{\"email_id\":\"{{ message.id }}\",\"href\":\"https://www.boulangerie-exemple.fr/ete\"}")
                .replace("=", "");
        Findings f = detect("<img src=\"https://t.brand-news.example/e/o/" + json + "\" width=\"1\" height=\"1\">");
        assertEquals(1, f.trackers().size(), f.trackers().toString());
        assertEquals(List.of(), f.trackers().get(0).perRecipientTokens(), "the id field was never filled in");
        assertInvariants(f);
    }

    /** What every output relies on: no token of the analysis identifies nobody, no tracker is an ordinary link. */
    static void assertInvariants(Findings f) {
        for (Tracker t : f.trackers()) {
            assertEquals(t.perRecipientTokens(), RecipientTokens.usable(t.perRecipientTokens()), t.id());
            assertFalse(RecipientTokens.isOrdinaryLink(t, t.perRecipientTokens(), t.destination()), t.toString());
        }
    }
}
