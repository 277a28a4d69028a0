package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The postal-address layouts that e-mail services print in footers, one line each of
 * {@code footer-addresses/layouts.tsv}: the address {@link FooterReader} reads (the last one, as
 * {@link SenderIdentifier} keeps it), and none where a line only looks like one. Every address read is also one that
 * {@link AddressCountry} recognises again, so that the dossier can say which country it is in.
 */
class FooterAddressLayoutsTest {

    private static final String TABLE = "/org/pixelproof/detect/footer-addresses/layouts.tsv";

    static Stream<Arguments> layouts() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = FooterAddressLayoutsTest.class.getResourceAsStream(TABLE)) {
            assertTrue(in != null, "missing " + TABLE);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                assertEquals(2, cols.length, "two columns: " + line);
                out.add(Arguments.of(cols[1].replace("\\n", "\n"), cols[0]));
            }
        }
        assertTrue(out.size() >= 20, "the table is there: " + out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void readsTheAddressOfEachLayoutAndNoneWhereThereIsNone(String footer, String expected) {
        String read = null;
        for (FooterReader.Fact f : FooterReader.read(footer)) {
            if (f.field().equals("postal-address")) {
                read = f.value();
            }
        }
        assertEquals(expected.isEmpty() ? null : expected, read, footer);
        if (read != null) {
            assertTrue(AddressCountry.of(read) != null, "the address read is recognised again: " + read);
        }
    }
}
