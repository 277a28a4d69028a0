package org.pixelproof.authenticity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.authenticity.HeaderLexer.Item;

/**
 * Reads {@code Authentication-Results} (RFC 8601 section 2.2) and {@code ARC-Authentication-Results} (RFC 8617
 * section 4.1.1) header values, tolerant of what real servers write: comments anywhere (including {@code ;} inside
 * them), folding, several results per header, a missing authserv-id (Microsoft's servers start with
 * {@code spf=pass}), white space around {@code =}, results glued with {@code ;} and no space. Hand-written, one linear
 * pass per header, bounded; a malformed result is skipped and noted, never thrown.
 */
final class AuthResultsParser {
    /** Longest header value read, in characters; the rest is ignored and noted. */
    static final int MAX_VALUE_CHARS = 16_384;
    /** Most results read per header. */
    static final int MAX_RESULTS_PER_HEADER = 64;

    /** {@code method[/version]=result}: RFC 8601 keywords and results are ASCII letters, digits, - and _. */
    private static final Pattern METHOD_SPEC =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]*)(?:/[0-9]+)?=([A-Za-z0-9_-]+)");
    private static final Pattern INSTANCE = Pattern.compile("i=([0-9]{1,2})");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,3}");

    private AuthResultsParser() {
    }

    /** What one header asserts. */
    record Parsed(Integer arcInstance, String authServId, List<AuthAssertion> assertions) {
    }

    /**
     * @param value the header value (unfolded or not)
     * @param arc   true for {@code ARC-Authentication-Results}, which starts with {@code i=N;}
     * @param label how notes name this header, e.g. {@code "Authentication-Results #2"}
     * @param notes where problems are noted
     * @return the results, or {@code null} when the header is too malformed to use
     */
    static Parsed parse(String value, boolean arc, String label, Notes notes) {
        String v = value;
        if (v.length() > MAX_VALUE_CHARS) {
            v = v.substring(0, MAX_VALUE_CHARS);
            notes.add(label + ": longer than " + MAX_VALUE_CHARS + " characters, the rest was not read");
        }
        List<String> segments = HeaderLexer.splitTopLevel(v, ';');
        int next = 0;
        Integer instance = null;
        if (arc) {
            Matcher m = INSTANCE.matcher(words(segments.get(0), null).stream().findFirst().orElse(""));
            if (!m.matches()) {
                notes.add(label + ": no ARC instance i=, skipped");
                return null;
            }
            instance = Integer.valueOf(m.group(1));
            next = 1;
        }
        if (next >= segments.size()) {
            notes.add(label + ": no authserv-id, skipped");
            return null;
        }
        List<String> head = words(segments.get(next), null);
        String authServId = null;
        if (head.isEmpty()) {
            notes.add(label + ": empty authserv-id");
            next++;
        } else if (!head.get(0).contains("=")) {
            authServId = HeaderLexer.unquote(head.get(0)).toLowerCase(Locale.ROOT);
            int rest = head.size() > 1 && VERSION.matcher(head.get(1)).matches() ? 2 : 1;
            if (rest < head.size()) { // a result glued to the authserv-id without ';'
                segments = new ArrayList<>(segments);
                segments.set(next, String.join(" ", head.subList(rest, head.size())));
            } else {
                next++;
            }
        } // else: no authserv-id at all, this segment is already a result
        List<AuthAssertion> out = new ArrayList<>();
        for (int i = next; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (seg.isBlank()) {
                continue;
            }
            if (out.size() >= MAX_RESULTS_PER_HEADER) {
                notes.add(label + ": more than " + MAX_RESULTS_PER_HEADER + " results, the rest was not read");
                break;
            }
            List<String> comments = new ArrayList<>();
            List<String> ws = words(seg, comments);
            if (ws.size() == 1 && "none".equalsIgnoreCase(ws.get(0))) {
                continue; // RFC 8601 no-result
            }
            Matcher m = ws.isEmpty() ? null : METHOD_SPEC.matcher(ws.get(0));
            if (m == null || !m.matches()) {
                notes.add(label + ": result skipped, not method=result: \"" + Notes.excerpt(seg) + "\"");
                continue;
            }
            String props = String.join(" ", ws.subList(1, ws.size()));
            String comment = comments.isEmpty() ? null : String.join("; ", comments);
            out.add(new AuthAssertion(authServId, m.group(1).toLowerCase(Locale.ROOT),
                    m.group(2).toLowerCase(Locale.ROOT), props, instance, comment));
        }
        return new Parsed(instance, authServId, out);
    }

    /**
     * @return the words of a segment with {@code =} re-attached to its neighbours ({@code dkim = pass} becomes
     *         {@code dkim=pass}); comments are added to {@code comments} when not {@code null}
     */
    private static List<String> words(String segment, List<String> comments) {
        List<String> out = new ArrayList<>();
        boolean glue = false;
        for (Item item : HeaderLexer.items(segment)) {
            if (item.comment()) {
                if (comments != null && !item.text().isEmpty()) {
                    comments.add(item.text());
                }
                continue;
            }
            String w = item.text();
            if (!out.isEmpty() && (glue || w.startsWith("="))) {
                out.set(out.size() - 1, out.get(out.size() - 1) + w);
            } else {
                out.add(w);
            }
            String last = out.get(out.size() - 1);
            glue = last.indexOf('=') == last.length() - 1; // "name=" waiting for its value, not base64 padding

        }
        return out;
    }
}
