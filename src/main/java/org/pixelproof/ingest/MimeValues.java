package org.pixelproof.ingest;

import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses Content-Type and Content-Disposition values with Angus ({@link ContentType}, {@link ContentDisposition},
 * whose parameter lists decode RFC 2231 continuations and charsets), repairing first what Angus rejects.
 *
 * <p>The repair is the pre-pass that Angus cannot be told to do per session: its lenient parameter mode
 * ({@code mail.mime.parameters.strict=false}) is a JVM-wide System property read once, so instead, when a value does
 * not parse, each parameter value that is not a quoted string is quoted (so {@code boundary=----=_NextPart_000} with
 * its stray {@code =} becomes {@code boundary="----=_NextPart_000"}), parameters without a name are dropped, and the
 * value is parsed again; the repair is recorded as {@link AnomalyCode#MALFORMED_HEADER}. A value that still does not
 * parse keeps its {@code type/subtype} when that much is well formed, else becomes {@code text/plain}. Stateless and
 * thread-safe.
 */
final class MimeValues {
    private MimeValues() {
    }

    /** A parsed Content-Type: the lower-case base type and the Angus object for parameters (may be {@code null}). */
    record Type(String baseType, ContentType parsed) {
        String parameter(String name) {
            return parsed == null ? null : parsed.getParameter(name);
        }

        String primary() {
            int slash = baseType.indexOf('/');
            return baseType.substring(0, slash);
        }

        String subtype() {
            return baseType.substring(baseType.indexOf('/') + 1);
        }
    }

    /**
     * @param value       the Content-Type value (unfolded or not), or {@code null} when absent
     * @param defaultType the type to use when absent ({@code text/plain}, or {@code message/rfc822} in a digest)
     */
    static Type contentType(String value, String defaultType, AnomalyLog log, String path) {
        if (value == null || value.isBlank()) {
            try {
                return new Type(defaultType, new ContentType(defaultType));
            } catch (ParseException e) {
                return new Type(defaultType, null);
            }
        }
        ContentType ct = parseType(value);
        if (ct == null) {
            String repaired = repair(value);
            ct = parseType(repaired);
            if (ct != null) {
                log.add(AnomalyCode.MALFORMED_HEADER, path, "Content-Type has parameter values with special "
                        + "characters that are not quoted (RFC 2045 section 5.1); read after quoting them");
            }
        }
        if (ct == null || ct.getPrimaryType() == null || ct.getSubType() == null
                || ct.getPrimaryType().isEmpty() || ct.getSubType().isEmpty()) {
            String base = baseOnly(value);
            log.add(AnomalyCode.MALFORMED_HEADER, path, "Content-Type cannot be parsed; read as "
                    + (base != null ? base : "text/plain") + " without parameters");
            return new Type(base != null ? base : "text/plain", null);
        }
        String base = (ct.getPrimaryType() + "/" + ct.getSubType()).toLowerCase(Locale.ROOT);
        return new Type(base, ct);
    }

    /**
     * @return the disposition (lower case) and its {@code filename} parameter, repaired like Content-Type; both
     *         {@code null} when absent
     */
    static String[] disposition(String value, AnomalyLog log, String path) {
        if (value == null || value.isBlank()) {
            return new String[] {null, null};
        }
        ContentDisposition cd = parseDisposition(value);
        if (cd == null) {
            cd = parseDisposition(repair(value));
            if (cd != null) {
                log.add(AnomalyCode.MALFORMED_HEADER, path, "Content-Disposition has parameter values with "
                        + "special characters that are not quoted; read after quoting them");
            }
        }
        if (cd == null || cd.getDisposition() == null) {
            log.add(AnomalyCode.MALFORMED_HEADER, path, "Content-Disposition cannot be parsed; ignored");
            return new String[] {null, null};
        }
        return new String[] {cd.getDisposition().toLowerCase(Locale.ROOT), cd.getParameter("filename")};
    }

    private static ContentType parseType(String v) {
        try {
            return new ContentType(v);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static ContentDisposition parseDisposition(String v) {
        try {
            return new ContentDisposition(v);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static String baseOnly(String value) {
        String first = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        int slash = first.indexOf('/');
        if (slash <= 0 || slash == first.length() - 1 || first.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"[]?=".indexOf(c) >= 0) {
                return null;
            }
        }
        return first;
    }

    /** Quotes unquoted parameter values and drops nameless parameters; see the class comment. */
    static String repair(String value) {
        List<String> segments = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                segments.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        segments.add(cur.toString());
        StringBuilder out = new StringBuilder(segments.get(0).strip());
        for (int s = 1; s < segments.size(); s++) {
            String seg = segments.get(s).strip();
            int eq = seg.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = seg.substring(0, eq).strip();
            String val = seg.substring(eq + 1).strip();
            if (name.isEmpty() || !isToken(name)) {
                continue;
            }
            if (!(val.length() >= 2 && val.startsWith("\"") && val.endsWith("\""))) {
                if (val.startsWith("\"")) {
                    val = val.substring(1);
                }
                val = "\"" + val.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
            out.append("; ").append(name).append('=').append(val);
        }
        return out.toString();
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
