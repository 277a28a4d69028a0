package org.pixelproof.detect;

import java.util.List;
import java.util.Locale;

/**
 * What a list of CSS declarations says about an element's size and visibility, as far as the tracking signals need
 * it. Later declarations win over earlier ones, {@code !important} ones over the others (the cascade within one
 * declaration block). Lengths are in CSS pixels; {@code NaN} when absent or not absolute (percentages, {@code auto}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param width           {@code width}
 * @param height          {@code height}
 * @param maxWidth        {@code max-width}
 * @param maxHeight       {@code max-height}
 * @param displayNone     {@code display:none}
 * @param visibilityHidden {@code visibility:hidden} or {@code collapse}
 * @param opacityZero     {@code opacity} of at most 0.05
 * @param overflowHidden  {@code overflow:hidden} (or {@code clip})
 * @param offScreen       positioned ({@code absolute}/{@code fixed}/{@code relative}) with an offset of at least
 *                        1,000 pixels out of view, or a {@code text-indent} of at least 1,000 pixels to the left, or
 *                        clipped to nothing
 * @param fontSizeZero    {@code font-size} of 0
 * @param lineHeightZero  {@code line-height} of 0
 * @param msoHide         {@code mso-hide:all} (Outlook's own hiding)
 * @param summary         the declarations that matter here, as {@code name:value} separated by {@code ;}, for
 *                        evidence and the {@code hiddenBy} text
 * @param widthDeclared   true when {@code width} is declared at all (even {@code auto}): it then overrides the
 *                        {@code width} attribute
 * @param heightDeclared  the same for {@code height}
 */
