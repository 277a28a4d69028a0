package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's failure handling: running out of memory while reading a mailbox or drawing a dossier, a defect while
 * walking the inputs, the read-ahead bound, and the per-sender spool deleted on every way out. Memory failures are
 * injected with test doubles (no big heap, no big file).
 */
class RobustRunTest {
    static final String N1 = AnalyzeCommandTest.N1;
    static final String ORDER = AnalyzeCommandTest.ORDER;

    @TempDir
    Path tmp;

    private static String message(String from, String subject) {
        return "From: " + from + "\nTo: alex.martin@example.org\nSubject: " + subject + "\n\nHello.\n";
    }

    private Path mbox(int count) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            sb.append("From a@example.com Thu Oct 16 09:00:00 2025\n")
                    .append(message("Shop <news@shop" + i + ".example>", "message " + i)).append('\n');
        }
        return Files.writeString(tmp.resolve("box.mbox"), sb.toString());
    }

    /**
     * Opens files normally, except that reading the given file across its byte {@code at} runs out of memory on the
     * opens whose number (1-based) is in {@code failing}.
     */
    private static IngestMailboxFormats.Opener outOfMemoryAt(Path file, long at, java.util.Set<Integer> failing,
            AtomicInteger opened) {
        return path -> {
            InputStream in = Files.newInputStream(path);
            if (!path.equals(file)) {
                return in;
            }
            boolean fails = failing.contains(opened.incrementAndGet());
            return new FilterInputStream(in) {
                long position; // in the file, skipped bytes included

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int chunk = Math.min(len, 16); // small reads: the failure lands where asked
                    if (fails && position <= at && position + chunk > at) {
                        throw new OutOfMemoryError("Java heap space (on purpose)");
                    }
                    int n = super.read(b, off, chunk);
                    position += Math.max(n, 0);
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    long skipped = super.skip(n);
                    position += skipped;
                    return skipped;
                }
            };
        };
    }

    @Test
    void anMboxMessageThatRunsOutOfMemoryBesideOthersIsReadAgainAlone() throws IOException {
        Path box = mbox(4);
        long inSecond = Files.readString(box).indexOf("message 2");
        AtomicInteger opened = new AtomicInteger();
        StubBackends backends = new StubBackends(new IngestMailboxFormats(outOfMemoryAt(box, inSecond,
                java.util.Set.of(1), opened)));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(backends, "analyze", box.toString(), ORDER, "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(List.of(box + "#1", box + "#2", box + "#3", box + "#4", ORDER),
                AnalyzeCommandTest.files(r.json()));
        assertEquals(3, opened.get(), "read, looked through for where message 2 starts, read again from there");
    }

    @Test
    void anMboxMessageThatRunsOutOfMemoryAloneIsReportedAndTheRestOfTheMboxAndTheOtherInputsGoOn()
            throws IOException {
        Path box = mbox(4);
        String text = Files.readString(box);
        long inSecond = text.indexOf("message 2");
        AtomicInteger opened = new AtomicInteger();
        StubBackends backends = new StubBackends(new IngestMailboxFormats(outOfMemoryAt(box, inSecond,
                java.util.Set.of(1, 3), opened)));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(backends, "analyze", box.toString(), ORDER, "--json");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertEquals(List.of(box + "#1", box + "#3", box + "#4", ORDER), AnalyzeCommandTest.files(r.json()),
                "the mbox is read on after the failed message, then the next input");
        int second = text.indexOf("From a@example.com", 10);
        int third = text.indexOf("From a@example.com", second + 10);
        long size = third - 1 - second - "From a@example.com Thu Oct 16 09:00:00 2025\n".length();
        assertTrue(r.err().contains(box + "#2: skipped: out of memory while reading it (" + size + " bytes, read"
                + " alone; give Java more memory with -Xmx, or use --limits strict)"), r.err());
        assertTrue(r.err().contains("1 input(s) could not be analysed"), r.err());
    }

    @Test
    void aMailboxReaderThatRunsOutOfMemoryLosesOnlyTheRestOfItsMailboxAndSaysSo() throws IOException {
        Path box = Files.writeString(tmp.resolve("big.mbox"), "From a@example.com Thu Oct 16 09:00:00 2025\n");
        MailboxFormats failing = (file, max, visitor) -> {
            visitor.message(1, message("a@shop.example", "one").getBytes(StandardCharsets.UTF_8), null);
            throw new OutOfMemoryError("Java heap space (on purpose)");
        };
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(new StubBackends(failing), "analyze", box.toString(), N1,
                ORDER, "--jsonl", "-");
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        List<String> names = r.out().lines().map(l -> {
            try {
                return CliJson.mapper().readTree(l).get("file").asText();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(List.of(box + "#1", N1, ORDER), names, "the inputs after the mbox are still analysed");
        assertTrue(r.err().contains(box + "#2: skipped: out of memory while reading it (give Java more memory with"
                + " -Xmx, or use --limits strict); the messages after it were not read"), r.err());
        assertFalse(r.err().contains("Exception in thread"), r.err());
    }

    @Test
    void aDefectWhileReadingOneInputIsAnInternalErrorOfThatInputAndTheOthersGoOn() throws IOException {
        Path box = Files.writeString(tmp.resolve("odd.mbox"), "From a@example.com Thu Oct 16 09:00:00 2025\n");
        MailboxFormats failing = (file, max, visitor) -> {
            throw new IllegalStateException("reader defect on purpose");
        };
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(new StubBackends(failing), "analyze", box.toString(), N1,
                "--json");
        assertEquals(ExitCodes.INTERNAL_ERROR, r.exit(), r.err());
        assertEquals(List.of(N1), AnalyzeCommandTest.files(r.json()));
        assertTrue(r.err().contains(box + ": skipped: internal error while reading it: IllegalStateException"),
                r.err());
    }

    @Test
    void anErrorThatStopsTheWalkIsReportedAndTheOutputsAreCompleted() throws IOException {
        Path box = Files.writeString(tmp.resolve("odd.mbox"), "From a@example.com Thu Oct 16 09:00:00 2025\n");
        MailboxFormats failing = (file, max, visitor) -> {
            throw new InternalError("virtual machine trouble on purpose");
        };
        Path csv = tmp.resolve("out.csv");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(new StubBackends(failing), "analyze", N1, box.toString(),
                ORDER, "--json", "--csv", csv.toString());
        assertEquals(ExitCodes.INTERNAL_ERROR, r.exit(), r.err());
        assertEquals(List.of(N1), AnalyzeCommandTest.files(r.json()), "a complete JSON array of what was analysed");
        assertEquals(2, AnalyzeCommandTest.readCsv(Files.readString(csv)).size(), "header and one row");
        assertTrue(r.err().contains("pixelproof: reading the inputs: stopped by an internal error"
                + " (InternalError: virtual machine trouble on purpose); the inputs after the last one reported were"
                + " not read"), r.err());
        assertTrue(r.err().contains("Analysed 1 e-mail"), "the summary is printed: " + r.err());
    }

    @Test
    void aDossierThatRunsOutOfMemoryFailsAloneAndTheRunGoesOn() throws IOException {
        Path oom = Files.writeString(tmp.resolve("huge.eml"), Files.readString(Path.of(N1))
                .replaceFirst("Subject:", "X-Test-Dossier-Out-Of-Memory: 1\nSubject:"));
        Path dir = tmp.resolve("dossiers");
        Path jsonl = tmp.resolve("out.jsonl");
        String n1 = Files.copy(Path.of(N1), tmp.resolve("newsletter-1.eml")).toString(); // named in their folder
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", oom.toString(), n1, "--pdf", dir.toString(),
                "--jsonl", jsonl.toString());
        assertEquals(ExitCodes.INPUTS_FAILED, r.exit(), r.err());
        assertEquals(2, Files.readAllLines(jsonl).size(), "both e-mails analysed and written");
        assertTrue(r.err().contains(oom + ": dossier not written: out of memory while drawing it (give Java more"
                + " memory with -Xmx)"), r.err());
        assertEquals(List.of("newsletter-1.pdf"), AnalyzeCommandTest.pdfs(dir));
    }

    @Test
    void theSenderSpoolIsDeletedWhenAnOutputFails() throws IOException {
        Path spoolParent = Files.createDirectories(tmp.resolve("temporary"));
        StubBackends backends = new StubBackends();
        backends.temporaryFolder = spoolParent;
        Path dir = Files.createDirectories(tmp.resolve("inbox"));
        for (int i = 0; i < 50; i++) {
            Files.copy(Path.of(N1), dir.resolve("n" + i + ".eml"));
        }
        OutputStream breaksAfterAFewBytes = new OutputStream() {
            int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 3000) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        int exit = PixelProofCommand.execute(new String[] {"analyze", dir.toString(), "--jsonl", "-",
            "--sender-pdf", tmp.resolve("senders").toString()}, breaksAfterAFewBytes, new ByteArrayOutputStream(),
                false, backends);
        assertEquals(ExitCodes.OUTPUT_ERROR, exit);
        assertEquals(List.of(), AnalyzeCommandTest.list(spoolParent), "no copy of the e-mails left behind");
    }

    @Test
    void theSenderSpoolIsDeletedAfterAnInternalError() throws IOException {
        Path spoolParent = Files.createDirectories(tmp.resolve("temporary"));
        Path box = Files.writeString(tmp.resolve("odd.mbox"), "From a@example.com Thu Oct 16 09:00:00 2025\n");
        StubBackends backends = new StubBackends((file, max, visitor) -> {
            throw new InternalError("virtual machine trouble on purpose");
        });
        backends.temporaryFolder = spoolParent;
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(backends, "analyze", N1, box.toString(), "--sender-pdf",
                tmp.resolve("senders").toString(), "--quiet");
        assertEquals(ExitCodes.INTERNAL_ERROR, r.exit(), r.err());
        assertEquals(List.of(), AnalyzeCommandTest.list(spoolParent));
    }

    @Test
    void theBytesReadAheadOfTheWriterAreBounded() throws IOException, InterruptedException {
        AtomicLong written = new AtomicLong();
        List<String> violations = new ArrayList<>();
        MailboxFormats counting = (file, max, visitor) -> {
            for (int n = 1; n <= 20; n++) {
                // with room for one message only, message n waits until message n-1 is written
                if (n - 2 > written.get()) {
                    violations.add("message " + n + " read while only " + written.get() + " were written");
                }
                visitor.message(n, message("a@shop.example", "m" + n).getBytes(StandardCharsets.UTF_8), null);
            }
        };
        Path box = Files.writeString(tmp.resolve("box.mbox"), "From a@example.com Thu Oct 16 09:00:00 2025\n");
        OutcomeSink counter = outcome -> written.incrementAndGet();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            BatchRunner runner = new BatchRunner(StubBackends::analyze, new InputWalker(1 << 20, counting), pool, 16,
                    new Reporter(new java.io.PrintWriter(new ByteArrayOutputStream()), true, false, false),
                    List.of(counter), null, false, 0, 1, tmp);
            runner.run(List.of(box.toString()));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20, written.get());
        assertEquals(List.of(), violations);
    }

    @Test
    void aReaderCanWaitUntilTheMessagesHandedOverAreWrittenBeforeReadingABigOneAgain() throws Exception {
        AtomicLong written = new AtomicLong();
        List<Long> writtenWhenIdle = new ArrayList<>();
        MailboxFormats waiting = new MailboxFormats() {
            @Override
            public void readMbox(Path file, long max, MboxVisitor visitor) throws InterruptedException {
                for (int n = 1; n <= 5; n++) {
                    visitor.message(n, message("a@shop.example", "m" + n).getBytes(StandardCharsets.UTF_8), null);
                }
                visitor.awaitIdle();
                writtenWhenIdle.add(written.get());
                visitor.message(6, message("a@shop.example", "m6").getBytes(StandardCharsets.UTF_8), null);
            }
        };
        Path box = Files.writeString(tmp.resolve("box.mbox"), "From a@example.com Thu Oct 16 09:00:00 2025\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            new BatchRunner(StubBackends::analyze, new InputWalker(1 << 20, waiting), pool, 16,
                    new Reporter(new java.io.PrintWriter(new ByteArrayOutputStream()), true, false, false),
                    List.of(outcome -> written.incrementAndGet()), null, false, 0, 1 << 20, tmp)
                    .run(List.of(box.toString()));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(5L), writtenWhenIdle, "the five messages before were written when it returned");
        assertEquals(6, written.get());
    }

    @Test
    void aFileIsNeverReadPastTheLimitWhateverSizeItClaims() throws IOException {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }
        };
        assertNull(InputWalker.readBounded(endless, 0, 1000), "a device or a growing file is too large");
        assertTrue(served.get() <= 1001, "read " + served.get());
        byte[] grown = InputWalker.readBounded(new java.io.ByteArrayInputStream(new byte[300]), 100, 1000);
        assertEquals(300, grown.length, "a file that grew within the limit is read whole");
        byte[] shrunk = InputWalker.readBounded(new java.io.ByteArrayInputStream(new byte[50]), 100, 1000);
        assertEquals(50, shrunk.length);
        assertNull(InputWalker.readBounded(new java.io.ByteArrayInputStream(new byte[1001]), 1000, 1000));
        assertEquals(1000, InputWalker.readBounded(new java.io.ByteArrayInputStream(new byte[1000]), 1000, 1000)
                .length);
    }
}
