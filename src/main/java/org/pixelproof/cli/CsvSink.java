package org.pixelproof.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.authenticity.MailDates;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.ingest.BidiControls;

/**
 * {@code --csv}: one row per analysed e-mail, for spreadsheets and scripts. UTF-8, RFC 4180 (comma separator, CRLF
 * line ends, fields quoted with {@code "} when needed, quotes doubled), a header row first.
 *
 * <p>Columns: {@code file}, {@code sha256}, {@code date} (the Date header in ISO 8601 form to the second, at the offset
 * written, {@code 2002-01-09T19:47:50-07:00}, when it can be read, obsolete zone names included, see {@link #isoDate};
 * else as written), {@code received_date} (the day the message was received, Europe/Paris), {@code sender_domain}
 * (the From address's domain as written, or a verified DKIM signing domain when the From has none: the domain of the
 * summary's and the dossier indexes' sender key, {@link SenderKey#domain}),
 * {@code organisation}, {@code vendors} (distinct tracker vendors, {@code ; }-separated), {@code tracker_hosts}
 * (distinct hosts of the trackers, {@code ; }-separated, in the order of the analysis's tracker list: where the
 * tracking goes, also when no vendor is known), one count per tracker kind ({@code open_pixel}, {@code css_beacon},
 * {@code click_tracking}, {@code read_receipt}, {@code other_beacon}), {@code trackers} (total),
 * {@code trackers_with_recipient_id} (trackers that carry an identifier of the recipient, as one e-mail shows it
 * ({@link RecipientTokens#carriesIdentifier}): their address in any encoding, or a token that may identify them,
 * unfilled merge tags such as {@code UNIQID} left out; the dossier of that e-mail alone counts the same trackers, and
 * lowers the count only when it holds another person's copy of the campaign showing a value to be the same for both),
 * {@code recipient_identifiers} (how many times the recipient's address was found in tracker URLs, in any encoding),
 * {@code identifier_encodings} (which encodings), {@code verdict}, {@code message_class},
 * {@code sender_identity_doubtful} ({@code true} when the message shows signs of phishing or a forged sender: the
 * organisation it names may not have sent it), {@code anomalies} (anomaly codes), {@code duplicate_of} (the earlier
 * input of the run that held the same message, the same bytes once line ends are set aside ({@link DuplicateKey}), else
 * empty: the row is kept, with the exact SHA-256 of its own bytes, so that every input has one, but the message counts
 * once), {@code sender_key} (the sending organisation the run files the e-mail under: the summary's sender row and
 * the {@code --sender-pdf} dossier it goes into, {@link SenderKey#of}: the sender domain, or the whole From address at
 * a public mailbox provider, with {@value SenderKey#DOUBTFUL_SUFFIX} when its identity is doubtful),
 * {@code header_recipient_identifiers} (how many times the recipient's address was found, in any encoding, in header
 * fields the sender fills, such as a VERP Return-Path or an ESP's X-header: per-recipient tagging that is not a
 * tracker, {@link Analysis#headerIdentifiers}) and {@code header_identifier_fields} (those header names,
 * {@code ; }-separated, as written), {@code subject} (the Subject, decoded), {@code from_name} (the From display
 * name, decoded) and {@code identity_doubt_reasons} (the reasons the sender's identity is doubtful, codes such as
 * {@code NAME_NOT_IN_SENDER_DOMAINS}, {@code ; }-separated; empty when it is not). The last six columns came after the
 * others so that scripts reading columns by position keep working. Failed inputs have no row (they are reported on stderr).
 *
 * <p>Guard against formula injection (CWE-1236): a text value starting with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return gets a leading {@code '} so that a spreadsheet shows it as text instead of
 * evaluating it.
 *
 * <p>A CSV is read by people, in spreadsheets: Unicode's bidirectional formatting characters (U+202E RIGHT-TO-LEFT
 * OVERRIDE...; {@link BidiControls}) in a text value (a From display name in {@code organisation}, a file name, a
 * host) are written as their code point, {@code [U+202E]}, as the dossier and the web pages show them, so that a
 * spreadsheet cannot show {@code Bank[U+202E]gpj.exe} as {@code Bankexe.jpg}. The JSON outputs keep the exact text.
 * Other characters are kept as they are, RFC 4180 quoting included (a line break stays inside its quoted field).
 */
