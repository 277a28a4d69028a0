package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
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
                    + "(the same message as an earlier input, line ends aside)", duplicates));
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

    /** @return a safe file name (without extension) for an input's name. */
    static String fileName(String inputName) {
        String name = inputName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replace('#', '-');
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".eml") || lower.endsWith(".msg")) {
            name = name.substring(0, name.length() - 4);
        }
        name = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        if (name.length() > 120) {
            name = name.substring(0, 120);
        }
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = "message";
        }
        return name;
    }
}
