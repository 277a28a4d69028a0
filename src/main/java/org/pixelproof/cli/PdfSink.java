package org.pixelproof.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.pixelproof.web.Complaints;

/**
 * {@code --pdf DIR} without {@code --by-sender}: writes the dossier of each analysed e-mail, rendered by the workers,
 * as {@code DIR/<input file name>.pdf} ({@code inbox.mbox#3} gives {@code inbox.mbox-3.pdf}; each run of characters
 * other than letters, digits, {@code .}, {@code -} and {@code _} becomes one {@code _}, none kept at the ends). When two
 * inputs give the same name, the later one gets the first 8 hex digits of its SHA-256 appended. Existing files of the
 * same name are replaced.
 *
 * <p>{@code DIR/index.csv} ({@link DossierIndex}) says which input each dossier comes from.
 *
 * <p>No dossier is made for a message that gives no grounds for a complaint ({@link Complaints}: no tracking found)
 * nor for a second copy of a message already seen in the run; both are counted and said on stderr at the end.
 */
final class PdfSink implements OutcomeSink {
    private final Path dir;
    private final Reporter reporter;
    private final Set<String> used = new HashSet<>();
    private long nothingToComplain;
    /** E-mails cut inside their headers ({@code HEADERS_NOT_ENDED}): no body, so nothing found proves nothing. */
    private long cutShort;
    private long duplicates;
    private final DossierIndex index;

    PdfSink(Path dir, Reporter reporter) {
        this.dir = dir;
        this.reporter = reporter;
        this.index = new DossierIndex(dir, reporter);
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
        String base = fileName(outcome.name());
        if (!used.add(base)) {
            base = base + "-" + outcome.analysis().sha256().substring(0, 8);
            used.add(base);
        }
        Files.write(dir.resolve(base + ".pdf"), outcome.pdf());
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
