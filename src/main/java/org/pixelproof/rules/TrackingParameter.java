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
 */
public record TrackingParameter(String id, Pattern name, String scope, String vendorId, String source, int line,
        boolean onVendorUrlsOnly) {
    public TrackingParameter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
    }

    /** The form without {@code onVendorUrlsOnly} (false): the parameter means the same on every URL. */
    public TrackingParameter(String id, Pattern name, String scope, String vendorId, String source, int line) {
        this(id, name, scope, vendorId, source, line, false);
    }
}
