package org.pixelproof.assess;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The check of one CNIL exemption from consent (délibération 2026-042): {@code authentication-security} or
 * {@code deliverability-transactional}. Its reasons are not all reasons for the outcome: order wording, listed for a
 * deliverability check that does not apply, speaks for the exemption. {@link #reasonsAgainst()}, {@link #reasonsFor()}
 * and {@link #otherReasons()} sort them by {@link ExemptionReason#bearingOn bearing}, so that a dossier words each the
 * right way round ("does not apply: per-recipient click tracking..., even though the message speaks of an order").
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

    /**
     * @return the reasons that speak against this exemption ({@link ExemptionReason#bearingOn}), the decisive ones
     *         first, otherwise in {@link #reasons()} order
     */
    public List<String> reasonsAgainst() {
        List<String> against = withBearing(ExemptionReason.Bearing.AGAINST);
        List<String> out = new ArrayList<>(against.size());
        against.stream().filter(r -> ExemptionReason.ofCode(r).map(ExemptionReason::decisive).orElse(false))
                .forEach(out::add);
        against.stream().filter(r -> !out.contains(r)).forEach(out::add);
        return List.copyOf(out);
    }

    /** @return the reasons that speak for this exemption, in {@link #reasons()} order */
    public List<String> reasonsFor() {
        return withBearing(ExemptionReason.Bearing.FOR);
    }

    /** @return the other reasons (informative, or codes this version does not know), in {@link #reasons()} order */
    public List<String> otherReasons() {
        return reasons.stream().filter(r -> ExemptionReason.ofCode(r).map(x -> x.bearingOn(exemption))
                .orElse(ExemptionReason.Bearing.NEUTRAL) == ExemptionReason.Bearing.NEUTRAL).toList();
    }

    private List<String> withBearing(ExemptionReason.Bearing bearing) {
        return reasons.stream().filter(r -> ExemptionReason.ofCode(r).map(x -> x.bearingOn(exemption))
                .orElse(null) == bearing).toList();
    }
}
