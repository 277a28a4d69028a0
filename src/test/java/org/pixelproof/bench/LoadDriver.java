package org.pixelproof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load test of the REST API (issue 6, item 7): {@code clients} concurrent clients upload generated e-mails to
 * {@code POST /api/analyses} for {@code seconds}, each sending its next upload as soon as the previous one is
 * answered; then every accepted upload is read back, its analysis ({@code GET /api/analyses/{id}}, whose
 * {@code sha256} must be that of the bytes sent) and its original ({@code GET /api/analyses/{id}/original.eml}, whose
 * bytes must hash to the same SHA-256). Prints throughput, latency percentiles (p50, p95, p99, max) of the uploads,
 * errors by kind and the read-back result, and exits with 1 when an upload failed or a read-back did not match.
 *
 * <p>It is a measurement, not a test: nothing asserts a speed, and it is not run by {@code mvn verify}. Run it with
 * the packaged app, which it starts itself on 127.0.0.1 with a free port and a throw-away data folder:
 *
 * <pre>
 * mvn -q package -DskipTests &amp;&amp; rm -rf /tmp/pixelproof-app &amp;&amp; cp -r target/quarkus-app /tmp/pixelproof-app
 * mvn -q exec:java -Dexec.mainClass=org.pixelproof.bench.LoadDriver -Dexec.classpathScope=test \
 *     -Dexec.args="--start /tmp/pixelproof-app/quarkus-run.jar --clients 50 --seconds 60"
 * </pre>
 *
 * (the copy keeps the packaged app out of the way of later builds, which rebuild {@code target/}).
 *
 * or against an instance already running: {@code -Dexec.args="--url http://127.0.0.1:8080"}. The messages are made
 * up here (invented brands under {@code .example}, recipients at {@code example.org}), all different: senders,
 * subjects, tracking pixels and click tracking with the recipient's address in clear, base64 or hex, HTML only or
 * multipart/alternative, 8bit, quoted-printable or base64, some with an attachment; 70 % short (3 to 15 KB), 25 %
 * newsletter-sized (15 to 70 KB), 5 % very long (up to about 300 KB, a thousand links).
 */
