package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are not regular files (devices, named pipes, links to them), names the system cannot represent, and
 * folders that can be listed but not entered: each is reported, never read, and the run goes on.
 */
class SpecialInputsTest {
    static final String N1 = AnalyzeCommandTest.N1;
    static final String ORDER = AnalyzeCommandTest.ORDER;

    @TempDir
    Path tmp;

    private Path fifo(Path where) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", where.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this system: " + e.getMessage());
            throw e;
        }
        Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return where;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard: before the fix, opening the pipe waited forever
    void aNamedPipeOrADeviceOnTheCommandLineIsReportedWithoutBeingOpened() throws Exception {
        Path pipe = fifo(tmp.resolve("fifo.eml"));
        Path device = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(device), "no /dev/null");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", pipe.toString(), device.toString(), N1,
                "--json");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertEquals(List.of(N1), AnalyzeCommandTest.files(r.json()));
        assertTrue(r.err().contains(pipe + ": skipped: not a regular file (a device, a named pipe or a socket): only"
                + " files and folders are read"), r.err());
        assertTrue(r.err().contains(device + ": skipped: not a regular file"), r.err());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void specialFilesInAFolderAreCountedAndSkippedUnopened() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mail"));
        Files.copy(Path.of(N1), dir.resolve("a.eml"));
        fifo(dir.resolve("pipe.eml"));
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero");
        Files.createSymbolicLink(dir.resolve("zero.mbox"), zero);
        Files.createSymbolicLink(dir.resolve("gone.eml"), dir.resolve("nothing-there"));
        Files.createSymbolicLink(dir.resolve("order.eml"), Path.of(ORDER).toAbsolutePath());
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of(dir.resolve("a.eml").toString(), dir.resolve("order.eml").toString()),
                AnalyzeCommandTest.files(r.json()), "a link to a file is followed");
        assertTrue(r.err().contains("3 special file(s) in the folders were skipped unopened: not regular files"
                + " (devices, named pipes, sockets, broken symbolic links) (" + dir.resolve("gone.eml") + ", "
                + dir.resolve("pipe.eml") + ", " + dir.resolve("zero.mbox") + ")."), r.err());
    }

    @Test
    void aLinkToADeviceOnTheCommandLineIsNotAnEmptyMbox() throws IOException {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero");
        Path link = Files.createSymbolicLink(tmp.resolve("zero.mbox"), zero);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", link.toString(), N1, "--json");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains(link + ": skipped: not a regular file"), r.err());
        assertEquals(List.of(N1), AnalyzeCommandTest.files(r.json()));
    }

    @Test
    void aBrokenLinkOnTheCommandLineIsSaidToBeOne() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("gone.eml"), tmp.resolve("nothing-there"));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", link.toString(), N1, "--json");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains(link + ": skipped: broken symbolic link (its target does not exist)"), r.err());
    }

    /** The inputs a walk hands over, with the reason of those that fail. */
    private static List<String> walk(InputWalker walker, List<String> paths) throws InterruptedException {
        List<String> got = new ArrayList<>();
        walker.walk(paths, input -> {
            try {
                input.loader().load();
                got.add(input.name());
            } catch (InputException e) {
                got.add(input.name() + ": " + e.getMessage() + (e.internal() ? " [internal]" : ""));
            }
        });
        return got;
    }

    @Test
    void aNameThisSystemCannotRepresentFailsAloneWithTheAdvice() throws Exception {
        String unrepresentable = tmp.resolve("utf/caf\u00e9-\u00e9t\u00e9.eml").toString();
        InputWalker walker = new InputWalker(1 << 20, new IngestMailboxFormats(),
                (path, follow) -> follow ? Files.readAttributes(path, BasicFileAttributes.class)
                        : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS),
                given -> {
                    if (given.chars().anyMatch(c -> c > 127)) {
                        throw new InvalidPathException(given, "Malformed input or input contains unmappable"
                                + " characters");
                    }
                    return Path.of(given);
                });
        List<String> got = walk(walker, List.of(N1, unrepresentable, ORDER));
        assertEquals(3, got.size(), got.toString());
        assertEquals(N1, got.get(0));
        assertTrue(got.get(1).startsWith(unrepresentable + ": its name cannot be represented in this system's"
                + " file-name encoding ("), got.get(1));
        assertTrue(got.get(1).endsWith("); run PixelProof with a UTF-8 locale, e.g. LANG=C.UTF-8"), got.get(1));
        assertEquals(ORDER, got.get(2));
    }

    @Test
    void aFolderThatCanBeListedButNotEnteredIsReported() throws Exception {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.copy(Path.of(N1), locked.resolve("a.eml"));
        Files.copy(Path.of(ORDER), locked.resolve("b.eml"));
        // as root, permissions are not enforced: stand in for a folder of mode 444 (read, no search permission)
        InputWalker walker = new InputWalker(1 << 20, new IngestMailboxFormats(), (path, follow) -> {
            if (locked.equals(path.getParent())) {
                throw new AccessDeniedException(path.toString());
            }
            return follow ? Files.readAttributes(path, BasicFileAttributes.class)
                    : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }, Path::of);
        List<String> got = walk(walker, List.of(locked.toString(), N1));
        assertEquals(List.of(locked + ": folder cannot be entered (permission denied: it can be listed, not opened);"
                + " its 2 entries were not read", N1), got);
    }

    @Test
    void aFolderOfMode444IsReportedWhenPermissionsAreEnforced() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root ignores permissions");
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.copy(Path.of(N1), locked.resolve("a.eml"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        try {
            AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", locked.toString(), ORDER, "--json");
            assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
            assertTrue(r.err().contains(locked + ": skipped: folder cannot be entered"), r.err());
            assertEquals(List.of(ORDER), AnalyzeCommandTest.files(r.json()));
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString(
                    "rwx------"));
        }
    }
}
