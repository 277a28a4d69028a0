package org.pixelproof.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Generates the large hostile inputs of issue 6 item 5 at test time (they are never committed). Each method returns
 * the bytes of one message; sizes are exact enough to cross the limits they aim at. Stateless. Public for the
 * end-to-end hostile tests of the other packages ({@code org.pixelproof.hostile.HostileCorpus}).
 */
public final class HostileMessages {
    public static final String HEADERS = "From: Expediteur <expediteur@exemple-hostile.org>\r\n"
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

        Out utf8(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
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
    public static byte[] largeHtml(int bytes) {
        Out o = new Out(bytes + 4096);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>\r\n");
        String line = "<p>" + "x".repeat(71) + "</p>\r\n";
        o.repeat(line, bytes / line.length() + 1);
        return o.ascii("</body></html>\r\n").toByteArray();
    }

    /** A base64-encoded HTML body whose decoded size is at least {@code decodedBytes}. */
    public static byte[] largeBase64Html(int decodedBytes) {
        String chunk = Base64.getMimeEncoder().encodeToString("<div>".repeat(5700).getBytes(StandardCharsets.US_ASCII));
        // base64 with a CRLF every 76 characters: 4/3 of the size, plus 2/76 of that (sized once, never copied)
        Out o = new Out((int) (decodedBytes * 4L / 3 * 78 / 76) + 64 * 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        o.repeat(chunk + "\r\n", decodedBytes / 28_500 + 1);
        return o.toByteArray();
    }

    /** A multipart/mixed of {@code parts} small text parts. */
    public static byte[] manyParts(int parts) {
        Out o = new Out(parts * 48 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            o.ascii("--p\r\nContent-Type: text/plain\r\n\r\npart ").ascii(Integer.toString(i)).ascii("\r\n");
        }
        return o.ascii("--p--\r\n").toByteArray();
    }

    /** Multiparts nested {@code depth} deep, a text part at the bottom. */
    public static byte[] deepMultipart(int depth) {
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
    public static byte[] deepRfc822(int depth) {
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
    public static byte[] longHeaderLine(int bytes) {
        Out o = new Out(bytes + 1024);
        o.ascii(HEADERS).ascii("X-Long: ").repeat("a", bytes).ascii("\r\nContent-Type: text/plain\r\n\r\nbody\r\n");
        return o.toByteArray();
    }

    /** A multipart whose boundary parameter, and first line, is {@code bytes} long. */
    public static byte[] longBoundary(int bytes) {
        String b = "b".repeat(bytes);
        Out o = new Out(3 * bytes + 1024);
        o.ascii(HEADERS).ascii("Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b
                + "\r\nContent-Type: text/plain\r\n\r\nbody\r\n--" + b + "--\r\n");
        return o.toByteArray();
    }

    /** An HTML body of {@code depth} nested elements. */
    public static byte[] deepHtml(int depth) {
        Out o = new Out(depth * 12 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n").repeat("<div>", depth)
                .ascii("<img src=\"https://pixel.exemple-hostile.org/o.gif\" width=\"1\" height=\"1\">")
                .repeat("</div>", depth).ascii("\r\n");
        return o.toByteArray();
    }

    /**
     * A body on which jsoup 1.24.1 throws at its default nesting limit of 512: {@code depth} {@code <div>}, then a link
     * whose formatting element ends up at the limit ({@code <p><a><font><li><p>}; 507 is a failing depth), then a
     * tracking pixel that must still be found.
     */
    public static byte[] formattingAtDepthLimit(int depth) {
        Out o = new Out(depth * 5 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n").repeat("<div>", depth)
                .ascii("<p><a href=\"https://clic.exemple-hostile.org/c/1\"><font><li><p>m")
                .ascii("<img src=\"https://pixel.exemple-hostile.org/o.gif\" width=\"1\" height=\"1\">\r\n");
        return o.toByteArray();
    }

    /**
     * A plain-text body where a capital I with a dot ({@code İ}, which {@code toLowerCase} turns into two characters)
     * precedes the recipient's address in a link: the address search once cut the text at a shifted index and threw.
     */
    public static byte[] dottedCapitalIBeforeAddress() {
        Out o = new Out(512);
        o.ascii(HEADERS).ascii("Content-Type: text/plain; charset=utf-8\r\n\r\n")
                .utf8("\u0130\u0130 https://clic.exemple-hostile.org/\u0130camille.durand@example.org\r\n");
        return o.toByteArray();
    }

    /**
     * {@code count} Outlook conditional comments nested in one another, then {@code count} side by side, each holding
     * an image (the detector parses each comment's content as a document of its own).
     */
    public static byte[] conditionalComments(int count) {
        Out o = new Out(count * 120 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n")
                .repeat("<!--[if mso]><div>", count).repeat("</div><![endif]-->", count)
                .repeat("<!--[if mso]><img src=\"https://pixel.exemple-hostile.org/o.gif\" width=\"1\"><![endif]-->", count)
                .ascii("\r\n");
        return o.toByteArray();
    }

    /** A quoted-printable body made of {@code count} consecutive soft line breaks (overflows Angus' decoder). */
    public static byte[] softLineBreaks(int count) {
        Out o = new Out(count * 3 + 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
                .repeat("=\r\n", count).ascii("<p>end</p>\r\n");
        return o.toByteArray();
    }

    /** {@code count} header fields. */
    public static byte[] manyHeaders(int count) {
        Out o = new Out(count * 16 + 1024);
        o.ascii(HEADERS);
        for (int i = 0; i < count; i++) {
            o.ascii("X-H" + i + ": v\r\n");
        }
        return o.ascii("Content-Type: text/plain\r\n\r\nbody\r\n").toByteArray();
    }

    /**
     * {@code count} {@code Received} fields before From, To, Subject, Date and Message-ID, as a hostile sender or a
     * long relay chain writes them, then an HTML body whose open pixel carries the recipient's address (hostile test F4:
     * past the header-count limit, From, To and Date used to be dropped).
     */
    public static byte[] paddedHeaders(int count) {
        Out o = new Out(count * 110 + 2048);
        for (int i = 0; i < count; i++) {
            o.ascii("Received: from relay" + i + ".exemple-hostile.org ([10.0." + (i / 256 % 256) + "." + (i % 256)
                    + "]) by mx.example.org with ESMTP id r" + i + "; Tue, 3 Mar 2026 09:15:00 +0100\r\n");
        }
        o.ascii(HEADERS).ascii("Message-ID: <padded@exemple-hostile.org>\r\n")
                .ascii("Content-Type: text/html; charset=utf-8\r\n\r\n")
                .ascii("<p>Bonjour</p><img src=\"https://pixel.exemple-hostile.org/open.gif?"
                        + "u=camille.durand@example.org\" width=\"1\" height=\"1\">\r\n");
        return o.toByteArray();
    }

    /**
     * {@code rules} {@code <style>} blocks, each a rule for a class no element uses with its own background URL (a
     * client never loads them), then an open pixel carrying the recipient's address: decoys that pushed the pixel past
     * the detector's scoring cap (hostile test F2).
     */
    public static byte[] decoyRulesThenPixel(int rules) {
        StringBuilder sb = new StringBuilder(rules * 80 + 300).append("<html><head>");
        for (int i = 0; i < rules; i++) {
            sb.append("<style>.u").append(i).append("{background:url(https://cdn.exemple-hostile.org/u").append(i)
                    .append(".png)}</style>\n");
        }
        return html(sb.append("</head><body><p>Bonjour</p><img src=\"https://pixel.exemple-hostile.org/o.gif?e=")
                .append("camille.durand@example.org\" width=\"1\" height=\"1\"></body></html>").toString());
    }

    /**
     * {@code pixels} 1x1 images, each its own URL carrying the recipient's address in base64: more trackers than an
     * analysis lists, whose cleaned copy kept live links to those not listed (hostile test F6).
     */
    public static byte[] pixelsWithAddress(int pixels) {
        String id = java.util.Base64.getEncoder().withoutPadding().encodeToString(
                "camille.durand@example.org".getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder(pixels * 100 + 100).append("<html><body><p>Bonjour</p>");
        for (int i = 0; i < pixels; i++) {
            sb.append("<img src=\"https://pixel.exemple-hostile.org/i").append(i).append(".gif?e=").append(id)
                    .append("\" width=\"1\" height=\"1\">");
        }
        return html(sb.append("</body></html>").toString());
    }

    /** An HTML message whose body is {@code html} (8bit, UTF-8), after the usual headers. */
    public static byte[] html(String html) {
        return html(HEADERS, html);
    }

    /** An HTML message with these header fields (each ending in CRLF) and this body. */
    public static byte[] html(String headers, String html) {
        Out o = new Out(html.length() + headers.length() + 256);
        o.ascii(headers).ascii("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        o.writeBytes(html.getBytes(StandardCharsets.UTF_8));
        return o.ascii("\r\n").toByteArray();
    }

    /**
     * CSS made for backtracking scanners: {@code url(} followed by {@code count} escaped parentheses {@code \(} and
     * never closed, in a {@code <style>} block and in a {@code style} attribute.
     */
    public static byte[] cssUrlEscapedParens(int count) {
        String parens = "\\(".repeat(count);
        return html("<html><head><style>a{background:url(" + parens + "</style></head><body>"
                + "<div style=\"background-image:url(" + parens + "\">x</div>"
                + "<img src=\"https://pixel.exemple-hostile.org/o.gif\" width=\"1\" height=\"1\"></body></html>");
    }

    /** {@code depth} nested {@code @media} blocks around a CSS beacon, never closed past the beacon. */
    public static byte[] cssNestedMedia(int depth) {
        StringBuilder css = new StringBuilder(depth * 16 + 256);
        css.append("@media screen{".repeat(depth));
        css.append("a{background:url(https://beacon.exemple-hostile.org/m.gif)}");
        css.append("}".repeat(depth / 2));
        return html("<html><head><style>" + css + "</style></head><body><p>media</p></body></html>");
    }

    /**
     * CSS that never ends: an unterminated comment, string and {@code url("} each followed by {@code bytes}
     * characters, and {@code bytes} characters of {@code @import} preludes without a semicolon.
     */
    public static byte[] cssUnterminated(int bytes) {
        String filler = "a ".repeat(bytes / 2);
        return html("<html><head><style>p{color:red}/*" + filler + "</style><style>p{content:\"" + filler
                + "</style><style>p{background:url(\"" + filler + "</style><style>" + "@import ".repeat(bytes / 8)
                + "</style></head><body><p style=\"" + "x:y;".repeat(bytes / 4) + "\">t</p></body></html>");
    }

    /** URLs whose path and query hold {@code bytes} characters of percent escapes, valid, nested and broken. */
    public static byte[] urlPercentEscapes(int bytes) {
        String nested = "%25".repeat(bytes / 3);
        String broken = "%".repeat(bytes);
        String valid = "%41".repeat(bytes / 3);
        return html("<html><body><img src=\"https://pixel.exemple-hostile.org/o.gif?u=" + nested
                + "\" width=\"1\" height=\"1\"><a href=\"https://clic.exemple-hostile.org/r?url=" + broken
                + "\">lien</a><a href=\"https://clic.exemple-hostile.org/" + valid + "\">autre</a>"
                + "<a href=\"https://clic.exemple-hostile.org/r?url=https%3A%2F%2F" + "%2525".repeat(bytes / 5)
                + "\">redirection</a></body></html>");
    }

    /** URLs whose host is made of {@code bytes} characters of {@code a.} labels (and an address in the same shape). */
    public static byte[] urlDotLabels(int bytes) {
        String labels = "a.".repeat(bytes / 2);
        return html("<html><body><img src=\"https://" + labels + "exemple-hostile.org/o.gif\" width=\"1\" "
                + "height=\"1\"><a href=\"https://" + labels + "\">lien</a><p>" + labels + "@" + labels
                + "</p><a href=\"mailto:" + labels + "@" + labels + "\">m</a><p>www." + labels + "</p>"
                + "</body></html>");
    }

    /**
     * A plain-text body of about {@code bytes} characters on one line, made only of short links
     * ({@code http://a.bc http://a.bc ...}): each link's evidence is its line, which must not be read again per link.
     */
    public static byte[] plainLinksOnOneLine(int bytes) {
        Out o = new Out(bytes + 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/plain; charset=utf-8\r\n\r\n").repeat("http://a.bc ", bytes / 12)
                .ascii("\r\n");
        return o.toByteArray();
    }

    /**
     * One attribute value of {@code bytes} characters: the {@code src} of a pixel, whose URL then carries them, and a
     * second, ordinary pixel after it.
     */
    public static byte[] hugeAttribute(int bytes) {
        Out o = new Out(bytes + 1024);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><img width=\"1\" "
                + "height=\"1\" src=\"https://pixel.exemple-hostile.org/o.gif?v=").repeat("x", bytes)
                .ascii("\"><img src=\"https://pixel.exemple-hostile.org/p.gif\" width=\"1\" height=\"1\">"
                        + "</body></html>\r\n");
        return o.toByteArray();
    }

    /**
     * Header fields made for the address and date regular expressions: {@code bytes} characters of {@code a.} in From,
     * To and Reply-To without an {@code @}, a Date of digits, and a Subject of encoded words.
     */
    public static byte[] headerRegexBait(int bytes) {
        String labels = "a.".repeat(bytes / 2);
        String headers = "From: " + labels + "\r\nTo: " + labels + "@\r\nReply-To: <" + labels + "\r\nDate: "
                + "1".repeat(bytes) + "\r\nSubject: " + "=?utf-8?q?a?= ".repeat(bytes / 14) + "\r\nList-Unsubscribe: "
                + "<".repeat(bytes) + "\r\nDKIM-Signature: " + "d=".repeat(bytes / 2) + "\r\nMIME-Version: 1.0\r\n";
        return html(headers, "<html><body><p>" + labels + "</p></body></html>");
    }

    /**
     * A GET form with one hidden field of {@code valueChars} characters and {@code buttons} submit buttons with a
     * {@code formaction}, then a tracking pixel (each button once rebuilt the whole form data: 4,000 URLs of 50,000
     * characters exhausted a 256 MB heap).
     */
    public static byte[] formHugeValueManyButtons(int valueChars, int buttons) {
        Out o = new Out(valueChars + buttons * 80 + 4096);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><form action=\"https://"
                + "www.exemple-hostile.org/f\"><input type=hidden name=h value=\"").repeat("a", valueChars).ascii("\">");
        for (int i = 0; i < buttons; i++) {
            o.ascii("<button formaction=\"https://clic.exemple-hostile.org/b" + i + "\">b</button>\r\n");
        }
        return o.ascii("</form><img src=\"https://pixel.exemple-hostile.org/o.gif\" width=\"1\" height=\"1\">"
                + "</body></html>\r\n").toByteArray();
    }

    /**
     * A GET form with {@code hidden} hidden fields and {@code buttons} submit buttons with a {@code formaction} (the
     * form data rebuilt for each button cost quadratic time).
     */
    public static byte[] formManyHiddenManyButtons(int hidden, int buttons) {
        Out o = new Out(hidden * 40 + buttons * 80 + 4096);
        o.ascii(HEADERS).ascii("Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><form action=\"https://"
                + "www.exemple-hostile.org/f\">");
        for (int i = 0; i < hidden; i++) {
            o.ascii("<input type=hidden name=h" + i + " value=v>");
        }
        for (int i = 0; i < buttons; i++) {
            o.ascii("<button formaction=\"https://clic.exemple-hostile.org/b" + i + "\">b</button>\r\n");
        }
        return o.ascii("</form></body></html>\r\n").toByteArray();
    }
}
