package org.pixelproof.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.pixelproof.ingest.IngestLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pixelproof analyze PATH...}: analyses e-mails in batch, over the same pipeline as the web app. See
 * {@code --help} for the options and {@link ExitCodes} for the exit codes.
 *
 * <p>One instance runs once; not thread-safe.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, versionProvider = PixelProofCommand.Version.class,
        sortOptions = false, usageHelpWidth = 110,
        description = {
            "Finds the tracking (spy pixels, click tracking, recipient identifiers) in e-mails and writes the "
                    + "results as JSON, JSON Lines, CSV and PDF evidence dossiers. Nothing found in an e-mail is "
                    + "ever fetched.",
            "",
            "PATH: an .eml file, an mbox file (streamed, any size), an Outlook .msg file, or a folder (walked "
                    + "recursively; Maildir folders included), mixed at will. Files are told apart by their "
                    + "content. In folders, files that are not e-mails (README, manifests, indexes) are ignored "
                    + "and counted; a path given explicitly is always analysed.",
            "",
            "Outputs name each input by the path given (file.mbox#3 for the 3rd message of an mbox) and follow the "
                    + "order of the inputs. When no output goes to stdout (no --json, --jsonl -, --csv - or "
                    + "--senders-csv -), one line per e-mail is printed there, unless --quiet. A summary per sender "
                    + "and per tracker vendor goes to stderr at the end, so stdout stays machine-readable: senders "
                    + "(and vendors) with the most e-mails carrying an identifier of the recipient first, then the "
                    + "most trackers, then the most e-mails, senders whose identity is doubtful last."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every input was analysed in full",
            "1:some inputs could not be analysed (not an e-mail, empty, too large, unreadable, not a regular file, "
                    + "out of memory, abandoned after --timeout) or their dossier failed; the others were",
            "2:usage error (unknown option, missing PATH, conflicting outputs, an output that would overwrite or be "
                    + "read as an input); nothing was analysed or written",
            "3:every input was analysed, some only in part because they exceeded a limit (MIME parts, nesting, "
                    + "header count, body, HTML depth or CSS size; see --limits). A header field longer than the "
                    + "limit is shortened and reported without changing the exit code: nothing else is left out.",
            "4:an output could not be written; the run stopped",
            "5:internal error (re-run with --debug), or an analysis abandoned after --timeout did not stop"})
final class AnalyzeCommand implements Callable<Integer> {

    /** The ingest limits presets, by name. */
    enum Limits {
        DEFAULT(IngestLimits.DEFAULT), STRICT(IngestLimits.STRICT), PERMISSIVE(IngestLimits.PERMISSIVE);

        final IngestLimits limits;

        Limits(IngestLimits limits) {
            this.limits = limits;
        }
    }

