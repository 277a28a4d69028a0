package org.pixelproof.detect;

import java.util.List;

/**
 * Where, among the URLs a tracker stands for, each of its identifiers was read: a click tracker groups every link of
 * one redirector (35 links of one Adobe Campaign host, say), and the recipient's address or a per-recipient token may
 * sit in one of them only, not in the first link's URL that is shown for the group. This says which link, so that a
 * reader can check the identifier against the message.
 *
 * <p>Works on the analysis's own strings ({@link Tracker#url()}, {@link Link#url()}, {@link Link#destination()});
 * never dereferences anything. Stateless and thread-safe.
 */
public final class IdentifierEvidence {

    private IdentifierEvidence() {
    }

    /**
     * Where one identifier was read.
     *
     * @param value     the identifier as the tracker gives it: a {@link RecipientIdentifier#value()} or a
     *                  {@link Tracker#perRecipientTokens()} entry ({@code name=value})
     * @param linkIndex the index in the message's links ({@link Findings#links()}) of the link it was read in, or
     *                  {@code -1} when it was read in the tracker's own URL and no link is that URL (a pixel)
     * @param url       the URL it was read in, as a client would request it
     * @param at        where the value (or, for a {@code name=value} token or a value with cut marks, its bare value)
     *                  starts in {@code url}, or {@code -1} when it is only in the link's decoded destination or only
     *                  in the URL's percent-decoded form
     * @param end       where it ends in {@code url}, or {@code -1} with {@code at}
     */
    public record Source(String value, int linkIndex, String url, int at, int end) {
        /** @return {@code L1}, {@code L2}... numbered like the dossier's list of links, or {@code null} for none. */
        public String linkId() {
            return linkIndex < 0 ? null : "L" + (linkIndex + 1);
        }
    }

    /**
     * @param value   an identifier of {@code tracker}: a recipient identifier's value or a per-recipient token
     *                ({@code name=value}, or a bare path token)
     * @param tracker the tracker
     * @param links   the message's links, in document order (each click tracker's links carry its id)
     * @return where it was read: the tracker's own URL when it is there, else the first of the tracker's links that
     *         holds it (as written, percent-decoded, or in its decoded destination); {@code null} when none holds it
     *         (a header-based tracker, or an id read inside a base64 JSON token)
     */
    public static Source of(String value, Tracker tracker, List<Link> links) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        int own = -1;
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            if (tracker.id().equals(l.trackerId()) && l.url().equals(tracker.url())) {
                own = i;
                break;
            }
        }
        Source s = in(value, tracker.url(), null, own);
        if (s != null) {
            return s;
        }
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            if (i != own && tracker.id().equals(l.trackerId())) {
                s = in(value, l.url(), l.destination(), i);
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    /** @return how many of the message's links a tracker stands for (0 for a pixel or beacon). */
    public static int linkCount(Tracker tracker, List<Link> links) {
        int n = 0;
        for (Link l : links) {
            if (tracker.id().equals(l.trackerId())) {
                n++;
            }
        }
        return n;
    }

    private static Source in(String value, String url, String destination, int index) {
        int at = url.indexOf(value);
        if (at >= 0) {
            return new Source(value, index, url, at, at + value.length());
        }
        String bare = bareValue(value);
        if (bare != null && (at = url.indexOf(bare)) >= 0) {
            return new Source(value, index, url, at, at + bare.length());
        }
        String v = bare != null ? bare : value;
        if (WebUrl.percentDecode(url).contains(v) || destination != null && destination.contains(v)) {
            return new Source(value, index, url, -1, -1);
        }
        return null;
    }

    /**
     * @return the value of a {@code name=value} token without the cut marks ({@code …}) a long value may carry, or
     *         {@code null} when it has no name and no cut mark
     */
    private static String bareValue(String token) {
        int eq = token.indexOf('=');
        String v = eq > 0 && eq < token.length() - 1 ? token.substring(eq + 1) : token;
        int a = 0;
        int b = v.length();
        while (a < b && v.charAt(a) == '\u2026') {
            a++;
        }
        while (b > a && v.charAt(b - 1) == '\u2026') {
            b--;
        }
        v = v.substring(a, b);
        return v.isEmpty() || v.equals(token) ? null : v;
    }
}
