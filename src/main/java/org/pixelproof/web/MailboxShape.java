package org.pixelproof.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.pixelproof.ingest.MboxReader;

/**
 * Tells whether an upload is an mbox mailbox holding several messages rather than one e-mail.
 *
 * <p>An upload has the mbox shape when its first line is a {@code From_} separator ({@code "From "} followed by the
 * envelope sender, no colon: RFC 4155) and {@link MboxReader} then finds more than one message in it. The reader only
 * takes as a separator a {@code From } line that follows an empty line and looks like an envelope line (an address,
 * {@code MAILER-DAEMON} or {@code -}, or a time {@code hh:mm}), so an ordinary e-mail whose body has a paragraph
 * starting with "From " is never split; and an e-mail whose first line is a header ({@code Received:},
 * {@code From:}...) is never looked into at all. A single message exported with its {@code From_} line counts as one.
 * Stateless and thread-safe.
 */
final class MailboxShape {
    private MailboxShape() {
    }

    /**
     * @param raw the uploaded bytes
     * @return how many messages the upload holds: 1 for anything that is not an mbox of several messages
     */
    static int messageCount(byte[] raw) {
        if (!startsWithSeparator(raw)) {
            return 1;
        }
        int n = 0;
        try (MboxReader reader = new MboxReader(new ByteArrayInputStream(raw), Math.max(1, raw.length))) {
            while (reader.next() != null) {
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e); // a byte array cannot fail
        }
        return Math.max(1, n);
    }

    /** @return true when the first line starts with {@code "From "} (the mbox separator, not a header). */
    private static boolean startsWithSeparator(byte[] raw) {
        byte[] from = "From ".getBytes(StandardCharsets.US_ASCII);
        return raw.length >= from.length && java.util.Arrays.equals(raw, 0, from.length, from, 0, from.length);
    }
}
