package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The sender's postal address read from whole messages: fictional ones under {@code footer-addresses/} shaped like
 * the footers of ActiveCampaign (a comma between street and house number) and Mailchimp (an address block, the town
 * before its postcode), and the real e-mails of {@code ../shared/corpus/real} that print those layouts (read in
 * place, never copied; skipped with a message when the folder is absent).
 */
class FooterAddressEmailsTest {

    private static final Detector DETECTOR = new Detector(RuleSetLoader.loadDefault(), IngestLimits.DEFAULT);
    private static final String FIXTURES = "/org/pixelproof/detect/footer-addresses/";
    private static final Path REAL = Path.of("../shared/corpus/real");

    private static SenderIdentity fixture(String name) {
        try (InputStream in = FooterAddressEmailsTest.class.getResourceAsStream(FIXTURES + name)) {
            assertTrue(in != null, "missing fixture " + name);
            return DETECTOR.detect(new EmailParser(IngestLimits.DEFAULT).parse(in.readAllBytes(), name), List.of())
                    .sender();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the sender identity of the real e-mail whose file name starts with {@code number + "-"} */
    private static SenderIdentity real(String number) throws IOException {
        assumeTrue(Files.isDirectory(REAL), "skipped: " + REAL.toAbsolutePath().normalize()
                + " is absent (the real e-mails are not shipped with the project)");
        try (Stream<Path> s = Files.list(REAL)) {
            Path p = s.filter(f -> f.getFileName().toString().startsWith(number + "-")).findFirst().orElseThrow();
            return DETECTOR.detect(new EmailParser(IngestLimits.DEFAULT).parse(Files.readAllBytes(p),
                    p.getFileName().toString()), List.of()).sender();
        }
    }

    @Test
    void aCommaBetweenStreetAndHouseNumberIsAGermanAddress() {
        SenderIdentity s = fixture("activecampaign-comma-before-house-number-de.eml");
        assertEquals("Lindenplatz, 7, 50667 Köln", s.postalAddress());
        assertFalse(s.missing().contains("postal-address"), s.missing().toString());
        assertFalse(s.missing().contains("siren"), "no SIREN is asked of a shop in Köln: " + s.missing());
        assertEquals("DE", AddressCountry.of(s.postalAddress()).code());
    }

    @Test
    void anAddressBlockWithTheTownBeforeItsPostcodeIsRead() {
        SenderIdentity s = fixture("mailchimp-address-block-town-before-postcode-de.eml");
        assertEquals("Albrechtstraße 20, Duisburg 47051", s.postalAddress());
        assertEquals("Schreibwerkstatt Beispiel GmbH", s.organisationName());
        assertFalse(s.missing().contains("postal-address"), s.missing().toString());
    }

    @Test
    void realFootersGiveTheAddressTheyPrint() throws IOException {
        assertEquals("Reiterstaffelplatz, 11, 50968 Köln", real("128").postalAddress());
        assertEquals("Albert-Hahn-Straße 20, Duisburg 47269", real("001").postalAddress());
        assertEquals("Castroper Straße, 145, 44791, Bochum", real("013").postalAddress());
        assertEquals("Lohmühlenstraße 65 | 12435 | Berlin", real("023").postalAddress());
        assertEquals("Dechant-Sprünken-Straße 53-57 Emmerich am Rhein, NRW 46446", real("006").postalAddress());
        assertEquals("Domstraße 20, 50668 Köln", real("015").postalAddress(), "not 'Köln Vertreten'");
        assertFalse(real("128").missing().contains("postal-address"));
    }

    @Test
    void realAddressesThatAreNotTheSendersStayOut() throws IOException {
        // an order confirmation's delivery and billing addresses (capitals, no street type as the patterns write it)
        assertNull(real("102").postalAddress());
        // an event venue in a ticket confirmation comes before the ticketing company's own footer address
        assertEquals("535 Mission Street, 8th Floor San Francisco, CA 94105", real("027").postalAddress());
    }
}
