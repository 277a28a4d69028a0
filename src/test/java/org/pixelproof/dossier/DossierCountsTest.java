package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.detect.VendorRef;

/**
 * The dossier counts what the analysis counts ({@link RecipientTokens}, the rules every output shares), and says why
 * when, holding two copies of a campaign, it counts fewer: a value both copies share identifies nobody.
 */
class DossierCountsTest {
    private static final DossierTemplates TEMPLATES = DossierTemplates.standard();
    private static final Location WHERE = new Location("1.2.1", "a", "href", null);
    private static final VendorRef SENDWAVE = new VendorRef("sendwave", "SendWave", "SendWave Inc.", "US", true);
    /** A path token whose base64 padding ends in {@code =}, as Customer.io and Marketo write theirs. */
    private static final String PADDED = "Wx6cOn8g1I5skbBaP30ujEGmudDjf1wqGJ5Me9I=";
    private static final String SHOP = "https://www.maison-lumiere.example/soldes/?mc_cid=2ed1232679&mc_eid=4f1c2d3e4a";
    private static final String ACCOUNT_PIXEL = "https://t.sendwave.example/w/5e78d7ef2297cc80/p.gif";

    /** @return the dossier's text, without markup. */
    private static String xhtml(Dossier d) {
        return DossierTemplatesTest.plain(org.jsoup.Jsoup.parse(TEMPLATES.dossierXhtml(d)).text());
    }

    private static Tracker tracker(String id, TrackerKind kind, String url, String host, Party party,
            List<String> tokens, String ruleId, String... signals) {
        return new Tracker(id, kind, url, host, party == Party.VENDOR ? "SendWave" : null,
                party == Party.VENDOR ? SENDWAVE : null, party, List.of(), tokens, Confidence.MEDIUM,
                java.util.Arrays.stream(signals).map(s -> new Signal(s, s)).toList(), List.of(), WHERE, "<a>",
                ruleId, null, null);
    }

    private static CaseEmail plus(Tracker... extra) {
        return DossierFixtures.newsletterCase(p -> {
            List<Tracker> trackers = new ArrayList<>(p.trackers());
            trackers.addAll(List.of(extra));
            return p.trackers(trackers);
        });
    }

    @Test
    void aPathTokenEndingInBase64PaddingIsStillATokenOfTheRecipient() {
        Tracker pixel = tracker("T4", TrackerKind.OPEN_PIXEL, "https://suivi.maison-lumiere.example/e/o/" + PADDED,
                "suivi.maison-lumiere.example", Party.FIRST_PARTY, List.of(PADDED), "heuristic.pixel",
                "declared-size", "high-entropy-token");
        Dossier d = DossierFixtures.builder().build(List.of(plus(pixel)), Complainant.UNKNOWN, Language.EN);
        Dossier.TrackerRow row = d.primary().trackers().get(3);
        assertEquals("T4", row.id());
        assertTrue(row.perRecipient(), "the analysis, the CSV and the web page count it: so does the dossier");
        assertEquals(List.of(PADDED), row.perRecipientTokens());
        assertFalse(row.tokensFromOtherLinks());
    }

    @Test
    void aTokenOfTheDestinationTheLinkCarriesEncodedIsReadInThatLink() {
        String destination = "https://shop.maison-lumiere.example/p?mc_eid=4f1c2d3e4a";
        String url = "https://www.maison-lumiere.example/r?u=" + java.util.Base64.getEncoder().encodeToString(
                destination.getBytes(StandardCharsets.UTF_8));
        Tracker link = new Tracker("T4", TrackerKind.CLICK_TRACKING, url, "www.maison-lumiere.example", null, null,
                Party.FIRST_PARTY, List.of(), List.of("mc_eid=4f1c2d3e4a"), Confidence.HIGH,
                List.of(new Signal("recipient-parameter", "x"), new Signal("redirector", "x")), List.of(), WHERE, "<a>",
                "heuristic.redirector", destination, null);
        Dossier d = DossierFixtures.builder().build(List.of(plus(link)), Complainant.UNKNOWN, Language.EN);
        Dossier.TrackerRow row = d.primary().trackers().get(3);
        assertEquals("T4", row.id());
        assertTrue(row.perRecipient());
        assertFalse(row.tokensFromOtherLinks(), "not 'found in the group's links': it is in the destination shown");
    }

    @Test
    void aRedirectScriptOfTheSendersOwnSiteStaysATracker() {
        Tracker script = tracker("T4", TrackerKind.CLICK_TRACKING,
                "https://www.maison-lumiere.example/scripts/go.dll/e13011_RD/e13011", "www.maison-lumiere.example",
                Party.FIRST_PARTY, List.of(), "heuristic.redirector-shape", "redirector-shape");
        Dossier d = DossierFixtures.builder().build(List.of(plus(script)), Complainant.UNKNOWN, Language.EN);
        assertEquals(4, d.trackerCount(), "the analysis counts it; nothing shows it is a direct link");
        assertEquals(List.of(), d.primary().setAside());
        assertFalse(xhtml(d).contains("set aside"));
    }

    @Test
    void anAnalysisStoredWithAnUnfilledMergeTagIsStillSetAside() {
        Tracker shop = tracker("T4", TrackerKind.CLICK_TRACKING,
                "https://www.maison-lumiere.example/soldes/?mc_cid=2ed1232679&mc_eid=UNIQID",
                "www.maison-lumiere.example", Party.FIRST_PARTY, List.of("mc_eid=UNIQID"),
                "heuristic.recipient-parameter", "recipient-parameter", "campaign-parameters");
        Dossier d = DossierFixtures.builder().build(List.of(plus(shop)), Complainant.UNKNOWN, Language.EN);
        assertEquals(3, d.trackerCount());
        assertEquals(List.of("T4"), d.primary().setAside().stream().map(Dossier.TrackerRow::id).toList());
        assertTrue(xhtml(d).contains("T4 set aside: a direct link to the sender's own site (www.maison-lumiere.example"
                + "), with no redirect; its parameters carry no identifier of the recipient"), xhtml(d));
    }

