package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees in the dossier folders: the dossiers' names (they sort as the mailboxes do and say which folder
 * each e-mail came from), the {@code index.csv} written for Excel with {@code --csv-excel}, and the index rows of the
 * copies of a message given twice. Run over the {@link StubBackends} engine and the real mbox reader.
 */
class DossierNamesAndIndexTest {
    @TempDir
    Path tmp;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** @return an e-mail with a tracking pixel of the stub's ESP, told apart by {@code tag} */
    static String tracked(String from, String tag) {
        return "From: Shop <" + from + ">\nTo: alex.martin@example.org\nSubject: " + tag + "\n"
                + "Date: Mon, 02 Mar 2026 10:00:00 +0100\nContent-Type: text/html\n\n"
                + "<img src=\"https://ouverture.mailexemple.com/o/" + tag + ".gif\" width=1 height=1>\n";
    }

    /** @return an mbox (RFC 4155) of the messages, LF line ends */
    static String mbox(List<String> messages) {
        StringBuilder sb = new StringBuilder();
        for (String m : messages) {
            sb.append("From news@shop.example Mon Mar  2 10:00:00 2026\n").append(m).append('\n');
        }
        return sb.toString();
    }

    private Path write(String relative, String content) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    /** @return the rows of a plain (RFC 4180) or Excel ({@code ;}, BOM) CSV file, header first */
    static List<List<String>> readCsv(Path file, char separator) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        String text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).with(CsvSchema.emptySchema().withColumnSeparator(separator))
                .readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    static boolean startsWithBom(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    }

    // ---- 1. index.csv follows --csv-excel

    @Test
    void csvExcelWritesBothIndexesAsTheSummaryCsvForExcel() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        write("in/a.eml", tracked("news@shop.example", "a"));
        write("in/b.eml", tracked("lettre@boutique.example", "b"));
        Path pdf = tmp.resolve("pdf");
        Path sender = tmp.resolve("sender");
        Path csv = tmp.resolve("s.csv");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", in.toString(), "--pdf", pdf.toString(),
                "--sender-pdf", sender.toString(), "--csv", csv.toString(), "--csv-excel");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        for (Path index : List.of(csv, pdf.resolve(DossierIndex.FILE_NAME), sender.resolve(DossierIndex.FILE_NAME))) {
            assertTrue(startsWithBom(index), index + " starts with a byte-order mark");
            String text = Files.readString(index, StandardCharsets.UTF_8).substring(1);
            assertTrue(text.startsWith("file;")
                    || text.startsWith("dossier;sender;emails;inputs;sha256;duplicate_of\r\n"), index + ": " + text);
        }
        List<List<String>> rows = readCsv(pdf.resolve(DossierIndex.FILE_NAME), ';');
        assertEquals(DossierIndex.COLUMNS, rows.get(0));
        assertEquals(List.of(List.of("a.pdf", "shop.example", "1", in.resolve("a.eml").toString()),
                List.of("b.pdf", "boutique.example", "1", in.resolve("b.eml").toString())),
                rows.subList(1, rows.size()).stream().map(row -> row.subList(0, 4)).toList());
        List<List<String>> senders = readCsv(sender.resolve(DossierIndex.FILE_NAME), ';');
        assertEquals(List.of("boutique.example.pdf", "shop.example.pdf"), senders.subList(1, senders.size()).stream()
                .map(row -> row.get(0)).toList());
    }

    @Test
    void csvExcelAppliesToTheIndexesWithoutCsvAndStaysAUsageErrorWithNoCsvToWrite() throws IOException {
        Path a = write("in/a.eml", tracked("news@shop.example", "a"));
        Path pdf = tmp.resolve("pdf");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", a.toString(), "--pdf", pdf.toString(),
                "--csv-excel");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(startsWithBom(pdf.resolve(DossierIndex.FILE_NAME)));
        Path sender = tmp.resolve("sender");
        r = AnalyzeCommandTest.run("analyze", a.toString(), "--sender-pdf", sender.toString(), "--csv-excel");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals("shop.example.pdf", readCsv(sender.resolve(DossierIndex.FILE_NAME), ';').get(1).get(0));

        AnalyzeCommandTest.Run alone = AnalyzeCommandTest.run("analyze", a.toString(), "--json", "--csv-excel");
        assertEquals(ExitCodes.USAGE, alone.exit(), alone.err());
        assertTrue(alone.err().contains("--csv-excel needs a CSV to write: --csv FILE, --senders-csv FILE, or the "
                + "index.csv of --pdf DIR or --sender-pdf DIR"), alone.err());
    }

    @Test
    void anIndexIsReadInEitherFormAndWrittenWhollyInTheFormOfTheLastRun() throws IOException {
        Path a = write("in/a.eml", tracked("news@shop.example", "a"));
        Path b = write("in/b.eml", tracked("news@shop.example", "b"));
        Path c = write("in/c.eml", tracked("news@shop.example", "c"));
        Path pdf = tmp.resolve("pdf");
        Path index = pdf.resolve(DossierIndex.FILE_NAME);
        assertEquals(ExitCodes.OK, AnalyzeCommandTest.run("analyze", a.toString(), "--pdf", pdf.toString()).exit());
        assertFalse(startsWithBom(index));
        // an Excel run into the folder keeps the plain index's rows, and writes them for Excel
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", b.toString(), "--pdf", pdf.toString(),
                "--csv-excel");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(startsWithBom(index));
        assertEquals(List.of("a.pdf", "b.pdf"), readCsv(index, ';').subList(1, 3).stream().map(row -> row.get(0))
                .toList());
        // and a plain run reads the Excel index back, BOM and ';' included
        r = AnalyzeCommandTest.run("analyze", c.toString(), "--pdf", pdf.toString(), "--quiet");
        assertFalse(r.err().contains("could not be read"), r.err());
        assertFalse(startsWithBom(index));
        List<List<String>> rows = readCsv(index, ',');
        assertEquals(DossierIndex.COLUMNS, rows.get(0));
        assertEquals(List.of(List.of("a.pdf", a.toString()), List.of("b.pdf", b.toString()),
                List.of("c.pdf", c.toString())), rows.subList(1, rows.size()).stream()
                        .map(row -> List.of(row.get(0), row.get(3))).toList());
    }

    @Test
    void anIndexOfAnEarlierVersionWithoutTheLastColumnIsKept() throws IOException {
        Path pdf = Files.createDirectories(tmp.resolve("pdf"));
        Files.writeString(pdf.resolve("old.pdf"), "%PDF-old");
        Files.writeString(pdf.resolve(DossierIndex.FILE_NAME), "dossier,sender,emails,inputs,sha256\r\n"
                + "old.pdf,old.example,1,old.eml,abc\r\n");
        Path a = write("in/a.eml", tracked("news@shop.example", "a"));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", a.toString(), "--pdf", pdf.toString(),
                "--csv-excel", "--quiet");
        assertFalse(r.err().contains("could not be read"), r.err());
        List<List<String>> rows = readCsv(pdf.resolve(DossierIndex.FILE_NAME), ';');
        assertEquals(List.of("old.pdf", "old.example", "1", "old.eml", "abc", ""), rows.get(1));
    }

    // ---- 2. names that sort and say where the e-mail came from

    @Test
    void theMessagesOfAnMboxGetNumbersThatSortInTheirOrder() throws IOException {
        List<String> messages = IntStream.rangeClosed(1, 12).mapToObj(i -> tracked("news@shop.example", "m" + i))
                .toList();
        Path inbox = write("mail/Inbox", mbox(messages));
        Path pdf = tmp.resolve("pdf");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", inbox.toString(), "--pdf", pdf.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<String> expected = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("Inbox-%05d.pdf", i))
                .toList();
        assertEquals(expected, AnalyzeCommandTest.pdfs(pdf), "sorted by name, the dossiers are in mailbox order");
        List<List<String>> rows = readCsv(pdf.resolve(DossierIndex.FILE_NAME), ',');
        assertEquals("Inbox-00010.pdf", rows.get(10).get(0));
        assertEquals(inbox + "#10", rows.get(10).get(3), "the index keeps the input's own name");
        assertEquals("%PDF-stub\n" + inbox + "#10\n", Files.readString(pdf.resolve("Inbox-00010.pdf")));
    }

    @Test
    void twoMailboxesOfTheSameNameInTwoFoldersKeepTheirFolderInTheirDossiersNames() throws IOException {
        Path mail = Files.createDirectories(tmp.resolve("Mail"));
        write("Mail/2024/Inbox", mbox(List.of(tracked("news@shop.example", "a24"),
                tracked("news@shop.example", "b24"))));
        write("Mail/2025/Inbox", mbox(List.of(tracked("news@shop.example", "a25"))));
        write("Mail/top.eml", tracked("news@shop.example", "top"));
        Path pdf = tmp.resolve("pdf");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", mail.toString(), "--pdf", pdf.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("2024_Inbox-00001.pdf", "2024_Inbox-00002.pdf", "2025_Inbox-00001.pdf", "top.pdf"),
                AnalyzeCommandTest.pdfs(pdf));
        // the same two mailboxes named on the command line: named below the folder they share
        Path pdf2 = tmp.resolve("pdf2");
        r = AnalyzeCommandTest.run("analyze", mail.resolve("2025/Inbox").toString(),
                mail.resolve("2024/Inbox").toString(), "--pdf", pdf2.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("2024_Inbox-00001.pdf", "2024_Inbox-00002.pdf", "2025_Inbox-00001.pdf"),
                AnalyzeCommandTest.pdfs(pdf2));
        List<List<String>> rows = readCsv(pdf2.resolve(DossierIndex.FILE_NAME), ',');
        assertEquals(List.of("2025_Inbox-00001.pdf", mail.resolve("2025/Inbox") + "#1"), List.of(rows.get(1).get(0),
                rows.get(1).get(3)), "the index keeps the order of the inputs and their names");
    }

    @Test
    void theMessagesOfAnMhFolderAreReadAndNamedInTheirNumbersOrder() throws IOException {
        Path inbox = Files.createDirectories(tmp.resolve("Mail/inbox"));
        for (int n : List.of(1, 2, 10)) {
            write("Mail/inbox/" + n, tracked("news@shop.example", "mh" + n));
        }
        Path pdf = tmp.resolve("pdf");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", tmp.resolve("Mail").toString(), "--pdf",
                pdf.toString(),
                "--jsonl", tmp.resolve("out.jsonl").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("inbox_00001.pdf", "inbox_00002.pdf", "inbox_00010.pdf"), AnalyzeCommandTest.pdfs(pdf));
        List<String> order = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("out.jsonl"))) {
            order.add(CliJson.mapper().readTree(line).get("file").asText());
        }
        assertEquals(List.of(inbox.resolve("1").toString(), inbox.resolve("2").toString(),
                inbox.resolve("10").toString()), order, "1, 2, 10: not 1, 10, 2");
    }

    @Test
    void aDossierNameKeepsTheInputsFoldersBelowTheSharedFolderAndItsNumber() {
        DossierNames names = DossierNames.forPaths(List.of(tmp.toString()));
        assertEquals(tmp.toAbsolutePath().normalize(), names.base(), "one folder given: the folder itself");
        assertEquals("Inbox-00017", names.stem(tmp.resolve("Inbox") + "#17", 17));
        assertEquals("2024_Inbox-00017", names.stem(tmp.resolve("2024/Inbox") + "#17", 17));
        assertEquals("Inbox-100000", names.stem(tmp.resolve("Inbox") + "#100000", 100_000), "more digits past 99,999");
        assertEquals("Local_Folders_Archives.sbd_2024-00003",
                names.stem(tmp.resolve("Local Folders/Archives.sbd/2024") + "#3", 3));
        assertEquals("Boite_de_reception.mbox-00001", names.stem(tmp.resolve("Bo\u00eete de r\u00e9ception.mbox")
                + "#1", 1));
        assertEquals("newsletter", names.stem(tmp.resolve("newsletter.eml").toString(), 0));
        assertEquals("offre", names.stem(tmp.resolve("offre.MSG").toString(), 0));
        assertEquals("in_rf", names.stem(tmp.resolve("in/-rf.eml").toString(), 0), "never read as an option");
        assertEquals("Maildir_cur_1760522531.M1P100.mx.example.net_2_S",
                names.stem(tmp.resolve("Maildir/cur/1760522531.M1P100.mx.example.net:2,S").toString(), 0));
        assertEquals("inbox_00017", names.stem(tmp.resolve("inbox/17").toString(), 0), "an MH message");
        assertEquals("x.eml-00002", names.stem(tmp.resolve("x.eml") + "#2", 2), "an mbox keeps its extension");
        assertEquals("a_b_c-00003", names.stem(tmp.resolve("a/b#c") + "#3", 3),
                "a '#' of the file's own name is not taken for the number");
        assertEquals("message", names.stem(tmp.resolve("\ud83d\udce8.eml").toString(), 0));
        assertEquals("2024_message", names.stem(tmp.resolve("2024/\ud83d\udce8.eml").toString(), 0));
        assertEquals("2024_00005", names.stem(tmp.resolve("2024/\ud83d\udce8") + "#5", 5));
        // too long: the leading folders go first, the file's name and number stay
        String deep = tmp.resolve("a".repeat(60) + "/" + "b".repeat(60) + "/Inbox") + "#7";
        assertEquals("b".repeat(60) + "_Inbox-00007", names.stem(deep, 7));
        String longName = tmp.resolve("c".repeat(200)) + "#7";
        assertEquals("c".repeat(DossierNames.MAX_LENGTH - 6) + "-00007", names.stem(longName, 7));
    }

    @Test
    void theSharedFolderOfSeveralPathsIsTheDeepestThatHoldsThemAll() throws IOException {
        Path a = write("x/2024/Inbox", "");
        Path b = write("x/2025/Inbox", "");
        Path base = tmp.resolve("x").toAbsolutePath().normalize();
        assertEquals(base, DossierNames.forPaths(List.of(a.toString(), b.toString())).base(), "two files");
        assertEquals(base, DossierNames.forPaths(List.of(a.getParent().toString(), b.getParent().toString())).base(),
                "two folders");
        assertEquals(a.getParent().toAbsolutePath().normalize(), DossierNames.forPaths(List.of(a.toString())).base(),
                "one file: the folder it is in");
        assertEquals("2024_Inbox-00001", DossierNames.forPaths(List.of(a.toString(), b.toString()))
                .stem(a + "#1", 1));
    }

    // ---- 3. every copy of a message is in the index

    @Test
    void theIndexListsEveryCopyOfAMessageWithTheDossierThatHoldsIt() throws IOException {
        String first = tracked("news@shop.example", "dup");
        Path mail = Files.createDirectories(tmp.resolve("mail"));
        Path eml = write("mail/saved.eml", first.replace("\n", "\r\n")); // the .eml saved with CRLF
        Path box = write("mail/Inbox", mbox(List.of(tracked("news@shop.example", "other"), first)));
        Files.createDirectories(mail.resolve("Maildir/new"));
        Files.createDirectories(mail.resolve("Maildir/tmp"));
        Path maildirCopy = write("mail/Maildir/cur/1761033000.M1P1.host:2,S", first);
        String plain = "From: Ami <ami@shop.example>\nSubject: hello\n\nno tracker here\n";
        Path untracked = write("mail/a-untracked.eml", plain);
        Path untrackedCopy = write("mail/b-untracked-copy.eml", plain);
        Path pdf = tmp.resolve("pdf");
        Path sender = tmp.resolve("sender");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", mail.toString(), "--pdf", pdf.toString(),
                "--sender-pdf", sender.toString(), "--max-per-dossier", "1");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        // the walk meets Inbox, Maildir/cur/..., a-untracked.eml, b-untracked-copy.eml, saved.eml
        String firstInput = box + "#2";
        List<List<String>> rows = readCsv(pdf.resolve(DossierIndex.FILE_NAME), ',');
        assertEquals(DossierIndex.COLUMNS, rows.get(0));
        String shaOf = StubBackends.sha256(Files.readAllBytes(eml));
        assertEquals(List.of(
                List.of("Inbox-00001.pdf", "shop.example", "1", box + "#1", ""),
                List.of("Inbox-00002.pdf", "shop.example", "1", firstInput, ""),
                List.of("Inbox-00002.pdf", "shop.example", "0", maildirCopy.toString(), firstInput),
                List.of("Inbox-00002.pdf", "shop.example", "0", eml.toString(), firstInput)),
                rows.subList(1, rows.size()).stream().map(row -> List.of(row.get(0), row.get(1), row.get(2),
                        row.get(3), row.get(5))).toList(), "a copy's row names the dossier of its message");
        assertEquals(shaOf, rows.get(4).get(4), "each copy keeps the SHA-256 of its own bytes");
        assertFalse(rows.toString().contains(untracked.toString()) || rows.toString().contains(untrackedCopy
                .toString()), "no dossier, no row, for a message without tracker nor its copy");
        assertTrue(r.err().contains("--pdf: no second dossier for 3 e-mail(s) given twice (the same message as an "
                + "earlier input, line ends and mail-program state fields aside); index.csv lists 2 of them with the "
                + "dossier that holds their message"), r.err());

        // per sender, one e-mail a dossier: the copies point to the part that holds their message
        List<List<String>> senders = readCsv(sender.resolve(DossierIndex.FILE_NAME), ',');
        assertEquals(List.of(
                List.of("shop.example.pdf", "1", box + "#1", ""),
                List.of("shop.example-part2.pdf", "1", firstInput, ""),
                List.of("shop.example-part2.pdf", "0", maildirCopy.toString(), firstInput),
                List.of("shop.example-part2.pdf", "0", eml.toString(), firstInput)),
                senders.subList(1, senders.size()).stream().map(row -> List.of(row.get(0), row.get(2), row.get(3),
                        row.get(5))).toList());
        assertEquals("%PDF-stub\n" + firstInput + "\n", Files.readString(sender.resolve("shop.example-part2.pdf")),
                "the message is in its dossier once");
        assertTrue(r.err().contains("--sender-pdf: 3 e-mail(s) given twice (the same message as an earlier input, "
                + "line ends and mail-program state fields aside) put in their dossier once; index.csv lists 2 of "
                + "them with the dossier that holds their message"), r.err());
    }

    @Test
    void aCopysRowIsKeptByALaterRunAsLongAsItsDossierIs() throws IOException {
        String message = tracked("news@shop.example", "dup");
        Path a = write("in/a.eml", message);
        Path b = write("in/b.eml", message);
        Path other = write("in/c.eml", tracked("news@shop.example", "c"));
        Path pdf = tmp.resolve("pdf");
        assertEquals(ExitCodes.OK, AnalyzeCommandTest.run("analyze", a.toString(), b.toString(), "--pdf",
                pdf.toString()).exit());
        assertEquals(ExitCodes.OK, AnalyzeCommandTest.run("analyze", other.toString(), "--pdf", pdf.toString(),
                "--quiet").exit());
        List<List<String>> rows = readCsv(pdf.resolve(DossierIndex.FILE_NAME), ',');
        assertEquals(List.of(List.of("a.pdf", a.toString(), ""), List.of("a.pdf", b.toString(), a.toString()),
                List.of("c.pdf", other.toString(), "")), rows.subList(1, rows.size()).stream()
                        .map(row -> List.of(row.get(0), row.get(3), row.get(5))).toList());
    }
}
