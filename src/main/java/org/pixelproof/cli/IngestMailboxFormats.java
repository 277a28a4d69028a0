package org.pixelproof.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.pixelproof.ingest.MboxMessage;
import org.pixelproof.ingest.MboxReader;

/**
 * {@link MailboxFormats} over {@code org.pixelproof.ingest}'s {@link MboxReader} (mboxo and mboxrd, streamed).
 *
 * <p>A message that the memory cannot hold ({@link OutOfMemoryError} while it is read: a message within the size
 * limit, but the heap too small for it beside the messages being analysed) is read again once the messages handed
 * over before it are done with ({@link MboxVisitor#awaitIdle()}); if it still does not fit, alone, it is reported to
 * the visitor as skipped, and the reading goes on with the next message. The failed reader's buffers are dropped with
 * it, and the file is read again without keeping any message (so in constant memory) to find where a message starts.
 * Stateless; each call reads from its own thread.
 */
final class IngestMailboxFormats implements MailboxFormats {

    /** Opens a file for reading; a test double can make it fail. */
    @FunctionalInterface
    interface Opener {
        InputStream open(Path file) throws IOException;
    }

    private final Opener opener;

    IngestMailboxFormats() {
        this(Files::newInputStream);
    }

    /** @param opener opens the mbox file, each time it is read */
    IngestMailboxFormats(Opener opener) {
        this.opener = opener;
    }

    @Override
    public void readMbox(Path file, long maxMessageBytes, MboxVisitor visitor) throws IOException,
            InterruptedException {
        long start = 0; // where the reader starts in the file, at a From_ line
        long before = 0; // how many messages come before start
        long retried = 0; // the message read again alone after running out of memory, if any
        while (true) {
            long read = before; // how many messages were handed over
            boolean outOfMemory = false;
            try (InputStream in = open(file, start); MboxReader reader = new MboxReader(in, maxMessageBytes)) {
                while (true) {
                    MboxMessage m;
                    try {
                        m = reader.next();
                    } catch (OutOfMemoryError e) {
                        outOfMemory = true; // the message's buffers go with the reader
                        break;
                    }
                    if (m == null) {
                        break;
                    }
                    long number = before + m.index() + 1;
                    read = number;
                    if (m.oversized()) {
                        visitor.message(number, null, "too large: " + m.sizeBytes() + " bytes, the limit is "
                                + maxMessageBytes + " bytes (see --limits)");
                    } else {
                        visitor.message(number, m.bytes(), null);
                    }
                }
            }
            if (!outOfMemory) {
                return;
            }
            long failed = read + 1;
            Located where = locate(file, start, before, failed);
            if (failed != retried) {
                visitor.awaitIdle(); // the messages being analysed beside it are written and dropped: once more, alone
                retried = failed;
                start = where.start();
                before = failed - 1;
                continue;
            }
            visitor.message(failed, null, InputWalker.outOfMemory(String.format(Locale.ROOT, "%,d bytes, read alone",
                    where.size())));
            if (where.next() < 0) {
                return;
            }
            start = where.next();
            before = failed;
        }
    }

    /**
     * Where a message lies in the file.
     *
     * @param start the offset of its {@code From_} line
     * @param size  its size in bytes
     * @param next  the offset of the next message's {@code From_} line, or -1 when it is the last one
     */
    private record Located(long start, long size, long next) {
    }

    /** Reads the mbox again from {@code start} without keeping any message (constant memory) to find one. */
    private Located locate(Path file, long start, long before, long number) throws IOException {
        long at = start;
        long size = 0;
        try (InputStream in = open(file, start); MboxReader reader = new MboxReader(in, 1)) {
            for (MboxMessage m = reader.next(); m != null; m = reader.next()) {
                long n = before + m.index() + 1;
                if (n == number) {
                    at = start + m.offset();
                    size = m.sizeBytes();
                } else if (n == number + 1) {
                    return new Located(at, size, start + m.offset());
                }
            }
        }
        return new Located(at, size, -1);
    }

    private InputStream open(Path file, long offset) throws IOException {
        InputStream in = opener.open(file);
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }
}
