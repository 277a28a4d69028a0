package org.pixelproof.authenticity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DKIM keys from live DNS through dnsjava: one TXT query for {@code <selector>._domainkey.<domain>.} per lookup, an
 * absolute name (no search-path suffixes are tried), nothing else. Thread-safe.
 *
 * <p>A lookup tells the operator of the sender's DNS that someone fetched the key at that moment (through the resolver
 * of the machine running PixelProof); see {@code docs/decisions/0008-dkim-lookup.md}. Outcomes: NXDOMAIN or no TXT
 * record gives {@link Status#NOT_FOUND}; a timeout, SERVFAIL or network error gives {@link Status#TEMP_ERROR}.
 */
public final class DnsKeySource implements DkimKeySource {
    /** Default time a query waits for an answer from a server, in milliseconds: 3,000. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 3_000;
    /** {@link #DEFAULT_TIMEOUT_MILLIS} as a duration. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /** Uses the system's resolvers (as dnsjava reads them, e.g. {@code /etc/resolv.conf}), default timeout. */
    public DnsKeySource() {
        this(DEFAULT_TIMEOUT.toMillis());
    }

    /**
     * Uses the system's resolvers.
     *
     * @param timeoutMillis how long a query waits for a server's answer, in milliseconds, greater than 0 (default
     *                      3,000); dnsjava tries each configured server in turn, so a lookup may take a small multiple
     */
    public DnsKeySource(long timeoutMillis) {
        this(systemResolver(timeoutMillis));
    }

    /**
     * @param resolver the resolver to query (e.g. a {@link org.xbill.DNS.SimpleResolver} pointed at a chosen server,
     *                 or a stub in tests); its timeout is used as set
     */
    public DnsKeySource(Resolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    private static Resolver systemResolver(long timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive: " + timeoutMillis);
        }
        ExtendedResolver r = new ExtendedResolver();
        r.setTimeout(Duration.ofMillis(timeoutMillis));
        r.setRetries(1);
        return r;
    }

    @Override
    public KeyLookup lookup(String selector, String domain) {
        if (!DkimKeySource.isValidName(selector) || !DkimKeySource.isValidName(domain)) {
            return KeyLookup.notFound("not a valid DNS name");
        }
        Name name;
        try {
            name = Name.fromString(DkimKeySource.keyName(selector, domain) + ".");
        } catch (TextParseException e) {
            return KeyLookup.notFound("not a valid DNS name");
        }
        Lookup lookup = new Lookup(name, Type.TXT, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        Record[] answers = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                List<String> records = new ArrayList<>();
                for (Record r : answers) {
                    if (r instanceof TXTRecord txt) {
                        records.add(String.join("", txt.getStrings()));
                    }
                }
                return records.isEmpty() ? KeyLookup.notFound("no TXT record") : KeyLookup.found(records);
            case Lookup.HOST_NOT_FOUND:
                return KeyLookup.notFound("NXDOMAIN");
            case Lookup.TYPE_NOT_FOUND:
                return KeyLookup.notFound("no TXT record");
            default: // TRY_AGAIN (timeouts, SERVFAIL) and UNRECOVERABLE
                return KeyLookup.tempError(lookup.getErrorString());
        }
    }

    @Override
    public String kind() {
        return "dns";
    }
}
