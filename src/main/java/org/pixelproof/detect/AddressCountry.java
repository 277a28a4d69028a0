package org.pixelproof.detect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The country a postal address read from a message's footer is in, told from the address's own shape: which of
 * {@link FooterReader}'s address patterns it has, its postcode and the words of its street name. Nothing is looked up
 * anywhere.
 *
 * <p>Only what the shape shows for sure is said:
 * <ul>
 * <li>French shape ("number + street type ... 5-digit postcode + city"): {@code FR}, or {@code MC} for a 980xx
 * postcode (Monaco);</li>
 * <li>German and Dutch shapes: {@code DE} for a 5-digit postcode or a {@code D-} prefix; {@code AT}, {@code CH},
 * {@code NL}, {@code BE} for an {@code A-}, {@code CH-}, {@code NL-} or {@code B-} prefix; {@code NL} for a
 * "1234 AB" postcode; {@code BE} for a Dutch street name (straat, laan, plein...) with a bare 4-digit postcode; a
 * German street name with a bare 4-digit postcode is Austrian or Swiss: outside France, country not determined;</li>
 * <li>Italian shape (Via, Viale, Piazza, Corso + 5-digit postcode): {@code IT}; a Portuguese "1234-567" postcode:
 * {@code PT}; a Brazilian "12345-678" postcode: {@code BR}; Spanish street words (Calle, Avenida...) are also Latin
 * American: outside France, country not determined;</li>
 * <li>English-language shape: a Canadian postcode ("L1G 6Z8"): {@code CA}; an Australian state and 4-digit
 * postcode ("3000 VIC"): {@code AU}; a US state (two letters or in full) and ZIP code: {@code US}; else a British
 * postcode: {@code GB}.</li>
 * </ul>
 * Any other text gives no country ({@link #of} returns {@code null}): a French address the patterns do not know is
 * not declared foreign.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code   ISO 3166-1 alpha-2 code of the country, or {@code null} when the shape shows only that the address
 *               is not in France
 * @param france true for an address in France (overseas departments included), false for one outside it
 */
public record AddressCountry(String code, boolean france) {

    /** France, as returned for a French address. */
    public static final AddressCountry FRANCE = new AddressCountry("FR", true);

    private static final Pattern PREFIXED_OR_DUTCH_POSTCODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:(D|A|CH|NL|B)-)?(\\d{4} ?[A-Z]{2}|\\d{5}|\\d{4})(?![\\p{L}\\p{N}])");
    private static final Pattern DUTCH_STREET = Pattern.compile(
            "(?i)(?:straat|laan|plein|gracht|kade|dijk|singel|steenweg|dreef)(?= ?,? ?\\d)");
    private static final Pattern ITALIAN_STREET = Pattern.compile("^(?:Via|Viale|Piazza|Corso) ");
    private static final Pattern PORTUGUESE_POSTCODE = Pattern.compile("(?<![\\p{L}\\p{N}])\\d{4}-\\d{3}(?!\\p{N})");
    private static final Pattern BRAZILIAN_POSTCODE = Pattern.compile("(?<![\\p{L}\\p{N}])\\d{5}-\\d{3}(?!\\p{N})");
    private static final Pattern US_ZIP = Pattern.compile("(?<![\\p{L}\\p{N}])(?:[A-Z]{2}"
            + "|\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)?|District of Columbia) \\d{5}(?:-\\d{4})?(?!\\p{N})");
    private static final Pattern CANADIAN_POSTCODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])[A-Z]\\d[A-Z] ?\\d[A-Z]\\d(?![\\p{L}\\p{N}])");
    private static final Pattern AUSTRALIAN_POSTCODE = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(?:VIC|NSW|QLD|SA|WA|TAS"
            + "|ACT|NT) \\d{4}|\\d{4},? (?:VIC|NSW|QLD|SA|WA|TAS|ACT|NT))(?![\\p{L}\\p{N}])");
    private static final Pattern FR_POSTCODE = Pattern.compile("(?<![\\p{L}\\p{N}])(\\d{5})(?![\\p{L}\\p{N}])");

    /**
     * @param postalAddress an address as {@link SenderIdentity#postalAddress()} gives it (one match of a footer address
     *                      pattern), or {@code null}
     * @return its country, or {@code null} when there is no address or its shape is none of those above
     */
    public static AddressCountry of(String postalAddress) {
        if (postalAddress == null || postalAddress.isBlank()) {
            return null;
        }
        String a = postalAddress.strip();
        if (FooterReader.FR_ADDRESS.matcher(a).find()) {
            Matcher pc = FR_POSTCODE.matcher(a);
            String last = null;
            while (pc.find()) {
                last = pc.group(1);
            }
            return last != null && last.startsWith("980") ? new AddressCountry("MC", false) : FRANCE;
        }
        if (FooterReader.DE_NL_ADDRESS.matcher(a).find()) {
            return germanOrDutch(a);
        }
        if (FooterReader.LATIN_ADDRESS.matcher(a).find()) {
            if (PORTUGUESE_POSTCODE.matcher(a).find()) {
                return new AddressCountry("PT", false);
            }
            if (BRAZILIAN_POSTCODE.matcher(a).find()) {
                return new AddressCountry("BR", false);
            }
            return new AddressCountry(ITALIAN_STREET.matcher(a).find() ? "IT" : null, false);
        }
        if (FooterReader.ANGLO_ADDRESS.matcher(a).find()) {
            String code = CANADIAN_POSTCODE.matcher(a).find() ? "CA" : AUSTRALIAN_POSTCODE.matcher(a).find() ? "AU"
                    : US_ZIP.matcher(a).find() ? "US" : "GB";
            return new AddressCountry(code, false);
        }
        return null;
    }

    private static AddressCountry germanOrDutch(String a) {
        Matcher m = PREFIXED_OR_DUTCH_POSTCODE.matcher(a);
        String prefix = null;
        String postcode = null;
        while (m.find()) { // the postcode is the last number of the address, after the house number
            prefix = m.group(1);
            postcode = m.group(2);
        }
        if (prefix != null) {
            return new AddressCountry(switch (prefix) {
                case "D" -> "DE";
                case "A" -> "AT";
                case "B" -> "BE";
                default -> prefix;
            }, false);
        }
        if (postcode == null) {
            return new AddressCountry(null, false);
        }
        if (postcode.length() == 5 && postcode.chars().allMatch(Character::isDigit)) {
            return new AddressCountry("DE", false);
        }
        if (postcode.chars().anyMatch(Character::isLetter)) {
            return new AddressCountry("NL", false);
        }
        return new AddressCountry(DUTCH_STREET.matcher(a).find() ? "BE" : null, false);
    }

    /**
     * @param locale the language of the name
     * @return the country's name in that language ("Allemagne", "Germany"), or {@code null} when the country is not
     *         determined
     */
    public String name(Locale locale) {
        return code == null ? null : new Locale("", code).getDisplayCountry(locale);
    }
}
