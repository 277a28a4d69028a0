package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The country of a footer's postal address, told from its shape only. */
class AddressCountryTest {

    private static String code(String address) {
        AddressCountry c = AddressCountry.of(address);
        return c == null ? "none" : c.code() == null ? "abroad" : c.code();
    }

    @Test
    void frenchAddressesAreFranceAndMonacoIsNot() {
        assertEquals("FR", code("12 rue des Artisans, 69002 Lyon"));
        assertEquals("FR", code("18 chemin des Vignes - CS40207 - 69574 DARDILLY CEDEX"));
        assertEquals("FR", code("3 avenue du Port, 97200 Fort-de-France"));
        assertTrue(AddressCountry.of("12 rue des Artisans, 69002 Lyon").france());
        assertEquals("MC", code("7 avenue des Fleurs, 98000 Monaco"));
        assertFalse(AddressCountry.of("7 avenue des Fleurs, 98000 Monaco").france());
    }

    @Test
    void germanAndDutchShapesNameTheirCountryOnlyWhenThePostcodeTellsIt() {
        assertEquals("DE", code("Hafenweg 12 | 40210 Düsseldorf"));
        assertEquals("DE", code("Beispielstraße 7, D-79541 Lörrach"));
        assertEquals("AT", code("Mustergasse 3, A-1010 Wien"));
        assertEquals("CH", code("Bahnhofstrasse 1, CH-8001 Zürich"));
        assertEquals("NL", code("Keizersgracht 100, 1015 CJ Amsterdam"));
        assertEquals("BE", code("Kerkstraat 5, 2000 Antwerpen"));
        assertEquals("abroad", code("Mariahilfer Straße 12, 1070 Wien"));
    }

    @Test
    void southernAndAngloShapes() {
        assertEquals("IT", code("Via Roma 12, 20121 Milano"));
        assertEquals("PT", code("Rua Augusta 20, 1100-053 Lisboa"));
        assertEquals("abroad", code("Calle Mayor 5, 28013 Madrid"));
        assertEquals("US", code("500 Market Street, Suite 8 San Francisco, CA 94105"));
        assertEquals("GB", code("10 Baker Street, London NW1 6XE"));
    }

    @Test
    void anythingElseTellsNothing() {
        assertNull(AddressCountry.of(null));
        assertNull(AddressCountry.of(" "));
        assertNull(AddressCountry.of("Livraison du colis"));
    }

    @Test
    void countryNamesInBothLanguages() {
        AddressCountry de = AddressCountry.of("Hafenweg 12 | 40210 Düsseldorf");
        assertEquals("Allemagne", de.name(Locale.FRENCH));
        assertEquals("Germany", de.name(Locale.ENGLISH));
        assertNull(AddressCountry.of("Calle Mayor 5, 28013 Madrid").name(Locale.FRENCH));
    }
}
