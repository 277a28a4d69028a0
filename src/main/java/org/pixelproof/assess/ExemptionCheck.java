package org.pixelproof.assess;

import java.util.List;
import java.util.Objects;

/**
 * The check of one CNIL exemption from consent (délibération 2026-042): {@code authentication-security} or
 * {@code deliverability-transactional}.
 *
 * @param exemption the exemption's id
 * @param outcome   may apply, does not apply, cannot tell
 * @param reasons   the reason codes, rendered into words by the dossier templates (e.g. {@code marketing-content},
 *                  {@code per-recipient-click-tracking}, {@code no-security-wording})
 */
public record ExemptionCheck(String exemption, ExemptionOutcome outcome, List<String> reasons) {
    public ExemptionCheck {
        Objects.requireNonNull(exemption, "exemption");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
    }
}
