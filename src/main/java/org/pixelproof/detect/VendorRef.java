package org.pixelproof.detect;

/**
 * The vendor behind a finding, copied from the rule set so that an analysis stands on its own.
 *
 * @param id         rule-set vendor id
 * @param name       trade name
 * @param legalName  legal entity, or {@code null} when unknown
 * @param country    ISO 3166-1 alpha-2 country of the entity, or {@code null}
 * @param outsideEea true when {@code country} is outside the EU/EEA
 */
public record VendorRef(String id, String name, String legalName, String country, boolean outsideEea) {
}
