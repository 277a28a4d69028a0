package org.pixelproof.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code index.csv} in a dossier folder: which dossier holds which e-mails, so that a dossier can be matched to its
 * input when file names collide or say little (Maildir names, {@code mail-1a2b3c4d.pdf}). UTF-8, RFC 4180 (CRLF line
 * ends, fields quoted when needed), a header row first, text values guarded against formula injection as in
 * {@link CsvSink}. With {@code --csv-excel}, written as the {@code --csv} file then is, for a spreadsheet set for
 * French: a UTF-8 byte-order mark first and {@code ;} between fields.
 *
 * <p>The index stays true to the folder across runs: a run that writes dossiers into a folder that already has an
 * index keeps the rows of the earlier dossiers that are still there (in their order), drops the rows of dossiers no
 * longer in the folder and of those this run replaced, and adds this run's rows after them. A folder's PDFs that no
 * index ever listed (written by hand, or before indexes existed) are not listed. The new index replaces the old one
 * in one move once complete, so that an interrupted run leaves the old one, and is created with the permissions
 * the user's umask gives a new file, as the dossiers are; a symbolic link at {@code index.csv} is
 * neither read nor followed but replaced by the new index, its target left as it is. A run that writes no dossier
 * leaves the index as it is. An earlier index that cannot be read (edited by hand into another shape) keeps the rows
 * read before the problem, and stderr says so. An earlier index is read in either form, plain or for Excel (told by
 * its byte-order mark and its header row), and older indexes without the last columns are read too; the whole index
 * is written again in this run's form.
 *
 * <p>Columns: {@code dossier} (the PDF's file name), {@code sender} (the sender key, {@link SenderKey}),
 * {@code emails} (how many e-mails it holds), {@code inputs} (their inputs as named on the command line, {@code ; }
 * separated, in the dossier's order), {@code sha256} (the SHA-256 of each e-mail, in the same order, {@code ; }
 * separated), {@code duplicate_of} (empty on a dossier's row). An input that was the same message as one of a
 * dossier's e-mails ({@link DuplicateKey}: the same message given twice, which gets no dossier of its own) has a row
 * of its own after its dossier's row ({@link #addCopy}): the dossier that holds the message, its sender, {@code 0}
 * e-mails (it adds none to the dossier), the copy's input and the SHA-256 of its own bytes, and in
 * {@code duplicate_of} the input of the dossier's row that it is a copy of. So every input that went into a dossier,
 * once or as a copy, is on a row of the index. This run's rows are spooled to a temporary file until {@link #close()},
 * and the names of its dossiers
 * kept in a {@link NameSet} (a few bytes per dossier, the names in an unlinked temporary file), so that memory stays
 * flat.
 * Used by the writer thread only.
 */
final class DossierIndex implements AutoCloseable {
    static final String FILE_NAME = "index.csv";
    static final List<String> COLUMNS = List.of("dossier", "sender", "emails", "inputs", "sha256", "duplicate_of");

    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);

    private final Path dir;
    private final Path file;
    private final Reporter reporter;
    private final Path temporaryFolder;
    /** The dossiers this run wrote, by file name: their earlier rows are replaced. A few bytes per name. */
    private final NameSet written;
    /** {@code --csv-excel}: a byte-order mark first, {@code ;} between fields. */
    private final boolean excel;
    private Path spool;
    private Writer writer;
    private SequenceWriter rows;

    /**
     * @param dir             the dossier folder
     * @param reporter        where an earlier index that cannot be read is reported
     * @param temporaryFolder where this run's rows are spooled and the names of its dossiers logged
     *                        ({@link NameSet}), or {@code null} for the system's temporary folder
     */
    DossierIndex(Path dir, Reporter reporter, Path temporaryFolder) {
        this(dir, reporter, temporaryFolder, false);
    }

    /**
     * @param excel {@code --csv-excel}: the index starts with a UTF-8 byte-order mark and separates fields with
     *              {@code ;} ({@link CsvSink#CsvSink(java.io.OutputStream, boolean, boolean)})
     */
    DossierIndex(Path dir, Reporter reporter, Path temporaryFolder, boolean excel) {
        this(dir, reporter, temporaryFolder, new NameSet(temporaryFolder), excel);
    }

    /** @param written where the names of this run's dossiers are kept (tests give one whose names collide) */
    DossierIndex(Path dir, Reporter reporter, Path temporaryFolder, NameSet written) {
        this(dir, reporter, temporaryFolder, written, false);
    }

    private DossierIndex(Path dir, Reporter reporter, Path temporaryFolder, NameSet written, boolean excel) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.reporter = reporter;
        this.temporaryFolder = temporaryFolder;
        this.written = written;
        this.excel = excel;
    }

    /** @return the field separator of the index this run writes: {@code ;} for Excel, else {@code ,} */
    private char separator() {
        return excel ? ';' : ',';
    }

    /**
     * Adds one dossier's row, spooled until {@link #close()}.
     *
     * @throws IOException when the spool cannot be written
     */
    void add(String dossier, String sender, int emails, String inputs, String sha256) throws IOException {
        write(dossier, sender, emails, inputs, sha256, null);
    }

    /**
     * Adds the row of an input that was the same message as one already in a dossier of this run (the same message
     * given twice: {@link Outcome#duplicateOf()}), spooled until {@link #close()}: it names that dossier, adds no
     * e-mail to it ({@code emails} 0) and says in {@code duplicate_of} which of its inputs it is a copy of.
     *
     * @param dossier the file name of the dossier that holds the message, as given to {@link #add} before
     * @param copy    the copy's input
     * @param sha256  the SHA-256 of the copy's own bytes (it may differ from the first's: line ends)
     * @param first   the input the dossier holds the message as
     * @throws IOException when the spool cannot be written
     */
    void addCopy(String dossier, String sender, String copy, String sha256, String first) throws IOException {
        write(dossier, sender, 0, copy, sha256, first);
    }

    private void write(String dossier, String sender, int emails, String inputs, String sha256, String duplicateOf)
            throws IOException {
        if (rows == null) {
            spool = temporaryFolder != null ? Files.createTempFile(temporaryFolder, "pixelproof-index-", ".csv")
                    : Files.createTempFile("pixelproof-index-", ".csv");
            writer = new OutputStreamWriter(Files.newOutputStream(spool), StandardCharsets.UTF_8);
            rows = MAPPER.writer(schema(separator())).writeValues(writer);
        }
        rows.write(List.of(CsvSink.text(dossier), CsvSink.text(sender), emails, CsvSink.text(inputs),
                sha256 == null ? "" : sha256, CsvSink.text(duplicateOf)));
        written.add(dossier);
    }

    /**
     * Writes {@code index.csv}: the earlier rows still true, then this run's. Nothing is written when this run added
     * no row.
     *
     * @throws IOException when the index cannot be written (the earlier one is then left as it was)
     */
    @Override
    public void close() throws IOException {
        if (rows == null) {
            discard();
            return;
        }
        rows.close();
        writer.close();
        rows = null;
        Path merged = null;
        try {
            // created as the dossiers are (DossierFolder.write): its mode follows the umask, where createTempFile
            // would make it owner-only
            Path temporary = DossierFolder.temporaryName(dir, FILE_NAME);
            OutputStream created = DossierFolder.createNew(temporary);
            merged = temporary; // ours from here: deleted if anything below fails
            try (OutputStream out = new BufferedOutputStream(created, 1 << 16)) {
                Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                if (excel) {
                    text.write('\uFEFF');
                }
                text.write(String.join(String.valueOf(separator()), COLUMNS) + "\r\n"); // names need no quoting
                keepEarlierRows(text);
                text.flush();
                Files.copy(spool, out);
            }
            DossierFolder.moveReplacing(merged, file); // a link at index.csv is replaced, its target left alone
            merged = null;
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the names of this run's dossiers could not be read back
        } finally {
            if (merged != null) {
                Files.deleteIfExists(merged);
            }
            discard();
        }
    }

    /**
     * Releases what the index holds (the spool of this run's rows, the names of its dossiers) without writing
     * {@code index.csv}: for a run that stops before its end. Quiet; may be called after {@link #close()}.
     */
    void discard() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            // nothing more to write to it
        }
        rows = null;
        try {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        } catch (IOException e) {
            reporter.warning(Reporter.printable("the temporary file " + spool + " could not be deleted ("
                    + InputWalker.reason(e) + "); it lists this run's dossiers: delete it by hand"));
        }
        try {
            written.close();
        } catch (IOException e) {
            // an unlinked temporary file: nothing is left on disk
        }
    }

    /** Copies the rows of the earlier index whose dossier is still in the folder and was not replaced by this run. */
    private void keepEarlierRows(Writer out) throws IOException {
        if (Files.isSymbolicLink(file)) {
            reporter.warning(Reporter.printable(file + " is a symbolic link: not read as an earlier index, and replaced"
                    + " by this run's index (its target is left as it is)"));
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        long read = 0;
        try (SequenceWriter kept = MAPPER.writer(schema(separator())).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out);
                BufferedReader earlier = openEarlier(file);
                MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class)
                        .with(CsvSchema.emptySchema().withHeader().withColumnSeparator(separatorOf(earlier)))
                        .readValues(earlier)) {
            while (it.hasNextValue()) {
                Map<String, String> row = it.nextValue();
                read++;
                String dossier = row.getOrDefault("dossier", "");
                if (isPlainName(dossier) && !replacedByThisRun(dossier)
                        && Files.isRegularFile(dir.resolve(dossier))) {
                    kept.write(COLUMNS.stream().map(c -> CsvSink.text(row.getOrDefault(c, ""))).toList());
                }
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            // a parser's message may quote the file: say only what kind of problem it is
            String why = e instanceof JsonProcessingException || e instanceof RuntimeJsonMappingException
                    ? "not a CSV of the expected shape" : InputWalker.reason(e);
            reporter.warning(Reporter.printable(String.format(Locale.ROOT, "%s could not be read past its row %,d (%s):"
                    + " the rows after it are left out of the new index", file, read + 1, why)));
        }
    }

    /** @return true when this run wrote a dossier of that name; a failure to tell is unchecked, not a reading one */
    private boolean replacedByThisRun(String dossier) {
        try {
            return written.contains(dossier);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true for a file name of this folder (no folder part, not {@code .} or {@code ..}). */
    private static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.equals(".")
                && !name.equals("..");
    }

    private static CsvSchema schema(char separator) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(false).setLineSeparator("\r\n")
                .setColumnSeparator(separator);
        COLUMNS.forEach(schema::addColumn);
        return schema.build();
    }

    /** Most bytes of an earlier index's header row looked at to tell its separator: {@value}. */
    private static final int HEADER_PEEK_CHARS = 4096;

    /** @return a reader of an earlier index, past its UTF-8 byte-order mark if it has one (written for Excel) */
    private static BufferedReader openEarlier(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            in.mark(3);
            byte[] head = in.readNBytes(3);
            if (head.length < 3 || (head[0] & 0xFF) != 0xEF || (head[1] & 0xFF) != 0xBB || (head[2] & 0xFF) != 0xBF) {
                in.reset();
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * @return the field separator of an earlier index, told by its header row: {@code ;} when the row has a
     *         {@code ;} and no {@code ,} (written for Excel), else {@code ,}; the reader is left where it was
     */
    private static char separatorOf(BufferedReader earlier) throws IOException {
        earlier.mark(HEADER_PEEK_CHARS);
        char[] head = new char[HEADER_PEEK_CHARS];
        int n = earlier.read(head, 0, head.length);
        earlier.reset();
        String header = n <= 0 ? "" : new String(head, 0, n).split("\r?\n", 2)[0];
        return header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
    }
}
