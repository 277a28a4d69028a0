package org.pixelproof.authenticity;

import java.util.Objects;

/**
 * One method result asserted by a receiving server (RFC 8601 {@code Authentication-Results}, or RFC 8617
 * {@code ARC-Authentication-Results}).
 *
 * @param authServId the server that asserted it (the authserv-id)
 * @param method     {@code spf}, {@code dkim}, {@code dmarc}, {@code arc}...
 * @param result     {@code pass}, {@code fail}, {@code softfail}, {@code neutral}, {@code none}...
 * @param properties the properties as written, e.g. {@code "header.d=example.com"}
 * @param arcInstance the ARC instance {@code i=} when it comes from an ARC set, else {@code null}
 */
public record AuthAssertion(String authServId, String method, String result, String properties, Integer arcInstance) {
    public AuthAssertion {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(result, "result");
    }
}
