package org.pixelproof.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One dossier folder of a run ({@code --pdf DIR}, {@code --sender-pdf DIR}): hands out the dossiers' file names, each
 * unique within the run, and writes files into the folder without ever writing through a link planted there.
 *
 * <p><b>Names.</b> A name is reserved before its dossier is written, and never handed out twice in a run, whatever
 * the inputs: names are compared without case ({@code A.pdf} and {@code a.pdf} are one file on macOS and Windows), and
 * a wanted name already taken gets a suffix ({@link #reserve}), then a counter ({@code -2}, {@code -3}...) until the
 * name is free. The same inputs in the same order give the same names. Files already in the folder before the run
 * are not taken into account: the run replaces those of the same name (stderr says when the folder was not empty).
 *
 * <p><b>Writing.</b> {@link #write} writes a new file under a random hidden name ({@code .<name>.<random>.tmp}, created
 * exclusively: it never opens an existing path) and then renames it to its final name, replacing what is there: a
 * symbolic link at that name (planted to make the run write elsewhere) is replaced as a link, its target left
 * untouched. The rename is atomic where the file system allows it, so that a reader sees the old file or the new one,
 * never half of one.
 *
 * <p>Memory: a few bytes per name handed out, whatever its length ({@link NameSet}: 21 to 43 bytes per name, the names
 * themselves in an unlinked temporary file). {@link #close()} releases that file.
 *
 * <p>Thread-safe: names are reserved under a lock, and writes of different names may run at once.
 */
final class DossierFolder implements Closeable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    /** The names handed out in this run, in lower case (Locale.ROOT): a few bytes per name ({@link NameSet}). */
    private final NameSet taken;

    /**
     * @param dir             the dossier folder, which must exist
     * @param temporaryFolder where the names handed out are logged ({@link NameSet}), or {@code null} for the
     *                        system's temporary folder
     */
    DossierFolder(Path dir, Path temporaryFolder) {
        this(dir, new NameSet(temporaryFolder));
    }

    /** @param taken where the names handed out are kept (tests give one whose names collide) */
    DossierFolder(Path dir, NameSet taken) {
        this.dir = dir;
        this.taken = taken;
    }

    Path dir() {
        return dir;
    }

    /**
     * Reserves one file name.
     *
     * @param stem      the wanted name without extension, already made safe ({@link PdfSink#fileName})
     * @param extension the extension with its dot, e.g. {@code .pdf}
     * @param suffix    what tells this dossier apart when {@code stem} is taken, e.g. the first 8 hex digits of its
     *                  SHA-256
     * @return the first free name of {@code stem}, {@code stem-suffix}, {@code stem-suffix-2},
     *         {@code stem-suffix-3}..., without extension; reserved for the caller
     * @throws IOException when the names handed out cannot be logged or read back ({@link NameSet})
     */
    synchronized String reserve(String stem, String extension, String suffix) throws IOException {
        return reserveAll(stem, List.of(""), extension, suffix);
    }

    /**
     * Reserves a group of file names that share a stem, e.g. a sender's dossier and its further parts
     * ({@code shop.example}, {@code shop.example-part2}): all are free under the returned stem, so the group stays
     * together.
     *
     * @param stem      the wanted stem, already made safe
     * @param endings   what follows the stem in each name of the group, e.g. {@code ["", "-part2"]}; not empty
     * @param extension the extension with its dot
     * @param suffix    what tells this group apart when one of its names is taken
     * @return the first stem among {@code stem}, {@code stem-suffix}, {@code stem-suffix-2}... under which every name
     *         of the group is free; those names are reserved for the caller
     * @throws IOException when the names handed out cannot be logged or read back ({@link NameSet})
     */
    synchronized String reserveAll(String stem, List<String> endings, String extension, String suffix)
            throws IOException {
        for (int n = 0; ; n++) {
            String candidate = n == 0 ? stem : n == 1 ? stem + "-" + suffix : stem + "-" + suffix + "-" + n;
            List<String> keys = new ArrayList<>(endings.size());
            for (String ending : endings) {
                keys.add((candidate + ending + extension).toLowerCase(Locale.ROOT));
            }
            if (new HashSet<>(keys).size() == keys.size() && noneTaken(keys)) {
                for (String key : keys) {
                    taken.add(key);
                }
                return candidate;
            }
        }
    }

    private boolean noneTaken(List<String> keys) throws IOException {
        for (String key : keys) {
            if (taken.contains(key)) {
                return false;
            }
        }
        return true;
    }

    /** Releases the log of the names handed out; the folder's files are left as they are. */
    @Override
    public synchronized void close() throws IOException {
        taken.close();
    }

    /**
     * Writes a file of this folder, replacing the file or link of that name (see the class comment).
     *
     * @param name    a file name of this folder, no folder part
     * @param content the whole content
     * @throws IOException when it cannot be written; the file of that name is then left as it was
     */
    void write(String name, byte[] content) throws IOException {
        Path tmp = temporaryName(dir, name);
        OutputStream created = createNew(tmp); // fails, deleting nothing, should that name exist
        try {
            try (OutputStream out = created) {
                out.write(content);
            }
            moveReplacing(tmp, dir.resolve(name));
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * @param dir  a folder
     * @param name the final name of the file being written there
     * @return a hidden name for it while it is written, {@code .<name>.<random>.tmp}, in {@code dir}
     */
    static Path temporaryName(Path dir, String name) {
        return dir.resolve("." + name + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
    }

    /**
     * Creates a new file, exclusively (never an existing path, nor through a link), with the permissions a new file
     * gets from the user's umask ({@code 0666} less the umask on POSIX systems), as every file the run writes in a
     * dossier folder: unlike {@link Files#createTempFile}, which makes it readable by its owner only.
     *
     * @return the open stream; the caller closes it
     * @throws IOException when the file exists or cannot be created
     */
    static OutputStream createNew(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Renames {@code from} to {@code to}, replacing {@code to} (a symbolic link itself, not its target); atomically
     * where the file system allows it.
     */
    static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }
}
