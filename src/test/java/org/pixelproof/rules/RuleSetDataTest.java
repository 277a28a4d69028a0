package org.pixelproof.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the shipped data of {@code legal-rules/}: it loads (which already checks every example against its own
 * rule), and it meets the content requirements that the loader does not enforce (vendor count, legal names,
 * countries, no overlap between vendors, wrappers that unwrap, every fixed provision present, confidences as in
 * legal-notes.md). Run it after editing the data: {@code mvn -q test -Dtest=RuleSetDataTest}.
 */
class RuleSetDataTest {

    private static RuleSet rules;

    @BeforeAll
    static void load() {
        rules = RuleSetLoader.loadDefault();
    }

    @Test
    void shippedRulesLoadFromClasspathAndFromTheFolder() {
        assertEquals("2026.11.6", rules.version());
        RuleSet fromFolder = RuleSetLoader.load(Path.of("legal-rules"));
        assertEquals(rules.vendors().size(), fromFolder.vendors().size());
        assertEquals(rules.provisions().size(), fromFolder.provisions().size());
    }

    @Test
    void legalSourcesAreCitedByTheirOwnPageOrTitleNeverAVendorsSiteOrAHomePage() {
        java.util.List<String> urls = new java.util.ArrayList<>();
        rules.provisions().forEach(p -> urls.add(p.id() + " " + p.sourceUrl()));
        rules.keyDates().forEach(d -> urls.add(d.id() + " " + d.sourceUrl()));
        for (String u : urls) {
            assertFalse(u.contains("numberly.com"), u);
            assertFalse(u.endsWith(" https://www.cnil.fr/fr") || u.endsWith(" https://www.cnil.fr/"), u);
        }
        LegalProvision cnil = rules.provision("cnil-2026-042").orElseThrow();
        assertTrue(cnil.sourceUrl() != null || cnil.sourceTitle().contains("cnil.fr"), cnil.toString());
        // nobody read the deliberation: it stays secondary, and so do the dates taken from it
        assertEquals(SourceConfidence.SECONDARY, cnil.confidence());
        assertEquals(SourceConfidence.SECONDARY, rules.keyDate("cnil-2026-042-published").orElseThrow().confidence());
        for (KeyDate d : rules.keyDates()) {
            assertTrue(d.sourceUrl() != null || d.sourceTitle() != null, d.id());
        }
    }

    @Test
    void atLeast150VendorsEachWithLegalNameCountryAndSource() {
        assertTrue(rules.vendors().size() >= 150, "only " + rules.vendors().size() + " vendors");
        Set<String> countries = Set.of(Locale.getISOCountries());
        for (Vendor v : rules.vendors()) {
            assertNotNull(v.legalName(), v.id());
            assertFalse(v.legalName().isBlank(), v.id());
            assertTrue(countries.contains(v.country()), v.id() + ": " + v.country());
            assertTrue(v.source() != null && v.source().startsWith("https://"), v.id() + ": " + v.source());
            assertFalse(v.patterns().isEmpty(), v.id());
        }
    }

    @Test
    void everyPatternHasASourceAndAnExampleThatItMatches() {
        for (Vendor v : rules.vendors()) {
            for (VendorPattern p : v.patterns()) {
                assertFalse(p.source().isBlank(), p.id());
                assertFalse(p.examples().isEmpty(), p.id() + " has no example");
                for (String example : p.examples()) {
                    assertTrue(p.matchesUrl(example), p.id() + " does not match its example " + example);
                }
            }
        }
    }

    @Test
    void mostVendorsHaveAnOpenOrClickPattern() {
        long tracking = rules.vendors().stream()
                .filter(v -> v.patterns().stream().anyMatch(p -> p.kind() != PatternKind.ASSET))
                .count();
        assertTrue(tracking >= 150, tracking + " vendors with an open or click pattern");
    }

