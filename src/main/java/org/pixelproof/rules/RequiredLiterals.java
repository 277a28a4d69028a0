package org.pixelproof.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Literal strings one of which every match of a regex contains: a necessary condition, cheap to test, that lets a
 * finder skip running a pattern over a text that cannot match it ({@link PatternPrefilter}).
 *
 * <p>The regex is read as {@link Pattern} reads it, conservatively: a literal run is a sequence of plain or escaped
 * characters, each matched exactly once (zero-width assertions such as {@code \b}, {@code ^} or lookarounds do not
 * break a run, anything that consumes text does); a sequence contributes its most selective run or required group;
 * an alternation contributes the union of its branches; an optional or starred part contributes nothing. When nothing
 * can be proved (a branch without any literal, a construct this reader does not know, {@code \Q}, the
 * {@link Pattern#COMMENTS} or {@link Pattern#LITERAL} flags), the result is {@code null}: the pattern must always run.
 *
 * <p>Literals are returned {@link #fold(char) case-folded}, the way {@link Pattern#CASE_INSENSITIVE} with
 * {@link Pattern#UNICODE_CASE} compares characters, so that testing them against a folded text is a necessary
 * condition whatever the pattern's case flags. Stateless and thread-safe.
 */
public final class RequiredLiterals {

    private RequiredLiterals() {
    }

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
     * @return folded literals one of which every match contains, or {@code null} when nothing can be proved
     */
    public static Set<String> of(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return null;
        }
        String re = pattern.pattern();
        if (re.contains("\\Q")) {
            return null;
        }
        Reader reader = new Reader(re);
        try {
            Set<String> out = reader.alternation();
            return reader.at < re.length() ? null : out; // a stray ')' : not understood
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Thrown inside the reader for a construct it does not know. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final class Reader {
        private final String re;
        private int at;

        Reader(String re) {
            this.re = re;
        }

        /** What an atom is: one literal character, a zero-width assertion, or something consuming text. */
        private record Atom(char literal, boolean isLiteral, boolean zeroWidth, Set<String> required) {
            static Atom literal(char c) {
                return new Atom(c, true, false, null);
            }

            static Atom zeroWidth(Set<String> required) {
                return new Atom('\0', false, true, required);
            }

            static Atom consuming(Set<String> required) {
                return new Atom('\0', false, false, required);
            }
        }

        Set<String> alternation() {
            List<Set<String>> branches = new ArrayList<>();
            branches.add(sequence());
            while (at < re.length() && re.charAt(at) == '|') {
                at++;
                branches.add(sequence());
            }
            Set<String> union = new LinkedHashSet<>();
            for (Set<String> b : branches) {
                if (b == null) {
                    return null;
                }
                union.addAll(b);
            }
            return union;
        }

        private Set<String> sequence() {
            List<Set<String>> candidates = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
                Atom a = atom();
                int min = quantifier();
                if (a.zeroWidth()) {
                    if (min > 0 && a.required() != null) {
                        candidates.add(a.required()); // a positive lookaround: its text is there too
                    }
                    continue; // consumes nothing: the run goes on
                }
                if (a.isLiteral()) {
                    if (min == 0) {
                        flush(run, candidates);
                    } else if (min == QUANTIFIED) {
                        run.append(a.literal());
                        flush(run, candidates);
                    } else {
                        run.append(a.literal());
                    }
                    continue;
                }
                flush(run, candidates);
                if (min > 0 && a.required() != null) {
                    candidates.add(a.required());
                }
            }
            flush(run, candidates);
            return best(candidates);
        }

        private static void flush(StringBuilder run, List<Set<String>> candidates) {
            if (run.length() > 0) {
                candidates.add(Set.of(fold(run)));
                run.setLength(0);
            }
        }

        /** The most selective candidate: longest shortest literal, then fewest literals. */
        private static Set<String> best(List<Set<String>> candidates) {
            Set<String> best = null;
            int bestMin = -1;
            for (Set<String> c : candidates) {
                int min = c.stream().mapToInt(String::length).min().orElse(0);
                if (min > bestMin || min == bestMin && c.size() < best.size()) {
                    best = c;
                    bestMin = min;
                }
            }
            return bestMin > 0 ? best : null;
        }

        /** Quantifier result: no quantifier (exactly once). */
        private static final int ONCE = 1;
        /** Quantifier result: at least once, maybe more ({@code +}, {@code {2,5}}): a run must end after it. */
        private static final int QUANTIFIED = 2;

        /** @return 0 when the atom may be absent, {@link #ONCE} or {@link #QUANTIFIED} otherwise. */
        private int quantifier() {
            if (at >= re.length()) {
                return ONCE;
            }
            char c = re.charAt(at);
            int result;
            if (c == '?' || c == '*') {
                at++;
                result = 0;
            } else if (c == '+') {
                at++;
                result = QUANTIFIED;
            } else if (c == '{') {
                int close = re.indexOf('}', at);
                if (close < 0) {
                    throw new Unsupported();
                }
                String body = re.substring(at + 1, close);
                int comma = body.indexOf(',');
                String first = (comma < 0 ? body : body.substring(0, comma)).trim();
                if (first.isEmpty() || !first.chars().allMatch(Character::isDigit)) {
                    throw new Unsupported();
                }
                at = close + 1;
                result = Long.parseLong(first) == 0 ? 0 : QUANTIFIED;
            } else {
                return ONCE;
            }
            if (at < re.length() && (re.charAt(at) == '?' || re.charAt(at) == '+')) {
                at++; // lazy or possessive: the same text is required
            }
            return result;
        }

        private Atom atom() {
            char c = re.charAt(at);
            switch (c) {
                case '(':
                    return group();
                case '[':
                    skipClass();
                    return Atom.consuming(null);
                case '.':
                    at++;
                    return Atom.consuming(null);
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
                        return Atom.consuming(null);
                    }
                    return Atom.literal(c);
            }
        }

        private Atom group() {
            at++; // '('
            boolean lookaround = false;
            boolean negative = false;
            if (re.startsWith("?", at)) {
                if (re.startsWith("?:", at) || re.startsWith("?>", at)) {
                    at += 2;
                } else if (re.startsWith("?=", at) || re.startsWith("?!", at)) {
                    lookaround = true;
                    negative = re.charAt(at + 1) == '!';
                    at += 2;
                } else if (re.startsWith("?<=", at) || re.startsWith("?<!", at)) {
                    lookaround = true;
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
                    if (j >= re.length() || re.substring(at + 1, j).indexOf('x') >= 0) {
                        throw new Unsupported(); // comments mode changes how the rest reads
                    }
                    if (re.charAt(j) == ')') {
                        at = j + 1;
                        return Atom.zeroWidth(null);
                    }
                    if (re.charAt(j) != ':') {
                        throw new Unsupported();
                    }
                    at = j + 1;
                }
            }
            Set<String> inner = alternation();
            if (at >= re.length() || re.charAt(at) != ')') {
                throw new Unsupported();
            }
            at++;
            if (lookaround) {
                return Atom.zeroWidth(negative ? null : inner);
            }
            return Atom.consuming(inner);
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
            if ("dDwWsShHvVRXtnrfae".indexOf(e) >= 0) {
                return Atom.consuming(null);
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
                return Atom.consuming(null);
            }
            if (e == 'u') {
                at += 4;
                return Atom.consuming(null);
            }
            if (e == 'c') {
                at++;
                return Atom.consuming(null);
            }
            if (e == 'k') {
                int close = re.indexOf('>', at);
                if (close < 0) {
                    throw new Unsupported();
                }
                at = close + 1;
                return Atom.consuming(null);
            }
            if (e >= '0' && e <= '9') { // back reference or octal escape
                while (at < re.length() && Character.isDigit(re.charAt(at))) {
                    at++;
                }
                return Atom.consuming(null);
            }
            if (Character.isLetter(e) || Character.isSurrogate(e)) {
                throw new Unsupported();
            }
            return Atom.literal(e);
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
