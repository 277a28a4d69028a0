package org.pixelproof.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The application's entry point ({@code java -jar target/quarkus-app/quarkus-run.jar}).
 *
 * <ul>
 *   <li>With no arguments it starts Quarkus: the web app, the REST API and the store.</li>
 *   <li>With arguments it runs the command line ({@link PixelProofCommand}) directly on the plain-Java engine,
 *       without starting Quarkus (no HTTP server, no database, fast start), and exits with its code
 *       ({@link ExitCodes}).</li>
 * </ul>
 *
 * <p>Quarkus calls this static {@code main} from its own launcher, inside the application class loader, so that the
 * command line sees the same classes and resources ({@code legal-rules/}, {@code templates/}) as the web app.
 */
@QuarkusMain
public final class PixelProofMain {
    private PixelProofMain() {
    }

    /** @param args none for the web app; {@code analyze PATH... [options]} for the command line */
    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        int code = PixelProofCommand.execute(args, stdout, System.err, stderrIsTerminal());
        try {
            stdout.flush();
        } catch (IOException e) {
            code = code == ExitCodes.OK ? ExitCodes.OUTPUT_ERROR : code;
        }
        System.exit(code);
    }

    /**
     * Keeps third-party logging off the terminal in command-line mode, where Quarkus' logging is not started: Apache
     * POI (Outlook {@code .msg}) logs through the Log4j API, which would otherwise complain on stderr that it has no
     * provider. PixelProof's own code logs no personal data, and reports what the user needs on stderr itself.
     */
    static void quietLibraryLogging() { // called by PixelProofCommand.execute
        setIfAbsent("log4j.provider", "org.apache.logging.log4j.simple.internal.SimpleProvider");
        setIfAbsent("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        setIfAbsent("org.apache.logging.log4j.simplelog.level", "OFF");
        setIfAbsent("log4j2.statusLoggerLevel", "OFF");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * @return true when stderr is a terminal: {@link System#console()} when stdin and stdout are terminals too, else,
     *         on Linux, when file descriptor 2 points at a terminal device (so that {@code analyze ... --json > out}
     *         still shows its progress)
     */
    static boolean stderrIsTerminal() {
        if (System.console() != null) {
            return true;
        }
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
