package org.pixelproof.detect;

import java.util.Objects;

/**
 * Where in the message a finding was made.
 *
 * <p>Immutable and thread-safe.
 *
 * @param partPath  the MIME part path ({@code "1.2"}), see {@link org.pixelproof.ingest.MimePart#path()}
 * @param element   the HTML element name ({@code "img"}, {@code "td"}, {@code "style"}, {@code "v:fill"}), or
 *                  {@code "header"} for a header field
 * @param attribute the attribute or CSS property that carries the URL ({@code "src"}, {@code "background"},
 *                  {@code "background-image"}, {@code "@import"}), or the header name
 * @param cssRule   the CSS selector or at-rule the URL was found in (e.g. {@code "@media print { .x }"}), or
 *                  {@code null}
 */
public record Location(String partPath, String element, String attribute, String cssRule) {
    public Location {
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(element, "element");
    }

    /** @return a short English description, e.g. {@code "part 1.2, <img src>"}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("part ").append(partPath).append(", ");
        if ("header".equals(element)) {
            sb.append("header ").append(attribute);
        } else {
            sb.append('<').append(element);
            if (attribute != null) {
                sb.append(' ').append(attribute);
            }
            sb.append('>');
        }
        if (cssRule != null) {
            sb.append(", CSS ").append(cssRule);
        }
        return sb.toString();
    }
}
