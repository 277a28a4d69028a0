package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link MessageShape}: NUL bytes in the header block, read as the sender's doing or as a sign of another format. */
class MessageShapeTest {
    private static final String MESSAGE = "From: Boutique <news@shop.example>\r\nTo: alex.martin@example.org\r\n"
            + "Subject: Soldes\r\nX-Campaign: 12\u0000\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<p>Bonjour <img src=\"https://t.shop.example/o.gif?u=alex.martin%40example.org\" width=1 height=1></p>\r\n";

    private static MessageShape.Shape examine(byte[] b) {
        return MessageShape.examine(b, b.length);
    }

    @Test
    void aFewNulBytesAfterAMessageFieldAreCountedNotARejection() {
        MessageShape.Shape s = examine(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertNull(s.rejection(), s.detail());
        assertEquals(1, s.nulBytes());
        ReceivedEmail e = EmailParserTest.PARSER.parse(MESSAGE.getBytes(StandardCharsets.UTF_8), "nul.eml");
        assertTrue(e.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.MALFORMED_HEADER
                && a.detail().contains("1 NUL byte(s)")), e.anomalies().toString());
        assertEquals("Soldes", e.header("Subject").orElseThrow(), "the message is read");
    }

    @Test
    void textInUtf16OrBinaryDataIsStillNotAMessage() {
        assertEquals(AnomalyCode.NOT_A_MESSAGE, examine(MESSAGE.getBytes(StandardCharsets.UTF_16LE)).rejection());
        StringBuilder dense = new StringBuilder("From: a@b.example\r\nX-Data: ");
        for (int i = 0; i < 40; i++) {
            dense.append("ab\u0000");
        }
        dense.append("\r\n\r\nbody");
        assertEquals(AnomalyCode.NOT_A_MESSAGE, examine(dense.toString().getBytes(StandardCharsets.ISO_8859_1))
                .rejection(), "one NUL in three bytes");
        assertEquals(AnomalyCode.NOT_A_MESSAGE, examine("X-Junk: a\u0000b\r\nFrom: a@b.example\r\n\r\nbody"
                .getBytes(StandardCharsets.ISO_8859_1)).rejection(), "a NUL before any message field");
    }

    @Test
    void aCleanMessageHasNoNulByte() {
        assertEquals(0, examine(MESSAGE.replace("\u0000", "").getBytes(StandardCharsets.UTF_8)).nulBytes());
    }
}
