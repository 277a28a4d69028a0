package org.pixelproof.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.IngestLimits;

/**
 * Whether a reader can see the text of an HTML body's elements, from their {@code style} attributes, the rules of the
 * body's {@code <style>} sheets (read with {@link CssScanner}, matched with jsoup selectors, the same reading the
 * detector gives to tracking pixels) and the presentational attributes {@code bgcolor}, {@code background} and
 * {@code <font color>}.
 *
 * <p>An element is not seen at all ({@link #hiddenBy}) when it has the {@code hidden} attribute, {@code display:none},
 * {@code visibility:hidden}, an {@code opacity} of at most 0.05, is positioned at least 1,000 pixels out of view or
 * clipped to nothing ({@link StyleFacts#offScreen()}), or is a non-table element whose {@code height},
 * {@code max-height}, {@code width} or {@code max-width} is at most 1 pixel with its overflow clipped. Its text
 * ({@link State#textVisible()}) is not seen when its inherited {@code font-size} is under
 * {@link #MIN_READABLE_FONT_PX} pixels, its colour is transparent, or the contrast ratio (WCAG 2.x) between its colour
 * and the nearest background colour is under {@link #MIN_CONTRAST}. Defaults are those of a mail client in light mode:
 * black text on white, links in the client's own link colour (a link without a colour of its own is taken as
 * visible whatever the colour around it, as every mail client draws it). A background image anywhere between the
 * text and its nearest background colour makes the contrast unknown: the text then counts as seen.
 *
 * <p>Approximations, all on the side of counting text as seen: rules inside {@code @media} queries and rules whose
 * selectors target one mail client or a forwarded copy ({@link CssScanner#condition}) never hide; an element such a
 * rule restyles (display, size, colour, font size...) is judged only from its {@code hidden} attribute and inline
 * {@code display}/{@code visibility}, the way the text of a mobile-only block shows on a phone. Print rules and
 * selectors with pseudo-classes are ignored. The cascade orders sheet declarations by {@code !important}, selector
 * specificity and source order; the {@code style} attribute comes after them. At most {@link #MAX_RULES} rules are
 * matched, no more than {@link #MAX_SELECTOR_VISITS} element visits in all (rules times elements), and no more than
 * {@link #MAX_MATCH_STEPS} steps of selector matching (elements tried, ancestors walked): past either, the remaining
 * rules are not applied.
 *
 * <p>Never dereferences a URL. Not thread-safe: one instance per body reading.
 */
final class TextVisibility {
    /** Text whose font size is under this many CSS pixels is not readable: 5. */
    static final double MIN_READABLE_FONT_PX = 5;
    /** Text whose contrast ratio with its background is under this is not seen: 1.15 (#f0f0f0 on white is 1.14). */
    static final double MIN_CONTRAST = 1.15;
    /** Most style-sheet rules matched against the body: 500. */
    static final int MAX_RULES = 500;
    /** Most element visits spent matching selectors per body (rules times elements): 3,000,000. */
    static final long MAX_SELECTOR_VISITS = 3_000_000L;
    /**
     * Most steps of selector matching per body: elements tried against a selector, times its compounds, plus the
     * ancestors walked for descendant combinators: 20,000,000 (a few hundred milliseconds; the largest real newsletter
     * takes under a hundredth of it). A hostile sheet of long selector chains over a deep body stops here.
     */
    static final long MAX_MATCH_STEPS = 20_000_000L;

    /** Properties that decide whether text is seen; a rule without any of them is not matched. */
    private static final Set<String> RELEVANT = Set.of("display", "visibility", "opacity", "height", "max-height",
            "width", "max-width", "overflow", "overflow-x", "overflow-y", "position", "left", "top", "right",
            "bottom", "text-indent", "clip", "clip-path", "font-size", "font", "color", "background",
            "background-color", "background-image");

    /** A colour that cannot be judged (a background image, an unknown keyword): contrast unknown. */
    static final int UNKNOWN = -1;
    /** A transparent colour. */
    static final int TRANSPARENT = -2;
    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;

    /**
     * What an element passes on to its content.
     *
     * @param color      the text colour as {@code 0xRRGGBB}, {@link #UNKNOWN} or {@link #TRANSPARENT}
     * @param fontPx     the font size in CSS pixels, {@code NaN} when not known to be small
     * @param background the nearest background colour, {@code 0xRRGGBB}, or {@link #UNKNOWN}
     */
    record State(int color, double fontPx, int background) {
        /** Light-mode mail client: black on white, default font size. */
        static final State ROOT = new State(BLACK, Double.NaN, WHITE);

