package org.pixelproof.ingest;

/**
 * Reads an RFC 5322 / MIME message with Angus Mail into a {@link ReceivedEmail}. Thread-safe.
 * TODO(ingest): implementation pending.
 */
public final class EmailParser {
    private final IngestLimits limits;

    /** @param limits the limits to apply, e.g. {@link IngestLimits#DEFAULT} */
    public EmailParser(IngestLimits limits) {
        this.limits = limits;
    }

    /**
     * @param raw      the message bytes, not modified
     * @param fileName display name, may be null
     * @return the message read; never throws for bad content, see {@link ReceivedEmail#rejection()}
     */
    public ReceivedEmail parse(byte[] raw, String fileName) {
        throw new UnsupportedOperationException("ingest not implemented yet");
    }
}
