package org.pixelproof.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.pixelproof.assess.ClassificationCue;
import org.pixelproof.assess.ExemptionCheck;
import org.pixelproof.assess.MessageClass;
import org.pixelproof.assess.MessageClassifier;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.AuthAssertion;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.authenticity.ReceivedHop;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.Party;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.RemoteResource;
import org.pixelproof.detect.SenderClue;
import org.pixelproof.detect.Signal;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.Header;
import org.pixelproof.preview.Placeholder;
import org.pixelproof.rules.ProvisionKind;
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
 *                             hex digits of the e-mail's SHA-256, or for several e-mails of the SHA-256 of their
 *                             SHA-256s (hex, one per line, in dossier order)
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
 * @param addressTimeline      the complainant's statement about their address set against the first e-mail's date
 *                             and the CNIL recommendation's dates (legal-notes, "Timing")
 * @param pointsToCheck        what the complainant states that the e-mails they received contradict
 *                             ({@link ComplainantCheck#pointsToCheck}: an address none of them was sent to, an address
 *                             given after the first was sent), in the order of the form's fields; the dossier lists
 *                             them to check before sending, and its letters do not state a contradicted date as a
 *                             fact ({@link #addressDateToCheck()}); empty when nothing is contradicted
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
        List<String> unknownProvisionIds,
        AddressTimeline addressTimeline,
        List<ComplainantCheck.Problem> pointsToCheck) {

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
        pointsToCheck = pointsToCheck == null ? List.of() : List.copyOf(pointsToCheck);
    }

    /** The form without {@code pointsToCheck}: nothing the e-mails contradict. */
    public Dossier(String reference, Language language, Instant generatedAt, LocalDate generatedOn,
            String toolVersion, String rulesVersion, Complainant complainant, Verdict verdict, int trackerCount,
            List<KindGroup> learnings, Organisation organisation, List<EmailRecord> emails,
            List<RecurringIdentifier> recurringIdentifiers, List<CopyComparison> copyComparisons,
            List<LegalGround> legalGrounds, PriorSteps priorSteps, List<String> caveats,
            List<String> unknownProvisionIds, AddressTimeline addressTimeline) {
        this(reference, language, generatedAt, generatedOn, toolVersion, rulesVersion, complainant, verdict,
                trackerCount, learnings, organisation, emails, recurringIdentifiers, copyComparisons, legalGrounds,
                priorSteps, caveats, unknownProvisionIds, addressTimeline, List.of());
    }

    /**
     * @return true when the date the complainant gives for their address (the exact date, or the years of their own
     *         words) comes after the first e-mail they received was sent (point {@code address-given-after-message}):
     *         the sender had the address before. The dossier then does not place the collection of the address
     *         against the CNIL recommendation's dates, and the complaint marks that date "to check" instead of
     *         stating it
     */
    public boolean addressDateToCheck() {
        return pointsToCheck.stream().anyMatch(p -> ComplainantCheck.ADDRESS_GIVEN_AFTER_MESSAGE.equals(p.code()));
    }

    /**
     * @return this dossier with the renderings of the messages left out (their annex then says so): the fallback
     *         when a message's own HTML cannot be laid out by the PDF renderer
     */
    public Dossier withoutRenderings() {
        List<EmailRecord> plain = emails.stream().map(e -> e.withPreview("")).toList();
        return new Dossier(reference, language, generatedAt, generatedOn, toolVersion, rulesVersion, complainant,
                verdict, trackerCount, learnings, organisation, plain, recurringIdentifiers, copyComparisons,
                legalGrounds, priorSteps, caveats, unknownProvisionIds, addressTimeline, pointsToCheck);
    }

    /**
     * @param other the language wanted
     * @return this dossier written in {@code other} (the findings do not depend on the language): e.g. the French
     *         complaint of an English dossier, since the CNIL processes complaints in French
     */
    public Dossier inLanguage(Language other) {
        Language l = other == null ? Language.FR : other;
        return l == language ? this : new Dossier(reference, l, generatedAt, generatedOn, toolVersion, rulesVersion,
                complainant, verdict, trackerCount, learnings, organisation, emails, recurringIdentifiers,
                copyComparisons, legalGrounds, priorSteps, caveats, unknownProvisionIds, addressTimeline,
                pointsToCheck);
    }

    /**
     * @param otherLabel the label of a copy received by someone else
     * @return the one value that differs between that copy and the complainant's, when the comparison found exactly
     *         one (besides the Message-ID), else {@code null}
     */
    public SingleDifference singleDifference(String otherLabel) {
        return singleDifference(copyComparisons, otherLabel,
                emails.stream().filter(EmailRecord::ownCopy).map(EmailRecord::label).toList());
    }

    /**
     * @param comparisons the comparisons of copies
     * @param otherLabel  the label of a copy received by someone else
     * @param ownLabels   the labels of the complainant's own copies
     * @return the one value that differs between that copy and one of the complainant's, or {@code null}
     */
    static SingleDifference singleDifference(List<CopyComparison> comparisons, String otherLabel,
            List<String> ownLabels) {
        for (CopyComparison c : comparisons) {
            if (c.values().size() != 1) {
                continue;
            }
            DifferingValue v = c.values().get(0);
            if (c.emailB().equals(otherLabel) && ownLabels.contains(c.emailA())) {
                return new SingleDifference(v.parameter(), v.valueA(), v.valueB());
            }
            if (c.emailA().equals(otherLabel) && ownLabels.contains(c.emailB())) {
                return new SingleDifference(v.parameter(), v.valueB(), v.valueA());
            }
        }
        return null;
    }

    /** @return the number of trackers in the e-mails the complainant received themselves. */
    public int ownTrackerCount() {
        return ownEmails().stream().mapToInt(e -> e.trackers().size()).sum();
    }

    /** @return true when the complainant received more than one of the e-mails themselves. */
    public boolean severalOwnEmails() {
        return ownEmails().size() > 1;
    }

    /** @return the kinds of tracker in the e-mails the complainant received, in the order of {@link #learnings()}. */
    public List<TrackerKind> ownKinds() {
        List<TrackerKind> kinds = ownEmails().stream().flatMap(e -> e.trackers().stream()).map(TrackerRow::kind)
                .distinct().toList();
        return learnings.stream().map(KindGroup::kind).filter(kinds::contains).toList();
    }

    /**
     * @return true when an e-mail the complainant received carries a tracker that reports the opening of the message
     *         (tracking pixel, CSS beacon, other web beacon, read-receipt request): the letters may then say the
     *         sender can know whether and when it was opened. Click tracking alone reports clicks, not the opening.
     */
    public boolean ownOpenTracking() {
        return ownKinds().stream().anyMatch(Dossier::reportsOpening);
    }

    /** @return true when an e-mail the complainant received carries click tracking (tracked links). */
    public boolean ownClickTracking() {
        return ownKinds().contains(TrackerKind.CLICK_TRACKING);
    }

    /**
     * @param kind a kind of tracker
     * @return true when a tracker of that kind reports the opening of the message (everything but click tracking,
     *         which reports a click on a link)
     */
    static boolean reportsOpening(TrackerKind kind) {
        return kind != TrackerKind.CLICK_TRACKING;
    }

    /** @return the e-mails the complainant received themselves. */
    public List<EmailRecord> ownEmails() {
        return emails.stream().filter(EmailRecord::ownCopy).toList();
    }

    /** @return the numbers of the sections, contiguous whatever sections this dossier has. */
    public SectionNumbers sections() {
        return SectionNumbers.of(severalEmails());
    }

    /** @return the e-mails received by someone other than the complainant (copies produced with their agreement). */
    public List<EmailRecord> othersCopies() {
        return emails.stream().filter(e -> !e.ownCopy()).toList();
    }

    /** @return true when at least one e-mail was received by someone other than the complainant. */
    public boolean hasOthersCopies() {
        return emails.stream().anyMatch(e -> !e.ownCopy());
    }

    /**
     * @return the e-mails the complainant received themselves in which trackers were found without any visible
     *         consent or opt-out marker (verdict {@code TRACKING_WITHOUT_CONSENT_MARKERS}), in dossier order: what
     *         the complaint says carries "no information about this tracking"
     */
    public List<EmailRecord> ownWithoutMarkers() {
        return ownEmails().stream().filter(e -> e.verdict() == Verdict.TRACKING_WITHOUT_CONSENT_MARKERS).toList();
    }

    /**
     * @return the e-mails the complainant received themselves whose trackers come with consent or opt-out markers
     *         (verdict {@code TRACKING_WITH_CONSENT_MARKERS}), in dossier order
     */
    public List<EmailRecord> ownWithMarkers() {
        return ownEmails().stream().filter(e -> e.verdict() == Verdict.TRACKING_WITH_CONSENT_MARKERS).toList();
    }

    /** @return the e-mails the complainant received themselves that are classified as marketing, in dossier order. */
    public List<EmailRecord> ownMarketing() {
        return ownEmails().stream().filter(e -> e.messageClass() == MessageClass.MARKETING).toList();
    }

    /**
     * @param claim one of {@link EmailRecord#stopMeansClaim()}'s values ({@code marketing}, {@code uncertain}...)
     * @return the e-mails the complainant received themselves for which the dossier may make that claim about the
     *         means to stop the mailing, in dossier order
     */
    public List<EmailRecord> ownStopMeans(String claim) {
        return ownEmails().stream().filter(e -> e.stopMeansClaim().equals(claim)).toList();
    }

    /** @return the labels of the e-mails classified as marketing, in dossier order. */
    public List<String> marketingLabels() {
        return emails.stream().filter(e -> e.messageClass() == MessageClass.MARKETING).map(EmailRecord::label)
                .toList();
    }

    /**
     * @param caveat a caveat code ({@link #caveats()})
     * @return the labels of the e-mails whose own caveats hold that code, in dossier order ({@code E1}, {@code E3}):
     *         for the dossier to say which of several messages a caveat is about; empty for a caveat of the dossier
     *         as a whole
     */
    public List<String> labelsWith(String caveat) {
        return emails.stream().filter(e -> e.caveats().contains(caveat)).map(EmailRecord::label).toList();
    }

    /**
     * The e-mails in the order the complaint's facts state them: each of the complainant's own e-mails (in dossier
     * order), followed by the copies of the same campaign that other people received and that were compared with it
     * ({@link #copyComparisons()}); copies of others compared with none of the complainant's come last. A copy of
     * someone else is thus never stated before the complainant's own copy it refers to ("the same day", "the same
     * e-mail"), whatever order the e-mails were given in.
     *
     * @return one fact per e-mail, every e-mail once
     */
    public List<Fact> facts() {
        List<Fact> out = new ArrayList<>();
        List<EmailRecord> others = othersCopies();
        Map<String, EmailRecord> ownByLabel = new java.util.LinkedHashMap<>();
        ownEmails().forEach(e -> ownByLabel.put(e.label(), e));
        Map<EmailRecord, EmailRecord> copyOf = new java.util.IdentityHashMap<>();
        for (EmailRecord o : others) {
            String label = ownCopyCompared(o.label(), List.copyOf(ownByLabel.keySet()));
            if (label != null) {
                copyOf.put(o, ownByLabel.get(label));
            }
        }
        for (EmailRecord own : ownByLabel.values()) {
            out.add(new Fact(own, null, false));
            for (EmailRecord o : others) {
                if (copyOf.get(o) == own) {
                    boolean sameDay = o.receivedDate() != null && o.receivedDate().equals(own.receivedDate());
                    out.add(new Fact(o, own, sameDay));
                }
            }
        }
        others.stream().filter(o -> !copyOf.containsKey(o)).forEach(o -> out.add(new Fact(o, null, false)));
        return out;
    }

    /**
     * @return the label of the complainant's copy that the copy {@code otherLabel} was compared with: the one whose
     *         comparison found a single differing value ({@link #singleDifference(String)}) when there is one, else
     *         the first compared; {@code null} when none of the complainant's copies was compared with it
     */
    private String ownCopyCompared(String otherLabel, List<String> ownLabels) {
        String first = null;
        for (CopyComparison c : copyComparisons) {
            String own = c.emailA().equals(otherLabel) ? c.emailB()
                    : c.emailB().equals(otherLabel) ? c.emailA() : null;
            if (own == null || !ownLabels.contains(own)) {
                continue;
            }
            if (c.values().size() == 1) {
                return own;
            }
            if (first == null) {
                first = own;
            }
        }
        return first;
    }

    /**
     * One e-mail as the complaint's facts state it ({@link #facts()}).
     *
     * @param email   the e-mail
     * @param copyOf  for a copy received by someone else, the complainant's copy of the same campaign it was compared
     *                with (stated just before it), else {@code null}
     * @param sameDay true when {@code copyOf} is set and both copies were received on the same day: the sentence then
     *                starts "Le même jour" / "The same day" instead of repeating the date
     */
    public record Fact(EmailRecord email, EmailRecord copyOf, boolean sameDay) {
    }

    /** @return true when a prior request to the sender was stated (the CNIL can then be asked about its follow-up). */
    public boolean priorRequestGiven() {
        return priorSteps != null && !priorSteps.none();
    }

    /**
     * Whether this dossier supports a complaint: at least one tracker was found in an e-mail the complainant received
     * themselves. When none was (verdict {@code NO_TRACKING_FOUND}), there is nothing to complain about: the dossier
     * says so, prepares no letter, and {@link DossierTemplates#letterText} gives, for any letter, a short note saying
     * why no letter is prepared instead of a complaint about tracking that was not found.
     *
     * @return true when a complaint (and the letters) can be made from this dossier
     * @see DossierBuilder#complaintPossible(java.util.Collection)
     */
    public boolean complaintPossible() {
        return ownTrackerCount() > 0;
    }

    /**
     * @return the letters this dossier prepares, in their order: none when {@link #complaintPossible()} is false; no
     *         DPO letter when the message may impersonate the organisation it names
     *         ({@link #possibleImpersonation()}); else all of {@link LetterKind}
     */
    public List<LetterKind> letterKinds() {
        if (!complaintPossible()) {
            return List.of();
        }
        return java.util.Arrays.stream(LetterKind.values())
                .filter(k -> k != LetterKind.DPO_REQUEST || !possibleImpersonation()).toList();
    }

    /** @return true when the DPO letter must not be sent: the message may impersonate the organisation it names. */
    public boolean possibleImpersonation() {
        return organisation != null && organisation.impersonation() != null;
    }

    /** @return true when an e-mail of the case was received before the GDPR applied (25 May 2018). */
    public boolean anyBeforeGdpr() {
        return emails.stream().anyMatch(EmailRecord::receivedBeforeGdpr);
    }

    /** @return the vendors of the case that are established outside the EU/EEA and receive loads from trackers. */
    public List<VendorRow> vendorsOutsideEea() {
        return organisation == null ? List.of() : organisation.vendors().stream()
                .filter(v -> v.outsideEea() && !v.trackerIds().isEmpty()).toList();
    }

    /**
     * The numbers of the dossier's sections. The section on several messages exists only when the dossier gathers
     * more than one; the sections after it are numbered on, so that the numbering stays contiguous.
     *
     * @param multi the section on several messages, or {@code 0} when the dossier has one message
     */
    public record SectionNumbers(int summary, int complainant, int organisation, int message, int trackers,
            int learns, int markers, int exemptions, int timeline, int authenticity, int multi, int legal,
            int limits, int prior, int letters) {

        static SectionNumbers of(boolean several) {
            int n = several ? 1 : 0;
            return new SectionNumbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, several ? 11 : 0, 11 + n, 12 + n, 13 + n,
                    14 + n);
        }
    }

    /**
     * The complainant's statement about their address, set against the first e-mail's date and the CNIL
     * recommendation's dates, for the timeline's conclusion (legal-notes, "Timing": the tool cannot know when an
     * address was collected, so it asks and words its conclusion accordingly).
     *
     * @param period       before or after the recommendation's publication, from the complainant's date or choice;
     *                     {@code null} when not stated, or when the date stated comes after the message was sent
     *                     ({@link Dossier#addressDateToCheck()})
     * @param givenOn      the exact date they gave, or {@code null}
     * @param neverGiven   true when they state they never gave it
     * @param published    the recommendation's publication (14 April 2026 in the rule data), or {@code null}
     * @param listsDeadline the end of the period to inform existing lists (about 14 July 2026, uncertain), or
     *                     {@code null}
     * @param received     the first e-mail's received date, or {@code null}
     * @param fromWords    true when the period was read from the complainant's own words (e.g. "en septembre
     *                     2016") rather than from a date or a choice they gave
     * @param window       where that date falls: {@code before-gdpr}, {@code before-recommendation},
     *                     {@code transition} (between publication and the lists' deadline), {@code after-transition},
     *                     {@code unknown}
     * @param noticeFound  true when the e-mail carries a notice about tracking
     */
    public record AddressTimeline(AddressPeriod period, LocalDate givenOn, boolean neverGiven, LocalDate published,
            LocalDate listsDeadline, LocalDate received, String window, boolean noticeFound, boolean fromWords) {

        /** @return true when the address was given on or after the recommendation's publication. */
        public boolean givenAfter() {
            return period == AddressPeriod.AFTER_RECOMMENDATION;
        }

        /** @return true when the address was given before the recommendation's publication. */
        public boolean givenBefore() {
            return period == AddressPeriod.BEFORE_RECOMMENDATION;
        }

        /** @return true when the complainant said nothing about when. */
        public boolean unknown() {
            return period == null && !neverGiven;
        }

        /** @return true when the message was received before the GDPR applied. */
        public boolean beforeGdpr() {
            return "before-gdpr".equals(window);
        }

        /** @return true when the message was received after the period to inform existing lists. */
        public boolean afterTransition() {
            return "after-transition".equals(window);
        }

        /** @return true when the message was received during the period to inform existing lists. */
        public boolean inTransition() {
            return "transition".equals(window);
        }

        /** @return true when the message was received before the recommendation's publication (GDPR applying). */
        public boolean beforeRecommendation() {
            return "before-recommendation".equals(window);
        }
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

    /**
     * @return the extension of the attached originals, for the dossier's example of checking a fingerprint
     *         ({@code sha256sum file.msg}): {@code .msg} when every original is an Outlook file
     *         ({@link EmailRecord#outlookMsg()}), attached as such, else {@code .eml}; see also {@link #mixedOriginals()}
     */
    public String originalExtension() {
        return emails.stream().allMatch(EmailRecord::outlookMsg) ? ".msg" : ".eml";
    }

    /** @return true when some originals are Outlook {@code .msg} files and others {@code .eml} messages. */
    public boolean mixedOriginals() {
        return emails.stream().anyMatch(EmailRecord::outlookMsg) && !emails.stream().allMatch(EmailRecord::outlookMsg);
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
     * @param perRecipientIds the trackers of {@code trackerIds} that carry a per-recipient identifier, in the same
     *                     order (the others carry none that could be established)
     */
    public record KindGroup(TrackerKind kind, List<String> trackerIds, boolean perRecipient,
            List<String> perRecipientIds) {
        public KindGroup {
            trackerIds = List.copyOf(trackerIds);
            perRecipientIds = perRecipientIds == null ? List.of() : List.copyOf(perRecipientIds);
        }

        /** The form without the list of per-recipient trackers (all of them when {@code perRecipient}). */
        public KindGroup(TrackerKind kind, List<String> trackerIds, boolean perRecipient) {
            this(kind, trackerIds, perRecipient, perRecipient ? trackerIds : List.of());
        }

        /** @return true when every tracker of the group carries a per-recipient identifier. */
        public boolean allPerRecipient() {
            return !trackerIds.isEmpty() && perRecipientIds.size() == trackerIds.size();
        }

        /** @return how many trackers of the group carry no per-recipient identifier that could be established. */
        public int withoutIdentifierCount() {
            return trackerIds.size() - perRecipientIds.size();
        }

        /** @return true when some, but not all, of the trackers carry a per-recipient identifier. */
        public boolean somePerRecipient() {
            return !perRecipientIds.isEmpty() && perRecipientIds.size() < trackerIds.size();
        }
    }

    /**
     * Where a finding was made in the original message. The templates word it per language from the structured
     * components ({@code element}, {@code attribute}, {@code cssRule}), never from the English {@code where}.
     *
     * @param partPath  the MIME part path ({@code "1.2"})
     * @param where     the element and attribute, or header, in English ({@code "part 1.2, <img src>"}), for logs;
     *                  not shown in the dossier
     * @param excerpt   the exact source excerpt, at most 1,000 characters, or {@code null}
     * @param element   the HTML element ({@code img}, {@code td}), {@code header} for a header field, {@code text}
     *                  for the text of a plain-text part, or {@code null} when unknown
     * @param attribute the attribute or CSS property ({@code src}, {@code background-image}), or the header name
     * @param cssRule   the CSS rule it was found in, or {@code null}
     */
    public record Evidence(String partPath, String where, String excerpt, String element, String attribute,
            String cssRule) {

        /** The original three-component form, without structured location. */
        public Evidence(String partPath, String where, String excerpt) {
            this(partPath, where, excerpt, null, null, null);
        }

        /** @return true when the finding is a header field. */
        public boolean header() {
            return "header".equals(element);
        }

        /** @return true when the finding is in the text of a plain-text part. */
        public boolean plainText() {
            return "text".equals(element);
        }
    }

    /**
     * One e-mail of the case.
     *
     * @param label          {@code E1}, {@code E2}...
     * @param analysisId     the analysis's identifier; never printed: in the web app it is the secret that gives access to
     *                       the stored analysis, and the dossier is meant to be sent to others
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
     * @param caveats        the assessment's caveat codes, with the dossier's own ({@code received-before-gdpr})
     * @param original       the original bytes, attached to the PDF (do not modify the array): the {@code .eml}, or
     *                       the Outlook {@code .msg} file ({@link #outlookMsg()})
     * @param links          the message's hyperlinks, numbered {@code L1}, {@code L2}... in document order
     * @param ownCopy        true when the complainant received this copy (their address is among its recipients, or,
     *                       when their address is not given, it shares a recipient with the first e-mail); false for
     *                       a copy received by someone else, which needs that person's agreement to be produced
     * @param receivedBeforeGdpr true when it was received before the GDPR applied (25 May 2018, rule data)
     * @param copyDifference for a copy received by someone else, the one value that differs from the complainant's
     *                       copy, when the comparison found exactly one (besides the Message-ID); else {@code null}
     * @param setAside       the analysis's click trackers that are ordinary links of the sender's own site
     *                       ({@link RecipientTokens#isOrdinaryLink}: no redirection, no identifier once the values
     *                       the same in another person's copy, or left unfilled by an earlier version, are left out):
     *                       not counted as trackers, listed so that the reader sees why a number is missing
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
            List<LinkRow> links,
            boolean ownCopy,
            boolean receivedBeforeGdpr,
            SingleDifference copyDifference,
            List<TrackerRow> setAside,
            boolean previewTruncated) {

        /**
         * Most trackers of one message given a card of their own in the trackers section and a source excerpt in
         * annex B: 100. Every tracker keeps its row in the section's table and counts everywhere; past this number the
         * dossier says how many more there are and where to find them (the attached original, the analysis), so that
         * a message built with a thousand pixels gives a dossier that can be read and drawn in bounded memory
         * (1,200 pixels gave 577 pages).
         */
        public static final int MAX_DETAILED_TRACKERS = 100;
        /** Longest base name of an attached original, in characters (its end is kept): 100. */
        public static final int MAX_ATTACHED_BASE_NAME = 100;
        /** Longest attachment name the dossier's text writes whole, in characters: 60. */
        public static final int MAX_SHOWN_ATTACHMENT_NAME = 60;

        public EmailRecord {
            setAside = List.copyOf(setAside);
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
            links = List.copyOf(links);
        }

        /** @return the trackers given a card and an excerpt: the first {@link #MAX_DETAILED_TRACKERS}, in order */
        public List<TrackerRow> detailedTrackers() {
            return trackers.size() <= MAX_DETAILED_TRACKERS ? trackers : trackers.subList(0, MAX_DETAILED_TRACKERS);
        }

        /** @return how many trackers have a table row but neither a card nor an excerpt (0 when few) */
        public int undetailedTrackers() {
            return Math.max(0, trackers.size() - MAX_DETAILED_TRACKERS);
        }

        /** @return the number of the first tracker without a card ({@code T101}), or {@code null} when none */
        public String firstUndetailedTracker() {
            return undetailedTrackers() == 0 ? null : trackers.get(MAX_DETAILED_TRACKERS).id();
        }

        /** @return the number of the last tracker, or {@code null} when there is none */
        public String lastTracker() {
            return trackers.isEmpty() ? null : trackers.get(trackers.size() - 1).id();
        }

        /** @return this record with another rendering ({@code ""}: none). */
        public EmailRecord withPreview(String xhtml) {
            return new EmailRecord(label, analysisId, fileName, sha256, sizeBytes, analysedAt, rulesVersion, message,
                    verdict, trackers, remoteContent, markersFound, markersMissing, messageClass, cues, exemptions,
                    receivedDate, timeline, authenticity, headers, xhtml, placeholders, anomalies, caveats, original,
                    links, ownCopy, receivedBeforeGdpr, copyDifference, setAside, previewTruncated);
        }

        /**
         * @return the file's name without the folder it was read from (a local path says nothing to the CNIL and
         *         may reveal the user's folders), or {@code null}
         */
        public String fileBaseName() {
            if (fileName == null || fileName.isBlank()) {
                return null;
            }
            String n = fileName.replace('\\', '/');
            return n.substring(n.lastIndexOf('/') + 1);
        }

        /**
         * @return the name the original is attached to the dossier's PDF under: the label, a hyphen and the file's
         *         base name ({@link #fileBaseName()}) with its control and reserved characters ({@code "*:<>?|}) made
         *         {@code _}, kept to its last {@value #MAX_ATTACHED_BASE_NAME} characters, and ending with {@code .eml}
         *         as the bytes attached are ({@code .msg} for an Outlook file, {@link #outlookMsg()}); without a
         *         usable name, {@code E1-message.eml}
         */
        public String attachmentName() {
            String extension = outlookMsg() ? ".msg" : ".eml";
            String base = fileBaseName() == null ? ""
                    : fileBaseName().replaceAll("[\\p{Cntrl}\"*:<>?|]", "_").strip();
            if (base.isEmpty()) {
                base = "message";
            }
            if (base.length() > MAX_ATTACHED_BASE_NAME) {
                base = base.substring(base.length() - MAX_ATTACHED_BASE_NAME);
            }
            return label + "-" + (base.toLowerCase(Locale.ROOT).endsWith(extension) ? base : base + extension);
        }

        /**
         * @return {@link #attachmentName()} as the dossier's text writes it: whole up to
         *         {@value #MAX_SHOWN_ATTACHMENT_NAME} characters; a longer name keeps its start and its end around an
         *         ellipsis ({@code E1-Re_ Votre commande…2024-05-12.eml}), enough to find it in the PDF reader's
         *         attachments panel, where its label comes first
         */
        public String attachmentNameShown() {
            String name = attachmentName();
            if (name.length() <= MAX_SHOWN_ATTACHMENT_NAME) {
                return name;
            }
            int head = (MAX_SHOWN_ATTACHMENT_NAME - 1) / 2;
            int tail = MAX_SHOWN_ATTACHMENT_NAME - 1 - head;
            return name.substring(0, head) + "\u2026" + name.substring(name.length() - tail);
        }

        /**
         * @return true when {@link #original()} is an Outlook {@code .msg} file (an OLE2 compound document, [MS-OXMSG])
         *         that was converted to RFC 5322 for the analysis ({@code CONVERTED_FROM_OUTLOOK_MSG}), not an
         *         {@code .eml}: it is attached as it is, under a {@code .msg} name
         */
        public boolean outlookMsg() {
            return anomalies.stream().anyMatch(a -> a.code() == AnomalyCode.CONVERTED_FROM_OUTLOOK_MSG);
        }

        /** @return true when the message carries neither an unsubscribe link nor a List-Unsubscribe header. */
        public boolean noWayToStop() {
            return !has(ConsentMarkerType.UNSUBSCRIBE_LINK) && !has(ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER);
        }

        /**
         * What the dossier may say of a message without any means to stop the mailing, given its class: CPCE art.
         * L34-5 requires that means in direct-marketing messages only (legal-notes.md, "Marketing email itself").
         *
         * @return {@code "marketing"} (no means to stop, classified marketing: L34-5 is engaged), {@code "uncertain"}
         *         (no means to stop, class {@code UNKNOWN}: L34-5 only if the message is direct marketing, which one
         *         message does not establish), {@code "not-marketing"} (no means to stop, classified transactional,
         *         security or personal: L34-5 is not engaged, nothing is to be claimed), or {@code "none"} (an
         *         unsubscribe link or a List-Unsubscribe header is there)
         */
        public String stopMeansClaim() {
            if (!noWayToStop()) {
                return "none";
            }
            return switch (messageClass == null ? MessageClass.UNKNOWN : messageClass) {
                case MARKETING -> "marketing";
                case UNKNOWN -> "uncertain";
                default -> "not-marketing";
            };
        }

        /** @return true when a classification cue points to an account or transactional context. */
        public boolean accountCues() {
            return cues.stream().anyMatch(c -> c.pointsTo() == MessageClass.TRANSACTIONAL);
        }

        /**
         * @return true when the subject states a confirmation (cue {@code subject-confirmation}) and the message also
         *         has list headers ({@code List-Unsubscribe}, {@code List-Id}, {@code Precedence: bulk}), which the
         *         classification then does not count (see {@link MessageClassifier})
         */
        public boolean listHeadersNotCounted() {
            return cues.stream().anyMatch(c -> c.code().equals(MessageClassifier.SUBJECT_CONFIRMATION))
                    && !subscriptionConfirmation()
                    && cues.stream().anyMatch(c -> c.code().equals(MessageClassifier.LIST_UNSUBSCRIBE_HEADER)
                            || c.code().equals(MessageClassifier.LIST_ID_HEADER)
                            || c.code().equals(MessageClassifier.PRECEDENCE_BULK));
        }

        /**
         * @return true when the message asks to confirm a subscription and has the link that does it (cue
         *         {@code subscription-confirmation}, double opt-in): a message its recipient asked for
         */
        public boolean subscriptionConfirmation() {
            return cues.stream().anyMatch(c -> c.code().equals(MessageClassifier.SUBSCRIPTION_CONFIRMATION));
        }

        /**
         * @return true when the message asks to confirm a subscription and also has cues that such a request carries
         *         like any message of its sender (list headers, unsubscribe link, marketing vendor, newsletter
         *         wording), which the classification then does not count (see {@link MessageClassifier})
         */
        public boolean confirmationCuesNotCounted() {
            return subscriptionConfirmation() && cues.stream().anyMatch(c -> c.pointsTo() == MessageClass.MARKETING
                    && !c.code().equals("promotional-wording") && !c.code().equals("marketing-wording"));
        }

        /** @return the links to a vendor's subscription-confirmation endpoint, not counted as click tracking. */
        public List<LinkRow> confirmationLinks() {
            return links.stream().filter(LinkRow::subscriptionConfirmation).toList();
        }

        /** @return the cues that point to marketing. */
        public List<ClassificationCue> marketingCues() {
            return cues.stream().filter(c -> c.pointsTo() == MessageClass.MARKETING).toList();
        }

        /** @return the links of one tracker, in document order. */
        public List<LinkRow> linksOf(String trackerId) {
            return links.stream().filter(l -> trackerId.equals(l.trackerId())).toList();
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
     * @param fromName            the From display name, decoded, or {@code null}
     * @param fromAddress         the From address as written, its domain in lower case (the local part is
     *                            case-sensitive, RFC 5321 section 2.4), or {@code null}
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
            List<String> dkimDomains,
            String fromName,
            String fromAddress) {
        public MessageIdentification {
            deliveredTo = List.copyOf(deliveredTo);
            dkimDomains = List.copyOf(dkimDomains);
        }

        /**
         * @return true when the subject holds an emoji (a pictograph of U+2300..U+2BFF or U+1F000..U+1FAFF), which
         *         the PDF draws as a small square: the dossier then says so next to the subject
         */
        public boolean subjectHasEmoji() {
            return subject != null && subject.codePoints().anyMatch(cp -> (cp >= 0x1F000 && cp <= 0x1FAFF)
                    || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2300 && cp <= 0x23FF)
                    || (cp >= 0x2B00 && cp <= 0x2BFF));
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
     * @param wrappedBy            the recipient-side link wrapper looked through, by its display name, or {@code null}
     * @param confidence           high, medium, low
     * @param signals              the signals behind the finding
     * @param ruleId               the rule that matched
     * @param evidence             where it was found, with the source excerpt
     * @param linkIds              for click tracking, the links ({@code L3}...) it stands for, in document order
     * @param signalRows           the signals as codes with their language-neutral values, for wording per language
     * @param identifierRows       the recipient's address found in it, with its encoding and place as codes
     * @param hiddenByCodes        how it is hidden, as stable codes to be worded per language
     *                             ({@link org.pixelproof.detect.Tracker#hiddenByCodes()}); empty when the analysis
     *                             gives none (the templates then word {@link #hidingSignals()})
     * @param conditionCode        the context a conditional CSS rule fires in, as a stable code
     *                             ({@link org.pixelproof.detect.Tracker#conditionCode()}), or {@code null}
     * @param partyCode            who runs the host, worded carefully, as a stable code
     *                             ({@link org.pixelproof.detect.Tracker#partyCode()}), or {@code null} (the templates
     *                             then word {@code party})
     * @param tokenRows            {@code perRecipientTokens} with the link each was read in; empty from older callers
     *                             (the templates then show {@code perRecipientTokens})
     * @param sameInOtherCopy      the tokens of the analysis ({@code name=value}) left out of
     *                             {@code perRecipientTokens} because another person's copy of the campaign, in the same
     *                             dossier, carries the same value: a campaign or account id, the same for both; empty
     *                             when no copy was compared. Says why the dossier may count fewer identifiers (or
     *                             trackers, see {@link EmailRecord#setAside()}) than the analysis of the e-mail alone
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
            Evidence evidence,
            List<String> linkIds,
            List<SignalRow> signalRows,
            List<IdentifierRow> identifierRows,
            List<String> hiddenByCodes,
            String conditionCode,
            String partyCode,
            List<TokenRow> tokenRows,
            List<String> sameInOtherCopy) {
        public TrackerRow {
            sameInOtherCopy = sameInOtherCopy == null ? List.of() : List.copyOf(sameInOtherCopy);
            tokenRows = tokenRows == null ? List.of() : List.copyOf(tokenRows);
            hiddenByCodes = hiddenByCodes == null ? List.of() : List.copyOf(hiddenByCodes);
            identifierRows = List.copyOf(identifierRows);
            linkIds = List.copyOf(linkIds);
            signalRows = List.copyOf(signalRows);
            hiddenBy = List.copyOf(hiddenBy);
            recipientIdentifiers = List.copyOf(recipientIdentifiers);
            perRecipientTokens = List.copyOf(perRecipientTokens);
            perRecipientReasons = List.copyOf(perRecipientReasons);
            signals = List.copyOf(signals);
        }

        /** The form without the tokens' links. */
        public TrackerRow(String id, TrackerKind kind, String url, String host, String vendor, String vendorLegalName,
                String vendorCountry, boolean outsideEea, Party party, List<String> hiddenBy,
                List<RecipientIdentifier> recipientIdentifiers, List<String> perRecipientTokens,
                List<String> perRecipientReasons, String destination, String wrappedBy, Confidence confidence,
                List<Signal> signals, String ruleId, Evidence evidence, List<String> linkIds,
                List<SignalRow> signalRows, List<IdentifierRow> identifierRows, List<String> hiddenByCodes,
                String conditionCode, String partyCode) {
            this(id, kind, url, host, vendor, vendorLegalName, vendorCountry, outsideEea, party, hiddenBy,
                    recipientIdentifiers, perRecipientTokens, perRecipientReasons, destination, wrappedBy, confidence,
                    signals, ruleId, evidence, linkIds, signalRows, identifierRows, hiddenByCodes, conditionCode,
                    partyCode, List.of(), List.of());
        }

        /** The form without the stable codes. */
        public TrackerRow(String id, TrackerKind kind, String url, String host, String vendor, String vendorLegalName,
                String vendorCountry, boolean outsideEea, Party party, List<String> hiddenBy,
                List<RecipientIdentifier> recipientIdentifiers, List<String> perRecipientTokens,
                List<String> perRecipientReasons, String destination, String wrappedBy, Confidence confidence,
                List<Signal> signals, String ruleId, Evidence evidence, List<String> linkIds,
                List<SignalRow> signalRows, List<IdentifierRow> identifierRows) {
            this(id, kind, url, host, vendor, vendorLegalName, vendorCountry, outsideEea, party, hiddenBy,
                    recipientIdentifiers, perRecipientTokens, perRecipientReasons, destination, wrappedBy, confidence,
                    signals, ruleId, evidence, linkIds, signalRows, identifierRows, List.of(), null, null,
                    List.of(), List.of());
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

        /**
         * @return how the recipient's address is written in it, each form once, in the order the identifiers are
         *         listed; empty when no identifier row says (the letters then name no encoding)
         */
        public List<AddressForm> addressForms() {
            List<AddressForm> out = new ArrayList<>();
            for (IdentifierRow r : identifierRows) {
                AddressForm f = AddressForm.of(r.encoding());
                if (!out.contains(f)) {
                    out.add(f);
                }
            }
            return List.copyOf(out);
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

        /** @return the signals that say how it is hidden from the reader. */
        public List<SignalRow> hidingSignals() {
            return signalRows.stream().filter(SignalRow::hiding).toList();
        }

        /** @return true when it stands for more than one link. */
        public boolean severalLinks() {
            return linkIds.size() > 1;
        }

        /**
         * @return true when a token shown was read in another link of its group than the one whose URL is shown; a
         *         token of the destination that URL carries encoded ({@code mc_eid} in a base64 destination) is read in
         *         the URL shown
         */
        public boolean tokensFromOtherLinks() {
            return perRecipientTokens.stream().map(RecipientTokens::valueOf).anyMatch(v -> !url.contains(v)
                    && (destination == null || !destination.contains(v)));
        }
    }

    /**
     * One way the recipient's address is written in a tracker, for the letters to say "in plain text", "Base64-encoded"
     * or "hashed (SHA-256)" from what was found rather than "encoded" whatever it was.
     *
     * @param family    {@code plain} (as is), {@code urlencoded} ({@code %40} for {@code @}), {@code verp}
     *                  ({@code local=domain}), {@code base64} (standard or URL alphabet), {@code hex}, {@code hash}
     *                  (a digest, one-way), or {@code other} (an encoding code this version does not know)
     * @param algorithm for {@code hash}, the digest's name as usually written ({@code MD5}, {@code SHA-256},
     *                  {@code SHA-256(MD5)} for nested hashing); for {@code other}, the encoding code; else {@code null}
     */
    public record AddressForm(String family, String algorithm) {
        private static final Map<String, String> DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
                "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

        /**
         * @param encoding an identifier's encoding code ({@link RecipientIdentifier#encoding()}: {@code plain},
         *                 {@code urlencoded}, {@code base64url}, {@code hex-upper}, {@code md5-upper},
         *                 {@code sha256(md5)}...)
         * @return its form; case variants ({@code -upper}) and Base64 alphabets are one form
         */
        public static AddressForm of(String encoding) {
            String e = encoding == null ? "" : encoding.toLowerCase(Locale.ROOT);
            if (e.endsWith("-upper")) {
                e = e.substring(0, e.length() - "-upper".length());
            }
            switch (e) {
                case "plain", "urlencoded", "verp", "hex" -> {
                    return new AddressForm(e, null);
                }
                case "base64", "base64url" -> {
                    return new AddressForm("base64", null);
                }
                default -> {
                    String digest = digestName(e);
                    return digest != null ? new AddressForm("hash", digest) : new AddressForm("other", encoding);
                }
            }
        }

        /** @return {@code MD5}, {@code SHA-256}, {@code SHA-256(MD5)}... or {@code null} when not a digest code. */
        private static String digestName(String code) {
            int open = code.indexOf('(');
            if (open > 0 && code.endsWith(")")) {
                String outer = DIGESTS.get(code.substring(0, open));
                String inner = digestName(code.substring(open + 1, code.length() - 1));
                return outer == null || inner == null ? null : outer + "(" + inner + ")";
            }
            return DIGESTS.get(code);
        }
    }

    /**
     * The recipient's address found in a tracker, with where it is as a code.
     *
     * @param value        the value as it appears
     * @param encoding     plain, urlencoded, base64, md5, sha1, sha256...
     * @param position     {@code query-parameter}, {@code path}, {@code query}, {@code fragment}, {@code host} or
     *                     {@code header}
     * @param positionName the parameter or header name, or {@code null}
     * @param whereCode    where it is as the analysis's stable code
     *                     ({@link RecipientIdentifier#whereCode()}: {@code query}, {@code destination-query}...), to
     *                     be worded per language with {@link org.pixelproof.detect.DetectLabels#where}; {@code null}
     *                     when the analysis gives none (the templates then word {@code position})
     * @param whereName    the parameter or header name that goes with {@code whereCode}, or {@code null}
     * @param foundIn      for click tracking, the link it was read in ({@code L12}, as in the list of links: the
     *                     first that holds it); {@code null} for a pixel, or when no link holds it as written
     */
    public record IdentifierRow(String value, String encoding, String position, String positionName,
            String whereCode, String whereName, String foundIn) {
        /** The form without the analysis's where code. */
        public IdentifierRow(String value, String encoding, String position, String positionName) {
            this(value, encoding, position, positionName, null, null, null);
        }

        /** The form without the link it was read in. */
        public IdentifierRow(String value, String encoding, String position, String positionName, String whereCode,
                String whereName) {
            this(value, encoding, position, positionName, whereCode, whereName, null);
        }
    }

    /**
     * A per-recipient token of a tracker, with the link it was read in.
     *
     * @param value   {@code name=value} or a bare path token, as found in the URL
     * @param foundIn for click tracking, the link it was read in ({@code L12}: the first that holds it); {@code null}
     *                for a pixel, or when no link holds it as written
     */
    public record TokenRow(String value, String foundIn) {
    }

    /**
     * One signal behind a finding, as a code and a language-neutral value the templates word per language (the
     * analysis's own detail is English and is not printed in the French dossier).
     *
     * @param code      the signal code ({@code vendor-rule}, {@code css-size}, {@code hidden-css}...)
     * @param value     a technical value that needs no translation (a rule id, a CSS declaration such as
     *                  {@code height:1px;width:1px}, HTML attributes such as {@code width=1 height=1}, a parameter
     *                  name), or {@code null}
     * @param enclosing the enclosing element that hides it ({@code td}), when not the element itself, else
     *                  {@code null}
     * @param count     a count the signal states (the links a click rule matched), or {@code null}
     */
    public record SignalRow(String code, String value, String enclosing, Integer count) {
        /** The codes of the signals that hide a tracker from the reader. */
        public static final List<String> HIDING = List.of("declared-size", "css-size", "hidden-css", "off-screen",
                "hidden-wrapper");

        /** @return true when this signal says how the tracker is hidden. */
        public boolean hiding() {
            return HIDING.contains(code);
        }
    }

    /**
     * A hyperlink of the message.
     *
     * @param id          {@code L1}, {@code L2}... in document order
     * @param url         as a mail client would follow it
     * @param host        its host, or {@code null} ({@code mailto:})
     * @param text        the visible link text, or {@code ""}
     * @param destination its own decoded destination when it goes through a redirector and the target can be decoded
     *                    offline, else {@code null} (never another link's)
     * @param trackerId   the click tracker it belongs to, or {@code null}
     * @param evidence    where it was found
     * @param role        {@link Link#SUBSCRIPTION_CONFIRMATION} for a vendor's double-opt-in confirmation link
     *                    (functional, not counted as click tracking), else {@code null}
     */
    public record LinkRow(String id, String url, String host, String text, String destination, String trackerId,
            Evidence evidence, String role) {

        /** The seven-component form, without a role. */
        public LinkRow(String id, String url, String host, String text, String destination, String trackerId,
                Evidence evidence) {
            this(id, url, host, text, destination, trackerId, evidence, null);
        }

        /** @return true for a subscription-confirmation link ({@link Link#SUBSCRIPTION_CONFIRMATION}). */
        public boolean subscriptionConfirmation() {
            return Link.SUBSCRIPTION_CONFIRMATION.equals(role);
        }
    }

    /**
     * A consent or information marker found.
     *
     * @param type   which marker
     * @param text   the matched text
     * @param url    the link, or {@code null}
     * @param where  where it was found, in English ({@code "part 1.2, <a href>"}); the templates use
     *               {@code location}
     * @param ruleId the rule that matched
     * @param location where it was found, structured
     */
    public record MarkerRow(ConsentMarkerType type, String text, String url, String where, String ruleId,
            Evidence location) {
    }

    /**
     * The received date against one key date of the legal timeline, with the key date's rule data.
     *
     * @param keyDateId  the key date's id
     * @param date       the key date
     * @param relation   {@code before}, {@code same-day}, {@code after}
     * @param labelFr    what happened that day, French
     * @param labelEn    the same, English
     * @param sourceUrl  its source's address, or {@code null}
     * @param confidence how sure the rule data is of it
     * @param sourceTitle its source cited by title when the address was not recorded, or {@code null}
     */
    public record TimelineRow(String keyDateId, LocalDate date, String relation, String labelFr, String labelEn,
            String sourceUrl, SourceConfidence confidence, String sourceTitle) {

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

        /** @return one row per DKIM signature, with its outcome as a code the templates word per language. */
        public List<DkimRow> dkimRows() {
            return dkim.stream().map(DkimRow::of).toList();
        }

        /**
         * @return true when the receiving server recorded {@code dkim=pass} on arrival while a signature no longer
         *         verifies against the file provided: the file was most likely changed after receipt
         */
        public boolean passedOnArrivalButFailsNow() {
            boolean serverPass = receiverAssertions().stream().anyMatch(a -> "dkim".equalsIgnoreCase(a.method())
                    && "pass".equalsIgnoreCase(a.result()) && !a.doubtful());
            return serverPass && dkim.stream().anyMatch(d -> DkimResult.FAIL.equals(d.result()));
        }

        /**
         * @return the results of the topmost {@code Authentication-Results} field (added last, normally by the
         *         recipient's own provider: RFC 8601 section 5), in their order; empty when there is none. Still what
         *         the message's headers say: a sender can write such a field. For an analysis made before field
         *         positions were recorded (every {@link AuthAssertion#field()} {@code null}), all the
         *         {@code Authentication-Results} assertions, never tied to the receiving server
         */
        public List<AuthAssertion> receiverAssertions() {
            if (!positionsKnown()) {
                return assertions.stream().filter(a -> a.arcInstance() == null).toList();
            }
            return org.pixelproof.authenticity.Authenticity.topmostField(assertions);
        }

        private boolean positionsKnown() {
            return assertions.stream().anyMatch(a -> a.field() != null);
        }

        /** @return the server id of the topmost {@code Authentication-Results} field, or {@code null}. */
        public String receiverAuthServId() {
            return receiverAssertions().stream().map(AuthAssertion::authServId).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null);
        }

        /**
         * @return true when the topmost {@code Authentication-Results} field can be tied to the receiving server as far
         *         as the message shows: nothing in the message contradicts it, and its server id is the {@code by}
         *         host of a {@code Received} field. Not proof (a sender can write both fields), but the dossier then
         *         attributes it to that server; otherwise it says only that the field is in the headers
         */
        public boolean receiverTied() {
            return positionsKnown() && org.pixelproof.authenticity.Authenticity.tiedToReceivingServer(
                    receiverAssertions(), hops);
        }

        /** @return the assertions something in the message contradicts ({@link AuthAssertion#doubts()}), in order. */
        public List<AuthAssertion> doubtfulAssertions() {
            return assertions.stream().filter(AuthAssertion::doubtful).toList();
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
     * One DKIM signature with the reason for its outcome as a code, worded per language by the templates (the
     * verification's own reason is English).
     *
     * @param result     the verification
     * @param reasonCode {@code body-hash-mismatch}, {@code signature-mismatch}, {@code lookups-off},
     *                   {@code lookups-off-body-matches} (no key looked up, but the body hash was checked and matches),
     *                   {@code no-key}, {@code key-revoked}, {@code expired}, {@code weak-key},
     *                   {@code lookup-failed}, {@code malformed}, {@code other}, or {@code null} for a plain pass
     */
    public record DkimRow(DkimResult result, String reasonCode) {
        static DkimRow of(DkimResult d) {
            String r = d.reason() == null ? "" : d.reason().toLowerCase(java.util.Locale.ROOT);
            String code;
            if (DkimResult.PASS.equals(d.result()) && r.isEmpty()) {
                code = null;
            } else if (Boolean.FALSE.equals(d.bodyHashVerified()) || r.contains("body hash mismatch")) {
                code = "body-hash-mismatch";
            } else if (r.contains("signature mismatch") || r.contains("headers altered")) {
                code = "signature-mismatch";
            } else if (DkimResult.NEUTRAL.equals(d.result()) || r.contains("switched off")) {
                // "not verified: DKIM key lookups are switched off (the body hash matches)": the body was checked
                code = Boolean.TRUE.equals(d.bodyHashVerified()) ? "lookups-off-body-matches" : "lookups-off";
            } else if (r.contains("revoked")) {
                code = "key-revoked";
            } else if (r.contains("no key")) {
                code = "no-key";
            } else if (r.contains("expired")) {
                code = "expired";
            } else if (r.contains("sha1") || r.contains("sha-1") || r.contains("bits") || r.contains("too short")) {
                code = "weak-key";
            } else if (DkimResult.TEMPERROR.equals(d.result())) {
                code = "lookup-failed";
            } else if (r.contains("malformed") || r.contains("missing") || r.contains("invalid")) {
                code = "malformed";
            } else {
                code = "other";
            }
            return new DkimRow(d, code);
        }
    }

    /**
     * The sender as data controller: what the message shows of it, where, and what is missing.
     *
     * @param name               the organisation's name (footer, else the From display name), or {@code null}
     * @param fromAddress        the From address as written, its domain in lower case
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
     * @param transferOutsideEea true when a vendor involved is based outside the EU/EEA and receives loads from
     *                           trackers on its own hosts (hosts on the sender's own domain are not attached to a
     *                           vendor's country)
     * @param nameSource         where {@code name} comes from: {@code footer} (the organisation named in the
     *                           message), {@code display-name} (only the From display name, which may be a persona),
     *                           or {@code null} when there is no name
     * @param displayName        the From display name, or {@code null}
     * @param contact            the address to write to for the rights: the DPO contact, else the contact the message
     *                           gives for exercising rights, else a contact address of the sender's domain read in
     *                           the footer; {@code null} when the message shows none
     * @param contactSource      {@code dpo}, {@code rights-contact} or {@code footer-email}, or {@code null}
     * @param clueRows           every clue with where it was read, structured for wording per language, near
     *                           duplicates removed
     * @param impersonation      when the analysis flags a possible impersonation (the message claims to come from an
     *                           organisation it has no visible link with), what it claims and where it really comes
     *                           from; else {@code null}
     * @param privacyPolicyUrlStatus how {@code privacyPolicyUrl} was obtained, a stable code
     *                           ({@link org.pixelproof.detect.SenderIdentity#privacyPolicyUrlStatus()}:
     *                           {@code TRACKED_LINK_DESTINATION_UNKNOWN} when a privacy link exists only as a tracked
     *                           link that cannot be decoded offline), or {@code null}
     * @param identityCaveats    the doubts on the sender's identity, stable codes
     *                           ({@link org.pixelproof.detect.SenderIdentity#identityCaveats()}): empty, or
     *                           {@code SENDER_IDENTITY_DOUBTFUL} followed by its reasons, from any of the e-mails
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
            boolean transferOutsideEea,
            String nameSource,
            String displayName,
            String contact,
            String contactSource,
            List<ClueRow> clueRows,
            Impersonation impersonation,
            String privacyPolicyUrlStatus,
            List<String> identityCaveats) {
        public Organisation {
            identityCaveats = identityCaveats == null ? List.of() : List.copyOf(identityCaveats);
            clueRows = List.copyOf(clueRows);
            dkimDomains = List.copyOf(dkimDomains);
            listUnsubscribe = List.copyOf(listUnsubscribe);
            clues = List.copyOf(clues);
            missing = List.copyOf(missing);
            vendors = List.copyOf(vendors);
            trackerHosts = List.copyOf(trackerHosts);
        }

        /** The form without the privacy link's status and the identity caveats. */
        public Organisation(String name, String fromAddress, String fromDomain, String replyTo, String returnPath,
                List<String> dkimDomains, List<String> listUnsubscribe, String postalAddress, String siren,
                String siret, boolean sirenValid, String privacyPolicyUrl, String dpoContact, List<SenderClue> clues,
                List<String> missing, List<VendorRow> vendors, List<String> trackerHosts, boolean transferOutsideEea,
                String nameSource, String displayName, String contact, String contactSource, List<ClueRow> clueRows,
                Impersonation impersonation) {
            this(name, fromAddress, fromDomain, replyTo, returnPath, dkimDomains, listUnsubscribe, postalAddress,
                    siren, siret, sirenValid, privacyPolicyUrl, dpoContact, clues, missing, vendors, trackerHosts,
                    transferOutsideEea, nameSource, displayName, contact, contactSource, clueRows, impersonation, null,
                    List.of());
        }

        /**
         * @return when the From domain is written with look-alike characters (decision 0034: {@code 𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹}), the
         *         domain it imitates and its exact characters for the record, which the sender section states once
         *         (everywhere else the dossier writes the readable form of {@link LookalikeDomainText}); else
         *         {@code null}
         */
        public DisguisedDomain disguisedFromDomain() {
            if (!LookalikeDomainText.isDisguisedDomain(fromDomain)) {
                return null;
            }
            return new DisguisedDomain(org.pixelproof.ingest.LookalikeCharacters.folded(fromDomain),
                    LookalikeDomainText.codePoints(fromDomain));
        }

        /**
         * @return the SIREN when its check key passes (Luhn, {@link org.pixelproof.detect.SirenCheck#isValidSiren}),
         *         else {@code null}: the only form in which a letter may give it as the organisation's identifier
         */
        public String validSiren() {
            return siren != null && org.pixelproof.detect.SirenCheck.isValidSiren(siren) ? siren : null;
        }

        /**
         * @return the SIREN as written in the message when its check key fails (a typing error, a made-up number, or
         *         not a SIREN at all), else {@code null}; letters quote it only as "written in the message, check key
         *         fails", never as the organisation's identifier
         */
        public String invalidSiren() {
            return siren != null && !org.pixelproof.detect.SirenCheck.isValidSiren(siren) ? siren : null;
        }

        /** @return true when the message names its sender in a way that makes its identity doubtful. */
        public boolean identityDoubtful() {
            return !identityCaveats.isEmpty();
        }

        /** @return the reasons of the doubt (the codes after {@code SENDER_IDENTITY_DOUBTFUL}). */
        public List<String> identityDoubtReasons() {
            return identityCaveats.stream().filter(c -> !"SENDER_IDENTITY_DOUBTFUL".equals(c)).toList();
        }

        /** @return true when the privacy link exists only as a tracked link whose destination cannot be read. */
        public boolean privacyPolicyTrackedOnly() {
            return privacyPolicyUrl == null && "TRACKED_LINK_DESTINATION_UNKNOWN".equals(privacyPolicyUrlStatus);
        }

        /** @return true when {@code field} ({@code siren}, {@code dpo-contact}...) is listed as missing. */
        public boolean isMissing(String field) {
            return missing.contains(field);
        }

        /** @return true when the name is only the From display name (possibly a persona, not the organisation). */
        public boolean nameFromDisplayName() {
            return "display-name".equals(nameSource);
        }

        /**
         * @return true when the postal address read in the message is outside France by its shape
         *         ({@link org.pixelproof.detect.AddressCountry}): the organisation appears to be established abroad,
         *         and no SIREN is asked of it
         */
        public boolean establishedOutsideFrance() {
            org.pixelproof.detect.AddressCountry c = org.pixelproof.detect.AddressCountry.of(postalAddress);
            return c != null && !c.france();
        }

        /** @return the French name of the country of the postal address ("Allemagne"), or {@code null}. */
        public String countryFr() {
            return countryName(Locale.FRENCH);
        }

        /** @return the English name of the country of the postal address ("Germany"), or {@code null}. */
        public String countryEn() {
            return countryName(Locale.ENGLISH);
        }

        private String countryName(Locale locale) {
            org.pixelproof.detect.AddressCountry c = org.pixelproof.detect.AddressCountry.of(postalAddress);
            return c == null ? null : c.name(locale);
        }
    }

    /**
     * One clue about the sender, with where it was read, structured so that the templates word it per language.
     *
     * @param field    {@code from}, {@code organisation-name}, {@code postal-address}...
     * @param value    the value as found
     * @param source   {@code header}, {@code footer}, {@code link} or {@code other}
     * @param location the header name ({@code source} header) or the MIME part path, or the analysis's own English
     *                 description for {@code other}
     * @param email    the e-mail's label ({@code E2}) when the dossier has several, else {@code null}
     * @param evidence  the source excerpt, or {@code null}
     * @param qualifier what the reader must know about the value, a {@link SenderClue#qualifier()} code, or
     *                  {@code null}
     */
    public record ClueRow(String field, String value, String source, String location, String email,
            String evidence, String qualifier) {
        /** A clue with nothing to qualify its value. */
        public ClueRow(String field, String value, String source, String location, String email, String evidence) {
            this(field, value, source, location, email, evidence, null);
        }
    }

    /**
     * A possible impersonation, as flagged by the analysis (caveat {@code possible-impersonation}): the message
     * presents itself as coming from one organisation and was sent from a domain with no visible link to it.
     *
     * @param claimedName   the organisation the message claims to come from (footer), or {@code null}
     * @param claimedDomain that organisation's own domain as the message shows it (e.g. {@code ancv.com}), or
     *                      {@code null}
     * @param sendingDomain the domain it was really sent from (From, DKIM {@code d=})
     * @param displayName   the From display name, or {@code null}
     */
    public record Impersonation(String claimedName, String claimedDomain, String sendingDomain, String displayName) {
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
     * @param kinds      the kinds of the trackers pointing at it, each once, in order of first appearance
     */
    public record VendorRow(String name, String legalName, String country, boolean outsideEea, List<String> hosts,
            List<String> trackerIds, List<String> headers, List<TrackerKind> kinds) {
        public VendorRow {
            hosts = List.copyOf(hosts);
            trackerIds = List.copyOf(trackerIds);
            headers = List.copyOf(headers);
            kinds = List.copyOf(kinds);
        }

        /** @return true when one of its trackers reports the opening (it receives the IP address on opening). */
        public boolean opens() {
            return kinds.stream().anyMatch(Dossier::reportsOpening);
        }

        /** @return true when one of its trackers is click tracking (it receives the IP address on a click). */
        public boolean clicks() {
            return kinds.contains(TrackerKind.CLICK_TRACKING);
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
     * @param differences   the tokens that differ (the Message-ID, different for every message by design, and
     *                      unfilled merge tags are left out)
     * @param values        the distinct values behind those differences, each with where it recurs
     * @param messageIdDiffers true when the Message-IDs differ (they always do: RFC 5322 makes them unique)
     */
    public record CopyComparison(String emailA, String emailB, String recipientA, String recipientB,
            int comparedUrls, int identicalUrls, List<TokenDifference> differences, List<DifferingValue> values,
            boolean messageIdDiffers) {
        public CopyComparison {
            differences = List.copyOf(differences);
            values = List.copyOf(values);
        }

        /** @return the one value that differs, when there is exactly one, else {@code null}. */
        public DifferingValue singleValue() {
            return values.size() == 1 ? values.get(0) : null;
        }
    }

    /**
     * One value that differs between two copies, and everywhere it appears (the pixel, tracked links, other links,
     * header fields): one value repeated everywhere is one recipient identifier.
     *
     * @param valueA      the value in the first copy
     * @param valueB      the value in the second
     * @param parameter   the query parameter that carries it, when one does ({@code e}), else {@code null}
     * @param occurrences the differences it accounts for
     */
    public record DifferingValue(String valueA, String valueB, String parameter, List<TokenDifference> occurrences) {
        public DifferingValue {
            occurrences = List.copyOf(occurrences);
        }

        /** @return the trackers (ids in the first copy) it appears in. */
        public List<String> trackerRefs() {
            return occurrences.stream().filter(o -> o.source().equals("tracker")).map(TokenDifference::refA)
                    .distinct().toList();
        }

        /** @return true when it appears in an open pixel or another beacon loaded on opening. */
        public boolean inPixel() {
            return occurrences.stream().anyMatch(o -> o.trackerKind() != null
                    && o.trackerKind() != TrackerKind.CLICK_TRACKING);
        }

        /** @return true when it appears in a tracked link. */
        public boolean inTrackedLinks() {
            return occurrences.stream().anyMatch(o -> o.trackerKind() == TrackerKind.CLICK_TRACKING);
        }

        /** @return the links (ids in the first copy) that are not trackers it appears in. */
        public List<String> linkRefs() {
            return occurrences.stream().filter(o -> o.source().equals("link")).map(TokenDifference::refA)
                    .distinct().toList();
        }

        /** @return the header fields it appears in. */
        public List<String> headers() {
            return occurrences.stream().filter(o -> o.source().equals("header")).map(TokenDifference::refA)
                    .distinct().toList();
        }

        /**
         * @return where it appears, in reading order: {@code pixel}, {@code tracked-links}, {@code links} (lower
         *         case codes), then the name of each header field ({@code Return-Path}, {@code List-Unsubscribe})
         */
        public List<String> places() {
            List<String> out = new java.util.ArrayList<>();
            if (inPixel()) {
                out.add("pixel");
            }
            if (inTrackedLinks()) {
                out.add("tracked-links");
            }
            if (!linkRefs().isEmpty()) {
                out.add("links");
            }
            out.addAll(headers());
            return out;
        }

        /** @return every place but the last, for "a, b and c". */
        public List<String> placesButLast() {
            List<String> p = places();
            return p.isEmpty() ? p : p.subList(0, p.size() - 1);
        }

        /** @return the last place, or {@code null}. */
        public String lastPlace() {
            List<String> p = places();
            return p.isEmpty() ? null : p.get(p.size() - 1);
        }
    }

    /**
     * What the complaint says of a copy received by someone else when the copies differ by one value only.
     *
     * @param parameter the query parameter that carries it, or {@code null}
     * @param mine      its value in the complainant's copy
     * @param theirs    its value in the other person's copy
     */
    public record SingleDifference(String parameter, String mine, String theirs) {
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
     * @param position         where, as a code: {@code host}, {@code path-segment}, {@code query-parameter},
     *                         {@code fragment}, {@code header-token} or {@code header-value}
     * @param positionName     the parameter name or the 1-based segment or token number, or {@code null}
     * @param trackerKind      the kind of the tracker when {@code source} is {@code tracker}, else {@code null}
     */
    public record TokenDifference(String source, String refA, String refB, String where, String valueA,
            String valueB, boolean recipientAddress, String position, String positionName, TrackerKind trackerKind) {
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
     * @param note       why the confidence is what it is, or {@code null}: for reviewers, never printed in the
     *                   complainant's dossier
     * @param referenceEn the English citation, or {@code null} (the English dossier then shows {@code reference})
     * @param kind       law, soft law or decision, or {@code null} when the rule data does not say
     * @param sourceTitle its source cited by title when the address was not recorded, or {@code null}
     */
    public record LegalGround(String id, String group, String reference, String summaryFr, String summaryEn,
            String sourceUrl, SourceConfidence confidence, String note, String referenceEn, ProvisionKind kind,
            String sourceTitle) {

        /** @return the citation for English readers. */
        public String referenceEnglish() {
            return referenceEn != null ? referenceEn : reference;
        }

        /**
         * @return true for an official text (statute, regulation) whose paraphrase has not been checked at its
         *         source: the dossier labels it as an official text, not as a secondary source
         */
        public boolean officialTextUnchecked() {
            return kind == ProvisionKind.LAW && confidence != SourceConfidence.PRIMARY;
        }
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

    /**
     * A From domain written with look-alike characters, as the sender section states it once.
     *
     * @param imitated   the domain it imitates, its NFKC fold in lower case ({@code verkade.nl}), which it is not
     * @param codePoints its characters one by one, ASCII as themselves, others as {@code U+XXXX}
     *                   ({@code U+1D5E9 U+1D5F2 ... . U+1D5FB U+1D5F9})
     */
    public record DisguisedDomain(String imitated, String codePoints) {
    }
}
