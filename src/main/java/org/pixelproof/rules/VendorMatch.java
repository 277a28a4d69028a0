package org.pixelproof.rules;

import java.util.Objects;

/**
 * The vendor pattern that recognised a URL, with its vendor.
 *
 * @param vendor  the vendor
 * @param pattern the pattern of that vendor that matched
 */
public record VendorMatch(Vendor vendor, VendorPattern pattern) {
    public VendorMatch {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(pattern, "pattern");
    }
}
