package org.pixelproof.authenticity;

import java.util.List;
import java.util.Objects;

/**
 * One method result asserted by a receiving server (RFC 8601 {@code Authentication-Results}, or RFC 8617
 * {@code ARC-Authentication-Results}). Immutable and thread-safe.
 *
 * <p>This is what a server <em>claims</em>, copied from the message: PixelProof does not re-check it. Any server on
 * the path, including the sender's, can write such a header; only the ones added by the recipient's own provider (its
 * authserv-id usually matches the {@code by} host of the newest {@link ReceivedHop}) carry weight (RFC 8601 section
 * 5 requires a provider to delete headers bearing its own authserv-id from incoming mail, so the one it adds is
 * normally the topmost, {@link #field()} 1). {@link AuthenticityChecker} records each one's position and what in the
 * message contradicts it ({@link #doubts()}).
 *
 * @param authServId  the server that asserted it (the authserv-id), or {@code null} when the header omits it (as
 *                    Microsoft's servers do)
 * @param method      {@code spf}, {@code dkim}, {@code dmarc}, {@code arc}, {@code compauth}... lower case, without a
 *                    method version
 * @param result      {@code pass}, {@code fail}, {@code softfail}, {@code neutral}, {@code none}... lower case
 * @param properties  the reason and properties as written, space-separated, comments removed, e.g.
 *                    {@code "header.d=example.com header.s=k3"}; empty when none
 * @param arcInstance the ARC instance {@code i=} when it comes from an {@code ARC-Authentication-Results}, else
 *                    {@code null}
 * @param comment     the comments of the result as written, without parentheses, joined by {@code "; "} (e.g.
 *                    {@code "2048-bit key; unprotected"}), or {@code null}
 * @param field       which {@code Authentication-Results} field it comes from, counted from the top (1 = the topmost,
 *                    added last, normally by the recipient's own provider); {@code null} for an
 *                    {@code ARC-Authentication-Results} or when not known
 * @param doubts      why the assertion cannot be the recipient's provider's word, as codes (see
 *                    {@link #DKIM_PASS_NO_SIGNATURE}, {@link #DKIM_PASS_OTHER_DOMAIN}, {@link #BEFORE_ANY_SERVER});
 *                    empty when nothing contradicts it (which does not make it genuine: a sender can write such a
 *                    field)
 */
public record AuthAssertion(String authServId, String method, String result, String properties, Integer arcInstance,
        String comment, Integer field, List<String> doubts) {
    /** It claims {@code dkim=pass}, but the message carries no DKIM-Signature at all. */
    public static final String DKIM_PASS_NO_SIGNATURE = "dkim-pass-no-signature";
    /** It claims {@code dkim=pass} for a domain ({@code header.d}, {@code header.i}) that signs none of the message's
     * DKIM-Signatures. */
    public static final String DKIM_PASS_OTHER_DOMAIN = "dkim-pass-other-domain";
    /** The field sits below every {@code Received} field (or there is none), whereas a receiving server adds it at the
     * top like its {@code Received} field (RFC 8601; RFC 5321 section 4.4): most likely in the message before any
     * server recorded receiving it, so the sender may have written it (a filter that appends its fields at the end of
     * the header would put it there too: a doubt, not a proof). */
    public static final String BEFORE_ANY_SERVER = "before-any-server";

    public AuthAssertion {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(result, "result");
        properties = properties == null ? "" : properties;
        doubts = doubts == null ? List.of() : List.copyOf(doubts);
    }

    /** The six-component form: field position unknown, no doubts. */
    public AuthAssertion(String authServId, String method, String result, String properties, Integer arcInstance,
            String comment) {
        this(authServId, method, result, properties, arcInstance, comment, null, List.of());
    }

    /** The original five-component form, without comment. */
    public AuthAssertion(String authServId, String method, String result, String properties, Integer arcInstance) {
        this(authServId, method, result, properties, arcInstance, null);
    }

    /** @return this assertion with its field position and doubts set. */
    AuthAssertion placed(Integer field, List<String> doubts) {
        return new AuthAssertion(authServId, method, result, properties, arcInstance, comment, field, doubts);
    }

    /** @return true when something in the message contradicts this assertion ({@link #doubts()} not empty). */
    public boolean doubtful() {
        return !doubts.isEmpty();
    }

    /**
     * @param name a property name such as {@code header.d} or {@code smtp.mailfrom} (case-insensitive)
     * @return its value as written (a quoted string unquoted), or {@code null} when absent
     */
    public String property(String name) {
        String prefix = name.toLowerCase(java.util.Locale.ROOT) + "=";
        for (HeaderLexer.Item item : HeaderLexer.items(properties)) {
            String p = item.text();
            if (!item.comment() && p.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                return HeaderLexer.unquote(p.substring(prefix.length()));
            }
        }
        return null;
    }
}
