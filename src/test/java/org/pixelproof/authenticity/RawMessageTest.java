package org.pixelproof.authenticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link RawMessage}: the wire form DKIM is computed over (RFC 6376 section 5.3, CRLF line endings). */
class RawMessageTest {

    private static String crlf(String s) {
        return new String(RawMessage.toCrlf(s.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    }

    @Test
    void bareLineFeedsBecomeCrlf() {
        assertEquals("a\r\nb\r\nc\r\n", crlf("a\nb\r\nc\n"));
        assertEquals("\r\n\r\nx", crlf("\n\nx"));
        assertEquals("\r\n", crlf("\n"));
        assertEquals("a\r\r\nb\r\n", crlf("a\r\r\nb\n"), "an LF after a CR is already a line ending");
        assertEquals("no line end", crlf("no line end"));
    }

    @Test
    void messagesAlreadyInWireFormAreNotCopied() {
        byte[] wire = "a\r\nb\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        assertSame(wire, RawMessage.toCrlf(wire));
        byte[] empty = new byte[0];
        assertSame(empty, RawMessage.toCrlf(empty));
    }
}
