package org.pixelproof.assess;

import java.util.Objects;

/**
 * One explicit cue used to classify the message.
 *
 * @param code     stable kebab-case code, e.g. {@code list-unsubscribe-header}, {@code promotional-wording},
 *                 {@code order-wording}, {@code password-reset-wording}
 * @param pointsTo the class it points to
 * @param evidence the text or header it was read from, at most 200 characters
 */
public record ClassificationCue(String code, MessageClass pointsTo, String evidence) {
    public ClassificationCue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(pointsTo, "pointsTo");
    }
}
