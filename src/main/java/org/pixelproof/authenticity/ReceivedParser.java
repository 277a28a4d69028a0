package org.pixelproof.authenticity;

import java.util.regex.Pattern;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import org.pixelproof.authenticity.HeaderLexer.Item;

/**
 * Reads one {@code Received} header (RFC 5321 section 4.4 Time-stamp-line: {@code from}, {@code by}, {@code via},
 * {@code with}, {@code id}, {@code for} clauses, then {@code ;} and the date), tolerant of real servers: comments
 * anywhere, clauses missing or out of order, no {@code ;} before the date, {@code qmail}-style lines. Linear and
 * bounded; never throws.
 */
final class ReceivedParser {
    /** A run of white space (compiled once: String.replaceAll compiles its regex on every call). */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    /** Longest header value read, in characters. */
    static final int MAX_VALUE_CHARS = 8_192;
    /** Longest clause kept, in characters. */
    static final int MAX_CLAUSE_CHARS = 300;
    /** Longest raw value kept in {@link ReceivedHop#raw()}, in characters. */
    static final int MAX_RAW_CHARS = 2_000;

    private static final Set<String> KEYWORDS = Set.of("from", "by", "via", "with", "id", "for");

    private ReceivedParser() {
    }

    /**
     * @param value the header value
     * @param label how notes name this header, e.g. {@code "Received #3 (from the top)"}
     * @param notes where problems are noted
     * @return the hop; fields not found are {@code null}
     */
    static ReceivedHop parse(String value, String label, Notes notes) {
        String v = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
        String unfolded = WHITE_SPACE.matcher(v).replaceAll(" ").strip();
        List<String> parts = HeaderLexer.splitTopLevel(v, ';');
        String clauses;
        String dateText = null;
        if (parts.size() > 1) {
            dateText = parts.get(parts.size() - 1);
            clauses = String.join(";", parts.subList(0, parts.size() - 1));
        } else {
            clauses = v;
            Matcher m = MailDates.DATE_IN_TEXT.matcher(v);
            int start = -1;
            while (m.find()) {
                start = m.start();
                dateText = m.group();
            }
            if (start >= 0) {
                clauses = v.substring(0, start);
            }
        }
        Clauses found = new Clauses();
        String current = null;
        StringBuilder text = new StringBuilder();
        StringBuilder words = new StringBuilder();
        for (Item item : HeaderLexer.items(clauses)) {
            String keyword = item.comment() ? null : item.text().toLowerCase(Locale.ROOT);
            if (keyword != null && KEYWORDS.contains(keyword)) {
                found.store(current, text, words);
                current = keyword;
                text.setLength(0);
                words.setLength(0);
            } else if (current != null) { // text before the first clause (qmail's comment) is skipped
                append(text, item.comment() ? "(" + item.text() + ")" : item.text());
                if (!item.comment()) {
                    append(words, item.text());
                }
            }
        }
        found.store(current, text, words);
        String from = found.from;
        String by = found.by;
        String with = found.with;
        OffsetDateTime time = null;
        if (dateText == null || dateText.isBlank()) {
            notes.add(label + ": no date");
        } else {
            time = MailDates.parse(dateText);
            if (time == null) {
                notes.add(label + ": date unparseable or implausible: \"" + Notes.excerpt(dateText) + "\"");
            }
        }
        if (by == null && !found.none()) { // a comment-only stamp such as qmail's has no clause at all
            notes.add(label + ": no \"by\" clause");
        }
        String raw = unfolded.length() > MAX_RAW_CHARS ? unfolded.substring(0, MAX_RAW_CHARS) : unfolded;
        return new ReceivedHop(from, by, with, time, raw);
    }

    /** The first from, by and with clauses met. */
    private static final class Clauses {
        String from;
        String by;
        String with;

        private boolean any;

        /** @return true when no clause keyword was met. */
        boolean none() {
            return !any;
        }

        void store(String keyword, StringBuilder text, StringBuilder words) {
            if (keyword == null) {
                return;
            }
            any = true;
            String t = cut(text.toString());
            switch (keyword) {
                case "from" -> from = from == null && !t.isEmpty() ? t : from;
                case "by" -> by = by == null && !t.isEmpty() ? t : by;
                case "with" -> with = with == null && words.length() > 0 ? cut(words.toString()) : with;
                default -> {
                    // via, id, for: not kept (the raw value has them)
                }
            }
        }
    }

    private static void append(StringBuilder b, String s) {
        if (b.length() < MAX_CLAUSE_CHARS) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(s);
        }
    }

    private static String cut(String s) {
        return s.length() <= MAX_CLAUSE_CHARS ? s : s.substring(0, MAX_CLAUSE_CHARS - 3) + "...";
    }

    /** @return the hops of the given Received values (topmost first, as in the message), oldest first. */
    static List<ReceivedHop> chain(List<String> topmostFirst, int max, Notes notes) {
        List<ReceivedHop> hops = new ArrayList<>();
        int n = Math.min(topmostFirst.size(), max);
        if (topmostFirst.size() > max) {
            notes.add(topmostFirst.size() + " Received headers; only the newest " + max + " were read");
        }
        for (int i = n - 1; i >= 0; i--) {
            hops.add(parse(topmostFirst.get(i), "Received #" + (i + 1) + " (from the top)", notes));
        }
        return hops;
    }
}
