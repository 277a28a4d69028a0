package org.pixelproof.authenticity;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits structured header values (RFC 5322 section 3.2: comments in nested parentheses, quoted strings, backslash
 * escapes) without regular expressions: every method is one linear pass, and unbalanced input ends the current token
 * rather than failing.
 */
final class HeaderLexer {
    private HeaderLexer() {
    }

    /** One lexical item: a word (quoted strings kept with their quotes) or a comment (without its parentheses). */
    record Item(String text, boolean comment) {
    }

    /** @return {@code value} split on {@code sep} where it occurs outside comments and quoted strings. */
    static List<String> splitTopLevel(String value, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (quoted || depth > 0)) {
                i++;
            } else if (quoted) {
                quoted = c != '"';
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == '"' && depth == 0) {
                quoted = true;
            } else if (c == sep && depth == 0) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out;
    }

    /**
     * @return the words and comments of {@code value}, in order; white space and comments separate words; a comment's
     *         inner parentheses are kept, its white space collapsed
     */
    static List<Item> items(String value) {
        List<Item> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        StringBuilder comment = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (depth > 0) {
                if (c == '\\' && i + 1 < value.length()) {
                    comment.append(value.charAt(++i));
                } else if (c == '(') {
                    depth++;
                    comment.append(c);
                } else if (c == ')') {
                    depth--;
                    if (depth == 0) {
                        out.add(new Item(collapse(comment), true));
                        comment.setLength(0);
                    } else {
                        comment.append(c);
                    }
                } else {
                    comment.append(c);
                }
            } else if (quoted) {
                word.append(c);
                if (c == '\\' && i + 1 < value.length()) {
                    word.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '(') {
                flush(word, out);
                depth = 1;
            } else if (c == '"') {
                quoted = true;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                flush(word, out);
            } else {
                word.append(c);
            }
        }
        flush(word, out);
        if (depth > 0 && comment.length() > 0) {
            out.add(new Item(collapse(comment), true)); // unclosed comment: kept as written
        }
        return out;
    }

    private static void flush(StringBuilder word, List<Item> out) {
        if (word.length() > 0) {
            out.add(new Item(word.toString(), false));
            word.setLength(0);
        }
    }

    private static String collapse(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
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

    /** @return {@code s} without surrounding double quotes and with backslash escapes resolved. */
    static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}
