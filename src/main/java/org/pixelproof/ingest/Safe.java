package org.pixelproof.ingest;

import java.util.Locale;

/**
 * Helpers that keep anomaly details free of the message's content: only short technical tokens (charset names,
 * encodings, header names) are echoed, reduced to a safe alphabet and length. Numbers are formatted with grouping so
 * that details read well in the dossier's annex.
 */
final class Safe {
    private static final int MAX_TOKEN = 40;

    private Safe() {
    }

    /**
     * @return {@code value} quoted when it is a short token of letters, digits and {@code . _ : + / -}, else a
     *         description of its shape ({@code "a value of 312 characters"}) that reveals nothing of it
     */
    static String token(String value) {
        if (value == null) {
            return "(none)";
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return "(empty)";
        }
        if (v.length() > MAX_TOKEN) {
            return "a value of " + count(v.length()) + " characters";
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '+' || c == '/' || c == '-';
            if (!ok) {
                return "a value of " + count(v.length()) + " characters";
            }
        }
        return "'" + v + "'";
    }

    /** @return the number with thousands separators, e.g. {@code 26,214,400}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
