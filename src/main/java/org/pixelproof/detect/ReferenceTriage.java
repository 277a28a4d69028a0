package org.pixelproof.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.pixelproof.detect.BodyScanner.Candidate;
import org.pixelproof.detect.BodyScanner.RawLink;

/**
 * Chooses which references are scored when a message holds more than the detector's caps
 * ({@link Detector#MAX_SCORED_LOADS}, {@link Detector#MAX_SCORED_LINKS}), so that a sender cannot push its real
 * tracker past the cap cheaply (10,000 {@code <style>} rules for classes no element uses, then the open pixel).
 *
 * <p>Every reference gets a rank from a cheap look at it, bounded per reference; the lowest ranks are scored first,
 * each rank in document order, and the list keeps its document order. The rank of a remote load is its tier (would a
 * mail client load it on opening?) then, within the tier, its sign of tracking: {@code 3 * tier + sign}. Tiers:
 * <ol start="0">
 *   <li>{@link #LOADED}: an element loads it ({@code <img>}, {@code <input type=image>}, a {@code background} or
 *       {@code style} attribute, a frame..., and the first remote candidate of a {@code srcset}), or an
 *       {@code @import} rule: what a client really fetches;</li>
 *   <li>{@link #MAY_LOAD}: a style-sheet rule whose selector may match an element of its document (see
 *       {@link #mayMatch}, a necessary condition only), or an {@code @font-face} rule;</li>
 *   <li>{@link #ALTERNATE}: a {@code srcset} candidate after the first remote one of its attribute (a client fetches
 *       one candidate per element);</li>
 *   <li>{@link #NOT_LOADED}: a style-sheet rule whose selector matches no element, or anything in the inert content
 *       of a {@code <template>} (HTML Standard 4.12.3): a client never loads it.</li>
 * </ol>
 * Signs: {@link #RECIPIENT} (the URL carries an identifier of the recipient, {@link RecipientMatcher} over at most
 * {@link #MAX_TRIAGE_CHARS} characters of the URL), {@link #VENDOR_HOST} (its host is a known vendor's,
 * {@link VendorIndex#vendorsOfHost}, a cached host lookup), {@link #NO_SIGN}.
 *
 * <p>Why the tier comes first: a sign is in the URL, which costs the sender nothing to write, so a sign ranked before
 * the tier let 10,001 never-loaded references (unused rules on a vendor's host, or carrying the recipient's address)
 * push a pixel an element really loads out of the scoring, and listed trackers that no client requests. A tier is
 * read from the document's structure, which a sender cannot inflate without the client really fetching: every
 * reference an element really loads ranks before every rule, alternate or template reference, whatever its URL.
 *
 * <p>Links rank by their sign only ({@code 0}, {@code 1} or {@code 2}). Under the cap nothing is ranked and nothing
 * changes.
 *
 * <p>Never dereferences a URL (the host lookup is in the rule set's vendor index, no DNS). Not thread-safe: one
 * instance per analysis.
 */
final class ReferenceTriage {

    /**
     * Most characters of a URL searched for an identifier of the recipient while ranking, in characters; default
     * 8,192 (a real tracking URL holds a few hundred). The rest of a longer URL is not searched by the ranking (the
     * scoring of the references kept searches all of it).
     */
    static final int MAX_TRIAGE_CHARS = 8_192;

    /** Sign of a reference carrying an identifier of the recipient. */
    static final int RECIPIENT = 0;
    /** Sign of a reference on a known vendor's host. */
    static final int VENDOR_HOST = 1;
    /** Sign of a reference showing neither. */
    static final int NO_SIGN = 2;

    /** Tier of a load made by an element (the first candidate of a {@code srcset}), or of an {@code @import}. */
    static final int LOADED = 0;
    /** Tier of a style-sheet rule that may apply to an element, or of an {@code @font-face} rule. */
    static final int MAY_LOAD = 1;
    /** Tier of a {@code srcset} candidate after the first of its attribute. */
    static final int ALTERNATE = 2;
    /** Tier of a style-sheet rule that applies to no element, or of anything in {@code <template>} content. */
    static final int NOT_LOADED = 3;

