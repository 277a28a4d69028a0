/**
 * Turns the raw bytes of a received e-mail (RFC 5322 / MIME) into an immutable {@link org.pixelproof.ingest.ReceivedEmail}:
 * decoded headers, the MIME part tree, decoded HTML and text bodies, the SHA-256 of the bytes and the anomalies met on
 * the way. Malformed input is recorded as anomalies, never thrown.
 *
 * <p>Entry points: {@link org.pixelproof.ingest.EmailParser} for one message;
 * {@link org.pixelproof.ingest.MboxReader} to stream the messages of an mbox file;
 * {@link org.pixelproof.ingest.OutlookMsgReader} to read an Outlook {@code .msg}. All limits live in
 * {@link org.pixelproof.ingest.IngestLimits}.
 *
 * <h2>Design notes</h2>
 * <ul>
 *   <li><b>Angus Mail for the MIME structure, explicit fallbacks around it.</b> Jakarta Mail reads almost all of its
 *       leniency switches ({@code mail.mime.*}) from JVM-wide System properties in static initialisers. A library
 *       embedded in a web application must not flip them for its host, and a property read once cannot be set per
 *       parse. So the multipart switches are set per instance ({@code LenientMultipart}), and what Angus cannot be
 *       told is done by {@code ingest} itself, each reported as an anomaly: parameter repair ({@code MimeValues}),
 *       boundary recovery, transfer decoding ({@code TransferDecoder}), charset aliases and sniffing
 *       ({@code Charsets}, {@code Utf7}), RFC 2047 words ({@code EncodedWords}).</li>
 *   <li><b>Own base64 and quoted-printable decoders.</b> Angus' decoders either throw or skip defects silently, and
 *       its quoted-printable decoder recurses once per consecutive soft line break (a stack overflow on a few hundred
 *       kilobytes of {@code "=\r\n"}, checked with Angus 2.0.5). Ours are iterative and count defects.</li>
 *   <li><b>Views, not copies.</b> Messages are parsed over a {@code SharedByteArrayInputStream}, so every part is a
 *       view of the input; bodies are decoded streaming up to {@code maxBodyBytes}. Memory stays a small multiple of
 *       the input, which the hostile tests check under {@code -Xmx256m}.</li>
 *   <li><b>Jakarta Mail's per-part service look-up.</b> Every part Angus creates runs a {@code ServiceLoader}
 *       look-up over the class path (jakartaee/mail-api issues 699 and 861); {@code MailProviderLoader} sets the
 *       {@code jakarta.mail.util.StreamProvider} system property that Jakarta Mail reads first (when unset) and
 *       answers the look-up from memory while parsing, which took 10,000 parts from seconds to a fraction of a
 *       second.</li>
 *   <li><b>Charsets as a browser-based mail client reads them.</b> The alias table follows the WHATWG Encoding
 *       Standard (us-ascii and iso-8859-1 read as windows-1252, gb2312 as GBK, ks_c_5601-1987 as windows-949), plus
 *       UTF-7 for old Microsoft mail. A body is decoded as declared even when the bytes disagree (a client shows the
 *       same replacement characters), except for 8-bit bytes under us-ascii, which are sniffed.</li>
 *   <li><b>Forwarded as an attachment.</b> The rule is in {@link org.pixelproof.ingest.EmailParser}: one carried
 *       message and at most a short cover note (or a spam-filter or feedback-loop envelope). Only one level is
 *       unwrapped, and the SHA-256 stays that of the upload.</li>
 * </ul>
 */
package org.pixelproof.ingest;
