package org.pixelproof.web;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pixelproof.analysis.AnalysisIds;

/**
 * The {@value #NAME} cookie: the ids of the analyses made from this browser, so that "my analyses" can list them
 * without accounts. HttpOnly, SameSite=Strict, path {@code /}, kept as long as the retention; at most
 * {@value #MAX_IDS} ids, newest first. Ids of the wrong shape are dropped when read.
 */
public final class MyAnalysesCookie {
    /** Cookie name. */
    public static final String NAME = "pixelproof-mine";
    /** Most ids kept (a cookie holds about 4 KB). */
    public static final int MAX_IDS = 60;

    private MyAnalysesCookie() {
    }

    /** @return the well-formed ids in the cookie's value, newest first, without duplicates. */
    public static List<String> ids(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            for (String part : value.split("\\.")) {
                if (AnalysisIds.isWellFormed(part)) {
                    out.add(part);
                }
            }
        }
        return new ArrayList<>(out).subList(0, Math.min(out.size(), MAX_IDS));
    }

    /** @return the cookie with {@code id} added in front. */
    public static NewCookie with(String value, String id, Duration maxAge, boolean secure) {
        List<String> ids = new ArrayList<>(ids(value));
        ids.remove(id);
        ids.add(0, id);
        return cookie(ids, maxAge, secure);
    }

    /** @return the cookie without {@code id} (expired when nothing is left). */
    public static NewCookie without(String value, String id, Duration maxAge, boolean secure) {
        List<String> ids = new ArrayList<>(ids(value));
        ids.remove(id);
        return cookie(ids, ids.isEmpty() ? Duration.ZERO : maxAge, secure);
    }

    private static NewCookie cookie(List<String> ids, Duration maxAge, boolean secure) {
        List<String> kept = ids.subList(0, Math.min(ids.size(), MAX_IDS));
        return new NewCookie.Builder(NAME).value(String.join(".", kept)).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds()))
                .build();
    }
}
