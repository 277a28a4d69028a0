package org.pixelproof.detect;

import java.util.List;
import org.pixelproof.ingest.Anomaly;

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
 * @param headerIdentifiers      the recipient's address found in header fields other than the recipient fields
 *                               ({@code List-Unsubscribe}, a VERP {@code Return-Path}, {@code Message-ID}...), each
 *                               with its encoding; {@link RecipientIdentifier#where()} is the header name
 * @param anomalies              what detection found malformed or over a limit ({@code HTML_TOO_DEEP},
 *                               {@code CSS_TOO_LARGE}), to be added to the message's own anomalies
 */
public record Findings(
        List<String> recipientAddresses,
        List<Tracker> trackers,
        List<RemoteResource> remoteContent,
        List<Link> links,
        List<ConsentMarker> consentMarkers,
        List<ConsentMarkerType> missingConsentMarkers,
        SenderIdentity sender,
        List<String> espHints,
        List<RecipientIdentifier> headerIdentifiers,
        List<Anomaly> anomalies) {

    public Findings {
        recipientAddresses = List.copyOf(recipientAddresses);
        trackers = List.copyOf(trackers);
        remoteContent = List.copyOf(remoteContent);
        links = List.copyOf(links);
        consentMarkers = List.copyOf(consentMarkers);
        missingConsentMarkers = List.copyOf(missingConsentMarkers);
        espHints = List.copyOf(espHints);
        headerIdentifiers = List.copyOf(headerIdentifiers);
        anomalies = List.copyOf(anomalies);
    }

    /** The original eight-component form: no header identifiers, no anomalies. */
    public Findings(List<String> recipientAddresses, List<Tracker> trackers, List<RemoteResource> remoteContent,
            List<Link> links, List<ConsentMarker> consentMarkers, List<ConsentMarkerType> missingConsentMarkers,
            SenderIdentity sender, List<String> espHints) {
        this(recipientAddresses, trackers, remoteContent, links, consentMarkers, missingConsentMarkers, sender,
                espHints, List.of(), List.of());
    }

    /** @return these findings with another sender (e.g. with its identity caveats completed). */
    public Findings withSender(SenderIdentity newSender) {
        return new Findings(recipientAddresses, trackers, remoteContent, links, consentMarkers, missingConsentMarkers,
                newSender, espHints, headerIdentifiers, anomalies);
    }

    /** @return true when at least one marker of the given type was found. */
    public boolean has(ConsentMarkerType type) {
        return consentMarkers.stream().anyMatch(m -> m.type() == type);
    }
}
