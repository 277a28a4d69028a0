package org.pixelproof.detect;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * French and English labels of the stable codes the detector puts next to its English prose, so that pages and the
 * dossier speak the reader's language:
 * <ul>
 * <li>{@link Signal#code()} ({@link SignalCodes}): {@code label("subscriber-key", locale)};</li>
 * <li>{@link Tracker#hiddenByCodes()} ({@link HiddenBy}): {@code label("CSS_SIZE", locale)};</li>
 * <li>{@link Tracker#conditionCode()}: {@code label("dark-mode", locale)};</li>
 * <li>{@link Tracker#partyCode()}: {@code label("SENDER_SUBDOMAIN_OPERATOR_UNKNOWN", locale)};</li>
 * <li>{@link RecipientIdentifier#whereCode()} with {@link RecipientIdentifier#whereName()}:
 * {@code where(id.whereCode(), id.whereName(), locale)}, e.g. "paramètre de requête e";</li>
 * <li>{@link RecipientIdentifier#encoding()}: {@code encoding("sha256", locale)}, "hachée SHA-256";</li>
 * <li>{@link SenderIdentity#privacyPolicyUrlStatus()}: {@code label("DECODED_FROM_TRACKED_LINK", locale)}.</li>
 * </ul>
 * The labels are in {@code org/pixelproof/detect/labels_fr.properties} and {@code labels_en.properties} (UTF-8).
 * French is used for any locale whose language is {@code fr}, English otherwise. Stateless; thread-safe (bundles are
 * cached by {@link ResourceBundle}).
 */
public final class DetectLabels {

    private static final String BUNDLE = "org.pixelproof.detect.labels";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private DetectLabels() {
    }

    private static ResourceBundle bundle(Locale locale) {
        Locale l = locale != null && "fr".equals(locale.getLanguage()) ? Locale.FRENCH : Locale.ENGLISH;
        return ResourceBundle.getBundle(BUNDLE, l, DetectLabels.class.getClassLoader(), NO_FALLBACK);
    }

    /**
     * @param code   a stable code (see the class comment), or {@code null}
     * @param locale the reader's locale; French when its language is {@code fr}, English otherwise
     * @param args   values for the label's placeholders ({@code {0}}), if any
     * @return the label, or the code itself when no label is known (never {@code null} for a non-null code)
     */
    public static String label(String code, Locale locale, Object... args) {
        if (code == null) {
            return null;
        }
        try {
            String pattern = bundle(locale).getString(code);
            return args.length == 0 || pattern.indexOf('{') < 0 ? pattern
                    : new MessageFormat(pattern.replace("'", "''"), locale).format(args);
        } catch (MissingResourceException e) {
            return code;
        }
    }

    /**
     * @param whereCode {@link RecipientIdentifier#whereCode()}
     * @param name      {@link RecipientIdentifier#whereName()}, may be {@code null}
     * @param locale    the reader's locale
     * @return where the address was found, e.g. "query parameter e" or "paramètre de requête e"; the code itself when
     *         unknown
     */
    public static String where(String whereCode, String name, Locale locale) {
        if (whereCode == null) {
            return null;
        }
        String key = "where." + whereCode;
        if (name == null && bundle(locale).containsKey(key + ".noname")) {
            return label(key + ".noname", locale);
        }
        return name == null ? label(key, locale, "").trim() : label(key, locale, name);
    }

    /**
     * @param encoding {@link RecipientIdentifier#encoding()} ({@code plain}, {@code urlencoded}, {@code sha256},
     *                 {@code md5-upper}, {@code sha256(md5)}...), or {@code null}
     * @param locale   the reader's locale
     * @return how the address was encoded, e.g. "hachée SHA-256" or "URL-encoded"; an upper-case hex digest
     *         ({@code -upper}) and a nested hash ({@code sha256(md5)}) are labelled by their outer hash; the code
     *         itself when unknown; {@code null} for {@code null}
     */
    public static String encoding(String encoding, Locale locale) {
        if (encoding == null) {
            return null;
        }
        String key = "encoding." + encoding;
        if (bundle(locale).containsKey(key)) {
            return label(key, locale);
        }
        String outer = encoding;
        int paren = outer.indexOf('(');
        if (paren > 0) {
            outer = outer.substring(0, paren);
        }
        if (outer.endsWith("-upper")) {
            outer = outer.substring(0, outer.length() - "-upper".length());
        }
        return bundle(locale).containsKey("encoding." + outer) ? label("encoding." + outer, locale) : encoding;
    }

    /** @return every code that has a label (the keys of the English bundle), sorted. */
    public static Set<String> codes() {
        Set<String> out = new TreeSet<>();
        for (String k : Collections.list(bundle(Locale.ENGLISH).getKeys())) {
            out.add(k);
        }
        return out;
    }
}
