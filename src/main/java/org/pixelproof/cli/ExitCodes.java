package org.pixelproof.cli;

/**
 * The exit codes of {@code pixelproof analyze}, documented in its {@code --help} and in the README.
 *
 * <p>A script can rely on them: {@code 0} means every input was analysed in full; any other value says why not.
 * When several apply, the highest-priority one wins in this order: {@link #INTERNAL_ERROR},
 * {@link #OUTPUT_ERROR}, {@link #INPUTS_FAILED}, {@link #PARTIAL}.
 */
public final class ExitCodes {
    /** Every input was analysed, none hit a limit. */
    public static final int OK = 0;
    /**
     * At least one input could not be analysed (not an e-mail, empty, too large, unreadable, not a regular file, out
     * of memory, abandoned after {@code --timeout} seconds) or one dossier could not be drawn; the others were.
     */
    public static final int INPUTS_FAILED = 1;
    /** The command line itself is wrong (unknown option, missing path, conflicting outputs); nothing was analysed. */
    public static final int USAGE = 2;
    /**
     * Every input was analysed, but at least one only in part because it exceeded a limit (MIME parts, nesting
     * depth, header count, body, HTML depth or CSS size); its analysis covers what lay within the limits. A header
     * field longer than its limit is shortened and reported on stderr but does not set this code: every field and the
     * whole body were still analysed.
     */
    public static final int PARTIAL = 3;
    /** An output could not be written (disk full, closed pipe, unwritable folder); the run stopped. */
    public static final int OUTPUT_ERROR = 4;
    /**
     * A defect in PixelProof stopped an analysis (the others went on) or the reading of the inputs (the outputs hold
     * what was analysed), or an analysis abandoned after {@code --timeout} did not stop (its worker thread stayed
     * busy); re-run with {@code --debug} for details.
     */
    public static final int INTERNAL_ERROR = 5;

    private ExitCodes() {
    }
}
