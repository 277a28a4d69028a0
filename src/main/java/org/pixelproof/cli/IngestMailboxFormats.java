package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@link MailboxFormats} over {@code org.pixelproof.ingest}'s mbox reader.
 * TODO(cli): wire {@code ingest.MboxReader} once it lands in {@code main}.
 */
final class IngestMailboxFormats implements MailboxFormats {

    @Override
    public void readMbox(Path file, long maxMessageBytes, MboxVisitor visitor) throws IOException {
        throw new IOException("mbox files are not supported by this build yet");
    }
}
