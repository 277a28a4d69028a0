package org.pixelproof.authenticity;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.pixelproof.detect.Tracker;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.SharedBytes;

/**
 * Decides whether each tracker lies inside the part of the message a DKIM signature covers.
 *
 * <p>The method, sound in the sense that it never claims coverage it cannot show:
 * <ol>
 * <li>A header-based tracker (location element {@code header}) is covered when its header name is in {@code h=}.</li>
 * <li>Without {@code l=}, or with {@code l=} at least the canonicalised body length, the whole body is covered, so is
 * every tracker found in it.</li>
 * <li>With a shorter {@code l=}, the canonical limit is turned into a raw body offset ({@link
 * CanonicalBody#signedRawEnd}). The MIME tree is read with Angus Mail, leniently, numbering parts as {@code ingest}
 * does ({@code 1}, {@code 1.1}, {@code 1.2.1}...), and each leaf part's raw content is located in the message bytes.
 * A tracker whose part ends before the offset is covered; one whose part starts after it is not. For a part cut by the
 * offset, its signed prefix is decoded (transfer encoding, then charset) and the tracker counts as covered only when
 * its URL (as is, or with {@code &} written {@code &amp;}) or its source excerpt occurs in that signed text.</li>
 * <li>When the part cannot be found, coverage is unknown, never assumed.</li>
 * </ol>
 * Not thread-safe (one per check); the MIME tree is read once, on first need.
 */
final class TrackerCoverage {
    /** Most MIME parts mapped, as {@code IngestLimits.DEFAULT}. */
    static final int MAX_PARTS = 1_000;
    /** Deepest MIME nesting mapped, as {@code IngestLimits.DEFAULT}. */
    static final int MAX_DEPTH = 30;
    /** Budget for locating parts, in bytes compared in vain per byte of message: bounds the work on hostile input. */
    static final int SEARCH_BUDGET_FACTOR = 64;

    private final RawMessage message;
    private final CanonicalBody canonical;
    private final Notes notes;
    private Map<String, PartRange> parts;
    private long searchBudget;

    /** The raw content of one MIME part: absolute offsets in {@link RawMessage#wire()}. */
    record PartRange(int start, int end, String encoding, String charset) {
    }

    /** Coverage of the trackers by one signature. */
    record Coverage(Boolean allInside, List<String> outsideIds) {
        static final Coverage UNKNOWN = new Coverage(null, List.of());
    }

    TrackerCoverage(RawMessage message, CanonicalBody canonical, Notes notes) {
        this.message = message;
        this.canonical = canonical;
        this.notes = notes;
    }

    /**
     * @param trackers          the trackers found
     * @param signedHeaders     {@code h=} names
     * @param bodyMethod        the body canonicalisation, {@code simple} or {@code relaxed}
     * @param lengthLimit       {@code l=}, or {@code null}
     * @return which trackers the signature covers
     */
    Coverage assess(List<Tracker> trackers, List<String> signedHeaders, String bodyMethod, Long lengthLimit) {
        if (trackers.isEmpty()) {
            return Coverage.UNKNOWN;
        }
        Set<String> headers = new java.util.HashSet<>();
        for (String h : signedHeaders) {
            headers.add(h.strip().toLowerCase(Locale.ROOT));
        }
        boolean wholeBody = lengthLimit == null || lengthLimit >= canonical.length(bodyMethod);
        int signedEnd = wholeBody ? Integer.MAX_VALUE
                : message.bodyStart() + canonical.signedRawEnd(bodyMethod, lengthLimit);
        List<String> outside = new ArrayList<>();
        boolean unknown = false;
        for (Tracker t : trackers) {
            Boolean inside = covers(t, headers, wholeBody, signedEnd);
            if (inside == null) {
                unknown = true;
            } else if (!inside) {
                outside.add(t.id());
            }
        }
        Boolean all = !outside.isEmpty() ? Boolean.FALSE : unknown ? null : Boolean.TRUE;
        return new Coverage(all, outside);
    }

    private Boolean covers(Tracker t, Set<String> signedHeaders, boolean wholeBody, int signedEnd) {
        if ("header".equals(t.location().element())) {
            String name = t.location().attribute();
            if (name == null || !"1".equals(t.location().partPath())) {
                return null;
            }
            return signedHeaders.contains(name.strip().toLowerCase(Locale.ROOT));
        }
        if (wholeBody) {
            return Boolean.TRUE;
        }
        PartRange part = parts().get(t.location().partPath());
        if (part == null) {
            return null;
        }
        if (part.end() <= signedEnd) {
            return Boolean.TRUE;
        }
        if (part.start() >= signedEnd) {
            return Boolean.FALSE;
        }
        String signedText = decodePrefix(part, signedEnd);
        if (signedText == null) {
            return null;
        }
        for (String needle : needles(t)) {
            if (signedText.contains(needle)) {
                return Boolean.TRUE;
            }
        }
        return Boolean.FALSE;
    }

    private static List<String> needles(Tracker t) {
        List<String> out = new ArrayList<>();
        out.add(t.url());
        if (t.url().contains("&")) {
            out.add(t.url().replace("&", "&amp;"));
        }
        if (t.evidence() != null && !t.evidence().isBlank()) {
            out.add(t.evidence());
        }
        return out;
    }

