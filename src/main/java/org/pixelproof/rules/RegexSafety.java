package org.pixelproof.rules;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A conservative check against catastrophic backtracking in rule regexes: it rejects a group that is repeated without
 * bound ({@code *}, {@code +}, {@code {n,}}) when one of the group's alternatives itself ends with a quantified atom,
 * e.g. {@code (a+)+}, {@code (\w+\s?)*}, {@code (?:x.*)+}. Groups whose repeated body ends with a fixed character, such
 * as the sub-domain idiom {@code (?:[a-z0-9-]+\.)*}, pass. It does not detect overlapping alternatives such as
 * {@code (a|a)*}: reviewers keep alternatives disjoint. Stateless and thread-safe.
 */
final class RegexSafety {
    private RegexSafety() {
    }

    private static final class Frame {
        boolean lastQuantified;
        boolean anyAlternativeEndsQuantified;
        boolean containsQuantifier;
    }

    /**
     * @param regex a regex that compiles
     * @return a description of the first nested unbounded repetition, or {@code null} when none is found
     */
    static String problem(String regex) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame());
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            Frame top = stack.peek();
            if (c == '\\') {
                if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? n : end + 2;
                } else {
                    i += 2;
                }
                top.lastQuantified = false;
                i = quantifier(regex, i, top, null);
            } else if (c == '[') {
                i = skipClass(regex, i);
                top.lastQuantified = false;
                i = quantifier(regex, i, top, null);
            } else if (c == '(') {
                stack.push(new Frame());
                i++;
                if (i < n && regex.charAt(i) == '?') {
                    // (?:  (?=  (?!  (?<=  (?<!  (?<name>  (?i)  ...: skip the group's flags up to ':' or ')'
                    int j = i + 1;
                    while (j < n && regex.charAt(j) != ':' && regex.charAt(j) != ')'
                            && !(regex.charAt(j) == '>' && regex.charAt(j - 1) != '<')
                            && regex.charAt(j) != '=' && regex.charAt(j) != '!') {
                        j++;
                    }
                    i = Math.min(n, j + 1);
                    if (j < n && regex.charAt(j) == ')') { // inline flags "(?i)": not a group
                        stack.pop();
                    }
                }
            } else if (c == ')') {
                Frame inner = stack.size() > 1 ? stack.pop() : new Frame();
                inner.anyAlternativeEndsQuantified |= inner.lastQuantified;
                Frame outer = stack.peek();
                outer.lastQuantified = false;
                int before = i + 1;
                i = quantifier(regex, before, outer, inner);
                if (i == -1) {
                    return "group ending at position " + before + " repeats without bound a part that itself ends "
                            + "with a repetition (nested quantifiers can make matching take forever)";
                }
                outer.containsQuantifier |= inner.containsQuantifier;
            } else if (c == '|') {
                top.anyAlternativeEndsQuantified |= top.lastQuantified;
                top.lastQuantified = false;
                i++;
            } else {
                top.lastQuantified = false;
                i = quantifier(regex, i + 1, top, null);
            }
            if (i < 0) {
                return "nested unbounded repetition";
            }
        }
        return null;
    }

    /**
     * Reads an optional quantifier at {@code i}. Returns the index after it, or -1 when {@code group} is repeated
     * without bound while one of its alternatives ends with a quantified atom.
     */
    private static int quantifier(String re, int i, Frame frame, Frame group) {
        if (i >= re.length()) {
            return i;
        }
        char c = re.charAt(i);
        boolean unbounded;
        int next;
        if (c == '*' || c == '+') {
            unbounded = true;
            next = i + 1;
        } else if (c == '?') {
            unbounded = false;
            next = i + 1;
        } else if (c == '{') {
            int close = re.indexOf('}', i);
            if (close < 0) {
                return i + 1;
            }
            String body = re.substring(i + 1, close);
            unbounded = body.endsWith(",");
            next = close + 1;
        } else {
            return i;
        }
        if (next < re.length() && (re.charAt(next) == '?' || re.charAt(next) == '+')) {
            next++; // lazy or possessive modifier
        }
        if (group != null && unbounded && group.anyAlternativeEndsQuantified && group.containsQuantifier) {
            return -1;
        }
        frame.lastQuantified = true;
        frame.containsQuantifier = true;
        return next;
    }

    private static int skipClass(String re, int i) {
        int depth = 0;
        int n = re.length();
        int j = i;
        while (j < n) {
            char c = re.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                depth++;
                if (j + 1 < n && re.charAt(j + 1) == ']') {
                    j++; // "[]...]" or "[^]...]": a literal ']' first
                } else if (j + 2 < n && re.charAt(j + 1) == '^' && re.charAt(j + 2) == ']') {
                    j += 2;
                }
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
            j++;
        }
        return n;
    }
}
