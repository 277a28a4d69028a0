package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Transfer decodings (RFC 2045 sections 6.7 and 6.8) as {@link TransferDecoder} applies them. */
class TransferDecoderTest {

    private static String decode(String encoded, TransferDecoder.Kind kind, long keep) throws IOException {
        TransferDecoder.Result r = TransferDecoder.decode(stream(encoded), kind, keep);
        return new String(r.kept(), 0, r.keptLength(), StandardCharsets.ISO_8859_1);
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void quotedPrintableEscapesSoftBreaksAndTransportPadding() throws IOException {
        assertEquals("abc=def", decode("abc=3Ddef", TransferDecoder.Kind.QUOTED_PRINTABLE, 1000));
        assertEquals("abcdef", decode("abc=\r\ndef", TransferDecoder.Kind.QUOTED_PRINTABLE, 1000));
        assertEquals("ab\r\ncd", decode("ab  \t\r\ncd", TransferDecoder.Kind.QUOTED_PRINTABLE, 1000),
                "white space before a line break is transport padding");
        assertEquals("a b\tc ", decode("a b\tc=20", TransferDecoder.Kind.QUOTED_PRINTABLE, 1000));
        assertEquals("caf\u00e9 <a href=\"x\">", decode("caf=E9 <a href=3D\"x\">", TransferDecoder.Kind.QUOTED_PRINTABLE,
                1000));
    }

    @Test
    void quotedPrintableInvalidEscapesAreKeptAndCounted() throws IOException {
        TransferDecoder.Result r = TransferDecoder.decode(stream("a=ZZb=4"), TransferDecoder.Kind.QUOTED_PRINTABLE,
                1000);
        assertEquals("a=ZZb=4", new String(r.kept(), 0, r.keptLength(), StandardCharsets.ISO_8859_1));
        assertNotNull(r.defect());
        assertTrue(r.defect().startsWith("2 invalid"), r.defect());
    }

    @Test
    void quotedPrintableRunsAcrossReadBuffers() throws IOException {
        // ordinary bytes are copied in runs: a run, an escape and a soft break straddling the 64 KiB read buffer
        StringBuilder in = new StringBuilder();
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            in.append("line ").append(i).append(" of text=3D=\r\nmore   \r\n");
            want.append("line ").append(i).append(" of text=more\r\n");
        }
        TransferDecoder.Result r = TransferDecoder.decode(stream(in.toString()), TransferDecoder.Kind.QUOTED_PRINTABLE,
                10_000_000);
        assertEquals(want.toString(), new String(r.kept(), 0, r.keptLength(), StandardCharsets.ISO_8859_1));
        assertNull(r.defect());
        assertFalse(r.truncated());
    }

    @Test
    void keepsOnlyTheLimitButCountsEverything() throws IOException {
        TransferDecoder.Result r = TransferDecoder.decode(stream("abcdefgh"), TransferDecoder.Kind.QUOTED_PRINTABLE,
                5);
        assertEquals("abcde", new String(r.kept(), 0, r.keptLength(), StandardCharsets.ISO_8859_1));
        assertEquals(8, r.totalBytes());
        assertTrue(r.truncated());
        TransferDecoder.Result none = TransferDecoder.decode(stream("aGVsbG8="), TransferDecoder.Kind.BASE64, 0);
        assertEquals(0, none.keptLength());
        assertEquals(5, none.totalBytes(), "an attachment's bytes are counted, not kept");
    }

    @Test
    void base64AndIdentity() throws IOException {
        assertEquals("hello", decode("aGVs\r\nbG8=\r\n", TransferDecoder.Kind.BASE64, 1000));
        assertEquals("as it is\r\n", decode("as it is\r\n", TransferDecoder.Kind.IDENTITY, 1000));
    }
}
