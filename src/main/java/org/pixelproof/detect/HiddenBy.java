package org.pixelproof.detect;

/**
 * Stable codes for how a tracker is hidden from the reader, one per entry of {@link Tracker#hiddenBy()} (in
 * {@link Tracker#hiddenByCodes()}). The English prose of {@code hiddenBy} gives the exact declaration; these codes let
 * pages and the dossier say it in the reader's language through {@link DetectLabels}. Constants only; thread-safe.
 */
public final class HiddenBy {

    private HiddenBy() {
    }

    /** {@code width}/{@code height} attributes of at most 1 to 3 pixels. */
    public static final String DECLARED_SIZE = "DECLARED_SIZE";
    /** CSS {@code width}/{@code height} of at most 1 to 3 pixels. */
    public static final String CSS_SIZE = "CSS_SIZE";
    /** CSS {@code max-width}/{@code max-height} of at most 3 pixels, or 0. */
    public static final String CSS_MAX_SIZE = "CSS_MAX_SIZE";
    /** The {@code hidden} attribute on the element. */
    public static final String HIDDEN_ATTRIBUTE = "HIDDEN_ATTRIBUTE";
    /** The {@code hidden} attribute on an enclosing element. */
    public static final String HIDDEN_ATTRIBUTE_ANCESTOR = "HIDDEN_ATTRIBUTE_ANCESTOR";
    /** {@code display:none}, {@code visibility:hidden}, {@code opacity:0} or {@code mso-hide:all} on the element. */
    public static final String CSS_HIDDEN = "CSS_HIDDEN";
    /** The same on an enclosing element. */
    public static final String CSS_HIDDEN_ANCESTOR = "CSS_HIDDEN_ANCESTOR";
    /** Positioned out of view or clipped to nothing. */
    public static final String OFF_SCREEN = "OFF_SCREEN";
    /** Inside a zero-height or zero-width wrapper with clipped overflow. */
    public static final String ZERO_SIZE_WRAPPER = "ZERO_SIZE_WRAPPER";
}
