package org.pixelproof.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells, in one pass over a text, which patterns of a list may match it, so that a finder runs only those: the
 * {@link RequiredLiterals} of every pattern are searched together with an Aho-Corasick automaton over case-folded
 * characters. A pattern none of whose required literals occurs in the text cannot match it and is left out; a
 * pattern without required literals is always kept. The answer is a necessary condition only: a kept pattern must
 * still be run.
 *
 * <p>Cost: linear in the text's length (one table look-up per character), whatever the number of patterns; the
 * automaton is built once, at construction. Immutable and thread-safe.
 */
public final class PatternPrefilter {
    private final int patternCount;
    private final int words;
    /** Patterns without required literals: always kept. */
    private final long[] always;
    /** Alphabet: a class per folded character of the literals, 0 for every other character. */
    private final byte[] asciiClass = new byte[128];
    private final Map<Character, Integer> otherClass = new HashMap<>();
    private final int width;
    /** The automaton's transitions: {@code next[state * width + class]}. */
    private final int[] next;
    /** Per state, the patterns one of whose literals ends there, or {@code null}. */
    private final long[][] output;

    private PatternPrefilter(List<Set<String>> literals) {
        this.patternCount = literals.size();
        this.words = Math.max(1, (patternCount + 63) / 64);
        this.always = new long[words];
        int classes = 1;
        for (Set<String> set : literals) {
            if (set == null) {
                continue;
            }
            for (String lit : set) {
                for (int k = 0; k < lit.length(); k++) {
                    char c = lit.charAt(k);
                    if (c < 128) {
                        if (asciiClass[c] == 0) {
                            if (classes >= 127) {
                                throw new IllegalStateException("too many distinct literal characters");
                            }
                            asciiClass[c] = (byte) classes++;
                        }
                    } else if (!otherClass.containsKey(c)) {
                        otherClass.put(c, classes++);
                    }
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) { // text characters are folded on the fly: ASCII upper case as lower
            asciiClass[c] = asciiClass[Character.toLowerCase(c)];
        }
        this.width = classes;

        // the trie
        List<int[]> children = new ArrayList<>();
        List<long[]> outs = new ArrayList<>();
        children.add(new int[width]);
        outs.add(null);
        for (int p = 0; p < patternCount; p++) {
            Set<String> set = literals.get(p);
            if (set == null) {
                always[p >>> 6] |= 1L << p;
                continue;
            }
            for (String lit : set) {
                int state = 0;
                for (int k = 0; k < lit.length(); k++) {
                    int cls = classOfFolded(lit.charAt(k));
                    int child = children.get(state)[cls];
                    if (child == 0) {
                        child = children.size();
                        children.add(new int[width]);
                        outs.add(null);
                        children.get(state)[cls] = child;
                    }
                    state = child;
                }
                long[] o = outs.get(state);
                if (o == null) {
                    o = new long[words];
                    outs.set(state, o);
                }
                o[p >>> 6] |= 1L << p;
            }
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
                fail[child] = 0;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            long[] inherited = outs.get(fail[s]);
            if (inherited != null) {
                long[] o = outs.get(s) == null ? new long[words] : outs.get(s);
                for (int w = 0; w < words; w++) {
                    o[w] |= inherited[w];
                }
                outs.set(s, o);
            }
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
        this.next = table;
        this.output = outs.toArray(new long[0][]);
    }

    /**
     * @param patterns the patterns, in the order their indexes will be asked about
     * @return the prefilter of those patterns
     */
    public static PatternPrefilter of(List<Pattern> patterns) {
        List<Set<String>> literals = new ArrayList<>(patterns.size());
        for (Pattern p : patterns) {
            literals.add(RequiredLiterals.of(p));
        }
        return new PatternPrefilter(literals);
    }

    private int classOfFolded(char folded) {
        if (folded < 128) {
            return asciiClass[folded];
        }
        Integer c = otherClass.get(folded);
        return c == null ? 0 : c;
    }

    /**
     * @param text any text
     * @return the patterns that may match it
     */
    public Candidates candidates(CharSequence text) {
        long[] found = always.clone();
        int state = 0;
        int n = text.length();
        boolean ascii = otherClass.isEmpty();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int cls;
            if (c < 128) {
                cls = asciiClass[c];
            } else if (ascii) {
                char f = RequiredLiterals.fold(c);
                cls = f < 128 ? asciiClass[f] : 0;
            } else {
                cls = classOfFolded(RequiredLiterals.fold(c));
            }
            state = next[state * width + cls];
            long[] o = output[state];
            if (o != null) {
                for (int w = 0; w < words; w++) {
                    found[w] |= o[w];
                }
            }
        }
        return new Candidates(found);
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

    /** The patterns that may match one text. Immutable. */
    public static final class Candidates {
        private final long[] bits;

        private Candidates(long[] bits) {
            this.bits = bits;
        }

        /**
         * @param index a pattern's index in the list the prefilter was built from
         * @return false when that pattern cannot match the text; true when it may (run it to know)
         */
        public boolean mayMatch(int index) {
            return (bits[index >>> 6] & (1L << index)) != 0;
        }

        /** @return true when at least one pattern may match. */
        public boolean any() {
            return Arrays.stream(bits).anyMatch(b -> b != 0);
        }
    }
}
