package org.pixelproof.detect;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One consent or information marker found in the message.
 *
 * @param type     which marker
 * @param text     the matched text (link text or sentence, at most 300 characters)
 * @param url      the link's URL for link markers, else {@code null}
 * @param location where it was found
 * @param ruleId   the marker-phrase rule that matched, or {@code "header.list-unsubscribe"}
 */
public record ConsentMarker(ConsentMarkerType type, String text, String url, Location location, String ruleId) {
    /** A pair of brackets with nothing but white space inside, and the white space before it. */
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\s*(?:\\(\\s*\\)|\\[\\s*]|<\\s*>)");

    public ConsentMarker {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
    }

    /**
     * @return {@link #text()} as documents show it, without what the removal of a bare URL leaves in it (see
     *         {@link #withoutUrlBrackets(String)}); {@code null} when the text is
     */
    public String shownText() {
        return withoutUrlBrackets(text);
    }

    /**
     * A plain-text body writes its links as bare URLs, often in brackets ("Unsubscribe (https://...)\nManage
     * preferences (https://...)"); the words around such a link, read without the URL, keep the brackets: "Unsubscribe
     * ( )", ") Manage preferences ( )". This removes them.
     *
     * @param text a marker's text, may be {@code null}
     * @return the text without brackets holding only white space ({@code ( )}, {@code [ ]}, {@code < >}), without a
     *         closing bracket that starts it or an opening one that ends it (those of the neighbouring URLs), and
     *         stripped; {@code null} for {@code null}. Thread-safe.
     */
    public static String withoutUrlBrackets(String text) {
        if (text == null) {
            return null;
        }
        String s = EMPTY_BRACKETS.matcher(text).replaceAll("").strip();
        while (!s.isEmpty() && ")]>".indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1).strip();
        }
        while (!s.isEmpty() && "([<".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
