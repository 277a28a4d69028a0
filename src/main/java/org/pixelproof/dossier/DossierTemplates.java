package org.pixelproof.dossier;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.RawString;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.ValueResolver;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.pixelproof.detect.DetectLabels;
import org.pixelproof.ingest.Anomaly;

/**
 * Renders dossiers and letters from the Qute templates of {@code templates/dossier/{fr,en}/} and
 * {@code templates/letters/{fr,en}/}, with a standalone Qute engine: no Quarkus needed, so it works the same in plain
 * JUnit, in the command line and in the web application.
 *
 * <p>The engine: Qute's default sections and value resolvers, a reflection resolver for the records' accessors,
 * strict rendering (an unknown name in a template fails the rendering instead of printing nothing), XHTML escaping
 * for {@code .xhtml} and {@code .html} templates (with the characters XML 1.0 forbids removed) and none for
 * {@code .txt}, where every value is written on one line instead (see {@link #oneLine(String)}: a value taken from
 * the e-mail cannot add a line or a paragraph to a letter). Qute's {@code raw} and {@code safe} resolvers are deliberately not registered: they would shadow
 * record components named {@code raw} (a header's raw value) and print objects unescaped.
 *
 * <p>Dates are written by Java, not by the templates: {@code {someDate.text}} gives a {@link LocalDate},
 * {@link OffsetDateTime} or {@link Instant} in the template's language ({@code 12 mai 2026}); times, whatever their
 * offset, are written in Paris time with UTC in brackets ({@code 17 mars 2015 à 03:43 (heure de Paris ; 02:43 UTC)},
 * {@code 17 March 2015, 03:43 (Paris time; 02:43 UTC)}); {@code {someDate.iso}} gives the ISO-8601 form.
 * Numbers are grouped by {@code {n.grouped}}: {@code 59 697} in French (no-break space), {@code 59,697} in English.
 * {@code {someString.markup}} writes a string that already is XHTML (the e-mail's safe rendering) without escaping
 * it; nothing else is ever written unescaped. {@code {name.withDe}} writes the French preposition "de" before a name,
 * elided before a vowel ({@code d'Amazon}, {@code d'Alex Martin}, {@code de Jean Petit}). {@code {code.label}} writes
 * a stable code of the detector ({@code CSS_HIDDEN}, {@code SENDER_SUBDOMAIN_OPERATOR_UNKNOWN}...) in the template's
 * language, {@code {encoding.encodingLabel}} how the recipient's address was encoded ({@code sha256} gives "hachée
 * SHA-256"), {@code {anomaly.label}} a reading anomaly, and {@code {identifierRow.whereLabel}} where the recipient's
 * address was found (see {@link DetectLabels}).
 *
 * <p>The French templates ({@code dossier/fr/}, {@code letters/fr/}) get French typography when loaded: non-breaking
 * spaces before {@code : ; ! ?} and inside guillemets, so that punctuation never starts a line (see
 * {@link FrenchTypography}); values inserted by the rendering are left as they are.
 *
 * <p>Letters are written as plain text so that one template gives both the {@code .txt} download and the PDF: a
 * first line {@code # Title} is the title, blank lines separate paragraphs, lines starting with {@code - } are list
 * items, other line breaks are kept.
 *
 * <p>Thread-safe: templates are parsed once and cached.
 */
