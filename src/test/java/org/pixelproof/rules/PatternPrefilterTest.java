package org.pixelproof.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link RequiredLiterals} and {@link PatternPrefilter}: the literals read from a regex, and that the prefilter never
 * leaves out a pattern that matches (its whole point is to be a necessary condition).
 */
class PatternPrefilterTest {

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static Set<String> literals(String re) {
        return RequiredLiterals.of(Pattern.compile(re, CI));
    }

    @Test
    void readsRunsAlternationsAndGroups() {
        assertEquals(Set.of("code promo"), literals("code promo"));
        assertEquals(Set.of("unsub"), literals("\\bunsub"));
        assertEquals(Set.of("desinscri", "desabonn"), literals("\\b(?:desinscri|desabonn)[a-z]*"));
        // the longest run of a sequence wins; an optional part breaks the run
        assertEquals(Set.of("mail"), literals("\\be-?mails? "));
        assertEquals(Set.of(" de suivi", "pixel de suivi"), literals("\\bpixels? de suivi\\b|pixel de suivi"));
        // zero-width assertions do not break a run
        assertEquals(Set.of("ab"), literals("a\\bb"));
        // a quantified character ends its run
        assertEquals(Set.of("xyz"), literals("ab+xyz"));
        // escapes of punctuation are literals, classes and shorthands are not
        assertEquals(Set.of("s.a.s"), literals("s\\.a\\.s\\d+"));
        assertEquals(Set.of("tva"), literals("[\\]\\[]?tva[a-z]{2,}"));
        // a positive lookaround's text is there too; a negative one says nothing
        assertEquals(Set.of("strasse"), literals("\\p{L}{0,40}+(?<=(?i:strasse))"));
        assertEquals(Set.of("ab"), literals("(?<![a-z])ab(?!c)"));
        // literals are case-folded
        assertEquals(Set.of("siren"), RequiredLiterals.of(Pattern.compile("SIREN")));
    }

    @Test
    void tellsCaseSensitivityAndDistanceFromTheMatchStart() {
        // case-sensitive parts keep their case; (?i:...) and (?i) parts are folded
        assertEquals(List.of(new RequiredLiterals.Literal("SIREN", true, 0), new RequiredLiterals.Literal("rcs", false, 0)),
                RequiredLiterals.analyse(Pattern.compile("(?<![a-z])(?:SIREN|(?i:RCS))")));
        assertEquals(List.of(new RequiredLiterals.Literal("ab", true, 0)),
                RequiredLiterals.analyse(Pattern.compile("ab(?i:c)")));
        // top-level inline flags: Pattern.flags() reports "(?i)" as if given at compile time, and forgets the flags a
        // "(?-i)" turns off, so the literals before either are read case-insensitively
        assertEquals(List.of(new RequiredLiterals.Literal("abc", false, 0)),
                RequiredLiterals.analyse(Pattern.compile("ab(?i)c")));
        assertEquals(List.of(new RequiredLiterals.Literal("abc", false, 0)),
                RequiredLiterals.analyse(Pattern.compile("abc(?-i)d", Pattern.CASE_INSENSITIVE)));
        assertTrue(PatternPrefilter.of(List.of(Pattern.compile("abc(?-i)d", Pattern.CASE_INSENSITIVE)))
                .candidates("ABCd").mayMatch(0));
        // \d{1,4}: four code points, each up to two chars (a surrogate pair) for the reader, which stays on the safe side
        assertEquals(List.of(new RequiredLiterals.Literal("rue", false, 12)),
                RequiredLiterals.analyse(Pattern.compile("\\d{1,4},? ?-? (?i:rue)", Pattern.UNICODE_CASE)));
        // unbounded before it: no distance
        assertEquals(List.of(new RequiredLiterals.Literal("@", true, RequiredLiterals.UNBOUNDED)),
                RequiredLiterals.analyse(Pattern.compile("[a-z]+@")));
        // a supplementary character counts two
        assertEquals(List.of(new RequiredLiterals.Literal("x", true, 4)),
                RequiredLiterals.analyse(Pattern.compile("..x")));
        // a look-behind's literal lies before the position: no distance either
        assertEquals(List.of(new RequiredLiterals.Literal("strasse", false, RequiredLiterals.UNBOUNDED)),
                RequiredLiterals.analyse(Pattern.compile("\\p{L}{0,40}+(?<=(?i:strasse))")));
    }

