package org.pixelproof.ingest;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Reads an RFC 5322 / MIME message (RFC 2045-2049) with Eclipse Angus Mail into a {@link ReceivedEmail}: decoded
 * header fields, the MIME part tree, decoded HTML, text and AMP bodies, the SHA-256 of the input and the anomalies met.
 *
 * <h2>Never throws for bad content</h2>
 * Malformed input is read as far as it can be and every problem becomes an {@link Anomaly}. Only three outcomes are
 * fatal, each a {@link ReceivedEmail} whose {@link ReceivedEmail#rejection()} is present and whose detail describes
 * the input without quoting it:
 * <ul>
 *   <li>{@link AnomalyCode#EMPTY_INPUT}: no bytes, or only white space;</li>
 *   <li>{@link AnomalyCode#MESSAGE_TOO_LARGE}: more than {@link IngestLimits#maxMessageBytes()} bytes (checked first,
 *       before anything is parsed);</li>
 *   <li>{@link AnomalyCode#NOT_A_MESSAGE}: the input does not look like a message. After an optional UTF-8 byte-order
 *       mark, one optional mbox {@code From } line and blank lines, the first line must be a header field
 *       ({@code Name: value}, RFC 5322 section 2.2), and the header block must contain at least one field that a
 *       received message carries (From, To, Subject, Date, Message-ID, Received, Return-Path, MIME-Version,
 *       Content-Type, Delivered-To...) and no NUL byte. A PDF, a ZIP, an image, an HTML page, binary noise or plain
 *       text fail this, and the detail says what the input seems to be.</li>
 * </ul>
 *
 * <h2>Angus Mail set-up</h2>
 * The message is parsed by {@link MimeMessage} on a private {@link Session} over a {@link SharedByteArrayInputStream}
 * (a {@link SharedBytes}, read without locks), so that every part is a view of the input, never a copy. Session properties, chosen deliberately:
 * <ul>
 *   <li>{@code mail.mime.allowutf8=false}: Angus keeps header bytes one {@code char} per byte, which {@code ingest}
 *       turns back into bytes and decodes as UTF-8 when valid (RFC 6532), else windows-1252; with {@code true} Angus
 *       would decode every header as UTF-8 and lose Latin-1 bytes;</li>
 *   <li>{@code mail.mime.address.strict=false}: lenient address parsing for anyone who asks the {@link MimeMessage}
 *       for its addresses.</li>
 * </ul>
 * The other {@code mail.mime.*} switches of Jakarta Mail are JVM-wide System properties read once in static
 * initialisers; a library must not set them for its host, so each is replaced by an explicit, documented fallback:
 * <ul>
 *   <li>{@code mail.mime.multipart.*} (missing start or end boundary, no boundary): {@link LenientMultipart} sets them
 *       per instance, and {@code ingest} recovers what the multipart parser cannot: a boundary that never occurs is
 *       replaced by the first boundary-like line ({@link AnomalyCode#BAD_BOUNDARY}); a first part written before the
 *       first boundary line is kept ({@link AnomalyCode#MISSING_START_BOUNDARY}); a multipart with no usable
 *       boundary is read as one part; a nested multipart that reuses an enclosing boundary is reported;</li>
 *   <li>{@code mail.mime.ignoreunknownencoding}: transfer encodings are removed by {@link TransferDecoder}, which reads
 *       {@code 7-bit} or {@code 8bits} as 8bit ({@link AnomalyCode#UNKNOWN_TRANSFER_ENCODING}) and reports broken
 *       base64 and quoted-printable;</li>
 *   <li>{@code mail.mime.parameters.strict}: {@link MimeValues} quotes unquoted parameter values that Angus rejects
 *       (such as {@code boundary=----=_NextPart}) and parses again ({@link AnomalyCode#MALFORMED_HEADER});</li>
 *   <li>{@code mail.mime.decodetext.strict} and {@code mail.mime.decodefilename}: {@link EncodedWords} decodes RFC
 *       2047 words everywhere (file names included) and reports undecodable ones
 *       ({@link AnomalyCode#BAD_ENCODED_WORD}); RFC 2231 parameters are decoded by Angus' parameter list;</li>
 *   <li>charset labels: resolved through the WHATWG Encoding Standard's label table plus UTF-7, as mail clients do,
 *       never through the JDK's wider list (EBCDIC, UTF-32... would hide an ASCII body's pixel); an unknown label
 *       is decoded by byte sniffing ({@link Charsets}, {@link EncodingLabels},
 *       {@link AnomalyCode#UNKNOWN_CHARSET}).</li>
 * </ul>
 *
 * <h2>Tree, bodies, limits</h2>
 * Parts are numbered {@code "1"} (the message), {@code "1.1"}, {@code "1.2.1"}...; a {@code message/rfc822} part has
 * the carried message as its only child. Children of {@code multipart/digest} default to {@code message/rfc822}
 * (RFC 2046 section 5.1.5); an unknown multipart subtype is read as {@code mixed} (section 5.1.7). Bodies are the
 * {@code text/html}, {@code text/plain} and {@code text/x-amp-html} parts that are not declared
 * {@code Content-Disposition: attachment}, in tree order. Every {@link IngestLimits} limit is enforced as documented
 * there; past one, what lies within is analysed and an anomaly says what was left out. Memory stays within a small
 * multiple of the input: parts are views of it, bodies are decoded streaming up to
 * {@link IngestLimits#maxBodyBytes()}, and recursion is bounded by {@link IngestLimits#maxDepth()}.
 *
 * <h2>Forwarded as an attachment</h2>
 * The input is analysed as the message it carries (issue 2, item 3) when both hold:
 * <ol>
 *   <li>outside any carried message, its tree holds exactly one {@code message/rfc822} (or {@code message/global})
 *       part whose content looks like a message (the rule above), and</li>
 *   <li>the input's own bodies are empty or a short cover note: none has more than {@value #MAX_COVER_NOTE_CHARS}
 *       characters of visible text (HTML bodies are measured by their text, through jsoup); or the wrapper is a
 *       known filter's envelope whose note can be long: a SpamAssassin report ({@code message/rfc822} part with
 *       {@code x-spam-type=original}) or an RFC 5965 feedback report
 *       ({@code multipart/report; report-type=feedback-report}).</li>
 * </ol>
 * Then {@link ReceivedEmail} describes the carried message (its headers, tree, bodies and anomalies, paths starting
 * again at {@code "1"}), {@link ReceivedEmail#messageBytes()} holds its bytes (transfer encoding removed), and
 * {@link ReceivedEmail#forwardedBy()} keeps the wrapper's headers, the part's path and the carried bytes' SHA-256;
 * a {@link AnomalyCode#FORWARDED_AS_ATTACHMENT} entry says so. Only one level is unwrapped.
 *
 * <p>Also checked: From and Date present ({@link AnomalyCode#MISSING_HEADER}); Date parseable by Angus'
 * {@link MailDateFormat} and plausible, that is not before 1971 and not more than
 * {@value #DATE_FUTURE_TOLERANCE_DAYS} days after the parser's clock ({@link AnomalyCode#BAD_DATE}); at least one
 * body ({@link AnomalyCode#NO_BODY}). At most {@value AnomalyLog#MAX_ENTRIES} anomalies are listed.
 *
 * <p>Thread-safe and reusable: one instance can serve concurrent parses.
 */
public final class EmailParser {
    /** Longest visible text, in characters, of a cover note around a message forwarded as an attachment: 2,000. */
    public static final int MAX_COVER_NOTE_CHARS = 2_000;

    /** Days a Date header may lie after the parser's clock before it is implausible: 2. */
    public static final int DATE_FUTURE_TOLERANCE_DAYS = 2;

    /** Longest boundary accepted, in characters: 200 (RFC 2046 section 5.1.1 allows 70; real mail goes beyond). */
    static final int MAX_BOUNDARY_LENGTH = 200;

    private static final Instant EARLIEST_PLAUSIBLE_DATE = Instant.parse("1971-01-01T00:00:00Z");

    /** IANA's multipart subtypes, and the few in common use besides. */
    private static final Set<String> KNOWN_MULTIPART = Set.of("mixed", "alternative", "related", "digest",
            "parallel", "signed", "encrypted", "report", "appledouble", "header-set", "form-data", "byteranges",
            "x-mixed-replace", "voice-message", "multilingual", "vnd.bint.med-plus", "example");

    private final IngestLimits limits;
    private final Clock clock;
    private final Session session;

    /**
     * A parser with the system clock (used only to judge whether a Date header lies in the future).
     *
     * @param limits the limits to apply, e.g. {@link IngestLimits#DEFAULT}
     */
    public EmailParser(IngestLimits limits) {
        this(limits, Clock.systemUTC());
    }

    /**
     * @param limits the limits to apply, e.g. {@link IngestLimits#DEFAULT}
     * @param clock  the clock against which a Date header is judged implausible; inject a fixed one in tests
     */
    public EmailParser(IngestLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "false");
        p.setProperty("mail.mime.address.strict", "false");
        this.session = Session.getInstance(p);
    }

    /** @return the limits this parser applies. */
    public IngestLimits limits() {
        return limits;
    }

    /**
     * Reads one input.
     *
     * @param raw      the message bytes, not modified
     * @param fileName display name, may be null; never used as a path
     * @return the message read; never throws for bad content, see {@link ReceivedEmail#rejection()}
     * @throws NullPointerException        when {@code raw} is null
     * @throws AnalysisCancelledException when the calling thread is interrupted (checked per MIME part,
     *                                     {@link Cancellation})
     */
    public ReceivedEmail parse(byte[] raw, String fileName) {
        Objects.requireNonNull(raw, "raw");
        return parse(raw, fileName, sha256(raw, 0, raw.length), raw.length, List.of());
    }

    /**
     * Reads a message that was converted from another input (an Outlook {@code .msg}): the SHA-256 and size are those
     * of the original file, and the conversion's anomalies come first.
     */
    ReceivedEmail parse(byte[] raw, String fileName, String sha256, long sizeBytes, List<Anomaly> prior) {
        return MailProviderLoader.call(() -> parseUnderLoader(raw, fileName, sha256, sizeBytes, prior));
    }

    private ReceivedEmail parseUnderLoader(byte[] raw, String fileName, String sha256, long sizeBytes,
            List<Anomaly> prior) {
        AnomalyLog log = new AnomalyLog();
        prior.forEach(log::add);
        if (raw.length > limits.maxMessageBytes()) {
            log.add(AnomalyCode.MESSAGE_TOO_LARGE, "1", "the input is " + Safe.count(raw.length)
                    + " bytes; the limit is " + Safe.count(limits.maxMessageBytes())
                    + " bytes (IngestLimits.maxMessageBytes)");
            return rejected(fileName, sha256, sizeBytes, log);
        }
        MessageShape.Shape shape = MessageShape.examine(raw, raw.length);
        if (shape.rejection() != null) {
            log.add(shape.rejection(), "1", shape.detail());
            return rejected(fileName, sha256, sizeBytes, log);
        }
        if (shape.nulBytes() > 0) {
            log.add(AnomalyCode.MALFORMED_HEADER, "1", "the header block holds " + Safe.count(shape.nulBytes())
                    + " NUL byte(s), which RFC 5322 section 2.2 does not allow; the message was read all the same");
        }
        int offset = shape.offset();
        byte[] message = offset == 0 ? raw : Arrays.copyOfRange(raw, offset, raw.length);
        Reading outer = read(message, log);
        Unwrap carried = forwardedMessage(outer);
        if (carried != null) {
            byte[] inner = carried.bytes();
            AnomalyLog innerLog = new AnomalyLog();
            prior.forEach(innerLog::add);
            innerLog.add(AnomalyCode.FORWARDED_AS_ATTACHMENT, "1", "the input only wraps the message/rfc822 part "
                    + carried.path() + "; that message was analysed (the wrapper had " + Safe.count(log.total())
                    + " anomalies, not listed)");
            Reading read = read(inner, innerLog);
            ForwardedEnvelope envelope = new ForwardedEnvelope(outer.headers, carried.path(),
                    sha256(inner, 0, inner.length));
            return new ReceivedEmail(fileName, sha256, sizeBytes, read.headers, read.root, read.bodies,
                    innerLog.toList(), envelope, inner);
        }
        return new ReceivedEmail(fileName, sha256, sizeBytes, outer.headers, outer.root, outer.bodies, log.toList(),
                null, message);
    }

    /** A rejected input: {@code anomalies} hold the fatal reason (used when a conversion failed). */
    ReceivedEmail rejected(String fileName, String sha256, long sizeBytes, List<Anomaly> anomalies) {
        AnomalyLog log = new AnomalyLog();
        anomalies.forEach(log::add);
        return rejected(fileName, sha256, sizeBytes, log);
    }

    private ReceivedEmail rejected(String fileName, String sha256, long sizeBytes, AnomalyLog log) {
        MimePart empty = new MimePart("1", "text/plain", null, null, null, null, null, 0, List.of());
        return new ReceivedEmail(fileName, sha256, sizeBytes, List.of(), empty, List.of(), log.toList(), null,
                new byte[0]);
    }

    /** Applies the forwarded-as-attachment rule of the class comment; {@code null} when it does not apply. */
    private Unwrap forwardedMessage(Reading outer) {
        if (outer.carried.size() != 1) {
            return null;
        }
        CarriedRef c = outer.carried.get(0);
        if (!c.markedOriginal() && !outer.feedbackReport) {
            for (BodyText b : outer.ownBodies) {
                if (visibleLength(b) > MAX_COVER_NOTE_CHARS) {
                    return null;
                }
            }
        }
        byte[] bytes = c.bytes();
        if (bytes == null || MessageShape.examine(bytes, bytes.length).rejection() != null) {
            return null;
        }
        int off = MessageShape.prefixLength(bytes, bytes.length);
        return new Unwrap(c.path(), off == 0 ? bytes : Arrays.copyOfRange(bytes, off, bytes.length));
    }

    /** The message to analyse instead of the input, and where the input carried it. */
    private record Unwrap(String path, byte[] bytes) {
    }

    /** A message/rfc822 part met outside any carried message. */
    private record CarriedRef(String path, jakarta.mail.internet.MimePart part, TransferDecoder.Kind kind,
            boolean markedOriginal) {
        /** @return the carried bytes, transfer encoding removed, or {@code null} when unreadable. */
        byte[] bytes() {
            try (InputStream in = rawStream(part)) {
                TransferDecoder.Result r = TransferDecoder.decode(in, kind, Integer.MAX_VALUE - 16);
                return Arrays.copyOf(r.kept(), r.keptLength());
            } catch (IOException | MessagingException | RuntimeException e) {
                return null;
            }
        }
    }

    private static int visibleLength(BodyText b) {
        String t = b.text().strip();
        if (t.length() <= MAX_COVER_NOTE_CHARS || b.kind() == BodyKind.PLAIN) {
            return t.length();
        }
        try {
            return Jsoup.parse(b.text()).text().strip().length();
        } catch (RuntimeException e) { // a jsoup defect on this markup: the markup's length bounds the text's
            return t.length();
        }
    }

    /**
     * @return true when an empty line ends the header block somewhere, line ends being CR LF, LF or a lone CR as Angus
     *         Mail reads them (a message written with CR only, as old Mac mail, has its header block ended by CR CR);
     *         an empty first line counts (an empty header block)
     */
    static boolean hasHeaderEnd(byte[] message) {
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte c = message[i];
            if (c == '\r' || c == '\n') {
                if (lineStart) {
                    return true; // an empty line
                }
                if (c == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                    i++; // CR LF is one line end
                }
                lineStart = true;
            } else {
                lineStart = false;
            }
        }
        return false;
    }

    /** Parses one message (the input or a carried message) into headers, tree and bodies. */
    private Reading read(byte[] message, AnomalyLog log) {
        Reading r = new Reading(log);
        MimeMessage m;
        try {
            m = new MimeMessage(session, new SharedBytes(message));
            r.headers = HeaderFields.read(m.getAllHeaderLines(), limits, log, "1");
        } catch (MessagingException | RuntimeException e) {
            log.add(AnomalyCode.UNREADABLE_PART, "1", "the header block could not be read ("
                    + e.getClass().getSimpleName() + ")");
            r.root = new MimePart("1", "text/plain", null, null, null, null, null, 0, List.of());
            return r;
        }
        r.root = r.node(m, "1", 1, "text/plain", List.of(), false);
        checkHeaders(r.headers, log);
        if (!hasHeaderEnd(message)) {
            log.add(AnomalyCode.HEADERS_NOT_ENDED, "1", "no empty line after the header fields: the message has no"
                    + " body and was probably cut short");
        }
        if (r.bodies.isEmpty()) {
            log.add(AnomalyCode.NO_BODY, "1", "no text/html, text/plain or text/x-amp-html body");
        }
        return r;
    }

    /**
     * The header fields other than From that RFC 5322 section 3.6 allows at most once in a message's header (its
     * table of field occurrences, maximum 1): a second one is a {@link AnomalyCode#DUPLICATE_HEADER}. The Resent-
     * fields, which may repeat in blocks, and the trace fields are not among them.
     */
    static final List<String> SINGLE_FIELDS = List.of("Date", "Sender", "Reply-To", "To", "Cc", "Bcc", "Message-ID",
            "In-Reply-To", "References", "Subject");

    private void checkHeaders(List<Header> headers, AnomalyLog log) {
        Mailboxes.FromField from = Mailboxes.from(headers);
        if (from.fieldCount() == 0) {
            log.add(AnomalyCode.MISSING_HEADER, "1", "no From header field (RFC 5322 section 3.6 requires one)");
        } else {
            if (from.fieldCount() > 1) {
                log.add(AnomalyCode.DUPLICATE_HEADER, "1", Safe.count(from.fieldCount()) + " From header fields"
                        + " (RFC 5322 section 3.6 allows one): mail programs differ in which one they show; the first"
                        + " was used");
            }
            Mailboxes.Reading r = from.reading();
            if (r.problem() != null || r.mailboxes().size() != 1) {
                String what = r.problem() != null ? r.problem()
                        : Safe.count(r.mailboxes().size()) + " mailboxes (RFC 5322 section 3.6.2 then requires a"
                                + " Sender field naming the one who sent it)";
                log.add(AnomalyCode.BAD_ADDRESS, "1", "the From field does not name one readable mailbox: " + what
                        + (r.first() == null ? "; no sender address was read" : "; the first readable one was used"));
            }
        }
        for (String name : SINGLE_FIELDS) {
            long count = headers.stream().filter(h -> h.is(name)).count();
            if (count > 1) {
                log.add(AnomalyCode.DUPLICATE_HEADER, "1", Safe.count(count) + " " + name + " header fields (RFC 5322"
                        + " section 3.6 allows one): mail programs differ in which one they show; the first was used");
            }
        }
        Header date = headers.stream().filter(h -> h.is("Date")).findFirst().orElse(null);
        if (date == null) {
            log.add(AnomalyCode.MISSING_HEADER, "1", "no Date header field (RFC 5322 section 3.6 requires one)");
            return;
        }
        Instant when;
        try {
            when = MailDateParser.parse(date.decoded()).toInstant();
        } catch (ParseException | RuntimeException e) {
            log.add(AnomalyCode.BAD_DATE, "1", "the Date header cannot be parsed as an RFC 5322 date-time");
            return;
        }
        Instant latest = clock.instant().plus(Duration.ofDays(DATE_FUTURE_TOLERANCE_DAYS));
        if (when.isBefore(EARLIEST_PLAUSIBLE_DATE) || when.isAfter(latest)) {
            log.add(AnomalyCode.BAD_DATE, "1", "the Date header is implausible: year "
                    + when.atZone(ZoneOffset.UTC).getYear() + (when.isAfter(latest)
                    ? " lies more than " + DATE_FUTURE_TOLERANCE_DAYS + " days after the analysis time"
                    : " is before 1971"));
        }
    }

    /**
     * Whether a file whose first bytes are {@code head} may be a message, for a caller choosing which files of a folder
     * to read: false only when those bytes hold a whole header block that is not a message's (no field a received
     * message carries, such as a note starting {@code Notes: ...}), or do not start as a message at all. The rule is
     * {@link #parse}'s own (RFC 5322 section 2.2 and 3.6); a header block longer than {@code head} may still be one.
     * Stateless and thread-safe.
     *
     * @param head   the file's first bytes
     * @param length how many of them to read, {@code <= head.length}
     * @return true when the file should be read as a message
     */
    public static boolean mayBeginMessage(byte[] head, int length) {
        return MessageShape.mayBegin(head, length);
    }

    static String sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, offset, length);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The state of one message being read: counters, bodies, carried messages. Not thread-safe. */
    private final class Reading {
        private final AnomalyLog log;
        private List<Header> headers = List.of();
        private MimePart root;
        private final List<BodyText> bodies = new ArrayList<>();
        private final List<BodyText> ownBodies = new ArrayList<>();
        private final List<CarriedRef> carried = new ArrayList<>();
        private int parts;
        private boolean tooMany;
        private boolean feedbackReport;

        Reading(AnomalyLog log) {
            this.log = log;
        }

        /** Reads one node and, within the limits, its subtree. */
        MimePart node(jakarta.mail.internet.MimePart p, String path, int depth, String defaultType,
                List<String> boundaries, boolean insideCarried) {
            Cancellation.check(); // per MIME part: outside the try below, which records unreadable parts
            parts++;
            String contentType = header(p, "Content-Type");
            String cte = header(p, "Content-Transfer-Encoding");
            String[] disposition = MimeValues.disposition(header(p, "Content-Disposition"), log, path);
            MimeValues.Type type = MimeValues.contentType(contentType, defaultType, log, path);
            String charset = MimeValues.charset(contentType, type, log, path);
            String fileName = fileName(disposition[1] != null ? disposition[1] : type.parameter("name"), path);
            String contentId = contentId(header(p, "Content-ID"));
            String encoding = cte == null ? null : cte.strip().toLowerCase(Locale.ROOT);
            List<MimePart> children = List.of();
            long size = 0;
            try {
                if (type.primary().equals("multipart")) {
                    children = multipart(p, type, path, depth, boundaries, insideCarried);
                } else if (type.baseType().equals("message/rfc822") || type.baseType().equals("message/global")) {
                    TransferDecoder.Kind kind = TransferDecoder.kindOf(cte, log, path);
                    if (!insideCarried) {
                        carried.add(new CarriedRef(path, p, kind,
                                "original".equalsIgnoreCase(type.parameter("x-spam-type"))));
                    }
                    Carry carry = carriedMessage(p, kind, path, depth, boundaries);
                    size = carry.size();
                    children = carry.children();
                } else {
                    size = leaf(p, type, charset, cte, disposition[0], path, insideCarried);
                }
            } catch (IOException | MessagingException | RuntimeException e) {
                Cancellation.rethrowIfCancelled(e); // from a child part's check point
                log.add(AnomalyCode.UNREADABLE_PART, path, type.baseType() + " part could not be read ("
                        + e.getClass().getSimpleName() + "); skipped");
            }
            return new MimePart(path, type.baseType(), charset, encoding, disposition[0], fileName, contentId, size,
                    children);
        }

        private Carry carriedMessage(jakarta.mail.internet.MimePart p, TransferDecoder.Kind kind, String path,
                int depth, List<String> boundaries) throws IOException, MessagingException {
            InputStream content = rawStream(p);
            InputStream messageStream;
            long size;
            if (kind == TransferDecoder.Kind.IDENTITY && content instanceof SharedInputStream shared) {
                byte[] head = content.readNBytes(64 << 10);
                int off = MessageShape.prefixLength(head, head.length);
                size = head.length + content.transferTo(OutputStream.nullOutputStream());
                messageStream = shared.newStream(off, -1);
            } else {
                TransferDecoder.Result r = TransferDecoder.decode(content, kind, Integer.MAX_VALUE - 16);
                reportDefect(kind, r, path);
                int off = MessageShape.prefixLength(r.kept(), r.keptLength());
                messageStream = new SharedBytes(r.kept(), off, r.keptLength() - off);
                size = r.totalBytes();
            }
            if (size == 0) {
                log.add(AnomalyCode.UNREADABLE_PART, path, "message/rfc822 part is empty");
                return new Carry(0, List.of());
            }
            if (depth + 1 > limits.maxDepth()) {
                tooDeep(path);
                return new Carry(size, List.of());
            }
            if (parts >= limits.maxParts()) {
                tooMany(path);
                return new Carry(size, List.of());
            }
            MimeMessage m = new MimeMessage(session, messageStream);
            return new Carry(size, List.of(node(m, path + ".1", depth + 1, "text/plain", boundaries, true)));
        }

        private List<MimePart> multipart(jakarta.mail.internet.MimePart p, MimeValues.Type type, String path,
                int depth, List<String> boundaries, boolean insideCarried) throws IOException, MessagingException {
            String subtype = type.subtype();
            if (!KNOWN_MULTIPART.contains(subtype)) {
                log.add(AnomalyCode.UNKNOWN_MULTIPART_SUBTYPE, path, "multipart subtype " + Safe.token(subtype)
                        + " is not registered; read as multipart/mixed (RFC 2046 section 5.1.7)");
            }
            if (depth + 1 > limits.maxDepth()) {
                tooDeep(path);
                return List.of();
            }
            String childDefault = subtype.equals("digest") ? "message/rfc822" : "text/plain";
            if (subtype.equals("report") && !insideCarried
                    && "feedback-report".equalsIgnoreCase(type.parameter("report-type"))) {
                feedbackReport = true;
            }
            String declared = type.parameter("boundary");
            String usable = declared;
            String problem = null;
            boolean reused = false;
            if (declared == null || declared.isEmpty()) {
                problem = "the multipart declares no boundary parameter";
                usable = null;
            } else if (declared.length() > MAX_BOUNDARY_LENGTH) {
                problem = "the boundary parameter is " + Safe.count(declared.length()) + " characters long (RFC 2046 "
                        + "allows 70, PixelProof " + MAX_BOUNDARY_LENGTH + ")";
                usable = null;
            } else if (boundaries.contains(declared)) {
                log.add(AnomalyCode.BAD_BOUNDARY, path, "nested multipart reuses the boundary of an enclosing "
                        + "multipart; the lines meant for it were read as parts of the enclosing one");
                reused = true;
            }
            Split split = usable == null ? Split.NONE : split(p, usable);
            boolean recovered = false;
            if (split.parts.isEmpty() && !reused) {
                if (problem == null) {
                    problem = "the declared boundary never occurs in the multipart";
                }
                String guess = boundaryLine(p, boundaries, usable);
                Split guessed = guess == null ? Split.NONE : split(p, guess);
                if (!guessed.parts.isEmpty()) {
                    log.add(AnomalyCode.BAD_BOUNDARY, path, problem
                            + "; the first boundary-like line of the content was used instead");
                    split = guessed;
                    usable = guess;
                } else {
                    MimeBodyPart whole = wholeContentPart(p);
                    if (whole != null) {
                        log.add(AnomalyCode.BAD_BOUNDARY, path, problem
                                + " and no line looks like a boundary; the content was read as a single part");
                        split = new Split(List.of(whole), true);
                        recovered = true;
                    } else {
                        log.add(AnomalyCode.BAD_BOUNDARY, path, problem + "; the multipart is empty");
                    }
                }
            } else if (problem != null) {
                log.add(AnomalyCode.BAD_BOUNDARY, path, problem);
            }
            if (!split.parts.isEmpty() && !recovered) {
                if (split.preambleLooksLikePart) {
                    MimeBodyPart first = partBeforeFirstBoundary(p, usable);
                    if (first != null) {
                        List<MimeBodyPart> all = new ArrayList<>();
                        all.add(first);
                        all.addAll(split.parts);
                        split = new Split(all, split.complete);
                        log.add(AnomalyCode.MISSING_START_BOUNDARY, path, "the first part has no boundary line "
                                + "before it; the preamble was read as the first part");
                    }
                }
                if (!split.complete) {
                    log.add(AnomalyCode.MISSING_END_BOUNDARY, path, "the multipart ends without its closing "
                            + "boundary line (truncated message?)");
                }
            }
            List<String> inner = boundaries;
            if (usable != null && !reused) {
                inner = new ArrayList<>(boundaries);
                inner.add(usable);
            }
            List<MimePart> children = new ArrayList<>();
            for (int i = 0; i < split.parts.size(); i++) {
                if (parts >= limits.maxParts()) {
                    tooMany(path);
                    break;
                }
                children.add(node(split.parts.get(i), path + "." + (i + 1), depth + 1, childDefault, inner,
                        insideCarried));
            }
            return children;
        }

        private long leaf(jakarta.mail.internet.MimePart p, MimeValues.Type type, String charset, String cte,
                String disposition, String path, boolean insideCarried) throws IOException, MessagingException {
            BodyKind kind = switch (type.baseType()) {
                case "text/html" -> BodyKind.HTML;
                case "text/plain" -> BodyKind.PLAIN;
                case "text/x-amp-html" -> BodyKind.AMP_HTML;
                default -> null;
            };
            if ("attachment".equals(disposition)) {
                kind = null;
            }
            if (type.baseType().equals("message/partial")) {
                log.add(AnomalyCode.UNREADABLE_PART, path, "message/partial fragment "
                        + Safe.token(type.parameter("number")) + " of " + Safe.token(type.parameter("total"))
                        + ": a split message cannot be reassembled from one fragment (RFC 2046 section 5.2.2)");
            }
            TransferDecoder.Kind encoding = TransferDecoder.kindOf(cte, log, path);
            TransferDecoder.Result r;
            try (InputStream in = rawStream(p)) {
                r = TransferDecoder.decode(in, encoding, kind == null ? 0 : limits.maxBodyBytes());
            }
            reportDefect(encoding, r, path);
            if (kind != null) {
                if (r.truncated()) {
                    log.add(AnomalyCode.BODY_TOO_LARGE, path, type.baseType() + " body is "
                            + Safe.count(r.totalBytes()) + " bytes; only the first "
                            + Safe.count(limits.maxBodyBytes()) + " were analysed (IngestLimits.maxBodyBytes)");
                }
                Charsets.Decoded text = Charsets.decodeBody(r.kept(), r.keptLength(), charset,
                        kind != BodyKind.PLAIN, log, path);
                BodyText body = new BodyText(path, kind, text.text(), charset, text.usedCharset(), r.truncated());
                bodies.add(body);
                if (!insideCarried) {
                    ownBodies.add(body);
                }
            }
            return r.totalBytes();
        }

        private void reportDefect(TransferDecoder.Kind kind, TransferDecoder.Result r, String path) {
            if (r.defect() == null) {
                return;
            }
            AnomalyCode code = switch (kind) {
                case BASE64 -> AnomalyCode.BAD_BASE64;
                case QUOTED_PRINTABLE -> AnomalyCode.BAD_QUOTED_PRINTABLE;
                default -> AnomalyCode.UNREADABLE_PART;
            };
            log.add(code, path, r.defect());
        }

        private void tooDeep(String path) {
            log.add(AnomalyCode.TOO_DEEP, path, "MIME nesting goes deeper than " + limits.maxDepth()
                    + " levels (IngestLimits.maxDepth); the parts below " + path + " were not read");
        }

        private void tooMany(String path) {
            if (!tooMany) {
                tooMany = true;
                log.add(AnomalyCode.TOO_MANY_PARTS, path, "the message has more than "
                        + Safe.count(limits.maxParts()) + " MIME parts (IngestLimits.maxParts); the rest were "
                        + "not read");
            }
        }

        private String fileName(String declared, String path) {
            if (declared == null) {
                return null;
            }
            String name = EncodedWords.decode(Charsets.headerText(declared), log, path, "filename");
            StringBuilder b = new StringBuilder(name.length());
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                b.append(c < 0x20 || c == 0x7f ? '_' : c);
            }
            return b.toString();
        }
    }

    /** The size of a carried message and its node. */
    private record Carry(long size, List<MimePart> children) {
    }

    /** Parts found by splitting a multipart at a boundary. */
    private record Split(List<MimeBodyPart> parts, boolean complete, boolean preambleLooksLikePart) {
        static final Split NONE = new Split(List.of(), true, false);

        Split(List<MimeBodyPart> parts, boolean complete) {
            this(parts, complete, false);
        }
    }

    /** Splits {@code p}'s content at {@code boundary} with Angus' multipart parser. */
    private Split split(jakarta.mail.internet.MimePart p, String boundary) throws MessagingException {
        String type = "multipart/mixed; boundary=\"" + boundary.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        LenientMultipart mp = new LenientMultipart(new RawContent(p, type));
        int n = mp.getCount();
        if (n == 0) {
            return Split.NONE;
        }
        List<MimeBodyPart> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add((MimeBodyPart) mp.getBodyPart(i));
        }
        String preamble = mp.getPreamble();
        boolean looksLikePart = preamble != null
                && preamble.strip().toLowerCase(Locale.ROOT).matches("(?s)content-[a-z0-9-]{1,40}[ \t]*:.*");
        return new Split(parts, mp.isComplete(), looksLikePart);
    }

    /**
     * @return the first line of {@code p}'s content that looks like a boundary ({@code --} then 1 to
     *         {@link #MAX_BOUNDARY_LENGTH} characters, not all dashes, not an enclosing boundary), without its
     *         {@code --}; or {@code null}
     */
    private static String boundaryLine(jakarta.mail.internet.MimePart p, List<String> enclosing, String declared)
            throws IOException, MessagingException {
        try (InputStream in = rawStream(p)) {
            byte[] buf = new byte[64 << 10];
            byte[] line = new byte[MAX_BOUNDARY_LENGTH + 8];
            int len = 0;
            boolean overflow = false;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n' || b == '\r') {
                        String found = overflow ? null : candidate(line, len, enclosing, declared);
                        if (found != null) {
                            return found;
                        }
                        len = 0;
                        overflow = false;
                    } else if (len < line.length) {
                        line[len++] = b;
                    } else {
                        overflow = true;
                    }
                }
            }
            return overflow ? null : candidate(line, len, enclosing, declared);
        }
    }

    private static String candidate(byte[] line, int len, List<String> enclosing, String declared) {
        while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t')) {
            len--;
        }
        if (len < 3 || len > MAX_BOUNDARY_LENGTH + 2 || line[0] != '-' || line[1] != '-') {
            return null;
        }
        boolean allDashes = true;
        for (int i = 0; i < len; i++) {
            if (line[i] != '-') {
                allDashes = false;
                break;
            }
        }
        if (allDashes) {
            return null;
        }
        String b = new String(line, 2, len - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String e : enclosing) {
            if (b.equals(e) || b.equals(e + "--")) {
                return null;
            }
        }
        return b.equals(declared) ? null : b;
    }

    /** @return the raw bytes before the first {@code --boundary} line, as a part, or {@code null}. */
    private static MimeBodyPart partBeforeFirstBoundary(jakarta.mail.internet.MimePart p, String boundary)
            throws IOException, MessagingException {
        byte[] delimiter = ("--" + boundary).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        try (InputStream in = new java.io.BufferedInputStream(rawStream(p))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                line.write(c);
                if (c == '\n') {
                    if (isDelimiter(line.toByteArray(), delimiter)) {
                        break;
                    }
                    line.writeTo(before);
                    line.reset();
                }
            }
        }
        byte[] bytes = before.toByteArray();
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        if (start >= bytes.length) {
            return null;
        }
        return new MimeBodyPart(new SharedBytes(bytes, start, bytes.length - start));
    }

    private static boolean isDelimiter(byte[] line, byte[] delimiter) {
        int len = line.length;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '
                || line[len - 1] == '\t')) {
            len--;
        }
        return len == delimiter.length && Arrays.equals(line, 0, len, delimiter, 0, len);
    }

    /**
     * @return the whole content of {@code p} as one part: its own leading header lines when it starts with one
     *         (a multipart body written without boundaries), else a body without headers; {@code null} when blank
     */
    private static MimeBodyPart wholeContentPart(jakarta.mail.internet.MimePart p)
            throws IOException, MessagingException {
        byte[] bytes;
        try (InputStream in = rawStream(p)) {
            bytes = in.readAllBytes();
        }
        int start = MessageShape.prefixLength(bytes, bytes.length);
        if (start >= bytes.length) {
            return null;
        }
        int colon = -1;
        for (int i = start; i < Math.min(bytes.length, start + 80); i++) {
            if (bytes[i] == ':') {
                colon = i;
                break;
            }
            if (bytes[i] <= ' ') {
                break;
            }
        }
        if (colon > start) {
            return new MimeBodyPart(new SharedBytes(bytes, start, bytes.length - start));
        }
        byte[] withBlank = new byte[bytes.length + 2];
        withBlank[0] = '\r';
        withBlank[1] = '\n';
        System.arraycopy(bytes, 0, withBlank, 2, bytes.length);
        return new MimeBodyPart(new SharedBytes(withBlank));
    }

    /** @return the raw (still transfer-encoded) content of a part or message; a view of the input when possible. */
    static InputStream rawStream(jakarta.mail.internet.MimePart p) throws MessagingException {
        if (p instanceof MimeBodyPart b) {
            return b.getRawInputStream();
        }
        if (p instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        throw new MessagingException("unsupported part type");
    }

    /** @return the first value of a header field, bytes re-read as UTF-8 or windows-1252, or {@code null}. */
    private static String header(jakarta.mail.internet.MimePart p, String name) {
        try {
            String v = p.getHeader(name, null);
            return v == null ? null : Charsets.headerText(v);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String contentId(String raw) {
        if (raw == null) {
            return null;
        }
        String v = HeaderFields.unfold(raw).strip();
        if (v.startsWith("<") && v.endsWith(">") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1).strip();
        }
        return v.isEmpty() ? null : v;
    }

    /** A part's raw content offered to the multipart parser under a content type chosen by {@code ingest}. */
    private record RawContent(jakarta.mail.internet.MimePart part, String contentType) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return rawStream(part);
            } catch (MessagingException e) {
                throw new IOException(e);
            }
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return null;
        }
    }
}
