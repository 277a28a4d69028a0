package org.pixelproof.web;

import java.util.Locale;

/**
 * What every page's layout needs to know about the request: its language and how to switch to the other one.
 * Immutable.
 *
 * @param lang       the page's language, {@code fr} (default) or {@code en}
 * @param otherLang  the language the switch leads to
 * @param switchHref a same-site relative link to this page in {@code otherLang}
 * @param path       the request path, e.g. {@code /analyses/abc}
 */
public record Page(String lang, String otherLang, String switchHref, String path) {

    /** @return the page's locale for Qute message bundles and date formats. */
    public Locale locale() {
        return Locale.forLanguageTag(lang);
    }
}
