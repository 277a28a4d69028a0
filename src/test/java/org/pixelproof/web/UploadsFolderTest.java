package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link UploadsFolder}: which folders may receive uploads (POSIX file systems only; skipped elsewhere). */
class UploadsFolderTest {

    @TempDir
    Path tmp;

    UserPrincipal me;

    @BeforeEach
    void posixOnly() throws IOException {
        assumeTrue(UploadsFolder.isPosix(tmp), "POSIX permissions are not available on this file system");
        // @TempDir makes a 0700 folder in java.io.tmpdir; the tests create their folders inside it.
        me = Files.getOwner(tmp);
    }

    private Path folder(String name, String mode) throws IOException {
        Path p = Files.createDirectory(tmp.resolve(name));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    @Test
    void aNewFolderIsPrivateFromTheStartWithAnUnguessableName() throws IOException {
        Path a = UploadsFolder.createPrivate(tmp, "pixelproof-uploads-");
        Path b = UploadsFolder.createPrivate(tmp, "pixelproof-uploads-");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
        assertEquals(UploadsFolder.serverUser(), Files.getOwner(a, LinkOption.NOFOLLOW_LINKS));
        assertTrue(a.getFileName().toString().matches("pixelproof-uploads-\\d{6,}"), a.toString());
        assertTrue(!a.equals(b), "each call makes its own folder");
    }

    @Test
    void theServerUserIsTheOwnerOfWhatTheProcessCreates() {
        assertEquals(me, UploadsFolder.serverUser());
    }

    @Test
    void aPrivateFolderIsAccepted() throws IOException {
        UploadsFolder.verify(folder("ok", "rwx------"), me);
    }

    @Test
    void aFolderOpenToEveryoneIsRefused() throws IOException {
        Path open = folder("open", "rwxrwxrwx");
        var e = assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.verify(open, me));
        assertTrue(e.getMessage().contains("rwxrwxrwx") && e.getMessage().contains("chmod 0700"), e.getMessage());
    }

    @Test
    void aFolderTheGroupCanReadIsRefused() throws IOException {
        Path group = folder("group", "rwxr-x---");
        assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.verify(group, me));
        Path others = folder("others", "rwx-----x");
        assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.verify(others, me));
    }

    @Test
    void aSymbolicLinkIsRefusedEvenToAPrivateFolder() throws IOException {
        Path target = folder("target", "rwx------");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        var e = assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.verify(link, me));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.prepare(link, me));
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));
        assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.verify(file, me));
    }

    @Test
    void aMissingFolderIsCreatedPrivate() throws IOException {
        Path made = UploadsFolder.prepare(tmp.resolve("a/b/uploads"), me);
        assertEquals(tmp.resolve("a/b/uploads"), made);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
    }

    @Test
    void anExistingOpenFolderIsNotRepairedButRefused() throws IOException {
        Path open = folder("open", "rwxrwxrwx");
        assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.prepare(open, me));
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
    }

    @Test
    void aFolderOfAnotherUserIsRefused() throws IOException {
        Path theirs = folder("theirs", "rwx------");
        UserPrincipal other = theirs.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("root".equals(me.getName()) ? "nobody" : "root");
        try {
            Files.setOwner(theirs, other);
        } catch (IOException e) {
            // Only root can give a folder away; as another user, check with a user that is not the owner instead.
            var refused = assertThrows(UploadsFolder.UnsafeFolderException.class,
                    () -> UploadsFolder.verify(theirs, other));
            assertTrue(refused.getMessage().contains("belongs to"), refused.getMessage());
            return;
        }
        var refused = assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.verify(theirs, me));
        assertTrue(refused.getMessage().contains("belongs to " + other.getName()), refused.getMessage());
    }

    @Test
    void aFolderInsideAFolderOthersCanWriteIsRefused() throws IOException {
        // Without the sticky bit, anyone can rename the private folder away and put their own in its place.
        Path shared = folder("shared", "rwxrwxrwx");
        Path inside = Files.createDirectory(shared.resolve("uploads"));
        Files.setPosixFilePermissions(inside, PosixFilePermissions.fromString("rwx------"));
        var e = assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.verify(inside, me));
        assertTrue(e.getMessage().contains("sticky"), e.getMessage());
    }

    /** A link on the way that another user owns can be pointed elsewhere by them mid-upload (hostile trial F6). */
    @Test
    void aPathThroughAnotherUsersSymbolicLinkIsRefused() throws IOException {
        Path real = folder("real", "rwx------");
        Path up = Files.createDirectory(real.resolve("up"));
        Files.setPosixFilePermissions(up, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("lnk"), real);
        Path through = link.resolve("up");
        UploadsFolder.verify(through, me); // the link is the server user's own: accepted
        UserPrincipal other = tmp.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("root".equals(me.getName()) ? "nobody" : "root");
        try {
            Files.getFileAttributeView(link, java.nio.file.attribute.PosixFileAttributeView.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).setOwner(other);
        } catch (IOException e) {
            assumeTrue(false, "only root can give a symbolic link to another user");
        }
        var refused = assertThrows(UploadsFolder.UnsafeFolderException.class, () -> UploadsFolder.verify(through,
                me));
        assertTrue(refused.getMessage().contains("symbolic link " + link), refused.getMessage());
    }
}
