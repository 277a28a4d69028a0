package org.pixelproof.rules;

import java.util.regex.Pattern;

/**
 * The host globs of {@code legal-rules/} ({@code host:} in vendor patterns and link wrappers), turned into anchored,
 * case-insensitive regular expressions. Semantics (also in {@code legal-rules/README.md}):
 *
 * <ul>
 *   <li>A glob without {@code *} matches that host name only: {@code links.iterable.com}.</li>
 *   <li>A leading {@code *.} matches <em>zero or more</em> whole labels: {@code *.list-manage.com} matches
 *       {@code list-manage.com}, {@code us3.list-manage.com} and {@code brand.us3.list-manage.com}, but not
 *       {@code evil-list-manage.com}.</li>
 *   <li>A trailing {@code .*} matches <em>one or more</em> whole labels: {@code email.*} matches
 *       {@code email.brand.com} and {@code email.mg.brand.co.uk}, but not {@code email} alone.</li>
 *   <li>Any other {@code *} matches zero or more characters <em>inside one label</em> (never a dot):
 *       {@code *.klclick*.com} matches {@code trk.klclick1.com}; {@code cl.s*.exct.net} matches
 *       {@code cl.s7.exct.net}; {@code protect-*.mimecast.com} matches {@code protect-eu.mimecast.com}.</li>
 *   <li>{@code *} alone matches any host; the loader accepts it only with a {@code path}, for the many senders whose
 *       ESP serves tracking from the sender's own brand domain (e.g. SendGrid's {@code /wf/open?upn=}).</li>
 * </ul>
 *
 * <p>Globs are written in lower case with the characters {@code a-z 0-9 . - _ *}; host names are compared in lower
 * case. Stateless and thread-safe.
 */
public final class HostGlob {
    private static final String LABEL_CHARS = "[a-z0-9_-]";
    private static final Pattern VALID = Pattern.compile("[a-z0-9._*-]+");

    private HostGlob() {
    }

    /**
     * @param glob a host glob as written in the YAML
     * @return why the glob is invalid, or {@code null} when it is valid
     */
    public static String problem(String glob) {
        if (glob == null || glob.isBlank()) {
            return "host glob is empty";
        }
        if (!VALID.matcher(glob).matches()) {
            return "host glob '" + glob + "' may only hold lower-case letters, digits, '.', '-', '_' and '*'";
        }
        if (glob.contains("**")) {
            return "host glob '" + glob + "' has '**'; write '*.' for any subdomains";
        }
        if (glob.equals("*")) {
            return null;
        }
        String core = stripEnds(glob);
        if (core.isEmpty() || core.startsWith(".") || core.endsWith(".") || core.contains("..")) {
            return "host glob '" + glob + "' has an empty label";
        }
        return null;
    }

