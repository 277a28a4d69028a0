package org.pixelproof.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pixelproof.ingest.MboxMessage;
import org.pixelproof.ingest.MboxReader;

/** {@link MailboxFormats} over {@code org.pixelproof.ingest}'s {@link MboxReader} (mboxo and mboxrd, streamed). */
final class IngestMailboxFormats implements MailboxFormats {

    @Override
    public void readMbox(Path file, long maxMessageBytes, MboxVisitor visitor) throws IOException,
            InterruptedException {
        try (InputStream in = Files.newInputStream(file); MboxReader reader = new MboxReader(in, maxMessageBytes)) {
            for (MboxMessage m = reader.next(); m != null; m = reader.next()) {
                long number = m.index() + 1;
                if (m.oversized()) {
                    visitor.message(number, null, "too large: " + m.sizeBytes() + " bytes, the limit is "
                            + maxMessageBytes + " bytes (see --limits)");
                } else {
                    visitor.message(number, m.bytes(), null);
                }
            }
        }
    }
}
