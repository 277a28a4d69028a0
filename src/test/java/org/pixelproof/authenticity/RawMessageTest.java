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

    @Test
    void theBodyPutInWireFormLaterGivesTheWholeMessagesWireForm() {
        String[] messages = {"From: a@b.example\nSubject: x\n\nline 1\nline 2\n",
            "From: a@b.example\r\nSubject: x\r\n\r\nline 1\r\nline 2\r\n",
            "From: a@b.example\r\nSubject: x\n\r\nbody\nmixed\r\n", "From: a@b.example\nSubject: x\n\n\nstarts with LF",
            "\nno header at all\n", "\r\n\r\nbody", "From: a@b.example\nSubject: no body\n",
            "From: a@b.example\r\n\tfolded\r\nX: y\r\r\n\r\nbare CR before the end\r", "", "\n",
            "From: a@b.example\n\r\nX: not a header, the body\n"};
        for (String m : messages) {
            byte[] raw = m.getBytes(StandardCharsets.US_ASCII);
            RawMessage message = RawMessage.of(raw);
            byte[] whole = RawMessage.toCrlf(raw);
            assertEquals(new String(whole, StandardCharsets.US_ASCII),
                    new String(message.wire(), StandardCharsets.US_ASCII), m);
            assertEquals(whole != raw, message.normalised(), m);
            assertEquals(whole.length - message.bodyStart(), message.bodyLength(), m);
            String body = new String(whole, message.bodyStart(), message.bodyLength(), StandardCharsets.US_ASCII);
            String expectedBody = new String(whole, StandardCharsets.US_ASCII).contains("\r\n\r\n")
                    || new String(whole, StandardCharsets.US_ASCII).startsWith("\r\n")
                    ? crlf(m).substring(crlf(m).startsWith("\r\n") ? 2 : crlf(m).indexOf("\r\n\r\n") + 4) : "";
            assertEquals(expectedBody, body, m);
        }
        assertEquals("From: a@b.example", RawMessage.of("From: a@b.example\n\nX: body".getBytes(
                StandardCharsets.US_ASCII)).getFields().get(0));
        byte[] wire = "a: b\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertSame(wire, RawMessage.of(wire).wire(), "a message already in wire form is not copied");
    }
}
