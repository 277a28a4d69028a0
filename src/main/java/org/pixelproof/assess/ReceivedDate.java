package org.pixelproof.assess;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParseException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.ingest.MailDateParser;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * The day a message was received, in France's time zone ({@value #ZONE}).
 *
 * <p>Sources, in order: {@link Authenticity#deliveredAt()} when {@code authenticity} set it (the topmost
 * {@code Received} hop, i.e. the recipient's own server); else the date after the last {@code ;} of the topmost
 * {@code Received} header (RFC 5321 section 4.4: each server prepends its hop, so the first one is the newest); else
 * the {@code Date} header (RFC 5322 section 3.6.1), written by the sender and so reported with a caveat. Dates are
 * parsed leniently (Angus Mail's {@link MailDateFormat}); a date before 1990 or from 2100 on (e.g. the year 3609 of a
 * broken header) is ignored as implausible.
 *
 * @param date   the day, Europe/Paris
 * @param source {@code delivered-at}, {@code received-header} or {@code date-header}
 */
record ReceivedDate(LocalDate date, String source) {
    /** The time zone the received date is given in. */
    static final String ZONE = "Europe/Paris";
    private static final ZoneId PARIS = ZoneId.of(ZONE);
    private static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

    /** @return the received date of {@code email}, or {@code null} when no source gives a plausible one */
    static ReceivedDate of(ReceivedEmail email, Authenticity authenticity) {
        if (authenticity != null && authenticity.deliveredAt() != null) {
            LocalDate d = paris(authenticity.deliveredAt());
            if (plausible(d)) {
                return new ReceivedDate(d, "delivered-at");
            }
        }
        List<String> received = email.headers("Received");
        if (!received.isEmpty()) {
            String top = received.get(0);
            int semicolon = top.lastIndexOf(';');
            if (semicolon >= 0) {
                LocalDate d = parse(top.substring(semicolon + 1));
                if (plausible(d)) {
                    return new ReceivedDate(d, "received-header");
                }
            }
        }
        LocalDate d = email.header("Date").map(ReceivedDate::parse).orElse(null);
        if (plausible(d)) {
            return new ReceivedDate(d, "date-header");
        }
        return null;
    }

    /** @return the day in Europe/Paris of an RFC 5322 date-time, or null when unparseable */
    static LocalDate parse(String rfc5322) {
        String s = rfc5322.replaceAll("\\s+", " ").trim();
        if (s.isEmpty() || s.length() > 200) {
            return null;
        }
        try {
            Date date = MailDateParser.parse(s);
            if (date == null) {
                return null;
            }
            return ZonedDateTime.ofInstant(date.toInstant(), PARIS).toLocalDate();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static LocalDate paris(OffsetDateTime t) {
        return t.atZoneSameInstant(PARIS).toLocalDate();
    }

    private static boolean plausible(LocalDate d) {
        return d != null && !d.isBefore(EARLIEST) && d.isBefore(LATEST);
    }
}
