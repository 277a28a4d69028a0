package org.pixelproof.ingest;

/**
 * Decoder for UTF-7 (RFC 2152), which the JDK lacks and which old Microsoft mailers still declare
 * ({@code unicode-1-1-utf-7}). Lenient: a broken shift sequence ends where the base64 run ends, and leftover bits are
 * dropped. A UTF-16 surrogate that the shift sequences leave unpaired ({@code +2AA-} alone) becomes U+FFFD, as a
 * charset decoder replaces malformed input, so that the text can be written as UTF-8 (JSON, CSV, PDF). Stateless
 * and thread-safe.
 */
final class Utf7 {
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Utf7() {
    }

    /** @return the text encoded by the first {@code length} bytes of {@code bytes}. */
    static String decode(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int c = bytes[i] & 0xff;
            if (c != '+') {
                out.append((char) c);
                i++;
                continue;
            }
            i++;
            if (i < length && bytes[i] == '-') {
                out.append('+');
                i++;
                continue;
            }
            int bits = 0;
            int nbits = 0;
            while (i < length) {
                int v = B64.indexOf(bytes[i] & 0xff);
                if (v < 0 || (bytes[i] & 0xff) > 0x7f) {
                    break;
                }
                bits = ((bits << 6) | v) & 0x3fffff;
                nbits += 6;
                if (nbits >= 16) {
                    nbits -= 16;
                    out.append((char) ((bits >> nbits) & 0xffff));
                }
                i++;
            }
            if (i < length && bytes[i] == '-') {
                i++;
            }
        }
        for (int k = 0; k < out.length(); k++) {
            char ch = out.charAt(k);
            if (Character.isHighSurrogate(ch) && k + 1 < out.length() && Character.isLowSurrogate(out.charAt(k + 1))) {
                k++; // a pair: one code point
            } else if (Character.isSurrogate(ch)) {
                out.setCharAt(k, '\uFFFD');
            }
        }
        return out.toString();
    }
}
