/**
 * Turns the raw bytes of a received e-mail (RFC 5322 / MIME) into an immutable {@link org.pixelproof.ingest.ReceivedEmail}:
 * decoded headers, the MIME part tree, decoded HTML and text bodies, the SHA-256 of the bytes and the anomalies met on
 * the way. Malformed input is recorded as anomalies, never thrown.
 */
package org.pixelproof.ingest;
