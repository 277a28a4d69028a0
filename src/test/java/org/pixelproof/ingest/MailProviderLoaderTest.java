package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.mail.util.StreamProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class MailProviderLoaderTest {

    @Test
    void serviceFileNamesAreReadWithoutCommentsBlankLinesOrRepeats() {
        byte[] file = ("# providers\r\n\r\n  org.example.First  # the first\norg.example.Second\norg.example.First\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("org.example.First", "org.example.Second"), MailProviderLoader.providerNames(file));
    }

    @Test
    void theClassPathNamesAngusProviderAndTheLookUpIsAnsweredByTheProperty() {
        assertEquals(List.of(MailStreamProvider.class.getName()), MailProviderLoader.providers());
        assertEquals(MailStreamProvider.class.getName(), MailProviderLoader.ensureProperty());
        assertEquals(MailStreamProvider.class.getName(), System.getProperty(MailProviderLoader.PROPERTY));
        assertSame(MailStreamProvider.class, StreamProvider.provider().getClass());
    }

    @Test
    void aPropertySetByTheOperatorIsLeftAsItIs() {
        String before = System.getProperty(MailProviderLoader.PROPERTY);
        try {
            System.setProperty(MailProviderLoader.PROPERTY, "org.example.OperatorProvider");
            assertEquals("org.example.OperatorProvider", MailProviderLoader.ensureProperty());
            assertEquals("org.example.OperatorProvider", System.getProperty(MailProviderLoader.PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty(MailProviderLoader.PROPERTY);
            } else {
                System.setProperty(MailProviderLoader.PROPERTY, before);
            }
        }
    }
}
