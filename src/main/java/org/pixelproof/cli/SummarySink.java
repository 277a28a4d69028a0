package org.pixelproof.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.assess.Verdict;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.Tracker;

/**
 * The summary printed on stderr at the end of a run (so that stdout stays machine-readable): totals, then one table
 * per sending organisation and one per tracker vendor, and, with {@code --senders-csv FILE}, the whole sender table
 * as a CSV. A message given twice in the run (the same bytes, line ends and mail-program state fields aside:
 * {@link Outcome#duplicateOf()}) is counted once; the duplicates are listed (at most {@value #MAX_DUPLICATES_NAMED})
 * under the totals, as are the e-mails whose sender identity is doubtful (counted, their senders named).
 *
 * <p>Order: the tables are made to pick the senders (and vendors) a complaint is about, so they are sorted by the
 * number of e-mails in which a tracker carries an identifier of the recipient (their address in any encoding, or a
 * per-recipient token: {@link RecipientTokens#carriesIdentifier}, as the CSV's {@code trackers_with_recipient_id}
 * column counts them), then by trackers, then by e-mails, then by name; senders whose identity is doubtful (phishing
 * or a forged sender, their key ending with {@value SenderKey#DOUBTFUL_SUFFIX}) come after all the others, in the
 * same order, since a complaint to the organisation they name would reach the wrong one. Each table shows at most
 * {@code rowsShown} rows ({@value #DEFAULT_ROWS} by default, {@code --summary-rows}; 0 for all), the rest counted.
 *
 * <p>Memory is bounded, whatever the number of e-mails and of senders: the totals are exact counters; at most
 * {@value #MAX_SENDER_ROWS_KEPT} sender rows are kept (about 300 bytes each, so a few MiB), each with exact counts
 * and at most {@value #MAX_VENDORS_PER_SENDER} vendors. When a new sender would need one more row, the half of the
 * rows that come last in the order above is folded into an "other senders" line (their counts added to it), so the
 * senders shown, those that come first, keep exact counts unless one of them was folded early and met again (then its
 * earlier e-mails are on the "other senders" line; the table, and the CSV's last row, say when rows were folded).
 * Vendors come from the rule data: at most {@value #MAX_VENDOR_ROWS_KEPT} vendor rows, the vendors met after them
 * summed on one line; a vendor's number of senders is counted as its senders' rows get it, so a folded sender met
 * again counts twice there.
 *
 * <p>Used by the writer thread only.
 */
final class SummarySink implements OutcomeSink {
    /** Rows printed per table by default ({@code --summary-rows}): {@value}. */
    static final int DEFAULT_ROWS = 25;
    /** The name of the line on which folded sender rows are summed. */
    static final String OTHER_SENDERS = "(other senders)";
    /**
     * The columns of {@code --senders-csv}, in order: one row per sender, in the order of the table. New columns are
     * added at the end only.
     */
    static final List<String> SENDER_COLUMNS = List.of("sender_key", "emails_with_recipient_id", "trackers", "emails",
            "emails_with_trackers", "emails_with_address_in_url", "sender_identity_doubtful", "vendors");
    static final int MAX_DUPLICATES_NAMED = 10;
    /** Most sender rows kept in memory, each with exact counts: 10,000 (a few MiB). */
    static final int MAX_SENDER_ROWS_KEPT = 10_000;
    /** Most vendors kept per sender row (shown, and counted in the vendor's number of senders): 50. */
    static final int MAX_VENDORS_PER_SENDER = 50;
    /** Most vendor rows kept: 1,000; the vendors met after them are summed on one line. */
    static final int MAX_VENDOR_ROWS_KEPT = 1_000;
    /** The vendor name of trackers whose vendor is not in the rule data. */
    static final String UNKNOWN_VENDOR = "(unknown vendor)";
    private static final String OTHER_VENDORS = "(other vendors)";

