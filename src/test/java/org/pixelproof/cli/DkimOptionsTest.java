package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelproof.ingest.IngestLimits;

/** {@code --dkim-lookup} and {@code --dkim-zone-file} reach the authenticity checker of the real engine. */
class DkimOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void aZoneFileThatCannotBeReadIsAUsageError() throws IOException {
        Path zone = Files.createDirectories(tmp.resolve("keys.zone"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.DEFAULT.engine(
                new Backends.EngineSettings(IngestLimits.DEFAULT, List.of(), false, zone)));
        assertTrue(e.getMessage().startsWith("--dkim-zone-file " + zone + ": cannot be used"), e.getMessage());
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(Backends.DEFAULT, "analyze",
                AnalyzeCommandTest.N1, "--dkim-zone-file", zone.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aValidZoneFileIsAccepted() throws IOException {
        Path zone = Files.writeString(tmp.resolve("keys.zone"), "$ORIGIN example.com.\n$TTL 3600\n"
                + "s1._domainkey IN TXT \"v=DKIM1; k=rsa; p=\"\n");
        Engine engine = Backends.DEFAULT.engine(new Backends.EngineSettings(IngestLimits.DEFAULT, List.of(), true,
                zone));
        assertTrue(engine != null);
    }
}