    /**
     * @param glob a valid host glob (see {@link #problem(String)})
     * @return the equivalent regular expression, to be used with {@code matches()} on a lower-case host name
     * @throws IllegalArgumentException when the glob is invalid
     */
    public static String toRegex(String glob) {
        String problem = problem(glob);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (glob.equals("*")) {
            return "[^/?#@:\\s]+";
        }
        StringBuilder re = new StringBuilder();
        String core = glob;
        if (core.startsWith("*.")) {
            re.append("(?:").append(LABEL_CHARS).append("+\\.)*");
            core = core.substring(2);
        }
        boolean anySuffix = core.endsWith(".*");
        if (anySuffix) {
            core = core.substring(0, core.length() - 2);
        }
        StringBuilder literal = new StringBuilder();
        for (char c : core.toCharArray()) {
            if (c == '*') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(LABEL_CHARS).append('*');
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        if (anySuffix) {
            re.append("(?:\\.").append(LABEL_CHARS).append("+)+");
        }
        return re.toString();
    }

    /**
     * Longest host name a host pattern can match: 253 characters, the longest DNS name in text form (RFC 1035,
     * section 2.3.4: 255 octets on the wire). A longer "host" is no name a mail client could resolve.
     */
    public static final int MAX_HOST_CHARS = 253;

    /**
     * @return the compiled, case-insensitive pattern of {@link #toRegex(String)}, {@linkplain #bounded bounded} to
     *         {@value #MAX_HOST_CHARS} characters
     */
    public static Pattern compile(String glob) {
        return bounded(Pattern.compile(toRegex(glob), Pattern.CASE_INSENSITIVE));
    }

    /**
     * A host pattern that first checks, in constant time, that the host is at most {@value #MAX_HOST_CHARS}
     * characters long. Without it, {@code (?:[a-z0-9_-]+\.)*}, the form of every {@code *.} glob and of many
     * {@code hostRegex} rules, recurses once per label in {@code java.util.regex} and overflows the stack on a
     * hostile URL whose host is a megabyte of {@code a.} labels.
     *
     * @param host a host pattern, used with {@code matches()}
     * @return the same pattern (same flags) that matches nothing longer than {@value #MAX_HOST_CHARS} characters
     */
    public static Pattern bounded(Pattern host) {
        return Pattern.compile(BOUND + host.pattern() + ")", host.flags());
    }

    private static final String BOUND = "(?=[^\\n]{1," + MAX_HOST_CHARS + "}\\z)(?:";

    /**
     * The same host pattern in a form whose required literals {@link PatternPrefilter} can read: without the length
     * guard of {@link #bounded} (a look-ahead) and with its {@code \Q...\E} quotes spelled out as escaped characters.
     * For prefiltering only: it accepts the same hosts up to {@value #MAX_HOST_CHARS} characters.
     *
     * @param host a host pattern, bounded or not
     * @return an equivalent pattern (same flags) without length guard or quotes
     */
    public static Pattern prefilterForm(Pattern host) {
        String re = host.pattern();
        if (re.startsWith(BOUND) && re.endsWith(")")) {
            re = re.substring(BOUND.length(), re.length() - 1);
        }
        StringBuilder out = new StringBuilder(re.length() + 16);
        int i = 0;
        while (i < re.length()) {
            int q = re.indexOf("\\Q", i);
            if (q < 0 || q > 0 && re.charAt(q - 1) == '\\') {
                out.append(re, i, re.length());
                break;
            }
            out.append(re, i, q);
            int e = re.indexOf("\\E", q + 2);
            String quoted = re.substring(q + 2, e < 0 ? re.length() : e);
            for (int k = 0; k < quoted.length(); k++) {
                char c = quoted.charAt(k);
                if (!Character.isLetterOrDigit(c)) {
                    out.append('\\');
                }
                out.append(c);
            }
            i = e < 0 ? re.length() : e + 2;
        }
        return Pattern.compile(out.toString(), host.flags());
    }

    /**
     * How precise a host rule is, so that the most precise of several matching rules wins: an exact host beats a
     * glob with a fixed domain ({@code *.list-manage.com}), which beats a glob with a wildcard suffix
     * ({@code email.*}), which beats any host ({@code *}). Within a rank, more literal characters win.
     *
     * @param glob a valid glob, or {@code null} for a {@code hostRegex} rule (ranked like a glob with a fixed domain)
     * @param regex the {@code hostRegex} when {@code glob} is null
     * @return a non-negative score; higher is more precise
     */
    public static int specificity(String glob, String regex) {
        if (glob == null) {
            return 2000 + (int) regex.chars().filter(Character::isLetterOrDigit).count();
        }
        if (glob.equals("*")) {
            return 0;
        }
        int literal = (int) glob.chars().filter(c -> c != '*' && c != '.').count();
        if (!glob.contains("*")) {
            return 3000 + literal;
        }
        return (glob.endsWith(".*") ? 1000 : 2000) + literal;
    }

    private static String stripEnds(String glob) {
        String core = glob.startsWith("*.") ? glob.substring(2) : glob;
        return core.endsWith(".*") ? core.substring(0, core.length() - 2) : core;
    }
}
