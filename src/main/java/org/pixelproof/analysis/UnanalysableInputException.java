package org.pixelproof.analysis;

import java.util.Objects;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;

/**
 * Thrown by {@link Analyzer#analyze} when the input cannot be analysed as an e-mail at all: it is empty, is not a
 * message (binary data, a PDF, a zip), or exceeds the size limit. The web answers 413 for
 * {@link AnomalyCode#MESSAGE_TOO_LARGE} and 422 otherwise; the command line prints the reason and exits non-zero.
 *
 * <p>The message of this exception never contains the input's content.
 */
public class UnanalysableInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Anomaly reason;

    /** @param reason the fatal anomaly recorded by {@code ingest} */
    public UnanalysableInputException(Anomaly reason) {
        super(Objects.requireNonNull(reason, "reason").code() + ": " + reason.detail());
        this.reason = reason;
    }

    /** @return the fatal anomaly. */
    public Anomaly reason() {
        return reason;
    }
}
