package org.pixelproof.cli;

/**
 * An input that cannot be handed to the engine: unreadable file, too large to read, broken mailbox. Its message is a
 * short English reason meant for the user's terminal; it never contains the input's content.
 */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    /** True when the input was lost to a defect of PixelProof rather than to the input or the machine. */
    private final boolean internal;

    InputException(String reason) {
        this(reason, false);
    }

    /**
     * @param reason   the short English reason
     * @param internal true for a defect of PixelProof (exit code {@link ExitCodes#INTERNAL_ERROR})
     */
    InputException(String reason, boolean internal) {
        super(reason, null, false, false);
        this.internal = internal;
    }

    /** @return true when the input was lost to a defect of PixelProof */
    boolean internal() {
        return internal;
    }
}
