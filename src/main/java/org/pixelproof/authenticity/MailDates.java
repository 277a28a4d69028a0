package org.pixelproof.authenticity;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.ingest.MailDateParser;

/**
 * Parses the dates of {@code Received} headers (RFC 5322 section 3.3 date-time, with the obsolete forms of section
 * 4.3), tolerant of what servers write: comments such as {@code (CET)}, doubled spaces, missing seconds, fractional
 * seconds, named zones, two-digit years, month and day names in full, and the ISO-like stamps some Go servers
 * write. Parsing goes through Angus Mail's lenient {@link MailDateFormat}; the zone offset written is kept.
 * Also used to show a message's {@code Date} header in the reader's language. Stateless; thread-safe.
 */
public final class MailDates {
    /** Earliest year accepted; earlier dates are taken as unparseable. */
    static final int MIN_YEAR = 1970;
    /** Latest year accepted (catches typos such as year 3609). */
    static final int MAX_YEAR = 2200;
    /** Longest date text read, in characters. */
    static final int MAX_CHARS = 200;

    private static final Pattern FULL_MONTH = Pattern.compile(
            "\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:uary|ruary|ch|il|e|y|ust|tember|ober|ember)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FULL_DAY = Pattern.compile(
            "\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FRACTION = Pattern.compile("(\\d{1,2}:\\d{2}:\\d{2})[.,]\\d+");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,]\\d+)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern NUMERIC_ZONE = Pattern.compile("(?<![\\d:])([+-])(\\d{2})(\\d{2})\\b");
    private static final Pattern NAMED_ZONE = Pattern.compile("\\b(UT|UTC|GMT|Z|EST|EDT|CST|CDT|MST|MDT|PST|PDT)\\b");
    private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(Map.entry("UT", 0), Map.entry("UTC", 0),
            Map.entry("GMT", 0), Map.entry("Z", 0), Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6),
            Map.entry("CDT", -5), Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8),
            Map.entry("PDT", -7));

    /** A date somewhere in a clause list, for Received headers that lack the {@code ;} before their date. */
    static final Pattern DATE_IN_TEXT = Pattern.compile(
            "(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\\s+)?\\d{1,2}\\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    + "[a-z]*\\s+\\d{2,4}\\s+\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:\\s*(?:[+-]\\d{4}|[A-Z]{1,5}))?"
                    + "|\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:\\s*(?:Z|[+-]\\d{2}:?\\d{2}))?");

    private MailDates() {
    }

    /**
     * @param text a date as written in a header, comments allowed
     * @return the date with the offset written (UTC when the zone is unknown), or {@code null} when unparseable or
     *         outside {@value #MIN_YEAR}..{@value #MAX_YEAR}
     */
    public static OffsetDateTime parse(String text) {
        Written written = parseWritten(text);
        if (written == null || written.dateTime().getYear() < MIN_YEAR || written.dateTime().getYear() > MAX_YEAR) {
            return null;
        }
        return written.dateTime();
    }

    /**
     * A date-time as a header writes it.
     *
     * @param dateTime    the instant, at the offset written; at UTC ({@link ZoneOffset#UTC}) when no offset is known
     * @param offsetKnown false when the text gives no offset that can be trusted, and the instant is read as UTC:
     *                    {@code -0000} (RFC 5322 section 3.3: "the date-time contains no information about the local
     *                    time zone"), one of the military single letters {@code A}..{@code Z} or another alphabetic
     *                    zone than {@code UT}, {@code UTC}, {@code GMT}, {@code EST}, {@code EDT}, {@code CST},
     *                    {@code CDT}, {@code MST}, {@code MDT}, {@code PST} and {@code PDT} (RFC 5322 section 4.3: they
     *                    "SHOULD all be considered equivalent to "-0000""), or no zone at all
     */
    public record Written(OffsetDateTime dateTime, boolean offsetKnown) {
    }

    /**
     * Reads a date as {@link #parse} does, with the obsolete zones of RFC 5322 section 4.3 ({@code UT}, {@code GMT},
     * {@code EST}/{@code EDT}, {@code CST}/{@code CDT}, {@code MST}/{@code MDT}, {@code PST}/{@code PDT}, the military
     * letters), but without its bounds on the year: for showing what a header says, even a year 3609.
     *
     * @param text a date as written in a header, comments allowed; read up to {@value #MAX_CHARS} characters
     * @return the date, or {@code null} when it does not parse or its year is outside 0..9999
     */
    public static Written parseWritten(String text) {
        if (text == null) {
            return null;
        }
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        StringBuilder b = new StringBuilder();
        for (HeaderLexer.Item item : HeaderLexer.items(t)) {
            if (!item.comment()) {
                b.append(item.text()).append(' ');
            }
        }
        String s = b.toString().strip();
        if (s.isEmpty()) {
            return null;
        }
        Written result = iso(s);
        if (result == null) {
            String abbreviated = FULL_DAY.matcher(FULL_MONTH.matcher(s).replaceAll("$1")).replaceAll("$1");
            result = rfc5322(FRACTION.matcher(abbreviated).replaceAll("$1"));
        }
        if (result == null || result.dateTime().getYear() < 0 || result.dateTime().getYear() > 9999) {
            return null;
        }
        return result;
    }

    private static Written iso(String s) {
        Matcher m = ISO.matcher(s);
        if (!m.find()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
            String zone = m.group(3);
            ZoneOffset offset = zone == null || zone.equals("Z") ? ZoneOffset.UTC
                    : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
            boolean known = zone != null && !zone.matches("-00:?00");
            return new Written(OffsetDateTime.of(local, offset), known);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static Written rfc5322(String s) {
        Instant instant;
        try {
            instant = MailDateParser.parse(s).toInstant();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
        ZoneOffset offset = offsetOf(s);
        return new Written(instant.atOffset(offset == null ? ZoneOffset.UTC : offset), offset != null);
    }

    /**
     * @return the offset written: the last numeric zone ({@code +0100}), else a zone name of RFC 5322 section 4.3
     *         ({@code UT}, {@code GMT}, {@code EST}...; {@code UTC} too); {@code null} when none is known
     *         ({@code -0000}, a military letter, another name, no zone): the instant is then read as UTC
     */
    private static ZoneOffset offsetOf(String s) {
        Matcher n = NUMERIC_ZONE.matcher(s);
        ZoneOffset found = null;
        boolean unknown = false;
        while (n.find()) {
            int hours = Integer.parseInt(n.group(2));
            int minutes = Integer.parseInt(n.group(3));
            if (hours <= 18 && minutes < 60) {
                int sign = n.group(1).equals("-") ? -1 : 1;
                found = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
                unknown = hours == 0 && minutes == 0 && sign < 0;
            }
        }
        if (found != null) {
            return unknown ? null : found;
        }
        Matcher z = NAMED_ZONE.matcher(s.toUpperCase(Locale.ROOT));
        while (z.find()) {
            if (!z.group(1).equals("Z")) {
                return ZoneOffset.ofHours(ZONE_HOURS.get(z.group(1)));
            }
        }
        return null;
    }
}
