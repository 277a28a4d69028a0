package org.pixelproof.ingest;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.apache.poi.hsmf.datatypes.ByteChunk;
import org.apache.poi.hsmf.datatypes.StringChunk;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Reads an Outlook {@code .msg} file (MS-OXMSG, through Apache POI HSMF) and turns it into RFC 5322 bytes that
 * {@link EmailParser} reads like any received mail.
 *
 * <p><b>Conversion.</b>
 * <ul>
 *   <li>Header fields: the transport headers Outlook kept ({@code PR_TRANSPORT_MESSAGE_HEADERS}: Received,
 *       DKIM-Signature, List-Unsubscribe, Message-ID...) when present, without their Content-Type,
 *       Content-Transfer-Encoding and MIME-Version, which described the original MIME structure; otherwise From, To,
 *       Cc, Subject, Date and Message-ID synthesised from the MAPI properties.</li>
 *   <li>Body: the HTML body ({@code PR_HTML}) when present; else the HTML encapsulated in the compressed RTF body
 *       ({@code \fromhtml1}, see {@link RtfHtml}); else the plain text body. Written as UTF-8, quoted-printable or
 *       base64 as Angus chooses. The RTF is decompressed ([MS-OXRTFCP]) up to
 *       {@link IngestLimits#maxBodyBytes()} only, whatever size its header claims ({@link BoundedRtf}); past it,
 *       {@link AnomalyCode#BODY_TOO_LARGE}, as for any body over the limit.</li>
 *   <li>Attachments: as MIME parts with their file name, MIME type and Content-ID (so that {@code cid:} references
 *       resolve); an attached Outlook message is kept as an opaque {@code application/vnd.ms-outlook} part.</li>
 * </ul>
 *
 * <p><b>What is lost</b> compared with the message as received: its original bytes, MIME structure, transfer
 * encodings and charset declarations (so DKIM signatures never verify on a converted message); without transport
 * headers, every trace and list header (Received, Return-Path, List-Unsubscribe, DKIM-Signature, ESP headers);
 * with an RTF-only body that does not encapsulate HTML, the HTML (and thus any tracking pixel) Outlook discarded;
 * the content of attached messages. Each conversion records a {@link AnomalyCode#CONVERTED_FROM_OUTLOOK_MSG} entry
 * saying which of these applies; problems are recorded, never thrown.
 *
 * <p>The SHA-256 and size of the {@link ReceivedEmail} read by {@link #read} are those of the {@code .msg} file, so
 * that they match the file the user holds. Thread-safe: POI objects are created per call.
 */
public final class OutlookMsgReader {
    private static final Set<String> DROPPED_TRANSPORT_HEADERS = Set.of("content-type",
            "content-transfer-encoding", "mime-version");

    private final EmailParser parser;
    private final Session session;

    /** The OLE2 compound file signature an Outlook {@code .msg} starts with ([MS-CFB] section 2.2). */
    private static final byte[] OLE2_SIGNATURE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
        (byte) 0xB1, 0x1A, (byte) 0xE1};

    /**
     * @param raw an upload, may be {@code null}
     * @return true when it starts with the OLE2 compound file signature, as an Outlook {@code .msg} does (so do old
     *         Office documents: this tells the shape, not that the conversion will succeed)
     */
    public static boolean looksLikeMsg(byte[] raw) {
        if (raw == null || raw.length < OLE2_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < OLE2_SIGNATURE.length; i++) {
            if (raw[i] != OLE2_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** @param parser the parser the converted message is read with; its limits apply to the {@code .msg} too. */
    public OutlookMsgReader(EmailParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.session = Session.getInstance(new Properties());
    }

    /**
     * The outcome of a conversion.
     *
     * @param message   the RFC 5322 bytes, empty when the input could not be read as a {@code .msg}
     * @param anomalies what the conversion noted, a FATAL one when the input is not a readable {@code .msg}
     */
    public record Conversion(byte[] message, List<Anomaly> anomalies) {
        /** Copies the anomaly list; the byte array is kept as given. */
        public Conversion {
            Objects.requireNonNull(message, "message");
            anomalies = List.copyOf(anomalies);
        }
    }

    /**
     * Converts and reads a {@code .msg} file.
     *
     * @param msg      the {@code .msg} bytes, not modified
     * @param fileName display name, may be null; never used as a path
     * @return the message read; its SHA-256 and size are those of {@code msg}; never throws for bad content
     */
    public ReceivedEmail read(byte[] msg, String fileName) {
        Objects.requireNonNull(msg, "msg");
        String sha = EmailParser.sha256(msg, 0, msg.length);
        Conversion c = convert(msg);
        if (c.message().length == 0) {
            return parser.rejected(fileName, sha, msg.length, c.anomalies());
        }
        return parser.parse(c.message(), fileName, sha, msg.length, c.anomalies());
    }

    /**
     * Converts a {@code .msg} file to RFC 5322 bytes.
     *
     * @param msg the {@code .msg} bytes, not modified
     * @return the bytes and the anomalies; never throws for bad content
     */
    public Conversion convert(byte[] msg) {
        Objects.requireNonNull(msg, "msg");
        List<Anomaly> anomalies = new ArrayList<>();
        if (msg.length == 0) {
            anomalies.add(new Anomaly(AnomalyCode.EMPTY_INPUT, "1", "the input has no bytes"));
            return new Conversion(new byte[0], anomalies);
        }
        if (msg.length > parser.limits().maxMessageBytes()) {
            anomalies.add(new Anomaly(AnomalyCode.MESSAGE_TOO_LARGE, "1", "the .msg file is "
                    + Safe.count(msg.length) + " bytes; the limit is " + Safe.count(parser.limits().maxMessageBytes())
                    + " bytes (IngestLimits.maxMessageBytes)"));
            return new Conversion(new byte[0], anomalies);
        }
        MAPIMessage m;
        try {
            m = new MAPIMessage(new POIFSFileSystem(new ByteArrayInputStream(msg)));
            m.setReturnNullOnMissingChunk(true);
        } catch (IOException | RuntimeException e) {
            // the first 4 bytes of the signature, as MessageShape.whatItLooksLike tells an OLE2 file
            boolean ole2 = msg.length >= 4 && (msg[0] & 0xff) == 0xD0 && (msg[1] & 0xff) == 0xCF
                    && (msg[2] & 0xff) == 0x11 && (msg[3] & 0xff) == 0xE0;
            anomalies.add(new Anomaly(AnomalyCode.NOT_A_MESSAGE, "1", ole2
                    ? "a damaged Outlook .msg file: it starts as one does (an OLE2 compound file), but its structure "
                            + "cannot be read (" + e.getClass().getSimpleName() + "); save the message from Outlook "
                            + "again, as .msg or .eml"
                    : "the input is not a readable Outlook .msg file: it does not start with the OLE2 compound file "
                            + "signature every .msg file starts with; "
                            + MessageShape.whatItLooksLike(msg, 0, msg.length)));
            return new Conversion(new byte[0], anomalies);
        }
        try {
            return MailProviderLoader.call(() -> build(m, anomalies));
        } catch (RuntimeException e) {
            anomalies.add(new Anomaly(AnomalyCode.NOT_A_MESSAGE, "1", "the Outlook .msg file could not be "
                    + "converted (" + e.getClass().getSimpleName() + ")"));
            return new Conversion(new byte[0], anomalies);
        }
    }

    private Conversion build(MAPIMessage m, List<Anomaly> anomalies) {
        List<String> lost = new ArrayList<>();
        try {
            MimeMessage out = new MimeMessage(session);
            String[] transport = get(() -> m.getHeaders());
            boolean hasTransport = transport != null && transport.length > 0 && !String.join("", transport).isBlank();
            if (hasTransport) {
                copyTransportHeaders(transport, out);
            } else {
                lost.add("no transport headers: From, To, Cc, Subject, Date and Message-ID were synthesised from "
                        + "MAPI properties; Received, Return-Path, List-Unsubscribe, DKIM-Signature and ESP headers "
                        + "are absent");
                synthesiseHeaders(m, out);
            }
            List<MimeBodyPart> attachments = attachments(m, anomalies);
            String[] body = body(m, lost, anomalies, attachments.isEmpty() ? "1" : "1.1");
            if (attachments.isEmpty()) {
                out.setText(body[0], "UTF-8", body[1]);
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(body[0], "UTF-8", body[1]);
                mixed.addBodyPart(text);
                for (MimeBodyPart a : attachments) {
                    mixed.addBodyPart(a);
                }
                out.setContent(mixed);
            }
            boolean hadDate = out.getHeader("Date") != null;
            out.saveChanges();
            if (!hadDate) {
                out.removeHeader("Date"); // saveChanges() stamps the conversion time, which is not the message's
            }
            if (hasTransport) {
                restoreTransportIdentity(transport, out);
            } else {
                String id = chunk(m.getMainChunks().getMessageId());
                if (id != null && !id.isBlank()) {
                    out.setHeader("Message-ID", id.strip());
                } else {
                    out.removeHeader("Message-ID"); // the one saveChanges() made up is not the message's
                }
            }
            lost.add("original bytes, MIME structure and transfer encodings are not kept, so DKIM signatures "
                    + "cannot verify");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.writeTo(bytes);
            anomalies.add(0, new Anomaly(AnomalyCode.CONVERTED_FROM_OUTLOOK_MSG, "1",
                    "converted from an Outlook .msg file; " + String.join("; ", lost)));
            return new Conversion(bytes.toByteArray(), anomalies);
        } catch (MessagingException | IOException e) {
            anomalies.add(new Anomaly(AnomalyCode.NOT_A_MESSAGE, "1", "the Outlook .msg file could not be "
                    + "converted (" + e.getClass().getSimpleName() + ")"));
            return new Conversion(new byte[0], anomalies);
        }
    }

    private static void copyTransportHeaders(String[] lines, MimeMessage out) throws MessagingException {
        String block = String.join("\r\n", lines).replace("\r\r\n", "\r\n") + "\r\n\r\n";
        InternetHeaders h = new InternetHeaders(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)),
                true);
        var all = h.getAllHeaderLines();
        while (all.hasMoreElements()) {
            String line = all.nextElement();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            if (DROPPED_TRANSPORT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.addHeaderLine(line);
        }
    }

    /** saveChanges() replaces Message-ID; the transport headers' own one is the message's identity. */
    private static void restoreTransportIdentity(String[] lines, MimeMessage out) throws MessagingException {
        for (String l : lines) {
            if (l.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                out.setHeader("Message-ID", l.substring(11).strip());
                return;
            }
        }
        out.removeHeader("Message-ID");
    }

    private void synthesiseHeaders(MAPIMessage m, MimeMessage out) throws MessagingException,
            UnsupportedEncodingException {
        String fromName = get(m::getDisplayFrom);
        String fromAddress = chunk(m.getMainChunks().getEmailFromChunk());
        if (fromName != null || fromAddress != null) {
            out.setHeader("From", address(fromName, fromAddress));
        }
        String[] to = get(m::getRecipientEmailAddressList);
        if (to != null && to.length > 0) {
            out.setHeader("To", String.join(", ", to));
        } else {
            String displayTo = get(m::getDisplayTo);
            if (displayTo != null && !displayTo.isBlank()) {
                out.setHeader("To", MimeUtility.fold(4, MimeUtility.encodeText(displayTo, "UTF-8", null)));
            }
        }
        String cc = get(m::getDisplayCC);
        if (cc != null && !cc.isBlank()) {
            out.setHeader("Cc", MimeUtility.fold(4, MimeUtility.encodeText(cc, "UTF-8", null)));
        }
        String subject = get(m::getSubject);
        if (subject != null) {
            out.setSubject(subject, "UTF-8");
        }
        Calendar date = get(m::getMessageDate);
        if (date != null) {
            out.setHeader("Date", new MailDateFormat().format(date.getTime()));
        }
    }

    private static String address(String name, String address) throws UnsupportedEncodingException {
        if (address == null || address.isBlank() || !address.contains("@")) {
            return MimeUtility.encodeText(name == null ? "" : name, "UTF-8", null);
        }
        if (name == null || name.isBlank() || name.equals(address)) {
            return address.strip();
        }
        return MimeUtility.encodeText(name.strip(), "UTF-8", null) + " <" + address.strip() + ">";
    }

    /**
     * @param bodyPath the part path the body will have in the converted message, for anomalies
     * @return the body text and its subtype ({@code html} or {@code plain}).
     */
    private String[] body(MAPIMessage m, List<String> lost, List<Anomaly> anomalies, String bodyPath) {
        ByteChunk htmlBytes = m.getMainChunks().getHtmlBodyChunkBinary();
        String html = null;
        if (htmlBytes != null && htmlBytes.getValue() != null && htmlBytes.getValue().length > 0) {
            byte[] b = htmlBytes.getValue();
            String label = Charsets.metaCharset(b, b.length);
            String name = label != null ? Charsets.resolve(label) : null;
            if (name == null || Charsets.UTF_7.equals(name)) {
                name = Charsets.sniff(b, b.length);
            }
            html = new String(b, Charset.forName(name));
        } else if (m.getMainChunks().getHtmlBodyChunkString() != null) {
            html = chunk(m.getMainChunks().getHtmlBodyChunkString());
        }
        if (html == null) {
            String rtf = rtfBody(m, anomalies, bodyPath);
            String fromRtf = RtfHtml.extract(rtf);
            if (fromRtf != null && !fromRtf.isBlank()) {
                html = fromRtf;
                lost.add("the HTML body was rebuilt from the HTML encapsulated in the RTF body");
            } else if (rtf != null) {
                lost.add("the RTF body does not encapsulate HTML; only the plain text body was kept (Outlook no "
                        + "longer holds the original HTML, so remote images cannot be analysed)");
            }
        }
        if (html != null) {
            return new String[] {html, "html"};
        }
        String text = get(m::getTextBody);
        if (text == null) {
            lost.add("the message has no HTML, RTF or text body");
            text = "";
        }
        return new String[] {text, "plain"};
    }

    /**
     * Decompresses the RTF body ({@code PR_RTF_COMPRESSED}, [MS-OXRTFCP]) within {@link IngestLimits#maxBodyBytes()}
     * (see {@link BoundedRtf}), instead of POI's {@code MAPIMessage.getRtfBody()}, which decompresses without bound.
     * Like an HTML body of an {@code .eml} over the limit, an RTF body over it is read up to the limit, analysed,
     * and reported as {@link AnomalyCode#BODY_TOO_LARGE}.
     *
     * @return the RTF, or {@code null} when the message has none or it cannot be decompressed at all
     */
    private String rtfBody(MAPIMessage m, List<Anomaly> anomalies, String bodyPath) {
        ByteChunk chunk = m.getMainChunks().getRtfBodyChunk();
        byte[] stream = chunk == null ? null : chunk.getValue();
        if (stream == null || stream.length == 0) {
            return null;
        }
        long limit = parser.limits().maxBodyBytes();
        BoundedRtf.Result r = BoundedRtf.decompress(stream, limit);
        if (r.truncated()) {
            anomalies.add(new Anomaly(AnomalyCode.BODY_TOO_LARGE, bodyPath, "the compressed RTF body of the .msg "
                    + "file claims " + Safe.count(r.claimedRawBytes()) + " bytes once decompressed (RAWSIZE, "
                    + "MS-OXRTFCP section 2.1.3.1); only the first " + Safe.count(limit) + " were decompressed and "
                    + "analysed (IngestLimits.maxBodyBytes)"));
        }
        if (r.problem() != null) {
            anomalies.add(new Anomaly(AnomalyCode.UNREADABLE_PART, bodyPath, r.problem()
                    + (r.rtf().isEmpty() ? "" : "; the " + Safe.count(r.rtf().length())
                            + " bytes decompressed before it were kept")));
        }
        return r.rtf().isEmpty() && r.problem() != null ? null : r.rtf();
    }

    private List<MimeBodyPart> attachments(MAPIMessage m, List<Anomaly> anomalies) {
        List<MimeBodyPart> out = new ArrayList<>();
        AttachmentChunks[] all = m.getAttachmentFiles();
        if (all == null) {
            return out;
        }
        for (int i = 0; i < all.length; i++) {
            AttachmentChunks a = all[i];
            try {
                String name = chunk(a.getAttachLongFileName());
                if (name == null) {
                    name = chunk(a.getAttachFileName());
                }
                String mime = chunk(a.getAttachMimeTag());
                byte[] data;
                if (a.isEmbeddedMessage()) {
                    data = new byte[0];
                    mime = "application/vnd.ms-outlook";
                } else {
                    ByteChunk d = a.getAttachData();
                    data = d == null || d.getValue() == null ? new byte[0] : d.getValue();
                }
                if (mime == null || mime.isBlank() || !mime.contains("/")) {
                    mime = "application/octet-stream";
                }
                MimeBodyPart p = new MimeBodyPart();
                p.setDataHandler(new DataHandler(new ByteArrayDataSource(data, mime.strip())));
                p.setHeader("Content-Type", mime.strip());
                p.setHeader("Content-Transfer-Encoding", "base64");
                String cid = chunk(a.getAttachContentId());
                if (cid != null && !cid.isBlank()) {
                    p.setContentID("<" + cid.strip() + ">");
                    p.setDisposition("inline");
                } else {
                    p.setDisposition("attachment");
                }
                if (name != null && !name.isBlank()) {
                    p.setFileName(name);
                }
                out.add(p);
            } catch (MessagingException | RuntimeException e) {
                anomalies.add(new Anomaly(AnomalyCode.UNREADABLE_PART, "1", "attachment " + (i + 1)
                        + " of the .msg file could not be read (" + e.getClass().getSimpleName() + "); skipped"));
            }
        }
        return out;
    }

    private static String chunk(StringChunk c) {
        if (c == null) {
            return null;
        }
        try {
            return c.getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** POI throws a checked exception for a missing chunk even in return-null mode for some getters. */
    private interface PoiGetter<T> {
        T get() throws Exception;
    }

    private static <T> T get(PoiGetter<T> getter) {
        try {
            return getter.get();
        } catch (Exception e) {
            return null;
        }
    }
}
