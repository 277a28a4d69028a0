package org.pixelproof.authenticity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.detect.Domains;
import org.pixelproof.detect.SenderIdentityCheck;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Whether the recipient's own mail server found the From domain authenticated (DMARC, RFC 7489): when it reports that
 * the domain failed, the server itself says the message does not come from the organisation its From shows, and
 * {@link SenderIdentityCheck#withAuthentication} makes the sender's identity doubtful.
 *
 * <p>Only the receiving server's word counts: the topmost {@code Authentication-Results} field when
 * {@link Authenticity#receiverTied()} ties it to a {@code Received} hop. Any other such field may have been written
 * by the sender, and would let a sender have its own genuine mail taken for forged (a dossier about it would then
 * hedge the sender's name); it is never enough. A field without an authserv-id (Microsoft's) is not tied, so mail
 * received by Microsoft's services is never judged here.
 *
 * <p>The From domain is taken as having failed when, for that domain (compared by registrable domain, DMARC's relaxed
 * alignment, RFC 7489 section 3.1):
 * <ul>
 * <li>the server reports {@code dmarc=fail} (its {@code header.from}, when given, on that domain); or</li>
 * <li>it reports an SPF hard {@code fail} (not {@code softfail}) for an envelope sender ({@code smtp.mailfrom}) on
 * that domain, and no DKIM signature of that domain passed: the message carries none, or the server reports DKIM
 * results and none is an aligned pass. The domain's SPF record then says the sending server may not send its
 * mail;</li>
 * </ul>
 * and nothing says it passed: neither a {@code dmarc=pass} nor an aligned {@code dkim=pass} in the same field, nor a
 * signature of that domain that PixelProof verifies itself (what passes now passed on arrival).
 *
 * <p>The reason returned:
 * <ul>
 * <li>{@link SenderIdentityCheck#FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST} when the message went through a mailing
 * list or a forwarder, which alter messages and break authentication: a field that discussion-list software writes
 * ({@code List-Post}, {@code Mailing-List}, {@code X-Mailman-Version}, {@code X-BeenThere}, {@code Precedence: list},
 * or a {@code List-Id} on another domain than the From's; Sympa, Mailman and ezmlm write them, and so do ESPs, whose
 * {@code List-Id} thus also weakens the reason), or ARC (RFC 8617): the server reports {@code arc=pass}, or an
 * intermediary's {@code ARC-Authentication-Results} reports the From domain passing before the message was
 * altered;</li>
 * <li>else {@link SenderIdentityCheck#FROM_DOMAIN_AUTHENTICATION_FAILED} when the domain asks receivers to reject or
 * quarantine failing mail (the policy the server shows: {@code p=reject} or {@code p=quarantine} in its comment, or
 * {@code sp=} for a subdomain, as Gmail, Yahoo and OpenDMARC write it; {@code policy.published-domain-policy} or
 * {@code polrec.p}; an {@code action} such as {@code reject}, {@code oreject} or {@code quarantine}), or when SPF
 * failed as above (an SPF hard fail is itself the domain's own "refuse the rest");</li>
 * <li>else {@link SenderIdentityCheck#FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED}: DMARC failed but the domain
 * publishes {@code p=none} or the server does not show the policy. Genuine mail fails that way when an organisation
 * sends through an ESP it never authorised for its domain (the real corpus holds two: a Mailchimp newsletter and a
 * Mailchimp double opt-in, both {@code dmarc=fail action=none}).</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class FromAuthentication {

    /** Header fields that discussion-list software writes (RFC 2369, RFC 2919, Mailman, ezmlm). */
    private static final List<String> LIST_FIELDS = List.of("List-Post", "Mailing-List", "X-Mailman-Version",
            "X-BeenThere");
    /** DMARC policies that ask receivers to act on failing mail (RFC 7489 section 6.3). */
    private static final Set<String> ENFORCING = Set.of("reject", "quarantine");
    /** Microsoft's {@code action} values for a failing message under an enforcing policy. */
    private static final Set<String> ENFORCING_ACTIONS = Set.of("reject", "oreject", "quarantine", "pct.quarantine",
            "pct.reject");
    private static final Pattern POLICY_IN_COMMENT = Pattern.compile("(?i)(?<![a-z.])(s?p)\\s*=\\s*([a-z]+)");

    private FromAuthentication() {
    }

    /**
     * @param email      the message (its list fields)
     * @param auth       what {@link AuthenticityChecker} found
     * @param fromDomain the From address's domain as {@code detect} read it, or {@code null} (nothing is judged)
     * @return one of {@link SenderIdentityCheck#FROM_DOMAIN_AUTHENTICATION_FAILED},
     *         {@link SenderIdentityCheck#FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED},
     *         {@link SenderIdentityCheck#FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST}; or {@code null} when the
     *         receiving server's word about the From domain is not known, or is not a failure
     */
    public static String reason(ReceivedEmail email, Authenticity auth, String fromDomain) {
        if (email == null || auth == null || fromDomain == null || fromDomain.isBlank() || !auth.receiverTied()) {
            return null;
        }
        String domain = fromDomain.strip().toLowerCase(Locale.ROOT);
        String org = Domains.registrable(domain);
        if (auth.dkim().stream().anyMatch(d -> d.passed() && aligned(d.domain(), org))) {
            return null; // DMARC passes with a signature that verifies here, so it did on arrival
        }
        List<AuthAssertion> top = auth.receiverAssertions();
        AuthAssertion dmarcFail = null;
        boolean spfFail = false;
        boolean dkimReported = false;
        for (AuthAssertion a : top) {
            switch (a.method()) {
                case "dmarc" -> {
                    if (!about(a.property("header.from"), org)) {
                        continue;
                    }
                    if ("pass".equals(a.result())) {
                        return null;
                    }
                    if ("fail".equals(a.result()) && dmarcFail == null) {
                        dmarcFail = a;
                    }
                }
                case "dkim" -> {
                    dkimReported = true;
                    if ("pass".equals(a.result()) && aligned(dkimDomain(a), org)) {
                        return null;
                    }
                }
                case "spf" -> spfFail |= "fail".equals(a.result()) && aligned(Domains.domainOf(mailFrom(a)), org);
                default -> {
                    // arc, compauth, auth...: read below or not used
                }
            }
        }
        boolean unsigned = dkimReported || auth.dkim().stream().noneMatch(d -> aligned(d.domain(), org));
        boolean spfRefused = spfFail && unsigned;
        if (dmarcFail == null && !spfRefused) {
            return null;
        }
        if (relayed(email, auth, top, org)) {
            return SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST;
        }
        if (spfRefused || enforcing(dmarcFail, !domain.equals(org))) {
            return SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED;
        }
        return SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED;
    }

    /**
     * @param dmarc     a {@code dmarc=fail} assertion
     * @param subdomain true when the From domain is below its registrable domain ({@code sp=} then applies)
     * @return true when the policy it shows asks to reject or quarantine failing mail
     */
    static boolean enforcing(AuthAssertion dmarc, boolean subdomain) {
        String p = null;
        String sp = null;
        if (dmarc.comment() != null) {
            Matcher m = POLICY_IN_COMMENT.matcher(dmarc.comment());
            while (m.find()) {
                String v = m.group(2).toLowerCase(Locale.ROOT);
                if ("p".equalsIgnoreCase(m.group(1))) {
                    p = p == null ? v : p;
                } else {
                    sp = sp == null ? v : sp;
                }
            }
        }
        p = firstNonNull(p, lower(dmarc.property("policy.published-domain-policy")),
                lower(dmarc.property("polrec.p")));
        sp = firstNonNull(sp, lower(dmarc.property("policy.published-subdomain-policy")),
                lower(dmarc.property("polrec.sp")));
        String policy = subdomain && sp != null ? sp : p;
        if (policy != null) {
            return ENFORCING.contains(policy);
        }
        String action = lower(dmarc.property("action"));
        return action != null && ENFORCING_ACTIONS.contains(action);
    }

    /**
     * @return true when the message went through a mailing list or a forwarder that explains an authentication
     *         failure (see the class comment)
     */
    static boolean relayed(ReceivedEmail email, Authenticity auth, List<AuthAssertion> top, String org) {
        for (String field : LIST_FIELDS) {
            if (email.header(field).isPresent()) {
                return true;
            }
        }
        if (email.headers("Precedence").stream().anyMatch(v -> "list".equalsIgnoreCase(v.strip()))) {
            return true;
        }
        for (String listId : email.headers("List-Id")) {
            int lt = listId.lastIndexOf('<');
            int gt = listId.indexOf('>', Math.max(lt, 0));
            String id = lt >= 0 && gt > lt ? listId.substring(lt + 1, gt) : listId;
            String reg = Domains.registrable(id.strip().toLowerCase(Locale.ROOT));
            if (reg == null || !reg.equals(org)) {
                return true;
            }
        }
        if (top.stream().anyMatch(a -> "arc".equals(a.method()) && "pass".equals(a.result()))) {
            return true;
        }
        for (ArcSet set : auth.arcChain()) {
            for (AuthAssertion a : set.results()) {
                boolean dmarcPass = "dmarc".equals(a.method()) && "pass".equals(a.result())
                        && about(a.property("header.from"), org);
                boolean dkimPass = "dkim".equals(a.method()) && "pass".equals(a.result())
                        && aligned(dkimDomain(a), org);
                if (dmarcPass || dkimPass) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the signing domain a {@code dkim} result names: {@code header.d}, else the domain of {@code header.i} */
    private static String dkimDomain(AuthAssertion a) {
        String d = a.property("header.d");
        if (d == null) {
            String i = a.property("header.i");
            d = i == null ? null : i.substring(i.lastIndexOf('@') + 1);
        }
        return d;
    }

    /** @return the envelope sender an {@code spf} result names: {@code smtp.mailfrom}, as an address or a domain */
    private static String mailFrom(AuthAssertion a) {
        String m = a.property("smtp.mailfrom");
        return m == null ? null : m.indexOf('@') >= 0 ? m : "x@" + m;
    }

    /** @return true when {@code domain} (any case, may end with a dot) has {@code org} as registrable domain */
    private static boolean aligned(String domain, String org) {
        if (domain == null || org == null) {
            return false;
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return !d.isEmpty() && org.equals(Domains.registrable(d));
    }

    /** @return true when a {@code header.from} value (or its absence) is about the From domain {@code org} */
    private static boolean about(String headerFrom, String org) {
        if (headerFrom == null || headerFrom.isBlank()) {
            return true;
        }
        String d = headerFrom.indexOf('@') >= 0 ? Domains.domainOf(headerFrom) : headerFrom;
        return aligned(d, org);
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
