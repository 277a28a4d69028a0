package org.pixelproof.detect;

import java.util.List;

/**
 * Everything {@link Detector} found in one message. Immutable and thread-safe.
 *
 * @param recipientAddresses     the recipient addresses searched for (from To, Delivered-To, X-Original-To, or given
 *                               by the user), lower case
 * @param trackers               trackers in document order, ids {@code T1}...
 * @param remoteContent          remote loads that show no sign of tracking
 * @param links                  every hyperlink, with decoded destinations where known
 * @param consentMarkers         consent and information markers found
 * @param missingConsentMarkers  marker types not found, in enum order
 * @param sender                 the sending organisation as identified
 * @param espHints               vendor ids betrayed by headers ({@code X-Mailer}, {@code X-MC-User}...), for the
 *                               sender section
 */
public record Findings(
        List<String> recipientAddresses,
        List<Tracker> trackers,
        List<RemoteResource> remoteContent,
        List<Link> links,
        List<ConsentMarker> consentMarkers,
        List<ConsentMarkerType> missingConsentMarkers,
        SenderIdentity sender,
        List<String> espHints) {

    public Findings {
        recipientAddresses = List.copyOf(recipientAddresses);
        trackers = List.copyOf(trackers);
        remoteContent = List.copyOf(remoteContent);
        links = List.copyOf(links);
        consentMarkers = List.copyOf(consentMarkers);
        missingConsentMarkers = List.copyOf(missingConsentMarkers);
        espHints = List.copyOf(espHints);
    }

    /** @return true when at least one marker of the given type was found. */
    public boolean has(ConsentMarkerType type) {
        return consentMarkers.stream().anyMatch(m -> m.type() == type);
    }
}
