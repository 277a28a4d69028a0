package org.pixelproof.ingest;

import java.net.IDN;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text taken from an e-mail safe to show next to PixelProof's own words: Unicode's bidirectional formatting
 * characters (Unicode Standard Annex #9: U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, U+200E/U+200F
 * marks, U+061C the Arabic letter mark) are written as their code point, {@code [U+202E]}, so that a From name holding
 * a RIGHT-TO-LEFT OVERRIDE cannot make {@code <news@evil.example>} read {@code <elpmaxe.live@swen>}; and a domain with
 * non-ASCII letters ({@code pаypal.com} with a Cyrillic {@code а}) gets its ASCII form (IDNA punycode, RFC 5891,
 * through {@link IDN}) next to it, which shows the look-alike. Used by the web pages and the dossier PDF; the web pages
 * also isolate such values ({@code <bdi>}), which this class cannot do. Pure string work; no DNS. Thread-safe.
 */
public final class BidiControls {

    /** A domain after an {@code @}, or a host name alone: labels of letters, digits and hyphens joined by dots. */
    private static final Pattern DOMAIN = Pattern.compile("[\\p{L}\\p{N}\\p{M}-]+(?:\\.[\\p{L}\\p{N}\\p{M}-]+)+");

    private BidiControls() {
    }

    /** @return true for a bidirectional formatting character (UAX #9): U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C */
    public static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    /**
     * @param text a value taken from an e-mail, may be {@code null}
     * @return the same text with each bidirectional formatting character written as {@code [U+XXXX]}; {@code null} for
     *         {@code null}
     */
    public static String reveal(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBidiControl(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                b.append("[U+").append(String.format("%04X", (int) c)).append(']');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * @param text a value taken from an e-mail holding addresses or host names, may be {@code null}
     * @return {@link #reveal}ed, each domain with non-ASCII letters in it (at most 5) followed by
     *         {@code " (ASCII: xn--...)"} where it stands, so that a look-alike domain shows as the different name it
     *         is and the note cannot be read as the next address's; a domain written with characters that only
     *         imitate ASCII ones ({@link LookalikeCharacters#disguisesDomain}: {@code 𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹}), which has no ASCII
     *         form under IDNA2008, gets its code points ({@code [U+1D5E9]...}) rather than the domain it imitates;
     *         {@code null} for {@code null}
     */
    public static String revealWithAsciiDomains(String text) {
        String shown = reveal(text);
        if (shown == null || shown.chars().allMatch(c -> c < 0x80)) {
            return shown;
        }
        StringBuilder out = new StringBuilder(shown.length() + 40);
        Matcher m = DOMAIN.matcher(shown);
        int noted = 0;
        int copied = 0;
        while (m.find() && noted < 5) {
            String d = m.group();
            if (d.chars().allMatch(c -> c < 0x80)) {
                continue;
            }
            String a;
            if (LookalikeCharacters.disguisesDomain(d)) {
                // Java's IDN (IDNA2003) would fold 𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹 to verkade.nl and present the look-alike as that domain;
                // IDNA2008 disallows such characters: no ASCII form, so the code points are spelled out
                a = codePoints(d);
            } else {
                try {
                    a = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    a = codePoints(d); // not a valid IDN: every non-ASCII code point spelled out
                }
            }
            if (a.equals(d)) {
                continue;
            }
            out.append(shown, copied, m.end()).append(" (ASCII: ").append(a).append(')');
            copied = m.end();
            noted++;
        }
        return out.append(shown, copied, shown.length()).toString();
    }

    private static String codePoints(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                b.appendCodePoint(cp);
            } else {
                b.append("[U+").append(String.format("%04X", cp)).append(']');
            }
        });
        return b.toString();
    }
}
