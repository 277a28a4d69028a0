package org.pixelproof.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.pixelproof.assess.Assessment;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.Authenticity;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RemoteResource;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Tracker;
import org.pixelproof.ingest.Anomaly;

/**
 * The result of analysing one e-mail: what {@code POST /api/analyses} returns, what {@code analyze --json} prints,
 * what the store keeps and the dossier is built from. Its JSON form (record components in this order, through
 * Jackson) is a stable interface described in DESIGN.md.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id                    unguessable identifier (128 random bits, base64url, 22 characters)
 * @param file                  the input's name as given, or {@code null}
 * @param sha256                lower-case hex SHA-256 of the input's bytes
 * @param sizeBytes             the input's size in bytes
 * @param analysedAt            when the analysis ran (UTC)
 * @param toolVersion           PixelProof's version
 * @param rulesVersion          the rule set's version
 * @param verdict               the one-line result
 * @param message               the message's identification
 * @param recipients            the recipient addresses searched for in URLs
 * @param trackers              the trackers found, ids {@code T1}...
 * @param remoteContent         remote loads with no sign of tracking
 * @param consentMarkers        consent and information markers found
 * @param missingConsentMarkers marker types not found
 * @param links                 every hyperlink, with decoded destinations where known
 * @param sender                the sending organisation as identified
 * @param assessment            the legal qualification
 * @param authenticity          DKIM, authentication results and Received chain
 * @param anomalies             what was malformed or over a limit while reading or detecting
 * @param headerIdentifiers     the recipient's address found, in some encoding, in header fields the sender fills
 *                              (VERP Return-Path, List-Unsubscribe, X-headers of the ESP): per-recipient tagging
 *                              that is not a tracker by itself but shows the message was personalised
 */
public record Analysis(
        String id,
        String file,
        String sha256,
        long sizeBytes,
        Instant analysedAt,
        String toolVersion,
        String rulesVersion,
        Verdict verdict,
        MessageSummary message,
        List<String> recipients,
        List<Tracker> trackers,
        List<RemoteResource> remoteContent,
        List<ConsentMarker> consentMarkers,
        List<ConsentMarkerType> missingConsentMarkers,
        List<Link> links,
        SenderIdentity sender,
        Assessment assessment,
        Authenticity authenticity,
        List<Anomaly> anomalies,
        List<RecipientIdentifier> headerIdentifiers) {

    public Analysis {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(analysedAt, "analysedAt");
        Objects.requireNonNull(verdict, "verdict");
        recipients = List.copyOf(recipients);
        trackers = List.copyOf(trackers);
        remoteContent = List.copyOf(remoteContent);
        consentMarkers = List.copyOf(consentMarkers);
        missingConsentMarkers = List.copyOf(missingConsentMarkers);
        links = List.copyOf(links);
        anomalies = List.copyOf(anomalies);
        headerIdentifiers = headerIdentifiers == null ? List.of() : List.copyOf(headerIdentifiers);
    }

    /** The form without header identifiers (an empty list), kept for callers written before they existed. */
    public Analysis(String id, String file, String sha256, long sizeBytes, Instant analysedAt, String toolVersion,
            String rulesVersion, Verdict verdict, MessageSummary message, List<String> recipients,
            List<Tracker> trackers, List<RemoteResource> remoteContent, List<ConsentMarker> consentMarkers,
            List<ConsentMarkerType> missingConsentMarkers, List<Link> links, SenderIdentity sender,
            Assessment assessment, Authenticity authenticity, List<Anomaly> anomalies) {
        this(id, file, sha256, sizeBytes, analysedAt, toolVersion, rulesVersion, verdict, message, recipients,
                trackers, remoteContent, consentMarkers, missingConsentMarkers, links, sender, assessment,
                authenticity, anomalies, List.of());
    }
}
