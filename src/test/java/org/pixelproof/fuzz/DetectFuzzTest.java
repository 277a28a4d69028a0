package org.pixelproof.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.preview.PreviewResult;
import org.pixelproof.preview.RemoteReferences;
import org.pixelproof.preview.SafePreview;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * Fuzzing of {@code detect} through the whole {@link Analyzer} (ingest, detect, authenticity offline, assess), the
 * way the web and the command line call it. The only exception {@link Analyzer#analyze} documents is
 * {@link UnanalysableInputException} (with a reason); anything else is a finding, and so is an input that takes
 * longer than {@link Watchdog#HANG}.
 * <ul>
 * <li>{@link #message}: arbitrary bytes as the body of a plausible MIME envelope whose content type, charset and
 * transfer encoding the fuzzer also chooses (bytes alone would rarely get past the header parser).</li>
 * <li>{@link #htmlBody}: an arbitrary HTML body in a well-formed newsletter, correctly encoded, so that the HTML
 * reaches the detector; its safe preview must also render and load nothing remote.</li>
 * </ul>
 * Regression mode (default) replays {@code src/test/resources/org/pixelproof/fuzz/DetectFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1} fuzzes one target, coverage-guided, for {@code maxDuration} (see {@code .ci/run}).
 */
class DetectFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private static final RuleSet RULES = RuleSetLoader.loadDefault();
    private static final Analyzer ANALYZER = new Analyzer(RULES, IngestLimits.DEFAULT, AuthenticityChecker.offline(),
            CLOCK);
    private static final SafePreview PREVIEW = new SafePreview();
    private static final AnalysisOptions OPTIONS = new AnalysisOptions(List.of("camille.martin@example.org"), null);

    private static final String[] TYPES = {"text/html", "text/plain", "multipart/alternative", "multipart/mixed",
            "multipart/related", "message/rfc822", "text/calendar", "application/octet-stream", "text/x-amp-html",
            "multipart/report", "text/rtf", "image/gif"};
    private static final String[] CHARSETS = {"utf-8", "iso-8859-1", "windows-1252", "us-ascii", "utf-7", "utf-16",
            "x-unknown", "koi8-r", "gb2312", "shift_jis", ""};
    private static final String[] ENCODINGS = {"7bit", "8bit", "binary", "quoted-printable", "base64", "x-uuencode",
            ""};

    private final Watchdog watchdog = new Watchdog();

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"--b1", "--b1--", "Content-Type: ", "text/html", "<img src=\"", "https://",
            "width=\"1\"", "height=\"1\"", "<a href=\"", "style=\"", "display:none", "url(", "=3D",
            "List-Unsubscribe: <", "cid:", "?utm_source=", "&email=", "camille.martin@example.org",
            "Y2FtaWxsZS5tYXJ0aW5AZXhhbXBsZS5vcmc", "mailto:"})
    void message(FuzzedDataProvider data) throws Exception {
        String type = data.pickValue(TYPES);
        String charset = data.pickValue(CHARSETS);
        String encoding = data.pickValue(ENCODINGS);
        String subject = data.consumeString(80);
        byte[] body = data.consumeRemainingAsBytes();
        ByteArrayOutputStream raw = new ByteArrayOutputStream(body.length + 1024);
        raw.writeBytes(envelope(subject).getBytes(StandardCharsets.UTF_8));
        StringBuilder head = new StringBuilder("Content-Type: ").append(type);
        if (type.startsWith("multipart/")) {
            head.append("; boundary=\"b1\"");
        }
        if (!charset.isEmpty()) {
            head.append("; charset=").append(charset);
        }
        head.append("\r\n");
        if (!encoding.isEmpty()) {
            head.append("Content-Transfer-Encoding: ").append(encoding).append("\r\n");
        }
        raw.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        raw.writeBytes(body);
        analyse(raw.toByteArray(), type + " " + encoding + ", " + body.length + " body bytes", false);
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"<img src=\"", "https://t.example.com/o/", "width=\"1\"", "height=\"1\"", "<a href=\"",
            "<table>", "<div style=\"", "display:none", "background-image:url(", "<style>", "@import", "</style>",
            "<!--", "-->", "<![CDATA[", "<base href=\"", "<meta http-equiv=\"refresh\"", "<link rel=\"stylesheet\"",
            "srcset=\"", "<picture><source", "<svg><image href=\"", "<iframe src=\"", "<form action=\"", "&#x",
            "&amp;", "camille.martin@example.org", "Y2FtaWxsZS5tYXJ0aW5AZXhhbXBsZS5vcmc", "?utm_medium=email",
            "/unsubscribe", "désinscrire", "SIREN", "<amp-img", "data:image/gif;base64,", "cid:logo"})
    void htmlBody(FuzzedDataProvider data) throws Exception {
        String encoding = data.pickValue(new String[] {"8bit", "quoted-printable", "base64"});
        String html = data.consumeRemainingAsString();
        byte[] utf8 = html.getBytes(StandardCharsets.UTF_8);
        String encoded = switch (encoding) {
            case "base64" -> Base64.getMimeEncoder().encodeToString(utf8);
            case "quoted-printable" -> quotedPrintable(utf8);
            default -> html;
        };
        String message = envelope("Offres de la semaine")
                + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVersion texte.\r\n"
                + "--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: " + encoding
                + "\r\n\r\n" + encoded + "\r\n--b1--\r\n";
        analyse(message.getBytes(StandardCharsets.UTF_8), "HTML of " + utf8.length + " bytes, " + encoding, true);
    }

    private void analyse(byte[] raw, String what, boolean preview) throws Exception {
        watchdog.run(what, () -> {
            Analysis analysis;
            try {
                analysis = ANALYZER.analyze(raw, "fuzz.eml", OPTIONS);
            } catch (UnanalysableInputException e) {
                assertNotNull(e.reason().code(), "a refusal has a reason");
                assertFalse(e.reason().detail().isBlank(), "a refusal says why");
                return;
            }
            assertEquals(CaseEmail.sha256(raw), analysis.sha256());
            assertNotNull(analysis.verdict());
            if (preview) {
                ReceivedEmail email = ANALYZER.read(raw, "fuzz.eml");
                PreviewResult result = PREVIEW.render(email, analysis.trackers(), analysis.links());
                List<String> remote = RemoteReferences.in(result.htmlDocument());
                assertTrue(remote.isEmpty(), () -> "the preview could load " + remote.size() + " remote resources");
            }
        });
    }

    /** Headers of a plausible newsletter, up to (not including) the body's Content-Type. */
    private static String envelope(String subject) {
        String clean = subject.replaceAll("[\\r\\n]", " ");
        return "Return-Path: <bounce-4821@mail.boutique-lumen.example>\r\n"
                + "Received: from mta12.mail.boutique-lumen.example (mta12.mail.boutique-lumen.example "
                + "[192.0.2.17]) by mx.example.org with ESMTPS id 4f2a; Mon, 30 Nov 2026 08:12:03 +0100\r\n"
                + "From: Boutique Lumen <news@boutique-lumen.example>\r\n"
                + "To: Camille Martin <camille.martin@example.org>\r\n"
                + "Subject: " + clean + "\r\n"
                + "Date: Mon, 30 Nov 2026 08:12:00 +0100\r\n"
                + "Message-ID: <20261130081200.4821@mail.boutique-lumen.example>\r\n"
                + "List-Unsubscribe: <https://mail.boutique-lumen.example/u/4821>\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    /** RFC 2045 section 6.7 encoding, lines of at most 76 characters. */
    private static String quotedPrintable(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        int line = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            String piece = (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c)
                    : String.format("=%02X", c);
            if (line + piece.length() > 75) {
                out.append("=\r\n");
                line = 0;
            }
            out.append(piece);
            line += piece.length();
        }
        return out.toString();
    }
}
