package org.pixelproof.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The messages met so far in a run, by {@link DuplicateKey}, with the name of the first input that held each: what
 * the run needs to tell the same message given twice, in memory that grows by a few bytes per distinct message only.
 *
 * <p>Memory: an open-addressing table of two {@code long}s (16 bytes) per slot, at most {@value #MAX_LOAD_PERCENT}%
 * full and doubled when it would be fuller: between about 21 and 43 bytes per distinct message (100,000 messages:
 * 2 to 4 MiB), whatever the length of the names. A slot holds the first 88 bits of the key and where its record
 * starts in the name log.
 *
 * <p>The name log holds, per distinct message, its whole key (32 bytes) and the name of the first input that held it
 * (UTF-8): it is read back only when a copy shows up, which also checks the whole key (two messages are never taken
 * for one on 88 bits alone). It is a temporary file, unlinked as soon as it is opened where the system allows it
 * (Linux, macOS: no name on disk, gone with the process however it ends), else deleted when closed; when no
 * temporary file can be created, the names are kept in memory instead (then about 40 more bytes per message).
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
    private final NameLog log;

    /**
     * @param temporaryFolder where the name log goes, or {@code null} for the system's temporary folder
     */
    SeenMessages(Path temporaryFolder) {
        NameLog file;
        try {
            file = new FileNameLog(temporaryFolder);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            file = new MemoryNameLog();
        }
        this.log = file;
    }

    /** @return true when the names are kept in memory, no temporary file being available */
    boolean inMemory() {
        return log instanceof MemoryNameLog;
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
        byte[] whole = HexFormat.of().parseHex(key);
        if (whole.length != KEY_BYTES) {
            throw new IllegalArgumentException("a duplicate key is a SHA-256");
        }
        long hi = ByteBuffer.wrap(whole, 0, 8).getLong();
        long tag = (ByteBuffer.wrap(whole, 8, 8).getLong() >>> 40) << 40; // the next 24 bits, in the high bits
        int mask = table.length / 2 - 1;
        int slot = (int) (mix(hi) & mask);
        while (true) {
            long offsetPlusOne = table[2 * slot + 1] & OFFSET_MASK;
            if (offsetPlusOne == 0) {
                break;
            }
            if (table[2 * slot] == hi && (table[2 * slot + 1] & ~OFFSET_MASK) == tag) {
                NameLog.Entry entry = log.read(offsetPlusOne - 1);
                if (Arrays.equals(entry.key(), whole)) {
                    return entry.name();
                }
            }
            slot = (slot + 1) & mask;
        }
        long offset = log.append(whole, name);
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

    /** Where each distinct message's whole key and first name are kept. */
    private interface NameLog extends Closeable {
        record Entry(byte[] key, String name) {
        }

        /** @return the offset of the record written */
        long append(byte[] key, String name) throws IOException;

        Entry read(long offset) throws IOException;
    }

    /** The names in an unlinked temporary file: {@code [32-byte key][4-byte length][UTF-8 name]} per message. */
    private static final class FileNameLog implements NameLog {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private long written; // bytes in the file, buffer excepted

        FileNameLog(Path folder) throws IOException {
            Path dir = folder != null ? folder : Path.of(System.getProperty("java.io.tmpdir"));
            Path file = Files.createTempFile(dir, "pixelproof-seen-", ".tmp"); // owner-only where POSIX
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            try {
                Files.deleteIfExists(file); // no name on disk any more; the open channel keeps the data
            } catch (IOException e) {
                // a system that cannot remove an open file (Windows): DELETE_ON_CLOSE does it at the end
            }
        }

        @Override
        public long append(byte[] key, String name) throws IOException {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            long offset = written + buffer.position();
            if (buffer.remaining() < KEY_BYTES + 4 + utf8.length) {
                flush();
                offset = written;
            }
            if (buffer.remaining() < KEY_BYTES + 4 + utf8.length) {
                ByteBuffer big = ByteBuffer.allocate(KEY_BYTES + 4 + utf8.length).put(key).putInt(utf8.length)
                        .put(utf8).flip();
                while (big.hasRemaining()) {
                    written += channel.write(big, written);
                }
                return offset;
            }
            buffer.put(key).putInt(utf8.length).put(utf8);
            return offset;
        }

        @Override
        public Entry read(long offset) throws IOException {
            flush();
            ByteBuffer head = ByteBuffer.allocate(KEY_BYTES + 4);
            readFully(head, offset);
            byte[] key = new byte[KEY_BYTES];
            head.flip().get(key);
            ByteBuffer name = ByteBuffer.allocate(head.getInt());
            readFully(name, offset + KEY_BYTES + 4);
            return new Entry(key, new String(name.array(), StandardCharsets.UTF_8));
        }

        private void readFully(ByteBuffer into, long at) throws IOException {
            while (into.hasRemaining()) {
                if (channel.read(into, at + into.position()) < 0) {
                    throw new IOException("the name log of duplicate detection ends early");
                }
            }
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                written += channel.write(buffer, written);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The names in memory, when no temporary file can be created. */
    private static final class MemoryNameLog implements NameLog {
        private byte[] bytes = new byte[1 << 12];
        private int length;

        @Override
        public long append(byte[] key, String name) throws IOException {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            int need = KEY_BYTES + 4 + utf8.length;
            if ((long) length + need > Integer.MAX_VALUE - 16) {
                throw new IOException("too many names to keep in memory for duplicate detection");
            }
            if (length + need > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16,
                        Math.max(length + need, 2L * bytes.length)));
            }
            ByteBuffer.wrap(bytes, length, need).put(key).putInt(utf8.length).put(utf8);
            long offset = length;
            length += need;
            return offset;
        }

        @Override
        public Entry read(long offset) {
            ByteBuffer b = ByteBuffer.wrap(bytes, (int) offset, bytes.length - (int) offset);
            byte[] key = new byte[KEY_BYTES];
            b.get(key);
            byte[] name = new byte[b.getInt()];
            b.get(name);
            return new Entry(key, new String(name, StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            bytes = new byte[0];
        }
    }
}
