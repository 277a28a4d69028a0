package org.pixelproof.ingest;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the header lines Angus read ({@code InternetHeaders}, one {@code char} per byte because the session keeps
 * {@code mail.mime.allowutf8=false}) into {@link Header} records: bytes re-read as UTF-8 when valid (RFC 6532), else
 * windows-1252; name and raw body split at the first colon; the body unfolded and its RFC 2047 encoded words decoded.
 *
 * <p>Limits: the first {@link IngestLimits#maxHeaderCount()} fields are kept whatever their name. Past that count the
 * header block is still read to its end, and the fields the analysis needs ({@link #KEPT_PAST_COUNT_LIMIT}: the
 * originator, destination and identification fields, the list and MIME fields, and the standard fields the detector
 * searches for recipient identifiers) are still kept wherever they stand, at most
 * {@value #MAX_KEPT_PER_NAME} fields of one name; only the surplus of other fields is dropped, and an
 * {@link AnomalyCode#TOO_MANY_HEADERS} counts what was kept past the limit and what was dropped, by name. Without this
 * a sender who wrote a thousand {@code Received} or {@code Authentication-Results} fields before its From, To and Date
 * would have the analysis lose its sender, its date and the recipient's address. Memory stays bounded: the fields kept
 * past the count are at most {@value #MAX_KEPT_PER_NAME} per listed name, each at most
 * {@link IngestLimits#maxHeaderLineBytes()} characters, and all of them lie within the header block, itself within
 * {@link IngestLimits#maxMessageBytes()}. Sender extension fields ({@code X-...}) past the count are dropped with the
 * others, since a hostile message could pad with those as well.
 *
 * <p>A field whose unfolded body exceeds {@link IngestLimits#maxHeaderLineBytes()} characters is cut there before
 * decoding ({@link AnomalyCode#HEADER_LINE_TOO_LONG}). A line without a colon is dropped
 * ({@link AnomalyCode#MALFORMED_HEADER}). Line breaks inside {@link Header#raw()} are the CRLF that Angus joins
 * folded lines with, whatever the input used. Stateless and thread-safe.
 */
final class HeaderFields {
    /**
     * Names (lower case) of the fields kept past {@link IngestLimits#maxHeaderCount()}: RFC 5322 section 3.6's
     * originator, destination, identification and informational fields (From, Sender, Reply-To, To, Cc, Bcc,
     * Message-ID, In-Reply-To, References, Subject, Comments, Keywords, Date), Return-Path and Resent-From; the
     * delivery fields that name the recipient (Delivered-To, X-Original-To); the RFC 2369 and RFC 2919 list fields and
     * RFC 8058's List-Unsubscribe-Post; the MIME fields of RFC 2045 and RFC 2183; Feedback-ID, Errors-To, Bounces-To;
     * and the read-receipt requests (Disposition-Notification-To of RFC 8098, Return-Receipt-To, X-Confirm-Reading-To,
     * Read-Receipt-To).
     */
    static final Set<String> KEPT_PAST_COUNT_LIMIT = Set.of("from", "sender", "reply-to", "to", "cc", "bcc",
            "message-id", "in-reply-to", "references", "subject", "comments", "keywords", "date", "return-path",
            "resent-from", "delivered-to", "x-original-to", "list-unsubscribe", "list-unsubscribe-post", "list-id",
            "list-help", "list-subscribe", "list-owner", "list-post", "list-archive", "mime-version", "content-type",
            "content-transfer-encoding", "content-disposition", "feedback-id", "errors-to", "bounces-to",
            "disposition-notification-to", "return-receipt-to", "x-confirm-reading-to", "read-receipt-to");

    /** Most fields of one name of {@link #KEPT_PAST_COUNT_LIMIT} kept in all, once the count limit is reached: 16. */
    static final int MAX_KEPT_PER_NAME = 16;

    /** Most distinct names of dropped fields counted one by one in the anomaly's detail (the rest are summed): 5. */
    private static final int DROPPED_NAMES_LISTED = 5;

    private HeaderFields() {
    }

    static List<Header> read(Enumeration<String> lines, IngestLimits limits, AnomalyLog log, String path) {
        List<Header> out = new ArrayList<>();
        Map<String, Integer> keptByName = null; // built once the count limit is reached
        Map<String, Integer> droppedByName = new LinkedHashMap<>();
        Map<String, String> droppedNames = new HashMap<>();
        Set<String> keptPastLimit = new LinkedHashSet<>();
        int index = 0;
        int fields = 0;
        int keptWithin = 0;
        int dropped = 0;
        int droppedOthers = 0;
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            index++;
            if (line == null || line.isEmpty()) {
                continue;
            }
            fields++;
            int colon = line.indexOf(':');
            String name = colon <= 0 ? "" : line.substring(0, colon).strip();
            boolean pastLimit = keptWithin >= limits.maxHeaderCount();
            if (pastLimit) {
                if (keptByName == null) { // the limit is reached: count the listed fields kept so far, once
                    keptByName = new HashMap<>();
                    for (Header h : out) {
                        String kept = h.name().toLowerCase(Locale.ROOT);
                        if (KEPT_PAST_COUNT_LIMIT.contains(kept)) {
                            keptByName.merge(kept, 1, Integer::sum);
                        }
                    }
                }
                String lower = name.toLowerCase(Locale.ROOT);
                if (!KEPT_PAST_COUNT_LIMIT.contains(lower) || keptByName.getOrDefault(lower, 0) >= MAX_KEPT_PER_NAME) {
                    dropped++;
                    if (droppedByName.containsKey(lower) || droppedByName.size() < DROPPED_NAMES_LISTED) {
                        droppedByName.merge(lower, 1, Integer::sum);
                        droppedNames.putIfAbsent(lower, name);
                    } else {
                        droppedOthers++;
                    }
                    continue;
                }
            }
            if (colon <= 0) {
                log.add(AnomalyCode.MALFORMED_HEADER, path, "header line " + index
                        + " (counting folded lines as one) is not 'Name: value'; dropped");
                continue;
            }
            if (name.isEmpty() || !isFieldName(name)) {
                log.add(AnomalyCode.MALFORMED_HEADER, path, "header line " + index
                        + " has a field name with characters RFC 5322 does not allow; dropped");
                continue;
            }
            int v = colon + 1;
            while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
                v++;
            }
            String raw = Charsets.headerText(line.substring(v));
            String unfolded = unfold(raw);
            if (unfolded.length() > limits.maxHeaderLineBytes()) {
                log.add(AnomalyCode.HEADER_LINE_TOO_LONG, path, "header " + Safe.token(name) + " is "
                        + Safe.count(unfolded.length()) + " characters long; cut to "
                        + Safe.count(limits.maxHeaderLineBytes()) + " (IngestLimits.maxHeaderLineBytes)");
                raw = raw.substring(0, Math.min(raw.length(), limits.maxHeaderLineBytes()));
                unfolded = unfold(raw);
                if (unfolded.length() > limits.maxHeaderLineBytes()) {
                    unfolded = unfolded.substring(0, limits.maxHeaderLineBytes());
                }
            }
            String decoded = EncodedWords.decode(unfolded, log, path, name).strip();
            out.add(new Header(name, raw, decoded));
            if (pastLimit) { // a listed field (the others were dropped above)
                keptByName.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
                keptPastLimit.add(name);
            } else {
                keptWithin++;
            }
        }
        if (dropped > 0) {
            log.add(AnomalyCode.TOO_MANY_HEADERS, path, tooManyDetail(fields, out.size(), out.size() - keptWithin,
                    limits, keptPastLimit, dropped, droppedByName, droppedNames, droppedOthers));
        }
        return out;
    }

    private static String tooManyDetail(int fields, int kept, int past, IngestLimits limits,
            Set<String> keptPastLimit, int dropped, Map<String, Integer> droppedByName,
            Map<String, String> droppedNames, int droppedOthers) {
        StringBuilder d = new StringBuilder();
        d.append(Safe.count(fields)).append(" header fields, over the limit of ")
                .append(Safe.count(limits.maxHeaderCount())).append(" (IngestLimits.maxHeaderCount): ")
                .append(Safe.count(dropped)).append(" dropped (");
        boolean first = true;
        for (Map.Entry<String, Integer> e : droppedByName.entrySet()) {
            d.append(first ? "" : ", ").append(Safe.count(e.getValue())).append(' ')
                    .append(e.getKey().isEmpty() ? "malformed lines" : Safe.token(droppedNames.get(e.getKey())));
            first = false;
        }
        if (droppedOthers > 0) {
            d.append(", ").append(Safe.count(droppedOthers)).append(" of other names");
        }
        d.append("); ").append(Safe.count(kept)).append(" kept");
        if (past > 0) {
            List<String> names = new ArrayList<>();
            for (String n : keptPastLimit) {
                names.add(Safe.token(n));
            }
            d.append(", of which ").append(Safe.count(past)).append(" past the limit because the analysis needs them (")
                    .append(String.join(", ", names)).append(')');
        }
        return d.toString();
    }

    /** RFC 5322 section 2.2.3: unfolding removes each CRLF (or bare LF/CR) that is followed by white space. */
    static String unfold(String raw) {
        if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean isFieldName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ':') {
                return false;
            }
        }
        return true;
    }
}