        /** @return true when text drawn in this state can be seen */
        boolean textVisible() {
            if (!Double.isNaN(fontPx) && fontPx < MIN_READABLE_FONT_PX) {
                return false;
            }
            if (color == TRANSPARENT) {
                return false;
            }
            return color == UNKNOWN || background == UNKNOWN || contrast(color, background) >= MIN_CONTRAST;
        }
    }

    private record Sheeted(CssScanner.Declaration declaration, int specificity, int order) {
    }

    private final Map<Element, List<Sheeted>> sheetDeclarations = new IdentityHashMap<>();
    private final Map<Element, Boolean> conditional = new IdentityHashMap<>();
    /** The last element whose declarations were read, with its style and declarations (one body, one thread). */
    private Element lastElement;
    private String lastStyle;
    private List<CssScanner.Declaration> lastDeclarations;
    private final int maxCssBytes;

    private TextVisibility(int maxCssBytes) {
        this.maxCssBytes = maxCssBytes;
    }

    /**
     * Reads the {@code <style>} sheets of a parsed body.
     *
     * @param document the parsed body (only read)
     * @return the visibility reader for that body
     */
    static TextVisibility of(Document document) {
        return of(document, null);
    }

    /**
     * What a walk of a document already gathered, so that {@link #of(Document, Walked)} need not walk it or scan its
     * style sheets again: every element in document order (the document itself first, as
     * {@link Element#getAllElements()} gives them) and the sheet of each {@code <style>} element, cut at
     * {@code maxCssBytes} characters. Not thread-safe; belongs to one analysis.
     *
     * @param elements    every element of the document, in document order, the document first
     * @param sheets      the scanned sheet of each {@code <style>} element of the document (by identity)
     * @param maxCssBytes the characters of each style element that were scanned
     */
    record Walked(List<Element> elements, Map<Element, CssScanner.Sheet> sheets, int maxCssBytes) {
    }

    /**
     * Reads the {@code <style>} sheets of a parsed body, from what an earlier walk gathered when given.
     *
     * @param document the parsed body (only read)
     * @param walked   what {@link BodyScanner} gathered over that very document, or {@code null} to walk it here
     * @return the visibility reader for that body, the same with or without {@code walked}
     */
    static TextVisibility of(Document document, Walked walked) {
        TextVisibility v = new TextVisibility(IngestLimits.DEFAULT.maxCssBytes());
        // one walk gives the style elements and, if any, the index
        List<Element> all = walked != null ? walked.elements() : document.getAllElements();
        Map<Element, CssScanner.Sheet> scanned = walked != null && walked.maxCssBytes() == v.maxCssBytes
                ? walked.sheets() : Map.of();
        List<Element> styles = new ArrayList<>(2);
        for (Element e : all) {
            if (e.normalName().equals("style")) {
                styles.add(e);
            }
        }
        if (styles.isEmpty()) {
            return v;
        }
        long elements = all.size();
        ElementIndex index = null;
        long visits = 0;
        int rules = 0;
        int order = 0;
        for (Element style : styles) {
            CssScanner.Sheet sheet = scanned.get(style);
            if (sheet == null) {
                String css = style.data();
                if (css.length() > v.maxCssBytes) {
                    css = css.substring(0, v.maxCssBytes);
                }
                sheet = CssScanner.scanSheet(css);
            }
            for (CssScanner.Rule rule : sheet.rules()) {
                String selector = rule.selector();
                if (selector.isEmpty() || selector.indexOf(':') >= 0 || rule.declarations().stream()
                        .noneMatch(d -> RELEVANT.contains(d.property()))) {
                    continue;
                }
                String condition = CssScanner.condition(rule.atRules(), selector);
                if ("print".equals(condition)) {
                    continue;
                }
                boolean conditional = condition != null || !rule.atRules().isEmpty();
                if (++rules > MAX_RULES || (visits += elements) > MAX_SELECTOR_VISITS) {
                    return v;
                }
                for (String part : selectorParts(selector)) {
                    Cancellation.check(); // per selector matched: each may visit every element
                    if (index == null) {
                        index = new ElementIndex(all);
                    }
                    List<Element> matched;
                    try {
                        matched = index.select(document, part);
                    } catch (RuntimeException e) {
                        Cancellation.rethrowIfCancelled(e);
                        continue; // a selector jsoup does not read: a browser would drop the rule too
                    }
                    if (matched == null) { // MAX_MATCH_STEPS spent: the remaining rules are not applied
                        return v;
                    }
                    int specificity = specificity(part);
                    for (Element el : matched) {
                        if (conditional) {
                            v.conditional.put(el, Boolean.TRUE);
                        } else {
                            List<Sheeted> list = v.sheetDeclarations.computeIfAbsent(el, k -> new ArrayList<>());
                            for (CssScanner.Declaration d : rule.declarations()) {
                                list.add(new Sheeted(d, specificity, order++));
                            }
                        }
                    }
                }
            }
        }
        return v;
    }

