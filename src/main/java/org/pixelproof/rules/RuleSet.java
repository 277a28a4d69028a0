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

    /**
     * Finds the vendor pattern that recognises a URL. When several match (a vendor's own tracking host and another
     * vendor's any-host path shape, say), the one with the highest {@link VendorPattern#specificity()} wins, then
     * the first in rule-set order (files in {@code ruleset.yaml} order, entries in file order). Linear in the number
     * of patterns (a few hundred); allocation-free apart from the result.
     *
     * @param host         lower-case host name, as in {@link UrlParts#host()}
     * @param pathAndQuery the path with its query, starting with {@code /}, as in {@link UrlParts#pathAndQuery()}
     * @return the best match, if any
     */
    public Optional<VendorMatch> matchVendor(String host, String pathAndQuery) {
        Vendor bestVendor = null;
        VendorPattern best = null;
        for (Vendor v : vendors) {
            for (VendorPattern p : v.patterns()) {
                if ((best == null || p.specificity() > best.specificity()) && p.matches(host, pathAndQuery)) {
                    best = p;
                    bestVendor = v;
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(new VendorMatch(bestVendor, best));
    }

    /**
     * @param url an absolute URL as a mail client would request it
     * @return the best vendor match (see {@link #matchVendor(String, String)}); empty when none or not a URL
     */
    public Optional<VendorMatch> matchVendor(String url) {
        return UrlParts.parse(url).flatMap(u -> matchVendor(u.host(), u.pathAndQuery()));
    }

    /**
     * @param url an absolute URL
     * @return the first link wrapper (recipient-side rewriting) whose host and path match it
     */
    public Optional<LinkWrapper> linkWrapper(String url) {
        return linkWrappers.stream().filter(w -> w.matches(url)).findFirst();
    }

    /** How many nested wrappers {@link #unwrap(String)} removes at most. */
    public static final int MAX_UNWRAP_DEPTH = 5;

    /**
     * Removes the recipient-side wrappers around a URL, nested ones included (e.g. Safe Links around Proofpoint),
     * up to {@value #MAX_UNWRAP_DEPTH} levels. Offline: nothing is fetched.
     *
     * @param url an absolute URL found in a message
     * @return the sender's URL when at least one decodable wrapper was removed; empty when the URL is not wrapped,
     *         or its outermost wrapper cannot be decoded (see {@link LinkWrapper#decodable()})
     */
    public Optional<String> unwrap(String url) {
        String current = url;
        boolean changed = false;
        for (int depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
            final String u = current;
            Optional<String> next = linkWrapper(u).flatMap(w -> w.unwrap(u));
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
            changed = true;
        }
        return changed ? Optional.of(current) : Optional.empty();
    }

    /**
     * @param parameterName a URL query parameter name
     * @return the first tracking-parameter rule whose name pattern matches the whole name, among those that hold on
     *         every URL (entries {@code onVendorUrlsOnly} are left out: their names mean something only on the
     *         vendor's own URLs)
     */
    public Optional<TrackingParameter> trackingParameter(String parameterName) {
        return trackingParameters.stream().filter(t -> !t.onVendorUrlsOnly())
                .filter(t -> t.name().matcher(parameterName).matches()).findFirst();
    }
}