    private final int maxSenderRows;
    /** Rows printed per table; {@link Integer#MAX_VALUE} for all. */
    private final int rowsShown;
    /** Where {@code --senders-csv} goes, or {@code null}. */
    private final OutputStream sendersCsv;
    private final boolean closeSendersCsv;
    private final boolean excel;
    private final Map<String, SenderRow> senders = new HashMap<>();
    /** The sender rows folded to keep memory bounded, summed. */
    private final SenderRow otherSenders = new SenderRow();
    /** How many sender rows were folded into {@link #otherSenders} (a sender folded twice counts twice). */
    private long foldedSenders;
    private final Map<String, VendorRow> vendors = new HashMap<>();
    private long emails;
    private long tracked;
    private long withoutMarkers;
    private long withIdentifiers;
    /** E-mails whose sender identity is doubtful ({@code SENDER_IDENTITY_DOUBTFUL}: phishing or spoofing signs). */
    private long doubtfulSender;
    private final Set<String> doubtfulSenders = new LinkedHashSet<>();
    /** True when a doubtful sender was left out of {@link #doubtfulSenders}, which was full. */
    private boolean moreDoubtfulSenders;
    private long duplicates;
    private final List<String> duplicatesNamed = new ArrayList<>();

    private static final class SenderRow {
        long emails;
        long tracked;
        long trackers;
        /** E-mails in which a tracker URL carries the recipient's address. */
        long identified;
        /** E-mails in which a tracker carries an identifier of the recipient: address or per-recipient token. */
        long withId;
        final Set<String> vendors = new LinkedHashSet<>();

        void add(SenderRow other) {
            emails += other.emails;
            tracked += other.tracked;
            trackers += other.trackers;
            identified += other.identified;
            withId += other.withId;
        }
    }

    /**
     * The order of the sender rows: genuine senders before those whose identity is doubtful, then most e-mails with an
     * identifier of the recipient, most trackers, most e-mails, and the key.
     */
    static final Comparator<Map.Entry<String, SenderRow>> SENDER_ORDER = Comparator
            .<Map.Entry<String, SenderRow>, Boolean>comparing(e -> e.getKey().endsWith(SenderKey.DOUBTFUL_SUFFIX))
            .thenComparingLong(e -> -e.getValue().withId)
            .thenComparingLong(e -> -e.getValue().trackers)
            .thenComparingLong(e -> -e.getValue().emails)
            .thenComparing(Map.Entry::getKey);

    private static final class VendorRow {
        long emails;
        /** E-mails in which a tracker of this vendor carries an identifier of the recipient. */
        long withId;
        long trackers;
        boolean outsideEea;
        /** Senders whose row got this vendor (see the class comment for the one case counted twice). */
        long senders;
    }

    SummarySink() {
        this(MAX_SENDER_ROWS_KEPT);
    }

    /** @param maxSenderRows most sender rows kept (tests use a small one) */
    SummarySink(int maxSenderRows) {
        this(maxSenderRows, DEFAULT_ROWS, null, false, false);
    }

    /**
     * @param maxSenderRows   most sender rows kept in memory ({@value #MAX_SENDER_ROWS_KEPT} in a run)
     * @param rowsShown       rows printed per table; 0 for all
     * @param sendersCsv      where to write the whole sender table as CSV at {@link #finish()}, or {@code null}
     * @param closeSendersCsv whether {@link #finish()} closes {@code sendersCsv} (a file) or only flushes it (stdout)
     * @param excel           {@code --csv-excel}: that CSV written for a spreadsheet set for French, as the
     *                        {@code --csv} file ({@link CsvSink#CsvSink(OutputStream, boolean, boolean)})
     */
    SummarySink(int maxSenderRows, int rowsShown, OutputStream sendersCsv, boolean closeSendersCsv, boolean excel) {
        this.maxSenderRows = Math.max(2, maxSenderRows);
        this.rowsShown = rowsShown <= 0 ? Integer.MAX_VALUE : rowsShown;
        this.sendersCsv = sendersCsv;
        this.closeSendersCsv = closeSendersCsv;
        this.excel = excel;
    }