    /**
     * @param el an element
     * @return the {@link HiddenBy} code saying why nobody sees the element, or {@code null} when it may be seen
     */
    String hiddenBy(Element el) {
        if (el.hasAttr("hidden")) {
            return HiddenBy.HIDDEN_ATTRIBUTE;
        }
        String style = el.attr("style");
        if (conditional.containsKey(el)) {
            // restyled by a media query or client-specific rule: only what no such rule can undo here
            return VisibleText.hidingStyle(style) ? HiddenBy.CSS_HIDDEN : null;
        }
        List<CssScanner.Declaration> decls = declarations(el, style);
        if (decls.isEmpty()) {
            return null;
        }
        StyleFacts f = StyleFacts.of(decls);
        if (f.displayNone() || f.visibilityHidden() || f.opacityZero()) {
            return HiddenBy.CSS_HIDDEN;
        }
        if (f.offScreen()) {
            return HiddenBy.OFF_SCREEN;
        }
        if (f.overflowHidden() && !isTablePart(el.normalName()) && (atMostOnePixel(f.height())
                || atMostOnePixel(f.maxHeight()) || atMostOnePixel(f.width()) || atMostOnePixel(f.maxWidth()))) {
            return HiddenBy.ZERO_SIZE_WRAPPER;
        }
        return null;
    }

    /**
     * @param parent what the parent passes on
     * @param el     an element that is not {@linkplain #hiddenBy hidden}
     * @return what it passes on to its content
     */
    State enter(State parent, Element el) {
        String tag = el.normalName();
        boolean link = tag.equals("a") && el.hasAttr("href");
        if (conditional.containsKey(el)) {
            return new State(UNKNOWN, Double.NaN, UNKNOWN);
        }
        String style = el.attr("style");
        List<CssScanner.Declaration> decls = declarations(el, style);
        int color = parent.color();
        double fontPx = parent.fontPx();
        int background = parent.background();
        if (el.hasAttr("background")) {
            background = UNKNOWN; // an image behind the content
        }
        if (el.hasAttr("bgcolor")) {
            int c = parseColor(el.attr("bgcolor"));
            if (c != TRANSPARENT) {
                background = c;
            }
        }
        if (tag.equals("font") && el.hasAttr("color")) {
            color = parseColor(el.attr("color"));
        }
        boolean ownColor = false;
        for (CssScanner.Declaration d : cascade(decls)) {
            String v = d.value().trim().toLowerCase(Locale.ROOT);
            switch (d.property()) {
                case "color" -> {
                    ownColor = true;
                    color = v.equals("inherit") || v.equals("currentcolor") ? parent.color() : parseColor(v);
                }
                case "font-size" -> fontPx = fontSize(v, parent.fontPx());
                case "font" -> fontPx = fontSize(fontShorthandSize(v), parent.fontPx());
                case "background-color" -> {
                    int c = parseColor(v);
                    if (c != TRANSPARENT) {
                        background = c;
                    }
                }
                case "background" -> {
                    if (v.contains("url(") || v.contains("gradient(") || v.contains("image-set(")) {
                        background = UNKNOWN;
                    } else {
                        int c = colorIn(v);
                        if (c != TRANSPARENT) {
                            background = c;
                        }
                    }
                }
                case "background-image" -> {
                    if (!v.equals("none")) {
                        background = UNKNOWN;
                    }
                }
                default -> {
                }
            }
        }
        if (link && !ownColor && !(tag.equals("font") && el.hasAttr("color"))) {
            color = UNKNOWN; // the mail client's link colour
        }
        return new State(color, fontPx, background);
    }

