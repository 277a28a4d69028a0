package org.pixelproof.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the whole {@link Analyzer} on every case of the golden corpus ({@code src/test/resources/corpus/}) and checks
 * the exact trackers, the remote content count and the verdict each case expects; then measures precision and recall
 * over the whole corpus.
 *
 * <p>A case without {@code expected.yaml} gets an {@code expected.yaml.new} written from what was found, and fails
 * until a person has reviewed and renamed it.
 */
class GoldenCorpusTest {

    /**
     * Floors for the whole corpus. Every case asserts its exact trackers, so a regression already fails its case;
     * known misses and tolerated false positives (each with its reason in the case's {@code expected.yaml}) are the
     * only gap, and they must stay rare: at most one tracker in 20 missed or wrong.
     */
    static final double MIN_PRECISION = 0.95;
    static final double MIN_RECALL = 0.95;
    /** The corpus covers each vector, encoding, vendor family and wrapper at least once. */
    static final int MIN_CASES = 40;

    static Stream<Path> cases() {
        return GoldenCorpus.cases().stream();
    }

    @Test
    void corpusIsThere() {
        assertTrue(Files.isDirectory(GoldenCorpus.ROOT), "missing " + GoldenCorpus.ROOT.toAbsolutePath());
        assertTrue(GoldenCorpus.cases().size() >= MIN_CASES, "only " + GoldenCorpus.cases().size() + " cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseGivesItsExpectedFindings(Path dir) {
        Analysis a = GoldenCorpus.analyse(dir);
        JsonNode expected = GoldenCorpus.expected(dir);
        if (expected == null) {
            Path written = GoldenCorpus.writeNew(dir, a);
            fail("no expected.yaml: wrote " + written + " for review");
        }
        GoldenCorpus.Outcome o = GoldenCorpus.compare(expected, a);
        assertTrue(o.problems().isEmpty(), dir.getFileName() + ":\n  " + String.join("\n  ", o.problems()));
        assertEquals(List.of(), GoldenCorpus.sharedRuleProblems(a), dir.getFileName().toString());
    }

    @Test
    void precisionAndRecallOverTheWholeCorpus() {
        int matched = 0;
        int expected = 0;
        int found = 0;
        List<String> imperfect = new ArrayList<>();
        for (Path dir : GoldenCorpus.cases()) {
            JsonNode e = GoldenCorpus.expected(dir);
            if (e == null) {
                continue;
            }
            GoldenCorpus.Outcome o = GoldenCorpus.compare(e, GoldenCorpus.analyse(dir));
            matched += o.matched();
            expected += o.expectedCount();
            found += o.foundCount();
            if (o.matched() != o.expectedCount() || o.matched() != o.foundCount()) {
                imperfect.add(dir.getFileName().toString());
            }
        }
        double precision = found == 0 ? 1.0 : (double) matched / found;
        double recall = expected == 0 ? 1.0 : (double) matched / expected;
        System.out.printf("Golden corpus: %d cases, %d trackers expected, %d found, %d matched: precision %.3f,"
                + " recall %.3f; imperfect cases: %s%n", GoldenCorpus.cases().size(), expected, found, matched,
                precision, recall, imperfect);
        assertTrue(expected > 60, "the corpus should expect many trackers, has " + expected);
        assertTrue(precision >= MIN_PRECISION, "precision " + precision + " below " + MIN_PRECISION);
        assertTrue(recall >= MIN_RECALL, "recall " + recall + " below " + MIN_RECALL);
    }
}
