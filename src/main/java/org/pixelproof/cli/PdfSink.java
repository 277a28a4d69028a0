package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.pixelproof.web.Complaints;

/**
 * {@code --pdf DIR} without {@code --by-sender}: writes the dossier of each analysed e-mail, rendered by the workers,
 * as {@code DIR/<input file name>.pdf} ({@code inbox.mbox#3} gives {@code inbox.mbox-3.pdf}; each run of characters
 * other than letters, digits, {@code .}, {@code -} and {@code _} becomes one {@code _}, none kept at the ends). Every
 * name is unique within the run ({@link DossierFolder#reserve}): when the name is already taken by an earlier dossier
 * of the run (compared without case), the later one gets the first 8 hex digits of its SHA-256 appended
 * ({@code message-fb105041.pdf}), and, should that be taken too, a counter ({@code message-fb105041-2.pdf}). Files
 * already in the folder before the run, or symbolic links, of the same name are replaced (a link itself, never its
 * target: {@link DossierFolder#write}).
 *
 * <p>{@code DIR/index.csv} ({@link DossierIndex}) says which input each dossier comes from.
 *
 * <p>Memory: a few bytes per dossier written ({@link NameSet}, for the names handed out and those the index replaces),
 * whatever the length of the names.
 *
 * <p>No dossier is made for a message that gives no grounds for a complaint ({@link Complaints}: no tracking found)
 * nor for a second copy of a message already seen in the run; both are counted and said on stderr at the end.
 */
final class PdfSink implements OutcomeSink {
    private final DossierFolder folder;
    private final Reporter reporter;
    private long nothingToComplain;
    /** E-mails cut inside their headers ({@code HEADERS_NOT_ENDED}): no body, so nothing found proves nothing. */
    private long cutShort;
    private long duplicates;
    private final DossierIndex index;

    PdfSink(Path dir, Reporter reporter) {
        this(dir, reporter, null);
    }

    /**
     * @param dir             the dossier folder, which must exist
     * @param reporter        where what was left out is said
     * @param temporaryFolder where the names of the dossiers handed out and this run's index rows are kept until the
     *                        end ({@link DossierFolder}, {@link DossierIndex}), or {@code null} for the system's
     *                        temporary folder
     */
    PdfSink(Path dir, Reporter reporter, Path temporaryFolder) {
        this.folder = new DossierFolder(dir, temporaryFolder);
        this.reporter = reporter;
        this.index = new DossierIndex(dir, reporter, temporaryFolder);
    }

    @Override
    public void accept(Outcome outcome) throws IOException {
        if (outcome.ok() && outcome.duplicate()) {
            duplicates++;
            return;
        }
        if (outcome.ok() && !Complaints.possible(outcome.analysis())) {
            if (outcome.cutShort()) {
                cutShort++;
            } else {
                nothingToComplain++;
            }
            return;
        }
        if (outcome.pdf() == null) {
            return;
        }
        String base = folder.reserve(fileName(outcome.name()), ".pdf", outcome.analysis().sha256().substring(0, 8));
        folder.write(base + ".pdf", outcome.pdf());
        index.add(base + ".pdf", SenderKey.of(outcome.analysis()), 1, outcome.name(), outcome.analysis().sha256());
    }

    @Override
    public void finish() throws IOException {
        index.close();
        if (nothingToComplain > 0) {
            reporter.note(String.format(Locale.ROOT, "--pdf: no dossier for %,d e-mail(s) without any tracker found: "
                    + "nothing to complain about", nothingToComplain));
        }
        if (cutShort > 0) {
            reporter.note(String.format(Locale.ROOT, "--pdf: no dossier for %,d e-mail(s) cut short inside their "
                    + "headers: without a body, that no tracker was found says nothing", cutShort));
        }
        if (duplicates > 0) {
            reporter.note(String.format(Locale.ROOT, "--pdf: no second dossier for %,d e-mail(s) given twice "
                    + "(the same message as an earlier input, line ends and mail-program state fields aside)",
                    duplicates));
        }
    }

    /** Releases the names kept for the run and the index's spool, whether or not {@link #finish()} ran. */
    @Override
    public void close() {
        index.discard();
        try {
            folder.close();
        } catch (IOException e) {
            // an unlinked temporary file: nothing is left on disk
        }
    }

    /**
     * A dossier's file name for an input: the input's last path element, {@code #} made {@code -}, without its
     * {@code .eml}/{@code .msg} extension, in ASCII letters, digits, {@code .}, {@code _} and {@code -}. Latin letters
     * with accents lose them ({@code Boîte de réception.mbox#1} gives {@code Boite_de_reception.mbox-1}: the
     * compatibility decomposition, Unicode NFKD, with the combining marks removed, which also spells ligatures and
     * full-width letters out, {@code ﬁle} giving {@code file}); {@code ß}, {@code æ}, {@code œ}, {@code ø},
     * {@code ł}, {@code đ} and {@code þ} are spelled out); any other run of characters is one {@code _}; never
     * starting with {@code -}, {@code .} or {@code _} (a dossier {@code -rf.pdf} would be read as an option by a
     * command such as {@code rm *.pdf}, and a leading dot hides a file); at most 120 characters; {@code message} when
     * nothing is left.
     *
     * @param inputName the input's name as the run reports it ({@code mail/a.eml}, {@code box.mbox#3})
     * @return a safe file name, without extension, never empty
     */
    static String fileName(String inputName) {
        String name = inputName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replace('#', '-');
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".eml") || lower.endsWith(".msg")) {
            name = name.substring(0, name.length() - 4);
        }
        name = withoutAccents(name);
        name = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[-._]+|_+$", "");
        if (name.length() > 120) {
            name = name.substring(0, 120);
        }
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = "message";
        }
        return name;
    }

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{Mn}+");

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