    /**
     * No example of one vendor's open pattern is claimed by another vendor's open or click pattern. The one
     * tolerated case is precedence by design: another vendor's brand-domain shape (host {@code *} or
     * {@code something.*}, e.g. SendGrid's branded {@code /wf/open?upn=} or Mailgun's {@code email.*} {@code /o/})
     * may also match an example on a vendor's own tracking host (Klaviyo's {@code trk.klclick.com/wf/open}, sent
     * through SendGrid; Substack's {@code email.mg1.substack.com/o/}, sent through Mailgun), because
     * {@link RuleSet#matchVendor} prefers the more specific host; the second assertion checks that it does.
     */
    @Test
    void noOpenExampleIsClaimedByAnotherVendor() {
        List<String> overlaps = new ArrayList<>();
        for (Vendor v : rules.vendors()) {
            for (VendorPattern p : v.patterns()) {
                if (p.kind() != PatternKind.OPEN) {
                    continue;
                }
                for (String example : p.examples()) {
                    for (Vendor other : rules.vendors()) {
                        if (other == v) {
                            continue;
                        }
                        for (VendorPattern q : other.patterns()) {
                            if (q.kind() == PatternKind.ASSET || !q.matchesUrl(example)) {
                                continue;
                            }
                            boolean precedence = q.brandDomainShape() && q.specificity() < p.specificity();
                            if (!precedence) {
                                overlaps.add(example + " (" + p.id() + ") also matches " + q.id());
                            }
                        }
                    }
                    Optional<VendorMatch> best = rules.matchVendor(example);
                    assertTrue(best.isPresent(), example);
                    assertEquals(v.id(), best.get().vendor().id(), "best match for " + example);
                }
            }
        }
        assertTrue(overlaps.isEmpty(), String.join("\n", overlaps));
    }

    @Test
    void everyExampleIsAttributedToItsOwnVendor() {
        for (Vendor v : rules.vendors()) {
            for (VendorPattern p : v.patterns()) {
                for (String example : p.examples()) {
                    assertEquals(v.id(), rules.matchVendor(example).orElseThrow().vendor().id(),
                            p.id() + " example " + example);
                }
            }
        }
    }

    @Test
    void wrappersUnwrapTheirExamplesAndOpaqueOnesSaySo() {
        Set<String> required = Set.of("outlook-safelinks", "proofpoint-v2", "proofpoint-v3", "mimecast",
                "google-redirect", "gmail-image-proxy", "barracuda-linkprotect", "cisco-secure-email",
                "trendmicro-clicktime", "sophos-url-protection", "yahoo-image-proxy");
        Set<String> ids = new TreeSet<>();
        for (LinkWrapper w : rules.linkWrappers()) {
            ids.add(w.id());
            assertFalse(w.examples().isEmpty(), w.id());
            for (WrapperExample e : w.examples()) {
                if (w.decodable()) {
                    assertEquals(Optional.of(e.wrapped()), w.unwrap(e.url()), w.id());
                    assertEquals(Optional.of(e.wrapped()), rules.unwrap(e.url()), w.id() + " through RuleSet");
                } else {
                    assertTrue(w.matches(e.url()), w.id());
                    assertEquals(Optional.empty(), w.unwrap(e.url()), w.id());
                    assertNotNull(w.note(), w.id() + " must say why it cannot be decoded");
                }
                assertTrue(rules.matchVendor(e.url()).isEmpty(),
                        e.url() + " is a recipient-side wrapper and must not be attributed to a vendor");
            }
        }
        assertTrue(ids.containsAll(required), "missing wrappers: " + required.stream()
                .filter(r -> !ids.contains(r)).toList());
    }

    @Test
    void nestedWrappersAreAllRemoved() {
        String inner = "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_a&d=DwMFaQ&c=x&r=y&m=z&s=w&e=";
        String outer = "https://eur01.safelinks.protection.outlook.com/?url="
                + java.net.URLEncoder.encode(inner, java.nio.charset.StandardCharsets.UTF_8) + "&data=05&reserved=0";
        assertEquals(Optional.of("https://www.example.com/a"), rules.unwrap(outer));
        assertEquals(Optional.empty(), rules.unwrap("https://www.example.com/a"));
    }

