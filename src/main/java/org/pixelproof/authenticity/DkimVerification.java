package org.pixelproof.authenticity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;
import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;
import org.pixelproof.authenticity.DkimKeySource.KeyLookup;
import org.pixelproof.authenticity.DkimKeySource.Status;
import org.pixelproof.detect.Tracker;
import org.pixelproof.ingest.Cancellation;

/**
 * Verifies every DKIM-Signature of one message with Apache James jDKIM ({@link DKIMVerifier}) and turns jDKIM's
 * {@link Result}s into {@link DkimResult}s, one per header, in header order. Not thread-safe: one per check.
 *
 * <p>What PixelProof adds to jDKIM, and why:
 * <ul>
 * <li>The body hash is computed first for every readable signature, even with lookups off: a body that does not
 * hash to {@code bh=} cannot verify with any key, so that signature is {@code fail} and its key is not looked
 * up.</li>
 * <li>{@code x=} is compared with the delivery time, not today ({@link LenientExpirySignatureRecord}).</li>
 * <li>RFC 8301: {@code rsa-sha1} signatures and RSA keys under 1,024 bits are not accepted ({@code permerror}), even
 * when the cryptography checks out.</li>
 * <li>Reasons in plain English, with the key's DNS name.</li>
 * </ul>
 */
final class DkimVerification {
    /** Most signatures verified per message; the others are reported as not checked. */
    static final int MAX_SIGNATURES = 20;
    /** Algorithms jDKIM verifies; {@code rsa-sha1} is then refused after RFC 8301. */
    static final java.util.Set<String> SUPPORTED_ALGORITHMS = java.util.Set.of("rsa-sha256", "rsa-sha1");
    /** Smallest RSA key accepted, in bits (RFC 8301 section 3.2). */
    static final int MIN_RSA_BITS = 1024;

    private final RawMessage message;
    private final BiFunction<String, String, KeyLookup> keys;
    private final List<Tracker> trackers;
    private final OffsetDateTime deliveredAt;
    private final Notes notes;
    private final CanonicalBody canonical;
    private final TrackerCoverage coverage;
    private final Map<String, KeyLookup> lookups = new HashMap<>();
    private final Map<String, byte[]> bodyDigests = new HashMap<>();

    /**
     * @param message     the message in wire form
     * @param keys        fetches key records by (selector, domain); {@code null} when lookups are off
     * @param trackers    the trackers found, for coverage
     * @param deliveredAt the delivery time, for {@code x=}; may be {@code null}
     * @param notes       where to note what was skipped
     */
    DkimVerification(RawMessage message, BiFunction<String, String, KeyLookup> keys, List<Tracker> trackers,
            OffsetDateTime deliveredAt, Notes notes) {
        this.message = message;
        this.keys = keys;
        this.trackers = trackers;
        this.deliveredAt = deliveredAt;
        this.notes = notes;
        this.canonical = new CanonicalBody(message);
        this.coverage = new TrackerCoverage(message, canonical, notes);
    }

    /** What is known of one signature before and after jDKIM ran. */
    private static final class Sig {
        final String field;
        final String value;
        final TagList tags;
        SignatureRecord record;
        String malformed;
        Boolean bodyHashOk;
        Result result;

        Sig(String field) {
            this.field = field;
            this.value = field.substring(field.indexOf(':') + 1);
            this.tags = TagList.parse(RawMessage.unfoldedValue(field));
        }
    }

    List<DkimResult> verify() {
        List<String> fields = message.getFields("DKIM-Signature");
        if (fields.isEmpty()) {
            return List.of();
        }
        List<Sig> sigs = new ArrayList<>();
        for (String f : fields) {
            sigs.add(new Sig(f));
        }
        List<Sig> checked = sigs.subList(0, Math.min(sigs.size(), MAX_SIGNATURES));
        if (sigs.size() > MAX_SIGNATURES) {
            notes.add(sigs.size() + " DKIM signatures; only the first " + MAX_SIGNATURES + " were checked");
        }
        for (Sig s : checked) {
            Cancellation.check(); // per signature: each may hash the whole body
            readRecord(s);
        }
        if (keys != null) {
            runJdkim(sigs, checked.size());
        }
        List<DkimResult> out = new ArrayList<>();
        for (int i = 0; i < sigs.size(); i++) {
            Sig s = sigs.get(i);
            out.add(i < MAX_SIGNATURES ? toResult(s) : notChecked(s));
        }
        return out;
    }

