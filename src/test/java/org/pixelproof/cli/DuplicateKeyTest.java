package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DuplicateKeyTest {
    private static final String EML = "From: La Gazette <news@gazette-exemple.fr>\r\nTo: alex.martin@example.org\r\n"
            + "Subject: Nouvelles\r\nMessage-ID: <1@gazette-exemple.fr>\r\n\r\nBonjour\r\nStatus: dans le corps\r\n";

    private static String key(String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        return DuplicateKey.of(raw, false, sha256(raw));
    }

    @Test
    void aThunderbirdCopyWithItsStatusFieldsIsTheSameMessage() {
        String lf = EML.replace("\r\n", "\n");
        String thunderbird = "X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\nX-Mozilla-Keys:"
                + "                                                                                 \n" + lf;
        assertEquals(key(EML), key(thunderbird));
        assertEquals(key(EML), key(lf));
    }

    @Test
    void mboxReadersStateFieldsAreSetAsideWithTheirContinuationLinesWhateverTheCase() {
        String dovecot = EML.replace("Subject: Nouvelles\r\n", "Subject: Nouvelles\r\nstatus: RO\r\nX-Status: A\r\n"
                + "X-Keywords: $Forwarded\r\n\tNonJunk\r\nX-UID: 42\r\nX-IMAPbase : 1700000000 43\r\n");
        assertEquals(key(EML), key(dovecot));
    }

    @Test
    void anyOtherDifferenceMakesAnotherMessage() {
        assertNotEquals(key(EML), key(EML.replace("Subject: Nouvelles", "Subject: Nouvelles !")));
        assertNotEquals(key(EML), key("X-Mailer: Thunderbird\r\n" + EML), "only the state fields are set aside");
        // in the body, a line that looks like a state field is content
        assertNotEquals(key(EML), key(EML.replace("Status: dans le corps\r\n", "")));
        // a continuation line of a kept field stays
        assertNotEquals(key(EML), key(EML.replace("Subject: Nouvelles\r\n", "Subject: Nouvelles\r\n X\r\n")));
    }

    @Test
    void bytesWithNothingToSetAsideKeepTheirExactHash() {
        byte[] raw = EML.replace("\r\n", "\n").strip().getBytes(StandardCharsets.UTF_8);
        assertEquals("exact", DuplicateKey.of(raw, false, "exact"));
        assertEquals("exact", DuplicateKey.of(EML.getBytes(StandardCharsets.UTF_8), true, "exact"), "Outlook .msg");
    }

    /** Without a state field, the key is the SHA-256 of the bytes with CRLF made LF and the final line ends removed. */
    @Test
    void withoutStateFieldsOnlyLineEndsAreSetAside() {
        Random random = new Random(7);
        byte[] alphabet = "ab:\r\n \tX-".getBytes(StandardCharsets.US_ASCII);
        for (int n = 0; n < 20_000; n++) {
            byte[] raw = new byte[random.nextInt(40)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = alphabet[random.nextInt(alphabet.length)];
            }
            assertEquals(lineEndsSetAside(raw), DuplicateKey.of(raw, false, sha256(raw)), new String(raw,
                    StandardCharsets.US_ASCII));
        }
    }

    private static String lineEndsSetAside(byte[] raw) {
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < end; i++) {
            if (!(raw[i] == '\r' && i + 1 < end && raw[i + 1] == '\n')) {
                out.write(raw[i]);
            }
        }
        return sha256(out.toByteArray());
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