    /** @return the text of {@code part} up to {@code signedEnd}, decoded, or {@code null} when it cannot be decoded. */
    private String decodePrefix(PartRange part, int signedEnd) {
        byte[] prefix = Arrays.copyOfRange(message.wire(), part.start(), Math.min(signedEnd, part.end()));
        String enc = part.encoding() == null ? "7bit" : part.encoding();
        byte[] decoded;
        try {
            if ("base64".equals(enc)) {
                decoded = decode(completeBase64Quanta(prefix), enc);
            } else if ("quoted-printable".equals(enc)) {
                decoded = decode(withoutTrailingEscape(prefix), enc);
            } else {
                decoded = prefix;
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            notes.add("DKIM coverage: could not decode the signed prefix of a MIME part (" + enc + ")");
            return null;
        }
        return new String(decoded, charsetOf(part.charset()));
    }

    private static byte[] decode(byte[] bytes, String encoding) throws MessagingException, IOException {
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(bytes), encoding)) {
            return in.readAllBytes();
        }
    }

    private static byte[] completeBase64Quanta(byte[] b) {
        int count = 0;
        int lastComplete = 0;
        for (int i = 0; i < b.length; i++) {
            int c = b[i];
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || c == '=') {
                count++;
                if (count % 4 == 0) {
                    lastComplete = i + 1;
                }
            }
        }
        return Arrays.copyOf(b, lastComplete);
    }

    private static byte[] withoutTrailingEscape(byte[] b) {
        int n = b.length;
        if (n >= 1 && b[n - 1] == '=') {
            return Arrays.copyOf(b, n - 1);
        }
        if (n >= 2 && b[n - 2] == '=') {
            return Arrays.copyOf(b, n - 2);
        }
        return b;
    }

    private static Charset charsetOf(String name) {
        if (name != null) {
            try {
                String javaName = MimeUtility.javaCharset(name);
                if (Charset.isSupported(javaName)) {
                    return Charset.forName(javaName);
                }
            } catch (RuntimeException e) {
                // fall through to UTF-8
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** @return the leaf parts by path, read on first call; empty when the MIME structure cannot be read. */
    Map<String, PartRange> parts() {
        if (parts == null) {
            parts = new HashMap<>();
            searchBudget = (long) SEARCH_BUDGET_FACTOR * Math.max(1, message.wire().length);
            try {
                Session session = Session.getInstance(lenient());
                MimeMessage root = new MimeMessage(session, new SharedBytes(message.wire()));
                walk(session, root, "1", 1, new int[] {message.bodyStart()}, new int[] {0});
            } catch (MessagingException | IOException | RuntimeException e) {
                Cancellation.rethrowIfCancelled(e);
                notes.add("DKIM coverage: MIME structure could not be fully read (" + e.getClass().getSimpleName()
                        + ")");
            }
        }
        return parts;
    }

    private static Properties lenient() {
        Properties p = new Properties();
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.ignoreunknownencoding", "true");
        return p;
    }

    private void walk(Session session, MimePart part, String path, int depth, int[] cursor, int[] count)
            throws MessagingException, IOException {
        if (++count[0] > MAX_PARTS || depth > MAX_DEPTH) {
            return;
        }
        Cancellation.check(); // per MIME part
        if (part.isMimeType("multipart/*")) {
            MimeMultipart mp = new MimeMultipart(new MimePartDataSource(part));
            for (int i = 0; i < mp.getCount(); i++) {
                walk(session, (MimePart) mp.getBodyPart(i), path + "." + (i + 1), depth + 1, cursor, count);
            }
            return;
        }
        byte[] raw = rawContent(part);
        int at = find(message.wire(), raw, cursor[0]);
        if (at < 0) {
            return;
        }
        parts.put(path, new PartRange(at, at + raw.length, lower(part.getEncoding()), charsetParam(part)));
        if (part.isMimeType("message/rfc822")) {
            MimeMessage inner = new MimeMessage(session, new SharedBytes(raw));
            int[] innerCursor = {at};
            walk(session, inner, path + ".1", depth + 1, innerCursor, count);
        }
        cursor[0] = at + raw.length;
    }

    private static byte[] rawContent(MimePart part) throws MessagingException, IOException {
        InputStream in;
        if (part instanceof MimeMessage m) {
            in = m.getRawInputStream();
        } else if (part instanceof MimeBodyPart b) {
            in = b.getRawInputStream();
        } else {
            in = part.getInputStream();
        }
        try (InputStream s = in) {
            return s.readAllBytes();
        }
    }

    private static String charsetParam(MimePart part) {
        try {
            String ct = part.getContentType();
            return ct == null ? null : new ContentType(ct).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    /** First occurrence of {@code needle} in {@code hay} at or after {@code from}, within the search budget. */
    private int find(byte[] hay, byte[] needle, int from) {
        int m = needle.length;
        if (m == 0) {
            return Math.min(from, hay.length);
        }
        for (int i = Math.max(0, from); i + m <= hay.length; i++) {
            if (hay[i] != needle[0]) {
                continue;
            }
            int mismatch = Arrays.mismatch(hay, i, i + m, needle, 0, m);
            if (mismatch < 0) {
                return i;
            }
            searchBudget -= mismatch + 1;
            if (searchBudget < 0) {
                return -1;
            }
        }
        return -1;
    }
}
