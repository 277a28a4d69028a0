package org.pixelproof.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.HostileMessages;

/**
 * The hostile corpus of issue 6 (item 5), in one list for the end-to-end tests: the small inputs committed under
 * {@code src/test/resources/hostile/} and the large ones generated on demand by {@link HostileMessages} (never
 * committed, never all in memory at once: each {@link Case#bytes()} builds its input when asked).
 *
 * <p>Each case says what a user must get with the default limits ({@code IngestLimits.DEFAULT}, 25 MiB uploads):
 * an analysis (possibly with anomalies), or a refusal with its reason. A case named {@code gen-tracker-...} holds a
 * tracker that the analysis must find whatever the decoys around it. Stateless and thread-safe.
 */
public final class HostileCorpus {

    /** What the default limits make of an input. */
    public enum Expect {
        /** Analysed; the analysis lists what was malformed or cut as anomalies. */
        ANALYSED(0, null),
        /** Refused as empty: HTTP 422, CLI "skipped: empty file". */
        EMPTY(422, AnomalyCode.EMPTY_INPUT),
        /** Refused as not an e-mail: HTTP 422, CLI "skipped: not an e-mail". */
        NOT_A_MESSAGE(422, AnomalyCode.NOT_A_MESSAGE),
        /** Refused as over the 25 MiB upload limit: HTTP 413, CLI "skipped: too large". */
        TOO_LARGE(413, AnomalyCode.MESSAGE_TOO_LARGE);

        /** The HTTP status of a refusal, 0 for {@link #ANALYSED} (201). */
        public final int status;
        /** The anomaly code of the refusal, {@code null} for {@link #ANALYSED}. */
        public final AnomalyCode code;

        Expect(int status, AnomalyCode code) {
            this.status = status;
            this.code = code;
        }
    }

    /**
     * One hostile input.
     *
     * @param name      a file name for it (also its display name in test reports)
     * @param expect    the outcome with the default limits
     * @param generator builds the bytes
     */
    public record Case(String name, Expect expect, Supplier<byte[]> generator) {
        /** @return the input's bytes, built afresh */
        public byte[] bytes() {
            return generator.get();
        }

        /** @return true for the inputs of several megabytes (the web test sends them once, not in every variant) */
        public boolean large() {
            return name.startsWith("gen-large-");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int MB = 1 << 20;

    private HostileCorpus() {
    }

    /** @return every case, the committed ones first */
    public static List<Case> all() {
        return List.of(
                committed("empty.eml", Expect.EMPTY),
                committed("whitespace-only.eml", Expect.EMPTY),
                committed("binary-noise.bin", Expect.NOT_A_MESSAGE),
                committed("tiny.pdf", Expect.NOT_A_MESSAGE),
                committed("tiny.zip", Expect.NOT_A_MESSAGE),
                committed("html-page.html", Expect.NOT_A_MESSAGE),
                committed("not-headers.txt", Expect.NOT_A_MESSAGE),
                committed("unknown-charset.eml", Expect.ANALYSED),
                committed("lying-charset.eml", Expect.ANALYSED),
                committed("exotic-charset-ibm037.eml", Expect.ANALYSED),
                committed("broken-base64.eml", Expect.ANALYSED),
                committed("broken-quoted-printable.eml", Expect.ANALYSED),
                committed("path-traversal-names.eml", Expect.ANALYSED),
                new Case("gen-large-30mb.eml", Expect.TOO_LARGE, () -> HostileMessages.largeHtml(30 * MB)),
                new Case("gen-large-20mb-html-body.eml", Expect.ANALYSED, () -> HostileMessages.largeHtml(20 * MB)),
                new Case("gen-large-15mb-base64-html.eml", Expect.ANALYSED,
                        () -> HostileMessages.largeBase64Html(15 * MB)),
                new Case("gen-large-10mb-attribute.eml", Expect.ANALYSED, () -> HostileMessages.hugeAttribute(10 * MB)),
                new Case("gen-10000-parts.eml", Expect.ANALYSED, () -> HostileMessages.manyParts(10_000)),
                new Case("gen-multipart-nested-200.eml", Expect.ANALYSED, () -> HostileMessages.deepMultipart(200)),
                new Case("gen-rfc822-nested-200.eml", Expect.ANALYSED, () -> HostileMessages.deepRfc822(200)),
                new Case("gen-1mb-header-line.eml", Expect.ANALYSED, () -> HostileMessages.longHeaderLine(MB)),
                new Case("gen-1mb-boundary.eml", Expect.ANALYSED, () -> HostileMessages.longBoundary(MB)),
                new Case("gen-100000-headers.eml", Expect.ANALYSED, () -> HostileMessages.manyHeaders(100_000)),
                new Case("gen-1500-received-before-from.eml", Expect.ANALYSED,
                        () -> HostileMessages.paddedHeaders(1_500)),
                new Case("gen-qp-soft-breaks.eml", Expect.ANALYSED, () -> HostileMessages.softLineBreaks(2_000_000)),
                new Case("gen-html-nested-100000.eml", Expect.ANALYSED, () -> HostileMessages.deepHtml(100_000)),
                new Case("gen-conditional-comments-20000.eml", Expect.ANALYSED,
                        () -> HostileMessages.conditionalComments(20_000)),
                new Case("gen-css-url-escaped-parens.eml", Expect.ANALYSED,
                        () -> HostileMessages.cssUrlEscapedParens(MB / 2)),
                new Case("gen-css-nested-media-100000.eml", Expect.ANALYSED,
                        () -> HostileMessages.cssNestedMedia(100_000)),
                new Case("gen-css-unterminated.eml", Expect.ANALYSED, () -> HostileMessages.cssUnterminated(MB)),
                new Case("gen-url-percent-escapes.eml", Expect.ANALYSED, () -> HostileMessages.urlPercentEscapes(MB)),
                new Case("gen-url-dot-labels.eml", Expect.ANALYSED, () -> HostileMessages.urlDotLabels(MB)),
                new Case("gen-plain-links-one-line.eml", Expect.ANALYSED,
                        () -> HostileMessages.plainLinksOnOneLine(2 * MB)),
                new Case("gen-header-regex-bait.eml", Expect.ANALYSED, () -> HostileMessages.headerRegexBait(MB)),
                new Case("gen-form-50k-value-4000-buttons.eml", Expect.ANALYSED,
                        () -> HostileMessages.formHugeValueManyButtons(50_000, 4_000)),
                new Case("gen-form-20000-hidden-20000-buttons.eml", Expect.ANALYSED,
                        () -> HostileMessages.formManyHiddenManyButtons(20_000, 20_000)),
                new Case("gen-jsoup-formatting-at-depth-limit.eml", Expect.ANALYSED,
                        () -> HostileMessages.formattingAtDepthLimit(507)),
                new Case("gen-dotted-capital-i-before-address.eml", Expect.ANALYSED,
                        HostileMessages::dottedCapitalIBeforeAddress),
                new Case("gen-tracker-after-12000-decoy-rules.eml", Expect.ANALYSED,
                        () -> HostileMessages.decoyRulesThenPixel(12_000)),
                new Case("gen-tracker-1200-pixels.eml", Expect.ANALYSED,
                        () -> HostileMessages.pixelsWithAddress(1_200)));
    }

    /** @return the bytes of a committed fixture of {@code src/test/resources/hostile/} */
    public static byte[] resource(String name) {
        try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing hostile fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case committed(String name, Expect expect) {
        return new Case(name, expect, () -> resource(name));
    }
}