public final class LoadDriver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Accepted(String id, String sha256) {
    }

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int clients = Integer.parseInt(opt.getOrDefault("clients", "50"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "60"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "20261130"));
        Process app = null;
        Path data = null;
        String url = opt.get("url");
        if (opt.containsKey("start")) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            data = Files.createTempDirectory("pixelproof-load");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = List.of(java, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dpixelproof.data-dir=" + data, "-Dpixelproof.dkim.lookup=false",
                    "-Dquarkus.log.level=WARN", "-jar", opt.get("start"));
            app = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(data.resolve("app.log").toFile()).start();
            url = "http://127.0.0.1:" + port;
            System.out.println("started " + String.join(" ", cmd));
        }
        if (url == null) {
            url = "http://127.0.0.1:8080";
        }
        try {
            int code = run(url, clients, seconds, seed, app);
            System.exit(code);
        } catch (RuntimeException e) {
            if (data != null && Files.exists(data.resolve("app.log"))) {
                System.err.println(Files.readString(data.resolve("app.log")));
            }
            throw e;
        } finally {
            if (app != null) {
                app.destroy();
                app.waitFor(20, TimeUnit.SECONDS);
                app.destroyForcibly();
                deleteTree(data);
            }
        }
    }

    private static int run(String url, int clients, int seconds, long seed, Process app) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();
        waitUntilUp(http, url, app);

        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger bytesSent = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            Random random = new Random(seed + c);
            int client = c;
            pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    byte[] eml = Samples.message(random, client, n++);
                    String boundary = "load" + Long.toHexString(random.nextLong());
                    byte[] body = multipart(boundary, eml);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/analyses"))
                            .timeout(Duration.ofSeconds(120))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        latencies.add(new long[] {t1 - t0, eml.length});
                        bytesSent.addAndGet(eml.length);
                        if (r.statusCode() == 201) {
                            JsonNode a = JSON.readTree(r.body());
                            accepted.add(new Accepted(a.path("id").asText(), sha256(eml)));
                            if (!sha256(eml).equals(a.path("sha256").asText())) {
                                errors.computeIfAbsent("201 with a wrong sha256", k -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                        } else {
                            errors.computeIfAbsent("HTTP " + r.statusCode(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                                .incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 180L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;

        long[] sorted = latencies.stream().mapToLong(l -> l[0]).sorted().toArray();
        int requests = sorted.length;
        int errorCount = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf(Locale.ROOT, "clients %d, duration %.1f s, uploads answered %d, accepted %d, errors %d%n",
                clients, elapsed, requests, accepted.size(), errorCount);
        System.out.printf(Locale.ROOT, "throughput %.1f uploads/s (%.2f MB/s of messages)%n", requests / elapsed,
                bytesSent.get() / elapsed / 1e6);
        if (requests > 0) {
            System.out.printf(Locale.ROOT, "upload latency ms: p50 %.0f, p95 %.0f, p99 %.0f, max %.0f%n",
                    pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[requests - 1] / 1e6);
        }
        for (int[] range : new int[][] {{0, 15_000}, {15_000, 70_000}, {70_000, Integer.MAX_VALUE}}) {
            long[] part = latencies.stream().filter(l -> l[1] >= range[0] && l[1] < range[1]).mapToLong(l -> l[0])
                    .sorted().toArray();
            if (part.length > 0) {
                System.out.printf(Locale.ROOT, "  messages of %s bytes: %d uploads, p50 %.0f, p95 %.0f, p99 %.0f ms%n",
                        range[1] == Integer.MAX_VALUE ? range[0] + "+" : range[0] + "-" + range[1], part.length,
                        pct(part, 50), pct(part, 95), pct(part, 99));
            }
        }
        new TreeMap<>(errors).forEach((k, v) -> System.out.println("error " + k + ": " + v.get()));

        // Read back every accepted upload: the analysis and the original.
        List<Accepted> all = new ArrayList<>(accepted);
        Map<String, AtomicInteger> readBack = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        long r0 = System.nanoTime();
        for (Accepted a : all) {
            readers.submit(() -> readBack.computeIfAbsent(readBack(http, url, a), k -> new AtomicInteger())
                    .incrementAndGet());
        }
        readers.shutdown();
        readers.awaitTermination(30, TimeUnit.MINUTES);
        int ok = readBack.getOrDefault("ok", new AtomicInteger()).get();
        System.out.printf(Locale.ROOT, "read back %d of %d accepted uploads in %.1f s: analysis and original match%n",
                ok, all.size(), (System.nanoTime() - r0) / 1e9);
        new TreeMap<>(readBack).forEach((k, v) -> {
            if (!k.equals("ok")) {
                System.out.println("read-back problem " + k + ": " + v.get());
            }
        });
        return errorCount == 0 && ok == all.size() ? 0 : 1;
    }

    private static String readBack(HttpClient http, String url, Accepted a) {
        try {
            HttpResponse<String> analysis = http.send(HttpRequest.newBuilder(
                    URI.create(url + "/api/analyses/" + a.id())).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (analysis.statusCode() != 200) {
                return "analysis HTTP " + analysis.statusCode();
            }
            if (!a.sha256().equals(JSON.readTree(analysis.body()).path("sha256").asText())) {
                return "analysis sha256 differs";
            }
            HttpResponse<byte[]> original = http.send(HttpRequest.newBuilder(
                    URI.create(url + "/api/analyses/" + a.id() + "/original.eml")).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (original.statusCode() != 200) {
                return "original HTTP " + original.statusCode();
            }
            return a.sha256().equals(sha256(original.body())) ? "ok" : "original sha256 differs";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void waitUntilUp(HttpClient http, String url, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (app != null && !app.isAlive()) {
                throw new IllegalStateException("the app exited with " + app.exitValue());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " did not answer within 120 s");
    }

    private static byte[] multipart(String boundary, byte[] eml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(eml.length + 512);
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"email\"; filename=\"load.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(eml);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--url URL | --start quarkus-run.jar] [--clients N] "
                        + "[--seconds S] [--seed N]");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Generated sample e-mails, all different, in the shapes real marketing and transactional mail takes. */
    static final class Samples {
        private static final String[] BRANDS = {"Boutique Lumen", "Maison Ardoise", "Vélo Cité", "Librairie Passage",
                "Café Boréal", "Atelier Sable", "Jardins d'Opale", "Voyages Alizé"};
        private static final String[] ESP_HOSTS = {"track.esp-mailer.example", "o.mailflow.example",
                "click.newsreach.example", "t.sendpulse-like.example", "links.campagne.example"};
        private static final String[] FIRST = {"Camille", "Léa", "Hugo", "Manon", "Théo", "Inès", "Louis", "Chloé"};
        private static final String[] LAST = {"Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Garnier"};
        private static final String[] SUBJECTS = {"Nos nouveautés de la semaine", "Votre commande est expédiée",
                "-20 % ce week-end seulement", "Rappel : votre panier vous attend", "Invitation : soirée privée",
                "Votre facture du mois", "Les conseils de saison", "Confirmez votre adresse"};

        private Samples() {
        }

        static byte[] message(Random r, int client, int n) {
            String brand = BRANDS[r.nextInt(BRANDS.length)];
            String domain = brand.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "")
                    + ".example";
            String esp = ESP_HOSTS[r.nextInt(ESP_HOSTS.length)];
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            String to = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + "@example.org";
            String recipientToken = switch (r.nextInt(3)) {
                case 0 -> to.replace("@", "%40");
                case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString(to.getBytes(StandardCharsets.UTF_8));
                default -> HexFormat.of().formatHex(to.getBytes(StandardCharsets.UTF_8));
            };
            String subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
            String nonce = client + "." + n + "." + Long.toHexString(r.nextLong());
            StringBuilder html = new StringBuilder("<html><head><style>.x{color:#333}</style></head><body>")
                    .append("<p>Bonjour ").append(first).append(",</p>");
            // 70 % short (5 to 44 links), 25 % newsletter-sized (45 to 244), 5 % very long (up to 1,044 links)
            int mix = r.nextInt(100);
            int paragraphs = mix < 70 ? 5 + r.nextInt(40) : mix < 95 ? 45 + r.nextInt(200) : 45 + r.nextInt(1_000);
            for (int i = 0; i < paragraphs; i++) {
                html.append("<p class=\"x\">Offre ").append(i).append(" : découvrez notre sélection, livrée chez vous. ")
                        .append("<a href=\"https://").append(esp).append("/c/").append(nonce).append('/').append(i)
                        .append("?u=").append(recipientToken).append("&utm_source=newsletter&utm_medium=email\">")
                        .append("Voir</a></p>\n");
            }
            if (r.nextBoolean()) {
                html.append("<img src=\"https://").append(esp).append("/o/").append(recipientToken)
                        .append(".gif\" width=\"1\" height=\"1\" alt=\"\">");
            }
            if (r.nextInt(4) == 0) {
                html.append("<div style=\"background-image:url(https://").append(esp).append("/b/").append(nonce)
                        .append(")\"></div>");
            }
            html.append("<p><a href=\"https://www.").append(domain).append("/desinscription?e=").append(recipientToken)
                    .append("\">Se désinscrire</a></p></body></html>");

            String encoding = switch (r.nextInt(3)) {
                case 0 -> "8bit";
                case 1 -> "quoted-printable";
                default -> "base64";
            };
            StringBuilder m = new StringBuilder()
                    .append("Return-Path: <bounce-").append(nonce).append("@mail.").append(domain).append(">\r\n")
                    .append("Received: from mta").append(r.nextInt(40)).append(".mail.").append(domain)
                    .append(" (mta.mail.").append(domain).append(" [192.0.2.").append(1 + r.nextInt(250))
                    .append("]) by mx.example.org; Mon, 30 Nov 2026 08:").append(10 + r.nextInt(49))
                    .append(":00 +0100\r\n")
                    .append("From: ").append(encodedWord(brand)).append(" <news@").append(domain).append(">\r\n")
                    .append("To: ").append(encodedWord(first + " " + last)).append(" <").append(to).append(">\r\n")
                    .append("Subject: ").append(encodedWord(subject)).append("\r\n")
                    .append("Date: Mon, 30 Nov 2026 08:00:00 +0100\r\n")
                    .append("Message-ID: <").append(nonce).append("@mail.").append(domain).append(">\r\n")
                    .append("List-Unsubscribe: <https://www.").append(domain).append("/u/").append(recipientToken)
                    .append(">\r\nMIME-Version: 1.0\r\n");
            boolean attachment = r.nextInt(5) == 0;
            boolean alternative = r.nextBoolean();
            if (attachment) {
                m.append("Content-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n--mix\r\n");
            }
            if (alternative) {
                m.append("Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\n")
                        .append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                        .append("Bonjour ").append(first).append(", nos offres : https://").append(esp).append("/c/")
                        .append(nonce).append("\r\n--alt\r\n");
            }
            m.append("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: ").append(encoding)
                    .append("\r\n\r\n").append(encode(html.toString(), encoding)).append("\r\n");
            if (alternative) {
                m.append("--alt--\r\n");
            }
            if (attachment) {
                byte[] pdf = new byte[1024 + r.nextInt(8192)];
                r.nextBytes(pdf);
                m.append("--mix\r\nContent-Type: application/pdf; name=\"facture.pdf\"\r\n")
                        .append("Content-Disposition: attachment; filename=\"facture.pdf\"\r\n")
                        .append("Content-Transfer-Encoding: base64\r\n\r\n")
                        .append(Base64.getMimeEncoder().encodeToString(pdf)).append("\r\n--mix--\r\n");
            }
            return m.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String encodedWord(String s) {
            return "=?utf-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
        }

        private static String encode(String html, String encoding) {
            byte[] utf8 = html.getBytes(StandardCharsets.UTF_8);
            return switch (encoding) {
                case "base64" -> Base64.getMimeEncoder().encodeToString(utf8);
                case "quoted-printable" -> {
                    StringBuilder out = new StringBuilder();
                    int line = 0;
                    for (byte b : utf8) {
                        int c = b & 0xff;
                        String piece = c == '\n' ? "\r\n"
                                : (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c)
                                : String.format("=%02X", c);
                        if (c == '\n') {
                            out.append(piece);
                            line = 0;
                            continue;
                        }
                        if (line + piece.length() > 75) {
                            out.append("=\r\n");
                            line = 0;
                        }
                        out.append(piece);
                        line += piece.length();
                    }
                    yield out.toString();
                }
                default -> html;
            };
        }
    }
}
