package org.pixelproof.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an input "looks like a message", before any MIME parsing.
 *
 * <p>The rule, applied to the bytes after a tolerated prefix (an UTF-8 byte-order mark, one mbox {@code From } line,
 * and blank lines):
 * <ol>
 *   <li>the first line is a header field: a name of 1 to {@value #MAX_NAME} printable US-ASCII characters other than
 *       {@code :} (RFC 5322 section 3.6.8), optional blanks, then {@code :};</li>
 *   <li>the header block (up to the first empty line, at most {@value #MAX_SCAN_BYTES} bytes scanned) holds at least
 *       one field that a received message carries: one of RFC 5322 section 3.6 (Date, From, To, Subject, Message-ID,
 *       Received, Return-Path...), of MIME (MIME-Version, Content-Type...), or a delivery field added by mail servers
 *       (Delivered-To, X-Original-To, DKIM-Signature, ARC-Seal, Authentication-Results), before any NUL byte;</li>
 *   <li>NUL bytes (which RFC 5322 section 2.2 does not allow in header fields) are at most one in
 *       {@value #NUL_RATIO} bytes of the header block: text in UTF-16 or binary data has far more. A few NUL bytes
 *       are the sender's doing, not a sign that the input is something else: the message is read, and
 *       {@link Shape#nulBytes()} says how many there were so that the caller records them.</li>
 * </ol>
 * Whatever fails gets a {@link AnomalyCode#NOT_A_MESSAGE} whose detail names the rule that failed and, from its first
 * bytes, what the input seems to be (PDF, ZIP, HTML, image, OLE2 such as an Outlook {@code .msg}, binary data),
 * never its content. An input of white space only is {@link AnomalyCode#EMPTY_INPUT}. Stateless and thread-safe.
 */
final class MessageShape {
    /** Longest field name accepted on the first line: 998 (RFC 5322 line length limit). */
    static final int MAX_NAME = 998;
    /** Most bytes of the header block scanned for a message field: 4 MiB. */
    static final int MAX_SCAN_BYTES = 4 << 20;
    /** A header block with more than one NUL byte per this many bytes is not a message: 64. */
    static final int NUL_RATIO = 64;

    private static final Set<String> MESSAGE_FIELDS = Set.of(
            "date", "from", "sender", "reply-to", "to", "cc", "bcc", "message-id", "in-reply-to", "references",
            "subject", "comments", "keywords", "resent-date", "resent-from", "resent-sender", "resent-to",
            "resent-cc", "resent-bcc", "resent-message-id", "return-path", "received", "mime-version",
            "content-type", "content-transfer-encoding", "delivered-to", "x-original-to", "dkim-signature",
            "arc-seal", "arc-message-signature", "authentication-results", "list-unsubscribe", "list-id");

    private static final String NO_MESSAGE_FIELD = "the input starts with 'Name: value' lines but none ";

    private MessageShape() {
    }

    /**
     * The outcome: where the message starts, or why the input is rejected.
     *
     * @param offset    where the header block starts (0 when rejected)
     * @param rejection why the input is not a message, or {@code null}
     * @param detail    the rejection's content-free explanation, or {@code null}
     * @param nulBytes  NUL bytes in the header block of an accepted message (0 when rejected)
     */
    record Shape(int offset, AnomalyCode rejection, String detail, int nulBytes) {
        Shape(int offset, AnomalyCode rejection, String detail) {
            this(offset, rejection, detail, 0);
        }
    }

    /**
     * @param raw the whole input
     * @return the start offset of the header block, or the rejection (code and content-free detail)
     */
    static Shape examine(byte[] raw, int length) {
        if (length == 0) {
            return new Shape(0, AnomalyCode.EMPTY_INPUT, "the input has no bytes");
        }
        int start = prefixLength(raw, length);
        if (start >= length) {
            return new Shape(0, AnomalyCode.EMPTY_INPUT, "the input holds only white space ("
                    + Safe.count(length) + " bytes)");
        }
        if (!firstLineIsField(raw, start, length)) {
            return new Shape(0, AnomalyCode.NOT_A_MESSAGE, "the input does not start with a header field "
                    + "('Name: value', RFC 5322 section 2.2); " + whatItLooksLike(raw, start, length));
        }
        int end = Math.min(length, start + MAX_SCAN_BYTES);
        int lineStart = start;
        boolean found = false;
        int nul = 0;
        int i = start;
        for (; i < end; i++) {
            byte b = raw[i];
            if (b == 0) {
                nul++;
                if (!found || (long) nul * NUL_RATIO > i - start + 1 && nul > 1) {
                    return new Shape(0, AnomalyCode.NOT_A_MESSAGE, "the header block contains NUL bytes; "
                            + whatItLooksLike(raw, start, length));
                }
            }
            if (b == '\n' || i == end - 1) {
                int lineEnd = b == '\n' ? i : i + 1;
                if (lineEnd > lineStart && raw[lineEnd - 1] == '\r') {
                    lineEnd--;
                }
                if (lineEnd == lineStart) {
                    break; // empty line: end of the header block
                }
                if (!found && raw[lineStart] != ' ' && raw[lineStart] != '\t') {
                    String name = fieldName(raw, lineStart, lineEnd);
                    if (name != null && MESSAGE_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                        found = true;
                    }
                }
                lineStart = i + 1;
            }
        }
        if (!found) {
            return new Shape(0, AnomalyCode.NOT_A_MESSAGE, NO_MESSAGE_FIELD
                    + "of them is a field of a received message (From, To, Subject, Date, Received, Content-Type...)");
        }
        if ((long) nul * NUL_RATIO > i - start && nul > 1) {
            return new Shape(0, AnomalyCode.NOT_A_MESSAGE, "the header block contains NUL bytes; "
                    + whatItLooksLike(raw, start, length));
        }
        return new Shape(start, null, null, nul);
    }

    /**
     * @param head   the first bytes of a file (its first kilobyte, say)
     * @param length how many of them to read
     * @return false only when these bytes hold a whole header block (an empty line ends it) that {@link #examine}
     *         rejects: a note starting "Notes: ..." is not a message; true when they may begin one (a header block
     *         longer than {@code head} is given the benefit of the doubt)
     */
    static boolean mayBegin(byte[] head, int length) {
        Shape s = examine(head, length);
        if (s.rejection() == null) {
            return true;
        }
        for (int i = prefixLength(head, length); i + 1 < length; i++) {
            if (head[i] == '\n' && (head[i + 1] == '\n' || head[i + 1] == '\r' && i + 2 < length
                    && head[i + 2] == '\n')) {
                return false; // the header block ended within the bytes given, and was rejected
            }
        }
        return s.detail().startsWith(NO_MESSAGE_FIELD); // none yet, but the header block goes on past the bytes given
    }

    /**
     * @return how many leading bytes are not part of the message: an UTF-8 byte-order mark, one mbox {@code From }
     *         line, and blank lines
     */
    static int prefixLength(byte[] raw, int length) {
        int i = 0;
        if (length >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB && (raw[2] & 0xff) == 0xBF) {
            i = 3;
        }
        i = skipBlankLines(raw, i, length);
        if (startsWith(raw, i, length, "From ") && !colonFollows(raw, i + 4, length)) {
            while (i < length && raw[i] != '\n') {
                i++;
            }
            i = Math.min(length, i + 1);
            i = skipBlankLines(raw, i, length);
        }
        return i;
    }

    /** @return true when only blanks separate {@code at} from a colon ({@code "From : x"} is a header field). */
    private static boolean colonFollows(byte[] raw, int at, int length) {
        int i = at;
        while (i < length && (raw[i] == ' ' || raw[i] == '\t')) {
            i++;
        }
        return i < length && raw[i] == ':';
    }

    private static int skipBlankLines(byte[] raw, int from, int length) {
        int i = from;
        int lineStart = from;
        while (i < length) {
            byte b = raw[i];
            if (b == '\n') {
                lineStart = i + 1;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                return lineStart;
            }
            i++;
        }
        return length;
    }

    private static boolean firstLineIsField(byte[] raw, int start, int length) {
        return fieldName(raw, start, Math.min(length, start + MAX_NAME + 64)) != null;
    }

    /** @return the field name when {@code raw[from..to)} starts with {@code name *WSP ":"}, else {@code null}. */
    private static String fieldName(byte[] raw, int from, int to) {
        int i = from;
        while (i < to && i - from <= MAX_NAME) {
            int c = raw[i] & 0xff;
            if (c == ':') {
                return i == from ? null : new String(raw, from, i - from, StandardCharsets.US_ASCII);
            }
            if (c == ' ' || c == '\t') {
                int nameEnd = i;
                while (i < to && (raw[i] == ' ' || raw[i] == '\t')) {
                    i++;
                }
                return i < to && raw[i] == ':' && nameEnd > from
                        ? new String(raw, from, nameEnd - from, StandardCharsets.US_ASCII) : null;
            }
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
            i++;
        }
        return null;
    }

    private static boolean startsWith(byte[] raw, int at, int length, String s) {
        if (length - at < s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (raw[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @return a content-free guess at what the input is, from its leading bytes. */
    static String whatItLooksLike(byte[] raw, int start, int length) {
        if (startsWith(raw, start, length, "%PDF")) {
            return "it looks like a PDF document";
        }
        if (startsWith(raw, start, length, "PK\u0003\u0004") || startsWith(raw, start, length, "PK\u0005\u0006")) {
            return "it looks like a ZIP archive (or an Office document); e-mails inside an archive are not read:"
                    + " unpack it first and analyse the folder";
        }
        if (length - start >= 8 && (raw[start] & 0xff) == 0xD0 && (raw[start + 1] & 0xff) == 0xCF
                && (raw[start + 2] & 0xff) == 0x11 && (raw[start + 3] & 0xff) == 0xE0) {
            // said where .msg files are not read (web app, API): the command line reads them with OutlookMsgReader
            return "it looks like an Outlook .msg file (an OLE2 compound file), which only PixelProof's command line "
                    + "reads (java -jar target/quarkus-app/quarkus-run.jar analyze file.msg, see the README); or save "
                    + "the message as .eml from Outlook and send that file";
        }
        if (length - start >= 2 && (raw[start] & 0xff) == 0x1F && (raw[start + 1] & 0xff) == 0x8B) {
            return "it looks like gzip-compressed data";
        }
        if (startsWith(raw, start, length, "\u0089PNG") || startsWith(raw, start, length, "GIF8")
                || length - start >= 3 && (raw[start] & 0xff) == 0xFF && (raw[start + 1] & 0xff) == 0xD8
                && (raw[start + 2] & 0xff) == 0xFF) {
            return "it looks like an image";
        }
        int n = Math.min(length - start, 512);
        String head = new String(raw, start, n, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<body") || head.startsWith("<!--") || head.startsWith("<?xml")) {
            return "it looks like an HTML or XML document, not the source of an e-mail";
        }
        if (head.startsWith("{") || head.startsWith("[")) {
            return "it looks like JSON or other structured text";
        }
        int control = 0;
        for (int i = start; i < start + n; i++) {
            int c = raw[i] & 0xff;
            if (c < 0x20 && c != '\r' && c != '\n' && c != '\t') {
                control++;
            }
        }
        if (control > 0) {
            return "it looks like binary data";
        }
        return "it looks like plain text without a header block";
    }
}
