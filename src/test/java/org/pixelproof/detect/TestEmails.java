package org.pixelproof.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.MimePart;
import org.pixelproof.ingest.ReceivedEmail;

/** Builds {@link ReceivedEmail}s by hand for unit tests (fictional senders, example domains). */
public final class TestEmails {
    private final List<Header> headers = new ArrayList<>();
    private final List<BodyText> bodies = new ArrayList<>();

    private TestEmails() {
    }

    /** @return a new builder. */
    public static TestEmails message() {
        return new TestEmails();
    }

    /** Adds a header (decoded value equal to the raw one). */
    public TestEmails header(String name, String value) {
        headers.add(new Header(name, value, value));
        return this;
    }

    /** Adds an HTML body as part 1.N. */
    public TestEmails html(String html) {
        bodies.add(new BodyText("1." + (bodies.size() + 1), BodyKind.HTML, html, "utf-8", "UTF-8", false));
        return this;
    }

    /** Adds a plain-text body as part 1.N. */
    public TestEmails plain(String text) {
        bodies.add(new BodyText("1." + (bodies.size() + 1), BodyKind.PLAIN, text, "utf-8", "UTF-8", false));
        return this;
    }

    /** @return the message. */
    public ReceivedEmail build() {
        List<MimePart> children = new ArrayList<>();
        for (BodyText b : bodies) {
            children.add(new MimePart(b.partPath(), b.kind() == BodyKind.PLAIN ? "text/plain" : "text/html", "utf-8",
                    "quoted-printable", null, null, null, b.text().length(), List.of()));
        }
        MimePart root = new MimePart("1", "multipart/alternative", null, null, null, null, null, 0, children);
        byte[] raw = "From: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        return new ReceivedEmail("test.eml", "0".repeat(64), raw.length, headers, root, bodies, List.of(), null, raw);
    }

    /** @return the HTML bodies of {@code email} parsed with jsoup, as {@code detect} would pass them. */
    public static List<HtmlBody> parsed(ReceivedEmail email) {
        List<HtmlBody> out = new ArrayList<>();
        for (BodyText b : email.bodies(BodyKind.HTML)) {
            out.add(new HtmlBody(b.partPath(), b.kind(), Jsoup.parse(b.text(), "")));
        }
        return out;
    }
}
