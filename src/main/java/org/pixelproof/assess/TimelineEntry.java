package org.pixelproof.assess;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The received date set against one date of the legal timeline.
 *
 * @param keyDateId the {@link org.pixelproof.rules.KeyDate} id
 * @param date      that date
 * @param relation  {@code before}, {@code same-day} or {@code after}: where the message's date falls
 */
public record TimelineEntry(String keyDateId, LocalDate date, String relation) {
    public TimelineEntry {
        Objects.requireNonNull(keyDateId, "keyDateId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(relation, "relation");
    }
}
