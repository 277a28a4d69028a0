package org.pixelproof.web;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * SECURITY-CRITICAL. The folder where the HTTP server writes uploaded files while a request is read
 * ({@code quarkus.http.body.uploads-directory}): an uploaded e-mail is personal data, and the stored analysis and
 * dossier are evidence, so no other local user may read, replace, move or pre-create a file there.
 *
 * <p>A folder is <b>private</b> ({@link #verify}) when, on a POSIX file system:
 * <ul>
 * <li>it is a real directory, not a symbolic link (checked without following links);</li>
 * <li>it is owned by the server's user;</li>
 * <li>it grants nothing to group or others (mode {@code 0700} or stricter);</li>
 * <li>no symbolic link on its path as written belongs to another user than {@code root} or the server's user (its
 * owner could point it at another folder at any time);</li>
 * <li>no folder above it lets another user rename or replace it: each ancestor (links resolved) is owned by
 * {@code root} or by the server's user, and is not writable by group or others unless it has the sticky bit (as
 * {@code /tmp} has, mode {@code 1777}). This is the rule OpenSSH's {@code StrictModes} applies to a home folder.
 * The sticky bit is read through the JDK's {@code unix:mode} attribute (Linux, macOS, BSD); where the JDK does not
 * offer it, a group- or world-writable ancestor is refused.</li>
 * </ul>
 *
 * <p>On a file system without POSIX permissions (Windows' NTFS), only the first rule is checked: permissions there
 * are access-control lists, and the JDK's default temporary folder ({@code %TEMP%}, under the user's profile) is
 * private to the user already. {@link #isPosix} tells which case applies.
 *
 * <p>Stateless and thread-safe; every method touches the file system (a few {@code stat} calls).
 */
public final class UploadsFolder {

    /** The permissions of a private folder: {@code rwx------} ({@code 0700}). */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The sticky bit in a {@code unix:mode} value ({@code S_ISVTX}). */
    private static final int STICKY = 01000;

    private UploadsFolder() {
    }

    /** Thrown when a folder is not private; the message says why and how to fix it. */
    public static final class UnsafeFolderException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnsafeFolderException(String message) {
            super(message);
        }

        UnsafeFolderException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Creates a new private folder with an unguessable name ({@link Files#createTempDirectory}: the prefix followed by
     * random digits) in {@code parent}, mode {@code 0700} from its creation on (no window with wider permissions).
     * Nobody can pre-create it or predict it to deny service.
     *
     * @param parent the folder to create it in, usually {@code java.io.tmpdir}
     * @param prefix the start of its name, e.g. {@code "pixelproof-uploads-"}
     * @return the absolute path of the new folder
     * @throws UnsafeFolderException if it cannot be created, or is not private once created (see {@link #verify})
     */
    public static Path createPrivate(Path parent, String prefix) {
        Path dir;
        try {
            dir = isPosix(parent)
                    ? Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempDirectory(parent, prefix);
        } catch (IOException | RuntimeException e) {
            throw new UnsafeFolderException("cannot create a private folder for uploads in " + parent + " ("
                    + e.getClass().getSimpleName() + "). Make " + parent + " writable by the server's user, or set "
                    + "quarkus.http.body.uploads-directory to a private folder (mode 0700).", e);
        }
        dir = dir.toAbsolutePath();
        verify(dir, owner(dir));
        return dir;
    }

    /**
     * Makes sure the folder an operator configured is private: creates it with mode {@code 0700} if absent (its
     * missing parents with the default permissions), then {@linkplain #verify verifies} it.
     *
     * @param dir the configured folder (relative paths are resolved against the working folder)
     * @param serverUser the user the server runs as ({@link #serverUser()})
     * @return the absolute path of the folder
     * @throws UnsafeFolderException if it cannot be created or is not private; nothing is changed on an existing
     *         folder (its permissions are not "repaired": an attacker may already hold it open)
     */
    public static Path prepare(Path dir, UserPrincipal serverUser) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (absolute.getParent() != null) {
                    Files.createDirectories(absolute.getParent());
                }
                if (isPosix(absolute.getParent())) {
                    Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(absolute);
                }
            } catch (FileAlreadyExistsException e) {
                // created by someone else meanwhile: verify() below judges it
            } catch (IOException | RuntimeException e) {
                throw new UnsafeFolderException("cannot create the uploads folder " + absolute + " ("
                        + e.getClass().getSimpleName() + "). Create it yourself, owned by the server's user with "
                        + "mode 0700 (mkdir -m 0700 " + absolute + "), or unset quarkus.http.body.uploads-directory "
                        + "so that the server makes a private one in java.io.tmpdir at each start.", e);
            }
        }
        verify(absolute, serverUser);
        return absolute;
    }

    /**
     * Checks that {@code dir} is private (the rules are in the class comment). Changes nothing.
     *
     * @param dir the folder, absolute
     * @param serverUser the user the server runs as ({@link #serverUser()}); unused on a non-POSIX file system
     * @throws UnsafeFolderException naming the broken rule and the fix
     */
    public static void verify(Path dir, UserPrincipal serverUser) {
        String fix = " Fix: set quarkus.http.body.uploads-directory to a folder that only the server's user can enter "
                + "(mkdir -m 0700 FOLDER, as that user), or unset it so that the server makes a private one in "
                + "java.io.tmpdir at each start.";
        BasicFileAttributes basic;
        try {
            basic = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new UnsafeFolderException("the uploads folder " + dir + " does not exist." + fix, e);
        } catch (IOException e) {
            throw new UnsafeFolderException("cannot read the attributes of the uploads folder " + dir + " ("
                    + e.getClass().getSimpleName() + ")." + fix, e);
        }
        if (basic.isSymbolicLink()) {
            throw new UnsafeFolderException("the uploads folder " + dir + " is a symbolic link: whoever can change "
                    + "the link can redirect the uploads. Configure the real folder instead." + fix);
        }
        if (!basic.isDirectory()) {
            throw new UnsafeFolderException("the uploads folder " + dir + " is not a directory." + fix);
        }
        if (!isPosix(dir)) {
            return;
        }
        PosixFileAttributes posix = posix(dir, fix);
        if (!posix.owner().equals(serverUser)) {
            throw new UnsafeFolderException("the uploads folder " + dir + " belongs to " + posix.owner().getName()
                    + ", not to the server's user " + serverUser.getName() + ": its owner can read and replace the "
                    + "uploaded e-mails." + fix);
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(posix.permissions());
        open.retainAll(GROUP_OR_OTHERS);
        if (!open.isEmpty()) {
            throw new UnsafeFolderException("the uploads folder " + dir + " has mode "
                    + PosixFilePermissions.toString(posix.permissions()) + ": group or other users can enter it and "
                    + "read or replace the uploaded e-mails. Make it private (chmod 0700 " + dir + ") after checking "
                    + "that nobody else created it." + fix);
        }
        verifyAncestors(dir, serverUser, fix);
    }

    private static void verifyAncestors(Path dir, UserPrincipal serverUser, String fix) {
        // the path as written first: a symbolic link on the way that another user owns can be pointed elsewhere by
        // that user at any time, whatever the folders it points to now
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.isSymbolicLink(p)) {
                    UserPrincipal owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS);
                    if (!owner.equals(serverUser) && !"root".equals(owner.getName())) {
                        throw new UnsafeFolderException("the path of the uploads folder " + dir + " goes through the"
                                + " symbolic link " + p + ", which belongs to " + owner.getName() + ", who can point it"
                                + " at another folder." + fix);
                    }
                }
            } catch (IOException e) {
                throw new UnsafeFolderException("cannot read " + p + " on the path of the uploads folder " + dir + " ("
                        + e.getClass().getSimpleName() + ")." + fix, e);
            }
        }
        Path parent;
        try {
            parent = dir.getParent() == null ? null : dir.getParent().toRealPath();
        } catch (IOException e) {
            throw new UnsafeFolderException("cannot resolve the folder above the uploads folder " + dir + " ("
                    + e.getClass().getSimpleName() + ")." + fix, e);
        }
        for (Path p = parent; p != null; p = p.getParent()) {
            PosixFileAttributes a = posix(p, fix);
            String owner = a.owner().getName();
            if (!a.owner().equals(serverUser) && !"root".equals(owner)) {
                throw new UnsafeFolderException("the folder " + p + " above the uploads folder " + dir
                        + " belongs to " + owner + ", who can rename the uploads folder and put another in its "
                        + "place." + fix);
            }
            Set<PosixFilePermission> perms = a.permissions();
            boolean othersWrite = perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE);
            if (othersWrite && !sticky(p)) {
                throw new UnsafeFolderException("the folder " + p + " above the uploads folder " + dir + " has mode "
                        + PosixFilePermissions.toString(perms) + " without the sticky bit: other users can rename "
                        + "the uploads folder and put another in its place." + fix);
            }
        }
    }

    private static PosixFileAttributes posix(Path p, String fix) {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UnsafeFolderException("cannot read the owner and permissions of " + p + " ("
                    + e.getClass().getSimpleName() + ")." + fix, e);
        }
    }

    /** @return true when {@code p} has the sticky bit; false when it has not, or when the JDK cannot tell */
    private static boolean sticky(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & STICKY) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @param p a path on the file system to ask about (need not exist: its nearest existing ancestor is asked)
     * @return true when that file system has POSIX owners and permissions (Linux, macOS); false on Windows
     */
    public static boolean isPosix(Path p) {
        Path existing = p == null ? null : p.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileAttributeView(existing,
                java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }

    /**
     * The user the server runs as, read as the owner of a temporary file the process creates and deletes in
     * {@code java.io.tmpdir} (the {@code user.name} property can be set by anyone starting the JVM, and is not the
     * file system's idea of the user).
     *
     * @return that user
     * @throws UnsafeFolderException if no file can be created there
     */
    public static UserPrincipal serverUser() {
        Path probe = null;
        try {
            FileAttribute<?>[] attrs = isPosix(Path.of(System.getProperty("java.io.tmpdir")))
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            probe = Files.createTempFile("pixelproof-whoami-", ".tmp", attrs);
            return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            throw new UnsafeFolderException("cannot tell which user the server runs as: no file can be created in "
                    + "java.io.tmpdir (" + e.getClass().getSimpleName() + ").", e);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // best effort: an empty file of our own in the temp folder
                }
            }
        }
    }

    private static UserPrincipal owner(Path dir) {
        try {
            return Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // non-POSIX: verify() does not look at the owner
        }
    }
}