    @Test
    void findsWhatMatcherFindFindsTryingOnlyNearTheLiterals() {
        Pattern email = Pattern.compile("(?<![\\p{L}\\p{N}._%+\\-])[A-Za-z0-9._%+\\-]{1,64}@[a-z]{2,10}\\.(?:fr|com)");
        Pattern form = Pattern.compile("(?<![\\p{L}\\p{N}.])(?:SAS|SA|GmbH)(?![\\p{L}\\p{N}])");
        PatternPrefilter f = PatternPrefilter.of(List.of(email, form));
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> "contact: dpo@exemple.fr ";
                case 1 -> "Brume SAS, ";
                case 2 -> "sa sas Sa ";
                case 3 -> "a@b ";
                default -> "lorem ipsum dolor sit amet ";
            });
        }
        String t = text.toString();
        PatternPrefilter.Candidates c = f.candidates(t);
        for (int k = 0; k < 2; k++) {
            Pattern p = k == 0 ? email : form;
            List<String> expected = new ArrayList<>();
            java.util.regex.Matcher plain = p.matcher(t);
            while (plain.find()) {
                expected.add(plain.start() + ":" + plain.group());
            }
            List<String> found = new ArrayList<>();
            java.util.regex.Matcher m = p.matcher(t);
            for (int from = 0; from <= t.length() && c.find(k, m, from); from = m.end()) {
                found.add(m.start() + ":" + m.group());
            }
            assertFalse(expected.isEmpty());
            assertEquals(expected, found, p.pattern());
        }
    }

    /**
     * A long text is scanned as two halves at once: whatever lies across the middle, and however many occurrences
     * there are, the answer is the one of a single pass (same patterns kept, same start windows).
     */
    @Test
    void scansTwoHalvesAsOnePass() {
        Pattern email = Pattern.compile("(?<![\\p{L}\\p{N}._%+\\-])[A-Za-z0-9._%+\\-]{1,64}@[a-z]{2,10}\\.(?:fr|com)");
        Pattern form = Pattern.compile("(?<![\\p{L}\\p{N}.])(?:SAS|SA|GmbH)(?![\\p{L}\\p{N}])");
        Pattern phrase = Pattern.compile("(?i)\\bdesinscri(?:re|vez-vous|ption)\\b");
        Pattern word = Pattern.compile("(?i)\\bventes\\b");
        List<Pattern> patterns = List.of(email, form, phrase, word);
        PatternPrefilter f = PatternPrefilter.of(patterns);
        String[] pieces = {"contact: dpo@exemple.fr ", "Brume GmbH, ", "Désinscription ", "ventes ", "sa sas ",
            "lorem ipsum dolor sit amet ", "a@b ", "\u017Fa ", "x"};
        Random random = new Random(11);
        int straddling = 0;
        for (int round = 0; round < 3_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = PatternPrefilter.SPLIT_SCAN + random.nextInt(round < 1_000 ? 64 : 6_000);
            while (b.length() < length) {
                b.append(pieces[random.nextInt(random.nextInt(9) + 1)]);
            }
            String literal = pieces[random.nextInt(4)];
            int mid = b.length() / 2;
            int at = mid - literal.length() + 1 + random.nextInt(literal.length()); // across the middle
            String t = b.insert(Math.max(0, at), literal).toString();
            if (at < t.length() / 2 && at + literal.length() > t.length() / 2) {
                straddling++;
            }
            PatternPrefilter.Candidates split = f.candidates(t);
            PatternPrefilter.Candidates single = f.candidates(t, Integer.MAX_VALUE);
            for (int k = 0; k < patterns.size(); k++) {
                assertEquals(single.mayMatch(k), split.mayMatch(k), k + " in " + t);
                assertEquals(patterns.get(k).matcher(t).find(), split.mayMatch(k) && split.find(k,
                        patterns.get(k).matcher(t), 0), k + " in " + t);
                assertArrayEquals(single.windows(k), split.windows(k), k + " in " + t);
            }
        }
        assertTrue(straddling > 1_000, "only " + straddling + " literals across the middle");
    }

    @Test
    void keepsTheWindowsOfAWordRepeatedHundredsOfTimesInALongText() {
        Pattern phrase = Pattern.compile("\\bdecouvrez (?:nos|notre) (?:nouveautes|collections)\\b|\\bsoldes\\b");
        PatternPrefilter f = PatternPrefilter.of(List.of(phrase));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) { // 400 windows, one start each, in 36,000 characters
            text.append("article ").append(i).append(" : decouvrez nos conseils de la semaine, lire la suite. ");
        }
        PatternPrefilter.Candidates none = f.candidates(text);
        assertTrue(none.usesWindows(0), "400 single-start windows in " + text.length() + " characters");
        assertFalse(none.find(0, phrase.matcher(text), 0));

        String withMatch = text + "decouvrez nos nouveautes";
        PatternPrefilter.Candidates some = f.candidates(withMatch);
        java.util.regex.Matcher m = phrase.matcher(withMatch);
        assertTrue(some.find(0, m, 0));
        assertEquals(text.length(), m.start());

        // windows covering the whole text: one scan is cheaper, the whole text is searched
        Pattern wide = Pattern.compile("\\b[a-z]{0,30}ventes\\b");
        String dense = "ventes ".repeat(2_000) + "preventes";
        PatternPrefilter.Candidates everywhere = PatternPrefilter.of(List.of(wide)).candidates(dense);
        assertFalse(everywhere.usesWindows(0));
        java.util.regex.Matcher w = wide.matcher(dense);
        assertTrue(everywhere.find(0, w, 0));
        assertEquals(0, w.start());
    }

    @Test
    void givesUpWhenNothingCanBeProved() {
        assertNull(literals("a|\\d+"));
        assertNull(literals("(?:abc)?"));
        assertNull(literals("[a-z]{3}"));
        assertNull(literals("x*"));
        assertNull(literals("\\Qabc\\E"));
        assertNull(RequiredLiterals.of(Pattern.compile("a b # comment", Pattern.COMMENTS)));
        assertNull(literals("(?x)abc"));
    }

    @Test
    void keepsOnlyPatternsWhoseLiteralsOccur() {
        PatternPrefilter f = PatternPrefilter.of(List.of(Pattern.compile("\\bunsub", CI),
                Pattern.compile("pixel de (?:suivi|mesure)", CI), Pattern.compile("\\d{5}"),
                Pattern.compile("SIRE[NT]")));
        PatternPrefilter.Candidates c = f.candidates("Cliquez ici pour UNSUBscribe: un pixel de mesure");
        assertTrue(c.mayMatch(0));
        assertTrue(c.mayMatch(1));
        assertTrue(c.mayMatch(2), "no literal: always kept");
        assertFalse(c.mayMatch(3));
        assertEquals(1, f.alwaysKept());
        PatternPrefilter.Candidates none = f.candidates("rien de tout cela, pixel du suivi");
        assertFalse(none.mayMatch(0));
        assertFalse(none.mayMatch(1));
        assertTrue(none.any());
        // overlapping literals are all found (the automaton's failure links)
        PatternPrefilter g = PatternPrefilter.of(List.of(Pattern.compile("abcd"), Pattern.compile("bc"),
                Pattern.compile("cde")));
        PatternPrefilter.Candidates all = g.candidates("xabcdex");
        assertTrue(all.mayMatch(0) && all.mayMatch(1) && all.mayMatch(2));
    }

    @Test
    void foldsTheTextLikeUnicodeCaseInsensitiveMatching() {
        // U+017F LONG S and U+0131 DOTLESS I match 's' and 'i' under UNICODE_CASE: the prefilter must keep them
        Pattern p = Pattern.compile("\\bsiren", CI);
        PatternPrefilter f = PatternPrefilter.of(List.of(p));
        for (String text : List.of("\u017Firen", "s\u0131ren", "SIREN", "Siren")) {
            assertTrue(p.matcher(text).find(), text);
            assertTrue(f.candidates(text).mayMatch(0), text);
        }
    }

    /**
     * Every phrase of the shipped markers and classification files: its examples, and random variations of them
     * (characters inserted, deleted, case changed), are never left out when the pattern matches them.
     */
    @Test
    void neverLeavesOutAShippedPhraseThatMatches() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Pattern> patterns = new ArrayList<>();
        List<List<String>> examples = new ArrayList<>();
        for (String[] file : List.of(new String[] {"markers.yaml", "markers"},
                new String[] {"message-classes.yaml", "phrases"})) {
            JsonNode root = yaml.readTree(Path.of("legal-rules", file[0]).toFile());
            for (JsonNode n : root.get(file[1])) {
                patterns.add(Pattern.compile(n.get("pattern").asText(), CI));
                List<String> ex = new ArrayList<>();
                n.get("examples").forEach(e -> ex.add(TextNormalization.normalize(e.asText())));
                examples.add(ex);
            }
        }
        assertTrue(patterns.size() > 100, "the shipped phrases are read");
        PatternPrefilter f = PatternPrefilter.of(patterns);
        assertEquals(0, f.alwaysKept(), "every shipped phrase has required literals");
        Random random = new Random(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyz '-%0123456789\u017F\u0131";
        int checked = 0;
        for (int i = 0; i < patterns.size(); i++) {
            for (String example : examples.get(i)) {
                assertTrue(f.candidates(example).mayMatch(i), patterns.get(i) + " / " + example);
                for (int k = 0; k < 200; k++) {
                    StringBuilder b = new StringBuilder(example);
                    for (int edits = random.nextInt(4); edits >= 0 && b.length() > 0; edits--) {
                        int at = random.nextInt(b.length());
                        switch (random.nextInt(3)) {
                            case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                            case 1 -> b.deleteCharAt(at);
                            default -> b.setCharAt(at, Character.toUpperCase(b.charAt(at)));
                        }
                    }
                    String text = b.toString();
                    if (patterns.get(i).matcher(text).find()) {
                        checked++;
                        assertTrue(f.candidates(text).mayMatch(i), patterns.get(i) + " / " + text);
                    }
                }
            }
        }
        assertTrue(checked > 1000, "only " + checked + " matching variations");
    }
}
