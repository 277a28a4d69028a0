package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.poi.hmef.CompressedRTF;
import org.junit.jupiter.api.Test;

/** The compressed RTF ([MS-OXRTFCP]) of an Outlook message is decompressed within a bound, whatever it claims. */
class BoundedRtfTest {
    private static final String PREFIX = OutlookMsgReaderTest.BOMB_PREFIX;

    @Test
    void aBombClaimingMoreThanTheLimitIsCutAtTheLimit() {
        long claimed = 2_400L * 17 + PREFIX.length();
        BoundedRtf.Result r = BoundedRtf.decompress(OutlookMsgReaderTest.lzfuBomb(PREFIX, 2_400, claimed), 4096);
        assertEquals(4096, r.rtf().length());
        assertTrue(r.truncated());
        assertEquals(claimed, r.claimedRawBytes());
        assertNull(r.problem());
        assertTrue(r.rtf().startsWith(PREFIX), "the literal start, then the expanded references");
    }

    @Test
    void aRawSizeOverTwoGibibytesIsReadUnsignedAndCutAtTheLimit() {
        BoundedRtf.Result r = BoundedRtf.decompress(OutlookMsgReaderTest.lzfuBomb(PREFIX, 2_400, 0xFFFF_FFFFL), 1000);
        assertEquals(4_294_967_295L, r.claimedRawBytes());
        assertEquals(1000, r.rtf().length());
        assertTrue(r.truncated());
    }

    @Test
    void anUnderstatedRawSizeBoundsTheOutputToo() {
        // what lies past RAWSIZE is no RTF: cut there, within the limit, and the limit was not what cut it
        BoundedRtf.Result r = BoundedRtf.decompress(OutlookMsgReaderTest.lzfuBomb(PREFIX, 2_400, 300), 4096);
        assertEquals(300, r.rtf().length());
        assertFalse(r.truncated());
        assertNull(r.problem());
    }

    @Test
    void anOverstatedRawSizeWithinWhatTheDataHoldsIsNotTruncation() {
        // a header that claims more than the data expands to, and more than the limit: all of it is read
        BoundedRtf.Result r = BoundedRtf.decompress(OutlookMsgReaderTest.lzfuBomb(PREFIX, 16, 1 << 30), 4096);
        int literal = (PREFIX.length() + 7) / 8 * 8;
        assertEquals(literal + 16 * 17, r.rtf().length(), "the prefix padded to 8 bytes, then 16 x 17");
        assertFalse(r.truncated());
    }

    @Test
    void readsWhatPoiReadsWhenWithinTheLimit() throws IOException {
        byte[] stream = OutlookMsgReaderTest.lzfuBomb(PREFIX, 80, (PREFIX.length() + 7) / 8 * 8 + 80 * 17);
        byte[] poi = new CompressedRTF().decompress(new ByteArrayInputStream(stream));
        BoundedRtf.Result r = BoundedRtf.decompress(stream, 1 << 20);
        assertEquals(new String(poi, StandardCharsets.ISO_8859_1), r.rtf());
        assertFalse(r.truncated());
    }

    @Test
    void anUncompressedStreamIsBoundedToo() {
        String rtf = "{\\rtf1\\ansi " + "x".repeat(10_000) + "}";
        BoundedRtf.Result r = BoundedRtf.decompress(OutlookMsgReaderTest.rtfStream(rtf), 2048);
        assertEquals(rtf.substring(0, 2048), r.rtf());
        assertTrue(r.truncated());
        BoundedRtf.Result whole = BoundedRtf.decompress(OutlookMsgReaderTest.rtfStream(rtf), 1 << 20);
        assertEquals(rtf, whole.rtf());
        assertFalse(whole.truncated());
    }

    @Test
    void aBadHeaderIsAProblemNotAnException() {
        BoundedRtf.Result cut = BoundedRtf.decompress(new byte[] {1, 0, 0, 0, -1, -1, -1, -1, 0x4c, 0x5a, 0x46, 0x75},
                4096);
        assertEquals("", cut.rtf());
        assertEquals(-1, cut.claimedRawBytes());
        assertNotNull(cut.problem());
        assertTrue(cut.problem().contains("16-byte header"), cut.problem());

        byte[] unknown = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(16).putInt(4)
                .putInt(0x12345678).putInt(0).putInt(0x41414141).array();
        BoundedRtf.Result r = BoundedRtf.decompress(unknown, 4096);
        assertEquals("", r.rtf());
        assertTrue(r.problem().contains("0x12345678"), r.problem());
    }
}