    private final RecipientMatcher matcher;
    private final VendorIndex vendors;
    /** per document: its tag names, classes, ids and attribute names, lower case, each prefixed by its kind */
    private final Map<Document, Set<String>> names = new IdentityHashMap<>();

    /**
     * @param matcher the recipient's identifiers
     * @param vendors the rule set's vendor hosts
     */
    ReferenceTriage(RecipientMatcher matcher, VendorIndex vendors) {
        this.matcher = matcher;
        this.vendors = vendors;
    }

    /**
     * Keeps at most {@code max} items of {@code items}: those of the lowest ranks, each rank in list order, the list
     * order kept. Linear in the number of items.
     *
     * @param items the references, in document order; cut in place
     * @param max   how many to keep
     * @param rank  the rank of an item (0 first)
     * @return how many were left out (0 when {@code items} held at most {@code max})
     */
    static <T> int keep(List<T> items, int max, ToIntFunction<T> rank) {
        int n = items.size();
        if (n <= max) {
            return 0;
        }
        int[] ranks = new int[n];
        int top = 0;
        for (int i = 0; i < n; i++) {
            ranks[i] = Math.max(0, rank.applyAsInt(items.get(i)));
            top = Math.max(top, ranks[i]);
        }
        int[] counts = new int[top + 1];
        for (int r : ranks) {
            counts[r]++;
        }
        int last = 0; // the rank cut: all below it kept, the first of it until the cap
        int below = 0;
        while (below + counts[last] < max) {
            below += counts[last];
            last++;
        }
        int roomInLast = max - below;
        List<T> kept = new ArrayList<>(max);
        for (int i = 0; i < n; i++) {
            if (ranks[i] < last || (ranks[i] == last && roomInLast-- > 0)) {
                kept.add(items.get(i));
            }
        }
        items.clear();
        items.addAll(kept);
        return n - max;
    }

    /** @return the rank of a remote load: {@code 3 * tier + sign} (see the class description) */
    int loadRank(Candidate c) {
        return 3 * tier(c) + sign(c.url());
    }

    /** @return {@link #LOADED}, {@link #MAY_LOAD}, {@link #ALTERNATE} or {@link #NOT_LOADED} */
    int tier(Candidate c) {
        if (c.inert()) {
            return NOT_LOADED;
        }
        if (c.alternate()) {
            return ALTERNATE;
        }
        Element el = c.element();
        if (el == null || !"style".equals(el.normalName()) || "css-import".equals(c.vector())) {
            return LOADED;
        }
        if ("font-face".equals(c.vector())) {
            return MAY_LOAD;
        }
        String selector = innermostLabel(c.location().cssRule());
        return selector == null || mayMatch(selector, namesOf(el.ownerDocument())) ? MAY_LOAD : NOT_LOADED;
    }

    /** @return the rank of a link: its sign ({@link #RECIPIENT}, {@link #VENDOR_HOST} or {@link #NO_SIGN}) */
    int linkRank(RawLink l) {
        return sign(l.url());
    }

    /** @return {@link #RECIPIENT}, {@link #VENDOR_HOST}, or {@link #NO_SIGN} when the URL shows neither */
    private int sign(WebUrl url) {
        String u = url.url();
        if (!matcher.isEmpty()
                && !matcher.find(u.length() > MAX_TRIAGE_CHARS ? u.substring(0, MAX_TRIAGE_CHARS) : u).isEmpty()) {
            return RECIPIENT;
        }
        if (url.host() != null && !vendors.vendorsOfHost(url.host()).isEmpty()) {
            return VENDOR_HOST;
        }
        return NO_SIGN;
    }

    /**
     * @param rule a rule label as {@link CssScanner.UrlRef#rule()} writes it ({@code "@media print { .x }"})
     * @return its innermost part (the selector {@code .x}), or {@code null} for none
     */
    static String innermostLabel(String rule) {
        if (rule == null) {
            return null;
        }
        String s = rule;
        int open = s.lastIndexOf(" { ");
        if (open < 0) {
            return s.strip();
        }
        s = s.substring(open + 3);
        while (s.endsWith(" }")) {
            s = s.substring(0, s.length() - 2);
        }
        return s.strip();
    }

