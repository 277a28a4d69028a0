package org.pixelproof.authenticity;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where DKIM public keys come from (RFC 6376 section 3.6.2: a TXT record at {@code <selector>._domainkey.<domain>}).
 *
 * <p>A source answers only for that name: it is given a selector and a domain, never a host name, so nothing found in a
 * message body can be looked up through it. Implementations: {@link DnsKeySource} (live DNS, with timeouts),
 * {@link ZoneFileKeySource} (a local DNS master file, offline) and {@link #none()} (lookups switched off). They must be
 * thread-safe; {@link AuthenticityChecker} adds a per-instance cache in front.
 */
public interface DkimKeySource {

    /**
     * Fetches the TXT records published at {@code <selector>._domainkey.<domain>}. Never throws for a missing key or a
     * DNS failure: the outcome says so.
     *
     * @param selector the {@code s=} tag, already checked with {@link #isValidName}
     * @param domain   the {@code d=} tag, already checked with {@link #isValidName}
     * @return the outcome, with each TXT record's strings joined
     */
    KeyLookup lookup(String selector, String domain);

    /** @return a short name for reports: {@code dns}, {@code zone-file}, {@code none} or {@code custom}. */
    default String kind() {
        return "custom";
    }

    /** @return a source that never looks anything up: every signature is {@code neutral}. */
    static DkimKeySource none() {
        return DisabledKeySource.INSTANCE;
    }

    /** Longest DNS name accepted, in characters (RFC 1035 section 2.3.4: 255 octets on the wire). */
    int MAX_NAME_LENGTH = 253;

    /**
     * @param name a selector or a signing domain from a DKIM-Signature
     * @return true when it is a syntactically valid DNS name (labels of letters, digits, {@code -} and {@code _}, 1 to
     *         63 characters each, at most {@value #MAX_NAME_LENGTH} characters, no trailing dot), the only kind a
     *         source is asked about
     */
    static boolean isValidName(String name) {
        return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }

    /** @return the DNS name a key is published at, lower case, without trailing dot. */
    static String keyName(String selector, String domain) {
        return (selector + "._domainkey." + domain).toLowerCase(Locale.ROOT);
    }

    /** Syntax of a DNS name made of LDH labels (underscore tolerated, as real selectors use it). */
    Pattern NAME = Pattern.compile("(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)"
            + "(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*");

    /**
     * The outcome of one key lookup. Immutable.
     *
     * @param status  what happened
     * @param records the TXT records found, each with its strings joined (only for {@link Status#FOUND})
     * @param detail  a short English explanation (e.g. {@code "NXDOMAIN"}, {@code "timed out after 3000 ms"})
     */
    record KeyLookup(Status status, List<String> records, String detail) {
        public KeyLookup {
            Objects.requireNonNull(status, "status");
            records = List.copyOf(records);
        }

        /** @return a found outcome. */
        public static KeyLookup found(List<String> records) {
            return new KeyLookup(Status.FOUND, records, null);
        }

        /** @return a not-found outcome (NXDOMAIN or no TXT record). */
        public static KeyLookup notFound(String detail) {
            return new KeyLookup(Status.NOT_FOUND, List.of(), detail);
        }

        /** @return a temporary failure (timeout, SERVFAIL, network error). */
        public static KeyLookup tempError(String detail) {
            return new KeyLookup(Status.TEMP_ERROR, List.of(), detail);
        }

        /** @return the outcome of a source that does not look up. */
        public static KeyLookup disabled(String detail) {
            return new KeyLookup(Status.DISABLED, List.of(), detail);
        }
    }

    /** The kinds of lookup outcome. */
    enum Status {
        /** At least one TXT record exists at the name. */
        FOUND,
        /** The name does not exist or holds no TXT record: the key is not published (any more). */
        NOT_FOUND,
        /** The lookup failed for now (timeout, server failure); trying later may succeed. */
        TEMP_ERROR,
        /** No lookup was made (lookups switched off or refused). */
        DISABLED
    }
}
