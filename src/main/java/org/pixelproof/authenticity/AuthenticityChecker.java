package org.pixelproof.authenticity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.pixelproof.authenticity.DkimKeySource.KeyLookup;
import org.pixelproof.authenticity.DkimKeySource.Status;
import org.pixelproof.detect.Findings;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RecipientMatcher;
import org.pixelproof.detect.Tracker;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Checks that a message comes from its claimed sender and was not altered: verifies every DKIM signature (RFC 6376,
 * with Apache James jDKIM), reads what the receiving servers asserted ({@code Authentication-Results}, RFC 8601; ARC
 * sets, RFC 8617) and the {@code Received} chain (RFC 5321 section 4.4). Malformed headers are noted in
 * {@link Authenticity#notes()}, never thrown.
 *
 * <p>Key lookups ask only for the TXT record at {@code <selector>._domainkey.<domain>} of each signature, never for a
 * host found in the message. They are refused (result {@code neutral}, with the reason) when the selector or domain
 * carries the recipient: the local part of a recipient address, an identifier {@code detect} found in a tracker, or
 * an address or local part in any encoding {@link RecipientMatcher} knows (Base64, hex, MD5, SHA-256...). A
 * per-recipient selector would otherwise turn the lookup into a beacon. One that is not derived from the address (a
 * random token kept by the sender) cannot be told from an ordinary selector: the lookup can then tell the sender's DNS
 * that this message is being checked; only switching lookups off avoids it.
 * Configuration, as {@code pixelproof.dkim.lookup} and {@code pixelproof.dkim.zone-file} set it
 * ({@link #create(boolean, Path)}):
 * <ul>
 * <li>a zone file given: keys come from that file, no network access, whatever {@code lookup} says;</li>
 * <li>else {@code lookup=true} (the default, {@link #DEFAULT_LOOKUP}; see {@code docs/decisions/0008-dkim-lookup.md}):
 * live DNS with a {@value DnsKeySource#DEFAULT_TIMEOUT_MILLIS} ms timeout;</li>
 * <li>else no lookups: every readable signature is {@code neutral}, or {@code fail} when its body hash does not
 * match.</li>
 * </ul>
 *
 * <p>Thread-safe: one instance serves concurrent checks. Keys found (and keys found absent) are cached per
 * (selector, domain) for {@link #CACHE_TTL}, at most {@value #MAX_CACHED_KEYS} entries; temporary failures are not
 * cached.
 */
public final class AuthenticityChecker {
    /** Default of {@code pixelproof.dkim.lookup}: DKIM keys are looked up in DNS unless switched off. */
    public static final boolean DEFAULT_LOOKUP = true;
    /** How long a key lookup's outcome is reused within one checker: one hour. */
    public static final Duration CACHE_TTL = Duration.ofHours(1);
    /** Most (selector, domain) outcomes cached; past it, the cache is emptied. */
    public static final int MAX_CACHED_KEYS = 10_000;
    /** Most Received headers read (the newest ones). */
    public static final int MAX_RECEIVED_HOPS = 100;
    /** Most Authentication-Results and ARC headers read, per header name. */
    public static final int MAX_AUTH_HEADERS = 100;
    /** Highest ARC instance accepted (RFC 8617 section 4.2.1). */
    public static final int MAX_ARC_INSTANCE = 50;

    private final DkimKeySource source;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(KeyLookup lookup, long atNanos) {
    }

    private AuthenticityChecker(DkimKeySource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** @return a checker that makes no DNS lookup (DKIM results {@code neutral}, or {@code fail} on a body hash). */
    public static AuthenticityChecker offline() {
        return new AuthenticityChecker(DkimKeySource.none());
    }

    /**
     * The checker for PixelProof's configuration.
     *
     * @param lookup         {@code pixelproof.dkim.lookup}: true to look keys up in live DNS ({@link DnsKeySource}
     *                       with its default timeout)
     * @param zoneFileOrNull {@code pixelproof.dkim.zone-file}: a DNS master file answering key lookups offline, or
     *                       {@code null}; when given it is used instead of DNS, even if {@code lookup} is true
     * @return the checker
     * @throws UncheckedIOException when the zone file cannot be read or parsed (a configuration error: fail at start)
     */
    public static AuthenticityChecker create(boolean lookup, Path zoneFileOrNull) {
        if (zoneFileOrNull != null) {
            try {
                return new AuthenticityChecker(ZoneFileKeySource.load(zoneFileOrNull));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the DKIM zone file " + zoneFileOrNull + ": "
                        + e.getMessage(), e);
            }
        }
        return lookup ? new AuthenticityChecker(new DnsKeySource()) : offline();
    }

    /**
     * @param source where keys come from (e.g. {@link DnsKeySource} with another timeout or resolver)
     * @return a checker using it
     */
    public static AuthenticityChecker withKeySource(DkimKeySource source) {
        return new AuthenticityChecker(source);
    }

    /** @return the key source in use. */
    public DkimKeySource keySource() {
        return source;
    }

    /** @return true when DKIM keys are looked up at all (zone file or DNS). */
    public boolean looksUpKeys() {
        return !(source instanceof DisabledKeySource);
    }

    /**
     * Checks one message. Never throws for malformed input: problems are in {@link Authenticity#notes()}.
     *
     * @param email    the message as read by {@code ingest} (its {@link ReceivedEmail#messageBytes()} for DKIM, its
     *                 headers for the rest)
     * @param findings what {@code detect} found: the trackers (to tell whether signatures cover them) and the
     *                 recipient's identifiers (to refuse revealing lookups); may be {@code null}
     * @return what can be said of the message's origin
     */
    public Authenticity check(ReceivedEmail email, Findings findings) {
        Objects.requireNonNull(email, "email");
        Notes notes = new Notes();
        List<Tracker> trackers = findings == null ? List.of() : findings.trackers();

        List<ReceivedHop> chain = ReceivedParser.chain(email.headers("Received"), MAX_RECEIVED_HOPS, notes);
        OffsetDateTime deliveredAt = deliveredAt(chain, notes);

        List<AuthAssertion> assertions = new ArrayList<>();
        List<ArcSet> arc = readAuthHeaders(email.headers(), assertions, notes);

        List<DkimResult> dkim = List.of();
        if (email.messageBytes().length == 0) {
            if (!email.headers("DKIM-Signature").isEmpty()) {
                notes.add("DKIM not verified: the message's raw bytes are not available");
            }
        } else {
            RawMessage raw = RawMessage.of(email.messageBytes());
            if (raw.fieldsCut()) {
                notes.add("more than " + RawMessage.MAX_HEADER_FIELDS + " header fields; DKIM saw only the first ones");
            }
            if (!raw.getFields("DKIM-Signature").isEmpty() && raw.normalised()) {
                notes.add("the message's bare LF line ends were read as CRLF for DKIM, as transmitted");
            }
            BiFunction<String, String, KeyLookup> keys = looksUpKeys() ? guarded(recipientTraces(findings)) : null;
            try {
                dkim = new DkimVerification(raw, keys, trackers, deliveredAt, notes).verify();
            } catch (RuntimeException e) {
                Cancellation.rethrowIfCancelled(e);
                notes.add("DKIM verification could not be completed (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new Authenticity(dkim, assertions, chain, deliveredAt, arc, source.kind(), notes.list());
    }

    private static OffsetDateTime deliveredAt(List<ReceivedHop> chain, Notes notes) {
        if (chain.isEmpty()) {
            notes.add("no Received header: delivery time unknown");
            return null;
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            OffsetDateTime t = chain.get(i).time();
            if (t != null) {
                if (i != chain.size() - 1) {
                    notes.add("delivery time taken from Received #" + (chain.size() - i)
                            + " (from the top): the newer ones have no usable date");
                }
                return t;
            }
        }
        return null;
    }

    /**
     * Reads the {@code Authentication-Results} and ARC fields. Each assertion gets its field's position (1 = topmost
     * {@code Authentication-Results}) and what contradicts it: a {@code dkim=pass} for a signature the message does not
     * carry, or a field below every {@code Received} field (written before any server saw the message). RFC 8601
     * section 5: only the recipient's provider's own field, normally the topmost, may be trusted, and PixelProof cannot
     * know that provider's authserv-id for sure.
     */
    private static List<ArcSet> readAuthHeaders(List<Header> headers, List<AuthAssertion> assertions, Notes notes) {
        int ar = 0;
        int aar = 0;
        int seals = 0;
        int ams = 0;
        int lastReceived = -1;
        Set<String> signingDomains = new HashSet<>();
        boolean signed = false;
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            if (h.is("Received")) {
                lastReceived = i;
            } else if (h.is("DKIM-Signature")) {
                signed = true;
                String d = lower(TagList.parse(h.decoded()).get("d"));
                if (d != null) {
                    signingDomains.add(d);
                }
            }
        }
        Map<Integer, ArcParts> sets = new TreeMap<>();
        for (int pos = 0; pos < headers.size(); pos++) {
            Header h = headers.get(pos);
            boolean beforeAnyServer = pos > lastReceived;
            if (h.is("Authentication-Results") && ar++ < MAX_AUTH_HEADERS) {
                AuthResultsParser.Parsed p = AuthResultsParser.parse(h.decoded(), false,
                        "Authentication-Results #" + ar, notes);
                if (p != null) {
                    for (AuthAssertion a : p.assertions()) {
                        assertions.add(a.placed(ar, doubts(a, beforeAnyServer, signed, signingDomains)));
                    }
                }
            } else if (h.is("ARC-Authentication-Results") && aar++ < MAX_AUTH_HEADERS) {
                AuthResultsParser.Parsed p = AuthResultsParser.parse(h.decoded(), true,
                        "ARC-Authentication-Results #" + aar, notes);
                if (p != null && arcInstanceOk(p.arcInstance(), "ARC-Authentication-Results #" + aar, notes)) {
                    for (AuthAssertion a : p.assertions()) {
                        assertions.add(a.placed(null, doubts(a, beforeAnyServer, signed, signingDomains)));
                    }
                    ArcParts set = sets.computeIfAbsent(p.arcInstance(), k -> new ArcParts());
                    set.authServId = p.authServId();
                    set.results.addAll(p.assertions());
                    set.aar = true;
                }
            } else if (h.is("ARC-Seal") && seals++ < MAX_AUTH_HEADERS) {
                TagList t = TagList.parse(h.decoded());
                Long i = t.number("i");
                if (arcInstanceOk(i == null ? null : i.intValue(), "ARC-Seal #" + seals, notes)) {
                    ArcParts set = sets.computeIfAbsent(i.intValue(), k -> new ArcParts());
                    set.sealDomain = lower(t.get("d"));
                    set.sealSelector = t.compact("s");
                    set.cv = lower(t.get("cv"));
                    set.seal = true;
                }
            } else if (h.is("ARC-Message-Signature") && ams++ < MAX_AUTH_HEADERS) {
                TagList t = TagList.parse(h.decoded());
                Long i = t.number("i");
                if (arcInstanceOk(i == null ? null : i.intValue(), "ARC-Message-Signature #" + ams, notes)) {
                    ArcParts set = sets.computeIfAbsent(i.intValue(), k -> new ArcParts());
                    set.signatureDomain = lower(t.get("d"));
                    String hs = t.compact("h");
                    set.signedHeaders = hs == null || hs.isEmpty() ? List.of() : List.of(hs.split(":"));
                    set.ams = true;
                }
            }
        }
        if (ar > MAX_AUTH_HEADERS || aar > MAX_AUTH_HEADERS) {
            notes.add("more than " + MAX_AUTH_HEADERS + " authentication headers; the rest was not read");
        }
        List<ArcSet> out = new ArrayList<>();
        sets.forEach((i, p) -> out.add(new ArcSet(i, p.authServId, p.results, p.sealDomain, p.sealSelector, p.cv,
                p.signatureDomain, p.signedHeaders, p.aar && p.seal && p.ams)));
        return out;
    }

    /** @return the codes of {@link AuthAssertion#doubts()} for one assertion. */
    private static List<String> doubts(AuthAssertion a, boolean beforeAnyServer, boolean signed,
            Set<String> signingDomains) {
        List<String> out = new ArrayList<>();
        if ("dkim".equals(a.method()) && "pass".equals(a.result())) {
            String d0 = lower(a.property("header.d"));
            String identity = lower(a.property("header.i"));
            if (d0 == null && identity != null) {
                d0 = identity.substring(identity.lastIndexOf('@') + 1);
            }
            String domain = d0 == null ? null : finalDomain(d0);
            if (!signed) {
                out.add(AuthAssertion.DKIM_PASS_NO_SIGNATURE);
            } else if (domain != null && !domain.isEmpty() && signingDomains.stream()
                    .noneMatch(d -> domain.equals(d) || domain.endsWith("." + d))) {
                out.add(AuthAssertion.DKIM_PASS_OTHER_DOMAIN);
            }
        }
        if (beforeAnyServer) {
            out.add(AuthAssertion.BEFORE_ANY_SERVER);
        }
        return out;
    }

    /** @return a domain without a trailing dot. */
    private static String finalDomain(String d) {
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static boolean arcInstanceOk(Integer i, String label, Notes notes) {
        if (i == null || i < 1 || i > MAX_ARC_INSTANCE) {
            notes.add(label + ": missing or invalid instance i=, skipped");
            return false;
        }
        return true;
    }

    /** The parts of one ARC set as they are met. */
    private static final class ArcParts {
        String authServId;
        final List<AuthAssertion> results = new ArrayList<>();
        String sealDomain;
        String sealSelector;
        String cv;
        String signatureDomain;
        List<String> signedHeaders = List.of();
        boolean aar;
        boolean seal;
        boolean ams;
    }

    /**
     * What identifies the recipient in a selector or domain: the plain local parts of the recipient addresses (with
     * dots also read as hyphens, as DNS labels write them), the identifiers {@code detect} found in the trackers, and
     * a {@link RecipientMatcher} for the addresses and their local parts in every encoding {@code detect} knows
     * (URL-encoding, Base64, hex, MD5, SHA-1, SHA-256...).
     */
    private record RecipientTraces(Set<String> tokens, RecipientMatcher matcher) {
        static final RecipientTraces NONE = new RecipientTraces(Set.of(), null);

        /** @return how {@code name} carries the recipient ({@code plain}, {@code md5}...), or {@code null}. */
        String carried(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String token : tokens) {
                if (lower.contains(token)) {
                    return "plain";
                }
            }
            if (matcher != null) {
                List<String> encodings = matcher.encodingsIn(name);
                if (!encodings.isEmpty()) {
                    return encodings.get(0);
                }
            }
            return null;
        }
    }

    /** @return what identifies the recipient, from what {@code detect} found; nothing when it found nothing. */
    private static RecipientTraces recipientTraces(Findings findings) {
        if (findings == null) {
            return RecipientTraces.NONE;
        }
        Set<String> tokens = new HashSet<>();
        List<String> forms = new ArrayList<>();
        for (String address : findings.recipientAddresses()) {
            String a = address.strip();
            forms.add(a);
            int at = a.indexOf('@');
            String local = (at > 0 ? a.substring(0, at) : a).toLowerCase(Locale.ROOT);
            if (at > 0) {
                forms.add(a.substring(0, at));
            }
            if (local.length() >= 4) {
                tokens.add(local);
                tokens.add(local.replace('.', '-'));
            }
        }
        for (Tracker t : findings.trackers()) {
            for (RecipientIdentifier id : t.recipientIdentifiers()) {
                if (id.value().length() >= 6) {
                    tokens.add(id.value().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new RecipientTraces(Set.copyOf(tokens), forms.isEmpty() ? null : new RecipientMatcher(forms));
    }

    /**
     * @return the key lookups, refused when the selector or domain carries the recipient: each alone, and both joined
     *         without their dots (and again without hyphens), since a DNS label holds at most 63 characters and a
     *         SHA-256 in hex (64) must be split over two
     */
    private BiFunction<String, String, KeyLookup> guarded(RecipientTraces traces) {
        return (selector, domain) -> {
            String joined = (selector + domain).replace(".", "");
            String[][] candidates = {
                {"selector", selector}, {"domain", domain}, {"selector and domain", joined},
                {"selector and domain", joined.replace("-", "")},
            };
            for (String[] c : candidates) {
                String how = traces.carried(c[1]);
                if (how != null) {
                    return KeyLookup.disabled("key lookup refused: the " + c[0] + " carries the recipient's address"
                            + " (" + ("plain".equals(how) ? "in clear" : how) + "), so a lookup could tell the sender"
                            + " this message is being examined");
                }
            }
            return cachedLookup(selector, domain);
        };
    }

    private KeyLookup cachedLookup(String selector, String domain) {
        String name = DkimKeySource.keyName(selector, domain);
        long now = System.nanoTime();
        Cached c = cache.get(name);
        if (c != null && now - c.atNanos() < CACHE_TTL.toNanos()) {
            return c.lookup();
        }
        Cancellation.check(); // an abandoned analysis sends no more queries
        KeyLookup k;
        try {
            k = source.lookup(selector, domain);
        } catch (RuntimeException e) {
            Cancellation.rethrowIfCancelled(e);
            k = KeyLookup.tempError("key source failed (" + e.getClass().getSimpleName() + ")");
        }
        Cancellation.check(); // a lookup cut short by the interrupt is not a temperror of the domain
        if (k.status() == Status.FOUND || k.status() == Status.NOT_FOUND) {
            if (cache.size() >= MAX_CACHED_KEYS) {
                cache.clear();
            }
            cache.put(name, new Cached(k, now));
        }
        return k;
    }

    /** @return how many key lookup outcomes are cached (for tests and monitoring). */
    int cachedKeys() {
        return cache.size();
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
