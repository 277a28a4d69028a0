package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding 5: an mbox of several messages is told apart from one e-mail, without false alarms. */
class MailboxShapeTest {

    static String message(String from, String subject, String body) {
        return "From: " + from + "\nTo: camille@example.org\nSubject: " + subject
                + "\nDate: Mon, 2 Nov 2026 10:00:00 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
                + body + "\n";
    }

    /** @return an mbox of {@code n} messages from different senders, as Thunderbird writes it. */
    static byte[] mbox(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append("From news@sender").append(i).append(".example Mon Nov  2 10:0").append(i % 10)
                    .append(":00 2026\n").append(message("news@sender" + i + ".example", "Lettre " + i, "Bonjour " + i))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anMboxOfSeveralMessagesIsCounted() {
        assertEquals(5, MailboxShape.messageCount(mbox(5)));
        assertEquals(2, MailboxShape.messageCount(mbox(2)));
    }

    @Test
    void oneMessageWithItsFromLineIsOneMessage() {
        assertEquals(1, MailboxShape.messageCount(mbox(1)));
    }

    @Test
    void anEmailWhoseBodyHasLinesStartingWithFromIsOneMessage() {
        String body = "Bonjour,\n\nFrom the desk of the director: nothing new.\n\n"
                + "From news@other.example Mon Nov  2 10:00:00 2026\nSubject: looks like a separator\n\nbut is quoted text\n";
        byte[] raw = message("a@example.com", "Quoting", body).getBytes(StandardCharsets.UTF_8);
        assertEquals(1, MailboxShape.messageCount(raw), "the first line is a header: never an mbox");
        byte[] crlf = message("a@example.com", "Quoting", body).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(1, MailboxShape.messageCount(crlf));
    }

    @Test
    void aSingleExportedMessageWithABodyParagraphStartingWithFromIsOneMessage() {
        String raw = "From news@a.example Mon Nov  2 10:00:00 2026\n"
                + message("news@a.example", "One", "Hello\n\nFrom the team, best wishes.\n");
        assertEquals(1, MailboxShape.messageCount(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void emptyAndTinyInputsAreOneMessage() {
        assertEquals(1, MailboxShape.messageCount(new byte[0]));
        assertEquals(1, MailboxShape.messageCount("From".getBytes(StandardCharsets.US_ASCII)));
    }
}
