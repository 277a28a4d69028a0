package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's check points ({@link Cancellation}) and the reading of a message with the thread interrupted. */
class CancellationTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aCheckPointThrowsOnlyWhenTheThreadIsInterruptedAndLeavesItsStatusSet() {
        assertDoesNotThrow(Cancellation::check);
        Thread.currentThread().interrupt();
        assertThrows(AnalysisCancelledException.class, Cancellation::check);
        assertTrue(Thread.currentThread().isInterrupted());
    }

    @Test
    void aLoopChecksOnceEveryEveryItems() {
        Thread.currentThread().interrupt();
        for (int i = 1; i < Cancellation.EVERY; i++) {
            Cancellation.checkEvery(i); // not a check point
        }
        assertThrows(AnalysisCancelledException.class, () -> Cancellation.checkEvery(Cancellation.EVERY));
    }

    @Test
    void catchAllsLetOnlyTheCancellationThrough() {
        AnalysisCancelledException cancelled = new AnalysisCancelledException();
        assertSame(cancelled, assertThrows(AnalysisCancelledException.class,
                () -> Cancellation.rethrowIfCancelled(cancelled)));
        assertDoesNotThrow(() -> Cancellation.rethrowIfCancelled(new IllegalStateException("a library defect")));
    }

    @Test
    void aRegularExpressionOverALongTextStopsInTheMiddleOfOneFind() {
        String text = "a".repeat(Cancellation.CHECKED_TEXT_MIN_CHARS * 2);
        CharSequence view = Cancellation.checking(text);
        assertEquals(text, view.toString());
        assertEquals(text.length(), view.length());
        Matcher m = Pattern.compile("a(?=z)").matcher(view); // scans the whole text without a match
        assertTrue(!m.find(), "not interrupted: the view reads as the text");
        Thread.currentThread().interrupt();
        m.reset();
        assertThrows(AnalysisCancelledException.class, m::find);
    }

    @Test
    void aShortTextIsNotWrapped() {
        String text = "a".repeat(Cancellation.CHECKED_TEXT_MIN_CHARS - 1);
        assertSame(text, Cancellation.checking(text));
    }

    @Test
    void readingAMultipartMessageWithTheThreadInterruptedIsCancelledNotRecordedAsAnUnreadablePart() {
        byte[] raw = ("From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n"
                + "\r\n--b\r\nContent-Type: text/plain\r\n\r\nHello\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Hello</p>"
                + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
        EmailParser parser = new EmailParser(IngestLimits.DEFAULT);
        assertEquals(2, parser.parse(raw, "m.eml").bodies().size());
        Thread.currentThread().interrupt();
        assertThrows(AnalysisCancelledException.class, () -> parser.parse(raw, "m.eml"));
    }
}
