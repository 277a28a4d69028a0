package org.pixelproof.detect;

import java.util.List;
import java.util.Objects;

/**
 * A hyperlink of the message, with what is known of where it really leads. Each URL of an {@code <a ping>} or
 * {@code <area ping>} attribute is listed too, as a link located at attribute {@code ping} with the anchor's text: the
 * browser POSTs to it when the hyperlink is followed (hyperlink auditing), and it is always click tracking. Where a
 * form sends its data when submitted is listed too, located at {@code form action}, {@code button formaction} or
 * {@code input formaction}, with the submit button's label as text: for a GET form the URL the browser requests (the
 * action with the form's initial data, hidden fields included, as its query), for POST the action; it is click
 * tracking on the same signs as an {@code href} (a per-recipient identifier, a vendor's redirector...).
 *
 * @param url         the {@code href} as a client would follow it (for a form, the URL its submission requests)
 * @param host        lower-case host, or {@code null} for {@code mailto:} and other non-hierarchical links
 * @param text        the visible link text (collapsed white space, at most 200 characters)
 * @param destination the decoded destination when the link goes through a redirector and the target can be decoded
 *                    offline, else {@code null}
 * @param trackerId   the id of the {@link Tracker} this link is, or {@code null} when it is not click tracking
 * @param location    where it was found
 * @param campaignParameters the campaign-level query parameters the link carries ({@code utm_source=newsletter}...),
 *                    as {@code name=value}: they identify the campaign or the link, not the recipient
 * @param recipientIdentifiers the recipient's address found in the link or in its decoded destination, each with its
 *                    encoding and place; also on links that are not trackers (an unsubscribe or preferences link
 *                    that names the recipient, in base64 for example)
 * @param role        what the link is for when that makes it functional rather than tracking, else {@code null}:
 *                    {@link #SUBSCRIPTION_CONFIRMATION}, a vendor's double-opt-in confirmation endpoint
 */
public record Link(String url, String host, String text, String destination, String trackerId, Location location,
        List<String> campaignParameters, List<RecipientIdentifier> recipientIdentifiers, String role) {

    /**
     * {@link #role()} of a link to a vendor's subscription-confirmation endpoint (a {@code kind: confirm} pattern of
     * the rule set, on the vendor's own host, written as it is rather than behind a redirector): following it confirms
     * the subscription the recipient asked for, so it must identify the subscriber. It is never click tracking by
     * itself (Loi n° 78-17 art. 82 and ePrivacy Directive art. 5(3): access strictly necessary for a service the user
     * expressly asked for); the identifiers it carries are recorded on the link. See
     * {@code docs/decisions/0042-double-opt-in-confirmations.md}.
     */
    public static final String SUBSCRIPTION_CONFIRMATION = "subscription-confirmation";

    public Link {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(location, "location");
        campaignParameters = campaignParameters == null ? List.of() : List.copyOf(campaignParameters);
        recipientIdentifiers = recipientIdentifiers == null ? List.of() : List.copyOf(recipientIdentifiers);
    }

    /** The eight-component form, without a role. */
    public Link(String url, String host, String text, String destination, String trackerId, Location location,
            List<String> campaignParameters, List<RecipientIdentifier> recipientIdentifiers) {
        this(url, host, text, destination, trackerId, location, campaignParameters, recipientIdentifiers, null);
    }

    /** @return true when the link is a subscription-confirmation link ({@link #SUBSCRIPTION_CONFIRMATION}). */
    public boolean subscriptionConfirmation() {
        return SUBSCRIPTION_CONFIRMATION.equals(role);
    }

    /** The seven-component form, without recipient identifiers. */
    public Link(String url, String host, String text, String destination, String trackerId, Location location,
            List<String> campaignParameters) {
        this(url, host, text, destination, trackerId, location, campaignParameters, List.of());
    }

    /** The original six-component form, without campaign parameters. */
    public Link(String url, String host, String text, String destination, String trackerId, Location location) {
        this(url, host, text, destination, trackerId, location, List.of());
    }
}
