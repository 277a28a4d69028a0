package org.pixelproof.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * A set of names (dossier file names) whose memory grows by a fixed few bytes per name, whatever their length: what a
 * run into a dossier folder needs to hand out names never given twice ({@link DossierFolder}) and to know which
 * dossiers it replaced ({@link DossierIndex}), for any number of e-mails.
 *
 * <p>Memory: an open-addressing table of two {@code long}s (16 bytes) per slot, at most {@value #MAX_LOAD_PERCENT}%
 * full and doubled when it would be fuller: between about 21 and 43 bytes per name (100,000 names: 2 to 4 MiB). A
 * slot holds a 64-bit hash of the name and where the name starts in a {@link SpillLog} (an unlinked temporary file,
 * in memory only when no temporary file can be created), opened at the first name added.
 *
 * <p>Exact: when two names share a hash, the name kept in the log is read back and compared, so two names are never
 * taken for one (a collision costs a read, never a wrong answer).
 *
 * <p>Not thread-safe: callers serialise the calls. {@link #close()} releases the log.
 */
final class NameSet implements Closeable {
    /** Fullest the table gets, in percent of its slots, before it doubles: 75. */
    static final int MAX_LOAD_PERCENT = 75;
    /** Slots of a new table: 256 (4 KiB). */
    static final int INITIAL_SLOTS = 1 << 8;

    private final Path temporaryFolder;
    private final ToLongFunction<String> hash;
    /** Per slot: {@code [2i]} the name's hash, {@code [2i+1]} its log offset + 1 (0: an empty slot). */
    private long[] table = new long[2 * INITIAL_SLOTS];
    private int size;
    private SpillLog log;

    /** @param temporaryFolder where the log goes, or {@code null} for the system's temporary folder */
    NameSet(Path temporaryFolder) {
        this(temporaryFolder, NameSet::hash64);
    }

    /**
     * @param temporaryFolder where the log goes, or {@code null} for the system's temporary folder
     * @param hash            the names' hash (tests give a poor one to make names collide)
     */
    NameSet(Path temporaryFolder, ToLongFunction<String> hash) {
        this.temporaryFolder = temporaryFolder;
        this.hash = hash;
    }

    /**
     * @return true when {@code name} was added, false when it was there already
     * @throws IOException when the log cannot be written or read
     */
    boolean add(String name) throws IOException {
        long h = hash.applyAsLong(name);
        int slot = find(name, h);
        if (slot < 0) {
            return false;
        }
        if (log == null) {
            log = SpillLog.open(temporaryFolder);
        }
        table[2 * slot] = h;
        table[2 * slot + 1] = log.append(name.getBytes(StandardCharsets.UTF_8)) + 1;
        if (++size * 100L > (long) MAX_LOAD_PERCENT * (table.length / 2)) {
            grow();
        }
        return true;
    }

    /**
     * @return true when {@code name} was added before (compared exactly, character for character)
     * @throws IOException when the log cannot be read
     */
    boolean contains(String name) throws IOException {
        return find(name, hash.applyAsLong(name)) < 0;
    }

    /** @return how many names were added */
    int size() {
        return size;
    }

    /** @return true when the names are kept in memory, no temporary file being available (or none added yet) */
    boolean inMemory() {
        return log == null || log.inMemory();
    }

    /** @return -1 when {@code name} is in the set, else the empty slot where it goes */
    private int find(String name, long h) throws IOException {
        int mask = table.length / 2 - 1;
        int slot = (int) (mix(h) & mask);
        byte[] utf8 = null;
        while (table[2 * slot + 1] != 0) {
            if (table[2 * slot] == h) {
                if (utf8 == null) {
                    utf8 = name.getBytes(StandardCharsets.UTF_8);
                }
                if (java.util.Arrays.equals(log.read(table[2 * slot + 1] - 1), utf8)) {
                    return -1;
                }
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length / 2 - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] == 0) {
                continue;
            }
            int slot = (int) (mix(old[i]) & mask);
            while (table[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = old[i];
            table[2 * slot + 1] = old[i + 1];
        }
    }

    /** @return a 64-bit FNV-1a hash of the name's UTF-16 code units */
    static long hash64(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Spreads a hash's bits over the table's index (the finaliser of MurmurHash3's 64-bit variant). */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    @Override
    public void close() throws IOException {
        if (log != null) {
            log.close();
        }
    }
}
