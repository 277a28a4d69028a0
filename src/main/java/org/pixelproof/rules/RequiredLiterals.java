package org.pixelproof.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Literal strings one of which every match of a regex contains: a necessary condition, cheap to test, that lets a
 * finder skip running a pattern over a text that cannot match it, and run it only near where its literals occur
 * ({@link PatternPrefilter}).
 *
 * <p>The regex is read as {@link Pattern} reads it, conservatively: a literal run is a sequence of plain or escaped
 * characters, each matched exactly once (zero-width assertions such as {@code \b}, {@code ^} or lookarounds do not
 * break a run, anything that consumes text does); a sequence contributes its most selective run or required group;
 * an alternation contributes the union of its branches; an optional or starred part contributes nothing. When nothing
 * can be proved (a branch without any literal, a construct this reader does not know, {@code \Q}, the
 * {@link Pattern#COMMENTS} or {@link Pattern#LITERAL} flags), the result is {@code null}: the pattern must always run.
 *
 * <p>Each literal also says whether it is matched case-sensitively (outside {@link Pattern#CASE_INSENSITIVE} and
 * {@code (?i)}) and the most characters a match can consume before it ({@link Literal#maxBefore()}), so that a match
 * can only start within that distance before an occurrence. Case-insensitive literals are {@link #fold(char) folded},
 * the way {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE} compares characters, so that testing them
 * against a folded text is a necessary condition whatever the case flags. Stateless and thread-safe.
 */
public final class RequiredLiterals {

    /** {@link Literal#maxBefore()} when a match can consume any number of characters before the literal. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private RequiredLiterals() {
    }

    /**
     * One literal of a pattern.
     *
     * @param text          the literal, folded when {@code caseSensitive} is false
     * @param caseSensitive true when the pattern matches it exactly, false when case-insensitively
     * @param maxBefore     the most characters a match consumes before the literal starts, or {@link #UNBOUNDED}
     */
    public record Literal(String text, boolean caseSensitive, int maxBefore) {
    }

    /** An inline flag group that turns case-insensitivity off, e.g. {@code (?-i)} or {@code (?s-i:}. */
    private static final Pattern FLAG_I_OFF = Pattern.compile("\\(\\?[a-zA-Z]*-[a-zA-Z]*i");

    /** Case folding of every BMP character, as {@link Pattern}'s Unicode case-insensitive matching compares them. */
    private static final char[] FOLD = new char[0x10000];

    static {
        for (int c = 0; c < FOLD.length; c++) {
            FOLD[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
    }

    /**
     * @param c a character
     * @return its case-folded form: {@code toLowerCase(toUpperCase(c))}, so that two characters a case-insensitive
     *         pattern takes for equal fold to the same character
     */
    public static char fold(char c) {
        return FOLD[c];
    }

    /** @return {@code s} with every character {@link #fold(char) folded}. */
    public static String fold(CharSequence s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = FOLD[s.charAt(i)];
        }
        return new String(out);
    }

    /**
     * @param pattern a compiled pattern
     * @return the folded literals one of which every match contains, or {@code null} when nothing can be proved
     */
    public static Set<String> of(Pattern pattern) {
        List<Literal> literals = analyse(pattern);
        if (literals == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (Literal l : literals) {
            out.add(fold(l.text()));
        }
        return out;
    }

    /**
     * @param pattern a compiled pattern
     * @return the literals one of which every match contains, with their case sensitivity and distance from the
     *         match's start, or {@code null} when nothing can be proved
     */
    public static List<Literal> analyse(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return null;
        }
        String re = pattern.pattern();
        if (re.contains("\\Q")) {
            return null;
        }
        // Pattern.flags() already holds the top-level inline flags ("a(?i)b" reports CASE_INSENSITIVE, "a(?-i)b"
        // compiled case-insensitively does not): start case-insensitive when either could be the case
        boolean ci = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0 || FLAG_I_OFF.matcher(re).find();
        Reader reader = new Reader(re, ci);
        try {
            Info out = reader.alternation();
            return reader.at < re.length() || out.required() == null ? null : List.copyOf(out.required());
        } catch (Unsupported e) {
            return null;
        }
    }

    /**
     * @param regex a regex (compiled without flags that change how it reads, such as {@link Pattern#COMMENTS})
     * @return the most characters a match can consume (a code point counted as two chars, for surrogate pairs), or
     *         {@link #UNBOUNDED} when it has no bound or cannot be read
     */
    public static int maxLength(String regex) {
        Pattern.compile(regex); // must compile
        if (regex.contains("\\Q")) {
            return UNBOUNDED;
        }
        Reader reader = new Reader(regex, false);
        try {
            Info out = reader.alternation();
            return reader.at < regex.length() ? UNBOUNDED : out.maxLength();
        } catch (Unsupported e) {
            return UNBOUNDED;
        }
    }

    /** Thrown inside the reader for a construct it does not know. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * What is known of a construct.
     *
     * @param required literals one of which it contains (offsets from its start), or null
     * @param maxLength the most characters it consumes, or {@link #UNBOUNDED}
     */
    private record Info(List<Literal> required, int maxLength) {
    }

    private static int add(int a, int b) {
        return a == UNBOUNDED || b == UNBOUNDED || (long) a + b >= UNBOUNDED ? UNBOUNDED : a + b;
    }

    private static int times(int a, int b) {
        return a == UNBOUNDED || b == UNBOUNDED || (long) a * b >= UNBOUNDED ? UNBOUNDED : a * b;
    }

    private static List<Literal> shifted(List<Literal> literals, int by) {
        List<Literal> out = new ArrayList<>(literals.size());
        for (Literal l : literals) {
            out.add(new Literal(l.text(), l.caseSensitive(), add(l.maxBefore(), by)));
        }
        return out;
    }

    private static final class Reader {
        private final String re;
        private int at;
        /** Whether the characters being read are matched case-insensitively (flags and {@code (?i)}). */
        private boolean ci;

        Reader(String re, boolean ci) {
            this.re = re;
            this.ci = ci;
        }

        /** An atom: one literal character, a zero-width assertion, or something consuming text. */
        private record Atom(char literal, boolean isLiteral, boolean literalCi, boolean zeroWidth, Info info) {
            static Atom literal(char c, boolean ci) {
                return new Atom(c, true, ci, false, new Info(null, 1));
            }

            static Atom zeroWidth(List<Literal> required) {
                return new Atom('\0', false, false, true, new Info(required, 0));
            }

            static Atom consuming(List<Literal> required, int maxLength) {
                return new Atom('\0', false, false, false, new Info(required, maxLength));
            }

            /** One code point of some set: up to two chars (a surrogate pair). */
            static Atom oneCodePoint() {
                return consuming(null, 2);
            }
        }

        /** A quantifier's bounds; {@code max} may be {@link #UNBOUNDED}. */
        private record Bounds(int min, int max) {
            static final Bounds ONCE = new Bounds(1, 1);
        }

        Info alternation() {
            List<Info> branches = new ArrayList<>();
            branches.add(sequence());
            while (at < re.length() && re.charAt(at) == '|') {
                at++;
                branches.add(sequence());
            }
            List<Literal> union = new ArrayList<>();
            int maxLength = 0;
            for (Info b : branches) {
                maxLength = Math.max(maxLength, b.maxLength());
                if (union != null && b.required() != null) {
                    union.addAll(b.required());
                } else {
                    union = null;
                }
            }
            return new Info(union, maxLength);
        }

        private Info sequence() {
            List<List<Literal>> candidates = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            int runStart = 0;
            boolean runCi = false;
            int prefix = 0; // the most characters consumed so far
            while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
                Atom a = atom();
                Bounds q = quantifier();
                if (a.zeroWidth()) {
                    if (q.min() > 0 && a.info().required() != null) {
                        candidates.add(shifted(a.info().required(), prefix)); // a positive lookaround
                    }
                    continue; // consumes nothing: the run goes on
                }
                if (a.isLiteral() && q.min() > 0) {
                    if (run.length() > 0 && runCi != a.literalCi()) {
                        flush(run, runCi, runStart, candidates);
                    }
                    if (run.length() == 0) {
                        runStart = prefix;
                        runCi = a.literalCi();
                    }
                    run.append(a.literal());
                    if (!q.equals(Bounds.ONCE)) {
                        flush(run, runCi, runStart, candidates); // "ab+c": "ab" is there, "abc" may not be
                    }
                    prefix = add(prefix, q.max());
                    continue;
                }
                flush(run, runCi, runStart, candidates);
                if (q.min() > 0 && a.info().required() != null) {
                    candidates.add(shifted(a.info().required(), prefix));
                }
                prefix = add(prefix, times(a.info().maxLength(), q.max()));
            }
            flush(run, runCi, runStart, candidates);
            return new Info(best(candidates), prefix);
        }

        private static void flush(StringBuilder run, boolean runCi, int runStart, List<List<Literal>> candidates) {
            if (run.length() > 0) {
                String text = runCi ? fold(run) : run.toString();
                candidates.add(List.of(new Literal(text, !runCi, runStart)));
                run.setLength(0);
            }
        }

        /** The most selective candidate: longest shortest literal, then bounded positions, then fewest literals. */
        private static List<Literal> best(List<List<Literal>> candidates) {
            List<Literal> best = null;
            int bestMin = 0;
            for (List<Literal> c : candidates) {
                int min = c.stream().mapToInt(l -> l.text().length()).min().orElse(0);
                if (min == 0) {
                    continue;
                }
                if (best == null || min > bestMin || min == bestMin && better(c, best)) {
                    best = c;
                    bestMin = min;
                }
            }
            return best;
        }

        private static boolean better(List<Literal> a, List<Literal> b) {
            boolean aBounded = a.stream().allMatch(l -> l.maxBefore() != UNBOUNDED);
            boolean bBounded = b.stream().allMatch(l -> l.maxBefore() != UNBOUNDED);
            if (aBounded != bBounded) {
                return aBounded;
            }
            return a.size() < b.size();
        }

        private Bounds quantifier() {
            if (at >= re.length()) {
                return Bounds.ONCE;
            }
            char c = re.charAt(at);
            Bounds result;
            if (c == '?') {
                at++;
                result = new Bounds(0, 1);
            } else if (c == '*') {
                at++;
                result = new Bounds(0, UNBOUNDED);
            } else if (c == '+') {
                at++;
                result = new Bounds(1, UNBOUNDED);
            } else if (c == '{') {
                int close = re.indexOf('}', at);
                if (close < 0) {
                    throw new Unsupported();
                }
                String body = re.substring(at + 1, close);
                int comma = body.indexOf(',');
                String first = (comma < 0 ? body : body.substring(0, comma)).trim();
                String second = comma < 0 ? first : body.substring(comma + 1).trim();
                if (!digits(first) || !second.isEmpty() && !digits(second)) {
                    throw new Unsupported();
                }
                at = close + 1;
                int min = (int) Math.min(UNBOUNDED - 1L, Long.parseLong(first));
                int max = second.isEmpty() ? UNBOUNDED : (int) Math.min(UNBOUNDED - 1L, Long.parseLong(second));
                result = new Bounds(min, max);
            } else {
                return Bounds.ONCE;
            }
            if (at < re.length() && (re.charAt(at) == '?' || re.charAt(at) == '+')) {
                at++; // lazy or possessive: the same text is required
            }
            return result;
        }

        private static boolean digits(String s) {
            return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        }

        private Atom atom() {
            char c = re.charAt(at);
            switch (c) {
                case '(':
                    return group();
                case '[':
                    skipClass();
                    return Atom.oneCodePoint();
                case '.':
                    at++;
                    return Atom.oneCodePoint();
                case '^':
                case '$':
                    at++;
                    return Atom.zeroWidth(null);
                case '\\':
                    return escape();
                case '*':
                case '+':
                case '?':
                case '{':
                    throw new Unsupported();
                default:
                    at++;
                    if (Character.isSurrogate(c)) {
                        return Atom.consuming(null, 1);
                    }
                    return Atom.literal(c, ci);
            }
        }

        private Atom group() {
            at++; // '('
            boolean lookahead = false;
            boolean lookbehind = false;
            boolean negative = false;
            boolean savedCi = ci;
            if (re.startsWith("?", at)) {
                if (re.startsWith("?:", at) || re.startsWith("?>", at)) {
                    at += 2;
                } else if (re.startsWith("?=", at) || re.startsWith("?!", at)) {
                    lookahead = true;
                    negative = re.charAt(at + 1) == '!';
                    at += 2;
                } else if (re.startsWith("?<=", at) || re.startsWith("?<!", at)) {
                    lookbehind = true;
                    negative = re.charAt(at + 2) == '!';
                    at += 3;
                } else if (re.startsWith("?<", at)) {
                    int close = re.indexOf('>', at);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    at = close + 1; // named group
                } else {
                    // inline flags: (?i) (?-i) (?iu) alone, or (?i: ... ) as a group
                    int j = at + 1;
                    while (j < re.length() && (Character.isLetter(re.charAt(j)) || re.charAt(j) == '-')) {
                        j++;
                    }
                    String flags = re.substring(at + 1, Math.min(j, re.length()));
                    if (j >= re.length() || flags.indexOf('x') >= 0) {
                        throw new Unsupported(); // comments mode changes how the rest reads
                    }
                    int minus = flags.indexOf('-');
                    boolean on = flags.substring(0, minus < 0 ? flags.length() : minus).indexOf('i') >= 0;
                    boolean off = minus >= 0 && flags.substring(minus).indexOf('i') >= 0;
                    boolean newCi = on || !off && ci;
                    if (re.charAt(j) == ')') {
                        at = j + 1;
                        ci = newCi; // for the rest of the enclosing group, as Pattern reads it
                        return Atom.zeroWidth(null);
                    }
                    if (re.charAt(j) != ':') {
                        throw new Unsupported();
                    }
                    at = j + 1;
                    ci = newCi;
                }
            }
            Info inner = alternation();
            if (at >= re.length() || re.charAt(at) != ')') {
                throw new Unsupported();
            }
            at++;
            ci = savedCi;
            if (lookahead) {
                return Atom.zeroWidth(negative ? null : inner.required());
            }
            if (lookbehind) { // its text lies before the current position: no distance can be promised
                return Atom.zeroWidth(negative || inner.required() == null ? null
                        : shifted(inner.required(), UNBOUNDED));
            }
            return Atom.consuming(inner.required(), inner.maxLength());
        }

        private Atom escape() {
            if (at + 1 >= re.length()) {
                throw new Unsupported();
            }
            char e = re.charAt(at + 1);
            at += 2;
            if ("bBAzZG".indexOf(e) >= 0) {
                return Atom.zeroWidth(null);
            }
            if ("dDwWsShHvVtnrfae".indexOf(e) >= 0) {
                return Atom.oneCodePoint();
            }
            if (e == 'R') {
                return Atom.consuming(null, 2); // \r\n or one line break
            }
            if (e == 'X') {
                return Atom.consuming(null, UNBOUNDED); // a grapheme cluster
            }
            if (e == 'p' || e == 'P' || e == 'N' || e == 'x') {
                if (at < re.length() && re.charAt(at) == '{') {
                    int close = re.indexOf('}', at);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    at = close + 1;
                } else if (e == 'x') {
                    at += 2;
                } else if (e != 'N') {
                    at++;
                } else {
                    throw new Unsupported();
                }
                return Atom.oneCodePoint();
            }
            if (e == 'u') {
                at += 4;
                return Atom.oneCodePoint();
            }
            if (e == 'c') {
                at++;
                return Atom.oneCodePoint();
            }
            if (e == 'k') {
                int close = re.indexOf('>', at);
                if (close < 0) {
                    throw new Unsupported();
                }
                at = close + 1;
                return Atom.consuming(null, UNBOUNDED);
            }
            if (e >= '0' && e <= '9') { // back reference or octal escape
                while (at < re.length() && Character.isDigit(re.charAt(at))) {
                    at++;
                }
                return Atom.consuming(null, UNBOUNDED);
            }
            if (Character.isLetter(e) || Character.isSurrogate(e)) {
                throw new Unsupported();
            }
            return Atom.literal(e, ci);
        }

        /** Skips a character class, nested classes included, as {@link Pattern} reads it. */
        private void skipClass() {
            at++; // '['
            if (at < re.length() && re.charAt(at) == '^') {
                at++;
            }
            if (at < re.length() && re.charAt(at) == ']') {
                at++; // a ']' first is a literal
            }
            while (at < re.length()) {
                char c = re.charAt(at);
                if (c == '\\') {
                    at += 2;
                } else if (c == '[') {
                    skipClass();
                } else if (c == ']') {
                    at++;
                    return;
                } else {
                    at++;
                }
            }
            throw new Unsupported();
        }
    }
}
