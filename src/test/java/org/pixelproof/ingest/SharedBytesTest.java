package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link SharedBytes} reads as {@link jakarta.mail.util.SharedByteArrayInputStream} does. */
class SharedBytesTest {
    private static final byte[] BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void readsBytesThenMinusOne() {
        SharedBytes in = new SharedBytes(BYTES, 2, 3);
        assertEquals('2', in.read());
        assertEquals('3', in.read());
        assertEquals(1, in.available());
        assertEquals('4', in.read());
        assertEquals(-1, in.read());
        assertEquals(0, in.available());
    }

    @Test
    void readsIntoArraysAsByteArrayInputStream() {
        SharedBytes in = new SharedBytes(BYTES);
        byte[] b = new byte[4];
        assertEquals(0, in.read(b, 1, 0));
        assertEquals(3, in.read(b, 1, 3));
        assertArrayEquals(new byte[] {0, '0', '1', '2'}, b);
        assertEquals(7, in.skip(100));
        assertEquals(-1, in.read(b, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(b, 3, 2));
    }

    @Test
    void markAndResetAndPosition() {
        SharedBytes in = new SharedBytes(BYTES, 4, 6);
        assertEquals(0, in.getPosition());
        in.read();
        in.mark(10);
        in.read();
        in.read();
        assertEquals(3, in.getPosition());
        in.reset();
        assertEquals('5', in.read());
    }

    @Test
    void newStreamsAreViewsOfTheSameKind() throws IOException {
        SharedBytes in = new SharedBytes(BYTES, 3, 7); // "3456789"
        InputStream part = in.newStream(2, 5);
        assertInstanceOf(SharedBytes.class, part);
        assertArrayEquals("567".getBytes(StandardCharsets.US_ASCII), part.readAllBytes());
        InputStream rest = ((SharedBytes) in.newStream(1, -1)).newStream(1, -1);
        assertArrayEquals("56789".getBytes(StandardCharsets.US_ASCII), rest.readAllBytes());
        assertThrows(IllegalArgumentException.class, () -> in.newStream(-1, 2));
    }

    @Test
    void aViewPastTheEndBehavesAsTheLockedOne() throws IOException {
        byte[] ten = new byte[10];
        InputStream locked = new jakarta.mail.util.SharedByteArrayInputStream(ten).newStream(15, -1);
        InputStream unlocked = new SharedBytes(ten).newStream(15, -1);
        assertEquals(locked.available(), unlocked.available());
        assertEquals(locked.skip(3), unlocked.skip(3));
        assertEquals(((jakarta.mail.internet.SharedInputStream) locked).getPosition(),
                ((jakarta.mail.internet.SharedInputStream) unlocked).getPosition());
        assertEquals(locked.read(), unlocked.read());
    }
}
