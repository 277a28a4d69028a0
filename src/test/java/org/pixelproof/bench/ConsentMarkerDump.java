package org.pixelproof.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerFinder;
import org.pixelproof.detect.HtmlBody;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSetLoader;

/**
 * Prints the consent markers found in every {@code .eml} of a folder (default {@code ../shared/corpus/real}), one line
 * per marker: file, type, rule id, URL, text (tabs and line breaks flattened); a file with no marker gets one line
 * {@code file\t-}. Run it before and after a change to {@code legal-rules/markers.yaml} or
 * {@link ConsentMarkerFinder} and {@code diff} the two outputs to see every marker gained or lost.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.pixelproof.bench.ConsentMarkerDump [FOLDER] &gt; markers.tsv
 * </pre>
 * Reads the rules from {@code legal-rules/} of the working directory. Not a test: it asserts nothing.
 */
public final class ConsentMarkerDump {
    private ConsentMarkerDump() {
    }

    /**
     * @param args optional folder of {@code .eml} files
     * @throws IOException when the folder or the rules cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/corpus/real");
        ConsentMarkerFinder finder = new ConsentMarkerFinder(RuleSetLoader.load(Path.of("legal-rules")));
        EmailParser parser = new EmailParser(IngestLimits.DEFAULT);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            ReceivedEmail email = parser.parse(Files.readAllBytes(p), name);
            List<HtmlBody> html = email.bodies().stream().filter(b -> b.kind() != BodyKind.PLAIN)
                    .map(b -> new HtmlBody(b.partPath(), b.kind(), Jsoup.parse(b.text(), ""))).toList();
            List<ConsentMarker> markers = finder.find(email, html);
            if (markers.isEmpty()) {
                out.println(name + "\t-");
            }
            for (ConsentMarker m : markers) {
                out.println(String.join("\t", name, m.type().name(), m.ruleId(), flat(m.url()), flat(m.text())));
            }
        }
    }

    private static String flat(String s) {
        return s == null ? "" : s.replaceAll("[\\t\\r\\n\u2028]+", " ");
    }
}
