package org.pixelproof.ingest;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Turns the header lines Angus read ({@code InternetHeaders}, one {@code char} per byte because the session keeps
 * {@code mail.mime.allowutf8=false}) into {@link Header} records: bytes re-read as UTF-8 when valid (RFC 6532), else
 * windows-1252; name and raw body split at the first colon; the body unfolded and its RFC 2047 encoded words decoded.
 *
 * <p>Limits: at most {@link IngestLimits#maxHeaderCount()} fields are kept ({@link AnomalyCode#TOO_MANY_HEADERS});
 * a field whose unfolded body exceeds {@link IngestLimits#maxHeaderLineBytes()} characters is cut there before
 * decoding ({@link AnomalyCode#HEADER_LINE_TOO_LONG}). A line without a colon is dropped
 * ({@link AnomalyCode#MALFORMED_HEADER}). Line breaks inside {@link Header#raw()} are the CRLF that Angus joins
 * folded lines with, whatever the input used. Stateless and thread-safe.
 */
final class HeaderFields {
    private HeaderFields() {
    }

    static List<Header> read(Enumeration<String> lines, IngestLimits limits, AnomalyLog log, String path) {
        List<Header> out = new ArrayList<>();
        int index = 0;
        int dropped = 0;
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            index++;
            if (line == null || line.isEmpty()) {
                continue;
            }
            if (out.size() >= limits.maxHeaderCount()) {
                dropped++;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                log.add(AnomalyCode.MALFORMED_HEADER, path, "header line " + index
                        + " (counting folded lines as one) is not 'Name: value'; dropped");
                continue;
            }
            String name = line.substring(0, colon).strip();
            if (name.isEmpty() || !isFieldName(name)) {
                log.add(AnomalyCode.MALFORMED_HEADER, path, "header line " + index
                        + " has a field name with characters RFC 5322 does not allow; dropped");
                continue;
            }
            int v = colon + 1;
            while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
                v++;
            }
            String raw = Charsets.headerText(line.substring(v));
            String unfolded = unfold(raw);
            if (unfolded.length() > limits.maxHeaderLineBytes()) {
                log.add(AnomalyCode.HEADER_LINE_TOO_LONG, path, "header " + Safe.token(name) + " is "
                        + Safe.count(unfolded.length()) + " characters long; cut to "
                        + Safe.count(limits.maxHeaderLineBytes()) + " (IngestLimits.maxHeaderLineBytes)");
                raw = raw.substring(0, Math.min(raw.length(), limits.maxHeaderLineBytes()));
                unfolded = unfold(raw);
                if (unfolded.length() > limits.maxHeaderLineBytes()) {
                    unfolded = unfolded.substring(0, limits.maxHeaderLineBytes());
                }
            }
            String decoded = EncodedWords.decode(unfolded, log, path, name).strip();
            out.add(new Header(name, raw, decoded));
        }
        if (dropped > 0) {
            log.add(AnomalyCode.TOO_MANY_HEADERS, path, Safe.count(out.size() + dropped) + " header fields; only the first "
                    + Safe.count(limits.maxHeaderCount()) + " were kept (IngestLimits.maxHeaderCount)");
        }
        return out;
    }

    /** RFC 5322 section 2.2.3: unfolding removes each CRLF (or bare LF/CR) that is followed by white space. */
    static String unfold(String raw) {
        if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean isFieldName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ':') {
                return false;
            }
        }
        return true;
    }
}