    /**
     * @param img an {@code img} or {@code input} element that is not hidden
     * @return true when it is drawn larger than 3 by 3 pixels (its alt text then stands for what it shows)
     */
    boolean visibleImage(Element img) {
        List<CssScanner.Declaration> decls = declarations(img, img.attr("style"));
        StyleFacts f = decls.isEmpty() ? StyleFacts.NONE : StyleFacts.of(decls);
        double w = f.widthDeclared() && !Double.isNaN(f.width()) ? f.width() : StyleFacts.px(img.attr("width"));
        double h = f.heightDeclared() && !Double.isNaN(f.height()) ? f.height() : StyleFacts.px(img.attr("height"));
        boolean tiny = Detector.tiny(w, h) || (!Double.isNaN(w) && w <= 1) || (!Double.isNaN(h) && h <= 1)
                || Detector.tiny(f.maxWidth(), f.maxHeight()) || isZero(f.maxWidth()) || isZero(f.maxHeight());
        return !tiny;
    }

    /** @return the sheet declarations then the inline ones, in cascade order within each importance */
    private List<CssScanner.Declaration> declarations(Element el, String style) {
        if (el == lastElement && style.equals(lastStyle)) {
            return lastDeclarations; // hiddenBy then enter ask for the same element in turn
        }
        List<CssScanner.Declaration> out = computeDeclarations(el, style);
        lastElement = el;
        lastStyle = style;
        lastDeclarations = out;
        return out;
    }

    private List<CssScanner.Declaration> computeDeclarations(Element el, String style) {
        List<Sheeted> sheeted = sheetDeclarations.get(el);
        if (sheeted == null && style.isEmpty()) {
            return List.of();
        }
        List<CssScanner.Declaration> out = new ArrayList<>();
        if (sheeted != null) {
            sheeted.stream().sorted(Comparator.comparingInt(Sheeted::specificity).thenComparingInt(Sheeted::order))
                    .forEach(s -> out.add(s.declaration()));
        }
        if (!style.isEmpty()) {
            out.addAll(CssScanner.declarations(style.length() > maxCssBytes ? style.substring(0, maxCssBytes)
                    : style));
        }
        return out;
    }

    /** @return the declarations in the order they apply: normal ones, then {@code !important} ones */
    private static List<CssScanner.Declaration> cascade(List<CssScanner.Declaration> decls) {
        List<CssScanner.Declaration> out = new ArrayList<>(decls.size());
        for (CssScanner.Declaration d : decls) {
            if (!d.important()) {
                out.add(d);
            }
        }
        for (CssScanner.Declaration d : decls) {
            if (d.important()) {
                out.add(d);
            }
        }
        return out;
    }

    private static double fontSize(String v, double parent) {
        if (v.equals("inherit")) {
            return parent;
        }
        double px = StyleFacts.px(v);
        if (v.endsWith("%") || v.endsWith("em")) {
            // relative to the parent: only zero is known to stay unreadable
            return isZero(px) ? 0.0 : Double.isNaN(parent) ? Double.NaN : relative(v, parent);
        }
        return px; // NaN for keywords (small, x-small...), readable
    }

    /** @return the size word of a {@code font} shorthand ({@code "bold 0px/0 arial"} gives {@code "0px"}) */
    private static String fontShorthandSize(String v) {
        for (String word : v.split("\\s+")) {
            if (!word.isEmpty() && (Character.isDigit(word.charAt(0)) || word.charAt(0) == '.')) {
                return word.split("/")[0];
            }
        }
        return "";
    }