final class CsvSink implements OutcomeSink {
    static final List<String> COLUMNS = List.of("file", "sha256", "date", "received_date", "sender_domain",
            "organisation", "vendors", "tracker_hosts", "open_pixel", "css_beacon", "click_tracking", "read_receipt", "other_beacon",
            "trackers", "trackers_with_recipient_id", "recipient_identifiers", "identifier_encodings", "verdict", "message_class",
            "sender_identity_doubtful", "anomalies", "duplicate_of", "sender_key", "header_recipient_identifiers",
            "header_identifier_fields", "subject", "from_name", "identity_doubt_reasons");

    private final Writer writer;
    private final SequenceWriter rows;
    private final boolean close;

    /**
     * Writes the header row at once, so that a run that analyses no e-mail still gives a CSV a script can read, on
     * stdout as in a file.
     *
     * @param close whether {@link #finish()} closes {@code out} (a file) or only flushes it (stdout)
     */
    CsvSink(OutputStream out, boolean close) throws IOException {
        this(out, close, false);
    }

    /**
     * @param close whether {@link #finish()} closes {@code out} (a file) or only flushes it (stdout)
     * @param excel {@code --csv-excel}: the file starts with a UTF-8 byte-order mark (U+FEFF) and separates fields
     *              with {@code ;}, as a spreadsheet set for French (and most continental European) conventions reads a
     *              CSV opened with a double click: without them Excel reads UTF-8 as Windows-1252 ({@code BoÃ®te}) and
     *              puts a whole row in one column. Quoting stays RFC 4180's (a field holding {@code ;} is quoted).
     */
    CsvSink(OutputStream out, boolean close, boolean excel) throws IOException {
        this.close = close;
        this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.rows = rows(writer, COLUMNS, excel);
    }

    /**
     * Starts a CSV of the run as this class writes one (the {@code --csv} file, {@code --senders-csv}): a UTF-8
     * byte-order mark first with {@code excel}, the header row at once (so that a run with no row still gives a CSV a
     * script can read), then the rows written through the result: RFC 4180, CRLF line ends, fields quoted only when
     * they need it, separated by {@code ,} or, with {@code excel}, {@code ;}. Text values are to go through
     * {@link #text} first.
     *
     * @param writer  where the CSV goes, UTF-8
     * @param columns the column names, which need no quoting
     * @param excel   {@code --csv-excel}
     * @return the writer of the rows, each a list of values in {@code columns} order
     * @throws IOException when the header cannot be written
     */
    static SequenceWriter rows(Writer writer, List<String> columns, boolean excel) throws IOException {
        char separator = excel ? ';' : ',';
        // the header is written here rather than by Jackson, which writes it with the first row only
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(false).setLineSeparator("\r\n")
                .setColumnSeparator(separator);
        for (String column : columns) {
            schema.addColumn(column);
        }
        if (excel) {
            writer.write('\uFEFF');
        }
        writer.write(String.join(String.valueOf(separator), columns) + "\r\n"); // column names need no quoting
        // quote a field only when it needs it (by default Jackson quotes every value over 24 characters)
        return new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writer(schema.build())
                .writeValues(writer);
    }

    @Override
    public void accept(Outcome outcome) throws IOException {
        if (outcome.ok()) {
            rows.write(row(outcome.analysis(), outcome.duplicateOf()));
        }
    }

    @Override
    public void finish() throws IOException {
        rows.flush();
        if (close) {
            rows.close();
            writer.close();
        } else {
            writer.flush();
        }
    }

    /** @return the row of one analysis that is not a duplicate, in {@link #COLUMNS} order. */
    static List<Object> row(Analysis a) {
        return row(a, null);
    }