    @Override
    public void accept(Outcome outcome) {
        if (!outcome.ok()) {
            return;
        }
        if (outcome.duplicate()) {
            duplicates++;
            if (duplicatesNamed.size() < MAX_DUPLICATES_NAMED) {
                duplicatesNamed.add(Reporter.printable(outcome.name()) + " = "
                        + Reporter.printable(outcome.duplicateOf()));
            }
            return;
        }
        Analysis a = outcome.analysis();
        emails++;
        boolean hasTrackers = !a.trackers().isEmpty();
        boolean identified = a.trackers().stream().anyMatch(t -> !t.recipientIdentifiers().isEmpty());
        boolean withId = a.trackers().stream().anyMatch(RecipientTokens::carriesIdentifier);
        if (hasTrackers) {
            tracked++;
        }
        if (a.verdict() == Verdict.TRACKING_WITHOUT_CONSENT_MARKERS) {
            withoutMarkers++;
        }
        if (identified) {
            withIdentifiers++;
        }
        String sender = SenderKey.of(a);
        if (SenderKey.doubtful(a)) {
            doubtfulSender++;
            String named = Reporter.printable(sender.endsWith(SenderKey.DOUBTFUL_SUFFIX) // the sentence says it
                    ? sender.substring(0, sender.length() - SenderKey.DOUBTFUL_SUFFIX.length()) : sender);
            if (doubtfulSenders.size() < MAX_DUPLICATES_NAMED) {
                doubtfulSenders.add(named);
            } else if (!doubtfulSenders.contains(named)) {
                moreDoubtfulSenders = true;
            }
        }
        SenderRow s = senders.get(sender);
        if (s == null) {
            if (senders.size() >= maxSenderRows) {
                foldSmallestHalf();
            }
            s = new SenderRow();
            senders.put(sender, s);
        }
        s.emails++;
        s.trackers += a.trackers().size();
        if (hasTrackers) {
            s.tracked++;
        }
        if (identified) {
            s.identified++;
        }
        if (withId) {
            s.withId++;
        }
        Set<String> seen = new HashSet<>();
        Set<String> seenWithId = new HashSet<>();
        for (Tracker t : a.trackers()) {
            String vendor = t.vendor() != null ? t.vendor() : UNKNOWN_VENDOR;
            VendorRow v = vendors.get(vendor);
            if (v == null) {
                vendor = vendors.size() < MAX_VENDOR_ROWS_KEPT ? vendor : OTHER_VENDORS;
                v = vendors.computeIfAbsent(vendor, k -> new VendorRow());
            }
            if (s.vendors.size() < MAX_VENDORS_PER_SENDER && s.vendors.add(vendor)) {
                v.senders++;
            }
            v.trackers++;
            if (seen.add(vendor)) {
                v.emails++;
            }
            if (RecipientTokens.carriesIdentifier(t) && seenWithId.add(vendor)) {
                v.withId++;
            }
            v.outsideEea |= t.vendorDetails() != null && t.vendorDetails().outsideEea();
        }
    }

    /** @return how many sender rows are kept in memory now */
    int senderRows() {
        return senders.size();
    }

    /** Folds the half of the sender rows that come last in {@link #SENDER_ORDER} into {@link #otherSenders}. */
    private void foldSmallestHalf() {
        List<Map.Entry<String, SenderRow>> rows = new ArrayList<>(senders.entrySet());
        rows.sort(SENDER_ORDER.reversed());
        for (Map.Entry<String, SenderRow> e : rows.subList(0, rows.size() / 2)) {
            otherSenders.add(e.getValue());
            foldedSenders++;
            senders.remove(e.getKey());
        }
    }

    /** @return "1 e-mail" or "N e-mails" */
    static String emails(long n) {
        return String.format(Locale.ROOT, n == 1 ? "%,d e-mail" : "%,d e-mails", n);
    }

