package org.pixelproof.authenticity;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.Findings;
import org.pixelproof.detect.Location;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.MimePart;
import org.pixelproof.ingest.ReceivedEmail;

/** Builds the records the checker reads, directly from bytes, so that these tests do not depend on other stages. */
final class TestEmails {
    private TestEmails() {
    }

    /** @return a {@link ReceivedEmail} with the headers and raw bytes of {@code raw} (no MIME tree, no bodies). */
    static ReceivedEmail email(byte[] raw) {
        RawMessage m = RawMessage.of(raw);
        List<Header> headers = new ArrayList<>();
        for (String f : m.getFields()) {
            int colon = f.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String value = f.substring(colon + 1);
            headers.add(new Header(f.substring(0, colon).strip(), value, decode(value.replace("\r\n", "").strip())));
        }
        MimePart root = new MimePart("1", "text/plain", null, null, null, null, null, 0, List.of());
        return new ReceivedEmail("test.eml", sha256(raw), raw.length, headers, root, List.of(), List.of(), null, raw);
    }

    /** RFC 2047 decoding, as {@code ingest} does for {@link Header#decoded()}. */
    private static String decode(String unfolded) {
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }

    static ReceivedEmail email(String text) {
        return email(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return an open-pixel tracker found in part {@code partPath}. */
    static Tracker pixel(String id, String url, String partPath, String evidence) {
        Location where = new Location(partPath, "img", "src", null);
        return tracker(id, TrackerKind.OPEN_PIXEL, url, where, evidence, List.of());
    }

    static Tracker tracker(String id, TrackerKind kind, String url, Location location, String evidence,
            List<RecipientIdentifier> identifiers) {
        String host = url.startsWith("header:") ? null : java.net.URI.create(url).getHost();
        return new Tracker(id, kind, url, host, null, null, Party.UNKNOWN, identifiers, List.of(), Confidence.HIGH,
                List.of(), List.of(), location, evidence, "test", null, null);
    }

    /** @return findings holding only these trackers and recipients. */
    static Findings findings(List<String> recipients, Tracker... trackers) {
        SenderIdentity sender = new SenderIdentity(null, null, null, null, null, List.of(), List.of(), null, null, null,
                null, false, null, null, List.of(), List.of());
        return new Findings(recipients, List.of(trackers), List.of(), List.of(), List.of(), List.of(), sender,
                List.of());
    }

    static Findings findings(Tracker... trackers) {
        return findings(List.of("alex.martin@example.org"), trackers);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
