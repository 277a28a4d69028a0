package org.pixelproof.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a varied, reproducible corpus of newsletter-like e-mails for the batch benchmark and the large-mbox
 * memory check: several ESPs' pixel and click-tracking URL shapes (and untracked mail), sizes from a short text to a
 * long HTML newsletter, quoted-printable, base64 and 8bit bodies in UTF-8 and ISO-8859-1, multipart/alternative
 * and multipart/related. Senders are invented brands; the recipient is a fictional {@code example.org} address.
 *
 * <p>Run as a program it writes an mbox: {@code BatchCorpus FILE COUNT [SEED] [--small]}. The memory check of issue 7
 * (output streamed, memory flat whatever the number of e-mails), run from the project folder after
 * {@code mvn -o -q package -DskipTests} and the class path step of {@link BatchBenchmark}:
 *
 * <pre>
 * java -cp "$(cat target/cp.txt):target/classes:target/test-classes" org.pixelproof.bench.BatchCorpus \
 *     /tmp/big.mbox 100000 42 --small
 * java -Xmx256m -Xlog:gc:file=/tmp/gc.log -jar target/quarkus-app/quarkus-run.jar analyze /tmp/big.mbox \
 *     --jsonl /dev/null --csv /tmp/big.csv
 * </pre>
 *
 * Result on the 2-core development machine (2026-11-30, shared with other builds): 100,000 e-mails (204 MiB mbox),
 * exit 0, 100,001 CSV lines, 9 min 57 s (164 e-mails/s), heap after each young collection 3 to 9 MiB from the first
 * to the last e-mail (no full collection), maximum resident set 301 MiB.
 */
public final class BatchCorpus {
    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    /** One ESP's tracking URL shapes; {@code %s} is a per-recipient token. */
    private record Esp(String name, String pixel, String click, String header) {
    }

    private static final List<Esp> ESPS = List.of(
            new Esp("mailchimp", "https://%1$s.us3.list-manage.com/track/open.php?u=4a1b&id=9f2e&e=%2$s",
                    "https://%1$s.us3.list-manage.com/track/click?u=4a1b&id=77c1&e=%2$s", "X-MC-User: 4a1b"),
            new Esp("brevo", "https://r.sendibt3.com/tr/op/%2$s", "https://r.sendibt3.com/tr/cl/%2$s",
                    "X-Mailer: Sendinblue"),
            new Esp("hubspot", "https://t.hubspotemail.net/e2t/to/%2$s",
                    "https://t.hubspotemail.net/e3t/Ctc/%2$s", "X-HubSpot-MID: 12"),
            new Esp("klaviyo", "https://trk.klclick.com/open/%2$s.gif", "https://trk.klclick.com/ls/click?upn=%2$s",
                    "X-Kmail-Account: AbC"),
            new Esp("sendgrid", "https://u123.ct.sendgrid.net/wf/open?upn=%2$s",
                    "https://u123.ct.sendgrid.net/ls/click?upn=%2$s", "X-SG-EID: zz"),
            new Esp("none", null, null, null));

    private static final String[] BRANDS = {"jardin-pratique", "velo-urbain", "cuisine-maison", "librairie-lune",
        "voyages-ocre", "maison-claire", "sport-vif", "musique-nova", "bio-panier", "tech-facile"};

    private final Random random;
    private final boolean small;
    private final String recipient = "alex.martin@example.org";

    /** @param seed the random seed; the same seed gives the same corpus */
    public BatchCorpus(long seed) {
        this(seed, false);
    }

    /**
     * @param seed  the random seed
     * @param small true for small messages only (one article, no inline image: about 3 KiB), for the large-mbox
     *              memory check
     */
    public BatchCorpus(long seed, boolean small) {
        this.random = new Random(seed);
        this.small = small;
    }