    private void readRecord(Sig s) {
        try {
            s.record = new LenientExpirySignatureRecord(s.value);
        } catch (IllegalStateException | IllegalArgumentException e) {
            s.malformed = e.getMessage();
            return;
        }
        try {
            String job = s.record.getBodyCanonicalisationMethod() + "|" + s.record.getHashAlgo() + "|"
                    + s.record.getBodyHashLimit();
            byte[] digest = bodyDigests.get(job);
            if (digest == null) { // signatures sharing canonicalisation, hash and l= share one pass over the body
                BodyHasherImpl hasher = new BodyHasherImpl(s.record);
                try (OutputStream out = hasher.getOutputStream()) {
                    out.write(message.wire(), message.bodyStart(), message.bodyLength());
                }
                digest = hasher.getDigest();
                bodyDigests.put(job, digest);
            }
            s.bodyHashOk = Arrays.equals(digest, s.record.getBodyHash());
        } catch (PermFailException e) {
            s.malformed = e.getMessage();
        } catch (IOException | RuntimeException e) {
            s.malformed = "body hash could not be computed (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Runs jDKIM once over every signature; lookups go through {@link #keys}, recorded in {@link #lookups}. */
    private void runJdkim(List<Sig> sigs, int checkedCount) {
        List<Sig> checked = sigs.subList(0, checkedCount);
        java.util.Set<String> needed = new java.util.HashSet<>();
        for (Sig s : checked) {
            if (!Boolean.FALSE.equals(s.bodyHashOk) && s.tags.get("d") != null && s.tags.compact("s") != null) {
                needed.add(DkimKeySource.keyName(s.tags.compact("s"), lower(s.tags.get("d"))));
            }
        }
        PublicKeyRecordRetriever retriever = (method, selector, domain) -> {
            if (!"dns/txt".equalsIgnoreCase(method.toString())) {
                throw new PermFailException("unsupported key query method q=" + method);
            }
            String sel = selector.toString();
            String dom = domain.toString();
            String name = DkimKeySource.keyName(sel, dom);
            if (!DkimKeySource.isValidName(sel) || !DkimKeySource.isValidName(dom)) {
                lookups.put(name, KeyLookup.notFound("not a valid DNS name"));
                throw new PermFailException("selector or domain is not a valid DNS name");
            }
            if (!needed.contains(name)) { // its body hash already fails: no key could help, no lookup is made
                throw new PermFailException("key not looked up: body hash mismatch");
            }
            // before each query, not only after: jDKIM goes on with the next signature when a look-up throws, so an
            // analysis abandoned during one look-up would otherwise send every remaining query at once
            Cancellation.check();
            KeyLookup k = lookups.computeIfAbsent(name, n -> keys.apply(sel, dom));
            switch (k.status()) {
                case FOUND:
                    return k.records();
                case NOT_FOUND:
                    throw new PermFailException("no key at " + name);
                case TEMP_ERROR:
                    throw new TempFailException("key lookup failed for " + name + ": " + k.detail());
                default:
                    throw new TempFailException("key lookup not made for " + name + ": " + k.detail());
            }
        };
        Headers headers = new Headers(message, checked);
        Verifier verifier = new Verifier(retriever, checked);
        try {
            verifier.verify(headers, new ByteArrayInputStream(message.wire(), message.bodyStart(),
                    message.bodyLength()));
        } catch (FailException e) {
            // no signature verified: the per-signature results are in getResults()
        } catch (IOException | RuntimeException e) {
            Cancellation.rethrowIfCancelled(e); // from a key lookup's check point
            notes.add("DKIM verification stopped: " + e.getClass().getSimpleName());
        }
        Cancellation.check(); // a check point jDKIM caught, signature by signature, still ends the analysis
        Map<Sig, Boolean> assigned = new IdentityHashMap<>();
        for (Result r : verifier.getResults()) {
            Sig s = verifier.sigOf(r.getRecord());
            if (s == null && r.getDkimRawField() != null) {
                for (Sig c : checked) {
                    if (!assigned.containsKey(c) && c.field.equals(r.getDkimRawField())) {
                        s = c;
                        break;
                    }
                }
            }
            if (s != null && !assigned.containsKey(s)) {
                s.result = r;
                assigned.put(s, Boolean.TRUE);
            }
        }
    }

    private DkimResult toResult(Sig s) {
        String domain = lower(s.tags.get("d"));
        String selector = s.tags.compact("s");
        String result;
        String reason;
        String keyName = domain == null || selector == null ? null : DkimKeySource.keyName(selector, domain);
        KeyLookup key = keyName == null ? null : lookups.get(keyName);
        String jdkimMessage = s.result == null ? "" : String.valueOf(s.result.getErrorMessage());
        String algorithm = lower(s.tags.compact("a"));
        if (algorithm != null && !SUPPORTED_ALGORITHMS.contains(algorithm)) {
            result = DkimResult.PERMERROR;
            reason = "unsupported signing algorithm a=" + Notes.excerpt(algorithm)
                    + " (the verifier handles rsa-sha256)";
        } else if (s.malformed != null || s.record == null) {
            result = DkimResult.PERMERROR;
            reason = "malformed signature: " + Notes.excerpt(s.malformed, 160);
        } else if (Boolean.FALSE.equals(s.bodyHashOk)) {
            // conclusive without any key: no key can make a signature verify over a body that does not hash to bh=
            result = DkimResult.FAIL;
            reason = "body hash mismatch (the body differs from what was signed)";
        } else if (keys == null) {
            result = DkimResult.NEUTRAL;
            reason = "not verified: DKIM key lookups are switched off (the body hash matches)";
        } else if (key != null && key.status() == Status.NOT_FOUND) {
            result = DkimResult.PERMERROR;
            reason = "no key at " + keyName + " (" + key.detail() + ")";
        } else if (key != null && key.status() == Status.TEMP_ERROR) {
            result = DkimResult.TEMPERROR;
            reason = "key lookup failed for " + keyName + ": " + key.detail();
        } else if (key != null && key.status() == Status.DISABLED) {
            result = DkimResult.NEUTRAL;
            reason = "not verified: " + key.detail();
        } else if (s.result == null) {
            result = DkimResult.PERMERROR;
            reason = "not evaluated by the verifier";
        } else if (s.result.getResultType() == Result.Type.PASS) {
            result = DkimResult.PASS;
            reason = null;
        } else if (s.result.getResultType() == Result.Type.TEMPERROR) {
            result = DkimResult.TEMPERROR;
            reason = Notes.excerpt(jdkimMessage, 160);
        } else if (jdkimMessage.startsWith("Header signature does not verify")) {
            result = DkimResult.FAIL;
            reason = "signature mismatch (a signed header was altered, or the key does not match)";
        } else if (jdkimMessage.contains("Revoked key")) {
            result = DkimResult.PERMERROR;
            reason = "key revoked (empty p=) at " + keyName;
        } else if (jdkimMessage.toLowerCase(Locale.ROOT).startsWith("invalid key for signature")
                || jdkimMessage.toLowerCase(Locale.ROOT).startsWith("invalid public key")) {
            result = DkimResult.PERMERROR;
            reason = "malformed key record at " + keyName + ": " + Notes.excerpt(jdkimMessage, 120);
        } else {
            result = DkimResult.PERMERROR;
            reason = Notes.excerpt(jdkimMessage, 160);
        }
        Integer keyBits = key != null && key.status() == Status.FOUND ? keyBits(key.records()) : null;
        Instant signedAt = epoch(s.tags.number("t"));
        Instant expiresAt = epoch(s.tags.number("x"));
        if (DkimResult.PASS.equals(result)) {
            if ("rsa-sha1".equals(algorithm)) {
                result = DkimResult.PERMERROR;
                reason = "rsa-sha1 is not accepted (RFC 8301); the cryptographic check itself passed";
            } else if (keyBits != null && keyBits < MIN_RSA_BITS) {
                result = DkimResult.PERMERROR;
                reason = "RSA key of " + keyBits + " bits is too short (RFC 8301 requires " + MIN_RSA_BITS
                        + "); the cryptographic check itself passed";
            } else if (expiresAt != null && deliveredAt != null && expiresAt.isBefore(deliveredAt.toInstant())) {
                result = DkimResult.PERMERROR;
                reason = "signature expired before delivery (x= " + expiresAt + ", delivered " + deliveredAt
                        + "); the cryptographic check itself passed";
            }
        }
        List<String> signedHeaders = signedHeaders(s);
        Long limit = s.tags.number("l");
        String bodyMethod = s.record != null ? s.record.getBodyCanonicalisationMethod() : null;
        boolean bodyCovered = false;
        TrackerCoverage.Coverage cov = TrackerCoverage.Coverage.UNKNOWN;
        if (s.malformed == null && s.record != null && bodyMethod != null) {
            bodyCovered = limit == null || limit >= canonical.length(bodyMethod);
            cov = coverage.assess(trackers, signedHeaders, bodyMethod, limit);
        }
        String canonicalization = s.record == null ? null
                : s.record.getHeaderCanonicalisationMethod() + "/" + s.record.getBodyCanonicalisationMethod();
        return new DkimResult(domain, selector, result, reason, bodyCovered, limit, signedHeaders, cov.allInside(),
                algorithm, s.tags.get("i"), canonicalization, signedAt, expiresAt, s.bodyHashOk, keyBits,
                cov.outsideIds());
    }

    private DkimResult notChecked(Sig s) {
        return new DkimResult(lower(s.tags.get("d")), s.tags.compact("s"), DkimResult.PERMERROR,
                "not checked: more than " + MAX_SIGNATURES + " signatures", false, s.tags.number("l"),
                signedHeaders(s), null, lower(s.tags.compact("a")), s.tags.get("i"), null,
                epoch(s.tags.number("t")), epoch(s.tags.number("x")), null, null, List.of());
    }

    private static List<String> signedHeaders(Sig s) {
        String h = s.tags.compact("h");
        if (h == null || h.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String name : h.split(":")) {
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    private static Integer keyBits(List<String> records) {
        for (String r : records) {
            try {
                PublicKeyRecordImpl k = new PublicKeyRecordImpl(r);
                k.validate();
                PublicKey pk = k.getPublicKey();
                return pk instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : null;
            } catch (RuntimeException e) {
                // try the next record
            }
        }
        return null;
    }

    private static Instant epoch(Long seconds) {
        if (seconds == null || seconds > 253_402_300_799L) { // after 9999-12-31: not a date
            return null;
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The message's headers as jDKIM sees them, with only the checked DKIM-Signature fields (the first
     * {@link #MAX_SIGNATURES}) when there are more.
     */
    private static final class Headers implements org.apache.james.jdkim.api.Headers {
        private final RawMessage message;
        private final List<String> signatures;

        Headers(RawMessage message, List<Sig> checked) {
            this.message = message;
            this.signatures = checked.stream().map(s -> s.field).toList();
        }

        @Override
        public List<String> getFields() {
            return message.getFields();
        }

        @Override
        public List<String> getFields(String name) {
            List<String> all = message.getFields(name);
            if ("dkim-signature".equalsIgnoreCase(name) && all.size() > signatures.size()) {
                return signatures;
            }
            return all;
        }
    }

    /** jDKIM's verifier, reading records with {@link LenientExpirySignatureRecord} and remembering whose they are. */
    private static final class Verifier extends DKIMVerifier {
        private final List<Sig> sigs;
        private final Map<SignatureRecord, Integer> index = new IdentityHashMap<>();
        private int cursor;

        Verifier(PublicKeyRecordRetriever retriever, List<Sig> sigs) {
            super(retriever);
            this.sigs = sigs;
        }

        @Override
        public SignatureRecord newSignatureRecord(String record) {
            SignatureRecord r = new LenientExpirySignatureRecord(record);
            for (int i = cursor; i < sigs.size(); i++) {
                if (sigs.get(i).value.equals(record)) {
                    index.put(r, i);
                    cursor = i + 1;
                    break;
                }
            }
            return r;
        }

        Sig sigOf(SignatureRecord record) {
            Integer i = record == null ? null : index.get(record);
            return i == null || i >= sigs.size() ? null : sigs.get(i);
        }
    }
}
