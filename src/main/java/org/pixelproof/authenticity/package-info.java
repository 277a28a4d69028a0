/**
 * Checks that the message really comes from its claimed sender and was not altered: DKIM signatures (RFC 6376,
 * verified with Apache James jDKIM, keys from DNS, a zone file or nowhere), what the receiving servers asserted in
 * Authentication-Results and ARC headers (RFC 8601, RFC 8617), and the Received chain (RFC 5321 section 4.4).
 *
 * <p>Entry point: {@link org.pixelproof.authenticity.AuthenticityChecker}; result:
 * {@link org.pixelproof.authenticity.Authenticity}. Key lookups only ever ask for
 * {@code <selector>._domainkey.<domain>} (see {@code docs/decisions/0008-dkim-lookup.md}).
 */
package org.pixelproof.authenticity;
