package org.pixelproof.assess;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The legal qualification of one message's findings. Language-independent: codes and ids, turned into words by the
 * dossier's templates. Immutable and thread-safe.
 *
 * @param verdict       the one-line result
 * @param messageClass  marketing, transactional, security, personal or unknown
 * @param cues          the explicit cues behind {@code messageClass}
 * @param exemptions    one check per CNIL exemption
 * @param provisionIds  the ids of the {@link org.pixelproof.rules.LegalProvision}s engaged, in citing order
 * @param receivedDate  the date the message was received (from the Received chain, else Date), Europe/Paris, or
 *                      {@code null}
 * @param timeline      the received date against the CNIL recommendation's dates
 * @param caveats       codes of what the result does not prove (e.g. {@code one-message-only},
 *                      {@code no-tracker-is-not-no-tracking}, {@code consent-may-exist-elsewhere})
 */
public record Assessment(
        Verdict verdict,
        MessageClass messageClass,
        List<ClassificationCue> cues,
        List<ExemptionCheck> exemptions,
        List<String> provisionIds,
        LocalDate receivedDate,
        List<TimelineEntry> timeline,
        List<String> caveats) {

    public Assessment {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(messageClass, "messageClass");
        cues = List.copyOf(cues);
        exemptions = List.copyOf(exemptions);
        provisionIds = List.copyOf(provisionIds);
        timeline = List.copyOf(timeline);
        caveats = List.copyOf(caveats);
    }
}
