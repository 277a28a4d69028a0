package org.pixelproof.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.web.Complaints;

/**
 * {@code --pdf DIR --by-sender} or {@code --sender-pdf DIR}: one dossier per sending organisation ({@link SenderKey}),
 * gathering its e-mails in
 * input order, written as {@code DIR/<sender>.pdf}. A sender with more than {@code maxPerDossier} e-mails gets several
 * dossiers ({@code <sender>-part2.pdf}...), so that a dossier stays readable and its rendering bounded in memory.
 * Every name is unique within the run ({@link DossierFolder#reserveAll}, compared without case): senders are named in
 * the order of their keys, and a sender one of whose names is already taken (two keys that give the same file name, or
 * a sender {@code shop.example-part2} next to the second part of {@code shop.example}'s dossiers) gets the first 8 hex
 * digits of the SHA-256 of its key after its name, for all its parts ({@code shop.example-part2-1a2b3c4d.pdf}). An
 * existing file or symbolic link of the same name is replaced, a link itself, never its target.
 *
 * <p>To keep memory flat whatever the number of e-mails, each analysis (JSON) and its original bytes are spooled to
 * a private temporary folder ({@value #SPOOL_PREFIX}..., owner-only) as they come, and read back sender by sender at
 * the end; the folder is deleted when the run ends, however it ends ({@link #close()}, and a shutdown hook for a run
 * stopped by Ctrl-C). The dossiers are rendered in parallel on the run's worker pool.
 *
 * <p>{@code DIR/index.csv} ({@link DossierIndex}) lists each dossier with its sender and number of e-mails, written
 * plain or for Excel ({@code --csv-excel}).
 *
 * <p>A message given twice in the run ({@link DuplicateKey}) goes into its sender's dossier once; each later copy has
 * a row of its own in the index, after the dossiers' rows, naming the dossier (the part) that holds the message
 * ({@link DossierIndex#addCopy}). To find that part, the sender and place of each message put in a dossier are kept
 * in a {@link SeenMessages} (a few bytes per message) and the copies in the spool folder until the end. A message that
 * gives no grounds for a complaint ({@link Complaints}: no tracking found) goes into no dossier, so that a personal
 * e-mail is never embedded in a complaint; a sender left with no such message gets no dossier. Both are said on stderr.
 * With {@code --sender}, only the senders chosen get dossiers ({@link SenderSelection}); the e-mails of the others are
 * left out before anything is spooled, and counted on stderr.
 */
final class BySenderSink implements OutcomeSink {
    /** Most sender names listed in the stderr line about senders without a dossier. */
    static final int MAX_NAMED = 20;
    private final DossierFolder folder;
    private final DossierRenderer renderer;
    private final ExecutorService pool;
    private final int maxPerDossier;
    private final Reporter reporter;
    /** The option that asked for these dossiers, as stderr names it: {@code --by-sender} or {@code --sender-pdf}. */
    private final String option;
    /**
     * A private temporary folder holding each e-mail's analysis and original bytes until the dossiers are drawn:
     * personal data, deleted by {@link #close()} on every way out of the run (and by a shutdown hook when the JVM is
     * stopped).
     */
    private final Path spool;
    private final Thread cleanup;
    private final DossierIndex index;
    /** Per sender: its spool folder number and how many e-mails it has so far. */
    private final Map<String, int[]> senders = new TreeMap<>();
    /** Per sender: how many of its e-mails were left out because nothing was found to complain about. */
    private final Map<String, Integer> leftOut = new TreeMap<>();
    /** E-mails of senders not chosen with {@code --sender}. */
    private long notChosen;
    private final SenderSelection selection;
    /** E-mails cut inside their headers: no body, so that no tracker was found says nothing about their sender. */
    private long cutShort;
    private long duplicates;
    /** Per message put in a dossier, by {@link DuplicateKey}: its place and sender, {@code n:sender}. */
    private final SeenMessages placed;
    /** The copies of messages put in a dossier, one JSON array a line: sender, place, input, SHA-256, first input. */
    private java.io.BufferedWriter copies;
    private long copiesListed;

