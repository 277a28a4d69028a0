package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The mailbox formats the command line opens, delegated to {@code ingest}: mbox files, streamed message by message.
 * (Outlook {@code .msg} files are single messages, analysed by {@link Engine#analyzeOutlookMsg}.) The command line
 * never parses them itself.
 */
interface MailboxFormats {

    /** Receives the messages of an mbox, in file order. */
    @FunctionalInterface
    interface MboxVisitor {
        /**
         * @param number 1-based position of the message in the mbox
         * @param bytes  the message's RFC 5322 bytes ({@code From_} line removed, {@code >From} unescaped), or
         *               {@code null} when this message was skipped
         * @param reason why it was skipped (e.g. larger than the limit), or {@code null}
         */
        void message(long number, byte[] bytes, String reason) throws InterruptedException;

        /**
         * Waits until the messages handed over so far are done with and their memory free: the reader calls it before
         * reading again, alone, a message that ran out of memory. The default returns at once.
         */
        default void awaitIdle() throws InterruptedException {
        }
    }

    /**
     * Streams an mbox: memory stays bounded by the largest message, whatever the file's size.
     *
     * @param file            the mbox file
     * @param maxMessageBytes a message larger than this, in bytes, is reported to the visitor with a reason instead
     *                        of its bytes
     * @throws IOException when the file cannot be read (the messages already visited stand)
     */
    void readMbox(Path file, long maxMessageBytes, MboxVisitor visitor) throws IOException, InterruptedException;
}
