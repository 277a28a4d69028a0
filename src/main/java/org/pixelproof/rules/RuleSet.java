package org.pixelproof.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything PixelProof knows that is data rather than code, loaded from {@code legal-rules/} by
 * {@link RuleSetLoader}. Reported in every analysis by its {@link #version()}.
 *
 * <p>Immutable and thread-safe: one instance is shared by every analysis.
 *
 * @param version            the rule-set version, from {@code legal-rules/ruleset.yaml} (e.g. {@code "2026.11.0"})
 * @param vendors            ESPs, marketing-automation and tracking vendors with their URL patterns
 * @param markerPhrases      consent and information marker phrases, French and English at least
 * @param classificationPhrases phrases that hint at marketing, transactional or security content
 * @param trackingParameters URL parameters with a known tracking meaning
 * @param linkWrappers       rewritings by the recipient's own mail system
 * @param provisions         legal provisions the dossier may cite
 * @param keyDates           dates of the legal timeline
 */
public record RuleSet(
        String version,
        List<Vendor> vendors,
        List<MarkerPhrase> markerPhrases,
        List<ClassificationPhrase> classificationPhrases,
        List<TrackingParameter> trackingParameters,
        List<LinkWrapper> linkWrappers,
        List<LegalProvision> provisions,
        List<KeyDate> keyDates) {

    public RuleSet {
        Objects.requireNonNull(version, "version");
        vendors = List.copyOf(vendors);
        markerPhrases = List.copyOf(markerPhrases);
        classificationPhrases = List.copyOf(classificationPhrases);
        trackingParameters = List.copyOf(trackingParameters);
        linkWrappers = List.copyOf(linkWrappers);
        provisions = List.copyOf(provisions);
        keyDates = List.copyOf(keyDates);
    }

    /** @return the vendor with this id, if known. */
    public Optional<Vendor> vendor(String id) {
        return vendors.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /** @return the provision with this id, if known. */
    public Optional<LegalProvision> provision(String id) {
        return provisions.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** @return the key date with this id, if known. */
    public Optional<KeyDate> keyDate(String id) {
        return keyDates.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
