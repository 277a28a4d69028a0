package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MboxReaderTest {
    private static List<MboxMessage> readAll(byte[] mbox, long max) throws IOException {
        List<MboxMessage> out = new ArrayList<>();
        try (MboxReader r = new MboxReader(new ByteArrayInputStream(mbox), max)) {
            for (MboxMessage m : r) {
                out.add(m);
            }
        }
        return out;
    }

    private static String text(MboxMessage m) {
        return new String(m.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsUnescapesAndKeepsLineEndings() throws IOException {
        byte[] mbox = EmailParserTest.fixture("three-messages.mbox");
        List<MboxMessage> all = readAll(mbox, MboxReader.DEFAULT_MAX_MESSAGE_BYTES);
        assertEquals(3, all.size());
        assertEquals(List.of(0L, 1L, 2L), all.stream().map(MboxMessage::index).toList());
        assertEquals(0, all.get(0).offset());

        String first = text(all.get(0));
        assertTrue(first.startsWith("From: Boutique Exemple"), "the From_ line is not part of the message");
        assertTrue(first.contains("\nFrom the start, this line was escaped.\n"));
        assertTrue(first.contains("\n>From here, this one was escaped twice.\n"), "mboxrd: one '>' removed");
        assertTrue(first.endsWith("escaped twice.\n"), "the blank line before the next separator is dropped");

        String second = text(all.get(1));
        assertTrue(second.startsWith("From: Club"));
        assertTrue(second.contains("\nFrom here on, an unescaped body line"),
                "a From line without a blank line before it is body text");
        assertEquals(mbox.length - all.get(2).offset(),
                new String(mbox, StandardCharsets.UTF_8).substring((int) all.get(2).offset()).length());
        assertEquals(all.get(0).sizeBytes(), all.get(0).bytes().length);

        for (MboxMessage m : all) {
            ReceivedEmail e = EmailParserTest.PARSER.parse(m.bytes(), "three-messages.mbox#" + m.index());
            assertTrue(e.rejection().isEmpty());
            assertFalse(e.bodies().isEmpty());
        }
    }

    @Test
    void reportsOversizedMessagesWithoutKeepingThem() throws IOException {
        List<MboxMessage> all = readAll(EmailParserTest.fixture("three-messages.mbox"), 1_000);
        assertEquals(3, all.size());
        assertFalse(all.get(0).oversized());
        assertFalse(all.get(1).oversized());
        MboxMessage big = all.get(2);
        assertTrue(big.oversized());
        assertNull(big.bytes());
        assertTrue(big.sizeBytes() > 3_000, "the true size is reported: " + big.sizeBytes());
    }

    @Test
    void readsAFileWithoutSeparatorAsOneMessageAndAnEmptyFileAsNone() throws IOException {
        byte[] single = "From: a@example.org\r\nSubject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        List<MboxMessage> one = readAll(single, 1 << 20);
        assertEquals(1, one.size());
        assertEquals("From: a@example.org\r\nSubject: s\r\n\r\nbody\r\n", new String(one.get(0).bytes(),
                StandardCharsets.US_ASCII), "CRLF kept");
        assertTrue(readAll(new byte[0], 1 << 20).isEmpty());
        assertTrue(readAll("\n\n".getBytes(StandardCharsets.US_ASCII), 1 << 20).isEmpty());
    }

    @Test
    void streamsManyMessagesWithBoundedMemory() throws IOException {
        int count = 20_000;
        byte[] message = ("From sender@example.org Mon Jan  5 10:00:00 2026\n"
                + "From: sender@example.org\nSubject: n\n\n" + "line\n".repeat(40) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        InputStream endless = new InputStream() {
            private long pos;
            private final long total = (long) message.length * count;

            @Override
            public int read() {
                return pos < total ? message[(int) (pos++ % message.length)] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = message[(int) (pos++ % message.length)];
                }
                return n;
            }
        };
        long seen = 0;
        try (MboxReader r = new MboxReader(endless, 1 << 16)) {
            MboxMessage m;
            while ((m = r.next()) != null) {
                assertEquals(seen, m.index());
                assertEquals(message.length - 49 - 1, m.sizeBytes());
                seen++;
            }
        }
        assertEquals(count, seen);
    }

    @Test
    void readsTheLongLinesOfAMessage() throws IOException {
        String longLine = "x".repeat(5_000);
        byte[] mbox = ("From a@example.org Mon Jan  5 10:00:00 2026\nFrom: a@example.org\n\n" + longLine
                + "\n>From escaped\n").getBytes(StandardCharsets.US_ASCII);
        MboxMessage m = readAll(mbox, 1 << 20).get(0);
        assertEquals("From: a@example.org\n\n" + longLine + "\nFrom escaped\n",
                new String(m.bytes(), StandardCharsets.US_ASCII));
    }

    /** The two linear steps accept exactly the lines the one regular expression accepted. */
    @Test
    void separatorLinesAreTheOnesOfTheRegularExpression() {
        Pattern regex = Pattern.compile(MboxReader.SEPARATOR_REGEX);
        String[] pieces = {"a", "b@x", "@", ":", "1", "12", "2:30", "9:0", " ", "\t", "\u0085", "\r", "-", "_", "é",
            "MAILER-DAEMON", "Mon Mar  2 10:00:00 2026", "x\u2028"};
        Random random = new Random(5);
        int separators = 0;
        for (int round = 0; round < 300_000; round++) {
            StringBuilder b = new StringBuilder(round % 10 == 0 ? "From" : "From ");
            for (int k = random.nextInt(8); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String line = b.toString();
            boolean expected = regex.matcher(line).matches();
            separators += expected ? 1 : 0;
            assertEquals(expected, MboxReader.isSeparatorLine(line), line);
        }
        assertTrue(separators > 20_000 && separators < 280_000, separators + " separators");
    }

    /**
     * A body of 40,000 unescaped "From " lines of 999 bytes without a time, each after an empty line: the
     * separator test stays linear (the single regular expression backtracked for minutes). Hang guard only.
     */
    @Test
    void longFromLinesWithoutATimeDoNotBacktrack() {
        StringBuilder b = new StringBuilder("From a@example.org Mon Mar  2 10:00:00 2026\nFrom: a@example.org\n\n");
        String body = "From " + "a".repeat(994) + "\n\n";
        b.append(body.repeat(40_000));
        byte[] mbox = b.toString().getBytes(StandardCharsets.US_ASCII);
        List<MboxMessage> messages = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> readAll(mbox, 64L << 20));
        assertEquals(1, messages.size());
    }
}
