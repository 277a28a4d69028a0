package org.pixelproof.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The messages met so far in a run, by {@link DuplicateKey}, with the name of the first input that held each: what
 * the run needs to tell the same message given twice, in memory that grows by a few bytes per distinct message only.
 * The dossier sinks keep one too, with the dossier that holds each message instead of an input's name, to list its
 * copies in {@code index.csv}.
 *
 * <p>Memory: an open-addressing table of two {@code long}s (16 bytes) per slot, at most {@value #MAX_LOAD_PERCENT}%
 * full and doubled when it would be fuller: between about 21 and 43 bytes per distinct message (100,000 messages:
 * 2 to 4 MiB), whatever the length of the names. A slot holds the first 88 bits of the key and where its record
 * starts in the name log.
 *
 * <p>The name log holds, per distinct message, its whole key (32 bytes) and the name of the first input that held it
 * (UTF-8): it is read back only when a copy shows up, which also checks the whole key (two messages are never taken
 * for one on 88 bits alone). It is a {@link SpillLog}: a temporary file, unlinked as soon as it is opened where the
 * system allows it (Linux, macOS: no name on disk, gone with the process however it ends), else deleted when closed;
 * when no temporary file can be created, the names are kept in memory instead (then about 40 more bytes per message).
 *
 * <p>Not thread-safe: used by the run's writer thread only. {@link #close()} releases the log.
 */
final class SeenMessages implements Closeable {
    /** Fullest the table gets, in percent of its slots, before it doubles: 75. */
    static final int MAX_LOAD_PERCENT = 75;
    /** Slots of a new table: 1,024 (16 KiB). */
    static final int INITIAL_SLOTS = 1 << 10;
    /** Largest name-log offset a slot can hold: 2^40 - 2 bytes (1 TiB of names). */
    private static final long MAX_OFFSET = (1L << 40) - 2;
    private static final long OFFSET_MASK = (1L << 40) - 1;
    private static final int KEY_BYTES = 32;

    /** Per slot: {@code [2i]} the key's first 64 bits, {@code [2i+1]} its next 24 bits and the log offset + 1. */
    private long[] table = new long[2 * INITIAL_SLOTS];
    private int size;
    /** Per distinct message, {@code [32-byte key][UTF-8 name]}. */
    private final SpillLog log;

    /**
     * @param temporaryFolder where the name log goes, or {@code null} for the system's temporary folder
     */
    SeenMessages(Path temporaryFolder) {
        this.log = SpillLog.open(temporaryFolder);
    }

    /** @return true when the names are kept in memory, no temporary file being available */
    boolean inMemory() {
        return log.inMemory();
    }

    /**
     * Records a message, unless a message of the same key was recorded before.
     *
     * @param key  the message's {@link DuplicateKey}: 64 lower-case hex digits
     * @param name the input's name
     * @return {@code null} when the message is new (now recorded), else the name of the first input that held it
     * @throws IOException when the name log cannot be written or read
     */
    String firstOrAdd(String key, String name) throws IOException {
        byte[] whole = keyBytes(key);
        long hi = ByteBuffer.wrap(whole, 0, 8).getLong();
        long tag = (ByteBuffer.wrap(whole, 8, 8).getLong() >>> 40) << 40; // the next 24 bits, in the high bits
        int slot = slotOf(whole, hi, tag);
        if (slot < 0) {
            return nameAt(-slot - 1);
        }
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] entry = Arrays.copyOf(whole, KEY_BYTES + utf8.length);
        System.arraycopy(utf8, 0, entry, KEY_BYTES, utf8.length);
        long offset = log.append(entry);
        if (offset > MAX_OFFSET) {
            throw new IOException("the names of the messages seen exceed 1 TiB");
        }
        table[2 * slot] = hi;
        table[2 * slot + 1] = tag | (offset + 1);
        if (++size * 100L > (long) MAX_LOAD_PERCENT * (table.length / 2)) {
            grow();
        }
        return null;
    }

    /**
     * @param key a message's {@link DuplicateKey}: 64 lower-case hex digits
     * @return the name recorded with that key ({@link #firstOrAdd}), or {@code null} when none was; records nothing
     * @throws IOException when the name log cannot be read
     */
    String find(String key) throws IOException {
        byte[] whole = keyBytes(key);
        long hi = ByteBuffer.wrap(whole, 0, 8).getLong();
        long tag = (ByteBuffer.wrap(whole, 8, 8).getLong() >>> 40) << 40;
        int slot = slotOf(whole, hi, tag);
        return slot < 0 ? nameAt(-slot - 1) : null;
    }

    private static byte[] keyBytes(String key) {
        byte[] whole = HexFormat.of().parseHex(key);
        if (whole.length != KEY_BYTES) {
            throw new IllegalArgumentException("a duplicate key is a SHA-256");
        }
        return whole;
    }

    /** @return {@code -(slot + 1)} for the slot that holds the key, else the empty slot where it would go */
    private int slotOf(byte[] whole, long hi, long tag) throws IOException {
        int mask = table.length / 2 - 1;
        int slot = (int) (mix(hi) & mask);
        while (true) {
            long offsetPlusOne = table[2 * slot + 1] & OFFSET_MASK;
            if (offsetPlusOne == 0) {
                return slot;
            }
            if (table[2 * slot] == hi && (table[2 * slot + 1] & ~OFFSET_MASK) == tag) {
                byte[] entry = log.read(offsetPlusOne - 1);
                if (Arrays.equals(entry, 0, KEY_BYTES, whole, 0, KEY_BYTES)) {
                    return -slot - 1;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /** @return the name recorded in a slot that holds a key */
    private String nameAt(int slot) throws IOException {
        byte[] entry = log.read((table[2 * slot + 1] & OFFSET_MASK) - 1);
        return new String(entry, KEY_BYTES, entry.length - KEY_BYTES, StandardCharsets.UTF_8);
    }

    /** @return how many distinct messages were recorded */
    int size() {
        return size;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length / 2 - 1;
        for (int i = 0; i < old.length; i += 2) {
            if ((old[i + 1] & OFFSET_MASK) == 0) {
                continue;
            }
            int slot = (int) (mix(old[i]) & mask);
            while ((table[2 * slot + 1] & OFFSET_MASK) != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = old[i];
            table[2 * slot + 1] = old[i + 1];
        }
    }

    /** The key's bits are a SHA-256's, already uniform; mixed anyway so that a table index never depends on few. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
