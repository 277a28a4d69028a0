package org.pixelproof.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells, in one pass over a text, which patterns of a list may match it and where their matches may start, so that a
 * finder runs only those, and only there. The {@link RequiredLiterals} of every pattern are searched together with two
 * Aho-Corasick automata, one over case-folded characters (for the literals matched case-insensitively), one over the
 * characters as they are (case-sensitive literals). A pattern none of whose literals occurs cannot match and is left
 * out; a pattern without literals is always kept and searched everywhere. When every literal of a pattern lies at a
 * bounded distance from the start of a match ({@link RequiredLiterals.Literal#maxBefore()}), its matches can only start
 * within that distance before an occurrence, and {@link Candidates#find} tries only those positions.
 *
 * <p>The answer is a necessary condition only: a kept pattern still runs, and finds exactly what
 * {@link Matcher#find(int)} would. Cost: linear in the text's length (one or two table look-ups per character),
 * whatever the number of patterns; the automata are built once, at construction. Immutable and thread-safe.
 */
public final class PatternPrefilter {
    /**
     * Start windows recorded per pattern and text before their number is weighed against the text's length: 256.
     * Past it, a pattern is searched everywhere once it has more windows than {@code length / WINDOW_COST} (each
     * window holding at least one start, trying them all would then cost more than one scan); a long newsletter
     * repeating a phrase's word a few hundred times keeps its windows.
     */
    static final int MAX_WINDOWS = 256;
    /**
     * Texts at least this long (characters) are scanned as two halves at once (see {@code Automaton.scan}): 1,024.
     */
    static final int SPLIT_SCAN = 1024;
    /** Texts shorter than this (characters) are searched everywhere: one scan is cheap. */
    static final int SHORT_TEXT = 256;
    /**
     * How much more trying one start position costs than one step of {@link Matcher#find()}'s own scan: windows
     * covering more than {@code 1 / WINDOW_COST} of the text are not used.
     */
    static final int WINDOW_COST = 4;

    private final int patternCount;
    private final int words;
    /** Patterns without required literals: always kept. */
    private final long[] always;
    /** Patterns whose literals all lie at a bounded distance from the match's start. */
    private final boolean[] windowed;
    private final Automaton folded;
    private final Automaton exact;

    private PatternPrefilter(List<List<RequiredLiterals.Literal>> literals) {
        this.patternCount = literals.size();
        this.words = Math.max(1, (patternCount + 63) / 64);
        this.always = new long[words];
        this.windowed = new boolean[patternCount];
        List<Entry> ci = new ArrayList<>();
        List<Entry> cs = new ArrayList<>();
        for (int p = 0; p < patternCount; p++) {
            List<RequiredLiterals.Literal> set = literals.get(p);
            if (set == null) {
                always[p >>> 6] |= 1L << p;
                continue;
            }
            windowed[p] = set.stream().allMatch(l -> l.maxBefore() != RequiredLiterals.UNBOUNDED);
            for (RequiredLiterals.Literal l : set) {
                (l.caseSensitive() ? cs : ci).add(new Entry(l.text(), p, l.maxBefore()));
            }
        }
        this.folded = ci.isEmpty() ? null : new Automaton(ci, true);
        this.exact = cs.isEmpty() ? null : new Automaton(cs, false);
    }

    /**
     * @param patterns the patterns, in the order their indexes will be asked about
     * @return the prefilter of those patterns
     */
    public static PatternPrefilter of(List<Pattern> patterns) {
        List<List<RequiredLiterals.Literal>> literals = new ArrayList<>(patterns.size());
        for (Pattern p : patterns) {
            literals.add(RequiredLiterals.analyse(p));
        }
        return new PatternPrefilter(literals);
    }

    /** One literal to search: its text (folded or exact), its pattern, its distance from the match's start. */
    private record Entry(String text, int pattern, int maxBefore) {
    }

    /**
     * @param text any text
     * @return the patterns that may match it, and where
     */
    public Candidates candidates(CharSequence text) {
        return candidates(text, SPLIT_SCAN);
    }

    /**
     * As {@link #candidates(CharSequence)}, scanning as two halves from {@code splitScan} characters on (for tests:
     * {@link Integer#MAX_VALUE} gives the one-pass answer the two halves must equal).
     */
    Candidates candidates(CharSequence text, int splitScan) {
        Candidates c = new Candidates(always.clone(), text.length(), patternCount);
        char[] chars = text.toString().toCharArray(); // an array reads faster than charAt through CharSequence
        if (folded != null) {
            folded.scan(chars, c, splitScan);
        }
        if (exact != null) {
            exact.scan(chars, c, splitScan);
        }
        return c;
    }

    /** @return how many patterns this prefilter was built from. */
    public int size() {
        return patternCount;
    }

    /** @return how many patterns have no required literal and are always kept (for tests and tuning). */
    public int alwaysKept() {
        int n = 0;
        for (long w : always) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** An Aho-Corasick automaton over a small alphabet: a class per character of the literals, 0 for the others. */
    private final class Automaton {
        private final boolean fold;
        /**
         * The class of every UTF-16 code unit as the scan reads it (folded first when {@link #fold}): one load per
         * character of text, no branch and no boxing. 128 KiB per automaton; a prefilter has at most two.
         */
        private final char[] classOfUnit = new char[Character.MAX_VALUE + 1];
        private final int width;
        /**
         * Transitions: {@code step[state * width + class]} is the target state's first transition
         * ({@code target * width}, so that no multiplication lies on the chain from one character to the next); when
         * literals end in the target, the target's number bit-inverted (negative) instead, so that most steps read no
         * output list and the steps that do find their state without a division.
         */
        private final int[] step;
        /** Per state, the first index of its entries in {@link #outPattern}; {@code outStart[state + 1]} ends them. */
        private final int[] outStart;
        private final int[] outPattern;
        private final int[] outLength;
        private final int[] outBefore;
        /** The longest literal's length, in UTF-16 code units. */
        private final int longest;

        Automaton(List<Entry> entries, boolean fold) {
            this.fold = fold;
            this.longest = entries.stream().mapToInt(e -> e.text().length()).max().orElse(1);
            int classes = 1;
            for (Entry e : entries) {
                for (int k = 0; k < e.text().length(); k++) {
                    char c = e.text().charAt(k);
                    if (classOfUnit[c] == 0) {
                        if (classes > Character.MAX_VALUE) {
                            throw new IllegalStateException("too many distinct literal characters");
                        }
                        classOfUnit[c] = (char) classes++;
                    }
                }
            }
            if (fold) { // text characters are folded on the fly, and literals are already folded
                for (int c = 0; c <= Character.MAX_VALUE; c++) {
                    char f = RequiredLiterals.fold((char) c);
                    if (f != c) {
                        classOfUnit[c] = classOfUnit[f];
                    }
                }
            }
            this.width = classes;

            List<int[]> children = new ArrayList<>();
            List<List<Entry>> outs = new ArrayList<>();
            children.add(new int[width]);
            outs.add(new ArrayList<>());
            for (Entry e : entries) {
                int state = 0;
                for (int k = 0; k < e.text().length(); k++) {
                    int cls = classOfUnit[e.text().charAt(k)];
                    int child = children.get(state)[cls];
                    if (child == 0) {
                        child = children.size();
                        children.add(new int[width]);
                        outs.add(new ArrayList<>());
                        children.get(state)[cls] = child;
                    }
                    state = child;
                }
                outs.get(state).add(e);
            }
            // failure links, breadth first, turned into a complete transition table
            int states = children.size();
            int[] table = new int[states * width];
            int[] fail = new int[states];
            Deque<Integer> queue = new ArrayDeque<>();
            for (int c = 0; c < width; c++) {
                int child = children.get(0)[c];
                table[c] = child;
                if (child != 0) {
                    queue.add(child);
                }
            }
            while (!queue.isEmpty()) {
                int s = queue.poll();
                outs.get(s).addAll(outs.get(fail[s])); // the fail state is nearer the root: already complete
                for (int c = 0; c < width; c++) {
                    int child = children.get(s)[c];
                    if (child != 0) {
                        fail[child] = table[fail[s] * width + c];
                        table[s * width + c] = child;
                        queue.add(child);
                    } else {
                        table[s * width + c] = table[fail[s] * width + c];
                    }
                }
            }
            this.step = new int[table.length];
            for (int k = 0; k < table.length; k++) {
                int target = table[k];
                boolean ends = !outs.get(target).isEmpty();
                step[k] = ends ? ~target : target * width;
            }
            this.outStart = new int[states + 1];
            int total = 0;
            for (int s = 0; s < states; s++) {
                outStart[s] = total;
                total += outs.get(s).size();
            }
            outStart[states] = total;
            this.outPattern = new int[total];
            this.outLength = new int[total];
            this.outBefore = new int[total];
            int k = 0;
            for (List<Entry> o : outs) {
                for (Entry e : o) {
                    outPattern[k] = e.pattern();
                    outLength[k] = e.text().length();
                    outBefore[k] = e.maxBefore();
                    k++;
                }
            }
        }

        /**
         * Reports every occurrence of a literal in {@code text} to {@code found}. A text of at least
         * {@code splitScan} characters ({@link #SPLIT_SCAN}) is read as two halves at once, two independent chains of table look-ups
         * that the processor overlaps: the second starts {@link #longest}{@code - 1} characters before the middle,
         * so that its state is exact from the middle on, and reports only occurrences ending there or later. Each
         * occurrence is reported once, as by one pass; only the order of the reports differs, which
         * {@link Candidates} does not depend on.
         */
        void scan(char[] text, Candidates found, int splitScan) {
            int n = text.length;
            if (n < splitScan) {
                scan(text, 0, n, found);
                return;
            }
            int mid = n >>> 1;
            int rowB = 0;
            for (int j = Math.max(0, mid - (longest - 1)); j < mid; j++) { // the second chain's lead-in: no reports
                int t = step[rowB + classOfUnit[text[j]]];
                rowB = t < 0 ? ~t * width : t;
            }
            int rowA = 0;
            for (int i = 0, j = mid; i < mid; i++, j++) {
                int a = step[rowA + classOfUnit[text[i]]];
                int b = step[rowB + classOfUnit[text[j]]];
                if (a < 0) {
                    rowA = ~a * width;
                    report(~a, i, found);
                } else {
                    rowA = a;
                }
                if (b < 0) {
                    rowB = ~b * width;
                    report(~b, j, found);
                } else {
                    rowB = b;
                }
            }
            for (int j = 2 * mid; j < n; j++) { // an odd length: the last character
                int t = step[rowB + classOfUnit[text[j]]];
                if (t < 0) {
                    rowB = ~t * width;
                    report(~t, j, found);
                } else {
                    rowB = t;
                }
            }
        }

        /** One chain over {@code text[from, to)}, from the root. */
        private void scan(char[] text, int from, int to, Candidates found) {
            int row = 0; // the current state's first transition: state * width
            for (int i = from; i < to; i++) {
                int t = step[row + classOfUnit[text[i]]];
                if (t < 0) { // a state where literals end
                    row = ~t * width;
                    report(~t, i, found);
                } else {
                    row = t;
                }
            }
        }

        /** Reports the literals ending at {@code i} in {@code state}. */
        private void report(int state, int i, Candidates found) {
            for (int k = outStart[state], end = outStart[state + 1]; k < end; k++) {
                found.occurrence(outPattern[k], i + 1 - outLength[k], outBefore[k], windowed[outPattern[k]]);
            }
        }
    }

    /** The patterns that may match one text, and where their matches may start. Not thread-safe. */
    public static final class Candidates {
        private static final byte COLLECTING = 0;
        private static final byte EVERYWHERE = 1;
        private static final byte MERGED = 2;

        private final long[] bits;
        private final int length;
        /** Per pattern, start windows as {@code [from, to]} pairs; {@code null} before the first. */
        private final int patterns;
        /**
         * Per pattern: windows, their count, and whether they were merged or given up. Allocated at the first window
         * recorded: a text shorter than {@link #SHORT_TEXT} (a link's words, a subject) is searched everywhere and
         * records none, and most texts hold no literal of most patterns.
         */
        private int[][] windows;
        private int[] counts;
        private byte[] states;

        private Candidates(long[] bits, int length, int patterns) {
            this.bits = bits;
            this.length = length;
            this.patterns = patterns;
        }

        void occurrence(int pattern, int start, int maxBefore, boolean windowed) {
            bits[pattern >>> 6] |= 1L << pattern;
            if (!windowed || length < SHORT_TEXT) { // short texts are searched everywhere: no window is used
                return;
            }
            if (windows == null) {
                windows = new int[patterns][];
                counts = new int[patterns];
                states = new byte[patterns];
            } else if (states[pattern] == EVERYWHERE) {
                return;
            }
            int count = counts[pattern];
            if (count >= MAX_WINDOWS && (long) count * WINDOW_COST >= length) {
                states[pattern] = EVERYWHERE;
                windows[pattern] = null;
                return;
            }
            int[] w = windows[pattern];
            if (w == null) {
                w = new int[16];
                windows[pattern] = w;
            } else if (2 * count + 2 > w.length) {
                w = Arrays.copyOf(w, w.length * 2);
                windows[pattern] = w;
            }
            w[2 * count] = Math.max(0, start - maxBefore);
            w[2 * count + 1] = start;
            counts[pattern] = count + 1;
        }

        /**
         * @param index a pattern's index in the list the prefilter was built from
         * @return false when that pattern cannot match the text; true when it may (run it to know)
         */
        public boolean mayMatch(int index) {
            return (bits[index >>> 6] & (1L << index)) != 0;
        }

        /**
         * @param from a pattern index, {@code >= 0}
         * @return the smallest index {@code >= from} of a pattern that {@link #mayMatch may match}, or -1 when none
         *         does: a finder can visit only those, in order
         */
        public int nextMayMatch(int from) {
            int w = from >>> 6;
            if (w >= bits.length) {
                return -1;
            }
            long word = bits[w] & (-1L << from);
            while (true) {
                if (word != 0) {
                    int k = w * 64 + Long.numberOfTrailingZeros(word);
                    return k < patterns ? k : -1;
                }
                if (++w == bits.length) {
                    return -1;
                }
                word = bits[w];
            }
        }

        /** @return true when at least one pattern may match. */
        public boolean any() {
            return Arrays.stream(bits).anyMatch(b -> b != 0);
        }

        /**
         * Finds the next match of a pattern as {@code matcher.find(from)} would, trying only the start positions its
         * literals allow. Afterwards {@link Matcher#start()}, {@link Matcher#end()} and the groups are those of that
         * match; the matcher's region may have been narrowed to start at the match (with transparent, non-anchoring
         * bounds, so that look-behinds and {@code \b} still see the text before it).
         *
         * @param index   the pattern's index in the list the prefilter was built from
         * @param matcher a matcher of that pattern over the same text this was computed from
         * @param from    where to start, {@code 0 <= from <= length}
         * @return true when a match was found
         */
        public boolean find(int index, Matcher matcher, int from) {
            if (!mayMatch(index)) {
                return false;
            }
            int[] w = startWindows(index);
            if (w == null) {
                return matcher.find(from);
            }
            int count = counts[index];
            matcher.useTransparentBounds(true);
            matcher.useAnchoringBounds(false);
            for (int k = 0; k < count; k++) {
                int to = w[2 * k + 1];
                if (to < from) {
                    continue;
                }
                for (int pos = Math.max(from, w[2 * k]); pos <= to && pos <= length; pos++) {
                    matcher.region(pos, length);
                    if (matcher.lookingAt()) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * @param index a pattern's index
         * @return true when {@link #find} tries only the start windows of that pattern, false when it searches the
         *         whole text (no windows, a short text, or windows too many or too wide to pay off); for tests
         */
        boolean usesWindows(int index) {
            return mayMatch(index) && startWindows(index) != null;
        }

        /**
         * @param index a pattern's index
         * @return a copy of its merged start windows as {@code [from, to]} pairs, or null when {@link #find} searches
         *         the whole text; for tests
         */
        int[] windows(int index) {
            int[] w = mayMatch(index) ? startWindows(index) : null;
            return w == null ? null : Arrays.copyOf(w, 2 * counts[index]);
        }

        /** @return the merged start windows of a pattern, or {@code null} when it is to be searched everywhere */
        private int[] startWindows(int index) {
            int[] w = windows == null ? null : windows[index];
            if (w == null || length < SHORT_TEXT) { // no windows, or a text too short for them to pay off
                return null;
            }
            if (states[index] != MERGED) {
                counts[index] = sortAndMerge(w, counts[index]);
                states[index] = MERGED;
                long span = 0;
                for (int k = 0; k < counts[index]; k++) {
                    span += w[2 * k + 1] - w[2 * k] + 1;
                }
                if (span * WINDOW_COST > length) { // trying each start costs more than one scan
                    windows[index] = null;
                    states[index] = EVERYWHERE;
                    return null;
                }
            }
            return w;
        }

        /** Sorts windows by start and merges the overlapping ones; returns how many are left. */
        private static int sortAndMerge(int[] w, int count) {
            long[] packed = new long[count];
            for (int k = 0; k < count; k++) {
                packed[k] = (long) w[2 * k] << 32 | (w[2 * k + 1] & 0xFFFFFFFFL);
            }
            Arrays.sort(packed);
            int merged = 0;
            for (long p : packed) {
                int lo = (int) (p >>> 32);
                int hi = (int) p;
                if (merged > 0 && lo <= w[2 * merged - 1] + 1) {
                    w[2 * merged - 1] = Math.max(w[2 * merged - 1], hi);
                } else {
                    w[2 * merged] = lo;
                    w[2 * merged + 1] = hi;
                    merged++;
                }
            }
            return merged;
        }
    }
}
