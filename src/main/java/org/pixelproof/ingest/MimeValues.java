package org.pixelproof.ingest;

import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.HeaderTokenizer;
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
     * The charset of a Content-Type, the FIRST {@code charset} parameter when the value repeats it
     * ({@code text/html; charset=utf-8; charset=utf-16}). Angus keeps the last one of a repeated parameter name; the
     * WHATWG MIME Sniffing Standard ("parse a MIME type") and browser engines keep the first, so a second
     * {@code charset} must not make the analysis decode, say, an ASCII body as UTF-16 and miss its tracking pixel
     * while a webmail shows it. A repetition is recorded as {@link AnomalyCode#MALFORMED_HEADER} (RFC 2045 section
     * 5.1 gives each parameter once). The parameters are walked with Angus's {@link HeaderTokenizer}; RFC 2231 forms
     * ({@code charset*=}, {@code charset*0=}) count as occurrences, but when one of them comes first, Angus's decoded
     * value is kept.
     *
     * @param value the Content-Type value as written, or {@code null}
     * @param type  the value parsed by {@link #contentType}
     * @return the charset label as written, or {@code null} when there is none
     */
    static String charset(String value, Type type, AnomalyLog log, String path) {
        String angus = type.parameter("charset");
        if (value == null || angus == null) {
            return angus;
        }
        List<String[]> found = charsetParameters(value);
        if (found == null) {
            found = charsetParameters(repair(value));
        }
        if (found == null || found.size() < 2) {
            return angus;
        }
        String first = found.get(0)[0].equals("charset") ? found.get(0)[1] : angus;
        StringBuilder all = new StringBuilder();
        for (String[] f : found) {
            all.append(all.length() == 0 ? "" : ", ").append(Safe.token(f[0] + "=" + f[1]));
        }
        log.add(AnomalyCode.MALFORMED_HEADER, path, "Content-Type repeats the charset parameter (" + all
                + "); the first is used, as browsers do (WHATWG MIME Sniffing, parse a MIME type)");
        return first;
    }

    /**
     * @return the {@code charset} parameters (RFC 2231 first segments included) of a Content-Type value in order, as
     *         {lower-case name, value}, or {@code null} when the value does not tokenize
     */
    private static List<String[]> charsetParameters(String value) {
        List<String[]> out = new ArrayList<>();
        try {
            HeaderTokenizer t = new HeaderTokenizer(value, HeaderTokenizer.MIME, true);
            if (t.next().getType() != HeaderTokenizer.Token.ATOM || t.next().getType() != '/'
                    || t.next().getType() != HeaderTokenizer.Token.ATOM) {
                return null;
            }
            while (true) {
                HeaderTokenizer.Token sep = t.next();
                if (sep.getType() == HeaderTokenizer.Token.EOF) {
                    return out;
                }
                HeaderTokenizer.Token name = t.next();
                if (sep.getType() != ';' || name.getType() == HeaderTokenizer.Token.EOF) {
                    return sep.getType() == ';' ? out : null; // a trailing ';' is tolerated
                }
                HeaderTokenizer.Token eq = t.next();
                HeaderTokenizer.Token val = t.next();
                if (name.getType() != HeaderTokenizer.Token.ATOM || eq.getType() != '='
                        || val.getType() != HeaderTokenizer.Token.ATOM
                        && val.getType() != HeaderTokenizer.Token.QUOTEDSTRING) {
                    return null;
                }
                String n = name.getValue().toLowerCase(Locale.ROOT);
                if (n.equals("charset") || n.equals("charset*") || n.equals("charset*0") || n.equals("charset*0*")) {
                    out.add(new String[] {n, val.getValue()});
                }
            }
        } catch (ParseException | RuntimeException e) {
            return null;
        }
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
