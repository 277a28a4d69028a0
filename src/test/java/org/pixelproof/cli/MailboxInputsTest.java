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
    void anEmlThatStartsWithAFromLineAndHoldsOneMessageIsNamedAsAFile() throws IOException {
        String message = Files.readString(AnalyzeCommandTest.FIXTURES.resolve("newsletter-1.eml"));
        Path eml = Files.writeString(tmp.resolve("newsletter.eml"), "From lettre@gazette-exemple.fr Tue Oct 14 "
                + "08:30:00 2025\n" + message);
        Path dir = tmp.resolve("dossiers");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", eml.toString(), "--jsonl", "-", "--pdf",
                dir.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        JsonNode analysis = CliJson.mapper().readTree(r.out());
        assertEquals(eml.toString(), analysis.get("file").asText(), "no #1 for a file that is not an mbox");
        assertEquals(StubBackends.sha256(message.getBytes(StandardCharsets.UTF_8)), analysis.get("sha256").asText(),
                "the SHA-256 of the message, without the From_ line");
        assertEquals(List.of("newsletter.pdf"), AnalyzeCommandTest.pdfs(dir));
        List<List<String>> index = AnalyzeCommandTest.readCsv(Files.readString(dir.resolve(DossierIndex.FILE_NAME)));
        assertEquals(eml.toString(), index.get(1).get(3));
    }

    @Test
    void aMaildirFileThatStartsWithAFromLineIsNamedAsAFile() throws IOException {
        Path cur = Files.createDirectories(tmp.resolve("Maildir/cur"));
        Files.createDirectories(tmp.resolve("Maildir/new"));
        Path file = Files.writeString(cur.resolve("1761033000.M1P1.host:2,S"), "From MAILER-DAEMON Tue Oct 14 "
                + "08:30:00 2025\nFrom: a@example.com\nSubject: s\n\nhi\n");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", tmp.resolve("Maildir").toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of(file.toString()), AnalyzeCommandTest.files(r.json()));
    }

    @Test
    void aFileNamedLikeAnMboxKeepsItsMessageNumbersEvenForOneMessage() throws IOException {
        String one = "From a@example.com Thu Oct 16 09:00:00 2025\nFrom: a@example.com\nSubject: s\n\nok\n";
        Path mbox = Files.writeString(tmp.resolve("one.mbox"), one);
        Path bare = Files.writeString(tmp.resolve("Inbox"), one);
        Path two = Files.writeString(tmp.resolve("two.eml"), one + "\n" + one.replace("Subject: s", "Subject: t"));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", mbox.toString(), bare.toString(),
                two.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of(mbox + "#1", bare + "#1", two + "#1", two + "#2"), AnalyzeCommandTest.files(r.json()),
                "an .mbox, a file without extension (Thunderbird's Inbox) and a file of two messages are mailboxes");
        assertTrue(InputWalker.namedLikeMbox("a/b.MBX") && !InputWalker.namedLikeMbox("a.b/c.eml"));
    }

    @Test
    void anEmptyMboxHoldsNoMessage() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.mbox"));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", empty.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(0, r.json().size());
    }
}
