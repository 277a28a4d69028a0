package org.pixelproof.detect;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A text prepared for the phrase patterns of {@code legal-rules/markers.yaml} and {@code message-classes.yaml}, with a
 * map back to the original so that evidence can quote the source exactly.
 *
 * <p>The normalisation is the one RULES-FORMAT.md fixes for text patterns: Unicode NFD with combining marks removed
 * ("désinscrire" becomes "desinscrire"), lower case ({@link Locale#ROOT}), white space collapsed to single spaces and
 * trimmed. Three additions keep spam tricks and typography from defeating the patterns: format characters (zero-width
 * spaces and joiners, soft hyphens, bidi marks such as the U+200F that spam slips inside words) are dropped;
 * typographic apostrophes ({@code ’ ‘ ʼ}) become {@code '}; the ligatures {@code œ æ ß} become {@code oe ae ss}.
 *
 * <p>Immutable and thread-safe.
 */
public final class NormalizedText {
    private final String original;
    private final String text;
    private final int[] originalIndex;

    private NormalizedText(String original, String text, int[] originalIndex) {
        this.original = original;
        this.text = text;
        this.originalIndex = originalIndex;
    }

    /**
     * @param original any text, not null
     * @return its normalised form with the offset map
     * @throws NullPointerException when {@code original} is null
     */
    public static NormalizedText of(String original) {
        Objects.requireNonNull(original, "original");
        return build(original, true);
    }

    /**
     * Normalises {@code original} into a character array, recording for each character the index of the original
     * character it comes from when {@code withMap}.
     */
    private static NormalizedText build(String original, boolean withMap) {
        int n = original.length();
        char[] out = new char[n + 16];
        int[] map = withMap ? new int[n + 16] : null;
        int len = 0;
        int i = 0;
        while (i < n) {
            char ch = original.charAt(i);
            if (ch < 0x80 && ch > ' ') { // ASCII letters, digits, punctuation: lower case is all there is to do
                if (len == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                    map = map == null ? null : Arrays.copyOf(map, out.length);
                }
                if (map != null) {
                    map[len] = i;
                }
                out[len++] = ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
                i++;
                continue;
            }
            int cp = Character.isSurrogate(ch) ? original.codePointAt(i) : ch;
            int cpLen = Character.charCount(cp);
            String piece = piece(cp); // "" for a format character, WHITE_SPACE for white space
            if (piece == WHITE_SPACE && (len == 0 || out[len - 1] == ' ')) {
                i += cpLen;
                continue;
            }
            if (len + piece.length() > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, len + piece.length()));
                map = map == null ? null : Arrays.copyOf(map, out.length);
            }
            for (int k = 0; k < piece.length(); k++) {
                if (map != null) {
                    map[len] = i;
                }
                out[len++] = piece.charAt(k);
            }
            i += cpLen;
        }
        if (len > 0 && out[len - 1] == ' ') {
            len--;
        }
        return new NormalizedText(original, new String(out, 0, len), map == null ? null : Arrays.copyOf(map, len));
    }

    /** The normalised form of each BMP code point, filled on first use (a benign race: values are immutable). */
    private static final String[] PIECES = new String[0x10000];
    /** What every white-space character becomes, told apart by identity: one space, or none after another. */
    private static final String WHITE_SPACE = new String(" ");

    /**
     * @param cp any code point
     * @return what it becomes: {@link #WHITE_SPACE} for white space, "" for a format character; typographic
     *         apostrophes and ligatures replaced; else lower case ({@link Locale#ROOT}), NFD, combining marks removed
     *         (possibly empty)
     */
    private static String piece(int cp) {
        if (cp < PIECES.length) {
            String cached = PIECES[cp];
            if (cached == null) {
                cached = computePiece(cp);
                PIECES[cp] = cached;
            }
            return cached;
        }
        return computePiece(cp);
    }

    private static String computePiece(int cp) {
        if (Character.getType(cp) == Character.FORMAT) {
            return "";
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return WHITE_SPACE;
        }
        String piece = switch (cp) {
            case '\u2019', '\u2018', '\u02bc', '\u00b4', '\u2032' -> "'";
            case '\u0153', '\u0152' -> "oe";
            case '\u00e6', '\u00c6' -> "ae";
            case '\u00df', '\u1e9e' -> "ss";
            default -> Normalizer.normalize(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT),
                    Normalizer.Form.NFD);
        };
        StringBuilder kept = new StringBuilder(piece.length());
        for (int k = 0; k < piece.length(); k++) {
            char c = piece.charAt(k);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            kept.append(c);
        }
        return kept.toString();
    }

    /**
     * @param original any text, not null
     * @return its normalised form, as {@code of(original).text()} without building the offset map
     * @throws NullPointerException when {@code original} is null
     */
    public static String normalize(String original) {
        Objects.requireNonNull(original, "original");
        return build(original, false).text();
    }

    /** @return the normalised text. */
    public String text() {
        return text;
    }

    /** @return the text as given. */
    public String original() {
        return original;
    }

    /**
     * @param normIndex an index into {@link #text()}, {@code 0 <= normIndex <= text().length()}
     * @return the index of the same character in {@link #original()} ({@code original().length()} for the end)
     */
    public int originalIndex(int normIndex) {
        if (normIndex >= originalIndex.length) {
            return original.length();
        }
        return originalIndex[Math.max(0, normIndex)];
    }

    /**
     * The original text of a normalised range, white space collapsed.
     *
     * @param normStart start in {@link #text()}, inclusive
     * @param normEnd   end in {@link #text()}, exclusive
     * @return the corresponding original characters
     */
    public String originalSlice(int normStart, int normEnd) {
        if (normEnd <= normStart) {
            return "";
        }
        int from = originalIndex(normStart);
        int last = originalIndex(normEnd - 1);
        int to = Math.min(original.length(), last + Character.charCount(original.codePointAt(last)));
        return collapse(original.substring(from, to));
    }

    /** @return {@code s} with runs of white space turned into one space, trimmed. */
    static String collapse(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * @param s   a text
     * @param max the most characters kept; an ellipsis replaces what is cut
     * @return {@code s} cut to {@code max} characters
     */
    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }
}
