package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@link MailboxFormats} over {@code org.pixelproof.ingest}'s mbox and Outlook readers.
 * TODO(cli): wire {@code ingest.MboxReader} and {@code ingest.OutlookMsgReader} once they land in {@code main}.
 */
final class IngestMailboxFormats implements MailboxFormats {

    @Override
    public void readMbox(Path file, long maxMessageBytes, MboxVisitor visitor) throws IOException {
        throw new IOException("mbox files are not supported by this build yet");
    }

    @Override
    public byte[] readOutlookMsg(Path file) throws InputException {
        throw new InputException("Outlook .msg files are not supported by this build yet");
    }
}
