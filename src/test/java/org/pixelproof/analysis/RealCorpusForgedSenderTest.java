package org.pixelproof.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.SenderIdentityCheck;

/**
 * The forged-sender signs ({@code DECEPTIVE_LINK_TEXT}, {@code REPLY_TO_PUBLIC_MAILBOX} and the receiving server's
 * {@code FROM_DOMAIN_AUTHENTICATION_FAILED*}) on the real e-mails of {@code ../shared/corpus/real}, through the whole
 * analysis (the authentication reasons are added after DKIM verification): a deceptive link text is found only in
 * messages of the spam and phishing honeypot, and none of these signs makes a message outside the honeypot doubtful.
 * Read in place, never copied; skipped with a message when the folder is absent (a user's fresh clone). The measured
 * lists are in {@code docs/decisions/0033-forged-sender-signs.md}.
 */
class RealCorpusForgedSenderTest {

    private static final Path REAL = RealCorpusAnalysisTest.REAL;
    private static final String HONEYPOT = "rf-peixoto/phishing_pot";
    private static final List<String> NEW_REASONS = List.of(SenderIdentityCheck.DECEPTIVE_LINK_TEXT,
            SenderIdentityCheck.REPLY_TO_PUBLIC_MAILBOX, SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED,
            SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED,
            SenderIdentityCheck.FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST);

    private static final Map<String, List<String>> CAVEATS = new TreeMap<>();
    private static final Map<String, String> SOURCES = new HashMap<>();

    @BeforeAll
    static void analyse() throws Exception {
        if (!Files.isDirectory(REAL)) {
            return;
        }
        try (Stream<String> lines = Files.lines(REAL.resolve("MANIFEST.tsv"))) {
            lines.skip(1).map(l -> l.split("\t")).filter(f -> f.length > 1).forEach(f -> SOURCES.put(f[0], f[1]));
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(REAL)) {
            s.filter(p -> p.toString().endsWith(".eml")).sorted().forEach(files::add);
        }
        for (Path p : files) {
            Analysis a = GoldenCorpus.analyzer().analyze(Files.readAllBytes(p), p.getFileName().toString(),
                    AnalysisOptions.DEFAULT);
            CAVEATS.put(p.getFileName().toString(), a.sender() == null ? List.of() : a.sender().identityCaveats());
        }
    }

    private static void assumeCorpus() throws IOException {
        assumeTrue(Files.isDirectory(REAL), "skipped: " + REAL.toAbsolutePath().normalize()
                + " is absent (the real e-mails are not shipped with the project)");
    }

    private static List<String> with(String reason) {
        return CAVEATS.entrySet().stream().filter(e -> e.getValue().contains(reason)).map(Map.Entry::getKey).toList();
    }

    @Test
    void deceptiveLinkTextsAreFoundOnlyInTheHoneypotsPhishing() throws IOException {
        assumeCorpus();
        assertTrue(CAVEATS.size() > 100, "the corpus is there: " + CAVEATS.size());
        List<String> deceptive = with(SenderIdentityCheck.DECEPTIVE_LINK_TEXT);
        System.out.println("DECEPTIVE_LINK_TEXT: " + deceptive);
        assertEquals(List.of("036-adobe-campaign-holiday-park-phish-nl.eml",
                "037-adobe-campaign-retailer-copy-phish-en.eml"), deceptive);
        for (String f : deceptive) {
            assertEquals(HONEYPOT, SOURCES.get(f), f);
        }
    }

    @Test
    void theNewSignsMakeNoMessageOutsideTheHoneypotDoubtful() throws IOException {
        assumeCorpus();
        for (String reason : NEW_REASONS) {
            for (String f : with(reason)) {
                assertEquals(HONEYPOT, SOURCES.get(f), f + " has " + reason + " but is not from the honeypot");
            }
        }
        // a creator's newsletter answered at a gmail.com address (103) and an old Google invitation (074) show the
        // Reply-To sign alone: it supports other signs, never decides on its own
        assertEquals(List.of(), CAVEATS.get("103-beehiiv-creator-newsletter-pt.eml"));
        assertEquals(List.of(), CAVEATS.get("074-gmail-invite-2005-encoded-en.eml"));
    }
}