    /**
     * The summary's first sentence, worded for the counts it gives: "No e-mails were analysed.", "Analysed 1 e-mail:
     * no tracker found.", "Analysed 1 e-mail: it has trackers, without visible consent markers; a tracker URL carries
     * the recipient's address (plain, encoded or hashed).", "Analysed 144 e-mails: 101 with trackers, 98 of them
     * without visible consent markers; in 12 e-mails, a tracker URL carries the recipient's address (plain, encoded
     * or hashed)."
     *
     * @param emails          the e-mails analysed
     * @param tracked         of those, the e-mails with at least one tracker
     * @param withoutMarkers  of those, the e-mails with trackers and no visible consent or opt-out marker
     * @param withIdentifiers the e-mails in which a tracker URL carries the recipient's address
     * @return the sentence, ending with a full stop, without a line break
     */
    static String headline(long emails, long tracked, long withoutMarkers, long withIdentifiers) {
        if (emails == 0) {
            return "No e-mails were analysed.";
        }
        StringBuilder sb = new StringBuilder("Analysed ").append(emails(emails)).append(": ");
        if (tracked == 0) {
            return sb.append(emails == 1 ? "no tracker found." : "none with trackers.").toString();
        }
        String markers = withoutMarkers == tracked ? "without visible consent markers"
                : withoutMarkers == 0 ? "with visible consent markers"
                : String.format(Locale.ROOT, "%,d of them without visible consent markers", withoutMarkers);
        if (emails == 1) {
            sb.append("it has trackers, ").append(markers);
        } else if (tracked == 1) {
            sb.append("1 with trackers, ").append(markers);
        } else {
            sb.append(String.format(Locale.ROOT, "%,d with trackers, ", tracked))
                    .append(withoutMarkers == tracked || withoutMarkers == 0 ? "all " : "").append(markers);
        }
        String address = "a tracker URL carries the recipient's address (plain, encoded or hashed)";
        if (withIdentifiers == 0) {
            sb.append(tracked == 1 ? "; its tracker URLs do not carry the recipient's address"
                    : "; no tracker URL carries the recipient's address");
        } else if (emails == 1) {
            sb.append("; ").append(address);
        } else {
            sb.append("; in ").append(emails(withIdentifiers)).append(", ").append(address);
        }
        return sb.append('.').toString();
    }

    /** @return the summary text, ending with a newline. */
    String render(Reporter.Counts counts, long ignoredFiles) {
        return render(counts, ignoredFiles, List.of());
    }

    /** @return the summary text, ending with a newline, with no hidden file skipped. */
    String render(Reporter.Counts counts, long ignoredFiles, List<String> ignoredNames) {
        return render(counts, ignoredFiles, ignoredNames, 0, List.of());
    }

    /** @return the end-of-run summary, with no special file skipped */
    String render(Reporter.Counts counts, long ignoredFiles, List<String> ignoredNames, long hiddenFiles,
            List<String> hiddenNames) {
        return render(counts, ignoredFiles, ignoredNames, hiddenFiles, hiddenNames, 0, List.of());
    }

