package org.pixelproof.detect;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brands that phishing often names in the From display name while sending from unrelated domains, each with the
 * registrable domains it runs, for {@link SenderIdentityCheck#BRAND_NOT_SENDER}. The list is deliberately short:
 * crypto-asset wallets and exchanges, whose names wallet-draining phish puts in the display name ("TrustWallet APP",
 * "MetaMask Support", "Ripple Insights", "Hiba from Ledger", "LEDGER" from {@code email-ledger.net} in the real
 * corpus), plus the other brands the real corpus's phish imitate: Netflix ("N e t f l i x !") and the French
 * state's training account, Mon Compte Formation ("Service CPF"). Their genuine mail comes from the brand's own
 * domains. A brand is named by whole words of the folded display name (accents removed, lower case; a name of
 * several words also matches written as one, {@code TrustWallet}; a run of at least three single letters separated
 * by single spaces, dots, hyphens and the like is read as one word too, {@code N e t f l i x} or {@code N-e-t-f-l-i-x}
 * as {@code netflix}, a spelling whose only purpose is to slip past filters).
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
     * @param name       the brand as written, for reports
     * @param words      the brand's name as folded words ({@code ["trust", "wallet"]})
     * @param domains    the registrable domains the brand runs (its mail and links come from these)
     * @param context    empty when the name alone names the brand; otherwise folded words or phrases, one of which
     *                   the display name, the subject or the visible text must hold
     * @param companions empty when the name may stand among any other words; otherwise the only other words the
     *                   display name may hold (folded; digits aside) for the brand to be named: an acronym that
     *                   others use in their own names ("Formations Dupont - éligible CPF") names the brand only in a
     *                   name that presents itself as the service ("Service CPF", "Mon compte CPF")
     */
    record Brand(String name, List<String> words, Set<String> domains, List<String> context, Set<String> companions) {
        Brand {
            words = List.copyOf(words);
            domains = Set.copyOf(domains);
            context = List.copyOf(context);
            companions = Set.copyOf(companions);
        }

        Brand(String name, List<String> words, Set<String> domains, List<String> context) {
            this(name, words, domains, context, Set.of());
        }

        /** @return the brand's name as one folded word ({@code trustwallet}), as a domain label would carry it */
        String joined() {
            return String.join("", words);
        }
    }

    /** Words a name presenting itself as a public service may hold besides the service's acronym (folded). */
    private static final Set<String> SERVICE_WORDS = Set.of("service", "services", "mon", "ma", "mes", "votre", "vos",
            "ton", "compte", "espace", "formation", "formations", "dossier", "droits", "droit", "alerte", "alertes",
            "info", "infos", "information", "informations", "support", "assistance", "equipe", "gouv", "fr", "france",
            "notification", "notifications", "securite", "officiel", "officielle", "de", "du", "des", "la", "le",
            "les", "l", "d", "et", "personnel", "contact", "caisse", "depots", "cdc", "team", "client", "clients");

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
            new Brand("PancakeSwap", List.of("pancakeswap"), Set.of("pancakeswap.finance"), List.of()),
            new Brand("Netflix", List.of("netflix"), Set.of("netflix.com", "netflix.net"), List.of()),
            // the state's CPF service (Caisse des Depots); cold calling about CPF training is banned since 2022-12-19
            new Brand("Mon Compte Formation", List.of("mon", "compte", "formation"),
                    Set.of("moncompteformation.gouv.fr", "caissedesdepots.fr"), List.of()),
            new Brand("Mon Compte Formation (CPF)", List.of("cpf"),
                    Set.of("moncompteformation.gouv.fr", "caissedesdepots.fr"),
                    List.of("formation", "compte formation", "droits"), SERVICE_WORDS));

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
        String[] tokens = tokens(fold(displayName));
        return BRANDS.stream().filter(b -> names(tokens, b)).toList();
    }

    /**
     * @param folded a folded display name
     * @return its words (runs of letters and digits), with each run of at least three single letters separated by
     *         single separators added as one more word ({@code "n e t f l i x !"} and {@code "n.e.t.f.l.i.x"} give
     *         their seven letters and {@code netflix})
     */
    static String[] tokens(String folded) {
        List<String> out = new java.util.ArrayList<>(List.of(folded.split("[^a-z0-9]+")));
        Matcher spaced = SPACED_LETTERS.matcher(folded);
        while (spaced.find()) {
            out.add(spaced.group().replaceAll("[^a-z0-9]", ""));
        }
        return out.toArray(String[]::new);
    }

    /**
     * Three or more single letters or digits, one separator between each (a space, dot, hyphen, underscore, star,
     * middle dot, bullet, slash or bar), not part of a longer word.
     */
    private static final Pattern SPACED_LETTERS = Pattern.compile(
            "(?<![a-z0-9])[a-z0-9](?:[ .\\-_*\u00b7\u2022/|][a-z0-9]){2,}(?![a-z0-9])");

    private static boolean names(String[] tokens, Brand b) {
        List<String> w = b.words();
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(b.joined())) {
                return companionsOnly(tokens, b);
            }
            if (i + w.size() <= tokens.length && w.size() > 1) {
                boolean all = true;
                for (int k = 0; k < w.size() && all; k++) {
                    all = tokens[i + k].equals(w.get(k));
                }
                if (all) {
                    return companionsOnly(tokens, b);
                }
            }
        }
        return false;
    }

    /** @return true when {@code b} takes any companion words, or every other word of the name is one of its own */
    private static boolean companionsOnly(String[] tokens, Brand b) {
        if (b.companions().isEmpty()) {
            return true;
        }
        for (String t : tokens) {
            if (!t.isEmpty() && !b.words().contains(t) && !t.equals(b.joined()) && !b.companions().contains(t)
                    && !t.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
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
