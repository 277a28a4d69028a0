package org.pixelproof.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.pixelproof.assess.ClassificationCue;
import org.pixelproof.assess.ExemptionCheck;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.AuthAssertion;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.authenticity.ReceivedHop;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RemoteResource;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.Header;
import org.pixelproof.preview.Placeholder;
import org.pixelproof.rules.SourceConfidence;

/**
 * What an evidence dossier says, independent of the language it is written in: facts, codes and ids, each tied to
 * where it comes from (a MIME part path and a source excerpt of the original for each finding, a provision id with
 * its source URL and confidence for each legal statement). The templates of {@code templates/dossier/{fr,en}/} turn
 * it into words; {@link DossierBuilder} builds it.
 *
 * <p>Immutable and thread-safe. The nested records are the dossier's sections.
 *
 * @param reference            a short reference for letters and the CNIL form: {@code PP-yyyyMMdd-} and the first 8
 *                             hex digits of the first e-mail's SHA-256
 * @param language             the language asked for (the model itself is language-independent)
 * @param generatedAt          when the dossier was built, from the injected clock
 * @param generatedOn          that instant's date in Europe/Paris
 * @param toolVersion          PixelProof's version
 * @param rulesVersion         the rule-set version the analyses used (several joined with {@code ", "} if they differ)
 * @param complainant          the complainant as they described themselves
 * @param verdict              the overall verdict: the strongest of the e-mails' verdicts
 * @param trackerCount         the number of trackers over all e-mails
 * @param learnings            per kind of tracker found, which trackers, for "what the sender learns"
 * @param organisation         the sender as data controller
 * @param emails               the e-mails, labelled {@code E1}, {@code E2}... in the order given
 * @param recurringIdentifiers per-recipient identifiers found in more than one e-mail
 * @param copyComparisons      for copies of one campaign received by different people, the tokens that differ
 * @param legalGrounds         the provisions cited, from the rule data, in citing order
 * @param priorSteps           the prior request to the sender and its one-month deadline
 * @param caveats              codes of what the findings do not prove (union over the e-mails, plus the dossier's own)
 * @param unknownProvisionIds  provision ids the assessment cited that the rule set lacks (listed, never invented)
 */
