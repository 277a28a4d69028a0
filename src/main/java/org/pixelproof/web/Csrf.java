package org.pixelproof.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * SECURITY-CRITICAL. Checks the double-submit CSRF token of the page forms. {@code quarkus-rest-csrf} makes the token,
 * sets it as the HttpOnly {@code csrf-token} cookie and puts it in each form ({@code {inject:csrf.token}}); its own
 * verification is switched off ({@code quarkus.rest-csrf.verify-token=false}) because it cannot exempt the REST API,
 * whose clients hold no cookie (see {@link SecurityHeaders}). Every state-changing page endpoint calls
 * {@link #verify} first.
 */
final class Csrf {
    /** The form field and cookie name, as configured for {@code quarkus-rest-csrf}. */
    static final String NAME = "csrf-token";

    private Csrf() {
    }

    /**
     * @param formToken   the {@value #NAME} form field
     * @param cookieToken the {@value #NAME} cookie
     * @throws CsrfException when either is missing or they differ
     */
    static void verify(String formToken, String cookieToken) {
        if (formToken == null || cookieToken == null || formToken.isEmpty()
                || !MessageDigest.isEqual(formToken.getBytes(StandardCharsets.UTF_8),
                        cookieToken.getBytes(StandardCharsets.UTF_8))) {
            throw new CsrfException();
        }
    }

    /** A form arrived without a valid token: HTTP 403 with a page that says to reload the form. */
    static final class CsrfException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CsrfException() {
            super("missing or wrong CSRF token");
        }
    }
}
