package org.pixelproof.rules;

import java.util.Objects;

/**
 * A legal provision the dossier may cite, with its source and how sure the rule data is of it.
 *
 * <p>Texts are paraphrases written for this project, never quotations passed off as the law. Immutable and
 * thread-safe.
 *
 * @param id          stable id used by {@code assess} and the templates, e.g. {@code "lil-82"}
 * @param reference   the citation as a lawyer writes it, e.g. {@code "Loi n° 78-17 du 6 janvier 1978, art. 82"}
 * @param summaryFr   what it says, paraphrased, in French
 * @param summaryEn   the same in English
 * @param sourceUrl   the official (or best available) URL of the text, or {@code null} when only {@code sourceTitle}
 *                    can be given
 * @param confidence  primary, secondary or open, as in {@code legal-notes.md}
 * @param note        why the confidence is what it is, or what remains uncertain; may be {@code null}
 * @param referenceEn the citation as an English reader expects it, e.g. {@code "GDPR, Art. 5(1)(a)"}; {@code null}
 *                    when the rule data gives none (the English dossier then shows {@link #reference()})
 * @param kind        what kind of text it is (law, soft law, decision), or {@code null} when the rule data does not
 *                    say: the dossier then labels it by its confidence alone
 * @param sourceTitle the source cited by its title and date of publication, when its exact address was not recorded,
 *                    else {@code null}; at least one of {@code sourceUrl} and {@code sourceTitle} is given
 */
public record LegalProvision(
        String id,
        String reference,
        String summaryFr,
        String summaryEn,
        String sourceUrl,
        SourceConfidence confidence,
        String note,
        String referenceEn,
        ProvisionKind kind,
        String sourceTitle) {

    public LegalProvision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reference, "reference");
        if (sourceUrl == null && sourceTitle == null) {
            throw new NullPointerException("sourceUrl or sourceTitle");
        }
        Objects.requireNonNull(confidence, "confidence");
    }

    /** The nine-component form, without a source title. */
    public LegalProvision(String id, String reference, String summaryFr, String summaryEn, String sourceUrl,
            SourceConfidence confidence, String note, String referenceEn, ProvisionKind kind) {
        this(id, reference, summaryFr, summaryEn, sourceUrl, confidence, note, referenceEn, kind, null);
    }

    /** The original seven-component form, without English reference and kind. */
    public LegalProvision(String id, String reference, String summaryFr, String summaryEn, String sourceUrl,
            SourceConfidence confidence, String note) {
        this(id, reference, summaryFr, summaryEn, sourceUrl, confidence, note, null, null, null);
    }

    /** @return the citation in {@code lang} ({@code "en"} gives {@link #referenceEn()} when there is one). */
    public String reference(String lang) {
        return "en".equals(lang) && referenceEn != null ? referenceEn : reference;
    }

    /** @return the summary in {@code lang} ({@code "en"} gives English, anything else French). */
    public String summary(String lang) {
        return "en".equals(lang) ? summaryEn : summaryFr;
    }
}
