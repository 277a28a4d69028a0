package org.pixelproof.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key on which the run recognises the same e-mail given twice: the SHA-256 of its bytes with line ends set
 * aside, so that a copy exported to an mbox or a Maildir (LF line ends) matches the {@code .eml} saved from the
 * mail client (CRLF, as RFC 5322 section 2.1 writes them).
 *
 * <p>The bytes hashed are the message's with every CRLF made LF and every CR and LF at the very end removed (an
 * exporter adds or drops the final newline). Nothing else is set aside: a copy in which a mail program changed or added
 * a header field ({@code X-Mozilla-Status}, {@code Status}) is another message. Outlook {@code .msg} files are
 * binary and keyed on the SHA-256 of their exact bytes. This key only groups copies: every output keeps reporting
 * the exact SHA-256 of the bytes it analysed. Stateless; thread-safe.
 */
final class DuplicateKey {
    private DuplicateKey() {
    }

    /**
     * @param raw     the bytes analysed (RFC 5322, or an Outlook {@code .msg} file)
     * @param outlook true when {@code raw} is an Outlook {@code .msg} file
     * @param sha256  the SHA-256 of {@code raw}, lower-case hex, as the analysis reports it
     * @return {@code sha256} for an Outlook file or for bytes without CR and without a final line end (nothing to set
     *         aside), else the lower-case hex SHA-256 of the bytes with their line ends set aside
     */
    static String of(byte[] raw, boolean outlook, String sha256) {
        if (outlook) {
            return sha256;
        }
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        if (end == raw.length && indexOfCrLf(raw, end) < 0) {
            return sha256;
        }
        MessageDigest digest = sha256();
        int from = 0;
        for (int i = indexOfCrLf(raw, end); i >= 0; i = indexOfCrLf(raw, end, i + 2)) {
            digest.update(raw, from, i - from); // up to the CR; the LF starts the next run
            from = i + 1;
        }
        digest.update(raw, from, end - from);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static int indexOfCrLf(byte[] raw, int end) {
        return indexOfCrLf(raw, end, 0);
    }

    /** @return the index of the CR of the first CRLF at or after {@code from} and before {@code end}, or -1 */
    private static int indexOfCrLf(byte[] raw, int end, int from) {
        for (int i = from; i < end - 1; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
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