    /**
     * @param duplicateOf the earlier input that held the same message ({@link DuplicateKey}), or {@code null}
     * @return the row of one analysis, in {@link #COLUMNS} order
     */
    static List<Object> row(Analysis a, String duplicateOf) {
        Map<TrackerKind, Integer> counts = new EnumMap<>(TrackerKind.class);
        Set<String> vendors = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> encodings = new TreeSet<>();
        int identifiers = 0;
        int withRecipientId = 0;
        for (Tracker t : a.trackers()) {
            counts.merge(t.kind(), 1, Integer::sum);
            if (t.vendor() != null) {
                vendors.add(t.vendor());
            }
            if (t.host() != null && !t.host().isEmpty()) {
                hosts.add(t.host());
            }
            if (RecipientTokens.carriesIdentifier(t)) {
                withRecipientId++;
            }
            for (RecipientIdentifier id : t.recipientIdentifiers()) {
                identifiers++;
                encodings.add(id.encoding());
            }
        }
        Set<String> anomalies = new LinkedHashSet<>();
        a.anomalies().forEach(x -> anomalies.add(x.code().name()));
        List<Object> row = new ArrayList<>(COLUMNS.size());
        row.add(text(a.file()));
        row.add(a.sha256());
        row.add(text(a.message() == null ? null : isoDate(a.message().date())));
        row.add(a.assessment() == null || a.assessment().receivedDate() == null ? ""
                : a.assessment().receivedDate().toString());
        row.add(text(SenderKey.domain(a)));
        row.add(text(a.sender() == null ? null : a.sender().organisationName()));
        row.add(text(String.join("; ", vendors)));
        row.add(text(String.join("; ", hosts)));
        for (TrackerKind kind : TrackerKind.values()) {
            row.add(counts.getOrDefault(kind, 0));
        }
        row.add(a.trackers().size());
        row.add(withRecipientId);
        row.add(identifiers);
        row.add(String.join("; ", encodings));
        row.add(a.verdict().name());
        row.add(a.assessment() == null ? "" : a.assessment().messageClass().name());
        row.add(SenderKey.doubtful(a) ? "true" : "false");
        row.add(String.join("; ", anomalies));
        row.add(text(duplicateOf));
        row.add(text(SenderKey.of(a)));
        row.add(a.headerIdentifiers().size());
        Set<String> fields = new LinkedHashSet<>();
        a.headerIdentifiers().forEach(id -> fields.add(id.whereName() != null ? id.whereName() : id.where()));
        row.add(text(String.join("; ", fields)));
        row.add(text(a.message() == null ? null : a.message().subject()));
        row.add(text(a.sender() == null ? null : a.sender().fromName()));
        List<String> reasons = a.sender() == null ? List.of() : a.sender().identityCaveats().stream()
                .filter(c -> !"SENDER_IDENTITY_DOUBTFUL".equals(c)).toList();
        row.add(text(String.join("; ", reasons)));
        return row;
    }

    /**
     * @return {@code value} made safe for spreadsheets (see the class comment: formula guard, bidirectional controls
     *         written {@code [U+202E]}), {@code ""} for null
     */
    static String text(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String value = BidiControls.reveal(raw);
        char c = value.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + value;
        }
        return value;
    }

    /**
     * ISO 8601 date and time to the second with the offset as written, {@code +00:00} included (never {@code Z}, so
     * that every row writes its offset the same way).
     */
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx",
            Locale.ROOT);

    /**
     * @param raw a Date header as written, e.g. {@code Wed, 9 Jan 2002 19:47:50 MST}
     * @return the date in ISO 8601 (RFC 3339) form, to the second, at the offset written, e.g.
     *         {@code 2002-01-09T19:47:50-07:00}; read with the obsolete zones of RFC 5322 section 4.3 ({@code UT},
     *         {@code GMT}, {@code EST}/{@code EDT}, {@code CST}/{@code CDT}, {@code MST}/{@code MDT},
     *         {@code PST}/{@code PDT}), and with {@code -00:00} (RFC 3339 section 4.3: the time in UTC is known, the
     *         local offset is not) where RFC 5322 says the offset is unknown ({@code -0000}, a military letter,
     *         another zone name). A year that cannot be right (3609) is written as read: the {@code anomalies}
     *         column then has {@code BAD_DATE}. {@code raw} unchanged when it does not parse as a date-time.
     */
    static String isoDate(String raw) {
        MailDates.Written date = MailDates.parseWritten(raw);
        if (date == null) {
            return raw;
        }
        if (date.offsetKnown()) {
            return ISO_SECONDS.format(date.dateTime());
        }
        String utc = ISO_SECONDS.format(date.dateTime().withOffsetSameInstant(ZoneOffset.UTC));
        return utc.substring(0, utc.length() - "+00:00".length()) + "-00:00";
    }
}