    @Test
    void trackingParametersCoverTheIssueList() {
        for (String name : List.of("mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ml_subscriber_hash", "vero_id")) {
            TrackingParameter p = rules.trackingParameter(name).orElseThrow(() -> new AssertionError(name));
            assertEquals("recipient", p.scope(), name);
        }
        assertEquals("campaign", rules.trackingParameter("utm_campaign").orElseThrow().scope());
        assertEquals("campaign", rules.trackingParameter("UTM_SOURCE").orElseThrow().scope());
        for (String name : List.of("url", "u", "redirect", "target", "dest")) {
            assertEquals("destination", rules.trackingParameter(name).orElseThrow().scope(), name);
        }
        assertTrue(rules.trackingParameter("page").isEmpty());
        for (TrackingParameter p : rules.trackingParameters()) {
            if (p.vendorId() != null) {
                assertTrue(rules.vendor(p.vendorId()).isPresent(), p.id());
            }
        }
    }

    @Test
    void everyFixedProvisionAndDateExistsWithTheConfidenceOfLegalNotes() {
        for (String id : RuleSetLoader.FIXED_PROVISION_IDS) {
            LegalProvision p = rules.provision(id).orElseThrow(() -> new AssertionError(id));
            assertFalse(p.summaryFr().isBlank(), id);
            assertFalse(p.summaryEn().isBlank(), id);
            assertNotNull(p.note(), id + " must say what was checked");
        }
        for (String id : RuleSetLoader.FIXED_DATE_IDS) {
            assertTrue(rules.keyDate(id).isPresent(), id);
        }
        // legal-notes.md: EDPB guidelines and the CNIL recommendation are secondary; the CNIL dates too; the
        // deadline for existing lists is open. Nobody has read an official text yet, and the notes say so.
        assertEquals(SourceConfidence.SECONDARY, rules.provision("edpb-2-2023").orElseThrow().confidence());
        assertEquals(SourceConfidence.SECONDARY, rules.provision("cnil-2026-042").orElseThrow().confidence());
        // legal-notes.md: "Before a rule is marked primary, someone must have read the official text at its URL."
        // A provision whose note says its text was not read yet is therefore never primary.
        for (LegalProvision p : rules.provisions()) {
            if (p.note() != null && p.note().toLowerCase(java.util.Locale.ROOT).contains("not yet read")) {
                assertEquals(SourceConfidence.SECONDARY, p.confidence(), p.id());
            }
        }
        assertTrue(rules.provision("lil-82").orElseThrow().note().contains("Not yet read"));
        // every provision says what kind of text it is and how the English dossier cites it; statutes and
        // regulations are law, the CNIL recommendation and the EDPB guidelines soft law, the sanctions decisions
        for (LegalProvision p : rules.provisions()) {
            assertTrue(p.kind() != null, p.id() + " has no kind");
            assertTrue(p.referenceEn() != null && !p.referenceEn().isBlank(), p.id() + " has no referenceEn");
            if (p.id().startsWith("gdpr-") || p.id().startsWith("eprivacy-") || p.id().equals("lil-82")
                    || p.id().equals("cpce-l34-5")) {
                assertEquals(ProvisionKind.LAW, p.kind(), p.id());
            }
        }
        assertEquals(ProvisionKind.SOFT_LAW, rules.provision("cnil-2026-042").orElseThrow().kind());
        assertEquals(ProvisionKind.SOFT_LAW, rules.provision("edpb-2-2023").orElseThrow().kind());
        assertEquals(ProvisionKind.DECISION, rules.provision("cnil-san-2024-019").orElseThrow().kind());
        assertEquals("GDPR, Art. 5(1)(a)", rules.provision("gdpr-5-1-a").orElseThrow().referenceEn());
        // points a reviewer gave from their own knowledge stay secondary, with a note saying they are to check
        assertTrue(rules.provision("cpce-l34-5").orElseThrow().summaryFr()
                .contains("à l'occasion d'une vente ou d'une prestation de services"));
        assertTrue(rules.provision("cpce-l34-5").orElseThrow().note().contains("to check"));
        for (String id : List.of("gdpr-application", "lil-82-renumbered")) {
            KeyDate k = rules.keyDate(id).orElseThrow();
            assertEquals(SourceConfidence.SECONDARY, k.confidence(), id);
            assertTrue(k.note().toLowerCase(java.util.Locale.ROOT).contains("to check"), id);
        }
        assertEquals(java.time.LocalDate.of(2018, 5, 25), rules.keyDate("gdpr-application").orElseThrow().date());
        assertEquals(SourceConfidence.OPEN,
                rules.keyDate("cnil-2026-042-existing-lists-deadline").orElseThrow().confidence());
        assertEquals(java.time.LocalDate.of(2026, 4, 14), rules.keyDate("cnil-2026-042-published").orElseThrow().date());
        assertEquals(java.time.LocalDate.of(2025, 6, 12),
                rules.keyDate("cnil-2026-042-consultation-start").orElseThrow().date());
    }

