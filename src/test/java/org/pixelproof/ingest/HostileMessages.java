package org.pixelproof.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Generates the large hostile inputs of issue 6 item 5 at test time (they are never committed). Each method returns
 * the bytes of one message; sizes are exact enough to cross the limits they aim at. Stateless.
 */
final class HostileMessages {
    static final String HEADERS = "From: Expediteur <expediteur@exemple-hostile.org>\r\n"
            + "To: camille.durand@example.org\r\nSubject: hostile\r\nDate: Tue, 3 Mar 2026 09:15:00 +0100\r\n"
            + "MIME-Version: 1.0\r\n";

    private HostileMessages() {
    }

    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        Out ascii(String s) {
            writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        Out repeat(String s, long times) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            for (long i = 0; i < times; i++) {
                write(b, 0, b.length);
            }
            return this;
        }
    }

    /** A single HTML body of at least {@code bytes} bytes (plain 8bit lines of 80 characters). */
    static byte[] largeHtml(int bytes) {
        Out o = new Out(bytes + 4096);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>\r\n");
        String line = "<p>" + "x".repeat(71) + "</p>\r\n";
        o.repeat(line, bytes / line.length() + 1);
        return o.ascii("</body></html>\r\n").toByteArray();
    }

    /** A base64-encoded HTML body whose decoded size is at least {@code decodedBytes}. */
    static byte[] largeBase64Html(int decodedBytes) {
        String chunk = Base64.getMimeEncoder().encodeToString("<div>".repeat(5700).getBytes(StandardCharsets.US_ASCII));
        Out o = new Out(decodedBytes * 4 / 3 + 4096);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        o.repeat(chunk + "\r\n", decodedBytes / 28_500 + 1);
        return o.toByteArray();
    }

    /** A multipart/mixed of {@code parts} small text parts. */
    static byte[] manyParts(int parts) {
        Out o = new Out(parts * 48 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            o.ascii("--p\r\nContent-Type: text/plain\r\n\r\npart ").ascii(Integer.toString(i)).ascii("\r\n");
        }
        return o.ascii("--p--\r\n").toByteArray();
    }

    /** Multiparts nested {@code depth} deep, a text part at the bottom. */
    static byte[] deepMultipart(int depth) {
        Out o = new Out(depth * 80 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: multipart/mixed; boundary=\"d0\"\r\n\r\n");
        for (int i = 0; i < depth; i++) {
            o.ascii("--d" + i + "\r\nContent-Type: multipart/mixed; boundary=\"d" + (i + 1) + "\"\r\n\r\n");
        }
        o.ascii("--d" + depth + "\r\nContent-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = depth; i >= 0; i--) {
            o.ascii("--d" + i + "--\r\n");
        }
        return o.toByteArray();
    }

    /** Messages carried in message/rfc822 parts {@code depth} deep. */
    static byte[] deepRfc822(int depth) {
        byte[] inner = (HEADERS + "Content-Type: text/plain\r\n\r\nbottom\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < depth; i++) {
            Out o = new Out(inner.length + 512);
            o.ascii(HEADERS).ascii("Content-Type: multipart/mixed; boundary=\"r" + i + "\"\r\n\r\n--r" + i
                    + "\r\nContent-Type: text/plain\r\n\r\n" + "note ".repeat(500) + "\r\n--r" + i
                    + "\r\nContent-Type: message/rfc822\r\n\r\n");
            o.writeBytes(inner);
            o.ascii("\r\n--r" + i + "--\r\n");
            inner = o.toByteArray();
        }
        return inner;
    }

    /** One header field of {@code bytes} characters. */
    static byte[] longHeaderLine(int bytes) {
        Out o = new Out(bytes + 1024);
        o.ascii(HEADERS).ascii("X-Long: ").repeat("a", bytes).ascii("\r\nContent-Type: text/plain\r\n\r\nbody\r\n");
        return o.toByteArray();
    }

    /** A multipart whose boundary parameter, and first line, is {@code bytes} long. */
    static byte[] longBoundary(int bytes) {
        String b = "b".repeat(bytes);
        Out o = new Out(3 * bytes + 1024);
        o.ascii(HEADERS).ascii("Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b
                + "\r\nContent-Type: text/plain\r\n\r\nbody\r\n--" + b + "--\r\n");
        return o.toByteArray();
    }

    /** An HTML body of {@code depth} nested elements. */
    static byte[] deepHtml(int depth) {
        Out o = new Out(depth * 12 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n").repeat("<div>", depth)
                .ascii("<img src=\"https://pixel.exemple-hostile.org/o.gif\" width=\"1\" height=\"1\">")
                .repeat("</div>", depth).ascii("\r\n");
        return o.toByteArray();
    }

    /** A quoted-printable body made of {@code count} consecutive soft line breaks (overflows Angus' decoder). */
    static byte[] softLineBreaks(int count) {
        Out o = new Out(count * 3 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
                .repeat("=\r\n", count).ascii("<p>end</p>\r\n");
        return o.toByteArray();
    }

    /** {@code count} header fields. */
    static byte[] manyHeaders(int count) {
        Out o = new Out(count * 16 + 1024);
        o.ascii(HEADERS);
        for (int i = 0; i < count; i++) {
            o.ascii("X-H" + i + ": v\r\n");
        }
        return o.ascii("Content-Type: text/plain\r\n\r\nbody\r\n").toByteArray();
    }
}
