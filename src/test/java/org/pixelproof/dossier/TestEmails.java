package org.pixelproof.dossier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Reads test resources, and test messages into {@link ReceivedEmail} with {@code ingest}'s {@link EmailParser}.
 */
public final class TestEmails {
    private TestEmails() {
    }

    /** @return the bytes of a test resource. */
    public static byte[] resource(String path) {
        try (InputStream in = TestEmails.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("test resource missing: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the message read from {@code raw} by {@code ingest}. */
    public static ReceivedEmail read(byte[] raw, String fileName) {
        return new EmailParser(IngestLimits.DEFAULT).parse(raw, fileName);
    }
}
