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
        // the layouts of ESP footers: a comma before the house number, the town before its postcode, line breaks
        assertEquals("DE", code("Lindenplatz, 7, 50667 Köln"));
        assertEquals("DE", code("Musterstraße 20, Duisburg 47051"));
        assertEquals("DE", code("Rheinuferstraße 53-57 Emmerich am Rhein, NRW 46446"));
        assertEquals("NL", code("Tulpenpark 32, 1012 AB, Amsterdam"));
        assertEquals("AT", code("Gewerbepark 12, A-4020 Linz"));
    }

    @Test
    void americanCanadianAustralianAndBrazilianPostcodes() {
        assertEquals("US", code("228 Park Ave S, #12345, New York, New York 10003"));
        assertEquals("US", code("P.O. Box 1234, Springfield, IL 62701"));
        assertEquals("CA", code("4736 Maple Avenue, Oshawa ON L1G 6Z8"));
        assertEquals("CA", code("PO Box 4321 Calgary, Alberta T2P 1J9"));
        assertEquals("AU", code("399 Collins St, Melbourne 3000 VIC"));
        assertEquals("BR", code("Avenida Exemplo de Souza, 3097, Butantã - SP - CEP 05339-900"));
        assertFalse(AddressCountry.of("4736 Maple Avenue, Oshawa ON L1G 6Z8").france());
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
