package org.pixelproof.authenticity;

import java.time.OffsetDateTime;

/**
 * One {@code Received} header (RFC 5321 section 4.4), from the oldest hop to the newest.
 *
 * @param from   the {@code from} clause (host and address as the receiving server recorded them), or {@code null}
 * @param by     the {@code by} clause, the receiving server
 * @param with   the protocol ({@code ESMTPS}...), or {@code null}
 * @param time   the timestamp after the {@code ;}, or {@code null} when unparseable
 */
public record ReceivedHop(String from, String by, String with, OffsetDateTime time) {
}
