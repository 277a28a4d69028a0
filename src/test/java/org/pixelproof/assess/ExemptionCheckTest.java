package org.pixelproof.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reasons sorted by which way they point, so that no dossier gives a reason for an exemption as one against it. */
class ExemptionCheckTest {
    @Test
    void orderWordingSpeaksForDeliverabilityEvenWhenClickTrackingRulesItOut() {
        // what the assessor gives for an order confirmation whose links carry per-recipient identifiers
        ExemptionCheck x = new ExemptionCheck(Assessor.DELIVERABILITY_TRANSACTIONAL, ExemptionOutcome.DOES_NOT_APPLY,
                List.of("transactional-wording-found", "per-recipient-click-tracking"));
        assertEquals(List.of("per-recipient-click-tracking"), x.reasonsAgainst());
        assertEquals(List.of("transactional-wording-found"), x.reasonsFor());
        assertEquals(List.of(), x.otherReasons());
    }

    @Test
    void forAuthenticationSecurityOrderWordingPointsElsewhereAndClickTrackingInformsOnly() {
        ExemptionCheck x = new ExemptionCheck(Assessor.AUTHENTICATION_SECURITY, ExemptionOutcome.DOES_NOT_APPLY,
                List.of("transactional-wording-found", "no-security-wording", "per-recipient-click-tracking",
                        "third-party-vendor-outside-eea"));
        // the decisive reason first
        assertEquals(List.of("no-security-wording", "transactional-wording-found"), x.reasonsAgainst());
        assertEquals(List.of(), x.reasonsFor());
        assertEquals(List.of("per-recipient-click-tracking", "third-party-vendor-outside-eea"), x.otherReasons());
    }

    @Test
    void mayApplyAndCannotTellKeepBothSides() {
        ExemptionCheck may = new ExemptionCheck(Assessor.DELIVERABILITY_TRANSACTIONAL, ExemptionOutcome.MAY_APPLY,
                List.of("security-wording-found", "click-tracking-present", "list-unsubscribe-present",
                        "last-open-day-retention-unverifiable"));
        assertEquals(List.of("security-wording-found"), may.reasonsFor());
        assertEquals(List.of("list-unsubscribe-present"), may.reasonsAgainst());
        assertEquals(List.of("click-tracking-present", "last-open-day-retention-unverifiable"), may.otherReasons());

        ExemptionCheck mixed = new ExemptionCheck(Assessor.DELIVERABILITY_TRANSACTIONAL, ExemptionOutcome.CANNOT_TELL,
                List.of("transactional-wording-found", "marketing-content-mixed", "some-future-code"));
        assertEquals(List.of("transactional-wording-found"), mixed.reasonsFor());
        assertEquals(List.of("marketing-content-mixed"), mixed.reasonsAgainst());
        assertEquals(List.of("some-future-code"), mixed.otherReasons(), "an unknown code is kept, as informative");
    }

    @Test
    void everyReasonHasABearingOnBothExemptionsAndEachCodeIsOneOfThem() {
        for (ExemptionReason r : ExemptionReason.values()) {
            assertEquals(r, ExemptionReason.ofCode(r.code()).orElseThrow());
            for (String ex : List.of(Assessor.AUTHENTICATION_SECURITY, Assessor.DELIVERABILITY_TRANSACTIONAL)) {
                ExemptionCheck one = new ExemptionCheck(ex, ExemptionOutcome.CANNOT_TELL, List.of(r.code()));
                assertEquals(1, one.reasonsFor().size() + one.reasonsAgainst().size() + one.otherReasons().size(),
                        r + " on " + ex);
            }
        }
        assertEquals(ExemptionReason.Bearing.NEUTRAL, ExemptionReason.MARKETING_CONTENT.bearingOn("unknown"));
        assertTrue(ExemptionReason.ofCode("nope").isEmpty());
    }
}
