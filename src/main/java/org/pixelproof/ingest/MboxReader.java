package org.pixelproof.ingest;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Streams the messages of an mbox file (RFC 4155: mboxo and mboxrd) one at a time, without loading the file: memory
 * stays within one message of at most {@code maxMessageBytes} plus a 64 KiB buffer, whatever the file's size.
 *
 * <p><b>Separators.</b> A message starts at a {@code From_} line: a line that begins with {@code "From "} (case
 * sensitive, no colon: {@code "From: x"} is a header), that is the first line of the file or follows an empty line,
 * and whose first word looks like an envelope sender ({@code user@host}, {@code MAILER-DAEMON} or {@code -}) or whose
 * rest holds a time ({@code hh:mm}). This accepts what Thunderbird, mutt, Apple Mail and Gmail's export write, and
 * refuses a body paragraph that happens to start with "From " (which a correct writer escapes anyway). The empty line
 * before a separator belongs to the file format and is removed from the message. Bytes before the first separator, if
 * not blank, are returned as a message of their own.
 *
 * <p><b>Unescaping.</b> Lines of the form {@code >From }, {@code >>From }... lose one {@code >} (mboxrd). For an
 * mboxo file this is also right for the lines the writer escaped, and wrong only for a body line that originally
 * began with {@code >From } (mboxo cannot tell those apart). Line endings are kept as they are.
 *
 * <p><b>Oversized messages.</b> A message longer than {@code maxMessageBytes} is skipped to the next separator and
 * returned with {@link MboxMessage#bytes()} {@code null} and its true size, so that the caller can report it.
 *
 * <p>Not thread-safe; iterate from one thread. {@link #iterator()} may be called once; its methods throw
 * {@link UncheckedIOException} when reading fails. Closing the reader closes the stream.
 */
public final class MboxReader implements Iterable<MboxMessage>, Closeable {
    /** Default largest message kept, in bytes: {@link IngestLimits#DEFAULT}'s 25 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = IngestLimits.DEFAULT.maxMessageBytes();

    /** Longest line inspected as a possible {@code From_} separator, in bytes: 1,000. */
    static final int MAX_SEPARATOR_LINE = 1_000;

    /**
     * A {@code From_} line is {@code From } followed either by an address, {@code MAILER-DAEMON} or {@code -} (then
     * anything), or by a word and, anywhere after it, a time {@code h:mm} or {@code hh:mm}. As one regular expression:
     * {@code From (?:[^\s:]*@\S*|MAILER-DAEMON|-)(?:\s.*)?|From \S+.*\b\d{1,2}:\d{2}\b.*} ({@link #SEPARATOR_REGEX},
     * kept for tests). That expression backtracks quadratically on a long {@code From } line without a time (80 s
     * for 10,000 such 1,000-byte body lines), so it is matched in two linear steps that accept exactly the same lines:
     * {@link #SENDER_SEPARATOR}, written without backtracking, then {@link #timeSeparator(String)}.
     */
    static final String SEPARATOR_REGEX =
            "From (?:[^\\s:]*@[^\\s]*|MAILER-DAEMON|-)(?:\\s.*)?|From \\S+.*\\b\\d{1,2}:\\d{2}\\b.*";
    /**
     * The first alternative: the address part {@code [^\s:]*@\S*} read up to its first {@code @}, which accepts
     * the same strings, and possessive quantifiers where giving back cannot help.
     */
    private static final Pattern SENDER_SEPARATOR = Pattern.compile(
            "From (?:[^\\s:@]*+@\\S*+|MAILER-DAEMON|-)(?:\\s.*+)?");
    private static final Pattern TIME = Pattern.compile("\\b\\d{1,2}:\\d{2}\\b");

    private final InputStream in;
    private final long maxMessageBytes;
    private final byte[] buf = new byte[64 << 10];
    private int pos;
    private int limit;
    private long offset; // file offset of buf[pos]
    private boolean eof;

    private long index;
    private boolean previousLineEmpty = true;
    private Line pendingSeparator;
    private boolean iterated;

    /**
     * @param in              the mbox content; read sequentially, buffered here
     * @param maxMessageBytes largest message kept, in bytes (see {@link #DEFAULT_MAX_MESSAGE_BYTES}); larger ones
     *                        are skipped and reported
     */
    public MboxReader(InputStream in, long maxMessageBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A reader keeping messages up to {@link #DEFAULT_MAX_MESSAGE_BYTES}. */
    public MboxReader(InputStream in) {
        this(in, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * Reads the next message.
     *
     * @return the next message, or {@code null} at the end of the file
     * @throws IOException when reading the stream fails
     */
    public MboxMessage next() throws IOException {
        long start = -1;
        if (pendingSeparator != null) {
            start = pendingSeparator.offset;
            pendingSeparator = null;
        }
        Body body = new Body(maxMessageBytes);
        Line line;
        while ((line = readLine()) != null) {
            if (previousLineEmpty && line.isSeparator()) {
                previousLineEmpty = false;
                if (start >= 0 || !body.isBlank()) {
                    pendingSeparator = line;
                    return body.finish(index++, Math.max(start, 0));
                }
                start = line.offset; // the first separator; only blank lines came before it
                body = new Body(maxMessageBytes);
                continue;
            }
            if (start < 0 && body.isBlank()) {
                if (line.isEmpty()) {
                    previousLineEmpty = true;
                    continue;
                }
                start = line.offset; // text before any separator: a message of its own
            }
            body.add(line);
            previousLineEmpty = line.isEmpty();
        }
        if (start < 0) {
            return null;
        }
        return body.finish(index++, start);
    }

    @Override
    public Iterator<MboxMessage> iterator() {
        if (iterated) {
            throw new IllegalStateException("an MboxReader can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private MboxMessage next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = MboxReader.this.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public MboxMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                MboxMessage m = next;
                next = null;
                return m;
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One line: its first bytes (up to {@link #MAX_SEPARATOR_LINE}), and the rest streamed when longer. */
    private final class Line {
        final long offset;
        final byte[] head;
        final int headLen;
        final boolean longer;
        final byte[] eol;

        Line(long offset, byte[] head, int headLen, boolean longer, byte[] eol) {
            this.offset = offset;
            this.head = head;
            this.headLen = headLen;
            this.longer = longer;
            this.eol = eol;
        }

        boolean isEmpty() {
            return headLen == 0 && !longer;
        }

        boolean isSeparator() {
            if (longer || headLen < 6 || head[0] != 'F') {
                return false;
            }
            String s = new String(head, 0, headLen, StandardCharsets.ISO_8859_1);
            return isSeparatorLine(s);
        }

        /** @return how many {@code >} to drop: 1 for {@code >+From }, else 0 (mboxrd unescaping). */
        int unescape() {
            int i = 0;
            while (i < headLen && head[i] == '>') {
                i++;
            }
            if (i == 0 || headLen - i < 5) {
                return 0;
            }
            return head[i] == 'F' && head[i + 1] == 'r' && head[i + 2] == 'o' && head[i + 3] == 'm'
                    && head[i + 4] == ' ' ? 1 : 0;
        }
    }

    /**
     * @param s a line without its line ending
     * @return whether it is a {@code From_} separator line, exactly as {@link #SEPARATOR_REGEX} would say, in time
     *         linear in its length
     */
    static boolean isSeparatorLine(String s) {
        return s.startsWith("From ") && (SENDER_SEPARATOR.matcher(s).matches() || timeSeparator(s));
    }

    /**
     * The second alternative, {@code From \S+.*\b\d{1,2}:\d{2}\b.*}, without backtracking. {@code .} matches
     * any character but the line terminators {@code \n \r \u0085 \u2028 \u2029}; {@code \S} any but
     * {@code [ \t\n\x0B\f\r]}. The word after {@code From } runs up to the first white space; a terminator after
     * that point can be crossed neither by {@code .*} nor by the time, so no match exists; terminators inside the
     * word are allowed, and then the time must start after the last of them (the final {@code .*} cannot cross one).
     */
    private static boolean timeSeparator(String s) {
        int n = s.length();
        if (n <= 5 || regexSpace(s.charAt(5))) {
            return false;
        }
        int wordEnd = 6;
        while (wordEnd < n && !regexSpace(s.charAt(wordEnd))) {
            wordEnd++;
        }
        int lastTerminator = -1;
        for (int i = 5; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (i >= wordEnd) {
                    return false;
                }
                lastTerminator = i;
            }
        }
        return TIME.matcher(s).find(Math.max(6, lastTerminator + 1));
    }

    private static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The bytes of one message being collected, or only counted once it is too large. */
    private final class Body {
        private final long max;
        private ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long size;
        private byte[] heldEmptyLine;
        private boolean blank = true;

        Body(long max) {
            this.max = max;
        }

        void add(Line line) throws IOException {
            if (heldEmptyLine != null) {
                write(heldEmptyLine, 0, heldEmptyLine.length);
                heldEmptyLine = null;
            }
            if (line.isEmpty()) {
                heldEmptyLine = line.eol; // written only if the message goes on
                return;
            }
            blank = false;
            int skip = line.unescape();
            write(line.head, skip, line.headLen - skip);
            if (line.longer) {
                streamRestOfLine(this);
            }
            write(line.eol, 0, line.eol.length);
        }

        void write(byte[] b, int off, int len) {
            size += len;
            if (out != null) {
                if (size > max) {
                    out = null;
                } else {
                    out.write(b, off, len);
                }
            }
        }

        boolean isBlank() {
            return blank;
        }

        MboxMessage finish(long index, long start) {
            return new MboxMessage(index, Math.max(0, start), size, out == null ? null : out.toByteArray());
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        offset += limit;
        pos = 0;
        limit = 0;
        int n = in.read(buf);
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    private long position() {
        return offset + pos;
    }

    /** Reads the next line's head; when longer than the head, the caller streams the rest with streamRestOfLine. */
    private Line readLine() throws IOException {
        if (pos >= limit && !fill()) {
            return null;
        }
        long at = position();
        byte[] head = new byte[MAX_SEPARATOR_LINE];
        int len = 0;
        while (true) {
            if (pos >= limit && !fill()) {
                return new Line(at, head, len, false, new byte[0]);
            }
            byte b = buf[pos];
            if (b == '\n') {
                pos++;
                return new Line(at, head, len, false, new byte[] {'\n'});
            }
            if (b == '\r') {
                pos++;
                if ((pos < limit || fill()) && buf[pos] == '\n') {
                    pos++;
                    return new Line(at, head, len, false, new byte[] {'\r', '\n'});
                }
                return new Line(at, head, len, false, new byte[] {'\r'});
            }
            if (len == head.length) {
                return new Line(at, head, len, true, new byte[0]); // its end of line comes with streamRestOfLine
            }
            head[len++] = b;
            pos++;
        }
    }

    /** Streams the rest of a long line into {@code body}, including its end of line. */
    private void streamRestOfLine(Body body) throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return;
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            body.write(buf, start, pos - start);
            if (pos < limit) {
                byte b = buf[pos++];
                if (b == '\r') {
                    if ((pos < limit || fill()) && buf[pos] == '\n') {
                        pos++;
                        body.write(new byte[] {'\r', '\n'}, 0, 2);
                        return;
                    }
                    body.write(new byte[] {'\r'}, 0, 1);
                    return;
                }
                body.write(new byte[] {'\n'}, 0, 1);
                return;
            }
        }
    }
}
