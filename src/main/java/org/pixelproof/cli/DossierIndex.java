package org.pixelproof.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code index.csv} in a dossier folder: which dossier holds which e-mails, so that a dossier can be matched to its
 * input when file names collide or say little (Maildir names, {@code mail-1a2b3c4d.pdf}). UTF-8, RFC 4180 (CRLF line
 * ends, fields quoted when needed), a header row first, text values guarded against formula injection as in
 * {@link CsvSink}. Replaced at each run that writes dossiers into the folder; not written when no dossier was.
 *
 * <p>Columns: {@code dossier} (the PDF's file name), {@code sender} (the sender key, {@link SenderKey}),
 * {@code emails} (how many e-mails it holds), {@code inputs} (their inputs as named on the command line, {@code ; }
 * separated, in the dossier's order), {@code sha256} (the SHA-256 of each e-mail, in the same order, {@code ; }
 * separated). Used by the writer thread only.
 */
final class DossierIndex implements AutoCloseable {
    static final String FILE_NAME = "index.csv";
    static final List<String> COLUMNS = List.of("dossier", "sender", "emails", "inputs", "sha256");

    private final Path file;
    private Writer writer;
    private SequenceWriter rows;

    /** @param dir the dossier folder */
    DossierIndex(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    /**
     * Adds one dossier's row, creating the file on the first one.
     *
     * @throws IOException when the file cannot be written
     */
    void add(String dossier, String sender, int emails, String inputs, String sha256) throws IOException {
        if (rows == null) {
            CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
            COLUMNS.forEach(schema::addColumn);
            writer = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8);
            rows = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writer(schema.build())
                    .writeValues(writer);
        }
        rows.write(List.of(CsvSink.text(dossier), CsvSink.text(sender), emails, CsvSink.text(inputs),
                sha256 == null ? "" : sha256));
    }

    @Override
    public void close() throws IOException {
        if (rows != null) {
            rows.close();
            writer.close();
            rows = null;
        }
    }
}
