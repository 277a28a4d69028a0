package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SirenCheckTest {
    @Test
    void luhnOnSirenAndSiret() {
        // 732 829 320 is the example INSEE gives; 00074 its seventh establishment
        assertTrue(SirenCheck.isValidSiren("732 829 320"));
        assertTrue(SirenCheck.isValidSiret("732 829 320 00074"));
        assertTrue(SirenCheck.isValidSiren("487773327"));
        assertFalse(SirenCheck.isValidSiren("732 829 321"), "wrong key");
        assertFalse(SirenCheck.isValidSiret("732 829 320 00075"), "wrong key");
        assertFalse(SirenCheck.isValidSiren("12345678"), "8 digits");
        assertFalse(SirenCheck.isValidSiren(""));
        assertFalse(SirenCheck.isValidSiren(null));
        assertFalse(SirenCheck.luhn("12a4"));
    }

    @Test
    void siretOfAnInvalidSirenIsInvalidEvenWithALuhnKey() {
        // 123456789 fails Luhn; 12345678900007 passes Luhn as a whole but its SIREN does not
        assertFalse(SirenCheck.isValidSiren("123456789"));
        assertTrue(SirenCheck.luhn("12345678900007"));
        assertFalse(SirenCheck.isValidSiret("12345678900007"));
    }

    @Test
    void laPosteSiretsUseTheDigitSumRule() {
        assertTrue(SirenCheck.isValidSiren(SirenCheck.LA_POSTE_SIREN));
        assertTrue(SirenCheck.isValidSiret("356 000 000 00048"), "head office: passes Luhn");
        // an establishment: digits sum to 3+5+6+1+4+6 = 25, a multiple of 5, while Luhn fails
        assertFalse(SirenCheck.luhn("35600000014006"));
        assertTrue(SirenCheck.isValidSiret("35600000014006"));
        // passes Luhn, but digits sum to 26: La Poste's establishments are not checked with Luhn
        assertTrue(SirenCheck.luhn("35600000014007"));
        assertFalse(SirenCheck.isValidSiret("35600000014007"));
    }

    @Test
    void frenchVatKey() {
        assertEquals("12", SirenCheck.vatKey("487 773 327"));
        assertTrue(SirenCheck.isValidFrenchVat("FR12487773327"));
        assertTrue(SirenCheck.isValidFrenchVat("FR 12 487 773 327"));
        assertFalse(SirenCheck.isValidFrenchVat("FR13487773327"));
        assertFalse(SirenCheck.isValidFrenchVat("DE123456789"));
        assertThrows(IllegalArgumentException.class, () -> SirenCheck.vatKey("1234"));
        assertEquals("05", SirenCheck.vatKey("000000030"), "keys under 10 are written on two digits");
    }
}
