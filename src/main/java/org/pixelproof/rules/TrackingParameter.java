package org.pixelproof.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A URL query parameter with a known meaning in e-mail tracking.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       rule id
 * @param name     compiled, case-insensitive pattern for the parameter name, e.g. {@code mc_eid} or {@code utm_.*}
 * @param scope    {@code recipient} (identifies the person: {@code mc_eid}, {@code _hsenc}, {@code mkt_tok}...),
 *                 {@code campaign} (identifies only the campaign or link: {@code utm_*}) or {@code destination}
 *                 (carries the real target of a redirector: {@code url}, {@code u}, {@code redirect}...) or
 *                 {@code account} (identifies the sender's account at the vendor, the same for every recipient:
 *                 Mailchimp's {@code u})
 * @param vendorId the vendor that uses it, or {@code null} when generic
 * @param source   where its meaning is documented
 * @param line     line in its YAML file
 * @param onVendorUrlsOnly true when the name has this meaning only in the URLs of the vendor's own open and click
 *                 patterns (Mailchimp's {@code u}, {@code id} and {@code e}, which are ordinary names elsewhere);
 *                 {@code false} by default
 * @param valuePattern where, in the value, the per-recipient id sits: a pattern whose group 1 is the id (AT Internet's
 *                 {@code xto=EPR-4-[list]-20261117-[open]-884213576@1} holds the subscriber id before {@code @}),
 *                 or {@code null} when the whole value is the id
 */
public record TrackingParameter(String id, Pattern name, String scope, String vendorId, String source, int line,
        boolean onVendorUrlsOnly, Pattern valuePattern) {
    public TrackingParameter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
    }

    /** The form without {@code onVendorUrlsOnly} (false) and {@code valuePattern} (null). */
    public TrackingParameter(String id, Pattern name, String scope, String vendorId, String source, int line) {
        this(id, name, scope, vendorId, source, line, false, null);
    }

    /**
     * @param value the parameter's (decoded) value
     * @return the per-recipient id in it: the whole value, or group 1 of {@link #valuePattern()}; {@code null} when
     *         the value pattern does not match
     */
    public String recipientId(String value) {
        if (valuePattern == null || value == null) {
            return value;
        }
        java.util.regex.Matcher m = valuePattern.matcher(value);
        return m.find() && m.groupCount() >= 1 ? m.group(1) : null;
    }
}
