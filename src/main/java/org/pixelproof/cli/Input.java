package org.pixelproof.cli;

import java.util.Objects;

/**
 * One message to analyse, found by {@link InputWalker}: its position in the run, its display name and how to get its
 * bytes. Loading is deferred so that files are read by the worker threads, in parallel; mailbox members arrive
 * already read (the mailbox is streamed once, in order).
 *
 * @param index   0-based position in the run, the order of the outputs
 * @param name    the path as given on the command line, with {@code #N} (1-based) for the N-th message of an mbox
 * @param loader  gives the message's bytes, or throws {@link InputException} with the reason it cannot
 * @param outlook true when the bytes are an Outlook {@code .msg} file rather than RFC 5322
 * @param size    how many bytes the input holds in memory, or will once read, as far as known when it is found (a
 *                mailbox member's length, a file's size on disk), 0 when nothing is to be read; the run bounds the
 *                bytes read ahead with it ({@link BatchRunner})
 * @param member  the message's 1-based number in its mbox when {@code name} ends with {@code #member}, else 0 (a
 *                file of its own, a single message named as its file); its dossier's name is made from it
 *                ({@link DossierNames})
 */
record Input(long index, String name, Loader loader, boolean outlook, long size, long member) {
    Input {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(loader, "loader");
    }

    Input(long index, String name, Loader loader, boolean outlook, long size) {
        this(index, name, loader, outlook, size, 0);
    }

    Input(long index, String name, Loader loader) {
        this(index, name, loader, false, 0);
    }

    /** Gives an input's bytes. */
    @FunctionalInterface
    interface Loader {
        /** @return the RFC 5322 bytes of the message */
        byte[] load() throws InputException;
    }

    /** @return an input that fails with {@code reason} when loaded: a bad input, not a defect */
    static Input failed(long index, String name, String reason) {
        return new Input(index, name, () -> {
            throw new InputException(reason);
        });
    }

    /** @return an input that fails with {@code reason} when loaded, reported as an internal error (a defect) */
    static Input failedInternally(long index, String name, String reason) {
        return new Input(index, name, () -> {
            throw new InputException(reason, true);
        });
    }

    /** @return an input whose bytes are already read. */
    static Input ofBytes(long index, String name, byte[] bytes) {
        return ofBytes(index, name, bytes, 0);
    }

    /**
     * @param member the message's 1-based number in its mbox, {@code name} ending with {@code #member}; 0 for a
     *               message named as its file
     * @return an input whose bytes are already read
     */
    static Input ofBytes(long index, String name, byte[] bytes, long member) {
        return new Input(index, name, () -> bytes, false, bytes.length, member);
    }
}
