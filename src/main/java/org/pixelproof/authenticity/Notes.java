package org.pixelproof.authenticity;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded list of English notes on what was malformed or skipped; past the limit, notes are counted. Not
 * thread-safe.
 */
final class Notes {
    /** Most notes kept. */
    static final int MAX_NOTES = 50;

    private final List<String> notes = new ArrayList<>();
    private int dropped;

    void add(String note) {
        if (notes.size() < MAX_NOTES - 1) {
            notes.add(note);
        } else {
            dropped++;
        }
    }

    List<String> list() {
        List<String> out = new ArrayList<>(notes);
        if (dropped > 0) {
            out.add(dropped + " further notes not kept");
        }
        return out;
    }

    /** @return a short excerpt of header text for a note: at most 60 characters, white space collapsed. */
    static String excerpt(String s) {
        return excerpt(s, 60);
    }

    /** @return {@code s} with white space collapsed, cut to at most {@code max} characters. */
    static String excerpt(String s, int max) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }
}
