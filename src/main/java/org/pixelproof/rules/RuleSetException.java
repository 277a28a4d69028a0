package org.pixelproof.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Thrown when {@code legal-rules/} cannot be loaded: a file is missing, is not valid YAML, or holds an entry that
 * fails validation (missing field, unknown value, regular expression that does not compile, example that does not
 * match its own pattern, duplicate id, missing fixed provision...).
 *
 * <p>The message is self-sufficient, because it is what an operator sees when start-up stops: it says where the rules
 * were read from, then lists every problem found (up to {@value #MAX_LISTED_PROBLEMS}) as {@code file:line: what},
 * and ends with how to check the data again. {@link #problems()} gives the full list to programs and tests.
 *
 * <p>Unchecked, so that a CDI producer calling {@link RuleSetLoader#loadDefault()} at start-up simply fails. Immutable.
 */
public final class RuleSetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How many problems the message lists before it says "and N more". */
    public static final int MAX_LISTED_PROBLEMS = 40;

    /**
     * One validation problem.
     *
     * @param file    the file, relative to the rule-set root (e.g. {@code vendors/esp.yaml}), or the root's
     *                {@code ruleset.yaml}
     * @param line    1-based line of the offending entry or field, or 0 when the problem concerns the whole file
     * @param message what is wrong, in English, naming the entry's id where it has one
     */
    public record Problem(String file, int line, String message) {
        public Problem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(message, "message");
        }

        /** @return {@code file:line: message} (or {@code file: message} when the line is unknown) */
        @Override
        public String toString() {
            return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
        }
    }

    private final String origin;
    private final transient List<Problem> problems;

    RuleSetException(String origin, List<Problem> problems) {
        super(format(origin, problems));
        this.origin = origin;
        this.problems = List.copyOf(problems);
    }

    /** @return where the rules were read from, e.g. {@code classpath:legal-rules/} or a folder path */
    public String origin() {
        return origin;
    }

    /** @return every problem found, sorted by file then line; never empty */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(String origin, List<Problem> problems) {
        List<Problem> sorted = problems.stream()
                .sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line))
                .toList();
        StringBuilder sb = new StringBuilder();
        sb.append("PixelProof rule set at ").append(origin).append(" is invalid (")
                .append(sorted.size()).append(sorted.size() == 1 ? " problem" : " problems").append("):");
        int n = 0;
        for (Problem p : sorted) {
            if (n++ == MAX_LISTED_PROBLEMS) {
                sb.append("\n  ... and ").append(sorted.size() - MAX_LISTED_PROBLEMS).append(" more");
                break;
            }
            sb.append("\n  ").append(p);
        }
        sb.append("\nFix the file(s) named above (see legal-rules/README.md for each field), then check them with")
                .append(" `mvn -q test -Dtest=RuleSetDataTest` before starting PixelProof again.");
        return sb.toString();
    }
}
