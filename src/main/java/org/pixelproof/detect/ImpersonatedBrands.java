package org.pixelproof.detect;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Brands that phishing often names in the From display name while sending from unrelated domains, each with the
 * registrable domains it runs, for {@link SenderIdentityCheck#BRAND_NOT_SENDER}. The list is deliberately short:
 * crypto-asset wallets and exchanges, whose names wallet-draining phish puts in the display name ("TrustWallet APP",
 * "MetaMask Support", "Ripple Insights", "Hiba from Ledger" in the real corpus) and whose genuine mail comes from the
 * brand's own domain. A brand is named by whole words of the folded display name (accents removed, lower case; a name
 * of several words also matches written as one, {@code TrustWallet}).
 *
 * <p>A name that is also a common word ({@code ripple}, {@code ledger}) counts only when the message also uses a word
 * of the brand's own vocabulary ({@link Brand#context()}), so that a newsletter called "The Ripple Effect" or "The
 * Ledger" is not taken for the crypto brand. Domains are those the brands' own sites are on, plus the owner's where a
 * brand belongs to another (Trust Wallet, Binance; MetaMask, Consensys): listing a domain too many only spares a
 * message. Immutable; thread-safe.
 */
final class ImpersonatedBrands {

    /**
     * One brand.
     *
     * @param name    the brand as written, for reports
     * @param words   the brand's name as folded words ({@code ["trust", "wallet"]})
     * @param domains the registrable domains the brand runs (its mail and links come from these)
     * @param context empty when the name alone names the brand; otherwise folded words or phrases, one of which the
     *                display name, the subject or the visible text must hold
     */
    record Brand(String name, List<String> words, Set<String> domains, List<String> context) {
        Brand {
            words = List.copyOf(words);
            domains = Set.copyOf(domains);
            context = List.copyOf(context);
        }

        /** @return the brand's name as one folded word ({@code trustwallet}), as a domain label would carry it */
        String joined() {
            return String.join("", words);
        }
    }

    /** The brands, most often impersonated first. */
    static final List<Brand> BRANDS = List.of(
            new Brand("Trust Wallet", List.of("trust", "wallet"), Set.of("trustwallet.com", "binance.com"), List.of()),
            new Brand("MetaMask", List.of("metamask"), Set.of("metamask.io", "consensys.io", "consensys.net"),
                    List.of()),
            new Brand("Ledger", List.of("ledger"), Set.of("ledger.com"),
                    List.of("ledger live", "ledger nano", "nano x", "nano s", "recovery phrase", "seed phrase",
                            "hardware wallet")),
            new Brand("Trezor", List.of("trezor"), Set.of("trezor.io"), List.of()),
            new Brand("Ripple", List.of("ripple"), Set.of("ripple.com"), List.of("xrp")),
            new Brand("Coinbase", List.of("coinbase"), Set.of("coinbase.com"), List.of()),
            new Brand("Binance", List.of("binance"), Set.of("binance.com"), List.of()),
            new Brand("OpenSea", List.of("opensea"), Set.of("opensea.io"), List.of()),
            new Brand("PancakeSwap", List.of("pancakeswap"), Set.of("pancakeswap.finance"), List.of()));

    private ImpersonatedBrands() {
    }

    /**
     * @param displayName the From display name, decoded, may be {@code null}
     * @return the brands the display name names by their name alone (the context is checked by the caller), in list
     *         order; empty for {@code null}
     */
    static List<Brand> namedIn(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return List.of();
        }
        String[] tokens = fold(displayName).split("[^a-z0-9]+");
        return BRANDS.stream().filter(b -> names(tokens, b)).toList();
    }

    private static boolean names(String[] tokens, Brand b) {
        List<String> w = b.words();
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(b.joined())) {
                return true;
            }
            if (i + w.size() <= tokens.length && w.size() > 1) {
                boolean all = true;
                for (int k = 0; k < w.size() && all; k++) {
                    all = tokens[i + k].equals(w.get(k));
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param b    a brand
     * @param text folded text ({@link #fold}) of the display name, subject and visible text
     * @return true when the brand needs no context, or a context word or phrase is in {@code text} as whole words
     */
    static boolean contextHolds(Brand b, String text) {
        if (b.context().isEmpty()) {
            return true;
        }
        for (String c : b.context()) {
            int from = 0;
            int at;
            while ((at = text.indexOf(c, from)) >= 0) {
                int end = at + c.length();
                if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                    return true;
                }
                from = at + 1;
            }
        }
        return false;
    }

    /** @return {@code s} without accents, lower case, white space runs as one space */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ");
    }
}
