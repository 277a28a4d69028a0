package org.pixelproof.analysis;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Unguessable analysis identifiers: 128 bits from {@link SecureRandom}, base64url without padding (22 characters).
 * Whoever holds an id can read and delete its analysis, so ids are the only access control. Thread-safe.
 */
public final class AnalysisIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private AnalysisIds() {
    }

    /** @return a fresh identifier. */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return true when {@code id} has the shape of an identifier (it may still not exist). */
    public static boolean isWellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
