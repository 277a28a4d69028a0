package org.pixelproof.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.pixelproof.analysis.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pixelproof} command and its sub-commands, run in-process on the plain-Java engine (no HTTP server, no
 * database). Entry point for {@link PixelProofMain} and for tests.
 */
@Command(name = "pixelproof", mixinStandardHelpOptions = true, versionProvider = PixelProofCommand.Version.class,
        usageHelpWidth = 110,
        description = {"Exposes e-mail tracking and builds complaint-ready evidence dossiers.",
            "With no arguments, java -jar quarkus-run.jar serves the web app on this computer only, at:",
            "  http://localhost:8080"},
        subcommands = {CommandLine.HelpCommand.class})
public final class PixelProofCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command, e.g. 'analyze PATH...'");
    }

    /** Reports PixelProof's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"PixelProof " + ToolVersion.get()};
        }
    }

    /**
     * Runs the command line.
     *
     * @param args     the arguments, e.g. {@code analyze mail/ --json}
     * @param stdout   machine-readable output; flushed, not closed
     * @param stderr   reports, errors and the summary; flushed, not closed
     * @param terminal whether stderr is a terminal (then a progress line is drawn)
     * @return the exit code, see {@link ExitCodes}
     */
    public static int execute(String[] args, OutputStream stdout, OutputStream stderr, boolean terminal) {
        return execute(args, stdout, stderr, terminal, Backends.DEFAULT);
    }

    static int execute(String[] args, OutputStream stdout, OutputStream stderr, boolean terminal,
            Backends backends) {
        PixelProofMain.quietLibraryLogging();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        CommandLine cli = new CommandLine(new PixelProofCommand());
        cli.addSubcommand(new CommandLine(new AnalyzeCommand(backends, stdout, err, terminal)));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // a usage error: its reason and where to find the options, not the whole help (about 60 lines)
        cli.setParameterExceptionHandler((e, commandArgs) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("pixelproof: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("pixelproof: internal error: " + BatchRunner.describe(e));
            if (parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug")) {
                e.printStackTrace(err);
            }
            return ExitCodes.INTERNAL_ERROR;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
