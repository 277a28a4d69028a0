package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Path comparisons behind {@code analyze}'s check that no output overwrites or is read as an input
 * ({@code AnalyzeCommand#outputOverInput}). Reads file attributes only; writes nothing. Thread-safe (stateless).
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * @param given a path as given on the command line
     * @return its real path when it exists (links and {@code ..} resolved); else the real path of its nearest existing
     *         folder followed by the rest of it, normalised; {@code null} when it is not a valid path
     */
    static Path real(String given) {
        Path abs;
        try {
            abs = Path.of(given).toAbsolutePath();
        } catch (InvalidPathException e) {
            return null;
        }
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            // does not exist (yet): resolve the part that does
        }
        Path rest = abs.getFileName();
        for (Path parent = abs.getParent(); parent != null; parent = parent.getParent()) {
            try {
                return parent.toRealPath().resolve(rest).normalize();
            } catch (IOException e) {
                rest = parent.getFileName() == null ? rest : parent.getFileName().resolve(rest);
            }
        }
        return abs.normalize();
    }

    /**
     * @param given a path as given on the command line
     * @return the path itself, its folder resolved to a real path but not its last name (a link there stays the
     *         link), or {@code null} when it is not a valid path or has no folder
     */
    static Path unresolved(String given) {
        try {
            Path abs = Path.of(given).toAbsolutePath();
            Path name = abs.getFileName();
            return abs.getParent() == null || name == null ? null : real(abs.getParent().toString()).resolve(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** @return true when a path exists on disk, itself (a link, even dangling, counts) */
    static boolean exists(String given) {
        try {
            return Files.exists(Path.of(given), LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** @return true when two real paths ({@link #real}) are one file: equal, or the same file on disk (hard link) */
    static boolean same(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param dir  a dossier folder, real path
     * @param file a file, real or {@link #unresolved} path
     * @return true when {@code file} is directly in {@code dir} and named as a file the run writes there
     *         ({@code index.csv}, a {@code .pdf}, compared without case), so that the run could replace it
     */
    static boolean replaceableIn(Path dir, Path file) {
        if (file == null || file.getParent() == null || file.getFileName() == null
                || !same(dir, file.getParent())) {
            return false;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.equals(DossierIndex.FILE_NAME) || name.endsWith(".pdf");
    }
}
