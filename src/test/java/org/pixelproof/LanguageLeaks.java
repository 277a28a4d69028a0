package org.pixelproof;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Finds what a reader should never see in a text the product writes in a language: the internal codes of the
 * pipeline ({@code subject-confirmation}, {@code CSS_HIDDEN}) and, in a French text, English prose ("(check key
 * fails)"). Test helper for the pages, the dossier and the letters.
 *
 * <p>What the message itself says is evidence and stays as it is: quoted text (« », “ ”, {@code <q>}), code and URL
 * elements are left out, and a word the message itself contains (its decoded headers, its bodies and their visible
 * text) is not reported, so that an English subject or a {@code data-id} attribute quoted in a French dossier passes.
 */
public final class LanguageLeaks {
    /** Elements whose text is the message's own, or a technical value shown as such. */
    private static final String EVIDENCE = "code, pre, q, samp, kbd, iframe, script, style, title, .mono, .url, "
            + ".excerpt, .headers, .annex-render, .pp-preview, .marker-text, .evidence, .running-header";
    /** A lower-case code with hyphens ({@code promotional-wording}) or an upper-case one with underscores. */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    /** Words made of letters, digits, hyphens and apostrophes. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_'’-]*");
    /** Words written with hyphens in ordinary French or English prose, never codes. */
    private static final Set<String> PROSE_COMPOUNDS = Set.of("e-mail", "e-mails", "sous-domaine", "sous-domaines",
            "c'est-à-dire", "peut-être", "vous-même", "lui-même", "elle-même", "eux-mêmes", "celui-ci", "celle-ci",
            "ceux-ci", "celles-ci", "au-delà", "ci-dessous", "ci-dessus", "ci-joint", "ci-jointe", "ci-jointes",
            "ci-après", "opt-out", "opt-in", "one-click", "non-compliance", "sub-domain", "third-party",
            "per-recipient", "read-receipt", "anti-spam", "pop-up", "built-in", "follow-up", "so-called",
            "well-known", "long-term", "short-term", "up-to-date", "set-up", "log-in", "sign-in", "cross-site",
            "first-party", "end-to-end", "man-in-the-middle", "e-commerce", "plug-in", "add-on", "check-in",
            "check-out", "x-mailer", "user-agent", "multi-part", "auto-submitted", "dkim-signature", "non-eee",
            "hors-eee", "quelques-uns", "quelques-unes", "rendez-vous", "soi-disant", "vis-à-vis", "a-t-il",
            "y-a-t-il", "est-il", "peut-il", "doit-il", "faut-il", "pouvez-vous", "voulez-vous", "avez-vous",
            "one-month", "decision-making", "click-tracking", "zero-size", "password-reset", "security-alert",
            "sign-up", "random-looking", "person-to-person", "audience-measurement", "personal-data",
            "non-personal", "high-entropy", "hex-encoded", "url-encoded", "customer-account", "self-hosted",
            "boundary-like", "open-tracking", "sous-titres", "sous-titre",
            "quoted-printable", "out-of-band", "real-world", "in-house", "de-facto", "look-alike");
    /**
     * English words that are not French words either: any of them in a French text, outside quotes and code, is
     * English prose left untranslated.
     */
    private static final Set<String> ENGLISH_ONLY = Set.of("the", "and", "with", "without", "which", "fails",
            "failed", "found", "not", "is", "are", "was", "were", "of", "to", "by", "this", "that", "has", "have",
            "header", "footer", "tracked", "through", "carries", "carrying", "contains", "text", "check", "key",
            "encoded", "urlencoded", "hashed", "click", "clicks", "opened", "sender", "recipient", "address",
            "tracker", "trackers", "unknown", "none", "yes", "invalid", "missing", "query", "path", "hidden", "size",
            "width", "height", "one-click", "unsubscribe", "subject", "wording", "order", "booking", "should",
            "would", "could", "can", "may", "must", "it", "its", "their", "there", "here", "when", "where", "what",
            "who", "how", "why", "see", "above", "below", "after", "before", "about", "also");
    /** Words after which comes a name (of a parameter, a header), not prose. */
    private static final Set<String> NAMED_BEFORE = Set.of("requête", "paramètre", "parameter", "en-tête", "header");

    private LanguageLeaks() {
    }

