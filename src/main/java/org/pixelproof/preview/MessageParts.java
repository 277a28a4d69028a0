package org.pixelproof.preview;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the message's MIME parts again with Angus Mail, leniently, to find what {@code ingest}'s records do not keep:
 * the bytes of {@code cid:} images, and the parts to rewrite in a {@link CleanedCopy}.
 *
 * <p>Part paths follow {@link org.pixelproof.ingest.MimePart#path()}: the message is {@code "1"}, the parts of a
 * multipart {@code "1.1"}, {@code "1.2"}..., the message carried by a {@code message/rfc822} part its only child.
 * Never touches the network. Not thread-safe (one instance per rendering).
 */
final class MessageParts {
    /** Deepest MIME nesting walked. */
    static final int MAX_DEPTH = 30;
    /** Most parts walked. */
    static final int MAX_PARTS = 1_000;

    private final MimeMessage message;

    private MessageParts(MimeMessage message) {
        this.message = message;
    }

    /** @return the message parsed from {@code raw}, or empty when Angus Mail cannot read it at all. */
    static Optional<MessageParts> parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MessageParts(new MimeMessage(lenientSession(), new ByteArrayInputStream(raw))));
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return a session with Angus Mail's lenient parsing switches, never used to connect anywhere. */
    static Session lenientSession() {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.decodefilename", "true");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        p.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.ignoreunknownencoding", "true");
        p.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        p.setProperty("mail.mime.uudecode.ignoremissingbeginend", "true");
        p.setProperty("mail.mime.allowutf8", "true");
        return Session.getInstance(p);
    }

    /** @return the parsed message, for {@link CleanedCopy} to rewrite. */
    MimeMessage message() {
        return message;
    }

    /** An image part found by its {@code Content-ID}. */
    record Image(String mimeType, byte[] bytes) {
    }

    /**
     * @param contentId the {@code cid:} target, without {@code cid:} and angle brackets, compared ignoring case
     * @param maxBytes  the largest decoded image returned, in bytes
     * @return the raster image part with that Content-ID, at most {@code maxBytes} long
     */
    Optional<Image> imageByContentId(String contentId, long maxBytes) {
        String wanted = normalizeCid(contentId);
        int[] budget = {MAX_PARTS};
        return find(message, wanted, maxBytes, 1, budget);
    }

    private static Optional<Image> find(Part part, String cid, long maxBytes, int depth, int[] budget) {
        if (depth > MAX_DEPTH || budget[0]-- <= 0) {
            return Optional.empty();
        }
        try {
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart mp) {
                    for (int i = 0; i < mp.getCount(); i++) {
                        BodyPart child = mp.getBodyPart(i);
                        Optional<Image> img = find(child, cid, maxBytes, depth + 1, budget);
                        if (img.isPresent()) {
                            return img;
                        }
                    }
                }
                return Optional.empty();
            }
            String[] ids = part.getHeader("Content-ID");
            if (ids == null || ids.length == 0 || !normalizeCid(ids[0]).equals(cid)) {
                return Optional.empty();
            }
            String type = baseType(part.getContentType());
            if (!(type.equals("image/png") || type.equals("image/gif") || type.equals("image/jpeg")
                    || type.equals("image/jpg") || type.equals("image/webp"))) {
                return Optional.empty();
            }
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = readAtMost(in, maxBytes);
                return bytes == null ? Optional.empty() : Optional.of(new Image(type, bytes));
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the lower-case {@code type/subtype} of a Content-Type value, {@code text/plain} when unreadable. */
    static String baseType(String contentType) {
        if (contentType == null) {
            return "text/plain";
        }
        int semi = contentType.indexOf(';');
        String t = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? "text/plain" : t;
    }

    private static String normalizeCid(String cid) {
        String c = cid.trim();
        if (c.regionMatches(true, 0, "cid:", 0, 4)) {
            c = c.substring(4);
        }
        if (c.startsWith("<") && c.endsWith(">") && c.length() >= 2) {
            c = c.substring(1, c.length() - 1);
        }
        return c.toLowerCase(Locale.ROOT);
    }

    /** @return the stream's bytes, or {@code null} when it holds more than {@code max}. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
