package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mbox inputs read through {@code ingest}'s streaming reader, with the stub engine. */
class MailboxInputsTest {
    static final Path MBOX = AnalyzeCommandTest.FIXTURES.resolve("mixed/inbox.mbox");

    @TempDir
    Path tmp;

    @Test
    void anMboxGivesOneAnalysisPerMessageNamedWithItsNumberAndUnescaped() throws IOException {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", MBOX.toString(), "--jsonl", "-");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<JsonNode> lines = r.out().lines().map(l -> {
            try {
                return CliJson.mapper().readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(3, lines.size());
        assertEquals(List.of(MBOX + "#1", MBOX + "#2", MBOX + "#3"),
                lines.stream().map(a -> a.get("file").asText()).toList());
        String second = "From: Boutique Exemple <commandes@boutique-exemple.com>\n"
                + "To: alex.martin@example.org\n"
                + "Subject: Expedition\n"
                + "Date: Thu, 16 Oct 2025 09:00:00 +0000\n"
                + "Message-ID: <m2@boutique-exemple.com>\n"
                + "\n"
                + "Votre colis est parti.\n"
                + "From the warehouse, with care.\n"
                + ">From here the quoted line keeps one '>' less.\n";
        assertEquals(StubBackends.sha256(second.getBytes(StandardCharsets.UTF_8)), lines.get(1).get("sha256")
                .asText(), "the From_ line is dropped and >From lines unescaped (mboxrd)");
    }

    @Test
    void anMboxWithoutItsExtensionIsToldByItsContent() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("Thunderbird/Mail/Local Folders"));
        Files.copy(MBOX, folder.resolve("Inbox"));
        Files.writeString(folder.resolve("Inbox.msf"), "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", tmp.resolve("Thunderbird").toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(3, r.json().size());
        assertEquals(folder.resolve("Inbox") + "#3", r.json().get(2).get("file").asText());
    }

    @Test
    void anOversizedMboxMessageIsReportedAndTheOthersAnalysed() throws IOException {
        Path mbox = tmp.resolve("big.mbox");
        String small = "From a@example.com Thu Oct 16 09:00:00 2025\nFrom: a@example.com\nSubject: s\n\nok\n\n";
        StringBuilder big = new StringBuilder("From b@example.com Thu Oct 16 09:00:00 2025\nFrom: b@example.com\n\n");
        String line = "y".repeat(99) + "\n";
        while (big.length() < 10L * 1024 * 1024 + 10) {
            big.append(line);
        }
        Files.writeString(mbox, small + big + "\n" + small, StandardCharsets.US_ASCII);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", mbox.toString(), "--limits", "strict",
                "--json");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertEquals(2, r.json().size());
        assertTrue(r.err().contains(mbox + "#2: skipped: too large: "), r.err());
        assertEquals(mbox + "#3", r.json().get(1).get("file").asText());
    }

    @Test
    void anEmptyMboxHoldsNoMessage() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.mbox"));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", empty.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(0, r.json().size());
    }
}
