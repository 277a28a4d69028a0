package org.pixelproof.detect;

/**
 * Check keys of French business identifiers (INSEE's Sirene register), used to tell a real SIREN/SIRET in a footer
 * from a mistyped or invented one.
 *
 * <ul>
 *   <li><b>SIREN</b>: 9 digits identifying a legal unit; the 9th is a Luhn check digit (the "modulo 10" algorithm:
 *   from the right, every second digit is doubled, 9 subtracted when the double exceeds 9, and the sum must be a
 *   multiple of 10).</li>
 *   <li><b>SIRET</b>: 14 digits identifying an establishment, the SIREN followed by a 5-digit NIC; the whole number
 *   passes the Luhn check.</li>
 *   <li><b>La Poste exception</b>: every establishment of La Poste shares the SIREN {@value #LA_POSTE_SIREN}; there
 *   are too many of them for Luhn keys, so their SIRETs use another rule: the sum of the 14 digits is a multiple of
 *   5. Only the head office, SIRET 356 000 000 00048, also passes Luhn. Source: INSEE's description of the SIRET, as
 *   reproduced in the French Wikipedia article "Système d'identification du répertoire des établissements"
 *   (secondary).</li>
 *   <li><b>French VAT number</b> ({@code FR} + 2-character key + SIREN): for numeric keys, key =
 *   (12 + 3 × (SIREN mod 97)) mod 97, written on two digits (DGFiP rule, widely documented; secondary). Keys with
 *   letters (older numbers) are accepted without checking.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class SirenCheck {
    /** The SIREN of La Poste, whose SIRETs follow the digit-sum rule. */
    public static final String LA_POSTE_SIREN = "356000000";
    /** The SIRET of La Poste's head office, the only La Poste SIRET checked with Luhn. */
    public static final String LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048";

    private SirenCheck() {
    }

    /**
     * @param digits a string of ASCII digits (any length)
     * @return true when it passes the Luhn check; false when empty or not all digits
     */
    public static boolean luhn(String digits) {
        if (digits == null || digits.isEmpty()) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * @param siren a candidate SIREN, spaces and dots allowed ("487 773 327")
     * @return true for 9 digits passing the Luhn check
     */
    public static boolean isValidSiren(String siren) {
        String d = digits(siren);
        return d.length() == 9 && luhn(d);
    }

    /**
     * @param siret a candidate SIRET, spaces and dots allowed
     * @return true for 14 digits whose SIREN part is valid and that pass the Luhn check, or, for La Poste
     *         ({@value #LA_POSTE_SIREN}), whose digits sum to a multiple of 5, or that is the head office
     *         ({@value #LA_POSTE_HEAD_OFFICE_SIRET})
     */
    public static boolean isValidSiret(String siret) {
        String d = digits(siret);
        if (d.length() != 14) {
            return false;
        }
        if (d.startsWith(LA_POSTE_SIREN)) {
            return d.equals(LA_POSTE_HEAD_OFFICE_SIRET) || digitSum(d) % 5 == 0;
        }
        return isValidSiren(d.substring(0, 9)) && luhn(d);
    }

    /**
     * @param siren a valid-looking SIREN (9 digits, spaces allowed)
     * @return the two-digit numeric key of its French VAT number, e.g. {@code "12"} for 487 773 327
     * @throws IllegalArgumentException when {@code siren} is not 9 digits
     */
    public static String vatKey(String siren) {
        String d = digits(siren);
        if (d.length() != 9) {
            throw new IllegalArgumentException("a SIREN has 9 digits");
        }
        long key = (12 + 3 * (Long.parseLong(d) % 97)) % 97;
        return key < 10 ? "0" + key : Long.toString(key);
    }

    /**
     * @param vat a candidate French VAT number, e.g. {@code "FR12 487773327"}
     * @return true when it is {@code FR}, a 2-character key and a valid SIREN, and a numeric key matches the SIREN
     */
    public static boolean isValidFrenchVat(String vat) {
        if (vat == null) {
            return false;
        }
        String s = vat.replaceAll("[\\s.\u00a0]", "").toUpperCase(java.util.Locale.ROOT);
        if (!s.matches("FR[0-9A-HJ-NP-Z]{2}\\d{9}")) {
            return false;
        }
        String key = s.substring(2, 4);
        String siren = s.substring(4);
        if (!isValidSiren(siren)) {
            return false;
        }
        return !key.chars().allMatch(Character::isDigit) || key.equals(vatKey(siren));
    }

    /** @return the ASCII digits of {@code s}, everything else dropped; empty for {@code null}. */
    public static String digits(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int digitSum(String d) {
        int sum = 0;
        for (int i = 0; i < d.length(); i++) {
            sum += d.charAt(i) - '0';
        }
        return sum;
    }
}
