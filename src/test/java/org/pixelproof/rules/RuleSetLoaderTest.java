package org.pixelproof.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of broken rule file gives a {@link RuleSetException} naming the file and the line. The tests copy a small
 * rule set of their own ({@value #FIXTURE} under {@code src/test/resources}, invented data) to a temporary folder, break
 * one line, and load the copy: editing the shipped {@code legal-rules/} cannot break them. The shipped set is loaded
 * whole by {@link #theShippedRuleSetLoads()} (and checked in depth by {@link RuleSetDataTest}).
 */
class RuleSetLoaderTest {

    /** The fixture rule set, next to this class on the test classpath. */
    static final String FIXTURE = "fixture-rules";

    @TempDir
    Path dir;

    @BeforeEach
    void copyFixtureRules() throws IOException, URISyntaxException {
        Path src = Path.of(RuleSetLoaderTest.class.getResource(FIXTURE).toURI());
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    }

    private void replace(String file, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " lacks " + from);
        write(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    private int lineOf(String file, String needle) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + file);
    }

    private RuleSetException.Problem onlyProblem() {
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(dir));
        assertEquals(1, e.problems().size(), e.getMessage());
        RuleSetException.Problem p = e.problems().get(0);
        assertTrue(e.getMessage().contains(p.file() + ":" + p.line() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), "message names the folder");
        return p;
    }

    @Test
    void theFixtureLoads() {
        RuleSet rules = RuleSetLoader.load(dir);
        assertEquals("2026.1.0", rules.version());
        assertEquals(2, rules.vendors().size());
        assertEquals("postino", rules.matchVendor("https://t.postino-mail.com/track/open.php?u=1&id=2").orElseThrow()
                .vendor().id());
        assertEquals(java.util.Optional.of("https://www.example.com/news?id=7"),
                rules.unwrap("https://eu.gateway.example.net/?url=https%3A%2F%2Fwww.example.com%2Fnews%3Fid%3D7"));
        assertEquals(RuleSetLoader.FIXED_PROVISION_IDS.size(), rules.provisions().size());
        assertEquals(RuleSetLoader.FIXED_DATE_IDS.size(), rules.keyDates().size());
    }

    /** The shipped rules, as a whole, from the folder the pom packages: valid, with every kind of entry. */
    @Test
    void theShippedRuleSetLoads() {
        RuleSet rules = RuleSetLoader.load(Path.of("legal-rules"));
        assertTrue(rules.version().matches("\\d{4}\\.\\d{1,2}\\.\\d+"), rules.version());
        assertFalse(rules.vendors().isEmpty());
        assertFalse(rules.markerPhrases().isEmpty());
        assertFalse(rules.classificationPhrases().isEmpty());
        assertFalse(rules.trackingParameters().isEmpty());
        assertFalse(rules.linkWrappers().isEmpty());
        for (String id : RuleSetLoader.FIXED_PROVISION_IDS) {
            assertTrue(rules.provision(id).isPresent(), id);
        }
        for (String id : RuleSetLoader.FIXED_DATE_IDS) {
            assertTrue(rules.keyDate(id).isPresent(), id);
        }
        assertEquals(rules.version(), RuleSetLoader.loadDefault().version(), "the classpath copy is the same set");
    }

    @Test
    void recipientPathGivesTheIdAtItsPlace() {
        VendorPattern open = RuleSetLoader.load(dir).vendor("courrielo").orElseThrow().patterns().stream()
                .filter(p -> p.id().equals("courrielo.click")).findFirst().orElseThrow();
        assertEquals("7654321", open.recipientId("/c/136/1234567/7654321/a1b2c3.html"));
        assertEquals(null, open.recipientId("/mailing/136/1234567/0/a1b2c3/index.html"));
    }

    @Test
    void recipientPathWithoutAGroupIsRefused() throws IOException {
        int line = lineOf("vendors/esp-two.yaml", "recipientPath: \"/c/");
        replace("vendors/esp-two.yaml", "recipientPath: \"/c/\\\\d+/\\\\d+/(\\\\d{4,12})/",
                "recipientPath: \"/c/\\\\d+/\\\\d+/\\\\d{4,12}/");
        RuleSetException.Problem p = onlyProblem();
        assertEquals(line, p.line());
        assertTrue(p.message().contains("recipientPath needs a group"), p.message());
    }

    @Test
    void anExampleWithoutTheRecipientIdIsRefused() throws IOException {
        replace("vendors/esp-two.yaml", "\"https://go.courrielo.net/c/136/1234567/7654321/a1b2c3.html\"",
                "\"https://go.courrielo.net/c/136/1234567/x/a1b2c3.html\"");
        RuleSetException.Problem p = onlyProblem();
        assertTrue(p.message().contains("has no recipient id where recipientPath"), p.message());
    }

    @Test
    void sharedPathGivesThePartsTheSameForEveryRecipient() {
        VendorPattern click = RuleSetLoader.load(dir).vendor("courrielo").orElseThrow().patterns().stream()
                .filter(p -> p.id().equals("courrielo.click")).findFirst().orElseThrow();
        assertEquals(List.of("136", "1234567", "a1b2c3"), click.sharedParts("/c/136/1234567/7654321/a1b2c3.html"));
        assertEquals(List.of(), click.sharedParts("/mailing/136/1234567/0/a1b2c3/index.html"));
    }

    @Test
    void sharedPathWithoutAGroupIsRefused() throws IOException {
        int line = lineOf("vendors/esp-two.yaml", "sharedPath: ");
        replace("vendors/esp-two.yaml", "sharedPath: \"/c/(\\\\d+)/(\\\\d+)/\\\\d+/([0-9a-z]+)",
                "sharedPath: \"/c/\\\\d+/\\\\d+/\\\\d+/[0-9a-z]+");
        RuleSetException.Problem p = onlyProblem();
        assertEquals(line, p.line());
        assertTrue(p.message().contains("sharedPath needs a group"), p.message());
    }

    @Test
    void anExampleWithoutASharedPartIsRefused() throws IOException {
        replace("vendors/esp-two.yaml", "\"https://go.courrielo.net/c/136/1234567/7654321/a1b2c3.html\"",
                "\"https://go.courrielo.net/c/136/1234567/7654321/a1b2c3\"");
        RuleSetException.Problem p = onlyProblem();
        assertTrue(p.message().contains("has no part where sharedPath"), p.message());
    }

    @Test
    void aSharedPartCannotHoldTheRecipientId() throws IOException {
        replace("vendors/esp-two.yaml", "sharedPath: \"/c/(\\\\d+)/(\\\\d+)/\\\\d+/",
                "sharedPath: \"/c/(\\\\d+)/(\\\\d+)/(\\\\d+)/");
        RuleSetException.Problem p = onlyProblem();
        assertTrue(p.message().contains("lies in a part that sharedPath declares the same for every recipient"),
                p.message());
    }

    @Test
    void badSharedPathRegexIsRefused() throws IOException {
        replace("vendors/esp-two.yaml", "sharedPath: \"/c/(", "sharedPath: \"/c/((");
        RuleSetException.Problem p = onlyProblem();
        assertTrue(p.message().contains("sharedPath"), p.message());
    }

    @Test
    void badYamlSyntax() throws IOException {
        write("markers.yaml", "markers:\n  - id: x\n    pattern: [unclosed\n    marker: UNSUBSCRIBE_LINK\n");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("markers.yaml", p.file());
        assertTrue(p.line() >= 3, "line " + p.line());
        assertTrue(p.message().startsWith("not valid YAML"), p.message());
    }

    @Test
    void duplicateKeyInOneEntry() throws IOException {
        write("message-classes.yaml", "phrases:\n  - id: fr.x\n    class: MARKETING\n    class: SECURITY\n"
                + "    language: fr\n    pattern: promo\n    examples: [promo]\n");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("message-classes.yaml", p.file());
        assertEquals(4, p.line());
    }

    @Test
    void missingRequiredField() throws IOException {
        int line = lineOf("vendors/esp-one.yaml", "- id: postino");
        replace("vendors/esp-one.yaml", "    legalName: \"Postino Mail SAS\"\n", "");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("vendors/esp-one.yaml", p.file());
        assertEquals(line, p.line(), "line of the vendor entry ('- id: postino')");
        assertTrue(p.message().contains("vendor 'postino': missing required field 'legalName'"), p.message());
    }

    @Test
    void badEnumValue() throws IOException {
        int line = lineOf("vendors/esp-one.yaml", "category: esp");
        replace("vendors/esp-one.yaml", "category: esp", "category: newsletter");
        RuleSetException.Problem p = onlyProblem();
        assertEquals(line, p.line());
        assertTrue(p.message().contains("category 'newsletter' is not one of"), p.message());
    }

    @Test
    void badConfidence() throws IOException {
        int line = lineOf("provisions.yaml", "confidence: secondary");
        replace("provisions.yaml", "confidence: secondary", "confidence: likely");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("provisions.yaml", p.file());
        assertEquals(line, p.line());
    }

    @Test
    void badProvisionKind() throws IOException {
        int line = lineOf("provisions.yaml", "kind: soft-law");
        replace("provisions.yaml", "kind: soft-law", "kind: guidance");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("provisions.yaml", p.file());
        assertEquals(line, p.line());
        assertTrue(p.message().contains("kind 'guidance' is not one of"), p.message());
    }

    /** {@code kind} and {@code referenceEn} are optional: a provision without them loads as before. */
    @Test
    void provisionKindAndEnglishReferenceAreOptional() throws IOException {
        replace("provisions.yaml", "    referenceEn: \"GDPR, Art. 77\"\n    kind: law\n", "");
        RuleSet rules = RuleSetLoader.load(dir);
        LegalProvision p = rules.provision("gdpr-77").orElseThrow();
        assertEquals(null, p.kind());
        assertEquals(null, p.referenceEn());
        assertEquals("RGPD, art. 77", p.reference("en"));
        LegalProvision q = rules.provision("gdpr-15").orElseThrow();
        assertEquals(ProvisionKind.LAW, q.kind());
        assertEquals("GDPR, Art. 15", q.reference("en"));
        assertEquals("RGPD, art. 15", q.reference("fr"));
    }

    @Test
    void missingDossierFixedDate() throws IOException {
        replace("dates.yaml", "  - id: gdpr-application\n", "  - id: gdpr-applies\n");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("dates.yaml", p.file());
        assertTrue(p.message().contains("fixed date id 'gdpr-application' is missing"), p.message());
    }

    @Test
    void badRegex() throws IOException {
        int line = lineOf("vendors/esp-one.yaml", "path: \"/track/open\\\\.php\\\\?\"");
        replace("vendors/esp-one.yaml", "path: \"/track/open\\\\.php\\\\?\"", "path: \"/track/(open\"");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(dir));
        RuleSetException.Problem p = e.problems().get(0);
        assertEquals("vendors/esp-one.yaml", p.file());
        assertEquals(line, p.line());
        assertTrue(p.message().contains("is not a valid regular expression"), p.message());
    }

    @Test
    void catastrophicRegexIsRejected() throws IOException {
        replace("message-classes.yaml", "pattern: \"code promo\"", "pattern: \"(code\\\\s?)+promo\"");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("message-classes.yaml", p.file());
        assertTrue(p.message().contains("nested quantifiers"), p.message());
    }

    @Test
    void duplicateIdAcrossFiles() throws IOException {
        int line = lineOf("message-classes.yaml", "id: fr.marketing.code-promo");
        replace("message-classes.yaml", "id: fr.marketing.code-promo", "id: fr.unsubscribe.desinscrire");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("message-classes.yaml", p.file());
        assertEquals(line, p.line());
        assertTrue(p.message().contains("duplicate id 'fr.unsubscribe.desinscrire', already used at markers.yaml:"),
                p.message());
    }

    @Test
    void vendorExampleNotMatchingItsPattern() throws IOException {
        String example = "https://t.postino-mail.com/track/open.php?u=30456789&id=0f1e2d3c";
        int line = lineOf("vendors/esp-one.yaml", example);
        replace("vendors/esp-one.yaml", example, "https://t.postino-mail.com/other/open.php?u=1");
        RuleSetException.Problem p = onlyProblem();
        assertEquals(line, p.line());
        assertTrue(p.message().contains("does not match the pattern"), p.message());
    }

    @Test
    void markerExampleNotMatching() throws IOException {
        int line = lineOf("markers.yaml", "examples: [\"Unsubscribe from this list\"]");
        replace("markers.yaml", "examples: [\"Unsubscribe from this list\"]", "examples: [\"Se désabonner\"]");
        RuleSetException.Problem p = onlyProblem();
        assertEquals(line, p.line());
        assertTrue(p.message().contains("(normalised: 'se desabonner') does not match"), p.message());
    }

    @Test
    void wrapperExampleUnwrappingElsewhere() throws IOException {
        int line = lineOf("link-wrappers.yaml", "wrapped: \"https://www.example.com/news?id=7\"");
        replace("link-wrappers.yaml", "wrapped: \"https://www.example.com/news?id=7\"",
                "wrapped: \"https://www.example.com/other\"");
        RuleSetException.Problem p = onlyProblem();
        assertEquals(line, p.line());
        assertTrue(p.message().contains("unwraps to 'https://www.example.com/news?id=7'"), p.message());
    }

    @Test
    void missingFixedProvision() throws IOException {
        replace("provisions.yaml", "  - id: gdpr-77\n", "  - id: gdpr-78\n");
        RuleSetException.Problem p = onlyProblem();
        assertEquals("provisions.yaml", p.file());
        assertEquals(lineOf("provisions.yaml", "provisions:"), p.line());
        assertTrue(p.message().contains("fixed provision id 'gdpr-77' is missing"), p.message());
    }

    @Test
    void missingFixedDate() throws IOException {
        replace("dates.yaml", "id: cnil-2026-042-adopted", "id: cnil-2026-042-adoption");
        RuleSetException.Problem p = onlyProblem();
        assertTrue(p.message().contains("fixed date id 'cnil-2026-042-adopted' is missing"), p.message());
    }

    @Test
    void badDateAndCountryAndUrlAndUnknownField() throws IOException {
        replace("dates.yaml", "date: 2026-03-12", "date: 2026-02-30");
        replace("vendors/esp-two.yaml", "country: AU", "country: Australia");
        replace("provisions.yaml", "sourceUrl: https://www.example.org/sanctions\n",
                "sourceUrl: www.example.org/sanctions\n");
        replace("tracking-parameters.yaml", "    scope: recipient\n", "    scope: recipient\n    owner: x\n");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(dir));
        String m = e.getMessage();
        assertEquals(4, e.problems().size(), m);
        assertTrue(m.contains("dates.yaml:" + lineOf("dates.yaml", "date: 2026-02-30") + ": "), m);
        assertTrue(m.contains("is not an ISO 3166-1 alpha-2 code"), m);
        assertTrue(m.contains("is not a well-formed http(s) URL"), m);
        assertTrue(m.contains("unknown field 'owner'"), m);
    }

    @Test
    void unknownVendorReferenceFromAParameter() throws IOException {
        replace("tracking-parameters.yaml", "vendor: postino", "vendor: postinoo");
        RuleSetException.Problem p = onlyProblem();
        assertTrue(p.message().contains("vendor 'postinoo' is not the id of any vendor"), p.message());
    }

    @Test
    void missingListedFileAndUnlistedFile() throws IOException {
        Files.delete(dir.resolve("dates.yaml"));
        Files.writeString(dir.resolve("vendors/extra.yaml"), "vendors: []\n");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(dir));
        String m = e.getMessage();
        assertTrue(m.contains("ruleset.yaml:" + lineOf("ruleset.yaml", "- dates.yaml")
                + ": listed file 'dates.yaml' does not exist"), m);
        assertTrue(m.contains("vendors/extra.yaml: this YAML file is not listed"), m);
    }

    @Test
    void anyHostNeedsAPath() throws IOException {
        replace("vendors/esp-one.yaml", "        path: \"/pst/click\\\\?r=\"\n", "");
        RuleSetException.Problem p = onlyProblem();
        assertTrue(p.message().contains("host '*' (any host) needs a 'path'"), p.message());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        replace("vendors/esp-one.yaml", "category: esp", "category: x");
        replace("vendors/esp-two.yaml", "category: esp", "category: y");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(dir));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -q test -Dtest=RuleSetDataTest"), "message says how to check");
    }

    @Test
    void missingFolder() {
        RuleSetException e = assertThrows(RuleSetException.class,
                () -> RuleSetLoader.load(dir.resolve("does-not-exist")));
        assertTrue(e.getMessage().contains("ruleset.yaml: not found"), e.getMessage());
    }
}
