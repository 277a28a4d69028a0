package org.pixelproof.ingest;

/**
 * What went wrong, or was odd, while reading a message. Each code has a fixed {@link Severity}.
 *
 * <p>Codes are part of the analysis JSON; add new ones at the end of a group, never rename one.
 */
public enum AnomalyCode {
    // --- fatal: nothing to analyse
    /** The input has no bytes. */
    EMPTY_INPUT(Severity.FATAL),
    /** The input does not start with an RFC 5322 header block (binary data, a PDF, a zip, an HTML page...). */
    NOT_A_MESSAGE(Severity.FATAL),
    /** The input is larger than {@link IngestLimits#maxMessageBytes()}. */
    MESSAGE_TOO_LARGE(Severity.FATAL),

    // --- structure
    /** A multipart declares no boundary, or a boundary that never occurs. */
    BAD_BOUNDARY(Severity.WARNING),
    /** The first boundary line of a multipart is missing; the preamble was taken as the first part. */
    MISSING_START_BOUNDARY(Severity.WARNING),
    /** A multipart ends without its closing boundary (truncated message). */
    MISSING_END_BOUNDARY(Severity.WARNING),
    /** More MIME parts than {@link IngestLimits#maxParts()}; the rest were not read. */
    TOO_MANY_PARTS(Severity.WARNING),
    /** MIME nesting deeper than {@link IngestLimits#maxDepth()}; deeper parts were not read. */
    TOO_DEEP(Severity.WARNING),
    /** A multipart subtype that does not exist or is misused (e.g. {@code multipart/foo}); read as mixed. */
    UNKNOWN_MULTIPART_SUBTYPE(Severity.WARNING),
    /** A part could not be read at all and was skipped. */
    UNREADABLE_PART(Severity.WARNING),

    // --- headers
    /**
     * More header fields than {@link IngestLimits#maxHeaderCount()}: past it, the fields the analysis needs (From, To,
     * Date, Subject...) were still kept and the others dropped; the detail counts both, the dropped ones by name.
     */
    TOO_MANY_HEADERS(Severity.WARNING),
    /** A header line longer than {@link IngestLimits#maxHeaderLineBytes()}; its value was cut. */
    HEADER_LINE_TOO_LONG(Severity.WARNING),
    /** A header line that is not {@code name: value}. */
    MALFORMED_HEADER(Severity.WARNING),
    /** An RFC 2047 encoded word that could not be decoded; the raw text was kept. */
    BAD_ENCODED_WORD(Severity.WARNING),
    /** A Date header that cannot be parsed or is implausible (e.g. year 3609). */
    BAD_DATE(Severity.WARNING),
    /** A header a received message should have (From, Date) is absent. */
    MISSING_HEADER(Severity.WARNING),
    /**
     * A header field RFC 5322 section 3.6 allows only once appears several times (checked for From, Date, Sender,
     * Reply-To, To, Cc, Bcc, Message-ID, In-Reply-To, References and Subject): mail programs differ in which one they
     * show; the first was used.
     */
    DUPLICATE_HEADER(Severity.WARNING),
    /**
     * The From field does not name exactly one readable mailbox (RFC 5322 section 3.4): no address, an address that
     * cannot be read (an RFC 2047 encoded word in its place, control characters, broken syntax), or several mailboxes
     * (see {@link Mailboxes}); the first readable one, if any, was used.
     */
    BAD_ADDRESS(Severity.WARNING),

