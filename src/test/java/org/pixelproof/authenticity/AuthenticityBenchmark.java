package org.pixelproof.authenticity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Prints how long checking takes over {@code ../shared/corpus/real}, lookups off and with a key-less zone file. A
 * benchmark, not a test: run it by hand, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.pixelproof.authenticity.AuthenticityBenchmark}.
 */
public final class AuthenticityBenchmark {
    private AuthenticityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus/real");
        List<ReceivedEmail> emails = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                emails.add(TestEmails.email(Files.readAllBytes(f)));
            }
        }
        Path zone = Files.createTempFile("no-keys", ".zone");
        Files.writeString(zone, "; empty\n");
        try {
            run("lookups off", AuthenticityChecker.offline(), emails);
            run("zone file", AuthenticityChecker.create(true, zone), emails);
        } finally {
            Files.deleteIfExists(zone);
        }
    }

    private static void run(String label, AuthenticityChecker checker, List<ReceivedEmail> emails) {
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            int signatures = 0;
            for (ReceivedEmail e : emails) {
                signatures += checker.check(e, TestEmails.findings()).dkim().size();
            }
            long micros = (System.nanoTime() - start) / 1_000;
            System.out.printf("%-12s round %d: %d messages, %d signatures, %.1f ms total, %.2f ms/message%n", label,
                    round + 1, emails.size(), signatures, micros / 1000.0, micros / 1000.0 / emails.size());
        }
    }
}
