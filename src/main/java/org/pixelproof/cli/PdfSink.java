package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.pixelproof.web.Complaints;

/**
 * {@code --pdf DIR} without {@code --by-sender}: writes the dossier of each analysed e-mail, rendered by the workers,
 * as {@code DIR/<input path>.pdf}, named by {@link DossierNames} (the input's path below the folder the inputs given
 * share, folders joined with {@code _}, mbox numbers zero-padded: {@code Mail/2024/inbox.mbox#3} with
 * {@code analyze Mail} gives {@code 2024_inbox.mbox-00003.pdf}). Every
 * name is unique within the run ({@link DossierFolder#reserve}): when the name is already taken by an earlier dossier
 * of the run (compared without case), the later one gets the first 8 hex digits of its SHA-256 appended
 * ({@code message-fb105041.pdf}), and, should that be taken too, a counter ({@code message-fb105041-2.pdf}). Files
 * already in the folder before the run, or symbolic links, of the same name are replaced (a link itself, never its
 * target: {@link DossierFolder#write}).
 *
 * <p>{@code DIR/index.csv} ({@link DossierIndex}) says which input each dossier comes from, written plain or for
 * Excel ({@code --csv-excel}).
 *
 * <p>Memory: a few bytes per dossier written ({@link NameSet}, for the names handed out and those the index replaces;
 * {@link SeenMessages}, for the dossier of each message), whatever the length of the names.
 *
 * <p>With {@code --sender}, only the e-mails of the senders chosen get a dossier ({@link SenderSelection}); the others
 * are counted and said on stderr at the end. No dossier is made for a message that gives no grounds for a complaint
 * ({@link Complaints}: no tracking found)
 * nor for a second copy of a message already seen in the run; both are counted and said on stderr at the end. A copy
 * of a message that got a dossier has a row of its own in the index, naming that dossier
 * ({@link DossierIndex#addCopy}).
 */
final class PdfSink implements OutcomeSink {
    private final DossierFolder folder;
    private final Reporter reporter;
    private long nothingToComplain;
    /** E-mails cut inside their headers ({@code HEADERS_NOT_ENDED}): no body, so nothing found proves nothing. */
    private long cutShort;
    private long duplicates;
    /** E-mails of senders not chosen with {@code --sender}. */
    private long notChosen;
    private final SenderSelection selection;
    /** Copies listed in the index with the dossier of their message (the others' message has none). */
    private long copiesListed;
    private final DossierIndex index;
    private final DossierNames names;
    /** The dossier of each message given one, by {@link DuplicateKey}: where its later copies are listed. */
    private final SeenMessages dossiers;

    PdfSink(Path dir, Reporter reporter) {
        this(dir, reporter, null);
    }

    /** @see #PdfSink(Path, Reporter, Path, DossierNames, boolean) names made from the file alone, a plain index */
    PdfSink(Path dir, Reporter reporter, Path temporaryFolder) {
        this(dir, reporter, temporaryFolder, DossierNames.FILE_ONLY, false);
    }

    /**
     * @param dir             the dossier folder, which must exist
     * @param reporter        where what was left out is said
     * @param temporaryFolder where the names of the dossiers handed out and this run's index rows are kept until the
     *                        end ({@link DossierFolder}, {@link DossierIndex}), or {@code null} for the system's
     *                        temporary folder
     * @param names           how dossiers are named after their inputs
     * @param excel           {@code --csv-excel}: {@code index.csv} written for Excel ({@link DossierIndex})
     */
    PdfSink(Path dir, Reporter reporter, Path temporaryFolder, DossierNames names, boolean excel) {
        this(dir, reporter, temporaryFolder, names, excel, SenderSelection.ALL);
    }

    /**
     * @see #PdfSink(Path, Reporter, Path, DossierNames, boolean)
     * @param selection the senders whose e-mails get a dossier ({@code --sender}); the workers render none for the
     *                  others ({@link BatchRunner}), which are counted and said on stderr at the end
     */
    PdfSink(Path dir, Reporter reporter, Path temporaryFolder, DossierNames names, boolean excel,
            SenderSelection selection) {
        this.selection = selection;
        this.folder = new DossierFolder(dir, temporaryFolder);
        this.reporter = reporter;
        this.names = names;
        this.index = new DossierIndex(dir, reporter, temporaryFolder, excel);
        this.dossiers = new SeenMessages(temporaryFolder);
    }

    @Override
    public void accept(Outcome outcome) throws IOException {
        if (outcome.ok() && outcome.duplicate()) {
            duplicates++;
            String dossier = outcome.duplicateKey() == null ? null : dossiers.find(outcome.duplicateKey());
            if (dossier != null) {
                copiesListed++;
                index.addCopy(dossier, SenderKey.of(outcome.analysis()), outcome.name(), outcome.analysis().sha256(),
                        outcome.duplicateOf());
            }
            return;
        }
        if (outcome.ok() && !selection.test(outcome.analysis())) {
            notChosen++;
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
        String base = folder.reserve(names.stem(outcome.name(), outcome.member()), ".pdf",
                outcome.analysis().sha256().substring(0, 8));
        folder.write(base + ".pdf", outcome.pdf());
        index.add(base + ".pdf", SenderKey.of(outcome.analysis()), 1, outcome.name(), outcome.analysis().sha256());
        if (outcome.duplicateKey() != null) {
            dossiers.firstOrAdd(outcome.duplicateKey(), base + ".pdf");
        }
    }

    @Override
    public void finish() throws IOException {
        index.close();
        if (notChosen > 0) {
            reporter.note(String.format(Locale.ROOT, "--pdf: no dossier for %,d e-mail(s) of senders not chosen with "
                    + "--sender", notChosen));
        }
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
                    + "(the same message as an earlier input, line ends and mail-program state fields aside)%s",
                    duplicates, copiesListed(copiesListed, duplicates)));
        }
    }

    /**
     * @return the end of the stderr note on the copies: which of them {@code index.csv} lists with the dossier that
     *         holds their message ({@link DossierIndex#addCopy}); empty when none
     */
    static String copiesListed(long listed, long copies) {
        if (listed == 0) {
            return "";
        }
        return listed == copies
                ? "; " + DossierIndex.FILE_NAME + " lists them with the dossier that holds their message"
                : String.format(Locale.ROOT, "; %s lists %,d of them with the dossier that holds their message",
                        DossierIndex.FILE_NAME, listed);
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
        try {
            dossiers.close();
        } catch (IOException e) {
            // an unlinked temporary file: nothing is left on disk
        }
    }

    /**
     * A safe file name made from a name alone (a sender key, {@link SenderKey#fileStem}; an input's name, its folders
     * left out): its last path element, {@code #} made {@code -}, without its {@code .eml}/{@code .msg} extension,
     * made safe as {@link DossierNames#safe} says, at most 120 characters; {@code message} when nothing is left. The
     * per-e-mail dossiers are named by {@link DossierNames}, which keeps the input's folders and pads mbox numbers.
     *
     * @param inputName e.g. {@code shop.example (identity doubtful)}, {@code mail/a.eml}
     * @return a safe file name, without extension, never empty
     */
    static String fileName(String inputName) {
        String name = inputName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replace('#', '-');
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".eml") || lower.endsWith(".msg")) {
            name = name.substring(0, name.length() - 4);
        }
        name = DossierNames.safe(name);
        if (name.length() > DossierNames.MAX_LENGTH) {
            name = name.substring(0, DossierNames.MAX_LENGTH);
        }
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = "message";
        }
        return name;
    }
}
