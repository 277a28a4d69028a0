package org.pixelproof.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The file names of per-e-mail dossiers ({@code --pdf DIR}), made from where each input is, so that a listing of the
 * dossier folder says where each e-mail came from and sorts as the mailboxes do.
 *
 * <p>A dossier is named after its input's path below the <em>base folder</em> of the run, the deepest folder that
 * holds every {@code PATH} given: the folder itself when one folder is given, the folder the files are in when files of
 * one folder are given ({@link #forPaths}). Its folders are joined with {@code _}: the 17th message of
 * {@code Mail/2024/Inbox} with {@code analyze Mail} gives {@code 2024_Inbox-00017}, and that of {@code Mail/2025/Inbox}
 * {@code 2025_Inbox-00017}, so that two mailboxes of the same name in two folders neither collide nor lose their
 * folder; {@code analyze 2024/Inbox 2025/Inbox} gives the same names. The same {@code PATH}s give the same names.
 *
 * <p>Numbers sort: the N-th message of an mbox is numbered with at least {@value #NUMBER_DIGITS} digits
 * ({@code Inbox-00001} ... {@code Inbox-00040}, so that a file manager or {@code ls} lists them in order, not 1, 10,
 * 11, ..., 2), with more digits from the 100,000th message on ({@code Inbox-100000}: still unique, and in order where
 * numbers are sorted by value, as Finder, Windows Explorer and GNOME Files do). The mbox is streamed, so its number of
 * messages is not known when the first dossier is named: the width is fixed, which also keeps a message's name the same
 * when the mailbox grows. A file whose name is digits only (the messages of an MH folder, as Claws Mail and nmh keep
 * them: {@code 1}, {@code 2}, ..., {@code 10}) gets the same padding ({@code inbox_00017}). Maildir file names start
 * with their delivery time in seconds ({@code 1760522531.M1P100...}) and sort in time order as they are.
 *
 * <p>Each part is made safe as {@link #safe} says (ASCII letters, digits, {@code .}, {@code _}, {@code -}); a
 * {@code .eml} or {@code .msg} extension is dropped, an mbox's kept ({@code inbox.mbox-00003}). A name longer than
 * {@value #MAX_LENGTH} characters loses its leading folders first, then the end of its file name, never its number.
 * Names that still meet (two inputs that differ only in case or in characters made {@code _}, {@code a.eml} and
 * {@code a.msg}) are told apart by {@link DossierFolder#reserve}.
 *
 * <p>Immutable, thread-safe.
 */
final class DossierNames {
    /** Fewest digits of a message number in a dossier's name: {@value}, zero-padded (99,999 messages sort). */
    static final int NUMBER_DIGITS = 5;
    /** Most characters of a dossier's name, without its extension: {@value}. */
    static final int MAX_LENGTH = 120;
    /** Between the folders of a dossier's name: {@value}. */
    static final String FOLDER_SEPARATOR = "_";

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{Mn}+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** The deepest folder holding every input (absolute, normalised), or {@code null}: names from the file alone. */
    private final Path base;

    private DossierNames(Path base) {
        this.base = base;
    }

    /** Names made from the input's file alone (its folders left out), as a run without a base folder. */
    static final DossierNames FILE_ONLY = new DossierNames(null);

    /**
     * @param paths the {@code PATH}s given on the command line; a folder stands for itself, anything else (a file, a
     *              path that does not exist) for the folder it is in; a path this system cannot represent is left out
     * @return the names of a run over {@code paths}: below their deepest common folder (the file system's root when
     *         they share nothing else)
     */
    static DossierNames forPaths(List<String> paths) {
        Path common = null;
        for (String given : paths) {
            Path own;
            try {
                Path path = Path.of(given).toAbsolutePath().normalize();
                own = Files.isDirectory(path) ? path : path.getParent();
            } catch (InvalidPathException | SecurityException e) {
                continue; // reported by the walk
            }
            if (own == null) {
                continue;
            }
            if (common == null) {
                common = own;
            } else {
                while (common != null && !own.startsWith(common)) {
                    common = common.getParent();
                }
                if (common == null) {
                    return FILE_ONLY; // no common root (two drives on Windows): the file names alone
                }
            }
        }
        return new DossierNames(common);
    }

    /** @return the base folder, or {@code null} when names are made from the file alone */
    Path base() {
        return base;
    }

    /**
     * @param inputName the input's name as the run reports it ({@code mail/2024/Inbox#17}, {@code a/offer.eml})
     * @param member    the message's number in its mbox ({@link Input#member()}: {@code inputName} ends with
     *                  {@code #member}), or 0 for a file of its own
     * @return the dossier's file name without extension, never empty, at most {@value #MAX_LENGTH} characters, e.g.
     *         {@code 2024_Inbox-00017}
     */
    String stem(String inputName, long member) {
        String file = inputName;
        String suffix = "#" + member;
        if (member > 0 && inputName.endsWith(suffix)) {
            file = inputName.substring(0, inputName.length() - suffix.length());
        }
        List<String> raw = below(file);
        List<String> parts = new ArrayList<>();
        for (String part : raw.subList(0, raw.size() - 1)) {
            String safe = safe(part);
            if (!safe.isEmpty()) {
                parts.add(safe);
            }
        }
        String last = raw.get(raw.size() - 1);
        String number = "";
        if (member > 0) {
            number = "-" + padded(Long.toString(member));
        } else if (DIGITS.matcher(last).matches()) {
            number = padded(last); // an MH message: its number is its name
            last = "";
        } else {
            String lower = last.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".eml") || lower.endsWith(".msg")) {
                last = last.substring(0, last.length() - 4);
            }
        }
        last = safe(last);
        if (last.isEmpty() && number.isEmpty()) {
            last = "message";
        }
        // the file's own name and number are kept; leading folders go first when the name is too long
        while (!parts.isEmpty() && length(parts) + last.length() + number.length() > MAX_LENGTH) {
            parts.remove(0);
        }
        int room = MAX_LENGTH - number.length() - length(parts);
        if (last.length() > room) {
            last = safe(last.substring(0, room));
        }
        if (last.isEmpty() && number.startsWith("-")) {
            number = number.substring(1); // never a '-' after the folder separator nor first
        }
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(part).append(FOLDER_SEPARATOR);
        }
        name.append(last).append(number);
        if (last.isEmpty() && number.isEmpty()) {
            name.setLength(Math.max(0, name.length() - FOLDER_SEPARATOR.length()));
        }
        return name.length() == 0 ? "message" : name.toString();
    }

    /** @return the length of the folders joined, each with its separator after it */
    private static int length(List<String> parts) {
        int n = 0;
        for (String part : parts) {
            n += part.length() + FOLDER_SEPARATOR.length();
        }
        return n;
    }

    /** @return {@code digits} with zeros before it up to {@value #NUMBER_DIGITS} digits; longer ones as they are */
    static String padded(String digits) {
        return digits.length() >= NUMBER_DIGITS ? digits : "0".repeat(NUMBER_DIGITS - digits.length()) + digits;
    }

    /**
     * @return the path elements of {@code file} below the base folder, the file's name last; the file's name alone
     *         when there is no base, or the file is not below it; never empty
     */
    private List<String> below(String file) {
        Path path;
        try {
            path = Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException | SecurityException e) {
            String name = file.replace('\\', '/');
            return List.of(name.substring(name.lastIndexOf('/') + 1));
        }
        List<String> parts = new ArrayList<>();
        if (base != null && path.startsWith(base) && !path.equals(base)) {
            base.relativize(path).forEach(p -> parts.add(p.toString()));
        } else {
            parts.add(path.getFileName() != null ? path.getFileName().toString() : "");
        }
        return parts;
    }

    /**
     * One part of a file name made safe: Latin letters lose their accents ({@code Boîte de réception} gives
     * {@code Boite_de_reception}: the compatibility decomposition, Unicode NFKD, with the combining marks removed,
     * which also spells ligatures and full-width letters out, {@code ﬁle} giving {@code file}; {@code ß}, {@code æ},
     * {@code œ}, {@code ø}, {@code ł}, {@code đ} and {@code þ} are spelled out); any other run of characters than
     * ASCII letters, digits, {@code .}, {@code _} and {@code -} is one {@code _}; never starting with {@code -},
     * {@code .} or {@code _} (a dossier {@code -rf.pdf} would be read as an option by a command such as
     * {@code rm *.pdf}, and a leading dot hides a file), never ending with {@code _}.
     *
     * @return the safe text, possibly empty
     */
    static String safe(String part) {
        return withoutAccents(part).replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[-._]+|_+$", "");
    }

    /** @return {@code text} with the accents of Latin letters removed and the letters NFD keeps whole spelled out */
    private static String withoutAccents(String text) {
        String s = COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u00DF' -> sb.append("ss");
                case '\u00E6' -> sb.append("ae");
                case '\u00C6' -> sb.append("AE");
                case '\u0153' -> sb.append("oe");
                case '\u0152' -> sb.append("OE");
                case '\u00F8' -> sb.append('o');
                case '\u00D8' -> sb.append('O');
                case '\u0142' -> sb.append('l');
                case '\u0141' -> sb.append('L');
                case '\u0111' -> sb.append('d');
                case '\u0110' -> sb.append('D');
                case '\u00FE' -> sb.append("th");
                case '\u00DE' -> sb.append("Th");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
