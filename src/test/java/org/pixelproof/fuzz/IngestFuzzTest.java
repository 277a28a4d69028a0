package org.pixelproof.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Fuzzing of {@code ingest}: {@link EmailParser#parse} on arbitrary bytes. Its contract is that it never throws for
 * bad content (malformed input is recorded as anomalies or as a rejection), so any exception is a finding; so is an
 * input that takes longer than {@link Watchdog#HANG}.
 *
 * <p>By default ({@code mvn verify}) Jazzer runs in regression mode: each file of
 * {@code src/test/resources/org/pixelproof/fuzz/IngestFuzzTestInputs/parse/} is one input, and every finding that a
 * fuzzing session ever wrote there is replayed. With {@code JAZZER_FUZZ=1}, Jazzer fuzzes this target,
 * coverage-guided, for {@code maxDuration} (see {@code .ci/run}, which runs one bounded session per target).
 *
 * <p>Dictionary entries hold no line breaks: Jazzer 0.24 writes them unescaped into libFuzzer's dictionary file, which
 * then fails to parse.
 */
class IngestFuzzTest {
    private static final EmailParser PARSER = new EmailParser(IngestLimits.DEFAULT);
    private final Watchdog watchdog = new Watchdog();

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"Content-Type: ", "multipart/mixed; boundary=", "multipart/alternative",
            "message/rfc822", "text/html", "text/plain", "; charset=", "utf-8", "iso-8859-1", "utf-7",
            "Content-Transfer-Encoding: ", "base64", "quoted-printable", "8bit", "binary", "--", "=?utf-8?B?",
            "=?iso-8859-1?Q?", "?=", "From: ", "To: ", "Subject: ", "Date: ", "Message-ID: ", "Received: ",
            "DKIM-Signature: ", "List-Unsubscribe: ", "Content-Disposition: attachment; filename=", "name*=",
            "From - ", "application/ms-tnef", "text/rtf"})
    void parse(byte[] raw) throws Exception {
        watchdog.run(raw.length + " bytes", () -> {
            ReceivedEmail email = PARSER.parse(raw, "fuzz.eml");
            assertEquals(CaseEmail.sha256(raw), email.sha256(), "the SHA-256 is that of the bytes read");
            assertEquals(raw.length, email.sizeBytes());
            assertNotNull(email.root());
            assertTrue(email.anomalies().size() <= 200, "anomalies are bounded");
        });
    }
}
