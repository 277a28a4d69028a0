package org.pixelproof.ingest;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParseException;
import java.util.Date;

/**
 * Parses RFC 5322 date-times (section 3.3, with the obsolete forms of section 4.3) leniently, with Angus Mail's
 * {@link MailDateFormat}. That format is not thread-safe and costly to build (a calendar and a time zone each), so each
 * thread keeps one and reuses it: a message holding a dozen {@code Received} dates no longer builds a dozen. Thread-safe.
 */
public final class MailDateParser {
    private static final ThreadLocal<MailDateFormat> FORMAT = ThreadLocal.withInitial(MailDateFormat::new);

    private MailDateParser() {
    }

    /**
     * @param text a date-time as written in a header field, e.g. {@code Mon, 30 Nov 2026 12:50:13 +0100}
     * @return the instant it names; never null
     * @throws ParseException when {@code text} is not a date-time Angus Mail can read
     * @throws RuntimeException as {@link MailDateFormat#parse(String)} may on odd input (callers treat it as
     *                          unreadable)
     */
    public static Date parse(String text) throws ParseException {
        Date d = FORMAT.get().parse(text);
        if (d == null) {
            throw new ParseException("not a date-time", 0);
        }
        return d;
    }
}
