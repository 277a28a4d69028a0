package org.pixelproof.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules on what one e-mail shows about per-recipient identifiers, written once for every output (the analysis
 * JSON, the CSV row, the batch summary, the web result page, the dossier):
 * <ul>
 *   <li>which values identify nobody although they stand where an identifier would ({@link #identifiesNobody}):
 *       unfilled merge tags of ESPs and templating tools, tag names left without their delimiters, fillers, and
 *       base64 of a URL (a redirector's destination);</li>
 *   <li>how a token of {@link Tracker#perRecipientTokens()} reads ({@link #valueOf}), and which of a tracker's tokens
 *       can identify the recipient ({@link #usable});</li>
 *   <li>whether a tracker carries an identifier of the recipient at all ({@link #carriesIdentifier});</li>
 *   <li>which "click trackers" are ordinary links of the sender's own site ({@link #isOrdinaryLink}).</li>
 * </ul>
 *
 * <p>{@link Detector} applies the first rule where it collects tokens, so that a tracker it reports never carries a
 * value that identifies nobody, and never is an ordinary link; every output then counts the same trackers and the
 * same identifiers. The dossier applies the same rules again after it has compared two copies of a campaign received
 * by two people: a value both copies share is a campaign or account id, which only several e-mails can show, and a
 * link left with no other evidence is then an ordinary link (and to analyses stored by an earlier version).
 *
 * <p>Stateless and thread-safe.
 */
public final class RecipientTokens {

    /** Shortest value {@link #encodesUrl} decodes, in characters; default 16 (12 bytes: {@code https://a.b/}). */
    public static final int MIN_ENCODED_URL_CHARS = 16;

    /**
     * The name inside a merge tag: letters and the separators {@code _ . : = -} or a space, a {@code $} before
     * ({@code {$email}}), one or two digits after ({@code MMERGE3}, {@code custom_field_1}). No digit inside, so that a
     * GUID in braces ({@code {AF2504E0-4F89-11D3-9A0C-0305E82C3301}}) stays an identifier. Character classes only, no
     * repeated group: {@link java.util.regex.Pattern} recurses once per repetition of a group, which a long value
     * would turn into a {@link StackOverflowError}.
     */
    private static final String TAG_NAME = "\\$?[A-Za-z][A-Za-z_.:= -]*[0-9]{0,2}";
    /**
     * Unfilled merge tags of ESPs and templating tools, whole values: {@code *|UNIQID|*} (Mailchimp),
     * {@code {{contact.id}}} (Handlebars, Brevo, Klaviyo), {@code %%subscriber_id%%} (Salesforce), {@code [EMAIL]},
     * {@code [[UNIQID]]}, {@code ${id}}, {@code <%= id %>}, {@code {% id %}}, and their percent-encoded forms; and the
     * one-character delimiters of other tools around a tag name: {@code {EMAIL}}, {@code {contactfield=id}},
     * {@code {$email}}, {@code %SUBSCRIBERID%}, {@code $uid$}, {@code #recipient:email#}, {@code ~UNIQID~},
     * {@code |UNIQID|}, {@code -email-}, {@code @@uid@@}, {@code $[LI:EMAIL]$}.
     */
    private static final Pattern MERGE_TAG = Pattern.compile(
            "(?i)(\\*\\|.*\\|\\*|\\{\\{.*}}|%%.*%%|\\[\\[?[A-Za-z_ .:-]+]]?|\\$\\{.*}|<%.*%>|\\{%.*%}"
                    + "|%2A%7C.*%7C%2A|%7B%7B.*%7D%7D|%25%25.*%25%25|%5B[A-Za-z_ .-]+%5D|%24%7B.*%7D"
                    + "|\\{" + TAG_NAME + "}|%" + TAG_NAME + "%|\\$" + TAG_NAME + "\\$|#" + TAG_NAME + "#|~" + TAG_NAME
                    + "~|\\|" + TAG_NAME + "\\||-[A-Za-z][A-Za-z_]*-|@@" + TAG_NAME + "@@|\\$\\[" + TAG_NAME
                    + "]\\$)");
    /**
     * The delimiters of a merge tag anywhere in a value ({@code id=*|UNIQID|*-fr}): a value built around an unfilled
     * tag is the same for every recipient.
     */
    private static final List<String> TAG_DELIMITERS = List.of("*|", "|*", "{{", "}}", "%%", "[[", "]]", "${");
    /**
     * The words tag names are made of, lower case ({@code UNIQID} is {@code uniq} + {@code id},
     * {@code EMAIL_ADDRESS}, {@code subscriber_id}, {@code SUBSCRIBERKEY}), and values that stand for no value
     * ({@code null}, {@code undefined}, {@code test}). A value made only of these words, as left by a tool that strips
     * the delimiters ({@code mc_eid=UNIQID}), identifies nobody. No word is made of hexadecimal digits only, so no
     * hexadecimal identifier reads as one; an identifier of random letters ({@code QXKZRTBWMP}, base32 without a
     * digit) almost never splits into them.
     */
    private static final Set<String> TAG_WORDS = Set.of("uniq", "unique", "id", "ids", "uid", "uuid", "guid", "euid",
            "eid", "cid", "sid", "rid", "lid", "mid", "pid", "email", "emails", "mail", "address", "addr", "first",
            "last", "full", "name", "fname", "lname", "firstname", "lastname", "subscriber", "subscribers", "sub",
            "contact", "user", "member", "recipient", "customer", "client", "lead", "profile", "person", "account",
            "list", "campaign", "token", "hash", "key", "code", "merge", "mmerge", "field", "tag", "var", "value",
            "lang", "language", "mc", "sk", "external", "identifier", "phone", "hs", "object", "unsub", "unsubscribe",
            "archive", "url", "link", "encoded", "enc", "md", "sha", "custom", "attribute", "attr", "data", "number",
            "num", "test", "null", "undefined", "none", "nil", "nan", "example", "sample", "placeholder", "dummy");
    /** Longest value read as a bare tag name, in characters; default 40. */
    private static final int MAX_BARE_TAG_CHARS = 40;
    /** Shortest run of one repeated character read as a filler ({@code 0000000000}, {@code xxxxxxxx}); default 4. */
    private static final int MIN_FILLER_CHARS = 4;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_=-]+");
    /** The base64 of "http" ({@code aHR0cA}) up to its last whole character; of "www." and of "mailto". */
    private static final String BASE64_HTTP = "aHR0c";
    private static final String BASE64_WWW = "d3d3L";
    private static final String BASE64_MAILTO = "bWFpbHRv";

    /**
     * The signals that make a link click tracking by themselves, whatever tokens it carries: a vendor's click rule or
     * path shape, a {@code ping} attribute, a destination carried to another host, a redirect script. The other
     * signals ({@link SignalCodes#RECIPIENT_PARAMETER}, {@link SignalCodes#RECIPIENT_IDENTIFIER},
     * {@link SignalCodes#SUBSCRIBER_KEY}...) stand on the identifier or token they found.
     */
    private static final Set<String> LINK_EVIDENCE = Set.of(SignalCodes.VENDOR_CLICK_RULE,
            SignalCodes.VENDOR_PATH_SHAPE, SignalCodes.HYPERLINK_AUDITING, SignalCodes.REDIRECTOR,
            SignalCodes.REDIRECTOR_SHAPE);

    private RecipientTokens() {
    }

    /**
     * @param value a value as found in a URL or header (a query value decoded or not: it is read as given and with
     *              its percent-escapes decoded once and twice)
     * @return true when it is empty, an unfilled merge tag ({@code *|UNIQID|*}, {@code {{id}}}, {@code %%id%%},
     *         {@code {EMAIL}}, {@code %7B%7Bid%7D%7D}...) or holds the delimiters of one, a bare tag name
     *         ({@link #isBareTagName}: {@code UNIQID}, {@code subscriber_id}, {@code null}) or one character repeated
     *         ({@code 0000000000}): the same for every recipient, so it identifies nobody. An identifier of random
     *         upper-case letters ({@code QXKZRTBWMP}) is not one.
     */
    public static boolean isPlaceholder(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String once = percentDecoded(value);
        for (String v : once.equals(value) ? List.of(value) : List.of(value, once, percentDecoded(once))) {
            for (String d : TAG_DELIMITERS) {
                if (v.contains(d)) {
                    return true;
                }
            }
            if (MERGE_TAG.matcher(v).matches() || isBareTagName(v) || isFiller(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param value a value
     * @return true when it is made only of {@link #TAG_WORDS}, in any case, joined or separated by {@code _ . : -},
     *         with up to three digits at the end ({@code UNIQID}, {@code EMAIL_ADDRESS}, {@code subscriber.id},
     *         {@code EMAIL_MD5}); false past {@value #MAX_BARE_TAG_CHARS} characters
     */
    static boolean isBareTagName(String value) {
        if (value.length() < 2 || value.length() > MAX_BARE_TAG_CHARS || cannotBeTagName(value)) {
            return false;
        }
        String v = TRAILING_NUMBER.matcher(value.toLowerCase(Locale.ROOT)).replaceFirst("");
        if (v.isEmpty()) {
            return false;
        }
        for (String part : TAG_SEPARATORS.split(v, -1)) {
            if (!splitsIntoTagWords(part)) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern TRAILING_NUMBER = Pattern.compile("[_.]?[0-9]{1,3}$");
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[_.:-]+");
    private static final int LONGEST_TAG_WORD = TAG_WORDS.stream().mapToInt(String::length).max().orElse(0);

    /**
     * A quick answer for most values, which are identifiers: an ASCII value with a character other than a letter, a
     * digit or {@code _ . : -}, or with a digit anywhere but in a run of at most three at its end, is no tag name (no
     * tag word holds a digit). Other values, and any value with a non-ASCII character (some lower-case to ASCII
     * letters, such as the Kelvin sign), are left to the full reading.
     */
    private static boolean cannotBeTagName(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) >= '0' && value.charAt(end - 1) <= '9') {
            end--;
        }
        if (value.length() - end > 3) {
            return true;
        }
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || c == ':' || c == '-')) {
                return true;
            }
        }
        return false;
    }

    /** @return true when the letters split into {@link #TAG_WORDS} from start to end (dynamic programming) */
    private static boolean splitsIntoTagWords(String part) {
        if (part.isEmpty()) {
            return false;
        }
        boolean[] reach = new boolean[part.length() + 1];
        reach[0] = true;
        for (int i = 0; i < part.length(); i++) {
            if (!reach[i]) {
                continue;
            }
            for (int j = i + 2; j <= Math.min(part.length(), i + LONGEST_TAG_WORD); j++) {
                if (TAG_WORDS.contains(part.substring(i, j))) {
                    reach[j] = true;
                }
            }
        }
        return reach[part.length()];
    }

    /** @return true for one character repeated, {@value #MIN_FILLER_CHARS} times or more ({@code 0000000000}) */
    private static boolean isFiller(String value) {
        return value.length() >= MIN_FILLER_CHARS && value.chars().allMatch(c -> c == value.charAt(0));
    }

    /** @return the value with its {@code %HH} escapes decoded as UTF-8; a {@code %} that starts none is kept */
    private static String percentDecoded(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (c == '%' && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * @param value a value as found in a URL
     * @return true when it is the base64 (or base64url) encoding of a URL ({@code http://}, {@code https://},
     *         {@code mailto:}, {@code www.}): the link's own destination carried by a redirector, not an identifier
     *         of the recipient (whose address, if the URL holds it, is reported as a recipient identifier instead)
     */
    public static boolean encodesUrl(String value) {
        if (value == null || value.length() < MIN_ENCODED_URL_CHARS || !(value.startsWith(BASE64_HTTP)
                || value.startsWith(BASE64_WWW) || value.startsWith(BASE64_MAILTO))
                || !BASE64.matcher(value).matches()) {
            return false; // the prefixes: what the base64 of any value starting "http", "www." or "mailto:" starts with
        }
        String v = value.replace('-', '+').replace('_', '/').replace("=", "");
        v = v.substring(0, v.length() - v.length() % 4);
        try {
            String decoded = new String(Base64.getDecoder().decode(v), StandardCharsets.ISO_8859_1);
            return decoded.startsWith("http://") || decoded.startsWith("https://") || decoded.startsWith("mailto:")
                    || decoded.startsWith("www.");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The rule that a value is not a per-recipient identifier although it stands where one would.
     *
     * @param value a value as found in a URL or header
     * @return true for an empty value, an unfilled merge tag ({@link #isPlaceholder}) or base64 of a URL
     *         ({@link #encodesUrl})
     */
    public static boolean identifiesNobody(String value) {
        return isPlaceholder(value) || encodesUrl(value);
    }

    /**
     * Reads a token of {@link Tracker#perRecipientTokens()}: {@code name=value} for a query parameter
     * ({@code e=6496a8003f}, {@code p1=%408p0f...%3D}), a bare value for a path token, whose base64 padding may end
     * in {@code =} ({@code M3aQHk9W...aeN=}: a value, not a name with an empty value).
     *
     * @param token a token as the analysis gives it; not {@code null}
     * @return its value: what follows the first {@code =} unless the token's only {@code =} are trailing padding,
     *         else the whole token
     */
    public static String valueOf(String token) {
        int eq = token.indexOf('=');
        if (eq < 0) {
            return token;
        }
        for (int i = eq; i < token.length(); i++) {
            if (token.charAt(i) != '=') {
                return token.substring(eq + 1);
            }
        }
        return token; // "abc==": base64 padding, the whole token is the value
    }

    /**
     * @param tokens tokens as {@link Tracker#perRecipientTokens()} gives them
     * @return those whose value may identify the recipient ({@link #identifiesNobody} false on the value), in order
     */
    public static List<String> usable(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            if (!identifiesNobody(valueOf(token))) {
                out.add(token);
            }
        }
        return out;
    }

    /**
     * What one e-mail shows of a tracker: it carries an identifier of the recipient when the recipient's address is
     * in it (any encoding) or when it carries a token that may identify the recipient. That the token does differ per
     * recipient only two copies of the campaign can show (the dossier compares them when it has both).
     *
     * @param t a tracker
     * @return true when it carries the recipient's address or a {@link #usable} token
     */
    public static boolean carriesIdentifier(Tracker t) {
        return !t.recipientIdentifiers().isEmpty() || !usable(t.perRecipientTokens()).isEmpty();
    }

    /**
     * The rule that a "click tracker" is an ordinary link of the sender's own site: a link on the sender's own domain
     * ({@link Party#FIRST_PARTY}) that none of the signals making a link click tracking by itself marks (a vendor's
     * click rule or path shape, a {@code ping} attribute, a destination carried to another host, a redirect script),
     * that carries neither the recipient's address nor a token that may identify the recipient, and whose destination
     * is not decoded from it. Its parameters, if any, name the campaign ({@code mc_cid}, {@code utm_*}) or hold an
     * unfilled merge tag ({@code mc_eid=UNIQID}): visiting it tells the sender no more than any visit to its site.
     *
     * @param kind        the tracker's kind: only {@link TrackerKind#CLICK_TRACKING} can be an ordinary link
     * @param party       who runs the host
     * @param signalCodes the codes of the signals that fired ({@link SignalCodes})
     * @param identifiers true when the recipient's address was found in it
     * @param tokens      its tokens still held per recipient (as {@link Tracker#perRecipientTokens()}); the values
     *                    that {@link #identifiesNobody} are not counted
     * @param destination the destination decoded from it, or {@code null}
     * @return true for an ordinary link
     */
    public static boolean isOrdinaryLink(TrackerKind kind, Party party, Collection<String> signalCodes,
            boolean identifiers, List<String> tokens, String destination) {
        if (kind != TrackerKind.CLICK_TRACKING || party != Party.FIRST_PARTY || identifiers || destination != null) {
            return false;
        }
        for (String code : signalCodes) {
            if (LINK_EVIDENCE.contains(code)) {
                return false;
            }
        }
        return usable(tokens).isEmpty();
    }

    /**
     * {@link #isOrdinaryLink(TrackerKind, Party, Collection, boolean, List, String)} for a tracker of an analysis, with
     * the tokens and destination the caller holds for it (the dossier's, once the copies of a campaign are compared;
     * a group of links has no destination of its own).
     *
     * @param t           the tracker
     * @param tokens      its tokens still held per recipient
     * @param destination its destination, or {@code null}
     * @return true for an ordinary link of the sender's own site
     */
    public static boolean isOrdinaryLink(Tracker t, List<String> tokens, String destination) {
        return isOrdinaryLink(t.kind(), t.party(), t.signals().stream().map(Signal::code).toList(),
                !t.recipientIdentifiers().isEmpty(), tokens, destination);
    }
}
