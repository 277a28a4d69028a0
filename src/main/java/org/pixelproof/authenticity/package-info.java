/**
 * Checks that the message really comes from its claimed sender: DKIM signatures (RFC 6376), the receiving
 * server's Authentication-Results and ARC headers, and the Received chain.
 */
package org.pixelproof.authenticity;
