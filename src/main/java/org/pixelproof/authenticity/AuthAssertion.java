package org.pixelproof.authenticity;

import java.util.Objects;

/**
 * One method result asserted by a receiving server (RFC 8601 {@code Authentication-Results}, or RFC 8617
 * {@code ARC-Authentication-Results}). Immutable and thread-safe.
 *
 * <p>This is what a server <em>claims</em>, copied from the message: PixelProof does not re-check it. Any server on
 * the path, including the sender's, can write such a header; only the ones added by the recipient's own provider (its
 * authserv-id usually matches the {@code by} host of the newest {@link ReceivedHop}) carry weight (RFC 8601 section
 * 5 requires a provider to delete headers bearing its own authserv-id from incoming mail).
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
 */
public record AuthAssertion(String authServId, String method, String result, String properties, Integer arcInstance,
        String comment) {
    public AuthAssertion {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(result, "result");
        properties = properties == null ? "" : properties;
    }

    /** The original five-component form, without comment. */
    public AuthAssertion(String authServId, String method, String result, String properties, Integer arcInstance) {
        this(authServId, method, result, properties, arcInstance, null);
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