    BySenderSink(Path dir, DossierRenderer renderer, ExecutorService pool, int maxPerDossier, Reporter reporter,
            String option) throws IOException {
        this(dir, renderer, pool, maxPerDossier, reporter, option, null);
    }

    /**
     * @param temporaryFolder where the spool folder is created, or {@code null} for the system's temporary folder
     */
    BySenderSink(Path dir, DossierRenderer renderer, ExecutorService pool, int maxPerDossier, Reporter reporter,
            String option, Path temporaryFolder) throws IOException {
        this(dir, renderer, pool, maxPerDossier, reporter, option, temporaryFolder, false);
    }

    /**
     * @param temporaryFolder where the spool folder is created, or {@code null} for the system's temporary folder
     * @param excel           {@code --csv-excel}: {@code index.csv} written for Excel ({@link DossierIndex})
     */
    BySenderSink(Path dir, DossierRenderer renderer, ExecutorService pool, int maxPerDossier, Reporter reporter,
            String option, Path temporaryFolder, boolean excel) throws IOException {
        this(dir, renderer, pool, maxPerDossier, reporter, option, temporaryFolder, excel, SenderSelection.ALL);
    }

    /**
     * @param temporaryFolder where the spool folder is created, or {@code null} for the system's temporary folder
     * @param excel           {@code --csv-excel}: {@code index.csv} written for Excel ({@link DossierIndex})
     * @param selection       the senders that get dossiers ({@code --sender}); the e-mails of the others are neither
     *                        spooled nor drawn, only counted and said on stderr at the end
     */
    BySenderSink(Path dir, DossierRenderer renderer, ExecutorService pool, int maxPerDossier, Reporter reporter,
            String option, Path temporaryFolder, boolean excel, SenderSelection selection) throws IOException {
        this.selection = selection;
        this.folder = new DossierFolder(dir, temporaryFolder);
        this.option = option;
        this.renderer = renderer;
        this.pool = pool;
        this.maxPerDossier = maxPerDossier;
        this.reporter = reporter;
        // owner-only (rwx------) where the file system has POSIX permissions: it holds copies of the e-mails
        this.spool = temporaryFolder != null ? Files.createTempDirectory(temporaryFolder, SPOOL_PREFIX)
                : Files.createTempDirectory(SPOOL_PREFIX);
        this.index = new DossierIndex(dir, reporter, temporaryFolder, excel);
        this.placed = new SeenMessages(temporaryFolder);
        // an interrupted run (Ctrl-C, a kill that lets the JVM stop) deletes the spool too
        this.cleanup = new Thread(this::deleteSpoolQuietly, "pixelproof-spool-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is already stopping: close() is the only chance
        }
    }

    /** The name prefix of the spool folder: {@value}. */
    static final String SPOOL_PREFIX = "pixelproof-by-sender-";

    @Override
    public void accept(Outcome outcome) throws IOException {
        if (!outcome.ok() || outcome.raw() == null) {
            return;
        }
        if (outcome.duplicate()) {
            duplicates++;
            String where = outcome.duplicateKey() == null ? null : placed.find(outcome.duplicateKey());
            if (where != null) {
                int colon = where.indexOf(':');
                if (copies == null) {
                    copies = Files.newBufferedWriter(spool.resolve(COPIES_FILE));
                }
                copies.write(CliJson.mapper().writeValueAsString(List.of(where.substring(colon + 1),
                        where.substring(0, colon), outcome.name(), outcome.analysis().sha256(),
                        outcome.duplicateOf())));
                copies.write('\n');
            }
            return;
        }
        if (!selection.test(outcome.analysis())) {
            notChosen++;
            return;
        }
        String sender = SenderKey.of(outcome.analysis());
        if (!Complaints.possible(outcome.analysis())) {
            if (outcome.cutShort()) {
                cutShort++;
            } else {
                leftOut.merge(sender, 1, Integer::sum);
            }
            return;
        }
        int[] state = senders.computeIfAbsent(sender, k -> new int[] {senders.size(), 0});
        int n = ++state[1];
        Path senderDir = spool.resolve(Integer.toString(state[0]));
        if (n == 1) {
            Files.createDirectories(senderDir);
        }
        String stem = String.format("%09d", n);
        Files.write(senderDir.resolve(stem + (outcome.outlook() ? ".msg" : ".eml")), outcome.raw());
        Files.write(senderDir.resolve(stem + ".json"), CliJson.mapper().writeValueAsBytes(outcome.analysis()));
        Files.writeString(senderDir.resolve(stem + ".input"), outcome.name());
        if (outcome.duplicateKey() != null) {
            placed.firstOrAdd(outcome.duplicateKey(), n + ":" + sender);
        }
    }

