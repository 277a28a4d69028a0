package org.pixelproof.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A linear, bounded scanner of the CSS found in e-mails ({@code <style>} blocks and {@code style} attributes): it finds
 * every {@code url()} a client would fetch, with the property and the rule it sits in, and reads declarations for the
 * size and visibility signals. See {@code docs/decisions/0021-css-scanning.md} for why this is not a full CSS parser.
 *
 * <p>It follows the tokenisation of CSS Syntax Level 3 where it matters for finding URLs: comments, quoted strings
 * with escapes, unquoted {@code url(...)} tokens, CSS escapes ({@code \68ttp} is {@code http}) in URLs and in the
 * names that decide what is fetched (function names {@code u\72 l(} and {@code \75 rl(}, at-keywords
 * {@code @im\70 ort} and {@code @\69mport}, property names, at-rule preludes and selectors for the context), read as
 * a browser reads them while every position and excerpt stays that of the source text; blocks and nested
 * at-rules ({@code @media}, {@code @supports}, {@code @font-face}, {@code @import} with and without {@code url()},
 * {@code image-set()} strings). Error recovery is lenient like a browser's: an unterminated string ends at the end of
 * its line, an unbalanced block ends at the end of the input.
 *
 * <p>Security-relevant: the input is hostile. Every loop advances at least one character, nesting is tracked with an
 * explicit stack capped at {@link #MAX_NESTING} levels (deeper blocks are still scanned for URLs, as one flat level),
 * no regular expression is used, and callers cut the input at {@link org.pixelproof.ingest.IngestLimits#maxCssBytes()}
 * characters. Stateless and thread-safe.
 */
final class CssScanner {

    /** Deepest block nesting given its own context label; default 32. Deeper blocks are scanned flat. */
    static final int MAX_NESTING = 32;

    /** Longest rule excerpt kept as evidence, in characters; default 1,000. */
    static final int MAX_EXCERPT = 1_000;

    private CssScanner() {
    }

    /**
     * One declaration.
     *
     * @param property  lower-case property name
     * @param value     the value as written, without {@code !important}, trimmed
     * @param important true when marked {@code !important}
     */
    record Declaration(String property, String value, boolean important) {
    }

    /**
     * A URL referenced from CSS.
     *
     * @param url       the URL text, CSS escapes decoded, not yet cleaned or resolved
     * @param property  the property ({@code background-image}, {@code src}...) or {@code @import}
     * @param rule      the rule it sits in, e.g. {@code "@media print { .x }"} or {@code "@font-face"}; {@code null}
     *                  for a {@code style} attribute
     * @param excerpt   the exact source text of the rule (or declaration), at most {@link #MAX_EXCERPT} characters
     * @param condition when the rule only applies in some contexts: {@code print}, {@code dark mode}, {@code hover},
     *                  {@code device query}, {@code client detection}, {@code forward or reply} (a selector that
     *                  matches only in a forwarded or quoted copy: Outlook's message header, Thunderbird's header
     *                  table, a {@code blockquote}); else {@code null}
     */
    record UrlRef(String url, String property, String rule, String excerpt, String condition) {
    }

    /**
     * A qualified rule of a style sheet.
     *
     * @param selector     the selector text, trimmed
     * @param atRules      the enclosing at-rule preludes, outermost first, e.g. {@code ["@media print"]}
     * @param declarations its declarations
     */
    record Rule(String selector, List<String> atRules, List<Declaration> declarations) {
    }

    /**
     * What a style sheet holds.
     *
     * @param rules the qualified rules, in order (at most 10,000)
     * @param urls  every URL referenced, in order
     */
    record Sheet(List<Rule> rules, List<UrlRef> urls) {
    }

    /** Most rules kept per style sheet; the URLs of further rules are still collected. */
    static final int MAX_RULES = 10_000;

    // ---------------------------------------------------------------------------------------------- style sheets

    private static final class Frame {
        final boolean declarations;
        final String label; // at-rule prelude for rule lists, selector for declaration blocks
        final int start;
        final List<Declaration> decls;

        Frame(boolean declarations, String label, int start) {
            this.declarations = declarations;
            this.label = label;
            this.start = start;
            this.decls = declarations ? new ArrayList<>() : null;
        }
    }

    /**
     * Scans a style sheet ({@code <style>} content).
     *
     * @param css the CSS text, already cut to the size limit
     * @return its rules and URLs
     */
    static Sheet scanSheet(String css) {
        List<Rule> rules = new ArrayList<>();
        List<UrlRef> urls = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int flatDepth = 0; // blocks opened beyond MAX_NESTING
        int n = css.length();
        int i = 0;
        while (i < n) {
            char c = css.charAt(i);
            Frame top = stack.peek();
            if (top != null && top.declarations) {
                // inside a declaration block: read one declaration, or a nested rule, or the end of the block
                int end = scanStatement(css, i);
                char stop = end < n ? css.charAt(end) : '}';
                if (stop == '{') {
                    String prelude = css.substring(i, end).trim();
                    if (stack.size() >= MAX_NESTING) {
                        flatDepth++;
                    } else {
                        stack.push(new Frame(true, prelude, i));
                    }
                    i = end + 1;
                    continue;
                }
                readDeclaration(css, i, end, top, stack, urls);
                if (stop == '}') {
                    if (flatDepth > 0) {
                        flatDepth--;
                    } else {
                        closeDeclarations(css, stack.pop(), Math.min(end + 1, n), stack, rules);
                    }
                }
                i = end + 1;
                continue;
            }
            if (isWhite(c)) {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && css.charAt(i + 1) == '*') {
                i = skipComment(css, i);
                continue;
            }
            if (css.startsWith("<!--", i)) {
                i += 4;
                continue;
            }
            if (css.startsWith("-->", i)) {
                i += 3;
                continue;
            }
            if (c == '}') {
                if (flatDepth > 0) {
                    flatDepth--;
                } else if (!stack.isEmpty()) {
                    stack.pop();
                }
                i++;
                continue;
            }
            int end = scanStatement(css, i);
            char stop = end < n ? css.charAt(end) : ';';
            String prelude = css.substring(i, end).trim();
            if (c == '@') {
                String name = atName(prelude);
                if (stop == '{') {
                    boolean declBlock = "font-face".equals(name) || "page".equals(name)
                            || "counter-style".equals(name) || "property".equals(name) || "viewport".equals(name)
                            || "-ms-viewport".equals(name) || "font-palette-values".equals(name);
                    if (stack.size() >= MAX_NESTING) {
                        flatDepth++;
                    } else {
                        stack.push(new Frame(declBlock, collapse(prelude), i));
                    }
                } else if ("import".equals(name)) {
                    String url = importUrl(prelude);
                    if (url != null) {
                        List<String> chain = chain(stack);
                        String rule = label(chain, "@import");
                        urls.add(new UrlRef(url, "@import", rule, excerpt(css, i, Math.min(end + 1, n)),
                                condition(chain, prelude)));
                    }
                }
                i = end + 1;
                if (stop == '}') {
                    i = end; // let the loop close the enclosing block
                }
                continue;
            }
            if (stop == '{') {
                if (stack.size() >= MAX_NESTING) {
                    flatDepth++;
                } else {
                    stack.push(new Frame(true, collapse(prelude), i));
                }
                i = end + 1;
            } else if (stop == '}') {
                i = end; // stray text before a closing brace: drop it
            } else {
                i = end + 1; // stray statement: dropped, as a browser drops it
            }
        }
        // unclosed blocks at the end of the input are closed, as a browser does
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.declarations) {
                closeDeclarations(css, f, n, stack, rules);
            }
        }
        return new Sheet(rules, urls);
    }

    private static void closeDeclarations(String css, Frame f, int end, Deque<Frame> stack, List<Rule> rules) {
        if (rules.size() < MAX_RULES) {
            rules.add(new Rule(f.label, chain(stack), List.copyOf(f.decls)));
        }
    }

    private static void readDeclaration(String css, int start, int end, Frame block, Deque<Frame> stack,
            List<UrlRef> urls) {
        Declaration d = declaration(css, start, end);
        if (d == null) {
            return;
        }
        block.decls.add(d);
        if (indexOfIgnoreCase(d.value(), "url(") < 0 && indexOfIgnoreCase(d.value(), "image-set(") < 0
                && d.value().indexOf('\\') < 0) {
            return;
        }
        List<String> found = urlsInValue(d.value());
        if (found.isEmpty()) {
            return;
        }
        List<String> outer = new ArrayList<>();
        boolean first = true;
        for (Frame f : stack) { // innermost first
            if (first) {
                first = false;
                continue;
            }
            outer.add(0, f.declarations ? f.label : f.label);
        }
        String rule = label(outer, block.label);
        String cond = condition(outer, block.label);
        String excerpt = excerpt(css, block.start, ruleEnd(css, end));
        for (String u : found) {
            urls.add(new UrlRef(u, d.property(), rule, excerpt, cond));
        }
    }

    /** The end of the rule that contains position {@code from}: the next closing brace, bounded by the excerpt size. */
    private static int ruleEnd(String css, int from) {
        int limit = Math.min(css.length(), from + MAX_EXCERPT);
        int i = from;
        while (i < limit && css.charAt(i) != '}') {
            i++;
        }
        return Math.min(css.length(), i + 1);
    }

    private static List<String> chain(Deque<Frame> stack) {
        List<String> out = new ArrayList<>();
        for (Frame f : stack) { // innermost first
            out.add(0, f.label);
        }
        return out;
    }

    private static String label(List<String> outer, String inner) {
        if (outer.isEmpty()) {
            return inner;
        }
        StringBuilder sb = new StringBuilder();
        for (String o : outer) {
            sb.append(o).append(" { ");
        }
        sb.append(inner);
        for (int k = 0; k < outer.size(); k++) {
            sb.append(" }");
        }
        return sb.toString();
    }

    /**
     * @return the context in which a rule fires only sometimes, from its at-rules and selector, or {@code null} when
     *         it always applies
     */
    static String condition(List<String> atRules, String selector) {
        return contextOf(atRules, selector);
    }

    /**
     * @return true for the contexts that reveal something about the reader's behaviour when they fire (printing,
     *         hovering, forwarding, the mail client used); dark mode and screen-size queries are everyday layout
     */
    static boolean revealing(String condition) {
        return "print".equals(condition) || "hover".equals(condition) || "client detection".equals(condition)
                || "forward or reply".equals(condition);
    }

    private static String contextOf(List<String> atRules, String selector) {
        String sel = selector == null ? "" : CssEscapes.decode(selector).toLowerCase(Locale.ROOT);
        for (String a : atRules) {
            String l = CssEscapes.decode(a).toLowerCase(Locale.ROOT);
            if (l.contains("print")) {
                return "print";
            }
            if (l.contains("prefers-color-scheme") || l.contains("prefers-dark")) {
                return "dark mode";
            }
        }
        if (sel.contains(":hover") || sel.contains(":active") || sel.contains(":focus")) {
            return "hover";
        }
        if (sel.contains("outlookmessageheader") || sel.contains("moz-email-headers-table")
                || sel.contains("blockquote") || sel.contains("mailcontainerbody") || sel.contains("gmail_quote")
                || sel.contains("divrplyfwdmsg") || sel.contains("yahoo_quoted") || sel.contains("x_")
                && sel.contains("#")) {
            return "forward or reply"; // parts a mail client adds when the message is forwarded or quoted in a reply
        }
        if (sel.contains("gmail") || sel.contains("messageviewbody")
                || sel.contains("[owa]") || sel.contains("blockquote") || sel.contains("x_") && sel.contains("#")
                || sel.contains("yahoo") || sel.contains("[data-outlook")) {
            return "client detection";
        }
        for (String a : atRules) {
            String l = CssEscapes.decode(a).toLowerCase(Locale.ROOT);
            if (l.startsWith("@media") && (l.contains("width") || l.contains("height") || l.contains("device")
                    || l.contains("resolution") || l.contains("orientation") || l.contains("pixel-ratio"))) {
                return "device query";
            }
            if (l.startsWith("@supports")) {
                return "feature query";
            }
        }
        return null;
    }

    /** @return the at-keyword of a prelude starting with {@code @}, escapes decoded, in lower case. */
    private static String atName(String prelude) {
        return identName(prelude, 1, identEnd(prelude, 1));
    }

    /**
     * @param prelude an {@code @import} prelude ({@code @import url(x) print}, {@code @import "x"}, or with an escaped
     *                at-keyword such as {@code @im\70 ort "x"})
     * @return its URL, CSS escapes decoded, or {@code null}
     */
    static String importUrl(String prelude) {
        String rest = prelude.substring(Math.min(prelude.length(), identEnd(prelude, 1))).trim();
        if (rest.isEmpty()) {
            return null;
        }
        char q = rest.charAt(0);
        if (q == '"' || q == '\'') {
            int end = skipString(rest, 0);
            return unescape(rest, 1, Math.max(1, end - (end <= rest.length() && rest.charAt(end - 1) == q ? 1 : 0)));
        }
        List<String> found = urlsInValue(rest);
        return found.isEmpty() ? null : found.get(0);
    }

    // ---------------------------------------------------------------------------------------- declaration lists

    /**
     * Reads a {@code style} attribute's declarations.
     *
     * @param style the attribute value (entities already decoded), already cut to the size limit
     * @return the declarations in order
     */
    static List<Declaration> declarations(String style) {
        List<Declaration> out = new ArrayList<>();
        int n = style.length();
        int i = 0;
        while (i < n) {
            int end = scanStatement(style, i);
            Declaration d = declaration(style, i, end);
            if (d != null) {
                out.add(d);
            }
            i = end + 1;
        }
        return out;
    }

    private static Declaration declaration(String css, int start, int end) {
        int colon = -1;
        for (int k = start; k < end; k++) {
            char c = css.charAt(k);
            if (c == ':') {
                colon = k;
                break;
            }
            if (c == '/' && k + 1 < end && css.charAt(k + 1) == '*') {
                k = skipComment(css, k) - 1;
            }
        }
        if (colon < 0) {
            return null;
        }
        String property = CssEscapes.decode(stripComments(css.substring(start, colon)).trim())
                .toLowerCase(Locale.ROOT);
        if (property.isEmpty()) {
            return null;
        }
        String value = css.substring(colon + 1, Math.min(end, css.length())).trim();
        boolean important = false;
        int bang = value.lastIndexOf('!');
        if (bang >= 0 && value.substring(bang + 1).trim().equalsIgnoreCase("important")) {
            important = true;
            value = value.substring(0, bang).trim();
        }
        return new Declaration(property, value, important);
    }

    private static String stripComments(String s) {
        if (s.indexOf("/*") < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                i = skipComment(s, i);
            } else {
                sb.append(s.charAt(i++));
            }
        }
        return sb.toString();
    }

    /**
     * @return every URL in a property value: {@code url(...)} (quoted or not) and the strings of
     *         {@code image-set()}, CSS escapes decoded
     */
    static List<String> urlsInValue(String value) {
        List<String> out = new ArrayList<>();
        int n = value.length();
        int i = 0;
        int imageSetDepth = -1; // paren depth at which an image-set() is open
        int depth = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '/' && i + 1 < n && value.charAt(i + 1) == '*') {
                i = skipComment(value, i);
                continue;
            }
            if (c == '"' || c == '\'') {
                int end = skipString(value, i);
                if (imageSetDepth >= 0 && depth == imageSetDepth + 1) {
                    int close = end - (end - 1 > i && value.charAt(end - 1) == c ? 1 : 0);
                    out.add(unescape(value, i + 1, Math.max(i + 1, close)));
                }
                i = end;
                continue;
            }
            if (c == '(') {
                depth++;
                i++;
                continue;
            }
            if (c == ')') {
                depth = Math.max(0, depth - 1);
                if (imageSetDepth >= 0 && depth <= imageSetDepth) {
                    imageSetDepth = -1;
                }
                i++;
                continue;
            }
            if ((isNameStart(c) || c == '\\') && !identBefore(value, i)) {
                // an identifier, escapes included: u\72 l( and \75 rl( are url( to a browser (CSS Syntax 4.3.4)
                int e = identEnd(value, i);
                if (e < n && value.charAt(e) == '(') {
                    String name = identName(value, i, e);
                    if ("url".equals(name)) {
                        i = readUrl(value, e + 1, out);
                        continue;
                    }
                    if ("image-set".equals(name) || name.startsWith("-") && name.endsWith("-image-set")) {
                        imageSetDepth = depth;
                        depth++;
                        i = e + 1;
                        continue;
                    }
                }
                if (e > i) {
                    i = e;
                    continue;
                }
            }
            i++;
        }
        return out;
    }

    /**
     * Reads the argument of a {@code url(} whose opening parenthesis ends just before {@code k}.
     *
     * @return the index after its closing parenthesis (or the end of the value)
     */
    private static int readUrl(String value, int k, List<String> out) {
        int n = value.length();
        while (k < n && isWhite(value.charAt(k))) {
            k++;
        }
        if (k < n && (value.charAt(k) == '"' || value.charAt(k) == '\'')) {
            char q = value.charAt(k);
            int end = skipString(value, k);
            int close = end - (end - 1 > k && value.charAt(end - 1) == q ? 1 : 0);
            out.add(unescape(value, k + 1, Math.max(k + 1, close)));
            int p = end;
            while (p < n && value.charAt(p) != ')') {
                p++;
            }
            return Math.min(n, p + 1);
        }
        int p = k;
        while (p < n && value.charAt(p) != ')') {
            if (value.charAt(p) == '\\' && p + 1 < n) {
                p++;
            }
            p++;
        }
        int e = Math.min(p, n);
        while (e > k && isWhite(value.charAt(e - 1))) {
            e--;
        }
        out.add(unescape(value, k, e));
        return Math.min(n, p + 1);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c >= 0x80;
    }

    /**
     * @return the end of the identifier (ident sequence, CSS Syntax 4.3.11) starting at {@code i}: name characters
     *         and escapes ({@code \} and one to six hex digits plus one optional white space, or {@code \} and any
     *         character but a newline); {@code i} itself when none starts there
     */
    static int identEnd(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (isNameStart(c) || (c >= '0' && c <= '9')) {
                i++;
            } else if (c == '\\' && i + 1 < n && s.charAt(i + 1) != '\n' && s.charAt(i + 1) != '\r'
                    && s.charAt(i + 1) != '\f') {
                int h = i + 1;
                while (h < n && h - i <= 6 && CssEscapes.isHex(s.charAt(h))) {
                    h++;
                }
                if (h == i + 1) {
                    i += 2;
                } else {
                    i = CssEscapes.afterEscapeWhite(s, h, n);
                }
            } else {
                break;
            }
        }
        return i;
    }

    /** @return the identifier {@code s[from, to)}, escapes decoded, in lower case */
    private static String identName(String s, int from, int to) {
        return CssEscapes.decode(s, from, to).toLowerCase(Locale.ROOT);
    }

    private static boolean identBefore(String s, int i) {
        if (i == 0) {
            return false;
        }
        char p = s.charAt(i - 1);
        return Character.isLetterOrDigit(p) || p == '-' || p == '_';
    }

    // ------------------------------------------------------------------------------------------------- lexing

    /**
     * @return the index of the first {@code ;}, {@code {} or {@code }} at parenthesis depth 0 from {@code i}, outside
     *         strings and comments, or the length of the input
     */
    private static int scanStatement(String css, int i) {
        int n = css.length();
        int parens = 0;
        while (i < n) {
            char c = css.charAt(i);
            switch (c) {
                case '"', '\'' -> {
                    i = skipString(css, i);
                    continue;
                }
                case '/' -> {
                    if (i + 1 < n && css.charAt(i + 1) == '*') {
                        i = skipComment(css, i);
                        continue;
                    }
                }
                case '\\' -> {
                    i += 2;
                    continue;
                }
                case '(' -> parens++;
                case ')' -> parens = Math.max(0, parens - 1);
                case ';' -> {
                    if (parens == 0) {
                        return i;
                    }
                }
                case '{', '}' -> {
                    return i; // braces end a statement even inside unbalanced parentheses, as browsers recover
                }
                default -> {
                }
            }
            i++;
        }
        return n;
    }

    /** @return the index after the comment starting at {@code i} (which is {@code /*}), or the end. */
    static int skipComment(String s, int i) {
        int end = s.indexOf("*/", i + 2);
        return end < 0 ? s.length() : end + 2;
    }

    /** @return the index after the string starting at {@code i}; an unterminated string ends before its newline. */
    static int skipString(String s, int i) {
        char q = s.charAt(i);
        int n = s.length();
        int k = i + 1;
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\\') {
                k += 2;
                continue;
            }
            if (c == q) {
                return k + 1;
            }
            if (c == '\n') {
                return k;
            }
            k++;
        }
        return n;
    }

    /** Decodes CSS escapes in {@code s[from, to)} ({@link CssEscapes#decode(String, int, int)}). */
    static String unescape(String s, int from, int to) {
        return CssEscapes.decode(s, from, to);
    }

    private static String excerpt(String css, int start, int end) {
        end = Math.min(end, css.length());
        start = Math.max(0, Math.min(start, end));
        String s = css.substring(start, Math.min(end, start + MAX_EXCERPT)).trim();
        return end - start > MAX_EXCERPT ? s + "…" : s;
    }

    private static String collapse(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 300));
        boolean space = false;
        for (int i = 0; i < s.length() && sb.length() < 300; i++) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                i = skipComment(s, i) - 1;
                space = true;
                continue;
            }
            if (isWhite(c)) {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    static boolean regionMatchesIgnoreCase(String s, int i, String lowerNeedle) {
        return s.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length());
    }

    static int indexOfIgnoreCase(String s, String lowerNeedle) {
        int n = s.length() - lowerNeedle.length();
        char first = lowerNeedle.charAt(0);
        for (int i = 0; i <= n; i++) {
            char c = s.charAt(i);
            if ((c == first || Character.toLowerCase(c) == first) && s.regionMatches(true, i, lowerNeedle, 0,
                    lowerNeedle.length())) {
                return i;
            }
        }
        return -1;
    }
}
