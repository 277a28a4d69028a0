package org.pixelproof.ingest;

import java.io.ByteArrayOutputStream;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in a header value, with the charset fallbacks of
 * {@link Charsets} (so {@code =?x-mac-cyrillic?...?=} or {@code =?unicode-1-1-utf-7?...?=} still decode) and the RFC
 * 2231 language suffix ({@code =?utf-8*fr?Q?...?=}) tolerated.
 *
 * <p>Why not Angus' {@code MimeUtility.decodeText}: it keeps an undecodable word silently and only knows the JDK's
 * charsets; here a word that has the syntax of an encoded word but cannot be decoded (unknown charset, unknown
 * encoding letter, broken base64) is kept as written and reported as {@link AnomalyCode#BAD_ENCODED_WORD}. White
 * space between two adjacent encoded words is dropped (RFC 2047 section 6.2). Words are decoded wherever they occur,
 * quoted strings included, as mail clients do. Linear in the length of the value. Stateless and thread-safe.
 */
final class EncodedWords {
    private EncodedWords() {
    }

    /**
     * @param value     an unfolded header value
     * @param log       where undecodable words are reported
     * @param path      the part path for anomalies
     * @param fieldName the header field name, for anomaly details
     * @return the value with its encoded words decoded
     */
    static String decode(String value, AnomalyLog log, String path, String fieldName) {
        if (value.indexOf("=?") < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        boolean lastWasWord = false;
        int bad = 0;
        while (i < value.length()) {
            int start = value.indexOf("=?", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            int end = wordEnd(value, start);
            if (end < 0) {
                out.append(value, i, start + 2);
                i = start + 2;
                lastWasWord = false;
                continue;
            }
            String between = value.substring(i, start);
            boolean onlyWs = between.isBlank();
            if (!(lastWasWord && onlyWs)) {
                out.append(between);
            }
            String word = value.substring(start, end);
            String decoded = decodeWord(word);
            if (decoded == null) {
                bad++;
                out.append(word);
                lastWasWord = false;
            } else {
                out.append(decoded);
                lastWasWord = true;
            }
            i = end;
        }
        if (bad > 0) {
            log.add(AnomalyCode.BAD_ENCODED_WORD, path, Safe.count(bad) + " encoded word(s) in header "
                    + Safe.token(fieldName) + " could not be decoded and were kept as written");
        }
        return out.toString();
    }

    /** @return the index just past {@code ?=} when {@code =?charset?X?text?=} starts at {@code start}, else -1. */
    private static int wordEnd(String v, int start) {
        int q1 = v.indexOf('?', start + 2);
        if (q1 < 0 || q1 == start + 2 || q1 + 2 >= v.length() || v.charAt(q1 + 2) != '?') {
            return -1;
        }
        for (int k = start + 2; k < q1; k++) {
            char c = v.charAt(k);
            if (c <= ' ' || c == '=' || c >= 0x7f) {
                return -1;
            }
        }
        int close = v.indexOf("?=", q1 + 3);
        if (close < 0) {
            return -1;
        }
        for (int k = q1 + 3; k < close; k++) {
            if (v.charAt(k) == ' ' || v.charAt(k) == '\t') {
                return -1;
            }
        }
        return close + 2;
    }

    /** @return the decoded text of one well-formed encoded word, or {@code null} when it cannot be decoded. */
    static String decodeWord(String word) {
        int q1 = word.indexOf('?', 2);
        String charset = word.substring(2, q1);
        int star = charset.indexOf('*');
        if (star >= 0) {
            charset = charset.substring(0, star);
        }
        char enc = Character.toUpperCase(word.charAt(q1 + 1));
        String text = word.substring(q1 + 3, word.length() - 2);
        byte[] bytes;
        if (enc == 'B') {
            bytes = base64(text);
        } else if (enc == 'Q') {
            bytes = q(text);
        } else {
            return null;
        }
        if (bytes == null) {
            return null;
        }
        return Charsets.decodeWord(bytes, charset);
    }

    private static byte[] base64(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int quantum = 0;
        int have = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '=') {
                break;
            }
            int v = c < 128 ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(c) : -1;
            if (v < 0) {
                return null;
            }
            quantum = (quantum << 6) | v;
            if (++have == 4) {
                out.write((quantum >> 16) & 0xff);
                out.write((quantum >> 8) & 0xff);
                out.write(quantum & 0xff);
                quantum = 0;
                have = 0;
            }
        }
        if (have == 1) {
            return null;
        } else if (have == 2) {
            out.write((quantum >> 4) & 0xff);
        } else if (have == 3) {
            out.write((quantum >> 10) & 0xff);
            out.write((quantum >> 2) & 0xff);
        }
        return out.toByteArray();
    }

    private static byte[] q(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=') {
                if (k + 2 >= text.length()) {
                    return null;
                }
                int h = Character.digit(text.charAt(k + 1), 16);
                int l = Character.digit(text.charAt(k + 2), 16);
                if (h < 0 || l < 0) {
                    return null;
                }
                out.write(h * 16 + l);
                k += 2;
            } else if (c > 0xff) {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