    // --- content decoding
    /** An unknown Content-Transfer-Encoding (e.g. {@code 7-bit}, {@code 8bits}); read as 8bit. */
    UNKNOWN_TRANSFER_ENCODING(Severity.WARNING),
    /** Invalid characters or length in base64 content; what could be decoded was kept. */
    BAD_BASE64(Severity.WARNING),
    /** Invalid escapes in quoted-printable content; they were kept literally. */
    BAD_QUOTED_PRINTABLE(Severity.WARNING),
    /**
     * A declared charset that mail clients do not all decode as PixelProof's JDK would by its name: a label outside the
     * WHATWG Encoding Standard's table (e.g. EBCDIC {@code IBM037}), decoded by byte sniffing as clients fall back to
     * a default; a label the standard maps to {@code replacement} ({@code iso-2022-kr}...), which most clients show
     * as nothing and Outlook decodes; one whose decoder this Java runtime lacks; or a label the JDK does not know
     * itself (e.g. {@code x-mac-cyrillic}, UTF-7), decoded through the table (see {@code Charsets}). The part was
     * decoded and analysed all the same: not a limit, nothing is left out.
     */
    UNKNOWN_CHARSET(Severity.WARNING),
    /** The bytes are not valid in the declared charset; decoded with replacement characters or a fallback. */
    CHARSET_MISMATCH(Severity.WARNING),
    /** A body longer than {@link IngestLimits#maxBodyBytes()}; only its beginning was analysed. */
    BODY_TOO_LARGE(Severity.WARNING),
    /** An HTML document nested deeper than the HTML depth limit; deeper elements were not analysed. */
    HTML_TOO_DEEP(Severity.WARNING),
    /** An HTML document with more start tags than the detector's element limit; only its beginning was analysed. */
    HTML_TOO_MANY_ELEMENTS(Severity.WARNING),
    /** CSS text larger than the CSS limit; only its beginning was analysed. */
    CSS_TOO_LARGE(Severity.WARNING),

    // --- context
    /** The uploaded message only wraps another one ({@code message/rfc822}); the carried message was analysed. */
    FORWARDED_AS_ATTACHMENT(Severity.INFO),
    /**
     * The header block never ends: no empty line follows the header fields (RFC 5322, section 2.1), so the message
     * has no body at all; most likely a file cut short.
     */
    HEADERS_NOT_ENDED(Severity.WARNING),
    /** The message has no HTML and no text body. */
    NO_BODY(Severity.INFO),
    /** More anomalies than the list keeps; the others were counted, not listed. */
    TOO_MANY_ANOMALIES(Severity.INFO),
    /**
     * More trackers, remote resources or links than {@code org.pixelproof.analysis.Analyzer#MAX_LISTED} (1,000 of
     * each): the verdict and the assessment count them all, the analysis lists the first ones (a hostile message with
     * 30,000 pixels made an analysis of tens of megabytes that the store could not hold in memory). Everything was
     * analysed; only the list is cut.
     */
    TOO_MANY_REFERENCES(Severity.WARNING),
    /**
     * The detector left references unanalysed, past one of its limits: more links or remote loads than it scores per
     * message, more Outlook conditional comments than it parses, a form's rebuilt query or submit buttons over their
     * limits (the detector's javadoc names each limit with its default). Tracking may sit in what was left out.
     */
    REFERENCES_NOT_ANALYSED(Severity.WARNING),
    /**
     * The input was an Outlook {@code .msg} file, converted to RFC 5322 before reading; the detail says what the
     * conversion could not keep (see {@link OutlookMsgReader}).
     */
    CONVERTED_FROM_OUTLOOK_MSG(Severity.INFO),
    /**
     * A tracker's or another remote load's URL names a host holding characters no host name may hold: C0 or C1
     * control characters, DEL, or Unicode's bidirectional formatting characters (U+202E...). The WHATWG URL Standard
     * (forbidden domain code points; UTS #46 processing disallows the bidirectional controls) and RFC 3986 section
     * 3.2.2 give such a URL no valid host, so a client that follows the standard would not request it. It is still
     * listed as written, since the message holds it; such a host is mostly made to deceive whoever reads a listing (an
     * override reverses it, an escape sequence rewrites a terminal). The detail counts them, without quoting them.
     */
    INVALID_URL_HOST(Severity.WARNING);

    private final Severity severity;

    AnomalyCode(Severity severity) {
        this.severity = severity;
    }

    /** @return the fixed severity of this code. */
    public Severity severity() {
        return severity;
    }
}
