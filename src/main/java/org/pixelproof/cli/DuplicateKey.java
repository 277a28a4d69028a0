package org.pixelproof.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The key on which the run recognises the same e-mail given twice: the SHA-256 of its bytes with line ends and the
 * header fields a mail program writes to keep its own state set aside, so that a copy exported to an mbox or a Maildir
 * (LF line ends) or kept in a Thunderbird folder matches the {@code .eml} saved from the mail client (CRLF, as RFC 5322
 * section 2.1 writes them).
 *
 * <p>The bytes hashed are the message's with every CRLF made LF, every CR and LF at the very end removed (an exporter
 * adds or drops the final newline), and, in the header block (up to the first empty line), the {@link #MAILBOX_STATE
 * mailbox-state fields} removed with their continuation lines: fields that no sender and no mail server writes, which a
 * mail program adds to its own copy to remember that it was read, flagged or given an IMAP UID (Thunderbird's
 * {@code X-Mozilla-Status}, the {@code Status}/{@code X-Status} of mbox readers, Dovecot's and UW IMAP's
 * {@code X-UID}/{@code X-Keywords}/{@code X-IMAP}). Nothing else is set aside: a copy in which any other field or the
 * body differs is another message. Outlook {@code .msg} files are binary and keyed on the SHA-256 of their exact
 * bytes. This key only groups copies: every output keeps reporting the exact SHA-256 of the bytes it analysed.
 * Stateless; thread-safe.
 */
final class DuplicateKey {
    /**
     * Header fields, in lower case, that mail programs add to their own copy of a message to record its state:
     * Thunderbird ({@code X-Mozilla-Status}, {@code X-Mozilla-Status2}, {@code X-Mozilla-Keys}), mbox readers such as
     * mutt, Pine and Dovecot ({@code Status}, {@code X-Status}, {@code X-Keywords}, {@code X-UID}, {@code X-IMAP},
     * {@code X-IMAPbase}), Evolution ({@code X-Evolution}) and KMail ({@code X-KMail-Status}).
     */
    static final Set<String> MAILBOX_STATE = Set.of("x-mozilla-status", "x-mozilla-status2", "x-mozilla-keys",
            "status", "x-status", "x-keywords", "x-uid", "x-imap", "x-imapbase", "x-evolution", "x-kmail-status");

    private DuplicateKey() {
    }

    /**
     * @param raw     the bytes analysed (RFC 5322, or an Outlook {@code .msg} file)
     * @param outlook true when {@code raw} is an Outlook {@code .msg} file
     * @param sha256  the SHA-256 of {@code raw}, lower-case hex, as the analysis reports it
     * @return {@code sha256} for an Outlook file or for bytes with nothing to set aside (no CR, no final line end, no
     *         mailbox-state field), else the lower-case hex SHA-256 of the bytes with those set aside
     */
    static String of(byte[] raw, boolean outlook, String sha256) {
        if (outlook) {
            return sha256;
        }
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        if (end == raw.length && indexOf(raw, (byte) '\r', end) < 0 && !hasMailboxState(raw, end)) {
            return sha256;
        }
        MessageDigest digest = sha256();
        boolean inHeader = true;
        boolean skipping = false; // inside a set-aside field, until a line that does not continue it
        boolean first = true;
        int from = 0;
        while (from <= end) {
            int lf = indexOf(raw, (byte) '\n', end, from);
            int lineEnd = lf < 0 ? end : lf;
            int contentEnd = lf >= 0 && lineEnd > from && raw[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            boolean keep = true;
            if (inHeader) {
                if (contentEnd == from) {
                    inHeader = false; // the empty line: the body follows
                    skipping = false;
                } else if (raw[from] == ' ' || raw[from] == '\t') {
                    keep = !skipping; // a continuation line belongs to the field above
                } else {
                    skipping = isMailboxState(raw, from, contentEnd);
                    keep = !skipping;
                }
            }
            if (keep) {
                if (!first) {
                    digest.update((byte) '\n');
                }
                digest.update(raw, from, contentEnd - from);
                first = false;
            }
            if (lf < 0) {
                break;
            }
            from = lf + 1;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return true when the header block of {@code raw[0, end)} holds a {@link #MAILBOX_STATE} field */
    private static boolean hasMailboxState(byte[] raw, int end) {
        int from = 0;
        while (from < end) {
            int lf = indexOf(raw, (byte) '\n', end, from);
            int lineEnd = lf < 0 ? end : lf;
            int contentEnd = lineEnd > from && raw[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == from) {
                return false;
            }
            if (raw[from] != ' ' && raw[from] != '\t' && isMailboxState(raw, from, contentEnd)) {
                return true;
            }
            if (lf < 0) {
                return false;
            }
            from = lf + 1;
        }
        return false;
    }

    /** @return true when the header line {@code raw[from, to)} starts a {@link #MAILBOX_STATE} field */
    private static boolean isMailboxState(byte[] raw, int from, int to) {
        int colon = indexOf(raw, (byte) ':', to, from);
        if (colon <= from || colon - from > 20) {
            return false;
        }
        int nameEnd = colon;
        while (nameEnd > from && (raw[nameEnd - 1] == ' ' || raw[nameEnd - 1] == '\t')) {
            nameEnd--; // RFC 5322 section 4.5.1: obsolete white space before the colon
        }
        String name = new String(raw, from, nameEnd - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return MAILBOX_STATE.contains(name);
    }

    private static int indexOf(byte[] raw, byte b, int end) {
        return indexOf(raw, b, end, 0);
    }

    /** @return the index of the first {@code b} at or after {@code from} and before {@code end}, or -1 */
    private static int indexOf(byte[] raw, byte b, int end, int from) {
        for (int i = from; i < end; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
