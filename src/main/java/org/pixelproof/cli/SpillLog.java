package org.pixelproof.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An append-only log of byte records kept out of the heap, for the run's compact tables ({@link SeenMessages},
 * {@link NameSet}): they keep a fixed-size slot per entry in memory and the entry's bytes here, read back only to
 * confirm a match. Each record is written as a 4-byte length followed by its bytes; {@link #append} gives the offset
 * {@link #read} takes.
 *
 * <p>The log is a temporary file, unlinked as soon as it is opened where the system allows it (Linux, macOS: no name
 * on disk, gone with the process however it ends), else deleted when closed; created owner-only where the file system
 * is POSIX. When no temporary file can be created, the records are kept in memory instead ({@link #inMemory()}).
 *
 * <p>Not thread-safe. {@link #close()} releases the file (or the memory).
 */
abstract class SpillLog implements Closeable {
    /**
     * @param temporaryFolder where the file goes, or {@code null} for the system's temporary folder
     *                        ({@code java.io.tmpdir})
     * @return a log in a temporary file, or in memory when no temporary file can be created there
     */
    static SpillLog open(Path temporaryFolder) {
        try {
            return new FileLog(temporaryFolder);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return new MemoryLog();
        }
    }

    /**
     * @param record the bytes to keep
     * @return the offset of the record, for {@link #read}; 0 for the first record, growing by
     *         {@code 4 + record.length} per record
     * @throws IOException when it cannot be written (or, in memory, when the log would exceed 2 GiB)
     */
    abstract long append(byte[] record) throws IOException;

    /**
     * @param offset an offset {@link #append} returned
     * @return the record's bytes
     * @throws IOException when it cannot be read
     */
    abstract byte[] read(long offset) throws IOException;

    /** @return true when the records are kept in memory, no temporary file being available */
    abstract boolean inMemory();

    /** The records in an unlinked temporary file. */
    private static final class FileLog extends SpillLog {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private long written; // bytes in the file, buffer excepted

        FileLog(Path folder) throws IOException {
            Path dir = folder != null ? folder : Path.of(System.getProperty("java.io.tmpdir"));
            Path file = Files.createTempFile(dir, "pixelproof-", ".tmp"); // owner-only where POSIX
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
        long append(byte[] record) throws IOException {
            long offset = written + buffer.position();
            if (buffer.remaining() < 4 + record.length) {
                flush();
                offset = written;
            }
            if (buffer.remaining() < 4 + record.length) {
                ByteBuffer big = ByteBuffer.allocate(4 + record.length).putInt(record.length).put(record).flip();
                while (big.hasRemaining()) {
                    written += channel.write(big, written);
                }
                return offset;
            }
            buffer.putInt(record.length).put(record);
            return offset;
        }

        @Override
        byte[] read(long offset) throws IOException {
            if (offset >= written) {
                int at = (int) (offset - written); // still in the buffer
                return Arrays.copyOfRange(buffer.array(), at + 4, at + 4 + buffer.getInt(at));
            }
            ByteBuffer length = ByteBuffer.allocate(4);
            readFully(length, offset);
            ByteBuffer record = ByteBuffer.allocate(length.flip().getInt());
            readFully(record, offset + 4);
            return record.array();
        }

        private void readFully(ByteBuffer into, long at) throws IOException {
            while (into.hasRemaining()) {
                if (channel.read(into, at + into.position()) < 0) {
                    throw new IOException("a temporary log of the run ends early");
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
        boolean inMemory() {
            return false;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The records in memory, when no temporary file can be created. */
    private static final class MemoryLog extends SpillLog {
        private byte[] bytes = new byte[1 << 12];
        private int length;

        @Override
        long append(byte[] record) throws IOException {
            int need = 4 + record.length;
            if ((long) length + need > Integer.MAX_VALUE - 16) {
                throw new IOException("too many records to keep in memory");
            }
            if (length + need > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16,
                        Math.max(length + need, 2L * bytes.length)));
            }
            ByteBuffer.wrap(bytes, length, need).putInt(record.length).put(record);
            long offset = length;
            length += need;
            return offset;
        }

        @Override
        byte[] read(long offset) {
            int at = (int) offset;
            int size = ByteBuffer.wrap(bytes, at, 4).getInt();
            return Arrays.copyOfRange(bytes, at + 4, at + 4 + size);
        }

        @Override
        boolean inMemory() {
            return true;
        }

        @Override
        public void close() {
            bytes = new byte[0];
        }
    }
}
