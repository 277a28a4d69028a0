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
 * limit, but the heap too small for it beside the messages being analysed) is reported to the visitor as skipped,
 * and the reading goes on with the next message: the failed message's buffers are dropped with the reader, the file
 * is read again without keeping any message (so in constant memory) to find where the next message starts, and a
 * new reader starts there. Not thread-safe per call; stateless otherwise.
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
            long[] skipped = locate(file, start, before, failed);
            visitor.message(failed, null, String.format(Locale.ROOT, "%s (%,d bytes)", InputWalker.OUT_OF_MEMORY,
                    skipped[0]));
            if (skipped[1] < 0) {
                return;
            }
            start = skipped[1];
            before = failed;
        }
    }

    /**
     * Reads the mbox again from {@code start} without keeping any message (constant memory).
     *
     * @return the size in bytes of message {@code number}, and the file offset where the message after it starts, or
     *         -1 when it is the last one
     */
    private long[] locate(Path file, long start, long before, long number) throws IOException {
        long size = 0;
        try (InputStream in = open(file, start); MboxReader reader = new MboxReader(in, 1)) {
            for (MboxMessage m = reader.next(); m != null; m = reader.next()) {
                long n = before + m.index() + 1;
                if (n == number) {
                    size = m.sizeBytes();
                } else if (n == number + 1) {
                    return new long[] {size, start + m.offset()};
                }
            }
        }
        return new long[] {size, -1};
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
