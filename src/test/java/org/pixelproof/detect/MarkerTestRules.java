package org.pixelproof.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pixelproof.rules.ClassificationPhrase;
import org.pixelproof.rules.KeyDate;
import org.pixelproof.rules.LegalProvision;
import org.pixelproof.rules.MarkerPhrase;
import org.pixelproof.rules.PatternKind;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.SourceConfidence;
import org.pixelproof.rules.Vendor;
import org.pixelproof.rules.VendorPattern;

/**
 * A rule set for the tests of the marker, sender and assess code: the phrases are read from this worktree's
 * {@code legal-rules/markers.yaml} and {@code legal-rules/message-classes.yaml} with Jackson (independently of the
 * rules loader, so that these tests check the YAML content on their own); provisions, dates and two vendors are
 * written here.
 */
public final class MarkerTestRules {
    /** The folder of the rule data, relative to the project root (Maven's working directory for tests). */
    public static final Path LEGAL_RULES = Path.of("legal-rules");

    private static RuleSet cached;

    private MarkerTestRules() {
    }

    /** @return the test rule set (built once). */
    public static synchronized RuleSet ruleSet() {
        if (cached == null) {
            cached = new RuleSet("test", vendors(), markerPhrases(), classificationPhrases(), List.of(), List.of(),
                    provisions(), keyDates());
        }
        return cached;
    }

    /** @return a rule set with the given marker phrases only. */
    public static RuleSet withMarkers(List<MarkerPhrase> phrases) {
        return new RuleSet("test", List.of(), phrases, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    static JsonNode yaml(String file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(LEGAL_RULES.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the phrases of markers.yaml. */
    public static List<MarkerPhrase> markerPhrases() {
        List<MarkerPhrase> out = new ArrayList<>();
        for (JsonNode n : yaml("markers.yaml").get("markers")) {
            out.add(new MarkerPhrase(n.get("id").asText(), n.get("marker").asText(), n.get("language").asText(),
                    n.get("target").asText(), Pattern.compile(n.get("pattern").asText(), Pattern.CASE_INSENSITIVE),
                    0));
        }
        return out;
    }

    /** @return the phrases of message-classes.yaml. */
    public static List<ClassificationPhrase> classificationPhrases() {
        List<ClassificationPhrase> out = new ArrayList<>();
        for (JsonNode n : yaml("message-classes.yaml").get("phrases")) {
            out.add(new ClassificationPhrase(n.get("id").asText(), n.get("class").asText(),
                    n.get("language").asText(), Pattern.compile(n.get("pattern").asText(), Pattern.CASE_INSENSITIVE),
                    0));
        }
        return out;
    }

    /** The provision ids RULES-FORMAT.md fixes. */
    public static final List<String> PROVISION_IDS = List.of("lil-82", "eprivacy-5-3", "edpb-2-2023", "cnil-2026-042",
            "cpce-l34-5", "eprivacy-13", "gdpr-4-11", "gdpr-5-1-a", "gdpr-6-1-a", "gdpr-7-1", "gdpr-7-3", "gdpr-12",
            "gdpr-12-3", "gdpr-13", "gdpr-14", "gdpr-15", "gdpr-17", "gdpr-21-2", "gdpr-21-3", "gdpr-44", "gdpr-77",
            "cnil-san-2025-004", "cnil-san-2024-019");

    static List<LegalProvision> provisions() {
        List<LegalProvision> out = new ArrayList<>();
        for (String id : PROVISION_IDS) {
            out.add(new LegalProvision(id, "ref " + id, "fr " + id, "en " + id, "https://example.org/" + id,
                    SourceConfidence.SECONDARY, null));
        }
        return out;
    }

    static List<KeyDate> keyDates() {
        return List.of(
                date("cnil-2026-042-consultation-start", "2025-06-12"),
                date("cnil-2026-042-consultation-end", "2025-07-24"),
                date("cnil-2026-042-adopted", "2026-03-12"),
                date("cnil-2026-042-published", "2026-04-14"),
                date("cnil-2026-042-existing-lists-deadline", "2026-07-14"));
    }

    private static KeyDate date(String id, String date) {
        return new KeyDate(id, LocalDate.parse(date), "fr " + id, "en " + id, "https://example.org/" + id,
                SourceConfidence.SECONDARY);
    }

    static List<Vendor> vendors() {
        return List.of(
                new Vendor("mailchimp", "Mailchimp", "The Rocket Science Group LLC", "US", "esp",
                        List.of(new VendorPattern("mailchimp.open", PatternKind.OPEN,
                                Pattern.compile("(?:.+\\.)?list-manage\\.com"), Pattern.compile("^/track/open\\.php"),
                                "https://example.org/mc", 0)), List.of("X-MC-User"), "https://example.org/mc"),
                new Vendor("brevo", "Brevo", "Sendinblue SAS", "FR", "esp", List.of(), List.of(),
                        "https://example.org/brevo"),
                new Vendor("adnet", "AdNet", "AdNet Inc.", "US", "ad-tech", List.of(), List.of(),
                        "https://example.org/adnet"));
    }
}