public final class DossierTemplates {
    private static final Pattern INVALID_XML = Pattern.compile(
            "[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

    private final Engine engine;

    private DossierTemplates(Function<String, Optional<String>> source) {
        this.engine = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(String.class).applyToName("markup")
                        .priority(20).resolveSync(ctx -> new RawString((String) ctx.getBase())).build())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(String.class).applyToName("withDe")
                        .priority(20).resolveSync(ctx -> withDe((String) ctx.getBase())).build())
                .addValueResolvers(dateResolvers())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(String.class).applyToName("shown")
                        .priority(20).resolveSync(ctx -> shown((String) ctx.getBase(), english(ctx))).build())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(Number.class).applyToName("grouped")
                        .priority(20).resolveSync(ctx -> grouped(((Number) ctx.getBase()).longValue(),
                                english(ctx))).build())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(Dossier.MessageIdentification.class)
                        .applyToName("quotedSubject").priority(20).resolveSync(ctx -> nestedQuotes(
                                ((Dossier.MessageIdentification) ctx.getBase()).subject(), english(ctx))).build())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(String.class).applyToName("label")
                        .priority(20).resolveSync(ctx -> DetectLabels.label((String) ctx.getBase(), locale(ctx)))
                        .build())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(String.class).applyToName("encodingLabel")
                        .priority(20).resolveSync(ctx -> DetectLabels.encoding((String) ctx.getBase(), locale(ctx)))
                        .build())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(Anomaly.class).applyToName("label")
                        .priority(20).resolveSync(ctx -> DetectLabels.label(
                                "anomaly." + ((Anomaly) ctx.getBase()).code().name(), locale(ctx))).build())
                .addValueResolver(ValueResolver.builder().applyToBaseClass(Dossier.IdentifierRow.class)
                        .applyToName("whereLabel").priority(20).resolveSync(ctx -> {
                            Dossier.IdentifierRow r = (Dossier.IdentifierRow) ctx.getBase();
                            return DetectLabels.where(r.whereCode(), r.whereName(), locale(ctx));
                        }).build())
                .addLocator(locator(source))
                .addResultMapper(new ValueMapper())
                .strictRendering(true)
                .removeStandaloneLines(true)
                .build();
    }

    /** @return templates read from the application's classpath, folder {@code templates/}. */
    public static DossierTemplates standard() {
        ClassLoader cl = DossierTemplates.class.getClassLoader();
        return new DossierTemplates(id -> {
            try (InputStream in = cl.getResourceAsStream("templates/" + id)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(),
                        StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * @param folder a folder laid out like {@code templates/} (holding {@code dossier/} and {@code letters/}), e.g. a
     *               lawyer's edited copy
     * @return templates read from that folder
     */
    public static DossierTemplates fromFolder(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        return new DossierTemplates(id -> {
            Path p = root.resolve(id).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * @param dossier the dossier
     * @return the dossier as an XHTML document with its print CSS, ready for the PDF renderer; the letters
     *         ({@link Dossier#letterKinds()}) are included, and an English dossier also holds the French text of the
     *         complaint, the one to file
     */
    public String dossierXhtml(Dossier dossier) {
        List<RenderedLetter> letters = new ArrayList<>();
        for (LetterKind kind : dossier.letterKinds()) {
            letters.add(renderedLetter(dossier, kind));
            if (kind == LetterKind.CNIL_COMPLAINT && dossier.language() != Language.FR) {
                // the CNIL processes complaints in French: the French text, the one to file, follows
                RenderedLetter fr = renderedLetter(dossier.inLanguage(Language.FR), kind);
                letters.add(new RenderedLetter(kind, kind.slug() + "-fr", fr.title(), fr.body()));
            }
        }
        return instance("dossier/" + dossier.language().code() + "/dossier.xhtml", dossier)
                .data("d", dossier)
                .data("letters", letters)
                .render();
    }

    /**
     * @param dossier the dossier whose complainant, sender and findings the letter quotes
     * @param kind    which letter
     * @return the letter as plain text (UTF-8, {@code \n} line ends); when the dossier supports no complaint
     *         ({@link Dossier#complaintPossible()} false: no tracker found), a short note saying why no letter is
     *         prepared (template {@code letters/<lang>/no-complaint.txt}), whatever {@code kind}
     */
    public String letterText(Dossier dossier, LetterKind kind) {
        String name = dossier.complaintPossible() ? kind.slug() : "no-complaint";
        // the words shared with the dossier (dossier/<lang>/words/*.xhtml) come escaped for XHTML: plain text
        // wants the characters themselves
        return unescapeXml(instance("letters/" + dossier.language().code() + "/" + name + ".txt", dossier)
                .data("d", dossier)
                .render()
                .strip()) + "\n";
    }

    /** @return {@code s} with the five XML entities {@link #escape(String)} writes turned back into characters. */
    static String unescapeXml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    /**
     * @param dossier the dossier
     * @param kind    which letter
     * @return the letter alone as an XHTML document with its print CSS, for a one-letter PDF
     */
    public String letterXhtml(Dossier dossier, LetterKind kind) {
        return instance("letters/" + dossier.language().code() + "/letter.xhtml", dossier)
                .data("d", dossier)
                .data("letter", renderedLetter(dossier, kind))
                .render();
    }

    private RenderedLetter renderedLetter(Dossier dossier, LetterKind kind) {
        String text = letterText(dossier, kind);
        String title = null;
        String body = text;
        if (text.startsWith("# ")) {
            int nl = text.indexOf('\n');
            title = (nl < 0 ? text.substring(2) : text.substring(2, nl)).strip();
            body = nl < 0 ? "" : text.substring(nl + 1);
        }
        return new RenderedLetter(kind, kind.slug(), title, new RawString(toXhtml(body)));
    }

    /**
     * A letter rendered for inclusion in an XHTML page.
     *
     * @param kind  which letter
     * @param slug  its slug, usable as an XHTML id
     * @param title its title (the first line {@code # ...}), or {@code null}
     * @param body  its paragraphs as XHTML, already escaped
     */
    public record RenderedLetter(LetterKind kind, String slug, String title, RawString body) {
    }

    /** @return the letter text as XHTML paragraphs, lists and line breaks, every character escaped. */
    static String toXhtml(String text) {
        StringBuilder sb = new StringBuilder();
        for (String block : text.strip().split("\\n\\s*\\n")) {
            List<String> lines = block.lines().toList();
            int i = 0;
            while (i < lines.size()) {
                boolean item = lines.get(i).startsWith("- ");
                int j = i;
                while (j < lines.size() && lines.get(j).startsWith("- ") == item) {
                    j++;
                }
                if (item) {
                    sb.append("<ul>");
                    for (String l : lines.subList(i, j)) {
                        sb.append("<li>").append(escape(l.substring(2))).append("</li>");
                    }
                    sb.append("</ul>\n");
                } else {
                    sb.append("<p>");
                    for (int k = i; k < j; k++) {
                        if (k > i) {
                            sb.append("<br/>");
                        }
                        sb.append(escape(lines.get(k)));
                    }
                    sb.append("</p>\n");
                }
                i = j;
            }
        }
        return sb.toString();
    }

    /** @return {@code s} escaped for XHTML text and attributes, with the characters XML 1.0 forbids removed. */
    public static String escape(String s) {
        String clean = INVALID_XML.matcher(s).replaceAll("");
        StringBuilder sb = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private TemplateInstance instance(String id, Dossier dossier) {
        Template t = engine.getTemplate(id);
        if (t == null) {
            throw new IllegalStateException("template not found: templates/" + id);
        }
        return t.instance().setLocale(dossier.language().locale());
    }

    /**
     * @param name a name, may be {@code null}
     * @return "de" and the name, elided before a vowel as French writes it ({@code d'Amazon}, {@code d'Élise},
     *         {@code de Jean}); names starting with h or y are not elided (h aspiré, {@code de Yahoo})
     */
    static String withDe(String name) {
        if (name == null || name.isEmpty()) {
            return "de";
        }
        char c = java.text.Normalizer.normalize(name.substring(0, 1), java.text.Normalizer.Form.NFD).charAt(0);
        return "aeiouAEIOU".indexOf(c) >= 0 ? "d'" + name : "de " + name;
    }

    private static TemplateLocator locator(Function<String, Optional<String>> source) {
        return id -> {
            for (String candidate : List.of(id, id + ".xhtml", id + ".txt", id + ".html")) {
                Optional<String> text = source.apply(candidate);
                if (text.isPresent()) {
                    String content = candidate.startsWith("dossier/fr/") || candidate.startsWith("letters/fr/")
                            ? FrenchTypography.template(text.get()) : text.get();
                    Variant variant = new Variant(Locale.ROOT, StandardCharsets.UTF_8,
                            candidate.endsWith(".txt") ? Variant.TEXT_PLAIN : "application/xhtml+xml");
                    return Optional.of(new TemplateLocator.TemplateLocation() {
                        @Override
                        public Reader read() {
                            return new StringReader(content);
                        }

                        @Override
                        public Optional<Variant> getVariant() {
                            return Optional.of(variant);
                        }
                    });
                }
            }
            return Optional.empty();
        };
    }

    /**
     * Maps every value a template writes: in a {@code .txt} template (the letters) and in the shared words of
     * {@code dossier/<lang>/words/} (which the letters include), line breaks and other control characters are
     * collapsed to a space ({@link #oneLine(String)}); in an {@code .xhtml} or {@code .html} template the value is
     * then escaped, unless it is raw. A letter's lines are the template's own, never a value's: a subject, a display
     * name or a footer address taken from the e-mail cannot write a paragraph into the complainant's letter. The
     * complainant's postal address keeps its lines because the templates write it line by line
     * ({@code postalAddressLines}). A From domain disguised with look-alike characters is written in a readable
     * and truthful form ({@link LookalikeDomainText}), except in a header's raw value ({@code {h.raw}}), which the
     * annex quotes exactly.
     */
    private static final class ValueMapper implements ResultMapper {
        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return oneLineIn(origin) || !(result instanceof RawString) && !text(origin);
        }

        @Override
        public String map(Object result, Expression expression) {
            TemplateNode.Origin origin = expression.getOrigin();
            String s = result.toString();
            if (oneLineIn(origin)) {
                s = oneLine(s);
            }
            if (result instanceof RawString) {
                return s;
            }
            if (!quotedExactly(expression)) {
                s = LookalikeDomainText.readable(s, english(origin));
            }
            return text(origin) ? s : escape(s);
        }

        /** @return true for a header's raw value ({@code {h.raw}}), quoted byte for byte in the annex */
        private static boolean quotedExactly(Expression expression) {
            return expression.toOriginalString().endsWith(".raw");
        }

        private static boolean english(TemplateNode.Origin origin) {
            String id = origin.getTemplateId();
            return id != null && (id.startsWith("dossier/en/") || id.startsWith("letters/en/"));
        }

        private static boolean text(TemplateNode.Origin origin) {
            return origin.getVariant().map(v -> Variant.TEXT_PLAIN.equals(v.getContentType())).orElse(false);
        }

        private static boolean oneLineIn(TemplateNode.Origin origin) {
            String id = origin.getTemplateId();
            return text(origin) || id != null && id.matches("dossier/[a-z]+/words/.*");
        }
    }

    /**
     * Line breaks and other control characters: C0 and C1 controls (CR, LF, tab, vertical tab, form feed, NEL
     * U+0085...), DEL, and the Unicode line and paragraph separators U+2028 and U+2029, with the spaces around them.
     */
    private static final Pattern LINE_BREAKS = Pattern.compile(
            "[\\p{Zs}\\p{Cc}\\u2028\\u2029]*[\\p{Cc}\\u2028\\u2029][\\p{Zs}\\p{Cc}\\u2028\\u2029]*");

    /**
     * @param s a value, may be {@code null}
     * @return {@code s} with each run of line breaks and other control characters (and the spaces around it) made one
     *         space, so that it stays on one line of a letter (RFC 2047 lets an encoded header carry any of them:
     *         {@code =?utf-8?q?a=0A=0Ab?=}); {@code null} for {@code null}
     */
    public static String oneLine(String s) {
        if (s == null) {
            return null;
        }
        return LINE_BREAKS.matcher(s).replaceAll(" ");
    }

    private static final DateTimeFormatter DATE_FR = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.FRANCE);
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private static ValueResolver[] dateResolvers() {
        return new ValueResolver[] {
            ValueResolver.builder().applyToBaseClass(LocalDate.class).applyToName("text").priority(20)
                    .resolveSync(ctx -> date((LocalDate) ctx.getBase(), english(ctx))).build(),
            ValueResolver.builder().applyToBaseClass(LocalDate.class).applyToName("iso").priority(20)
                    .resolveSync(ctx -> ctx.getBase().toString()).build(),
            ValueResolver.builder().applyToBaseClass(OffsetDateTime.class).applyToName("text").priority(20)
                    .resolveSync(ctx -> dateTime((OffsetDateTime) ctx.getBase(), english(ctx))).build(),
            ValueResolver.builder().applyToBaseClass(OffsetDateTime.class).applyToName("iso").priority(20)
                    .resolveSync(ctx -> ctx.getBase().toString()).build(),
            ValueResolver.builder().applyToBaseClass(Instant.class).applyToName("text").priority(20)
                    .resolveSync(ctx -> {
                        var t = ((Instant) ctx.getBase()).atZone(DossierBuilder.ZONE);
                        return date(t.toLocalDate(), english(ctx)) + (english(ctx) ? ", " : " \u00e0 ")
                                + TIME.format(t) + (english(ctx) ? " (Paris time)" : " (heure de Paris)");
                    }).build(),
            ValueResolver.builder().applyToBaseClass(Instant.class).applyToName("iso").priority(20)
                    .resolveSync(ctx -> ctx.getBase().toString()).build(),
        };
    }

    /**
     * @return the time in Paris with UTC in brackets, the one way every time of the dossier is written:
     *         {@code 17 mars 2015 à 03:43 (heure de Paris ; 02:43 UTC)}, {@code 17 March 2015, 03:43 (Paris time;
     *         02:43 UTC)}
     */
    static String dateTime(OffsetDateTime t, boolean english) {
        var paris = t.atZoneSameInstant(DossierBuilder.ZONE);
        String utc = TIME.format(t.withOffsetSameInstant(java.time.ZoneOffset.UTC));
        if (english) {
            return date(paris.toLocalDate(), true) + ", " + TIME.format(paris) + " (Paris time; " + utc + " UTC)";
        }
        return date(paris.toLocalDate(), false) + " \u00e0 " + TIME.format(paris) + " (heure de Paris\u202F; " + utc
                + " UTC)";
    }

    /** @return the template's locale (French unless set to English). */
    /**
     * Longest URL a dossier or a letter writes out, in characters: 2,000, twice the longest tracker URL of the real
     * corpus (1,033 characters; 99 % are under 1,000). Cutting here keeps a hostile message's long URLs out of the
     * document's text, which the renderer would otherwise hold in memory several times over and lay out character by
     * character: 640 tracking pixels of 8,000-character URLs took 70 s to render with a limit of 8,000, 22 s with
     * this one. The attached original keeps every URL whole.
     */
    static final int MAX_SHOWN_URL_CHARS = 2_000;

    /**
     * @param url     a URL as the analysis holds it
     * @param english true for the English marker
     * @return {@code url}, or its first {@link #MAX_SHOWN_URL_CHARS} characters followed by a marker saying how many
     *         were left out and that the attached original holds them all
     */
    static String shown(String url, boolean english) {
        if (url == null || url.length() <= MAX_SHOWN_URL_CHARS) {
            return url;
        }
        String n = grouped(url.length() - MAX_SHOWN_URL_CHARS, english);
        return url.substring(0, MAX_SHOWN_URL_CHARS) + (english
                ? " [… " + n + " more characters, in the attached original]"
                : " [… " + n + " caractères de plus, dans l'original joint]");
    }

    /** The French digit-group separator: U+00A0, a non-breaking space, so that a number never breaks over lines. */
    public static final char FRENCH_DIGIT_GROUPS = '\u00A0';

    /**
     * @param n       a number (a size in bytes, a count)
     * @param english true for English
     * @return {@code n} with its digits grouped by three as the language writes them: {@code 59,697} in English,
     *         {@code 59 697} in French (separated by {@link #FRENCH_DIGIT_GROUPS}, as the French typography of the
     *         templates does); four-digit numbers are grouped too ({@code 1 234}), so that sizes read alike. The web
     *         pages use it too, so that a size reads the same on the page and in the dossier
     */
    public static String grouped(long n, boolean english) {
        String s = String.format(Locale.ROOT, "%,d", n);
        return english ? s : s.replace(',', FRENCH_DIGIT_GROUPS);
    }

    private static Locale locale(io.quarkus.qute.EvalContext ctx) {
        return english(ctx) ? Locale.ENGLISH : Locale.FRENCH;
    }

    /**
     * A value from the e-mail that a template writes between quotation marks (the subject: « ... » in French, “...” in
     * English), with the quotation marks it holds itself turned into the nested ones (“ ” inside « », ‘ ’ inside “ ”),
     * so that the sender cannot close the quotation and have the rest of the subject read as the complainant's own
     * words ("Soldes » J'ai consenti au suivi « fin").
     *
     * @param value   the value, or {@code null}
     * @param english true for an English document
     * @return the value with its quotation marks nested, or {@code null}
     */
    static String nestedQuotes(String value, boolean english) {
        if (value == null) {
            return null;
        }
        return english
                ? value.replace('\u201C', '\u2018').replace('\u201D', '\u2019').replace('"', '\'')
                : value.replace('\u00AB', '\u201C').replace('\u00BB', '\u201D');
    }

    private static boolean english(io.quarkus.qute.EvalContext ctx) {
        Object locale = ctx.getAttribute(TemplateInstance.LOCALE);
        return locale instanceof Locale l && "en".equals(l.getLanguage());
    }

    /** @return {@code d} as the dossier writes it: "1er mars 2026" or "1 March 2026". */
    static String date(LocalDate d, boolean english) {
        if (english) {
            return DATE_EN.format(d);
        }
        String s = DATE_FR.format(d);
        return d.getDayOfMonth() == 1 ? "1er" + s.substring(1) : s;
    }
}
