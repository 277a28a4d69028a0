package org.pixelproof.authenticity;

import java.time.OffsetDateTime;

/**
 * One {@code Received} header (RFC 5321 section 4.4), from the oldest hop to the newest. What a server recorded, as
 * written: any hop below the recipient's own provider may have been written by the sender. Immutable and thread-safe.
 *
 * @param from   the {@code from} clause (host and address as the receiving server recorded them, comments kept), or
 *               {@code null}
 * @param by     the {@code by} clause, the receiving server (comments kept), or {@code null}
 * @param with   the protocol ({@code ESMTPS}...), or {@code null}
 * @param time   the timestamp (after the {@code ;}), in the offset written, or {@code null} when absent, unparseable or
 *               implausible
 * @param raw    the header's value unfolded, white space collapsed, at most 2,000 characters
 */
public record ReceivedHop(String from, String by, String with, OffsetDateTime time, String raw) {

    /** The original four-component form, without the raw value. */
    public ReceivedHop(String from, String by, String with, OffsetDateTime time) {
        this(from, by, with, time, null);
    }

    /** @return the host name of the {@code by} clause (its first word), or {@code null}. */
    public String byHost() {
        if (by == null || by.isBlank()) {
            return null;
        }
        String first = by.strip().split("[\\s(]", 2)[0];
        return first.isEmpty() ? null : first;
    }
}
