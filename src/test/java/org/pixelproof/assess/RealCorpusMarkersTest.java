package org.pixelproof.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerFinder;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Findings;
import org.pixelproof.detect.HtmlBody;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.SenderIdentifier;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * Runs the marker finder, the sender identifier and the classifier over the real received mail of
 * {@code ../shared/corpus/real} (skipped with a message when the folder is absent, as on a fresh clone): prints, per
 * French file, the class, markers and sender found, and checks facts read by a person in those messages. Trackers are
 * left out (they are {@code detect}'s), so the assessment here is the classification and the sender only.
 */
class RealCorpusMarkersTest {
    private static final Path CORPUS = Path.of("..", "shared", "corpus", "real");
    private static final Map<String, Result> RESULTS = new HashMap<>();
    private static RuleSet rules;

    private record Result(ReceivedEmail email, List<ConsentMarker> markers, SenderIdentity sender,
            Assessment assessment) {
        List<ConsentMarker> of(ConsentMarkerType type) {
            return markers.stream().filter(m -> m.type() == type).toList();
        }

        List<String> clues(String field) {
            return sender.clues().stream().filter(c -> c.field().equals(field)).map(SenderClue::value).toList();
        }
    }

    @BeforeAll
    static void analyse() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "real corpus " + CORPUS.toAbsolutePath()
                + " is absent (it is not shipped with the project): skipping");
        rules = RuleSetLoader.load(Path.of("legal-rules"));
        EmailParser parser = new EmailParser(IngestLimits.DEFAULT);
        ConsentMarkerFinder finder = new ConsentMarkerFinder(rules);
        SenderIdentifier identifier = new SenderIdentifier(rules);
        Assessor assessor = new Assessor(rules);
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
        for (Path p : files) {
            ReceivedEmail email;
            try {
                email = parser.parse(Files.readAllBytes(p), p.getFileName().toString());
            } catch (UnsupportedOperationException e) {
                Assumptions.abort("ingest is not merged into this branch yet: " + e.getMessage());
                return;
            }
            if (email.rejection().isPresent()) {
                continue;
            }
            List<HtmlBody> html = email.bodies().stream().filter(b -> b.kind() != BodyKind.PLAIN)
                    .map(b -> new HtmlBody(b.partPath(), b.kind(), Jsoup.parse(b.text(), ""))).toList();
            List<ConsentMarker> markers = finder.find(email, html);
            SenderIdentity sender = identifier.identify(email, html);
            List<ConsentMarkerType> missing = Arrays.stream(ConsentMarkerType.values())
                    .filter(t -> markers.stream().noneMatch(m -> m.type() == t)).toList();
            Findings findings = new Findings(List.of(), List.of(), List.of(), List.of(), markers, missing, sender,
                    List.of());
            Assessment a = assessor.assess(email, findings, Authenticity.none());
            RESULTS.put(p.getFileName().toString().substring(0, 3), new Result(email, markers, sender, a));
        }
    }

    private static Result file(String number) {
        Result r = RESULTS.get(number);
        assertTrue(r != null, "file " + number + " analysed");
        return r;
    }

    @Test
    void printFrenchFiles() throws IOException {
        List<String> french;
        try (Stream<String> lines = Files.lines(CORPUS.resolve("MANIFEST.tsv"))) {
            french = lines.skip(1).map(l -> l.split("\t")).filter(f -> f.length > 4 && f[4].startsWith("fr"))
                    .map(f -> f[0].substring(0, 3)).toList();
        }
        assertTrue(french.size() >= 30, "the manifest lists the French files");
        for (String n : french) {
            Result r = RESULTS.get(n);
            if (r == null) {
                continue;
            }
            System.out.printf("%s %-13s cues=%s%n    markers=%s%n    sender: org=%s | addr=%s | siren=%s%s | dpo=%s"
                            + " | privacy=%s | missing=%s%n", n, r.assessment().messageClass(),
                    r.assessment().cues().stream().map(ClassificationCue::code).distinct().toList(),
                    r.markers().stream().map(m -> m.type() + "(" + m.ruleId() + ")").collect(Collectors.joining(", ")),
                    r.sender().organisationName(), r.sender().postalAddress(), r.sender().siren(),
                    r.sender().sirenValid() ? " ok" : "", r.sender().dpoContact(), r.sender().privacyPolicyUrl(),
                    r.sender().missing());
        }
    }

    @Test
    void file115HasAnRgpdFooterAndAPostalAddressButNoPrivacyLink() {
        Result r = file("115");
        assertTrue(r.clues("data-protection-notice").stream()
                .anyMatch(v -> v.contains("Vos données personnelles sont traitées conformément au RGPD")),
                r.sender().clues().toString());
        assertEquals("36-38 boulevard Henri IV - 75181 Paris Cedex 04", r.sender().postalAddress());
        assertTrue(r.of(ConsentMarkerType.PRIVACY_POLICY_LINK).isEmpty());
        assertTrue(r.of(ConsentMarkerType.UNSUBSCRIBE_LINK).isEmpty());
        assertEquals("Service Public FR", r.sender().organisationName(), "no legal form: the From name stands in");
        assertTrue(r.sender().missing().containsAll(List.of("organisation-name", "siren", "privacy-policy-url",
                "dpo-contact")), r.sender().missing().toString());
        assertEquals(List.of("plateforme-habitat.com", "amazonses.com"), r.sender().dkimDomains());
    }

    @Test
    void file121ShowsAValidSirenAndVatNumberInItsRcsFooter() {
        Result r = file("121");
        assertEquals("487773327", r.sender().siren());
        assertTrue(r.sender().sirenValid());
        assertTrue(r.clues("vat-number").contains("FR12487773327"));
        assertEquals("67 Boulevard du Général Leclerc, 92110 Clichy", r.sender().postalAddress());
        assertTrue(r.assessment().cues().stream().anyMatch(c -> c.code().equals("security-alert-wording")),
                "'Si vous n'êtes pas à l'origine de cette demande'");
    }

    @Test
    void file137LdlcNewsletterIsMarketingWithItsCilAndUnsubscribeLinks() {
        Result r = file("137");
        assertEquals(MessageClass.MARKETING, r.assessment().messageClass());
        assertTrue(r.of(ConsentMarkerType.UNSUBSCRIBE_LINK).stream()
                .anyMatch(m -> m.text().contains("Pour ne plus recevoir les e-mails de LDLC.com")));
        ConsentMarker header = r.of(ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER).get(0);
        assertTrue(header.url().startsWith("mailto:bounce@ldlc.com?subject=unsubscribe"), header.url());
        assertEquals("CIL, Groupe LDLC.com, 18 chemin des Cuers - CS40207 - 69574 DARDILLY CEDEX",
                r.sender().dpoContact());
        assertTrue(r.of(ConsentMarkerType.TRACKING_NOTICE).isEmpty());
        assertTrue(r.of(ConsentMarkerType.TRACKING_OPT_OUT_LINK).isEmpty());
    }

    @Test
    void file063CarlanceShowsItsCustomerServiceAddress() {
        Result r = file("063");
        assertEquals(MessageClass.MARKETING, r.assessment().messageClass());
        assertEquals("564 Chemin des Platières - 38670 Chasse sur Rhône", r.sender().postalAddress());
        assertFalse(r.of(ConsentMarkerType.UNSUBSCRIBE_LINK).isEmpty());
        assertFalse(r.of(ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER).isEmpty());
    }

    @Test
    void leadGenerationSpamGivesTheRightsContactOfItsInformatiqueEtLibertesNotice() {
        for (String n : List.of("040", "110")) {
            Result r = file(n);
            assertEquals("contact@tirokzalien.com", r.sender().dpoContact(), n);
            assertFalse(r.of(ConsentMarkerType.UNSUBSCRIBE_LINK).isEmpty(), n + ": 'Se désabonner'");
        }
    }

    @Test
    void linksWrappingWholeBlocksAndRightsNoticesAreNotMistakenForMarkers() {
        // 122 wraps its whole body in one link whose text ends with "Se désinscrire ici": only the real one counts
        assertEquals(List.of("http://offersweep.com/unsub/P2Q9MjA3JmVpPTAwMiZpZj0xMiZsaT0wMCZ0eT0x"),
                file("122").of(ConsentMarkerType.UNSUBSCRIBE_LINK).stream().map(ConsentMarker::url).toList());
        // 039's "données personnelles" belongs to an Informatique et Libertés notice, not to the link after it
        assertTrue(file("039").of(ConsentMarkerType.PRIVACY_POLICY_LINK).stream()
                .allMatch(m -> m.text().equals("Privacy Policy")), file("039").markers().toString());
        // 114's anchor text has a broken charset ("d?sabonner"); its sentence says "ne souhaitez plus recevoir"
        assertFalse(file("114").of(ConsentMarkerType.UNSUBSCRIBE_LINK).isEmpty());
    }

    @Test
    void file141MailingListHasItsUnsubscribeLinksAndNoTrackingMarkers() {
        Result r = file("141");
        assertFalse(r.of(ConsentMarkerType.UNSUBSCRIBE_LINK).isEmpty());
        assertEquals(2, r.of(ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER).size());
        assertTrue(r.of(ConsentMarkerType.TRACKING_NOTICE).isEmpty());
        assertTrue(r.assessment().cues().stream().anyMatch(c -> c.code().equals("list-id-header")));
    }

    @Test
    void file004InxmailOffersATrackingOptOutSeparateFromUnsubscribe() {
        Result r = file("004");
        List<ConsentMarker> optOut = r.of(ConsentMarkerType.TRACKING_OPT_OUT_LINK);
        assertEquals(1, optOut.size(), r.markers().toString());
        assertTrue(optOut.get(0).text().contains("Nutzungsverhalten ausschalten"));
        assertTrue(r.of(ConsentMarkerType.UNSUBSCRIBE_LINK).stream()
                .anyMatch(m -> m.text().contains("Newsletter abbestellen")));
        assertTrue(r.of(ConsentMarkerType.TRACKING_NOTICE).isEmpty(), "'Tracking und Reporting' is no notice");
        assertEquals("Inxmail GmbH", r.sender().organisationName());
        assertTrue(r.clues("registration-number").contains("HRB 5870"));
    }

    @Test
    void personalRepliesAreNotMarketing() {
        for (String n : List.of("078", "079", "091")) {
            assertFalse(file(n).assessment().messageClass() == MessageClass.MARKETING, n);
        }
        assertEquals(MessageClass.PERSONAL, file("078").assessment().messageClass(), "'Re:' and 'wrote:'");
        // 079 quotes a site's notification with its Unsubscribe link: a real marker, and a contradiction (UNKNOWN)
        assertEquals(MessageClass.UNKNOWN, file("079").assessment().messageClass());
        assertTrue(file("078").of(ConsentMarkerType.UNSUBSCRIBE_LINK).isEmpty());
        assertNull(file("091").sender().siren());
    }
}