    /**
     * @param counts       the run's counts
     * @param ignoredFiles how many files in the folders were ignored as not e-mails
     * @param ignoredNames the first of them, named in the summary
     * @param hiddenFiles  how many hidden or mail-program files ({@code .DS_Store}, {@code .msf}, Dovecot) the
     *                     folders held, skipped unread
     * @param hiddenNames  the first of them, named in the summary
     * @param specialFiles how many entries of the folders were not regular files (devices, named pipes, sockets,
     *                     broken links), skipped unopened
     * @param specialNames the first of them, named in the summary
     * @return the end-of-run summary
     */
    String render(Reporter.Counts counts, long ignoredFiles, List<String> ignoredNames, long hiddenFiles,
            List<String> hiddenNames, long specialFiles, List<String> specialNames) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n%s%n", headline(emails, tracked, withoutMarkers, withIdentifiers)));
        if (duplicates > 0) {
            sb.append(String.format(Locale.ROOT, "%,d e-mail(s) given twice (the same message as an earlier input, "
                    + "line ends and mail-program state fields aside), counted once: %s%s.%n", duplicates,
                    String.join("; ", duplicatesNamed),
                    duplicates > duplicatesNamed.size() ? "; ..." : ""));
        }
        if (doubtfulSender > 0) {
            sb.append(String.format(Locale.ROOT, "%s whose sender's identity is doubtful (signs of phishing or a forged"
                    + " sender; senders %s%s): check before writing to the organisation named, which may not have sent"
                    + " them (CSV column sender_identity_doubtful).%n", emails(doubtfulSender),
                    String.join(", ", doubtfulSenders), moreDoubtfulSenders ? ", ..." : ""));
        }
        if (counts.failed() > 0) {
            sb.append(String.format(Locale.ROOT, "%,d input(s) could not be analysed (see above).%n",
                    counts.failed()));
        }
        if (counts.dossiersFailed() > 0) {
            sb.append(String.format(Locale.ROOT, "%,d dossier(s) could not be written (see above); their e-mails were"
                    + " analysed.%n", counts.dossiersFailed()));
        }
        if (counts.partial() > 0) {
            sb.append(String.format(Locale.ROOT, "%,d e-mail(s) analysed only in part, over a limit (see above).%n",
                    counts.partial()));
        }
        if (ignoredFiles > 0) {
            sb.append(String.format(Locale.ROOT, "%,d file(s) in the folders were ignored: not e-mails (%s%s).%n",
                    ignoredFiles, String.join(", ", ignoredNames),
                    ignoredFiles > ignoredNames.size() ? ", ..." : ""));
        }
        if (hiddenFiles > 0) {
            sb.append(String.format(Locale.ROOT, "%,d hidden or mail-program file(s) in the folders were skipped "
                    + "unread: hidden files, Thunderbird indexes, Dovecot or Courier metadata (%s%s).%n", hiddenFiles,
                    String.join(", ", hiddenNames), hiddenFiles > hiddenNames.size() ? ", ..." : ""));
        }
        if (specialFiles > 0) {
            sb.append(String.format(Locale.ROOT, "%,d special file(s) in the folders were skipped unopened: not "
                    + "regular files (devices, named pipes, sockets, broken symbolic links) (%s%s).%n", specialFiles,
                    Reporter.printable(String.join(", ", specialNames)), specialFiles > specialNames.size() ? ", ..."
                            : ""));
        }
        if (emails == 0) {
            return sb.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        List<Map.Entry<String, SenderRow>> sorted = sortedSenders();
        sorted.stream().limit(rowsShown)
                .forEach(e -> rows.add(List.of(e.getKey(), num(e.getValue().withId), num(e.getValue().trackers),
                        num(e.getValue().emails), num(e.getValue().tracked), num(e.getValue().identified),
                        String.join(", ", e.getValue().vendors))));
        sb.append(System.lineSeparator()).append("By sender: most e-mails with an identifier of the recipient first (a"
                + " tracker carries their address or a per-recipient token), then most trackers, then most e-mails;"
                + System.lineSeparator() + "senders whose identity is doubtful after the others").append(
                        System.lineSeparator());
        List<String> header = List.of("sender", "e-mails with id", "trackers", "e-mails", "with trackers",
                "address in URL", "vendors");
        String more = "--summary-rows 0 prints them all, --senders-csv FILE writes them all";
        if (foldedSenders == 0) {
            table(sb, header, rows, senders.size(), more);
        } else {
            // rows were folded to bound memory: the rest goes on one line, with what is known of its senders
            SenderRow rest = new SenderRow();
            rest.add(otherSenders);
            sorted.stream().skip(rowsShown).forEach(e -> rest.add(e.getValue()));
            rows.add(List.of(OTHER_SENDERS, num(rest.withId), num(rest.trackers), num(rest.emails), num(rest.tracked),
                    num(rest.identified), ""));
            table(sb, header, rows, rows.size(), more);
            sb.append(String.format(Locale.ROOT, "Over %,d senders: to bound memory, %,d rows that came last in this"
                    + " order at the time were summed on the line \"%s\" as the run went%s; a sender met again after"
                    + " its row was summed has its earlier e-mails there (every e-mail is in --csv and --jsonl).%n",
                    maxSenderRows, foldedSenders, OTHER_SENDERS, sorted.size() > rowsShown
                            ? String.format(Locale.ROOT, ", with the rows after the %,d shown", rowsShown) : ""));
        }
        if (!vendors.isEmpty()) {
            rows.clear();
            vendors.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, VendorRow>>comparingLong(e -> -e.getValue().withId)
                            .thenComparingLong(e -> -e.getValue().trackers)
                            .thenComparingLong(e -> -e.getValue().emails)
                            .thenComparing(Map.Entry::getKey))
                    .limit(rowsShown)
                    .forEach(e -> rows.add(List.of(e.getKey(), num(e.getValue().withId), num(e.getValue().trackers),
                            num(e.getValue().emails), num(e.getValue().senders), e.getValue().outsideEea ? "yes"
                                    : "")));
            sb.append(System.lineSeparator()).append("By tracker vendor: most e-mails in which one of its trackers"
                    + " carries an identifier of the recipient first, then most trackers, then most e-mails")
                    .append(System.lineSeparator());
            table(sb, List.of("vendor", "e-mails with id", "trackers", "e-mails", "senders", "outside EEA"), rows,
                    vendors.size(), "--summary-rows 0 prints them all");
        }
        return sb.toString();
    }

    /** @return the sender rows kept, in {@link #SENDER_ORDER} */
    private List<Map.Entry<String, SenderRow>> sortedSenders() {
        return senders.entrySet().stream().sorted(SENDER_ORDER).toList();
    }

    /** @return true when sender rows were folded into the {@value #OTHER_SENDERS} line to bound memory */
    boolean folded() {
        return foldedSenders > 0;
    }

    /**
     * Writes {@code --senders-csv}, when asked: a header row ({@link #SENDER_COLUMNS}), then one row per sender in the
     * table's order, every sender (not only the rows printed), as the {@code --csv} file is written (RFC 4180, UTF-8,
     * CRLF, text guarded against formulas, bidirectional controls shown; for Excel with {@code --csv-excel}); when
     * rows were folded to bound memory, a last row {@value #OTHER_SENDERS} with their sums. A run that analysed no
     * e-mail writes the header row alone.
     *
     * @throws IOException when the CSV cannot be written
     */
    @Override
    public void finish() throws IOException {
        if (sendersCsv == null) {
            return;
        }
        Writer writer = new OutputStreamWriter(sendersCsv, StandardCharsets.UTF_8);
        SequenceWriter out = CsvSink.rows(writer, SENDER_COLUMNS, excel);
        for (Map.Entry<String, SenderRow> e : sortedSenders()) {
            SenderRow r = e.getValue();
            out.write(List.of(CsvSink.text(e.getKey()), r.withId, r.trackers, r.emails, r.tracked, r.identified,
                    e.getKey().endsWith(SenderKey.DOUBTFUL_SUFFIX) ? "true" : "false",
                    CsvSink.text(String.join("; ", r.vendors))));
        }
        if (foldedSenders > 0) {
            SenderRow r = otherSenders;
            out.write(List.of(OTHER_SENDERS, r.withId, r.trackers, r.emails, r.tracked, r.identified, "", ""));
        }
        out.flush();
        if (closeSendersCsv) {
            out.close();
            writer.close();
        } else {
            writer.flush();
        }
    }

    private static void table(StringBuilder sb, List<String> header, List<List<String>> rows, int total,
            String more) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns(header.get(i));
            for (List<String> row : rows) {
                widths[i] = Math.min(60, Math.max(widths[i], columns(row.get(i))));
            }
        }
        appendRow(sb, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        sb.append(rule.toString().stripTrailing()).append(System.lineSeparator());
        for (List<String> row : rows) {
            appendRow(sb, row, widths);
        }
        if (total > rows.size()) {
            sb.append(String.format(Locale.ROOT, "... and %,d more (%s)%n", total - rows.size(), more));
        }
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (columns(cell) > widths[i]) {
                cell = cell.substring(0, cell.offsetByCodePoints(0, widths[i] - 1)) + "\u2026";
            }
            boolean numeric = i > 0 && !cell.isEmpty() && Character.isDigit(cell.charAt(0));
            int pad = widths[i] - columns(cell);
            line.append(numeric ? " ".repeat(pad) + cell : cell + " ".repeat(pad)).append("  ");
        }
        sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    /**
     * @return the width of a cell in code points, so that a sender written with letters outside the Basic Multilingual
     *         Plane ({@code 𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹}, two UTF-16 chars each) is padded and cut as it shows, never inside a letter
     */
    private static int columns(String cell) {
        return cell.codePointCount(0, cell.length());
    }

    private static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