    private static double relative(String v, double parent) {
        try {
            String num = v.endsWith("%") ? v.substring(0, v.length() - 1)
                    : v.substring(0, v.length() - (v.endsWith("rem") ? 3 : 2));
            double f = Double.parseDouble(num.trim());
            return v.endsWith("%") ? parent * f / 100.0 : v.endsWith("rem") ? Double.NaN : parent * f;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean atMostOnePixel(double v) {
        return !Double.isNaN(v) && v <= 1.0;
    }

    private static boolean isZero(double v) {
        return !Double.isNaN(v) && v <= 0.0;
    }

    private static boolean isTablePart(String tag) {
        return tag.equals("table") || tag.equals("tbody") || tag.equals("thead") || tag.equals("tfoot")
                || tag.equals("tr") || tag.equals("td") || tag.equals("th");
    }

    /**
     * The elements of a body by tag name, class and id, so that a selector is tried only on the elements that carry
     * the key of its rightmost compound ({@code td.footer} on the elements of class {@code footer}) instead of on the
     * whole tree once per rule: a newsletter's style sheet has hundreds of rules, most for classes the message does not
     * use. Gives the elements {@code document.select(selector)} gives, in document order.
     */
    static final class ElementIndex {
        /** A selector made of one type, class or id selector (ASCII, no escape): {@code td}, {@code .x}, {@code #y}. */
        private static final Pattern SIMPLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*|[.#][A-Za-z_][A-Za-z0-9_-]*");
        /**
         * Compound selectors joined by descendant combinators only, each an optional type selector then ids and
         * classes, ASCII without escapes: {@code .footer a}, {@code table.main td}, {@code #x .y p.z}.
         */
        private static final Pattern DESCENDANTS = Pattern.compile(
                "(?:[A-Za-z][A-Za-z0-9_-]*|(?:[A-Za-z][A-Za-z0-9_-]*)?(?:[.#][A-Za-z_][A-Za-z0-9_-]*)+)"
                        + "(?:[ \t\n\r\f]+(?:[A-Za-z][A-Za-z0-9_-]*"
                        + "|(?:[A-Za-z][A-Za-z0-9_-]*)?(?:[.#][A-Za-z_][A-Za-z0-9_-]*)+))*");
        private final Map<String, List<Element>> byTag = new HashMap<>();
        private final Map<String, List<Element>> byClass = new HashMap<>();
        private final Map<String, List<Element>> byId = new HashMap<>();

        ElementIndex(List<Element> all) {
            this.elementCount = all.size();
            for (Element e : all) {
                byTag.computeIfAbsent(e.normalName(), k -> new ArrayList<>()).add(e);
                String classes = e.attr("class"); // as jsoup's hasClass reads it: not trimmed
                int n = classes.length();
                for (int i = 0; i < n; ) { // the class attribute's names, split at white space as jsoup does
                    while (i < n && isClassSeparator(classes.charAt(i))) {
                        i++;
                    }
                    int start = i;
                    while (i < n && !isClassSeparator(classes.charAt(i))) {
                        i++;
                    }
                    if (i > start) {
                        String c = classKey(classes.substring(start, i));
                        List<Element> list = byClass.computeIfAbsent(c, k -> new ArrayList<>());
                        if (list.isEmpty() || list.get(list.size() - 1) != e) { // class="a A" lists the element once
                            list.add(e);
                        }
                    }
                }
                String id = e.id();
                if (!id.isEmpty()) {
                    byId.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                }
            }
        }

        /** The elements each compound matched: rules and their compounds repeat ({@code div}, {@code .x}). */
        private final Map<Compound, Set<Element>> matched = new HashMap<>();

        /**
         * @param kind {@code "#"} for an id, {@code "."} for a class, {@code ""} for a type, as {@link #rightmostKey}
         * @return the elements carrying that id, class or type, in document order; {@code null} when none does
         */
        private List<Element> listed(String kind, String name) {
            return switch (kind) {
                case "#" -> byId.get(name);
                case "." -> byClass.get(classKey(name));
                default -> byTag.get(name.toLowerCase(Locale.ROOT));
            };
        }

        /** @return the elements {@code c} matches, from the index list of its id, else a class, else its type */
        private Set<Element> matching(Compound c) {
            Set<Element> known = matched.get(c);
            if (known == null) {
                known = computeMatching(c);
                matched.put(c, known);
            }
            return known;
        }

        private Set<Element> computeMatching(Compound c) {
            List<Element> from = !c.ids().isEmpty() ? listed("#", c.ids().get(0))
                    : !c.classes().isEmpty() ? listed(".", c.classes().get(0)) : listed("", c.tag());
            if (from == null) {
                return Set.of();
            }
            Set<Element> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            steps += from.size();
            for (Element e : from) {
                if (c.matches(e)) {
                    out.add(e);
                }
            }
            return out;
        }

        /**
         * @return false when a class or id the selector names (in any of its compounds, outside brackets) is on no
         *         element: then nothing matches, since the selectors read here have no negation ({@code :not} is a
         *         pseudo-class, never matched)
         */
        private boolean namesPresent(String selector) {
            int depth = 0;
            for (int i = 0; i < selector.length(); i++) {
                char c = selector.charAt(i);
                if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    depth = Math.max(0, depth - 1);
                } else if (depth == 0 && (c == '.' || c == '#')) {
                    String n = name(selector, i + 1);
                    if (!n.isEmpty() && isAscii(n) && !(c == '#' ? byId.containsKey(n)
                            : byClass.containsKey(classKey(n)))) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Steps of matching spent so far: see {@link #MAX_MATCH_STEPS}. */
        long steps;
        private final int elementCount;

        /**
         * @return the elements of {@code document} that {@code selector} matches, as {@code document.select} gives them;
         *         {@code null} once {@link #MAX_MATCH_STEPS} steps have been spent (on this selector or before)
         * @throws RuntimeException when jsoup cannot read the selector
         */
        List<Element> select(Document document, String selector) {
            if (steps > MAX_MATCH_STEPS) {
                return null;
            }
            String[] key = rightmostKey(selector);
            if (key == null) {
                steps += (long) elementCount * compounds(selector);
                return steps > MAX_MATCH_STEPS ? null : document.select(selector);
            }
            List<Element> candidates = listed(key[0], key[1]);
            if (SIMPLE.matcher(selector).matches()) { // one tag, class or id: the index holds the answer
                return candidates == null ? List.of() : candidates;
            }
            if (DESCENDANTS.matcher(selector).matches()) { // matched here, as jsoup would, without its evaluators
                if (candidates == null) {
                    return List.of();
                }
                Compound[] chain = Compound.chain(selector);
                List<Set<Element>> above = new ArrayList<>(chain.length - 1); // what each other compound matches
                for (int k = 0; k < chain.length - 1; k++) {
                    Set<Element> set = matching(chain[k]);
                    if (set.isEmpty()) {
                        return List.of();
                    }
                    above.add(set);
                }
                List<Element> out = new ArrayList<>();
                for (Element e : candidates) {
                    if (Compound.matchesChain(chain, above, e, this)) {
                        out.add(e);
                    }
                    if (steps > MAX_MATCH_STEPS) {
                        return null;
                    }
                }
                return out;
            }
            Evaluator evaluator = QueryParser.parse(selector); // throws as select would for a selector it cannot read
            if (candidates == null || !namesPresent(selector)) {
                return List.of();
            }
            steps += (long) candidates.size() * compounds(selector);
            if (steps > MAX_MATCH_STEPS) {
                return null;
            }
            List<Element> out = new ArrayList<>();
            for (Element e : candidates) {
                if (e.is(evaluator)) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    /**
     * One compound selector of {@link ElementIndex#DESCENDANTS}: a type (lower case, or {@code null} for any), ids and
     * classes, matched as jsoup's evaluators match them (the element's normal name; {@link Element#id()} exactly;
     * {@link Element#hasClass}, which ignores case).
     */
    private record Compound(String tag, List<String> ids, List<String> classes) {
        static Compound[] chain(String selector) {
            String[] tokens = selector.trim().split("[ \t\n\r\f]+");
            Compound[] out = new Compound[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                String token = tokens[t];
                int i = 0;
                while (i < token.length() && token.charAt(i) != '.' && token.charAt(i) != '#') {
                    i++;
                }
                String tag = i == 0 ? null : token.substring(0, i).toLowerCase(Locale.ROOT);
                List<String> ids = new ArrayList<>(1);
                List<String> classes = new ArrayList<>(1);
                while (i < token.length()) {
                    char kind = token.charAt(i);
                    int end = i + 1;
                    while (end < token.length() && token.charAt(end) != '.' && token.charAt(end) != '#') {
                        end++;
                    }
                    (kind == '#' ? ids : classes).add(token.substring(i + 1, end));
                    i = end;
                }
                out[t] = new Compound(tag, ids, classes);
            }
            return out;
        }

        boolean matches(Element e) {
            if (tag != null && !tag.equals(e.normalName())) {
                return false;
            }
            for (String id : ids) {
                if (!id.equals(e.id())) {
                    return false;
                }
            }
            for (String c : classes) {
                if (!e.hasClass(c)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * @param above the elements each compound but the last matches
         * @return whether {@code e} matches the last compound and has ancestors matching the others, in order going
         *         up (the nearest ancestor matching each compound is as good as any: descendant combinators only)
         */
        static boolean matchesChain(Compound[] chain, List<Set<Element>> above, Element e, ElementIndex counter) {
            counter.steps++;
            if (!chain[chain.length - 1].matches(e)) {
                return false;
            }
            Element a = e.parent();
            for (int k = chain.length - 2; k >= 0; k--) {
                Set<Element> wanted = above.get(k);
                while (a != null && !wanted.contains(a)) {
                    counter.steps++;
                    a = a.parent();
                }
                if (a == null) {
                    return false;
                }
                a = a.parent();
            }
            return true;
        }
    }

    /**
     * @param selector one complex selector (no comma)
     * @return the key every element it matches carries, from its rightmost compound selector: {@code {"#", id}},
     *         else {@code {".", class}}, else {@code {"", tag}}; {@code null} when there is none to rely on (a
     *         universal or attribute-only compound, escapes, namespaces)
     */
    static String[] rightmostKey(String selector) {
        List<Integer> combinators = topLevel(selector, TextVisibility::isCombinator);
        int start = combinators.isEmpty() ? 0 : combinators.get(combinators.size() - 1) + 1;
        String compound = selector.substring(start).trim();
        if (compound.isEmpty() || compound.indexOf('\\') >= 0 || compound.indexOf('|') >= 0
                || !isAscii(compound)) { // non-ASCII names: jsoup's case folding decides
            return null;
        }
        String outside = compound.indexOf('[') < 0 && compound.indexOf('(') < 0 ? compound
                : BRACKETED.matcher(compound).replaceAll(""); // names inside [] and () are not keys
        int hash = outside.indexOf('#');
        if (hash >= 0) {
            String id = name(outside, hash + 1);
            return id.isEmpty() ? null : new String[] {"#", id};
        }
        int dot = outside.indexOf('.');
        if (dot >= 0) {
            String cls = name(outside, dot + 1);
            return cls.isEmpty() ? null : new String[] {".", cls};
        }
        String tag = name(outside, 0);
        return tag.isEmpty() ? null : new String[] {"", tag};
    }

    /**
     * @return how many compound selectors a complex selector joins, for the matching budget: 1 for {@code td.x} and
     *         {@code [title="a b"]}, 3 for {@code .a > b c}
     */
    static int compounds(String selector) {
        String part = BRACKETED.matcher(selector).replaceAll("x"); // what brackets and parentheses hold is no compound
        int n = 0;
        boolean inCompound = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean combinator = isCombinator(c);
            if (!combinator && !inCompound) {
                n++;
            }
            inCompound = !combinator;
        }
        return Math.max(1, n);
    }

    /**
     * @return whether jsoup's {@link Element#hasClass} splits a class attribute at {@code c}: space, tab, LF, FF and
     *         CR only (HTML's ASCII white space), not a vertical tab, a control character or a Unicode space
     */
    static boolean isClassSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /**
     * @return the key under which a class name is indexed: each character case-folded as
     *         {@link String#equalsIgnoreCase} compares it (the comparison of {@link Element#hasClass}), so that
     *         {@code .i} finds {@code class="İ"} and {@code .s} finds {@code class="ſ"}, as jsoup does
     */
    static String classKey(String name) {
        return org.pixelproof.rules.RequiredLiterals.fold(name);
    }

    /** What a compound selector holds inside brackets and parentheses: no key is taken from there. */
    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\]]*\\]|\\([^)]*\\)");

    /** @return whether {@code c} joins compound selectors: CSS white space (a descendant) or {@code > + ~} */
    private static boolean isCombinator(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '>' || c == '+' || c == '~';
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** @return the CSS name starting at {@code from}: letters, digits, {@code -}, {@code _} and non-ASCII */
    private static String name(String s, int from) {
        int end = from;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c >= 0x80)) {
                break;
            }
            end++;
        }
        return s.substring(from, end);
    }

    /** @return the parts of a selector list, split at commas outside brackets, parentheses and strings */
    static List<String> selectorParts(String selector) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int comma : topLevel(selector, c -> c == ',')) {
            addPart(out, selector.substring(start, comma));
            start = comma + 1;
        }
        addPart(out, selector.substring(start));
        return out;
    }

    /**
     * @param selector  a selector or selector list
     * @param separator the characters wanted
     * @return the indexes, in order, of the characters {@code separator} accepts that stand outside brackets,
     *         parentheses and quoted strings
     */
    static List<Integer> topLevel(String selector, java.util.function.IntPredicate separator) {
        List<Integer> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && separator.test(c)) {
                out.add(i);
            }
        }
        return out;
    }

    private static void addPart(List<String> out, String part) {
        String p = part.trim();
        if (!p.isEmpty()) {
            out.add(p);
        }
    }

    /**
     * @return the specificity of one compound selector as {@code ids * 10,000 + classes and attributes * 100 + type
     *         names} (CSS Selectors Level 3 section 16, without pseudo-classes, which are never matched here)
     */
    static int specificity(String selector) {
        int ids = 0;
        int classes = 0;
        int types = 0;
        boolean inName = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '#') {
                ids++;
                inName = true;
            } else if (c == '.' || c == '[') {
                classes++;
                inName = true;
                if (c == '[') {
                    int end = selector.indexOf(']', i);
                    i = end < 0 ? selector.length() : end;
                    inName = false;
                }
            } else if (Character.isLetter(c) || c == '-' || c == '_' || Character.isDigit(c) || c == '\\') {
                if (!inName) {
                    types++;
                    inName = true;
                }
            } else {
                inName = false; // combinator, space or '*'
            }
        }
        return Math.min(ids, 99) * 10_000 + Math.min(classes, 99) * 100 + Math.min(types, 99);
    }

    // --------------------------------------------------------------------------------------------- colours

    /** @return the first colour among the words of a {@code background} value, or {@link #TRANSPARENT} */
    private static int colorIn(String value) {
        for (String word : value.replace(", ", ",").split("\\s+")) {
            int c = parseColor(word);
            if (c != UNKNOWN) {
                return c;
            }
        }
        return TRANSPARENT; // the shorthand without a colour resets it to transparent
    }

    /**
     * @param v a CSS or HTML colour: {@code #rgb}, {@code #rgba}, {@code #rrggbb}, {@code #rrggbbaa}, {@code rgb()},
     *          {@code rgba()}, a few keywords; an HTML {@code bgcolor} may omit the {@code #}
     * @return {@code 0xRRGGBB}, {@link #TRANSPARENT} (alpha of at most 0.05 included), or {@link #UNKNOWN}
     */
    static int parseColor(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "transparent", "none" -> {
                return TRANSPARENT;
            }
            case "white" -> {
                return WHITE;
            }
            case "black" -> {
                return BLACK;
            }
            case "snow", "ghostwhite", "whitesmoke", "ivory", "floralwhite", "seashell", "mintcream", "azure",
                    "aliceblue" -> {
                return 0xF8F8F8;
            }
            default -> {
            }
        }
        String hex = s.startsWith("#") ? s.substring(1) : s;
        if ((hex.length() == 3 || hex.length() == 4 || hex.length() == 6 || hex.length() == 8)
                && hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            if (hex.length() <= 4) {
                StringBuilder b = new StringBuilder();
                for (char ch : hex.toCharArray()) {
                    b.append(ch).append(ch);
                }
                hex = b.toString();
            }
            if (hex.length() == 8 && Integer.parseInt(hex.substring(6), 16) <= 12) {
                return TRANSPARENT;
            }
            return Integer.parseInt(hex.substring(0, 6), 16);
        }
        if ((s.startsWith("rgb(") || s.startsWith("rgba(")) && s.endsWith(")")) {
            String[] parts = s.substring(s.indexOf('(') + 1, s.length() - 1).split("[\\s,/]+");
            try {
                if (parts.length == 4 && alpha(parts[3]) <= 0.05) {
                    return TRANSPARENT;
                }
                if (parts.length >= 3) {
                    int rgb = 0;
                    for (int k = 0; k < 3; k++) {
                        String p = parts[k];
                        double n = p.endsWith("%") ? Double.parseDouble(p.substring(0, p.length() - 1)) * 2.55
                                : Double.parseDouble(p);
                        rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(n)));
                    }
                    return rgb;
                }
            } catch (NumberFormatException e) {
                return UNKNOWN;
            }
        }
        return UNKNOWN;
    }

    private static double alpha(String p) {
        return p.endsWith("%") ? Double.parseDouble(p.substring(0, p.length() - 1)) / 100.0 : Double.parseDouble(p);
    }

    /** @return the WCAG 2.x contrast ratio of two {@code 0xRRGGBB} colours, from 1 to 21 */
    static double contrast(int a, int b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(int rgb) {
        return 0.2126 * channel(rgb >> 16 & 0xFF) + 0.7152 * channel(rgb >> 8 & 0xFF) + 0.0722 * channel(rgb & 0xFF);
    }

    private static double channel(int c) {
        double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
