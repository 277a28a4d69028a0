package org.pixelproof.ingest;

/**
 * One message of an mbox file, as read by {@link MboxReader}.
 *
 * <p>Immutable apart from the array (do not modify it); thread-safe.
 *
 * @param index     the message's position in the file, from 0
 * @param offset    the byte offset in the file where the message starts (its {@code From_} line, if any)
 * @param sizeBytes the message's size in bytes, after {@code >From} unescaping and without its {@code From_} line
 * @param bytes     the message (RFC 5322 bytes, ready for {@link EmailParser#parse}), or {@code null} when it was
 *                  larger than the reader's limit and was skipped
 */
public record MboxMessage(long index, long offset, long sizeBytes, byte[] bytes) {
    /** @return true when the message was larger than the reader's limit and its bytes were not kept. */
    public boolean oversized() {
        return bytes == null;
    }
}
