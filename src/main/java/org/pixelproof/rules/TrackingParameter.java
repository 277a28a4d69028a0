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
 *                 (carries the real target of a redirector: {@code url}, {@code u}, {@code redirect}...)
 * @param vendorId the vendor that uses it, or {@code null} when generic
 * @param source   where its meaning is documented
 * @param line     line in its YAML file
 */
public record TrackingParameter(String id, Pattern name, String scope, String vendorId, String source, int line) {
    public TrackingParameter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
    }
}
