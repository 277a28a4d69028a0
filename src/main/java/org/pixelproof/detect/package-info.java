/**
 * Finds, in a {@link org.pixelproof.ingest.ReceivedEmail}, everything that makes a mail client contact a server
 * (tracking pixels, CSS beacons, click tracking, read receipts, other remote content), the recipient identifiers those
 * requests carry, the consent and information markers, and the sender's identity as data controller. Never dereferences
 * a URL.
 */
package org.pixelproof.detect;
