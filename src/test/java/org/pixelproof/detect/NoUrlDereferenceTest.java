package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md invariant 1, "never touch a tracker", checked on the main sources: no {@code java.net.URL} (whose
 * {@code equals} and {@code hashCode} resolve the host), no connection, no DNS lookup, no HTTP client, anywhere but
 * in the {@code authenticity} package (which looks up DKIM keys, and only when configured to).
 */
class NoUrlDereferenceTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "java\\.net\\.URL\\b(?!Encoder|Decoder)|(?<![\\w.])URL\\s*\\(|\\bnew\\s+URL\\s*\\(|\\.toURL\\s*\\("
                    + "|openConnection\\s*\\(|openStream\\s*\\(|URLConnection|\\bInetAddress\\b"
                    + "|\\bHttpClient\\b|java\\.net\\.Socket\\b|\\bnew\\s+Socket\\s*\\(|okhttp|org\\.apache\\.http"
                    + "|\\bjava\\.net\\.http\\b|Jsoup\\.connect|\\bRestClient\\b");

    /**
     * Files allowed to use a forbidden API, each with why it never touches a URL found in a message. Keep it short:
     * every entry is reviewed against invariant 1.
     */
    private static final java.util.Map<String, String> ALLOWED = java.util.Map.of(
            "org/pixelproof/ingest/MailProviderLoader.java",
            "serves Jakarta Mail's provider list from memory and the class loader (jar: and in-memory URLs with their"
                    + " own stream handler); never a URL read from a message, never a network connection");

    @Test
    void mainSourcesNeverDereferenceAUrl() throws IOException {
        Path root = Path.of("src/main/java");
        assertTrue(Files.isDirectory(root), "run from the project directory");
        List<String> offences = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("org/pixelproof/authenticity/") || ALLOWED.containsKey(rel)) {
                    continue;
                }
                scanned++;
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    String code = line.trim();
                    if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                        continue; // javadoc may name what is forbidden, to explain why
                    }
                    Matcher m = FORBIDDEN.matcher(line);
                    if (m.find()) {
                        offences.add(root.relativize(p) + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        assertTrue(scanned > 20, "scanned only " + scanned + " files");
        assertTrue(offences.isEmpty(), "URL dereferencing APIs outside authenticity:\n" + String.join("\n", offences));
    }

    @Test
    void theScanRecognisesForbiddenCalls() {
        for (String bad : List.of("import java.net.URL;", "new URL(s).openConnection()", "InetAddress.getByName(h)",
                "HttpClient.newHttpClient()", "uri.toURL()", "Jsoup.connect(u).get()")) {
            assertTrue(FORBIDDEN.matcher(bad).find(), bad);
        }
        for (String ok : List.of("java.net.URLDecoder.decode(s)", "java.net.URI.create(s)", "WebUrl.of(raw, base)",
                "String url = x;")) {
            assertTrue(!FORBIDDEN.matcher(ok).find(), ok);
        }
    }
}