record StyleFacts(double width, double height, double maxWidth, double maxHeight, boolean displayNone,
        boolean visibilityHidden, boolean opacityZero, boolean overflowHidden, boolean offScreen,
        boolean fontSizeZero, boolean lineHeightZero, boolean msoHide, String summary, boolean widthDeclared,
        boolean heightDeclared) {

    /** Nothing declared. */
    static final StyleFacts NONE = new StyleFacts(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, false, false,
            false, false, false, false, false, "", false, false);

    /** Off-screen threshold, in CSS pixels; default 1,000. */
    static final double OFF_SCREEN_PX = 1_000;

    /** @return true when the element itself is not rendered or fully transparent. */
    boolean hidden() {
        return displayNone || visibilityHidden || opacityZero || msoHide;
    }

    /** @return the first hiding declaration, e.g. {@code "display:none"}, or {@code null}. */
    String hidingDeclaration() {
        if (displayNone) {
            return "display:none";
        }
        if (visibilityHidden) {
            return "visibility:hidden";
        }
        if (opacityZero) {
            return "opacity:0";
        }
        if (msoHide) {
            return "mso-hide:all";
        }
        return null;
    }

    /** @return true when a dimension (or its maximum) is declared at 0 and the overflow is clipped. */
    boolean zeroSizeWrapper() {
        boolean zeroH = isZero(height) || isZero(maxHeight);
        boolean zeroW = isZero(width) || isZero(maxWidth);
        return (zeroH || zeroW) && overflowHidden;
    }

    private static boolean isZero(double v) {
        return !Double.isNaN(v) && v <= 0.0;
    }

    /**
     * @param declarations the declarations, in source order
     * @return the facts
     */
    static StyleFacts of(List<CssScanner.Declaration> declarations) {
        if (declarations.isEmpty()) {
            return NONE;
        }
        double width = Double.NaN;
        double height = Double.NaN;
        double maxWidth = Double.NaN;
        double maxHeight = Double.NaN;
        boolean displayNone = false;
        boolean visibilityHidden = false;
        boolean opacityZero = false;
        boolean overflowHidden = false;
        boolean fontSizeZero = false;
        boolean lineHeightZero = false;
        boolean msoHide = false;
        String position = null;
        double left = Double.NaN;
        double top = Double.NaN;
        double right = Double.NaN;
        double bottom = Double.NaN;
        double textIndent = Double.NaN;
        boolean clipped = false;
        boolean widthDeclared = false;
        boolean heightDeclared = false;
        StringBuilder summary = new StringBuilder();
        // two passes: normal declarations, then !important ones, so that important ones win
        for (int pass = 0; pass < 2; pass++) {
            for (CssScanner.Declaration d : declarations) {
                if (d.important() != (pass == 1)) {
                    continue;
                }
                String v = d.value().toLowerCase(Locale.ROOT).trim();
                boolean relevant = true;
                switch (d.property()) {
                    case "width" -> {
                        width = px(v);
                        widthDeclared = true;
                    }
                    case "height" -> {
                        height = px(v);
                        heightDeclared = true;
                    }
                    case "max-width" -> maxWidth = px(v);
                    case "max-height" -> maxHeight = px(v);
                    case "display" -> displayNone = v.equals("none");
                    case "visibility" -> visibilityHidden = v.equals("hidden") || v.equals("collapse");
                    case "opacity" -> opacityZero = opacity(v) <= 0.05;
                    case "overflow", "overflow-x", "overflow-y" -> overflowHidden = overflowHidden
                            || v.startsWith("hidden") || v.startsWith("clip");
                    case "font-size" -> fontSizeZero = isZero(px(v));
                    case "line-height" -> lineHeightZero = isZero(px(v)) || "0".equals(v);
                    case "mso-hide" -> msoHide = v.equals("all");
                    case "position" -> position = v;
                    case "left" -> left = px(v);
                    case "top" -> top = px(v);
                    case "right" -> right = px(v);
                    case "bottom" -> bottom = px(v);
                    case "text-indent" -> textIndent = px(v);
                    case "clip" -> clipped = v.replace(" ", "").startsWith("rect(0") && v.replaceAll("[^1-9]", "")
                            .isEmpty();
                    case "clip-path" -> clipped = v.contains("inset(50%") || v.contains("inset(100%")
                            || v.startsWith("circle(0");
                    default -> relevant = false;
                }
                if (relevant && summary.length() < 300) {
                    if (summary.length() > 0) {
                        summary.append(';');
                    }
                    summary.append(d.property()).append(':').append(d.value().trim());
                }
            }
        }
        boolean positioned = position != null && (position.startsWith("absolute") || position.startsWith("fixed")
                || position.startsWith("relative"));
        boolean offScreen = (positioned && (far(left) || far(top) || far(right) || far(bottom)))
                || (!Double.isNaN(textIndent) && textIndent <= -OFF_SCREEN_PX) || clipped;
        return new StyleFacts(width, height, maxWidth, maxHeight, displayNone, visibilityHidden, opacityZero,
                overflowHidden, offScreen, fontSizeZero, lineHeightZero, msoHide, summary.toString(), widthDeclared,
                heightDeclared);
    }

    private static boolean far(double v) {
        return !Double.isNaN(v) && Math.abs(v) >= OFF_SCREEN_PX;
    }

    private static double opacity(String v) {
        try {
            if (v.endsWith("%")) {
                return Double.parseDouble(v.substring(0, v.length() - 1)) / 100.0;
            }
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    /**
     * @param v a CSS length or an HTML dimension attribute ({@code "1"}, {@code "1px"}, {@code "0.75pt"},
     *          {@code "0em"})
     * @return pixels, or {@code NaN} for percentages, {@code auto}, relative units other than zero, or garbage
     */
    static double px(String v) {
        if (v == null) {
            return Double.NaN;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.'
                || (end == 0 && (s.charAt(end) == '-' || s.charAt(end) == '+')))) {
            end++;
        }
        if (end == 0 || end > 12) {
            return Double.NaN;
        }
        double num;
        try {
            num = Double.parseDouble(s.substring(0, end));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        String unit = s.substring(end).trim();
        return switch (unit) {
            case "", "px" -> num;
            case "pt" -> num * 4.0 / 3.0;
            case "in" -> num * 96.0;
            case "cm" -> num * 96.0 / 2.54;
            case "mm" -> num * 96.0 / 25.4;
            case "pc" -> num * 16.0;
            default -> num == 0.0 ? 0.0 : Double.NaN; // 0em, 0% are zero; other relative lengths unknown
        };
    }
}
