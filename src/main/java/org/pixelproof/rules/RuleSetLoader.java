package org.pixelproof.rules;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Loads and validates {@code legal-rules/} into a {@link RuleSet}: from the classpath ({@link #loadDefault()}, the
 * copy packaged with the application) or from a folder ({@link #load(Path)}, for tests and for users who keep their
 * own copy).
 *
 * <p>The folder holds {@code ruleset.yaml} ({@code version}, {@code description}, {@code files}) and the files it
 * lists. Each listed file has one top-level key that says what it holds: {@code vendors}, {@code markers},
 * {@code phrases}, {@code parameters}, {@code wrappers}, {@code provisions} or {@code dates}. The formats are those of
 * {@code RULES-FORMAT.md}, explained for reviewers in {@code legal-rules/README.md}.
 *
 * <p>Everything is validated before anything is used: required fields, allowed values, ids unique across all files,
 * regular expressions that compile (case-insensitive) and have no nested unbounded repetition, host globs
 * ({@link HostGlob}), well-formed {@code http(s)} URLs, ISO dates and country codes, every {@code examples:} entry
 * matching its own rule, the fixed provision and date ids ({@link #FIXED_PROVISION_IDS}, {@link #FIXED_DATE_IDS}),
 * references from tracking parameters to known vendors, and (for a folder) YAML files left out of {@code files}.
 * All problems are collected, then thrown together as one {@link RuleSetException} whose message names each file and
 * line, so that a broken file stops start-up with a message that says what to fix.
 *
 * <p>Each call reads the files again; callers keep the result (it is immutable and thread-safe). The loader itself
 * holds no state between calls and is thread-safe. It never touches the network.
 */
public final class RuleSetLoader {

    /** The classpath folder of the packaged rules (the pom maps {@code legal-rules/} there). */
    public static final String RESOURCE_ROOT = "legal-rules";
    /** The index file, at the root of the rules folder. */
    public static final String INDEX_FILE = "ruleset.yaml";

    /** Provision ids that {@code assess} and the dossier templates use: every one must exist. */
    public static final List<String> FIXED_PROVISION_IDS = List.of("lil-82", "eprivacy-5-3", "edpb-2-2023",
            "cnil-2026-042", "cpce-l34-5", "eprivacy-13", "gdpr-4-11", "gdpr-5-1-a", "gdpr-6-1-a", "gdpr-7-1",
            "gdpr-7-3", "gdpr-12", "gdpr-12-3", "gdpr-13", "gdpr-14", "gdpr-15", "gdpr-17", "gdpr-21-2", "gdpr-21-3",
            "gdpr-44", "gdpr-77", "cnil-san-2025-004", "cnil-san-2024-019");

    /**
     * Key-date ids that {@code assess} (the {@code cnil-2026-042-*} timeline) and the dossier ({@code gdpr-application}
     * and {@code lil-82-renumbered}, for messages received under the law of the time) use: every one must exist.
     */
    public static final List<String> FIXED_DATE_IDS = List.of("cnil-2026-042-consultation-start",
            "cnil-2026-042-consultation-end", "cnil-2026-042-adopted", "cnil-2026-042-published",
            "cnil-2026-042-existing-lists-deadline", "gdpr-application", "lil-82-renumbered");

    /** Allowed provision kinds ({@link ProvisionKind#code()}); the field is optional. */
    public static final Set<String> PROVISION_KINDS = Set.of("law", "soft-law", "decision");
    /** Allowed vendor categories. */
    public static final Set<String> VENDOR_CATEGORIES = Set.of("esp", "marketing-automation", "crm", "analytics",
            "ad-tech", "transactional", "survey");
    /** Allowed consent-marker types in {@code markers.yaml}. */
    public static final Set<String> MARKER_TYPES = Set.of("TRACKING_NOTICE", "TRACKING_OPT_OUT_LINK",
            "UNSUBSCRIBE_LINK", "PRIVACY_POLICY_LINK");
    /** Allowed marker targets. */
    public static final Set<String> MARKER_TARGETS = Set.of("link", "text");
    /** Allowed message classes in {@code message-classes.yaml}. */
    public static final Set<String> MESSAGE_CLASSES = Set.of("MARKETING", "TRANSACTIONAL", "SECURITY", "PERSONAL");
    /** Allowed tracking-parameter scopes. */
    public static final Set<String> PARAMETER_SCOPES = Set.of("recipient", "campaign", "destination",
            "account", "recipient-hint");
    /** The prefix a pattern {@code source} must start with when it is not a URL. */
    public static final String OBSERVED_PREFIX = "observed in received mail";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*([-+][0-9A-Za-z.-]+)?");
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final List<String> KINDS = List.of("vendors", "markers", "phrases", "parameters", "wrappers",
            "provisions", "dates");

    /** Where files come from: the classpath or a folder. */
    private interface Source {
        String origin();

        /** @return the file's bytes, or {@code null} when it does not exist */
        byte[] read(String relative) throws IOException;

        /** @return every YAML file under the root (relative, '/'-separated), or {@code null} when not listable */
        Set<String> listYaml() throws IOException;
    }

    /**
     * Loads the rules packaged with the application, from {@code legal-rules/} on the classpath (the context class
     * loader, else this class's loader).
     *
     * @return the validated rule set
     * @throws RuleSetException when a file is missing or invalid; the message names file and line
     */
    public static RuleSet loadDefault() {
        ClassLoader ctx = Thread.currentThread().getContextClassLoader();
        ClassLoader cl = ctx != null ? ctx : RuleSetLoader.class.getClassLoader();
        return new RuleSetLoader(new Source() {
            @Override
            public String origin() {
                return "classpath:" + RESOURCE_ROOT + "/";
            }

            @Override
            public byte[] read(String relative) throws IOException {
                InputStream in = cl.getResourceAsStream(RESOURCE_ROOT + "/" + relative);
                if (in == null && cl != RuleSetLoader.class.getClassLoader()) {
                    in = RuleSetLoader.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + "/" + relative);
                }
                if (in == null) {
                    return null;
                }
                try (InputStream stream = in) {
                    return stream.readAllBytes();
                }
            }

            @Override
            public Set<String> listYaml() {
                return null;
            }
        }).load();
    }

    /**
     * Loads the rules from a folder laid out like {@code legal-rules/}.
     *
     * @param dir the folder holding {@code ruleset.yaml}
     * @return the validated rule set
     * @throws RuleSetException when a file is missing or invalid, or when a YAML file in the folder is not listed
     *                          in {@code ruleset.yaml}; the message names file and line
     */
    public static RuleSet load(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        return new RuleSetLoader(new Source() {
            @Override
            public String origin() {
                return root + "/";
            }

            @Override
            public byte[] read(String relative) throws IOException {
                Path p = root.resolve(relative).normalize();
                if (!p.startsWith(root) || !Files.isRegularFile(p)) {
                    return null;
                }
                return Files.readAllBytes(p);
            }

            @Override
            public Set<String> listYaml() throws IOException {
                if (!Files.isDirectory(root)) {
                    return null;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    Set<String> out = new TreeSet<>();
                    files.filter(Files::isRegularFile)
                            .map(p -> root.relativize(p).toString().replace('\\', '/'))
                            .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                            .forEach(out::add);
                    return out;
                }
            }
        }).load();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private final Source source;
    private final List<RuleSetException.Problem> problems = new ArrayList<>();
    private final Map<String, String> idOwners = new HashMap<>();

    private final List<Vendor> vendors = new ArrayList<>();
    private final List<MarkerPhrase> markers = new ArrayList<>();
    private final List<ClassificationPhrase> phrases = new ArrayList<>();
    private final List<TrackingParameter> parameters = new ArrayList<>();
    private final Map<TrackingParameter, String> parameterVendorRefs = new LinkedHashMap<>();
    private final Map<TrackingParameter, String> parameterFiles = new HashMap<>();
    private final List<LinkWrapper> wrappers = new ArrayList<>();
    private final List<LegalProvision> provisions = new ArrayList<>();
    private final List<KeyDate> dates = new ArrayList<>();
    private final Map<String, String> firstFileOfKind = new HashMap<>();
    private final Map<String, Integer> firstLineOfKind = new HashMap<>();
    /** A listed file could not be read or parsed: checks that need every file (kinds, references) are skipped. */
    private boolean someFileUnreadable;

    private RuleSetLoader(Source source) {
        this.source = source;
    }

    private void problem(String file, int line, String message) {
        problems.add(new RuleSetException.Problem(file, line, message));
    }

    private RuleSet load() {
        YamlNode indexNode = readYaml(INDEX_FILE, INDEX_FILE, 0);
        String version = null;
        List<String> files = new ArrayList<>();
        if (indexNode != null) {
            Fields index = new Fields(INDEX_FILE, indexNode, "ruleset.yaml", Set.of("version", "description", "files"));
            if (index.ok()) {
                version = index.required("version");
                if (version != null && !VERSION.matcher(version).matches()) {
                    problem(INDEX_FILE, index.line("version"), "version '" + version
                            + "' is not of the form YEAR.MONTH.PATCH (e.g. 2026.11.0)");
                }
                index.required("description");
                List<YamlNode.Scalar> listed = index.scalars("files", true);
                Set<String> seen = new LinkedHashSet<>();
                for (YamlNode.Scalar f : listed) {
                    String name = f.text();
                    if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
                        problem(INDEX_FILE, f.line(), "file '" + name + "' must be a relative path inside the folder");
                    } else if (!seen.add(name)) {
                        problem(INDEX_FILE, f.line(), "file '" + name + "' is listed twice");
                    } else if (name.equals(INDEX_FILE)) {
                        problem(INDEX_FILE, f.line(), "ruleset.yaml must not list itself");
                    } else {
                        files.add(name);
                        loadFile(name, f.line());
                    }
                }
                try {
                    Set<String> present = source.listYaml();
                    if (present != null) {
                        for (String p : present) {
                            if (!p.equals(INDEX_FILE) && !seen.contains(p)) {
                                problem(p, 0, "this YAML file is not listed in ruleset.yaml 'files', so it would be"
                                        + " ignored: add it there, or remove it");
                            }
                        }
                    }
                } catch (IOException e) {
                    problem(INDEX_FILE, 0, "cannot list the folder: " + e.getMessage());
                }
                int filesLine = index.line("files");
                for (String kind : KINDS) {
                    if (!firstFileOfKind.containsKey(kind) && !listed.isEmpty() && !someFileUnreadable) {
                        problem(INDEX_FILE, filesLine, "no listed file holds '" + kind + ":'; the rule set needs it");
                    }
                }
            }
        }
        crossChecks();
        if (!problems.isEmpty()) {
            throw new RuleSetException(source.origin(), problems);
        }
        return new RuleSet(version, vendors, markers, phrases, parameters, wrappers, provisions, dates);
    }

    private YamlNode readYaml(String file, String referrer, int referrerLine) {
        byte[] bytes;
        try {
            bytes = source.read(file);
        } catch (IOException e) {
            problem(file, 0, "cannot read: " + e.getMessage());
            return null;
        }
        if (bytes == null) {
            if (file.equals(INDEX_FILE)) {
                problem(file, 0, "not found: the rules folder must hold ruleset.yaml");
            } else {
                problem(referrer, referrerLine, "listed file '" + file + "' does not exist");
            }
            return null;
        }
        try {
            YamlNode root = YamlReader.read(bytes);
            if (root == null) {
                problem(file, 0, "the file is empty");
            }
            return root;
        } catch (YamlReader.YamlSyntaxException e) {
            problem(file, e.line, e.getMessage());
            return null;
        }
    }

    private void loadFile(String file, int listedLine) {
        YamlNode root = readYaml(file, INDEX_FILE, listedLine);
        if (root == null) {
            someFileUnreadable = true;
            return;
        }
        if (!(root instanceof YamlNode.Mapping map) || map.entries().size() != 1) {
            problem(file, root.line(), "the file must have exactly one top-level key, one of " + KINDS);
            return;
        }
        String kind = map.entries().keySet().iterator().next();
        if (!KINDS.contains(kind)) {
            problem(file, map.lineOf(kind), "unknown top-level key '" + kind + "'; expected one of " + KINDS);
            return;
        }
        firstFileOfKind.putIfAbsent(kind, file);
        firstLineOfKind.putIfAbsent(kind, map.lineOf(kind));
        YamlNode list = map.get(kind);
        if (!(list instanceof YamlNode.Sequence seq)) {
            problem(file, map.lineOf(kind), "'" + kind + ":' must be a list of entries (each starting with '- ')");
            return;
        }
        for (YamlNode item : seq.items()) {
            switch (kind) {
                case "vendors" -> vendor(file, item);
                case "markers" -> marker(file, item);
                case "phrases" -> phrase(file, item);
                case "parameters" -> parameter(file, item);
                case "wrappers" -> wrapper(file, item);
                case "provisions" -> provision(file, item);
                case "dates" -> date(file, item);
                default -> throw new IllegalStateException(kind);
            }
        }
    }

    // --- entries ---------------------------------------------------------------------------------------------------

    private void vendor(String file, YamlNode node) {
        Fields f = new Fields(file, node, "vendor", Set.of("id", "name", "legalName", "country", "category", "source",
                "headers", "patterns", "note", "selfHostable"));
        if (!f.ok()) {
            return;
        }
        String id = f.id();
        String name = f.required("name");
        String legalName = f.required("legalName");
        String country = f.required("country");
        if (country != null && !COUNTRIES.contains(country)) {
            problem(file, f.line("country"), f.label + ": country '" + country
                    + "' is not an ISO 3166-1 alpha-2 code in upper case (e.g. US, FR, DE)");
        }
        String category = f.oneOf("category", VENDOR_CATEGORIES, true);
        String src = f.url("source", true);
        List<String> headers = new ArrayList<>();
        for (YamlNode.Scalar h : f.scalars("headers", false)) {
            if (!HEADER_NAME.matcher(h.text()).matches()) {
                problem(file, h.line(), f.label + ": '" + h.text() + "' is not a header field name");
            } else {
                headers.add(h.text());
            }
        }
        f.optional("note");
        String selfHostable = f.optional("selfHostable");
        if (selfHostable != null && !selfHostable.equals("true") && !selfHostable.equals("false")) {
            problem(file, f.line("selfHostable"), f.label + ": selfHostable must be true or false, not '"
                    + selfHostable + "'");
        }
        List<VendorPattern> patterns = new ArrayList<>();
        YamlNode list = f.node("patterns");
        if (list == null) {
            problem(file, f.line(), f.label + ": missing required field 'patterns'");
        } else if (!(list instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            problem(file, list.line(), f.label + ": 'patterns' must be a non-empty list");
        } else {
            for (YamlNode p : seq.items()) {
                VendorPattern vp = pattern(file, p, id, f.label);
                if (vp != null) {
                    patterns.add(vp);
                }
            }
        }
        if (id != null && name != null) {
            vendors.add(new Vendor(id, name, legalName, country, category, patterns, headers, src,
                    "true".equals(selfHostable)));
        }
    }

    private VendorPattern pattern(String file, YamlNode node, String vendorId, String vendorLabel) {
        Fields f = new Fields(file, node, vendorLabel + ", pattern", Set.of("id", "kind", "host", "hostRegex", "path",
                "source", "examples", "note", "recipientPath", "sharedPath"));
        if (!f.ok()) {
            return null;
        }
        String id = f.id();
        if (id != null && vendorId != null && !id.startsWith(vendorId + ".")) {
            problem(file, f.line("id"), f.label + ": a pattern id must start with its vendor id and a dot ('"
                    + vendorId + ".')");
        }
        String kindText = f.oneOf("kind", Set.of("open", "click", "asset", "confirm"), true);
        Host host = f.host();
        String pathRe = f.optional("path");
        Pattern path = pathRe == null ? null : f.regex("path", pathRe);
        if (host != null && host.glob != null && host.glob.equals("*") && pathRe == null) {
            problem(file, f.line("host"), f.label + ": host '*' (any host) needs a 'path' that identifies the vendor");
        }
        String src = f.patternSource("source");
        f.optional("note");
        String recipientRe = f.optional("recipientPath");
        Pattern recipientPath = recipientRe == null ? null : f.regex("recipientPath", recipientRe);
        if (recipientPath != null && recipientPath.matcher("").groupCount() < 1) {
            problem(file, f.line("recipientPath"), f.label + ": recipientPath needs a group (...) around the id");
            recipientPath = null;
        }
        String sharedRe = f.optional("sharedPath");
        Pattern sharedPath = sharedRe == null ? null : f.regex("sharedPath", sharedRe);
        if (sharedPath != null && sharedPath.matcher("").groupCount() < 1) {
            problem(file, f.line("sharedPath"), f.label + ": sharedPath needs a group (...) around each part that is"
                    + " the same for every recipient");
            sharedPath = null;
        }
        List<YamlNode.Scalar> examples = f.scalars("examples", true);
        List<String> exampleUrls = new ArrayList<>();
        if (host == null || kindText == null || src == null || id == null || (pathRe != null && path == null)
                || (recipientRe != null && recipientPath == null) || (sharedRe != null && sharedPath == null)) {
            return null;
        }
        VendorPattern vp = new VendorPattern(id, PatternKind.valueOf(kindText.toUpperCase(Locale.ROOT)), host.pattern,
                path, src, f.line(), host.rule(), HostGlob.specificity(host.glob, host.regex), List.of(),
                recipientPath, sharedPath);
        for (YamlNode.Scalar ex : examples) {
            String url = ex.text();
            if (urlProblem(url) != null) {
                problem(file, ex.line(), f.label + ": example '" + url + "' is not a well-formed URL: "
                        + urlProblem(url));
            } else if (!vp.matchesUrl(url)) {
                problem(file, ex.line(), f.label + ": example '" + url + "' does not match the pattern (host "
                        + host.rule() + (pathRe == null ? "" : ", path " + pathRe) + ")");
            } else if (recipientPath != null
                    && UrlParts.parse(url).map(u -> vp.recipientId(u.pathAndQuery())).orElse(null) == null) {
                problem(file, ex.line(), f.label + ": example '" + url + "' has no recipient id where recipientPath "
                        + recipientRe + " looks for it");
            } else if (sharedPath != null && UrlParts.parse(url).map(u -> vp.sharedParts(u.pathAndQuery()))
                    .orElse(List.of()).isEmpty()) {
                problem(file, ex.line(), f.label + ": example '" + url + "' has no part where sharedPath " + sharedRe
                        + " looks for one");
            } else if (sharedPath != null && recipientPath != null && UrlParts.parse(url)
                    .map(u -> overlaps(vp.recipientPath(), vp.sharedPath(), u.pathAndQuery())).orElse(false)) {
                problem(file, ex.line(), f.label + ": in example '" + url + "' the recipient id found by recipientPath"
                        + " lies in a part that sharedPath declares the same for every recipient");
            } else {
                exampleUrls.add(url);
            }
        }
        return new VendorPattern(vp.id(), vp.kind(), vp.host(), vp.path(), vp.source(), vp.line(), vp.hostRule(),
                vp.specificity(), exampleUrls, vp.recipientPath(), vp.sharedPath());
    }

    /** @return true when the recipient id (group 1 of {@code recipient}) overlaps a group of {@code shared} */
    private static boolean overlaps(Pattern recipient, Pattern shared, String pathAndQuery) {
        java.util.regex.Matcher r = recipient.matcher(pathAndQuery);
        java.util.regex.Matcher s = shared.matcher(pathAndQuery);
        if (!r.lookingAt() || r.start(1) < 0 || !s.lookingAt()) {
            return false;
        }
        for (int g = 1; g <= s.groupCount(); g++) {
            if (s.start(g) >= 0 && s.start(g) < r.end(1) && r.start(1) < s.end(g)) {
                return true;
            }
        }
        return false;
    }

    private void marker(String file, YamlNode node) {
        Fields f = new Fields(file, node, "marker", Set.of("id", "marker", "language", "target", "pattern",
                "examples", "note"));
        if (!f.ok()) {
            return;
        }
        String id = f.id();
        String marker = f.oneOf("marker", MARKER_TYPES, true);
        String language = f.language();
        String target = f.oneOf("target", MARKER_TARGETS, true);
        Pattern pattern = textPattern(f);
        f.optional("note");
        if (id != null && marker != null && pattern != null) {
            markers.add(new MarkerPhrase(id, marker, language, target, pattern, f.line()));
        }
    }

    private void phrase(String file, YamlNode node) {
        Fields f = new Fields(file, node, "phrase", Set.of("id", "class", "language", "pattern", "examples", "note"));
        if (!f.ok()) {
            return;
        }
        String id = f.id();
        String cls = f.oneOf("class", MESSAGE_CLASSES, true);
        String language = f.language();
        Pattern pattern = textPattern(f);
        f.optional("note");
        if (id != null && cls != null && pattern != null) {
            phrases.add(new ClassificationPhrase(id, cls, language, pattern, f.line()));
        }
    }

    /** Reads {@code pattern} and checks that every {@code examples} entry matches it once normalised. */
    private Pattern textPattern(Fields f) {
        String re = f.required("pattern");
        Pattern p = re == null ? null : f.regex("pattern", re);
        List<YamlNode.Scalar> examples = f.scalars("examples", true);
        if (p != null) {
            boolean accented = re.codePoints().anyMatch(c -> c > 127 && Character.isLetter(c)
                    && !TextNormalization.normalize(Character.toString(c))
                            .equals(Character.toString(c).toLowerCase(Locale.ROOT)));
            if (accented) {
                problem(f.file, f.line("pattern"), f.label + ": pattern '" + re + "' contains accented letters;"
                        + " text is matched with accents removed, so write it without accents");
            }
            for (YamlNode.Scalar ex : examples) {
                String normalized = TextNormalization.normalize(ex.text());
                if (!p.matcher(normalized).find()) {
                    problem(f.file, ex.line(), f.label + ": example '" + ex.text() + "' (normalised: '" + normalized
                            + "') does not match pattern '" + re + "'");
                }
            }
        }
        return p;
    }

    private void parameter(String file, YamlNode node) {
        Fields f = new Fields(file, node, "parameter", Set.of("id", "name", "scope", "vendor", "source", "examples",
                "note", "onVendorUrlsOnly", "valuePattern"));
        if (!f.ok()) {
            return;
        }
        String id = f.id();
        String nameRe = f.required("name");
        Pattern name = nameRe == null ? null : f.regex("name", nameRe);
        String scope = f.oneOf("scope", PARAMETER_SCOPES, true);
        String vendor = f.optional("vendor");
        String src = f.patternSource("source");
        f.optional("note");
        String vendorOnly = f.optional("onVendorUrlsOnly");
        if (vendorOnly != null && !vendorOnly.equals("true") && !vendorOnly.equals("false")) {
            problem(file, f.line(), f.label + ": onVendorUrlsOnly must be true or false, not '" + vendorOnly + "'");
        }
        boolean onVendorUrlsOnly = "true".equals(vendorOnly);
        String valueRe = f.optional("valuePattern");
        Pattern valuePattern = valueRe == null ? null : f.regex("valuePattern", valueRe);
        if (valuePattern != null && valuePattern.matcher("").groupCount() < 1) {
            problem(file, f.line(), f.label + ": valuePattern needs a group around the id");
        }
        if (onVendorUrlsOnly && vendor == null) {
            problem(file, f.line(), f.label + ": onVendorUrlsOnly needs a vendor");
        }
        for (YamlNode.Scalar ex : f.scalars("examples", false)) {
            if (name != null && !name.matcher(ex.text()).matches()) {
                problem(file, ex.line(), f.label + ": example parameter name '" + ex.text()
                        + "' does not match name '" + nameRe + "' (the whole name must match)");
            }
        }
        if (id != null && name != null && scope != null) {
            TrackingParameter tp = new TrackingParameter(id, name, scope, vendor, src, f.line(),
                    onVendorUrlsOnly, valuePattern);
            parameters.add(tp);
            parameterFiles.put(tp, file);
            if (vendor != null) {
                parameterVendorRefs.put(tp, vendor);
            }
        }
    }

    private void wrapper(String file, YamlNode node) {
        Fields f = new Fields(file, node, "wrapper", Set.of("id", "name", "host", "hostRegex", "path", "parameter",
                "encoding", "source", "examples", "note"));
        if (!f.ok()) {
            return;
        }
        String id = f.id();
        String name = f.required("name");
        Host host = f.host();
        if (host != null && "*".equals(host.glob)) {
            problem(file, f.line("host"), f.label + ": a link wrapper needs a real host, not '*'");
            host = null;
        }
        String pathRe = f.optional("path");
        Pattern path = pathRe == null ? null : f.regex("path", pathRe);
        String encoding = f.oneOf("encoding", LinkWrapper.ENCODINGS, true);
        String parameter = f.optional("parameter");
        if (encoding != null && LinkWrapper.PARAMETER_ENCODINGS.contains(encoding) && parameter == null) {
            problem(file, f.line("encoding"), f.label + ": encoding '" + encoding
                    + "' needs 'parameter' (the query parameter that holds the URL)");
        }
        String note = f.optional("note");
        if (LinkWrapper.OPAQUE.equals(encoding) && note == null) {
            problem(file, f.line("encoding"), f.label + ": an opaque wrapper needs a 'note' saying what cannot be"
                    + " decoded");
        }
        String src = f.patternSource("source");
        YamlNode exNode = f.node("examples");
        List<YamlNode> exItems = List.of();
        if (exNode == null) {
            problem(file, f.line(), f.label + ": missing required field 'examples'");
        } else if (!(exNode instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            problem(file, exNode.line(), f.label + ": 'examples' must be a non-empty list of {url, wrapped}");
        } else {
            exItems = seq.items();
        }
        if (id == null || host == null || encoding == null || (pathRe != null && path == null)) {
            return;
        }
        LinkWrapper w = new LinkWrapper(id, name, host.pattern, parameter, encoding, src, f.line(), path, note,
                List.of());
        List<WrapperExample> examples = new ArrayList<>();
        for (YamlNode item : exItems) {
            Fields ef = new Fields(file, item, f.label + ", example", Set.of("url", "wrapped"));
            if (!ef.ok()) {
                continue;
            }
            String url = ef.required("url");
            String wrapped = ef.optional("wrapped");
            if (url == null) {
                continue;
            }
            int line = ef.line("url");
            if (urlProblem(url) != null) {
                problem(file, line, f.label + ": example url '" + url + "' is not well formed: " + urlProblem(url));
            } else if (!w.matches(url)) {
                problem(file, line, f.label + ": example url '" + url + "' does not match host " + host.rule()
                        + (pathRe == null ? "" : " and path " + pathRe));
            } else if (wrapped == null && w.decodable()) {
                problem(file, ef.line(), f.label + ": example needs 'wrapped' (the URL it unwraps to)");
            } else if (wrapped != null && !w.decodable()) {
                problem(file, ef.line("wrapped"), f.label + ": an opaque wrapper's example cannot state 'wrapped'");
            } else if (wrapped != null && !w.unwrap(url).map(wrapped::equals).orElse(false)) {
                problem(file, ef.line("wrapped"), f.label + ": example url unwraps to '"
                        + w.unwrap(url).orElse("(nothing)") + "', not to the stated '" + wrapped + "'");
            } else {
                examples.add(new WrapperExample(url, wrapped));
            }
        }
        wrappers.add(new LinkWrapper(w.id(), name, w.host(), parameter, encoding, src, w.line(), path, note,
                examples));
    }

    private void provision(String file, YamlNode node) {
        Fields f = new Fields(file, node, "provision", Set.of("id", "reference", "summaryFr", "summaryEn",
                "sourceUrl", "sourceTitle", "confidence", "note", "referenceEn", "kind"));
        if (!f.ok()) {
            return;
        }
        String id = f.id();
        String reference = f.required("reference");
        String fr = f.required("summaryFr");
        String en = f.required("summaryEn");
        String title = f.optional("sourceTitle");
        String url = f.url("sourceUrl", title == null);
        SourceConfidence confidence = f.confidence();
        String note = f.optional("note");
        String referenceEn = f.optional("referenceEn");
        String kind = f.oneOf("kind", PROVISION_KINDS, false);
        if (id != null && reference != null && (url != null || title != null) && confidence != null) {
            provisions.add(new LegalProvision(id, reference, fr, en, url, confidence, note, referenceEn,
                    kind == null ? null : ProvisionKind.fromCode(kind), title));
        }
    }

    private void date(String file, YamlNode node) {
        Fields f = new Fields(file, node, "date", Set.of("id", "date", "labelFr", "labelEn", "sourceUrl",
                "sourceTitle", "confidence", "note"));
        if (!f.ok()) {
            return;
        }
        String id = f.id();
        String text = f.required("date");
        LocalDate date = null;
        if (text != null) {
            try {
                if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw new DateTimeParseException("shape", text, 0);
                }
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problem(file, f.line("date"), f.label + ": date '" + text + "' is not a calendar date YYYY-MM-DD");
            }
        }
        String fr = f.required("labelFr");
        String en = f.required("labelEn");
        String title = f.optional("sourceTitle");
        String url = f.url("sourceUrl", title == null);
        SourceConfidence confidence = f.confidence();
        String note = f.optional("note");
        if (id != null && date != null && confidence != null) {
            dates.add(new KeyDate(id, date, fr, en, url, confidence, note, title));
        }
    }

    private void crossChecks() {
        Set<String> vendorIds = new LinkedHashSet<>();
        vendors.forEach(v -> vendorIds.add(v.id()));
        parameterVendorRefs.forEach((tp, vendor) -> {
            if (!vendorIds.contains(vendor) && !someFileUnreadable && !idOwners.containsKey(vendor)) {
                problem(parameterFiles.get(tp), tp.line(), "parameter '" + tp.id() + "': vendor '" + vendor
                        + "' is not the id of any vendor");
            }
        });
        if (firstFileOfKind.containsKey("provisions")) {
            Set<String> have = new LinkedHashSet<>();
            provisions.forEach(p -> have.add(p.id()));
            for (String id : FIXED_PROVISION_IDS) {
                if (!have.contains(id) && !idOwners.containsKey(id)) {
                    problem(firstFileOfKind.get("provisions"), firstLineOfKind.get("provisions"),
                            "fixed provision id '" + id + "' is missing (assess and the dossier templates cite it)");
                }
            }
        }
        if (firstFileOfKind.containsKey("dates")) {
            Set<String> have = new LinkedHashSet<>();
            dates.forEach(d -> have.add(d.id()));
            for (String id : FIXED_DATE_IDS) {
                if (!have.contains(id) && !idOwners.containsKey(id)) {
                    problem(firstFileOfKind.get("dates"), firstLineOfKind.get("dates"),
                            "fixed date id '" + id + "' is missing (assess or the dossier uses it for the timeline)");
                }
            }
        }
    }

    // --- field access ----------------------------------------------------------------------------------------------

    /** @return why {@code url} is not a well-formed absolute http(s) URL, or {@code null} when it is */
    static String urlProblem(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                    || uri.getScheme().equalsIgnoreCase("https"))) {
                return "it must start with http:// or https://";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "it has no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return e.getReason() + " at index " + e.getIndex();
        }
    }

    /** A host rule: a glob or a regex, compiled. */
    private record Host(String glob, String regex, Pattern pattern) {
        String rule() {
            return glob != null ? glob : "regex:" + regex;
        }
    }

    /** Typed, located access to the fields of one entry, reporting problems as it goes. */
    private final class Fields {
        final String file;
        final YamlNode.Mapping map;
        final int line;
        String label;

        Fields(String file, YamlNode node, String what, Set<String> allowed) {
            this.file = file;
            this.line = node.line();
            this.label = what;
            if (node instanceof YamlNode.Mapping m) {
                this.map = m;
                for (String key : m.entries().keySet()) {
                    if (!allowed.contains(key)) {
                        problem(file, m.lineOf(key), what + ": unknown field '" + key + "'; allowed: "
                                + new TreeSet<>(allowed));
                    }
                }
            } else {
                this.map = null;
                problem(file, node.line(), what + ": expected a mapping of fields (key: value), found "
                        + node.shape());
            }
        }

        boolean ok() {
            return map != null;
        }

        int line() {
            return line;
        }

        int line(String key) {
            return map.lineOf(key);
        }

        YamlNode node(String key) {
            return map.get(key);
        }

        /** Reads {@code id}, checks its shape and uniqueness, and names the entry after it in later messages. */
        String id() {
            String id = required("id");
            if (id == null) {
                return null;
            }
            String what = label;
            label = label + " '" + id + "'";
            if (!ID.matcher(id).matches()) {
                problem(file, line("id"), what + ": id '" + id + "' must be lower case: letters, digits, '.', '-', '_'");
                return null;
            }
            String where = file + ":" + line("id");
            String previous = idOwners.putIfAbsent(id, where);
            if (previous != null) {
                problem(file, line("id"), what + ": duplicate id '" + id + "', already used at " + previous
                        + " (ids are unique across all rule files)");
                return null;
            }
            return id;
        }

        String required(String key) {
            YamlNode n = map.get(key);
            if (n == null) {
                problem(file, line, label + ": missing required field '" + key + "'");
                return null;
            }
            return scalar(key, n, true);
        }

        String optional(String key) {
            YamlNode n = map.get(key);
            return n == null ? null : scalar(key, n, false);
        }

        private String scalar(String key, YamlNode n, boolean required) {
            if (n instanceof YamlNode.Scalar s) {
                if (s.isNull() || s.text().isBlank()) {
                    if (required) {
                        problem(file, s.line(), label + ": field '" + key + "' is empty");
                    }
                    return null;
                }
                return s.text();
            }
            problem(file, n.line(), label + ": field '" + key + "' must be a single value, found " + n.shape());
            return null;
        }

        String oneOf(String key, Set<String> allowed, boolean required) {
            String v = required ? required(key) : optional(key);
            if (v != null && !allowed.contains(v)) {
                problem(file, line(key), label + ": " + key + " '" + v + "' is not one of " + new TreeSet<>(allowed));
                return null;
            }
            return v;
        }

        String language() {
            String v = required("language");
            if (v != null && !LANGUAGE.matcher(v).matches()) {
                problem(file, line("language"), label + ": language '" + v + "' is not an ISO 639-1 code (fr, en...)");
            }
            return v;
        }

        SourceConfidence confidence() {
            String v = oneOf("confidence", Set.of("primary", "secondary", "open"), true);
            return v == null ? null : SourceConfidence.valueOf(v.toUpperCase(Locale.ROOT));
        }

        String url(String key, boolean required) {
            String v = required ? required(key) : optional(key);
            if (v != null && urlProblem(v) != null) {
                problem(file, line(key), label + ": " + key + " '" + v + "' is not a well-formed http(s) URL: "
                        + urlProblem(v));
                return null;
            }
            return v;
        }

        /** A source that is a URL, or an honest note starting with {@value #OBSERVED_PREFIX}. */
        String patternSource(String key) {
            String v = required(key);
            if (v == null) {
                return null;
            }
            if (v.startsWith(OBSERVED_PREFIX)) {
                return v;
            }
            if (urlProblem(v) != null) {
                problem(file, line(key), label + ": " + key + " must be a documentation URL or start with '"
                        + OBSERVED_PREFIX + "', not '" + v + "'");
                return null;
            }
            return v;
        }

        Pattern regex(String key, String re) {
            try {
                Pattern p = Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                String unsafe = RegexSafety.problem(re);
                if (unsafe != null) {
                    problem(file, line(key), label + ": " + key + " '" + re + "': " + unsafe);
                    return null;
                }
                return p;
            } catch (PatternSyntaxException e) {
                problem(file, line(key), label + ": " + key + " '" + re + "' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
                return null;
            }
        }

        Host host() {
            String glob = optional("host");
            String regex = optional("hostRegex");
            if ((glob == null) == (regex == null)) {
                problem(file, line, label + ": give exactly one of 'host' (a glob) and 'hostRegex'");
                return null;
            }
            if (glob != null) {
                String p = HostGlob.problem(glob);
                if (p != null) {
                    problem(file, line("host"), label + ": " + p);
                    return null;
                }
                return new Host(glob, null, HostGlob.compile(glob));
            }
            Pattern p = regex("hostRegex", regex);
            return p == null ? null : new Host(null, regex, HostGlob.bounded(p));
        }

        /** A list of non-empty scalars; a single scalar is accepted as a list of one. */
        List<YamlNode.Scalar> scalars(String key, boolean required) {
            YamlNode n = map.get(key);
            if (n == null) {
                if (required) {
                    problem(file, line, label + ": missing required field '" + key + "'");
                }
                return List.of();
            }
            List<YamlNode> items = n instanceof YamlNode.Sequence s ? s.items() : List.of(n);
            List<YamlNode.Scalar> out = new ArrayList<>();
            for (YamlNode item : items) {
                if (item instanceof YamlNode.Scalar s && !s.isNull() && !s.text().isBlank()) {
                    out.add(s);
                } else {
                    problem(file, item.line(), label + ": each entry of '" + key + "' must be a non-empty value");
                }
            }
            if (required && out.isEmpty() && items.isEmpty()) {
                problem(file, n.line(), label + ": '" + key + "' must not be empty");
            }
            return out;
        }
    }
}
