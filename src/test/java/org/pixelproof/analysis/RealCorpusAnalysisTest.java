package org.pixelproof.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pixelproof.assess.Verdict;
import org.pixelproof.ingest.MboxMessage;
import org.pixelproof.ingest.MboxReader;

/**
 * Every file of {@code ../shared/corpus/real} (real received e-mails, see its README) is analysed without an exception
 * and with a verdict; the labelled ones ({@code has_tracking_guess} in {@code MANIFEST.tsv}: {@code yes} means
 * tracking, {@code no} means none, {@code unsure} anything) give their label, except where {@link #OVERRIDES} says,
 * with the reason, that the label is wrong. Skipped when the folder is absent (a user's fresh clone).
 */
class RealCorpusAnalysisTest {

    static final Path REAL = Path.of("../shared/corpus/real");

    /**
     * Labels read as wrong after reading the message: file name, the label the engine must give instead, and why.
     * The MANIFEST calls its labels "a first reading".
     */
    static final Map<String, Override> OVERRIDES = Map.of(
            "131-sendinblue-hdr-energy-leadgen-hex-recipient-nl.eml", new Override(false,
                    "the recipient's address appears, hex-encoded, only in header fields (From local part, List-Id,"
                    + " List-Unsubscribe, X-SID-PRA), which are reported as header identifiers; the body has no"
                    + " pixel and its three links are the same affiliate link for every recipient"
                    + " (?a=83&c=163&s1=rida16), so nothing a client loads or follows identifies the recipient"),
            "129-activecampaign-doi-injected-name-de.eml", new Override(false,
                    "a double-opt-in confirmation: its only link is ActiveCampaign's confirm link"
                    + " (proc.php?...&act=csub), which must name the subscriber to confirm the subscription asked"
                    + " for and is not click tracking (docs/decisions/0042); the 'open pixel' of the first reading"
                    + " is a 480-pixel-wide picture widget (image-td) reported as remote content, and the address"
                    + " in X-KumoRef is a header identifier, which no client loads"));

    /** A corrected label. */
    record Override(boolean tracking, String reason) {
    }

    static Stream<Path> files() throws IOException {
        if (!Files.isDirectory(REAL)) {
            // One placeholder invocation that skips with a message: JUnit refuses a parameterised test with none.
            return Stream.of(REAL);
        }
        try (Stream<Path> s = Files.list(REAL)) {
            return s.filter(p -> p.toString().endsWith(".eml") || p.toString().endsWith(".mbox")).sorted().toList()
                    .stream();
        }
    }

    static Map<String, String> labels() throws IOException {
        Map<String, String> out = new HashMap<>();
        Path manifest = REAL.resolve("MANIFEST.tsv");
        if (!Files.exists(manifest)) {
            return out;
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        String[] head = lines.get(0).split("\t");
        int file = -1;
        int label = -1;
        for (int i = 0; i < head.length; i++) {
            if (head[i].equals("file")) {
                file = i;
            } else if (head[i].equals("has_tracking_guess")) {
                label = i;
            }
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            if (cols.length > Math.max(file, label)) {
                out.put(cols[file], cols[label].trim());
            }
        }
        return out;
    }

    @Test
    void realCorpusIsThereOrSkipped() throws IOException {
        assumeTrue(Files.isDirectory(REAL), "../shared/corpus/real is absent: real-mail tests skipped");
        assertTrue(files().count() > 100, "expected about 140 real e-mails");
        for (String f : OVERRIDES.keySet()) {
            assertTrue(Files.exists(REAL.resolve(f)), "override for a file that does not exist: " + f);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void analysedWithAVerdictAndItsLabel(Path file) throws Exception {
        assumeTrue(Files.isDirectory(REAL), "../shared/corpus/real is absent: real-mail tests skipped");
        String name = file.getFileName().toString();
        List<Analysis> analyses = new ArrayList<>();
        if (name.endsWith(".mbox")) {
            try (InputStream in = Files.newInputStream(file); MboxReader reader = new MboxReader(in)) {
                for (MboxMessage m : reader) {
                    analyses.add(GoldenCorpus.analyzer().analyze(m.bytes(), name + "#" + m.index(),
                            AnalysisOptions.DEFAULT));
                }
            }
            assertTrue(analyses.size() >= 1, name + ": no message read");
        } else {
            analyses.add(GoldenCorpus.analyzer().analyze(Files.readAllBytes(file), name, AnalysisOptions.DEFAULT));
        }
        for (Analysis a : analyses) {
            assertNotNull(a.verdict(), name);
            assertEquals(List.of(), GoldenCorpus.sharedRuleProblems(a), name);
        }
        String label = labels().get(name);
        Override o = OVERRIDES.get(name);
        Boolean tracking = o != null ? Boolean.valueOf(o.tracking()) : "yes".equals(label) ? Boolean.TRUE
                : "no".equals(label) ? Boolean.FALSE : null;
        if (tracking == null) {
            return;
        }
        for (Analysis a : analyses) {
            boolean found = a.verdict() != Verdict.NO_TRACKING_FOUND;
            assertTrue(found == tracking, name + ": verdict " + a.verdict() + " but labelled " + label
                    + (o != null ? " (overridden: " + o.reason() + ")" : "") + "; trackers: " + a.trackers().stream()
                    .map(t -> t.kind() + " " + t.host() + " " + t.ruleId() + " " + t.signals().stream()
                            .map(s -> s.code()).toList()).toList());
        }
    }
}
