package org.pixelproof.dossier;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.MimePart;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Reads test messages into {@link ReceivedEmail}: with {@code ingest}'s {@link EmailParser} when it is implemented,
 * else with a minimal Angus Mail reader good enough for well-formed fixtures (headers, part tree, text bodies), so
 * that the dossier's tests do not wait for {@code ingest}.
 */
public final class TestEmails {
    private TestEmails() {
    }

    /** @return the bytes of a test resource. */
    public static byte[] resource(String path) {
        try (InputStream in = TestEmails.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("test resource missing: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the message read from {@code raw}. */
    public static ReceivedEmail read(byte[] raw, String fileName) {
        try {
            return new EmailParser(IngestLimits.DEFAULT).parse(raw, fileName);
        } catch (UnsupportedOperationException notYet) {
            return minimal(raw, fileName);
        }
    }

    private static ReceivedEmail minimal(byte[] raw, String fileName) {
        try {
            Properties p = new Properties();
            p.setProperty("mail.mime.address.strict", "false");
            p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
            MimeMessage msg = new MimeMessage(Session.getInstance(p), new ByteArrayInputStream(raw));
            List<BodyText> bodies = new ArrayList<>();
            MimePart root = walk(msg, "1", bodies);
            return new ReceivedEmail(fileName, CaseEmail.sha256(raw), raw.length, headers(raw), root, bodies,
                    List.of(), null, raw);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimePart walk(Part part, String path, List<BodyText> bodies) throws Exception {
        String type = part.getContentType() == null ? "text/plain"
                : part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        List<MimePart> children = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                children.add(walk(child, path + "." + (i + 1), bodies));
            }
        } else if (part.isMimeType("text/html") || part.isMimeType("text/plain")) {
            Object c = part.getContent();
            bodies.add(new BodyText(path, part.isMimeType("text/html") ? BodyKind.HTML : BodyKind.PLAIN,
                    c.toString(), "utf-8", "UTF-8", false));
        }
        String[] cid = part.getHeader("Content-ID");
        return new MimePart(path, type, null, null, part.getDisposition(), part.getFileName(),
                cid == null ? null : cid[0].replaceAll("[<>]", ""), 0, children);
    }

    /** Header fields of the top-level header block, raw and decoded. */
    static List<Header> headers(byte[] raw) throws Exception {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        String block = end < 0 ? text : text.substring(0, end);
        List<Header> out = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : block.split("\r?\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append("\r\n").append(line);
                continue;
            }
            if (name != null) {
                out.add(header(name, value.toString()));
            }
            int colon = line.indexOf(':');
            name = colon < 0 ? null : line.substring(0, colon);
            value.setLength(0);
            if (colon >= 0) {
                value.append(line.substring(colon + 1).stripLeading());
            }
        }
        if (name != null) {
            out.add(header(name, value.toString()));
        }
        return out;
    }

    private static Header header(String name, String raw) throws Exception {
        String utf8 = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        String unfolded = utf8.replaceAll("\r?\n[ \t]+", " ");
        return new Header(name, utf8, MimeUtility.decodeText(unfolded));
    }
}