    /** Two copies of a campaign for two people, each with a shop link and a pixel whose one token is the same. */
    private static Dossier twoCopies(Language language) {
        String token = DossierFixtures.TOKEN;
        String otherToken = "c41d0e9b77a2f3e8d510";
        Tracker shop = tracker("T4", TrackerKind.CLICK_TRACKING, SHOP, "www.maison-lumiere.example",
                Party.FIRST_PARTY, List.of("mc_eid=4f1c2d3e4a"), "heuristic.recipient-parameter",
                "recipient-parameter", "campaign-parameters");
        Tracker account = tracker("T5", TrackerKind.OPEN_PIXEL, ACCOUNT_PIXEL, "t.sendwave.example", Party.VENDOR,
                List.of("path=5e78d7ef2297cc80"), "sendwave.open", "vendor-rule", "high-entropy-token");
        CaseEmail first = plus(shop, account);
        String original = new String(DossierFixtures.newsletterBytes(), StandardCharsets.ISO_8859_1);
        byte[] second = original.replace(token, otherToken).replace("camille.durand", "dominique.petit")
                .replace("Camille Durand", "Dominique Petit").getBytes(StandardCharsets.ISO_8859_1);
        Analysis a2 = DossierFixtures.newsletterAnalysis(second, "Soldes d'été : jusqu'à -40 % sur nos luminaires");
        Analysis renamed = DossierFixtures.with(a2, p -> {
            List<Tracker> trackers = new ArrayList<>();
            for (Tracker t : p.trackers()) {
                trackers.add(new Tracker(t.id(), t.kind(), t.url().replace(token, otherToken).replace(
                        "Y2FtaWxsZS5kdXJhbmRAZXhhbXBsZS5vcmc", "ZG9taW5pcXVlLnBldGl0QGV4YW1wbGUub3Jn"), t.host(),
                        t.vendor(), t.vendorDetails(), t.party(), t.recipientIdentifiers(),
                        t.perRecipientTokens().stream().map(x -> x.replace(token, otherToken)).toList(),
                        t.confidence(), t.signals(), t.hiddenBy(), t.location(), t.evidence(), t.ruleId(),
                        t.destination(), t.wrappedBy()));
            }
            trackers.add(shop);
            trackers.add(account);
            return p.trackers(trackers);
        });
        Analysis other = new Analysis(renamed.id(), renamed.file(), renamed.sha256(), renamed.sizeBytes(),
                renamed.analysedAt(), renamed.toolVersion(), renamed.rulesVersion(), renamed.verdict(),
                renamed.message(), List.of("dominique.petit@example.org"), renamed.trackers(), renamed.remoteContent(),
                renamed.consentMarkers(), renamed.missingConsentMarkers(), renamed.links(), renamed.sender(),
                renamed.assessment(), renamed.authenticity(), renamed.anomalies());
        return DossierFixtures.builder().build(List.of(first, new CaseEmail(other, second,
                TestEmails.read(second, "copie.eml"))), DossierFixtures.complainant(), language);
    }

    @Test
    void aValueBothCopiesShareIsLeftOutAndTheDossierSaysWhy() {
        Dossier d = twoCopies(Language.EN);
        Dossier.EmailRecord mine = d.primary();
        // each copy alone: 5 trackers, all carrying a token; the dossier holding both knows better
        assertTrue(mine.trackers().stream().noneMatch(t -> t.id().equals("T4")));
        assertEquals(List.of("T4"), mine.setAside().stream().map(Dossier.TrackerRow::id).toList());
        assertEquals(List.of("mc_eid=4f1c2d3e4a"), mine.setAside().get(0).sameInOtherCopy());
        Dossier.TrackerRow t5 = mine.trackers().stream().filter(t -> t.id().equals("T5")).findFirst().orElseThrow();
        assertFalse(t5.perRecipient());
        assertEquals(List.of("path=5e78d7ef2297cc80"), t5.sameInOtherCopy());
        assertEquals(List.of(), mine.trackers().get(0).sameInOtherCopy(), "its token differs between the copies");

        String x = xhtml(d);
        assertTrue(x.contains("E1 T4 set aside: a direct link to the sender's own site (www.maison-lumiere.example), "
                + "with no redirect; its token (mc_eid=4f1c2d3e4a) is the same in another person's copy of the "
                + "campaign (section "), x);
        assertTrue(x.contains("although the analysis of this message alone, which cannot make that comparison, "
                + "counts it"), x);
        assertTrue(x.contains("not established: its token is the same in another person's copy of the campaign"), x);
        assertTrue(x.contains("The same in another person's copy (not specific to the recipient)"), x);

        String fr = xhtml(twoCopies(Language.FR));
        assertTrue(fr.contains("E1 T4 écarté : lien direct vers le site de l'expéditeur (www.maison-lumiere.example),"
                + " sans redirection ; son jeton (mc_eid=4f1c2d3e4a) est le même dans l'exemplaire reçu par une autre "
                + "personne"), fr);
        assertTrue(fr.contains("non établi : son jeton est le même dans l'exemplaire reçu par une autre personne"), fr);
    }
}
