package org.pixelproof.cli;

/**
 * An input that cannot be handed to the engine: unreadable file, too large to read, broken mailbox. Its message is a
 * short English reason meant for the user's terminal; it never contains the input's content.
 */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String reason) {
        super(reason, null, false, false);
    }
}