    /** The spool file of the copies of messages put in a dossier: {@value}. */
    private static final String COPIES_FILE = "copies.jsonl";

    @Override
    public void finish() throws IOException {
        reportLeftOut();
        try {
            List<Job> jobs = new ArrayList<>();
            for (Map.Entry<String, int[]> e : senders.entrySet()) {
                Path senderDir = spool.resolve(Integer.toString(e.getValue()[0]));
                int total = e.getValue()[1];
                int parts = (total + maxPerDossier - 1) / maxPerDossier;
                List<String> endings = new ArrayList<>();
                for (int part = 1; part <= parts; part++) {
                    endings.add(part == 1 ? "" : "-part" + part);
                }
                String base = folder.reserveAll(PdfSink.fileName(SenderKey.fileStem(e.getKey())), endings, ".pdf",
                        senderSuffix(e.getKey()));
                for (int part = 1; part <= parts; part++) {
                    int from = (part - 1) * maxPerDossier + 1;
                    int to = Math.min(total, part * maxPerDossier);
                    String name = base + endings.get(part - 1);
                    jobs.add(new Job(name, e.getKey(), part, to - from + 1, pool.submit(() -> {
                        List<DossierRenderer.Item> items = load(senderDir, from, to);
                        byte[] pdf = renderer.render(items);
                        try {
                            folder.write(name + ".pdf", pdf);
                            List<String> inputs = new ArrayList<>();
                            for (int n = from; n <= to; n++) {
                                inputs.add(Files.readString(senderDir.resolve(String.format("%09d", n) + ".input")));
                            }
                            List<String> hashes = items.stream().map(i -> i.analysis().sha256()).toList();
                            return new String[] {String.join("; ", inputs), String.join("; ", hashes)};
                        } catch (IOException io) {
                            throw new UncheckedIOException(io);
                        }
                    })));
                }
            }
            Map<String, String> written = new java.util.HashMap<>(); // sender and part -> dossier file name
            for (Job job : jobs) {
                try {
                    String[] members = job.rendering().get();
                    index.add(job.name() + ".pdf", job.sender(), job.emails(), members[0], members[1]);
                    written.put(job.part() + ":" + job.sender(), job.name() + ".pdf");
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    if (cause instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    reporter.dossierFailure("dossier " + job.name() + ".pdf", "not written: "
                            + BatchRunner.describe(cause), cause, cause instanceof RuntimeException);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            listCopies(written);
            reportDuplicates();
        } finally {
            index.close();
            close();
        }
    }

    /** Deletes the spool, whatever happened to the run; says on stderr what could not be deleted. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is stopping: the hook runs, or ran, anyway
        }
        index.discard();
        try {
            folder.close();
        } catch (IOException e) {
            // an unlinked temporary file: nothing is left on disk
        }
        try {
            placed.close();
            if (copies != null) {
                copies.close(); // before the spool that holds it is deleted
                copies = null;
            }
        } catch (IOException e) {
            // deleted with the spool below
        }
        if (!deleteSpoolQuietly()) {
            reporter.warning(option + ": the temporary folder " + Reporter.printable(spool.toString()) + " could not"
                    + " be deleted entirely; it holds copies of the e-mails: delete it by hand");
        }
    }

    /**
     * One dossier being rendered, part {@code part} (1-based) of its sender's; the future gives its e-mails' inputs and
     * SHA-256s, each {@code ; } separated.
     */
    private record Job(String name, String sender, int part, int emails, Future<String[]> rendering) {
    }

    /**
     * Adds to the index a row for each copy of a message put in a dossier that was written, naming that dossier.
     *
     * @param written the dossiers written, by {@code part:sender}
     */
    private void listCopies(Map<String, String> written) throws IOException {
        if (copies == null) {
            return;
        }
        copies.close();
        copies = null;
        try (java.io.BufferedReader lines = Files.newBufferedReader(spool.resolve(COPIES_FILE))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                List<String> copy = List.of(CliJson.mapper().readValue(line, String[].class));
                String sender = copy.get(0);
                int part = (Integer.parseInt(copy.get(1)) - 1) / maxPerDossier + 1;
                String dossier = written.get(part + ":" + sender);
                if (dossier != null) { // else its dossier could not be drawn: said on stderr
                    index.addCopy(dossier, sender, copy.get(2), copy.get(3), copy.get(4));
                    copiesListed++;
                }
            }
        }
    }

    /**
     * @return what tells a sender's dossiers apart when their names are taken by another sender's (two keys that give
     *         the same file name, or a sender named {@code shop.example-part2} next to the second part of
     *         {@code shop.example}'s): the first 8 hex digits of the SHA-256 of its key, the same in every run
     */
    static String senderSuffix(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Says on stderr which e-mails and senders got no dossier, and why. */
    private void reportLeftOut() {
        if (notChosen > 0) {
            reporter.note(String.format(Locale.ROOT, "%s: %,d e-mail(s) of senders not chosen with --sender left out "
                    + "of the dossiers", option, notChosen));
        }
        long messages = leftOut.values().stream().mapToLong(Integer::longValue).sum();
        if (messages > 0) {
            List<String> without = leftOut.keySet().stream().filter(k -> !senders.containsKey(k)).toList();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %,d e-mail(s) without any "
                    + "tracker found left out of the dossiers (nothing to complain about)", option, messages));
            if (!without.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "; no dossier for %,d sender(s) with nothing to complain about: ",
                        without.size()));
                sb.append(String.join(", ", without.subList(0, Math.min(MAX_NAMED, without.size()))));
                if (without.size() > MAX_NAMED) {
                    sb.append(String.format(Locale.ROOT, " and %,d more", without.size() - MAX_NAMED));
                }
            }
            reporter.note(Reporter.printable(sb.toString()));
        }
        if (cutShort > 0) {
            reporter.note(String.format(Locale.ROOT, "%s: %,d e-mail(s) cut short inside their headers left out of the"
                    + " dossiers: without a body, that no tracker was found says nothing", option, cutShort));
        }
    }

    /** Says on stderr how many e-mails were given twice, and which of them the index lists. */
    private void reportDuplicates() {
        if (duplicates > 0) {
            reporter.note(String.format(Locale.ROOT, "%s: %,d e-mail(s) given twice (the same message as an "
                    + "earlier input, line ends and mail-program state fields aside) put in their dossier once%s",
                    option, duplicates, PdfSink.copiesListed(copiesListed, duplicates)));
        }
    }

    private static List<DossierRenderer.Item> load(Path senderDir, int from, int to) {
        List<DossierRenderer.Item> items = new ArrayList<>();
        try {
            for (int n = from; n <= to; n++) {
                String stem = String.format("%09d", n);
                Analysis a = CliJson.mapper().readValue(senderDir.resolve(stem + ".json").toFile(), Analysis.class);
                Path msg = senderDir.resolve(stem + ".msg");
                boolean outlook = Files.exists(msg);
                items.add(new DossierRenderer.Item(a, Files.readAllBytes(outlook ? msg
                        : senderDir.resolve(stem + ".eml")), outlook));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    /** @return true when the spool is gone (or was never there) */
    private boolean deleteSpoolQuietly() {
        if (!Files.exists(spool, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (Stream<Path> files = Files.walk(spool)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // go on with the others; said below
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // said below
        }
        return !Files.exists(spool, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