    private Set<String> namesOf(Document doc) {
        if (doc == null) {
            return null;
        }
        return names.computeIfAbsent(doc, d -> {
            Set<String> out = new HashSet<>();
            for (Element e : d.getAllElements()) {
                out.add("t" + e.normalName());
                for (Attribute a : e.attributes()) {
                    String key = a.getKey().toLowerCase(Locale.ROOT);
                    out.add("a" + key);
                    if (key.equals("id")) {
                        out.add("#" + a.getValue().strip().toLowerCase(Locale.ROOT));
                    } else if (key.equals("class")) {
                        for (String cl : a.getValue().toLowerCase(Locale.ROOT).split("[ \\t\\n\\f\\r]+")) {
                            if (!cl.isEmpty()) {
                                out.add("." + cl);
                            }
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * A cheap necessary condition for a selector to match an element: for one of its comma-separated selectors, the
     * last compound selector's type, classes, ids and attribute names all occur in the document (case ignored, so
     * quirks-mode class matching is covered). Pseudo-classes and pseudo-elements are ignored. Linear in the selector.
     *
     * @param selector a selector as written (CSS escapes allowed)
     * @param names    the document's names ({@link #namesOf}), or {@code null} when unknown
     * @return false only when no element can match; true when one may, or when the selector is not understood
     */
    static boolean mayMatch(String selector, Set<String> names) {
        if (names == null) {
            return true;
        }
        String sel = CssEscapes.decode(selector).toLowerCase(Locale.ROOT);
        for (String part : splitTopLevel(sel, ',')) {
            String compound = lastCompound(part.strip());
            if (compound == null || compoundMayMatch(compound, names)) {
                return true;
            }
        }
        return false;
    }

    /** @return {@code s} split at {@code sep} outside brackets, parentheses and quotes */
    private static List<String> splitTopLevel(String s, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int at : TextVisibility.topLevel(s, c -> c == sep)) {
            out.add(s.substring(start, at));
            start = at + 1;
        }
        out.add(s.substring(start));
        return out;
    }

    /** @return the last compound selector of a complex selector, or {@code null} when there is none to read */
    private static String lastCompound(String complex) {
        List<Integer> combinators = TextVisibility.topLevel(complex, c -> CssScanner.isWhite((char) c) || c == '>'
                || c == '+' || c == '~');
        String last = complex.substring(combinators.isEmpty() ? 0 : combinators.get(combinators.size() - 1) + 1);
        return last.isEmpty() ? null : last;
    }

    private static boolean compoundMayMatch(String compound, Set<String> names) {
        int i = 0;
        int n = compound.length();
        int typeEnd = i;
        while (typeEnd < n && isNameChar(compound.charAt(typeEnd))) {
            typeEnd++;
        }
        if (typeEnd > i) {
            String type = compound.substring(i, typeEnd);
            int bar = type.indexOf('|');
            type = bar >= 0 ? type.substring(bar + 1) : type;
            if (!type.isEmpty() && !names.contains("t" + type)) {
                return false;
            }
            i = typeEnd;
        } else if (i < n && compound.charAt(i) == '*') {
            i++;
        }
        while (i < n) {
            char c = compound.charAt(i);
            if (c == '.' || c == '#') {
                int e = i + 1;
                while (e < n && isNameChar(compound.charAt(e))) {
                    e++;
                }
                if (e == i + 1) {
                    return true; // not a name: not understood
                }
                if (!names.contains(c + compound.substring(i + 1, e))) {
                    return false;
                }
                i = e;
            } else if (c == '[') {
                int e = i + 1;
                while (e < n && CssScanner.isWhite(compound.charAt(e))) {
                    e++;
                }
                int s = e;
                while (e < n && isNameChar(compound.charAt(e))) {
                    e++;
                }
                String attr = compound.substring(s, e);
                int bar = attr.indexOf('|');
                attr = bar >= 0 ? attr.substring(bar + 1) : attr;
                if (!attr.isEmpty() && !names.contains("a" + attr)) {
                    return false;
                }
                int close = compound.indexOf(']', e);
                if (close < 0) {
                    return true;
                }
                i = close + 1;
            } else {
                return true; // a pseudo-class or element, or something not understood: the rest is not read
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '|' || c > 0x7f;
    }
}