    /**
     * @param html an XHTML or HTML document or fragment the product wrote
     * @return its visible text without the message's own text (quotes, code, URLs, excerpts, the rendering of the
     *         message): what the product itself says
     */
    public static String ownText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select(EVIDENCE).remove();
        return withoutQuotes(doc.body().text());
    }

    /** @return the text without what stands between « », “ ” or ‘ ’ (quotes from the message). */
    public static String withoutQuotes(String text) {
        return text.replaceAll("«[^»]{0,2000}»", " ").replaceAll("“[^”]{0,2000}”", " ")
                .replaceAll("‘[^’]{0,2000}’", " ");
    }

    /** @return what the message itself says: its decoded headers, its bodies, and their visible text. */
    public static String messageText(ReceivedEmail email) {
        StringBuilder sb = new StringBuilder();
        for (Header h : email.headers()) {
            sb.append(h.name()).append(": ").append(h.decoded()).append('\n');
        }
        for (BodyText b : email.bodies()) {
            sb.append(b.text()).append('\n').append(Jsoup.parse(b.text()).text()).append('\n');
        }
        sb.append(email.fileName() == null ? "" : email.fileName());
        return sb.toString();
    }

    /**
     * @param ownText     what the product says ({@link #ownText})
     * @param messageText what the message says ({@link #messageText}), whose words are not reported
     * @param french      true to report English prose as well as codes
     * @return each internal code, and in French each English word, with a few words of context; empty when clean
     */
    public static List<String> find(String ownText, String messageText, boolean french) {
        Set<String> out = new LinkedHashSet<>();
        String message = messageText == null ? "" : messageText;
        Set<String> messageBigrams = new HashSet<>();
        List<String> messageWords = words(message);
        for (int i = 0; i + 1 < messageWords.size(); i++) {
            messageBigrams.add(messageWords.get(i) + ' ' + messageWords.get(i + 1));
        }
        List<int[]> spans = new ArrayList<>();
        Matcher m = WORD.matcher(ownText);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        for (int i = 0; i < spans.size(); i++) {
            int start = spans.get(i)[0];
            int end = spans.get(i)[1];
            // a host, a file name, an address, a URL or a path: technical values, not words
            if (end + 1 < ownText.length() && ".@/=:%_".indexOf(ownText.charAt(end)) >= 0
                    && Character.isLetterOrDigit(ownText.charAt(end + 1))
                    || start > 0 && "./@=%#?&".indexOf(ownText.charAt(start - 1)) >= 0) {
                continue;
            }
            String bare = ownText.substring(start, end).replaceAll("['’-]+$", "");
            String lower = bare.toLowerCase(Locale.ROOT);
            // a charset or a header name ("windows-1252", "x-mac-cyrillic") is a technical name, not a code
            boolean technicalName = lower.startsWith("x-") || bare.chars().anyMatch(Character::isDigit);
            boolean code = CODE.matcher(bare).matches() && !PROSE_COMPOUNDS.contains(lower) && !technicalName;
            boolean english = french && !code && ENGLISH_ONLY.contains(lower);
            if (code && message.contains(bare)) {
                continue; // the message's own word, quoted
            }
            if (english && (i > 0 && messageBigrams.contains(word(ownText, spans.get(i - 1)) + ' ' + lower)
                    || i + 1 < spans.size() && messageBigrams.contains(lower + ' ' + word(ownText, spans.get(i + 1)))
                    || !bare.equals(lower) && containsWord(message, bare))) {
                continue; // the message's own words, quoted (or a capitalised word of it: a link's text, a name)
            }
            if (english && i > 0 && NAMED_BEFORE.contains(word(ownText, spans.get(i - 1)))) {
                continue; // a name: "paramètre de requête to"
            }
            if (english && Character.isUpperCase(bare.charAt(0))
                    && (i + 1 < spans.size() && Character.isUpperCase(ownText.charAt(spans.get(i + 1)[0]))
                            || i > 0 && Character.isUpperCase(ownText.charAt(spans.get(i - 1)[0])))) {
                continue; // a proper name: "The Rocket Science Group LLC", "Safe Links"
            }
            if (code || english) {
                out.add((code ? "code " : "English ") + "'" + bare + "' in: " + context(ownText, start, end));
            }
        }
        return new ArrayList<>(out);
    }

    private static String word(String text, int[] span) {
        return text.substring(span[0], span[1]).replaceAll("['’-]+$", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll("['’-]+$", "").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(text)
                .find();
    }

    private static String context(String text, int start, int end) {
        int from = Math.max(0, start - 50);
        int to = Math.min(text.length(), end + 50);
        return "…" + text.substring(from, to).replaceAll("\\s+", " ") + "…";
    }
}