    /** Dossier languages. */
    enum Lang { fr, en }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "E-mails to analyse: files, folders, mbox, "
            + "Maildir, .msg.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON array of analyses on stdout (streamed).")
    boolean json;

    @Option(names = "--jsonl", paramLabel = "FILE", description = "Write one analysis per line (JSON Lines) to "
            + "FILE, or to stdout with '-'.")
    String jsonl;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per e-mail (RFC 4180, UTF-8) to "
            + "FILE, or to stdout with '-'.")
    String csv;

    @Option(names = "--senders-csv", paramLabel = "FILE", description = "Write the summary's sender table whole, one "
            + "row per sender in its order (most e-mails with an identifier of the recipient first), to FILE, or to "
            + "stdout with '-': sender_key, emails_with_recipient_id, trackers, emails, emails_with_trackers, "
            + "emails_with_address_in_url, sender_identity_doubtful, vendors. Written even with --quiet.")
    String sendersCsv;

    @Option(names = "--summary-rows", paramLabel = "N", defaultValue = "25", description = "Rows of each table of the "
            + "summary printed on stderr at the end (by sender, by tracker vendor); 0 prints them all (default: "
            + "${DEFAULT-VALUE}).")
    int summaryRows;

    @Option(names = "--csv-excel", description = "Write every CSV of the run (the --csv and --senders-csv files and "
            + "the index.csv of the --pdf and --sender-pdf folders) for a spreadsheet such as Excel set for French: "
            + "a UTF-8 byte-order mark "
            + "first and ';' between fields (without them a double click shows accents wrong and a whole row in one "
            + "column).")
    boolean csvExcel;

    @Option(names = "--pdf", paramLabel = "DIR", description = "Write one evidence dossier (PDF) per e-mail in "
            + "DIR, created if needed, named after the e-mail's path below the folder the PATHs share (folders joined "
            + "with '_', mbox messages numbered 00001...: 2024_Inbox-00017.pdf); DIR/index.csv says which e-mail, and "
            + "which copies of it, each dossier holds. E-mails in which no tracker was found get none (nothing to "
            + "complain about); stderr says how many.")
    Path pdf;

    @Option(names = "--by-sender", description = "With --pdf: one dossier per sending organisation (From domain; "
            + "the From address for a public mailbox provider such as gmail.com) gathering its e-mails, instead of "
            + "one per e-mail. The same message given twice counts once.")
    boolean bySender;

    @Option(names = "--sender-pdf", paramLabel = "DIR", description = "Write one dossier per sending organisation "
            + "(as --by-sender) in DIR, created if needed; with --pdf DIR2, the same run also writes one dossier per "
            + "e-mail in DIR2.")
    Path senderPdf;

    @Option(names = "--sender", paramLabel = "KEY", description = "With --pdf, --by-sender or --sender-pdf: write "
            + "dossiers only for the e-mails of this sender, as the CSV's sender_key column, the summary and "
            + "--senders-csv name it (shop.example, lea@gmail.com, 'shop.example (identity doubtful)'), whole, case "
            + "aside. Repeatable. --json, --jsonl, --csv, --senders-csv and the summary still cover every e-mail; a "
            + "KEY that matches no e-mail is said on stderr.")
    List<String> senders = new ArrayList<>();

    @Option(names = "--max-per-dossier", paramLabel = "N", defaultValue = "100", description = "With --by-sender or "
            + "--sender-pdf: most e-mails in one dossier; a sender with more gets several (default: ${DEFAULT-VALUE}).")
    int maxPerDossier;

    @Option(names = "--lang", paramLabel = "fr|en", defaultValue = "fr", description = "Language of the dossiers "
            + "(default: ${DEFAULT-VALUE}).")
    Lang lang;

    @Option(names = "--complainant", paramLabel = "FILE", description = "A YAML file with the complainant's "
            + "details for the dossiers: name, postalAddress, email, addressGivenHow, addressGivenWhen, addressGivenOn "
            + "(a date, 2024-03-05), addressGivenPeriod (before|after 14 April 2026), addressNeverGiven, consentAsked "
            + "(yes|no|dont_know), priorRequest (sentOn, content, answeredOn, answer), actingFor, mandate, "
            + "objectToMarketing. Free text is quoted in the letters as written: write it in the language of the "
            + "dossier to file (French for the CNIL complaint). The --complainant-* options override it.")
    Path complainantFile;

    @Option(names = "--complainant-name", paramLabel = "NAME", description = "Complainant's name, for the "
            + "dossiers.")
    String complainantName;

    @Option(names = "--complainant-address", paramLabel = "ADDRESS", description = "Complainant's postal address, "
            + "for the dossiers.")
    String complainantAddress;

    @Option(names = "--complainant-email", paramLabel = "ADDR", description = "The complainant's e-mail address that "
            + "received the e-mails, for the dossiers.")
    String complainantEmail;

    @Option(names = "--recipient", paramLabel = "ADDR", description = "A recipient address to search for in "
            + "tracker URLs, besides those of the headers (To, Delivered-To, X-Original-To). Repeatable.")
    List<String> recipients = new ArrayList<>();

    @Option(names = "--dkim-lookup", paramLabel = "true|false", defaultValue = "false", arity = "1",
            description = "Look DKIM keys up in the DNS to verify signatures (default: ${DEFAULT-VALUE}: no "
                    + "network at all, DKIM results 'neutral'). URLs found in e-mails are never fetched either way.")
    boolean dkimLookup;

    @Option(names = "--dkim-zone-file", paramLabel = "FILE", description = "A DNS master file (RFC 1035) that "
            + "answers DKIM key lookups offline.")
    Path dkimZoneFile;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of "
            + "processors).")
    Integer threads;

    @Option(names = "--limits", paramLabel = "default|strict|permissive", defaultValue = "default",
            converter = LimitsConverter.class, description = "Ingest limits preset: default (25 MiB messages, "
                    + "1,000 parts, 5 MiB bodies), strict (10 MiB, 200 parts, 2 MiB) or permissive (100 MiB, "
                    + "10,000 parts, 20 MiB). Default: ${DEFAULT-VALUE}.")
    Limits limits;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Abandon the "
            + "analysis of one e-mail after this many seconds: it is stopped, reported on stderr as 'analysis "
            + "abandoned after N s (--timeout)' (exit code 1) and the run goes on; 0 waits forever (default: "
            + "${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = {"-q", "--quiet"}, description = "No per-e-mail lines, no notes (what was left out of the "
            + "dossiers and why), no summary, no progress. Still printed: what failed, the files cut short inside "
            + "their headers, the points where --complainant contradicts the e-mails (to check before sending), "
            + "a --sender KEY that matches no e-mail, and the warnings about files on disk (a dossier folder that "
            + "already holds files, file names that cannot be decoded, a temporary folder left behind).")
    boolean quiet;

    @Option(names = "--progress", negatable = true, description = "Show a progress line on stderr (default: only "
            + "when attached to a terminal).")
    Boolean progress;

    @Option(names = "--debug", description = "Print stack traces of internal errors on stderr.")
    boolean debug;

    private final Backends backends;
    private final OutputStream stdout;
    private final PrintWriter stderr;
    private final boolean terminal;

    /**
     * @param backends the engine and dossier renderer to run on
     * @param stdout   where {@code --json} and '-' outputs go; flushed, never closed
     * @param stderr   where reports and the summary go
     * @param terminal whether stderr is a terminal (progress line by default)
     */
    AnalyzeCommand(Backends backends, OutputStream stdout, PrintWriter stderr, boolean terminal) {
        this.backends = backends;
        this.stdout = stdout;
        this.stderr = stderr;
        this.terminal = terminal;
    }

    /** Converts {@code --limits} case-insensitively. */
    static final class LimitsConverter implements picocli.CommandLine.ITypeConverter<Limits> {
        @Override
        public Limits convert(String value) {
            try {
                return Limits.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "expected default, strict or permissive but was '" + value + "'");
            }
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Reporter reporter = new Reporter(stderr, quiet, progress != null ? progress : terminal && !quiet,
                debug);

        Engine engine;
        DossierRenderer dossiers = null;
        org.pixelproof.dossier.Complainant complainant = null;
        try {
            engine = backends.engine(new Backends.EngineSettings(limits.limits, recipients, dkimLookup,
                    dkimZoneFile));
            if (pdf != null || senderPdf != null) {
                complainant = ComplainantFile.read(complainantFile, complainantName, complainantAddress,
                        complainantEmail);
                dossiers = backends.dossiers(new Backends.DossierSettings(lang.name(), complainant, limits.limits));
            }
        } catch (IllegalArgumentException e) {
            reporter.line(e.getMessage());
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            reporter.line("cannot start the engine: " + BatchRunner.describe(e));
            if (debug) {
                e.printStackTrace(stderr);
            }
            return ExitCodes.INTERNAL_ERROR;
        }

        ExecutorService pool = new java.util.concurrent.ThreadPoolExecutor(workers, workers, 0L,
                java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                daemonThreads());
        List<OutputStream> files = new ArrayList<>();
        SenderSelection chosen = new SenderSelection(senders);
        SummarySink summary = null;
        InputWalker walker = new InputWalker(limits.limits.maxMessageBytes(), backends.mailboxFormats());
        List<OutcomeSink> sinks = new ArrayList<>();
        try {
            boolean stdoutUsed = false;
            if (json) {
                sinks.add(new JsonArraySink(stdout));
                stdoutUsed = true;
            }
            if (jsonl != null) {
                sinks.add(new JsonLinesSink(open(jsonl, files), !"-".equals(jsonl)));
                stdoutUsed |= "-".equals(jsonl);
            }
            if (csv != null) {
                sinks.add(new CsvSink(open(csv, files), !"-".equals(csv), csvExcel));
                stdoutUsed |= "-".equals(csv);
            }
            OutputStream sendersOut = null;
            if (sendersCsv != null) {
                sendersOut = open(sendersCsv, files);
                stdoutUsed |= "-".equals(sendersCsv);
            }
            if (!stdoutUsed && !quiet) {
                sinks.add(new TextSink(stdout));
            }
            if (pdf != null) {
                prepareFolder(pdf, bySender ? "--by-sender" : "--pdf", reporter);
                sinks.add(bySender ? new BySenderSink(pdf, dossiers, pool, maxPerDossier, reporter, "--by-sender",
                        backends.temporaryFolder(), csvExcel, chosen) : new PdfSink(pdf, reporter,
                        backends.temporaryFolder(), DossierNames.forPaths(paths), csvExcel, chosen));
            }
            if (senderPdf != null) {
                prepareFolder(senderPdf, "--sender-pdf", reporter);
                sinks.add(new BySenderSink(senderPdf, dossiers, pool, maxPerDossier, reporter, "--sender-pdf",
                        backends.temporaryFolder(), csvExcel, chosen));
            }
            if (complainant != null) {
                sinks.add(new ComplainantPointsSink(complainant, reporter, chosen));
            }
            if (!chosen.all()) {
                sinks.add(chosen.sink(reporter));
            }
            summary = new SummarySink(SummarySink.MAX_SENDER_ROWS_KEPT, summaryRows, sendersOut,
                    sendersOut != null && !"-".equals(sendersCsv), csvExcel);
            sinks.add(summary);
            boolean perSender = pdf != null && bySender || senderPdf != null;
            BatchRunner runner = new BatchRunner(engine, walker, pool, 4 * workers, reporter, sinks,
                    pdf != null && !bySender ? dossiers : null, chosen, perSender, timeoutSeconds,
                    Runtime.getRuntime().maxMemory() / BatchRunner.DEFAULT_READ_AHEAD_HEAP_DIVISOR,
                    backends.temporaryFolder(), BatchRunner.DEFAULT_STOP_GRACE_MILLIS);
            runner.run(paths);
            stdout.flush();
        } catch (IOException e) {
            reporter.line(writeError(e));
            return ExitCodes.OUTPUT_ERROR;
        } finally {
            pool.shutdownNow();
            for (OutcomeSink sink : sinks) {
                sink.close(); // temporary files go on every way out, internal errors included
            }
            for (OutputStream f : files) {
                try {
                    f.close();
                } catch (IOException e) {
                    reporter.line(writeError(e));
                }
            }
        }
        if (walker.undecodableNames() > 0) {
            String encoding = InputWalker.fileNameEncoding();
            boolean utf8 = java.nio.charset.StandardCharsets.UTF_8.aliases().contains(encoding)
                    || "UTF-8".equalsIgnoreCase(encoding);
            reporter.warning(String.format(java.util.Locale.ROOT, "%,d file name(s) in the folders cannot be decoded"
                    + " in this system's file-name encoding (%s): the outputs show them with \uFFFD in place of what"
                    + " it cannot decode (the files were read all the same)%s", walker.undecodableNames(), encoding,
                    utf8 ? "; they are not valid UTF-8" : "; run PixelProof with a UTF-8 locale (e.g. LANG=C.UTF-8)"
                            + " to keep them as they are"));
        }
        if (sendersCsv != null && summary.folded()) {
            reporter.warning(String.format(java.util.Locale.ROOT, "--senders-csv: over %,d senders, the rows that came"
                    + " last were summed on its last row, \"%s\", to bound memory; a sender met again after its row"
                    + " was summed has its earlier e-mails there (group --csv by sender_key for exact counts)",
                    SummarySink.MAX_SENDER_ROWS_KEPT, SummarySink.OTHER_SENDERS));
        }
        reporter.done();
        Reporter.Counts counts = reporter.counts();
        if (!quiet) {
            reporter.print(summary.render(counts, walker.ignoredFiles(), walker.ignoredNames(), walker.hiddenFiles(),
                    walker.hiddenNames(), walker.specialFiles(), walker.specialNames()));
        }
        if (counts.internal() > 0) {
            return ExitCodes.INTERNAL_ERROR;
        }
        if (counts.failed() > 0 || counts.dossiersFailed() > 0) {
            return ExitCodes.INPUTS_FAILED;
        }
        return counts.partial() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    /**
     * @return a line saying which file or folder could not be written and why, e.g. {@code cannot write
     *         out/x.csv: no such folder (out does not exist)}
     */
    static String writeError(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
            String file = fs.getFile();
            String why;
            if (e instanceof java.nio.file.NoSuchFileException) {
                Path parent = Path.of(file).toAbsolutePath().getParent();
                why = parent != null && !Files.isDirectory(parent) ? "no such folder (" + Path.of(file).getParent()
                        + " does not exist; create it first)" : "no such file or folder";
            } else if (e instanceof java.nio.file.AccessDeniedException) {
                why = "permission denied";
            } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
                why = "a file of that name is in the way (a folder is needed)";
            } else if (e instanceof java.nio.file.NotDirectoryException) {
                why = "not a folder";
            } else {
                why = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
            }
            return "cannot write " + Reporter.printable(file) + ": " + why;
        }
        return "cannot write the output: " + InputWalker.reason(e);
    }

    private void validate() {
        int onStdout = (json ? 1 : 0) + ("-".equals(jsonl) ? 1 : 0) + ("-".equals(csv) ? 1 : 0)
                + ("-".equals(sendersCsv) ? 1 : 0);
        if (onStdout > 1) {
            throw new ParameterException(spec.commandLine(),
                    "only one of --json, --jsonl -, --csv - and --senders-csv - can write to stdout");
        }
        if (csvExcel && csv == null && sendersCsv == null && pdf == null && senderPdf == null) {
            throw new ParameterException(spec.commandLine(), "--csv-excel needs a CSV to write: --csv FILE, "
                    + "--senders-csv FILE, or the index.csv of --pdf DIR or --sender-pdf DIR");
        }
        if (!senders.isEmpty() && pdf == null && senderPdf == null) {
            throw new ParameterException(spec.commandLine(), "--sender chooses the senders that get dossiers: it "
                    + "needs --pdf DIR or --sender-pdf DIR (--json, --jsonl and --csv always cover every e-mail)");
        }
        if (senders.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "--sender needs a sender key (the CSV's sender_key "
                    + "column), not an empty value");
        }
        if (summaryRows < 0) {
            throw new ParameterException(spec.commandLine(), "--summary-rows must be 0 (all) or more");
        }
        if (bySender && pdf == null) {
            throw new ParameterException(spec.commandLine(), "--by-sender needs --pdf DIR");
        }
        if (bySender && senderPdf != null) {
            throw new ParameterException(spec.commandLine(), "--by-sender and --sender-pdf both ask for dossiers per "
                    + "sender: use --pdf DIR --sender-pdf DIR2 for one dossier per e-mail and one per sender");
        }
        if (pdf != null && senderPdf != null && sameFolder(pdf, senderPdf)) {
            throw new ParameterException(spec.commandLine(), "--pdf and --sender-pdf need two different folders");
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (timeoutSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 0 or more");
        }
        if (maxPerDossier < 1) {
            throw new ParameterException(spec.commandLine(), "--max-per-dossier must be at least 1");
        }
        if (dkimZoneFile != null && !Files.isReadable(dkimZoneFile)) {
            throw new ParameterException(spec.commandLine(), "--dkim-zone-file: cannot read " + dkimZoneFile);
        }
        String clash = outputOverInput();
        if (clash != null) {
            throw new ParameterException(spec.commandLine(), Reporter.printable(clash));
        }
    }

    /**
     * @return true when the walk of input folder {@code folder} meets {@code file} as an input: a regular file, not
     *         skipped for its name ({@link InputWalker#isIgnoredName}: hidden, a mail program's own file) nor for a
     *         hidden folder on the way
     */
    private static boolean walkedAsInput(Path folder, Path file) {
        if (!Files.isRegularFile(file) || InputWalker.isIgnoredName(file.getFileName().toString())) {
            return false;
        }
        for (Path part : folder.relativize(file.getParent() == null ? file : file.getParent())) {
            if (part.toString().startsWith(".")) {
                return false; // hidden folders are not walked (a Maildir's own ones aside: said the other way)
            }
        }
        return true;
    }

    /**
     * Checks, before anything is opened for writing, that no output would overwrite or be read as an input: the
     * {@code --jsonl}, {@code --csv} and {@code --senders-csv} files must not be an input ({@code PATH},
     * {@code --complainant}, {@code --dkim-zone-file}), lie inside an input folder (the walk would read the run's own
     * output) or be the same file as each other, an {@code index.csv} or a {@code .pdf} of a dossier folder; a
     * dossier folder must not be an input folder or lie inside one (the walk would read its dossiers and
     * {@code index.csv}), and no input may be a file the run could replace there ({@code index.csv}, a {@code .pdf}).
     * Paths are compared as real paths (links and {@code ..} resolved, the same file through a hard link too) where
     * they exist; an input that does not exist is left for the run to report.
     *
     * @return what is wrong, in one line, or {@code null}
     */
    private String outputOverInput() {
        /* the inputs that exist: what they are called, as given, real path, whether a folder, path of a link itself */
        record In(String what, String given, Path real, boolean folder, Path itself) {
        }
        List<In> inputs = new ArrayList<>();
        List<String[]> named = new ArrayList<>();
        paths.forEach(p -> named.add(new String[] {"the input", p}));
        if (complainantFile != null) {
            named.add(new String[] {"the --complainant file", complainantFile.toString()});
        }
        if (dkimZoneFile != null) {
            named.add(new String[] {"the --dkim-zone-file", dkimZoneFile.toString()});
        }
        for (String[] n : named) {
            if (OutputPaths.exists(n[1])) {
                Path real = OutputPaths.real(n[1]);
                inputs.add(new In(n[0], n[1], real, Files.isDirectory(real), OutputPaths.unresolved(n[1])));
            }
        }
        List<String[]> outputs = new ArrayList<>();
        if (jsonl != null && !"-".equals(jsonl)) {
            outputs.add(new String[] {"--jsonl", jsonl});
        }
        if (csv != null && !"-".equals(csv)) {
            outputs.add(new String[] {"--csv", csv});
        }
        if (sendersCsv != null && !"-".equals(sendersCsv)) {
            outputs.add(new String[] {"--senders-csv", sendersCsv});
        }
        List<String[]> folders = new ArrayList<>();
        if (pdf != null) {
            folders.add(new String[] {bySender ? "--pdf (--by-sender)" : "--pdf", pdf.toString()});
        }
        if (senderPdf != null) {
            folders.add(new String[] {"--sender-pdf", senderPdf.toString()});
        }
        for (String[] out : outputs) {
            Path file = OutputPaths.real(out[1]);
            if (file == null) {
                continue; // not a valid path: opening it fails and says so
            }
            boolean exists = Files.exists(file);
            for (In in : inputs) {
                if (file.equals(in.real()) || exists && OutputPaths.same(file, in.real())) {
                    return out[0] + " " + out[1] + " is also " + in.what() + " " + in.given() + ": writing it would "
                            + "destroy it; choose another output file";
                }
                if (in.folder() && file.startsWith(in.real())) {
                    if (exists && walkedAsInput(in.real(), file)) {
                        return out[0] + " " + out[1] + " is itself one of the inputs found in " + in.what()
                                + " folder " + in.given() + ": writing it would overwrite that input (and the run "
                                + "would read its own output as e-mails); write it outside the folders analysed";
                    }
                    return out[0] + " " + out[1] + " lies inside " + in.what() + " folder " + in.given() + ": the "
                            + "run would read its own output as e-mails; write it outside the folders analysed";
                }
            }
            for (String[] other : outputs) {
                if (other != out && OutputPaths.same(file, OutputPaths.real(other[1]))) {
                    return out[0] + " and " + other[0] + " name the same file: give each its own";
                }
            }
            for (String[] folder : folders) {
                Path dir = OutputPaths.real(folder[1]);
                if (dir != null && OutputPaths.replaceableIn(dir, file)) {
                    return out[0] + " " + out[1] + " would be overwritten by the dossiers of " + folder[0] + " "
                            + folder[1] + " (its index.csv and .pdf files): choose another name";
                }
            }
        }
        for (String[] folder : folders) {
            Path dir = OutputPaths.real(folder[1]);
            if (dir == null) {
                continue;
            }
            for (In in : inputs) {
                if (in.folder() && dir.startsWith(in.real())) {
                    return folder[0] + " " + folder[1] + " lies inside " + in.what() + " folder " + in.given()
                            + ": the run would read the dossiers and index.csv it writes as inputs; choose a dossier "
                            + "folder outside the folders analysed";
                }
                if (OutputPaths.replaceableIn(dir, in.itself()) || OutputPaths.replaceableIn(dir, in.real())) {
                    return in.what() + " " + in.given() + " is in the dossier folder of " + folder[0] + " "
                            + folder[1] + ", where the run replaces index.csv and .pdf files: move it elsewhere first";
                }
            }
        }
        return null;
    }

    /** @return true when two paths name the same folder, also through a symbolic link */
    private static boolean sameFolder(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates a dossier folder if needed; says on stderr when it already holds files, since the run adds its dossiers
     * to them and replaces those of the same name (a warning: said even with --quiet).
     */
    private static void prepareFolder(Path dir, String option, Reporter reporter) throws IOException {
        Files.createDirectories(dir);
        long present;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            present = files.count();
        }
        if (present > 0) {
            reporter.warning(Reporter.printable(String.format(java.util.Locale.ROOT, "%s: %s already holds %,d "
                    + "file(s); this run's dossiers are added, replacing those of the same name, and %s keeps the rows "
                    + "of the dossiers still there", option, dir, present, DossierIndex.FILE_NAME)));
        }
    }

    private OutputStream open(String target, List<OutputStream> files) throws IOException {
        if ("-".equals(target)) {
            return stdout;
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(target)), 1 << 16);
        files.add(out);
        return out;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pixelproof-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