    /** @return the {@code i}-th message of the corpus (deterministic for a given seed and call order). */
    public byte[] next(int i) {
        Esp esp = ESPS.get(random.nextInt(ESPS.size()));
        String brand = BRANDS[random.nextInt(BRANDS.length)];
        String domain = brand + ".fr";
        String token = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        boolean latin1 = random.nextInt(5) == 0;
        Charset charset = latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        int size = small ? 1 : switch (random.nextInt(10)) {
            case 0, 1, 2 -> 2;
            case 3, 4, 5, 6 -> 12;
            case 7, 8 -> 40;
            default -> 120;
        };
        String html = html(esp, brand, domain, token, size);
        String text = "Bonjour Alex,\n\nLes nouveautés de " + brand + " cette semaine.\n\nSe désinscrire : https://"
                + domain + "/unsubscribe?t=" + token + "\n";
        int encoding = random.nextInt(3);
        ZonedDateTime date = ZonedDateTime.of(2025, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(1)).plusHours(i * 7L % 8000);
        StringBuilder m = new StringBuilder();
        m.append("Return-Path: <bounce-").append(token).append("@mail.").append(domain).append(">\r\n");
        m.append("Delivered-To: ").append(recipient).append("\r\n");
        m.append("From: =?UTF-8?Q?La_lettre_").append(brand).append("?= <news@").append(domain).append(">\r\n");
        m.append("To: Alex Martin <").append(recipient).append(">\r\n");
        m.append("Subject: =?UTF-8?B?").append(Base64.getEncoder().encodeToString(("Édition n°" + i + " — "
                + brand).getBytes(StandardCharsets.UTF_8))).append("?=\r\n");
        m.append("Date: ").append(RFC_5322.format(date)).append("\r\n");
        m.append("Message-ID: <").append(i).append('.').append(token).append("@mail.").append(domain).append(">\r\n");
        if (esp.header() != null) {
            m.append(esp.header()).append("\r\n");
            m.append("List-Unsubscribe: <https://").append(domain).append("/u?t=").append(token).append(">\r\n");
        }
        m.append("MIME-Version: 1.0\r\n");
        boolean related = !small && random.nextInt(4) == 0;
        m.append("Content-Type: multipart/").append(related ? "related" : "alternative")
                .append("; boundary=\"=_b").append(i).append("\"\r\n\r\n");
        String boundary = "--=_b" + i;
        if (related) {
            m.append(boundary).append("\r\n");
            part(m, "text/html", charset, html, encoding);
            m.append(boundary).append("\r\nContent-Type: image/png\r\nContent-ID: <logo@").append(domain)
                    .append(">\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            byte[] png = new byte[600];
            random.nextBytes(png);
            m.append(Base64.getMimeEncoder().encodeToString(png)).append("\r\n");
        } else {
            m.append(boundary).append("\r\n");
            part(m, "text/plain", charset, text, encoding);
            m.append(boundary).append("\r\n");
            part(m, "text/html", charset, html, encoding);
        }
        m.append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private String html(Esp esp, String brand, String domain, String token, int articles) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
                + ".c{max-width:600px;margin:0 auto;font-family:Arial} .b{background:#f4f4f4;padding:12px}"
                + "</style></head><body><table class=\"c\" role=\"presentation\"><tr><td>"
                + "<img src=\"cid:logo@" + domain + "\" alt=\"" + brand + "\" width=\"120\">");
        for (int a = 0; a < articles; a++) {
            String href = esp.click() != null && random.nextBoolean()
                    ? String.format(esp.click(), brand, token + a) : "https://www." + domain + "/article/" + a;
            h.append("<div class=\"b\"><h2>Article ").append(a).append(" : à la une</h2><p>")
                    .append("Découvrez nos conseils, nos idées et nos coups de cœur de la semaine. ".repeat(3))
                    .append("</p><a href=\"").append(href).append("\" style=\"color:#0a6\">Lire la suite</a>")
                    .append("<img src=\"https://cdn.").append(domain).append("/img/").append(a)
                    .append(".jpg\" width=\"560\" alt=\"\"></div>");
        }
        h.append("<p style=\"font-size:11px\"><a href=\"https://").append(domain).append("/unsubscribe?t=")
                .append(token).append("\">Se désinscrire</a> · <a href=\"https://").append(domain)
                .append("/confidentialite\">Politique de confidentialité</a></p>");
        if (esp.pixel() != null) {
            h.append("<img src=\"").append(String.format(esp.pixel(), brand, token).replace("&", "&amp;"))
                    .append("\" width=\"1\" height=\"1\" style=\"display:block;border:0\" alt=\"\">");
        }
        return h.append("</td></tr></table></body></html>").toString();
    }

    private static void part(StringBuilder m, String type, Charset charset, String content, int encoding) {
        byte[] bytes = content.getBytes(charset);
        m.append("Content-Type: ").append(type).append("; charset=").append(charset.name().toLowerCase(Locale.ROOT))
                .append("\r\n");
        switch (encoding) {
            case 0 -> m.append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(bytes)).append("\r\n");
            case 1 -> m.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n").append(qp(bytes))
                    .append("\r\n");
            default -> m.append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                    .append(new String(bytes, StandardCharsets.ISO_8859_1).replace(">", ">\r\n")).append("\r\n");
        }
    }

    private static String qp(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        int line = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\n') {
                sb.append("\r\n");
                line = 0;
                continue;
            }
            String enc = (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c)
                    : String.format("=%02X", c);
            if (line + enc.length() > 75) {
                sb.append("=\r\n");
                line = 0;
            }
            sb.append(enc);
            line += enc.length();
        }
        return sb.toString();
    }

    /** @return {@code count} messages generated from {@code seed}. */
    public static List<byte[]> generate(int count, long seed) {
        BatchCorpus corpus = new BatchCorpus(seed);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(corpus.next(i));
        }
        return out;
    }

    /**
     * Writes {@code count} messages as one mbox (mboxrd: {@code From_} lines, body lines starting with
     * {@code From } or {@code >From } quoted with one more {@code >}).
     */
    public static void writeMbox(Path file, int count, long seed, boolean small) throws IOException {
        BatchCorpus corpus = new BatchCorpus(seed, small);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                out.write(("From news@example.com Mon Jan  1 00:00:00 2025\n").getBytes(StandardCharsets.US_ASCII));
                String msg = new String(corpus.next(i), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
                for (String line : msg.split("\n", -1)) {
                    if (line.matches(">*From .*")) {
                        out.write('>');
                    }
                    out.write(line.getBytes(StandardCharsets.ISO_8859_1));
                    out.write('\n');
                }
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BatchCorpus FILE.mbox COUNT [SEED] [--small]");
            System.exit(2);
        }
        boolean small = List.of(args).contains("--small");
        long seed = args.length > 2 && !args[2].startsWith("--") ? Long.parseLong(args[2]) : 42L;
        writeMbox(Path.of(args[0]), Integer.parseInt(args[1]), seed, small);
    }
}
