package org.pixelproof.detect;

import java.util.List;
import java.util.Objects;

/**
 * One tracker found in a message: a request that a mail client would make, or a link it would follow, that tells the
 * sender something about the recipient. Stated as present in the message, never as fetched.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id                   {@code "T1"}, {@code "T2"}... in document order, the number shown in the dossier and
 *                             the safe preview
 * @param kind                 open pixel, CSS beacon, click tracking, read receipt or other beacon
 * @param url                  exactly as a mail client would request it (transfer encoding and HTML entities
 *                             decoded, resolved against {@code <base href>}), or {@code header:NAME} for a
 *                             header-based tracker
 * @param host                 lower-case host of {@code url} (after looking through the recipient's own link
 *                             wrappers), or the header's address domain
 * @param vendor               the vendor's trade name, or {@code null} when unknown
 * @param vendorDetails        the vendor's legal identity, or {@code null}
 * @param party                who runs the host, relative to the sender
 * @param recipientIdentifiers the recipient's address found in the URL, each with its encoding
 * @param perRecipientTokens   query parameters or path segments that look per recipient (known recipient parameters,
 *                             high-entropy tokens, tokens shared with other trackers), as {@code name=value}
 * @param confidence           high, medium or low
 * @param signals              every signal that fired, the reasons for the finding
 * @param hiddenBy             how it is hidden from the reader ({@code "width=1 height=1"}, {@code "display:none"},
 *                             {@code "inside a zero-height wrapper"}...); empty when visible or not applicable
 * @param location             where it was found
 * @param evidence             the exact source excerpt (the element or CSS rule, at most 1,000 characters)
 * @param ruleId               the vendor pattern id that matched, or the heuristic id (e.g. {@code "heuristic.pixel"})
 * @param destination          for click tracking, the real destination when it can be decoded offline, else
 *                             {@code null}
 * @param wrappedBy            the recipient-side wrapper looked through (e.g. {@code "outlook-safelinks"}), or
 *                             {@code null}
 * @param hiddenByCodes        one stable code per entry of {@code hiddenBy}, in the same order, to be translated
 *                             ({@link HiddenBy} constants; labels through {@link DetectLabels})
 * @param conditionCode        for a CSS rule that fires only in some context, that context as a stable code
 *                             ({@code print}, {@code dark-mode}, {@code hover}, {@code forward-reply},
 *                             {@code client-detection}, {@code device-query}, {@code feature-query}), else
 *                             {@code null}
 * @param partyCode            who runs the host, worded carefully, as a stable code ({@link PartyResolver} constants:
 *                             {@code SENDER_DOMAIN}, {@code SENDER_SUBDOMAIN_OPERATOR_UNKNOWN},
 *                             {@code ESP_ON_SENDER_SUBDOMAIN}, {@code SELF_HOSTED_SOFTWARE}, {@code VENDOR_HOST},
 *                             {@code THIRD_PARTY}, {@code UNKNOWN}); {@code null} from older callers
 */
public record Tracker(
        String id,
        TrackerKind kind,
        String url,
        String host,
        String vendor,
        VendorRef vendorDetails,
        Party party,
        List<RecipientIdentifier> recipientIdentifiers,
        List<String> perRecipientTokens,
        Confidence confidence,
        List<Signal> signals,
        List<String> hiddenBy,
        Location location,
        String evidence,
        String ruleId,
        String destination,
        String wrappedBy,
        List<String> hiddenByCodes,
        String conditionCode,
        String partyCode) {

    public Tracker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(location, "location");
        recipientIdentifiers = List.copyOf(recipientIdentifiers);
        perRecipientTokens = List.copyOf(perRecipientTokens);
        signals = List.copyOf(signals);
        hiddenBy = List.copyOf(hiddenBy);
        hiddenByCodes = hiddenByCodes == null ? List.of() : List.copyOf(hiddenByCodes);
    }

    /** The original seventeen-component form, without the codes. */
    public Tracker(String id, TrackerKind kind, String url, String host, String vendor, VendorRef vendorDetails,
            Party party, List<RecipientIdentifier> recipientIdentifiers, List<String> perRecipientTokens,
            Confidence confidence, List<Signal> signals, List<String> hiddenBy, Location location, String evidence,
            String ruleId, String destination, String wrappedBy) {
        this(id, kind, url, host, vendor, vendorDetails, party, recipientIdentifiers, perRecipientTokens, confidence,
                signals, hiddenBy, location, evidence, ruleId, destination, wrappedBy, List.of(), null, null);
    }
}