public record Dossier(
        String reference,
        Language language,
        Instant generatedAt,
        LocalDate generatedOn,
        String toolVersion,
        String rulesVersion,
        Complainant complainant,
        Verdict verdict,
        int trackerCount,
        List<KindGroup> learnings,
        Organisation organisation,
        List<EmailRecord> emails,
        List<RecurringIdentifier> recurringIdentifiers,
        List<CopyComparison> copyComparisons,
        List<LegalGround> legalGrounds,
        PriorSteps priorSteps,
        List<String> caveats,
        List<String> unknownProvisionIds) {

    public Dossier {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(complainant, "complainant");
        Objects.requireNonNull(verdict, "verdict");
        learnings = List.copyOf(learnings);
        emails = List.copyOf(emails);
        if (emails.isEmpty()) {
            throw new IllegalArgumentException("a dossier needs at least one e-mail");
        }
        recurringIdentifiers = List.copyOf(recurringIdentifiers);
        copyComparisons = List.copyOf(copyComparisons);
        legalGrounds = List.copyOf(legalGrounds);
        caveats = List.copyOf(caveats);
        unknownProvisionIds = List.copyOf(unknownProvisionIds);
    }

    /**
     * @return this dossier with the renderings of the messages left out (their annex then says so): the fallback
     *         when a message's own HTML cannot be laid out by the PDF renderer
     */
    public Dossier withoutRenderings() {
        List<EmailRecord> plain = emails.stream().map(e -> e.withPreview("")).toList();
        return new Dossier(reference, language, generatedAt, generatedOn, toolVersion, rulesVersion, complainant,
                verdict, trackerCount, learnings, organisation, plain, recurringIdentifiers, copyComparisons,
                legalGrounds, priorSteps, caveats, unknownProvisionIds);
    }

    /** @return the first e-mail, the one the letters quote. */
    public EmailRecord primary() {
        return emails.get(0);
    }

    /** @return true when the dossier gathers more than one e-mail. */
    public boolean severalEmails() {
        return emails.size() > 1;
    }

    /** @return the legal grounds of one group ({@code tracking}, {@code transfer}, {@code rights}, {@code background}). */
    public List<LegalGround> grounds(String group) {
        return legalGrounds.stream().filter(g -> g.group().equals(group)).toList();
    }

    /** @return the grounds of the {@code tracking} group. */
    public List<LegalGround> trackingGrounds() {
        return grounds("tracking");
    }

    /** @return the grounds of the {@code transfer} group. */
    public List<LegalGround> transferGrounds() {
        return grounds("transfer");
    }

    /** @return the grounds of the {@code rights} group (the letters' basis). */
    public List<LegalGround> rightsGrounds() {
        return grounds("rights");
    }

    /** @return the grounds of the {@code background} group (enforcement context). */
    public List<LegalGround> backgroundGrounds() {
        return grounds("background");
    }

    /** @return every tracker of every e-mail, in order. */
    public List<TrackerRow> allTrackers() {
        return emails.stream().flatMap(e -> e.trackers().stream()).toList();
    }

    /** @return every SHA-256 of the originals, in e-mail order. */
    public List<String> sha256s() {
        return emails.stream().map(EmailRecord::sha256).toList();
    }

    /**
     * The trackers of one kind, for the "what the sender learns" section.
     *
     * @param kind         the kind
     * @param trackerIds   the trackers of that kind, prefixed with the e-mail label when the dossier has several
     *                     ({@code "E2 T1"})
     * @param perRecipient true when at least one of them carries a per-recipient identifier
     */
    public record KindGroup(TrackerKind kind, List<String> trackerIds, boolean perRecipient) {
        public KindGroup {
            trackerIds = List.copyOf(trackerIds);
        }
    }

    /**
     * Where a finding was made in the original message.
     *
     * @param partPath the MIME part path ({@code "1.2"})
     * @param where    the element and attribute, or header, in English ({@code "part 1.2, <img src>"})
     * @param excerpt  the exact source excerpt, at most 1,000 characters, or {@code null}
     */
    public record Evidence(String partPath, String where, String excerpt) {
    }

    /**
     * One e-mail of the case.
     *
     * @param label          {@code E1}, {@code E2}...
     * @param analysisId     the analysis's identifier
     * @param fileName       the file name as uploaded, or {@code null}
     * @param sha256         lower-case hex SHA-256 of the original bytes (checked against them)
     * @param sizeBytes      the original's size in bytes
     * @param analysedAt     when it was analysed
     * @param rulesVersion   the rule-set version of the analysis
     * @param message        its identification (headers)
     * @param verdict        its verdict
     * @param trackers       its trackers, ids as in the analysis
     * @param remoteContent  remote loads with no sign of tracking
     * @param markersFound   consent and information markers found
     * @param markersMissing marker types not found
     * @param messageClass   marketing, transactional...
     * @param cues           the cues behind the class
     * @param exemptions     the CNIL exemption checks
     * @param receivedDate   the date received (Europe/Paris), or {@code null}
     * @param timeline       the received date against the recommendation's dates
     * @param authenticity   DKIM, authentication results, Received chain
     * @param headers        every header field of the original, in order, as written
     * @param previewXhtml   the message rendered without loading anything, an XHTML fragment
     * @param placeholders   the remote references replaced in that rendering
     * @param anomalies      what was malformed while reading it
     * @param caveats        the assessment's caveat codes
     * @param original       the original {@code .eml} bytes, attached to the PDF (do not modify the array)
     * @param previewTruncated true when the rendering shows only part of the message (over
     *                       {@link org.pixelproof.preview.PreviewLimits#ANNEX}); the annex then says so
     */
    public record EmailRecord(
            String label,
            String analysisId,
            String fileName,
            String sha256,
            long sizeBytes,
            Instant analysedAt,
            String rulesVersion,
            MessageIdentification message,
            Verdict verdict,
            List<TrackerRow> trackers,
            List<RemoteResource> remoteContent,
            List<MarkerRow> markersFound,
            List<ConsentMarkerType> markersMissing,
            MessageClass messageClass,
            List<ClassificationCue> cues,
            List<ExemptionCheck> exemptions,
            LocalDate receivedDate,
            List<TimelineRow> timeline,
            AuthenticityRecord authenticity,
            List<Header> headers,
            String previewXhtml,
            List<Placeholder> placeholders,
            List<Anomaly> anomalies,
            List<String> caveats,
            byte[] original,
            boolean previewTruncated) {

        public EmailRecord {
            Objects.requireNonNull(original, "original");
            trackers = List.copyOf(trackers);
            remoteContent = List.copyOf(remoteContent);
            markersFound = List.copyOf(markersFound);
            markersMissing = List.copyOf(markersMissing);
            cues = List.copyOf(cues);
            exemptions = List.copyOf(exemptions);
            timeline = List.copyOf(timeline);
            headers = List.copyOf(headers);
            placeholders = List.copyOf(placeholders);
            anomalies = List.copyOf(anomalies);
            caveats = List.copyOf(caveats);
        }

        /** @return this record with another rendering ({@code ""}: none). */
        public EmailRecord withPreview(String xhtml) {
            return new EmailRecord(label, analysisId, fileName, sha256, sizeBytes, analysedAt, rulesVersion, message,
                    verdict, trackers, remoteContent, markersFound, markersMissing, messageClass, cues, exemptions,
                    receivedDate, timeline, authenticity, headers, xhtml, placeholders, anomalies, caveats, original,
                    previewTruncated);
        }

        /** @return the trackers that are click tracking (with their decoded destinations). */
        public List<TrackerRow> clickTrackers() {
            return trackers.stream().filter(t -> t.kind() == TrackerKind.CLICK_TRACKING).toList();
        }

        /** @return true when a marker of this type was found. */
        public boolean has(ConsentMarkerType type) {
            return markersFound.stream().anyMatch(m -> m.type() == type);
        }
    }

    /**
     * The message's identification, decoded header values ({@code null} when absent).
     *
     * @param from                From
     * @param to                  To
     * @param cc                  Cc
     * @param date                Date, as written
     * @param subject             Subject, decoded (RFC 2047)
     * @param messageId           Message-ID
     * @param returnPath          Return-Path
     * @param replyTo             Reply-To
     * @param listUnsubscribe     List-Unsubscribe
     * @param listUnsubscribePost List-Unsubscribe-Post
     * @param listId              List-Id
     * @param deliveredTo         Delivered-To and X-Original-To
     * @param forwarded           true when the upload wrapped it as an attachment
     * @param dkimDomains         the DKIM signing domains ({@code d=})
     */
    public record MessageIdentification(
            String from,
            String to,
            String cc,
            String date,
            String subject,
            String messageId,
            String returnPath,
            String replyTo,
            String listUnsubscribe,
            String listUnsubscribePost,
            String listId,
            List<String> deliveredTo,
            boolean forwarded,
            List<String> dkimDomains) {
        public MessageIdentification {
            deliveredTo = List.copyOf(deliveredTo);
            dkimDomains = List.copyOf(dkimDomains);
        }
    }

    /**
     * One tracker, as the findings table and the annex show it. Stated as present in the message, never as fetched.
     *
     * @param id                   {@code T1}... as in the analysis and the rendering
     * @param kind                 its kind
     * @param url                  as a mail client would request it, or {@code header:NAME}
     * @param host                 its host
     * @param vendor               the vendor's trade name, or {@code null}
     * @param vendorLegalName      the vendor's legal entity, or {@code null}
     * @param vendorCountry        ISO country of that entity, or {@code null}
     * @param outsideEea           true when that country is outside the EU/EEA
     * @param party                who runs the host, relative to the sender
     * @param hiddenBy             how it is hidden from the reader
     * @param recipientIdentifiers the recipient's address found in it, with the encoding
     * @param perRecipientTokens   tokens that look per recipient, {@code name=value}
     * @param perRecipientReasons  why it looks per recipient, codes: {@code recipient-address},
     *                             {@code recipient-token}, {@code shared-token} (the same token in another tracker of
     *                             this e-mail), {@code recurs-across-emails}, {@code differs-between-copies}
     * @param destination          for click tracking, the decoded destination, else {@code null}
     * @param wrappedBy            the recipient-side link wrapper looked through, or {@code null}
     * @param confidence           high, medium, low
     * @param signals              the signals behind the finding
     * @param ruleId               the rule that matched
     * @param evidence             where it was found, with the source excerpt
     */
    public record TrackerRow(
            String id,
            TrackerKind kind,
            String url,
            String host,
            String vendor,
            String vendorLegalName,
            String vendorCountry,
            boolean outsideEea,
            Party party,
            List<String> hiddenBy,
            List<RecipientIdentifier> recipientIdentifiers,
            List<String> perRecipientTokens,
            List<String> perRecipientReasons,
            String destination,
            String wrappedBy,
            Confidence confidence,
            List<Signal> signals,
            String ruleId,
            Evidence evidence) {
        public TrackerRow {
            hiddenBy = List.copyOf(hiddenBy);
            recipientIdentifiers = List.copyOf(recipientIdentifiers);
            perRecipientTokens = List.copyOf(perRecipientTokens);
            perRecipientReasons = List.copyOf(perRecipientReasons);
            signals = List.copyOf(signals);
        }

        /** @return true when any reason makes it look per recipient. */
        public boolean perRecipient() {
            return !perRecipientReasons.isEmpty();
        }

        /** @return true when it carries the given reason code. */
        public boolean hasReason(String code) {
            return perRecipientReasons.contains(code);
        }

        /** @return true for {@code recipient-address}. */
        public boolean carriesAddress() {
            return hasReason("recipient-address");
        }

        /** @return true for {@code recipient-token}. */
        public boolean carriesToken() {
            return hasReason("recipient-token");
        }

        /** @return true for {@code shared-token}. */
        public boolean sharesToken() {
            return hasReason("shared-token");
        }

        /** @return true for {@code recurs-across-emails}. */
        public boolean recurs() {
            return hasReason("recurs-across-emails");
        }

        /** @return true for {@code differs-between-copies}. */
        public boolean differsBetweenCopies() {
            return hasReason("differs-between-copies");
        }
    }

    /**
     * A consent or information marker found.
     *
     * @param type   which marker
     * @param text   the matched text
     * @param url    the link, or {@code null}
     * @param where  where it was found ({@code "part 1.2, <a href>"})
     * @param ruleId the rule that matched
     */
    public record MarkerRow(ConsentMarkerType type, String text, String url, String where, String ruleId) {
    }

    /**
     * The received date against one key date of the legal timeline, with the key date's rule data.
     *
     * @param keyDateId  the key date's id
     * @param date       the key date
     * @param relation   {@code before}, {@code same-day}, {@code after}
     * @param labelFr    what happened that day, French
     * @param labelEn    the same, English
     * @param sourceUrl  its source
     * @param confidence how sure the rule data is of it
     */
    public record TimelineRow(String keyDateId, LocalDate date, String relation, String labelFr, String labelEn,
            String sourceUrl, SourceConfidence confidence) {

        /** @return true when the message was received before that date. */
        public boolean before() {
            return "before".equals(relation);
        }

        /** @return true when it was received on that very day. */
        public boolean sameDay() {
            return "same-day".equals(relation);
        }
    }

    /**
     * What can be said of the message's origin.
     *
     * @param dkim        one result per DKIM signature
     * @param assertions  what receiving servers asserted (SPF, DKIM, DMARC, ARC)
     * @param hops        the Received chain, oldest first
     * @param deliveredAt the time the recipient's server received it, or {@code null}
     */
    public record AuthenticityRecord(List<DkimResult> dkim, List<AuthAssertion> assertions, List<ReceivedHop> hops,
            OffsetDateTime deliveredAt) {
        public AuthenticityRecord {
            dkim = List.copyOf(dkim);
            assertions = List.copyOf(assertions);
            hops = List.copyOf(hops);
        }

        /** @return true when at least one DKIM signature verified. */
        public boolean anyDkimPass() {
            return dkim.stream().anyMatch(d -> "pass".equals(d.result()));
        }

        /** @return true when a signature that verified covers the whole body and every tracker. */
        public boolean trackersCoveredByValidSignature() {
            return dkim.stream().anyMatch(d -> "pass".equals(d.result()) && d.bodyCovered()
                    && !Boolean.FALSE.equals(d.trackersInSignedBody()));
        }

        /** @return true when nothing at all could be said (no signature, no assertion, no Received header). */
        public boolean empty() {
            return dkim.isEmpty() && assertions.isEmpty() && hops.isEmpty();
        }
    }

    /**
     * The sender as data controller: what the message shows of it, where, and what is missing.
     *
     * @param name               the organisation's name (footer, else the From display name), or {@code null}
     * @param fromAddress        the From address
     * @param fromDomain         its domain
     * @param replyTo            Reply-To
     * @param returnPath         Return-Path
     * @param dkimDomains        DKIM {@code d=} domains
     * @param listUnsubscribe    List-Unsubscribe targets
     * @param postalAddress      postal address from the footer
     * @param siren              SIREN
     * @param siret              SIRET
     * @param sirenValid         true when SIREN/SIRET pass the Luhn check
     * @param privacyPolicyUrl   privacy-policy link
     * @param dpoContact         the DPO's address or page
     * @param clues              every clue with where it was read
     * @param missing            what a complaint needs and the message does not show
     * @param vendors            the ESPs and tracking vendors involved
     * @param trackerHosts       the distinct hosts of the trackers
     * @param transferOutsideEea true when a vendor involved is based outside the EU/EEA
     */
    public record Organisation(
            String name,
            String fromAddress,
            String fromDomain,
            String replyTo,
            String returnPath,
            List<String> dkimDomains,
            List<String> listUnsubscribe,
            String postalAddress,
            String siren,
            String siret,
            boolean sirenValid,
            String privacyPolicyUrl,
            String dpoContact,
            List<SenderClue> clues,
            List<String> missing,
            List<VendorRow> vendors,
            List<String> trackerHosts,
            boolean transferOutsideEea) {
        public Organisation {
            dkimDomains = List.copyOf(dkimDomains);
            listUnsubscribe = List.copyOf(listUnsubscribe);
            clues = List.copyOf(clues);
            missing = List.copyOf(missing);
            vendors = List.copyOf(vendors);
            trackerHosts = List.copyOf(trackerHosts);
        }

        /** @return true when {@code field} ({@code siren}, {@code dpo-contact}...) is listed as missing. */
        public boolean isMissing(String field) {
            return missing.contains(field);
        }
    }

    /**
     * An ESP or tracking vendor involved.
     *
     * @param name       trade name
     * @param legalName  legal entity, or {@code null}
     * @param country    ISO country, or {@code null}
     * @param outsideEea true when outside the EU/EEA
     * @param hosts      the tracker hosts it runs
     * @param trackerIds the trackers pointing at it (prefixed with the e-mail label when several e-mails)
     * @param headers    the header fields that betray it as the sending ESP
     */
    public record VendorRow(String name, String legalName, String country, boolean outsideEea, List<String> hosts,
            List<String> trackerIds, List<String> headers) {
        public VendorRow {
            hosts = List.copyOf(hosts);
            trackerIds = List.copyOf(trackerIds);
            headers = List.copyOf(headers);
        }
    }

    /**
     * A per-recipient identifier found in more than one e-mail: a stable identifier is strong evidence of
     * individual tracking.
     *
     * @param value       the identifier as it appears
     * @param occurrences where: {@code "E1 T1"}, {@code "E2 T3"}...
     */
    public record RecurringIdentifier(String value, List<String> occurrences) {
        public RecurringIdentifier {
            occurrences = List.copyOf(occurrences);
        }
    }

    /**
     * Two copies of one campaign received by two different people, compared.
     *
     * @param emailA        label of the first copy
     * @param emailB        label of the second
     * @param recipientA    the first copy's recipient
     * @param recipientB    the second's
     * @param comparedUrls  tracker and link URLs paired between the copies
     * @param identicalUrls of those, how many are identical
     * @param differences   the tokens that differ
     */
    public record CopyComparison(String emailA, String emailB, String recipientA, String recipientB,
            int comparedUrls, int identicalUrls, List<TokenDifference> differences) {
        public CopyComparison {
            differences = List.copyOf(differences);
        }
    }

    /**
     * One token that differs between two copies of a campaign.
     *
     * @param source           {@code tracker}, {@code link} or {@code header}
     * @param refA             the tracker id, link number or header name in the first copy
     * @param refB             the same in the second copy
     * @param where            where in the URL or header ({@code "query parameter e"}, {@code "path segment 2"},
     *                         {@code "token 3"})
     * @param valueA           the value in the first copy
     * @param valueB           the value in the second
     * @param recipientAddress true when the values are (or contain) the recipients' addresses themselves
     */
    public record TokenDifference(String source, String refA, String refB, String where, String valueA,
            String valueB, boolean recipientAddress) {
    }

    /**
     * A provision cited, from the rule data.
     *
     * @param id         provision id ({@code lil-82})
     * @param group      {@code tracking}, {@code transfer}, {@code rights} or {@code background}
     * @param reference  the citation
     * @param summaryFr  paraphrase in French
     * @param summaryEn  paraphrase in English
     * @param sourceUrl  its source
     * @param confidence primary, secondary, open
     * @param note       why the confidence is what it is, or {@code null}
     */
    public record LegalGround(String id, String group, String reference, String summaryFr, String summaryEn,
            String sourceUrl, SourceConfidence confidence, String note) {
    }

    /**
     * The prior request to the sender and where it stands.
     *
     * @param request  the request as stated, or {@code null} when none was stated
     * @param deadline one month after it was sent (GDPR art. 12(3)), or {@code null}
     * @param status   {@code none}, {@code date-unknown}, {@code waiting}, {@code deadline-passed} or
     *                 {@code answered}
     * @param today    the dossier's date
     */
    public record PriorSteps(PriorRequest request, LocalDate deadline, String status, LocalDate today) {
        /** @return true when no request was stated. */
        public boolean none() {
            return "none".equals(status);
        }

        /** @return true when the one-month deadline has not passed yet. */
        public boolean waiting() {
            return "waiting".equals(status);
        }

        /** @return true when it passed with no answer stated. */
        public boolean deadlinePassed() {
            return "deadline-passed".equals(status);
        }

        /** @return true when an answer was stated. */
        public boolean answered() {
            return "answered".equals(status);
        }

        /** @return true when a request was stated without its date. */
        public boolean dateUnknown() {
            return "date-unknown".equals(status);
        }
    }
}
