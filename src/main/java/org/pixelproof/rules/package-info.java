/**
 * Loads and validates the versioned rule data of {@code legal-rules/} (tracker vendors, consent-marker phrases,
 * legal provisions and their sources) into an immutable {@link org.pixelproof.rules.RuleSet}.
 */
package org.pixelproof.rules;
