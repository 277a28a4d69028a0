package org.pixelproof.rules;

import java.util.List;
import java.util.Objects;

/**
 * An e-mail service provider (ESP), marketing-automation platform or tracking vendor, as known to the rule set.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id        stable identifier, e.g. {@code "mailchimp"}
 * @param name      the trade name, e.g. {@code "Mailchimp"}
 * @param legalName the legal entity that runs the service, e.g. {@code "The Rocket Science Group LLC"}
 * @param country   ISO 3166-1 alpha-2 code of that entity's seat, e.g. {@code "US"}: outside the EU/EEA means a data
 *                  transfer the dossier mentions
 * @param category  {@code esp}, {@code marketing-automation}, {@code crm}, {@code analytics}, {@code ad-tech},
 *                  {@code transactional} or {@code survey}
 * @param patterns  the URL shapes of its open pixels, click redirectors and assets
 * @param headers   header field names that betray the vendor (e.g. {@code X-MC-User}); may be empty
 * @param source    where the vendor's legal name and country come from
 * @param selfHostable true when the vendor's product is software that its customers commonly install on their own
 *                  servers (Matomo/Piwik): a match on a host under the sender's own domain then shows software run by
 *                  the sender, not the vendor's processing or a transfer to the vendor's country. YAML
 *                  {@code selfHostable: true}; default false
 */
public record Vendor(
        String id,
        String name,
        String legalName,
        String country,
        String category,
        List<VendorPattern> patterns,
        List<String> headers,
        String source,
        boolean selfHostable) {

    /** A vendor that runs its own service ({@code selfHostable} false). */
    public Vendor(String id, String name, String legalName, String country, String category,
            List<VendorPattern> patterns, List<String> headers, String source) {
        this(id, name, legalName, country, category, patterns, headers, source, false);
    }

    public Vendor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        patterns = List.copyOf(patterns);
        headers = List.copyOf(headers);
    }

    /** @return true when the vendor's seat is outside the EU/EEA (so loading its pixel transfers data abroad). */
    public boolean outsideEea() {
        return country != null && !EEA.contains(country);
    }

    private static final List<String> EEA = List.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
            "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
            "IS", "LI", "NO");
}
