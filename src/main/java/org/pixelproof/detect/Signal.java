package org.pixelproof.detect;

import java.util.Objects;

/**
 * One reason that led to a finding, e.g. {@code declared-size} with detail {@code "width=1 height=1"}.
 *
 * @param code   a stable kebab-case code (see {@code SignalCodes} in this package for the list and their weights)
 * @param detail what exactly fired, in English, short; never personal data beyond what is in the URL
 */
public record Signal(String code, String detail) {
    public Signal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}
