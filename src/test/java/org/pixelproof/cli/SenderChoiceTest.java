package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an association picking the senders to complain about needs from one run over its members' exports (new-user
 * trial 18): a summary sorted so that the senders a complaint is about come first, the whole sender table as a CSV,
 * dossiers for the chosen senders only ({@code --sender}), and the points to check before sending kept under
 * {@code --quiet}. Over the fictional fixtures of {@code src/test/resources/cli/senders} and the {@link StubBackends}
 * engine, whose open pixels carry the recipient's address and whose click links carry nothing.
 */
class SenderChoiceTest {
    static final Path SENDERS = AnalyzeCommandTest.FIXTURES.resolve("senders");
    /** The senders of the fixtures in the order a complaint needs them. */
    static final List<String> ORDER = List.of("gazette-exemple.fr", "jardin-promo.example", "club-lecture.example",
            "parcs-vacances.example (identity doubtful)");

    @TempDir
    Path tmp;

    private static AnalyzeCommandTest.Run run(String... args) {
        return AnalyzeCommandTest.run(args);
    }

    /** @return the first cell of each row of the summary's sender table, in order */
    private static List<String> senderRows(String err) {
        List<String> lines = err.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("sender ")) {
                start = i + 2; // the header, then its rule
                break;
            }
        }
        assertTrue(start > 0, err);
        return lines.subList(start, lines.size()).stream().takeWhile(l -> !l.isBlank() && !l.startsWith("..."))
                .map(l -> l.split(" {2,}")[0]).toList();
    }

    @Test
    void theSenderTableShowsFirstTheSendersWhoseTrackersIdentifyTheRecipientAndTheDoubtfulOnesLast() {
        AnalyzeCommandTest.Run r = run("analyze", SENDERS.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        // by e-mails the club (3, no tracker) would come first, and the phishing sender before the gazette
        assertEquals(ORDER, senderRows(r.err()));
        assertTrue(r.err().contains("By sender: most e-mails with an identifier of the recipient first"), r.err());
        assertTrue(r.err().contains("senders whose identity is doubtful after the others"), r.err());
        String gazette = r.err().lines().filter(l -> l.startsWith("gazette-exemple.fr")).findFirst().orElseThrow();
        assertTrue(gazette.matches("gazette-exemple\\.fr +1 +1 +1 +1 +1 +MailExemple"), "with id, trackers, e-mails, "
                + "with trackers, address in URL, vendors: " + gazette);
        String vendor = r.err().lines().filter(l -> l.startsWith("MailExemple")).findFirst().orElseThrow();
        assertTrue(vendor.matches("MailExemple +3 +11 +5 +3 +yes"), "with id, trackers, e-mails, senders: " + vendor);
        assertTrue(r.err().contains("By tracker vendor: most e-mails in which one of its trackers carries an "
                + "identifier of the recipient first"), r.err());
    }

    @Test
    void theNumberOfRowsPrintedIsChosenAndZeroPrintsThemAll() {
        AnalyzeCommandTest.Run two = run("analyze", SENDERS.toString(), "--json", "--summary-rows", "2");
        assertEquals(ExitCodes.OK, two.exit(), two.err());
        assertEquals(ORDER.subList(0, 2), senderRows(two.err()));
        assertTrue(two.err().contains("... and 2 more (--summary-rows 0 prints them all, --senders-csv FILE writes "
                + "them all)"), two.err());
        AnalyzeCommandTest.Run all = run("analyze", SENDERS.toString(), "--json", "--summary-rows", "0");
        assertEquals(ORDER, senderRows(all.err()));
        assertFalse(all.err().contains("... and"), all.err());
        assertEquals(ExitCodes.USAGE, run("analyze", SENDERS.toString(), "--summary-rows", "-1").exit());
    }

    @Test
    void sendersCsvHoldsEverySenderInTheTablesOrderAsTheRunWritesItsCsvs() throws IOException {
        Path csv = tmp.resolve("senders.csv");
        AnalyzeCommandTest.Run r = run("analyze", SENDERS.toString(), "--senders-csv", csv.toString(),
                "--summary-rows", "1", "--quiet");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals("", r.err(), "written with --quiet, which prints nothing here");
        List<List<String>> rows = AnalyzeCommandTest.readCsv(Files.readString(csv));
        assertEquals(SummarySink.SENDER_COLUMNS, rows.get(0));
        assertEquals(ORDER, rows.subList(1, rows.size()).stream().map(row -> row.get(0)).toList(),
                "every sender, not only the row printed");
        assertEquals(List.of("gazette-exemple.fr", "1", "1", "1", "1", "1", "false", "MailExemple"), rows.get(1));
        assertEquals(List.of("club-lecture.example", "0", "0", "3", "0", "0", "false", ""), rows.get(3));
        assertEquals(List.of("parcs-vacances.example (identity doubtful)", "2", "4", "2", "2", "2", "true",
                "MailExemple"), rows.get(4));
        assertTrue(Files.readString(csv).contains("\r\n"), "RFC 4180 line ends");

        Path excel = tmp.resolve("senders-excel.csv");
        assertEquals(ExitCodes.OK, run("analyze", SENDERS.toString(), "--senders-csv", excel.toString(),
                "--csv-excel", "--quiet").exit());
        String text = Files.readString(excel, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFsender_key;emails_with_recipient_id;trackers;"), text);
        assertTrue(text.contains("\r\ngazette-exemple.fr;1;1;1;1;1;false;MailExemple\r\n"), text);

        AnalyzeCommandTest.Run out = run("analyze", SENDERS.toString(), "--senders-csv", "-");
        assertEquals(ExitCodes.OK, out.exit(), out.err());
        assertTrue(out.out().startsWith("sender_key,"), "on stdout, without the per-e-mail lines: " + out.out());
        assertEquals(ExitCodes.USAGE, run("analyze", SENDERS.toString(), "--senders-csv", "-", "--json").exit());
        AnalyzeCommandTest.Run same = run("analyze", SENDERS.toString(), "--senders-csv", csv.toString(), "--csv",
                csv.toString());
        assertEquals(ExitCodes.USAGE, same.exit(), same.err());
        assertTrue(same.err().contains("--csv and --senders-csv name the same file"), same.err());
    }

    @Test
    void aSenderKeyStartingLikeAFormulaIsGuardedInSendersCsv() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("m.eml"), "From: x@-promo.example\nSubject: s\n\n"
                + "<img src=\"https://ouverture.mailexemple.com/o/1\">\n");
        Path csv = tmp.resolve("s.csv");
        assertEquals(ExitCodes.OK, run("analyze", in.toString(), "--senders-csv", csv.toString(), "-q").exit());
        assertEquals("'-promo.example", AnalyzeCommandTest.readCsv(Files.readString(csv)).get(1).get(0));
    }

    @Test
    void dossiersAreWrittenForTheChosenSendersOnlyAndTheOtherOutputsKeepEveryEmail() throws IOException {
        Path perEmail = tmp.resolve("pdf");
        Path perSender = tmp.resolve("by-sender");
        Path csv = tmp.resolve("emails.csv");
        StubBackends backends = new StubBackends();
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(backends, "analyze", SENDERS.toString(), "--pdf",
                perEmail.toString(), "--sender-pdf", perSender.toString(), "--csv", csv.toString(), "--sender",
                " Jardin-Promo.example ", "--sender", "parcs-vacances.example (identity doubtful)");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of("jardin-promo.example.pdf", "parcs-vacances.example_identity_doubtful.pdf"),
                AnalyzeCommandTest.pdfs(perSender));
        assertEquals(List.of("clicks-1.pdf", "clicks-2.pdf", "phish-1.pdf", "phish-2.pdf"),
                AnalyzeCommandTest.pdfs(perEmail));
        assertFalse(backends.dossiers.stream().flatMap(List::stream).anyMatch(f -> f.endsWith("pixel.eml")),
                "the dossier of a sender not chosen is not even drawn: " + backends.dossiers);
        assertEquals(9, AnalyzeCommandTest.readCsv(Files.readString(csv)).size(), "the CSV keeps all 8 e-mails");
        String index = Files.readString(perSender.resolve("index.csv"));
        assertFalse(index.contains("gazette-exemple.fr"), index);
        assertTrue(r.err().contains("--pdf: no dossier for 4 e-mail(s) of senders not chosen with --sender"),
                r.err());
        assertTrue(r.err().contains("--sender-pdf: 4 e-mail(s) of senders not chosen with --sender left out of the"
                + " dossiers"), r.err());
        assertFalse(r.err().contains("with nothing to complain about"), "the club was not chosen: " + r.err());
        assertTrue(r.err().contains("gazette-exemple.fr"), "the summary still covers every sender");
    }

    @Test
    void aSenderKeyThatMatchesNothingIsSaidEvenWhenQuietWithTheKeysThatContainIt() {
        AnalyzeCommandTest.Run r = run("analyze", SENDERS.toString(), "--sender-pdf", tmp.resolve("d").toString(),
                "--sender", "parcs-vacances.example", "--sender", "gazette-exemple.fr", "-q");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals("pixelproof: --sender parcs-vacances.example: no e-mail of the run has this sender key, so it has"
                + " no dossier (the keys are those of the CSV's sender_key column, of the summary and of --senders-csv);"
                + " keys of the run that contain it: parcs-vacances.example (identity doubtful)"
                + System.lineSeparator(), r.err());
    }

    @Test
    void senderWithoutADossierOutputIsAUsageError() {
        AnalyzeCommandTest.Run r = run("analyze", SENDERS.toString(), "--csv", "-", "--sender", "a.example");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--sender chooses the senders that get dossiers: it needs --pdf DIR or "
                + "--sender-pdf DIR"), r.err());
    }

    @Test
    void quietKeepsWhatTheComplainantStatesThatTheEmailsContradict() throws IOException {
        Path yaml = Files.writeString(tmp.resolve("membre.yaml"), """
                name: Association Vie Privée
                actingFor: Alex Martin
                mandate: true
                addressGivenOn: 2025-12-01
                """);
        AnalyzeCommandTest.Run all = run("analyze", SENDERS.resolve("pixel.eml").toString(), "--pdf",
                tmp.resolve("p").toString(), "--complainant", yaml.toString(), "-q");
        assertEquals(ExitCodes.OK, all.exit(), all.err());
        assertEquals("pixelproof: --complainant: to check before sending: 1 of the 1 e-mail(s) with a dossier "
                + "contradict what it states; the first, " + SENDERS.resolve("pixel.eml") + ": You say you gave your "
                + "address on 1 December 2025, after the message was sent (on 14 October 2025): the sender therefore "
                + "already had it. Check that date, or say how it could have obtained it earlier."
                + System.lineSeparator(), all.err(), "said with -q, and nothing else");

        AnalyzeCommandTest.Run r = run("analyze", SENDERS.toString(), "--sender-pdf", tmp.resolve("d").toString(),
                "--complainant", yaml.toString(), "--sender", "jardin-promo.example", "--quiet");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("--complainant: to check before sending: 2 of the 2 e-mail(s) with a dossier "
                + "contradict what it states; the first, " + SENDERS.resolve("clicks-1.eml") + ": You say you gave "
                + "your address on 1 December 2025, after the message was sent"), "said with --quiet, counting the "
                + "chosen sender's e-mails only: " + r.err());
        assertFalse(r.err().contains("By sender"), r.err());
    }
}