    /**
     * The vendors of the real mails in {@code ../shared/corpus/real} are recognised with the right kind: each
     * {@code <img>} URL on a known tracking host is an open (or asset), never a click, and the vendors named in the
     * manifest appear. Skipped when the corpus is absent (a user's fresh clone).
     */
    @Test
    void realCorpusVendorsAreRecognised() throws IOException {
        Path corpus = Path.of("../shared/corpus/real");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "../shared/corpus/real is absent: skipped");
        Pattern img = Pattern.compile("<img\\b[^>]*?\\bsrc\\s*=\\s*[\"']?(https?://[^\"'\\s>]+)",
                Pattern.CASE_INSENSITIVE);
        Set<String> seen = new TreeSet<>();
        List<String> wrongKind = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                String text = decodedHtml(f);
                Matcher m = img.matcher(text);
                while (m.find()) {
                    String url = org.jsoup.parser.Parser.unescapeEntities(m.group(1), true);
                    rules.matchVendor(url).ifPresent(match -> {
                        seen.add(match.vendor().id());
                        if (match.pattern().kind() == PatternKind.CLICK
                                && !match.pattern().hostRule().equals("*")) {
                            wrongKind.add(f.getFileName() + ": image " + url + " matched click rule "
                                    + match.pattern().id());
                        }
                    });
                }
            }
        }
        for (String expected : List.of("mailchimp", "cleverreach", "inxmail", "klaviyo", "mailjet", "brevo",
                "hubspot", "zoho-campaigns", "salesforce-mc", "amazon-ses", "sendgrid", "constant-contact",
                "aweber", "pardot", "customer-io", "iterable", "mailgun", "substack", "surveymonkey", "beehiiv",
                "ghost", "elastic-email", "squarespace", "infusionsoft", "adobe-campaign", "getresponse",
                "kit", "mandrill", "campaign-monitor", "sparkpost", "selligent", "rapidmail", "matomo")) {
            if (!seen.contains(expected)) {
                fail("no image of the real corpus was attributed to " + expected + "; seen: " + seen);
            }
        }
        assertTrue(wrongKind.isEmpty(), String.join("\n", wrongKind));
    }

    /** The decoded HTML parts of a message, through Angus Mail; "" when the message cannot be parsed. */
    private static String decodedHtml(Path f) throws IOException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("mail.mime.allowencodedmessages", "true");
        props.setProperty("mail.mime.parameters.strict", "false");
        try (java.io.InputStream in = Files.newInputStream(f)) {
            jakarta.mail.internet.MimeMessage msg = new jakarta.mail.internet.MimeMessage(
                    jakarta.mail.Session.getInstance(props), in);
            StringBuilder out = new StringBuilder();
            collectHtml(msg, out);
            return out.toString();
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            return "";
        }
    }

    private static void collectHtml(jakarta.mail.Part part, StringBuilder out) {
        try {
            if (part.isMimeType("text/html")) {
                out.append(part.getContent()).append('\n');
            } else if (part.isMimeType("multipart/*")) {
                jakarta.mail.Multipart mp = (jakarta.mail.Multipart) part.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    collectHtml(mp.getBodyPart(i), out);
                }
            } else if (part.isMimeType("message/rfc822")) {
                collectHtml((jakarta.mail.Part) part.getContent(), out);
            }
        } catch (jakarta.mail.MessagingException | IOException | RuntimeException e) {
            // a part that cannot be decoded is skipped: this test is about URLs, not MIME robustness
        }
    }
}
