package org.pixelproof.preview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Test helper: lists every reference in an HTML output that a browser could load from anywhere but the page itself,
 * i.e. anything but {@code data:} URIs, in any attribute or CSS, except the {@code href} of {@code <a>} (which loads
 * nothing until clicked).
 */
public final class RemoteReferences {
    /**
     * A CSS {@code url(} function: the name and the parenthesis touch (CSS Syntax Level 3, "Consume an ident-like
     * token": {@code url} followed by white space and then {@code (} is an identifier and a parenthesis, which loads
     * nothing).
     */
    private static final Pattern CSS_URL = Pattern.compile("(?i)url\\(\\s*['\"]?([^'\")]*)");
    /** {@code @import} as a CSS at-keyword: {@code @importe} or {@code @import-x} is another keyword, loading nothing. */
    private static final Pattern CSS_IMPORT = Pattern.compile("(?i)@import(?![-_a-z0-9\\u0080-\\uffff\\\\])");
    private static final Pattern CSS_STRING_URL = Pattern.compile("(?i)[\"'](?:https?:)?//[^\"']*[\"']");

    private RemoteReferences() {
    }

    public static List<String> in(String html) {
        List<String> out = new ArrayList<>();
        Document doc = Jsoup.parse(html);
        for (Element el : doc.getAllElements()) {
            for (Attribute a : el.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String v = a.getValue().trim();
                if (key.equals("href") && el.normalName().equals("a")) {
                    continue;
                }
                if (key.equals("content") && el.normalName().equals("meta")) {
                    if ("refresh".equalsIgnoreCase(el.attr("http-equiv"))) {
                        out.add("meta refresh " + v);
                    }
                    continue;
                }
                if (key.equals("style")) {
                    out.addAll(css(v));
                    continue;
                }
                if (List.of("fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
                        "marker-end", "cursor").contains(key)) {
                    for (String u : css(key + ":" + v)) {
                        if (!u.startsWith("css url(#")) {
                            out.add(el.normalName() + " " + key + "=" + v);
                        }
                    }
                    continue;
                }
                if (List.of("to", "from", "by", "values").contains(key) && isAnimation(el) && !animatesAUrl(el)) {
                    // any other attribute or CSS property (marker, mask-image...): a url() of another document
                    for (String u : css(v)) {
                        if (!u.startsWith("css url(#")) {
                            out.add(el.normalName() + " " + key + "=" + v);
                        }
                    }
                    continue;
                }
                if (List.of("to", "from", "by", "values").contains(key) && animatesAUrl(el)) {
                    for (String value : v.split(";")) {
                        String u = value.strip();
                        if (!u.isEmpty() && !u.startsWith("#")
                                && !u.toLowerCase(Locale.ROOT).startsWith("data:image/")) {
                            out.add(el.normalName() + " " + key + "=" + u);
                        }
                    }
                    continue;
                }
                if (key.startsWith("on")) {
                    out.add("event handler " + key);
                    continue;
                }
                if (List.of("src", "srcset", "href", "background", "poster", "data", "action", "formaction",
                        "xlink:href", "lowsrc", "dynsrc", "codebase", "ping", "cite", "longdesc").contains(key)
                        && !v.isEmpty() && !v.toLowerCase(Locale.ROOT).startsWith("data:image/")) {
                    out.add(el.normalName() + " " + key + "=" + v);
                }
            }
            if (el.normalName().equals("style")) {
                out.addAll(css(el.data()));
            }
            if (el.normalName().equals("script") || el.normalName().equals("iframe")
                    || el.normalName().equals("object") || el.normalName().equals("embed")
                    || el.normalName().equals("form") || el.normalName().equals("base")) {
                out.add("element " + el.normalName());
            }
        }
        return out;
    }

    /**
     * @return true for an SVG animation ({@code <set>}, {@code <animate>}) that writes into a URL attribute of its
     *         target: its values are loaded or followed as that attribute's would be (those of the others are CSS
     *         values, checked for {@code url()})
     */
    private static boolean animatesAUrl(Element el) {
        if (!isAnimation(el)) {
            return false;
        }
        String name = el.attributes().getIgnoreCase("attributeName").strip().toLowerCase(Locale.ROOT);
        String local = name.substring(name.indexOf(':') + 1);
        return List.of("href", "src").contains(local);
    }

    private static boolean isAnimation(Element el) {
        return el.normalName().equals("set") || el.normalName().equals("animate");
    }

    private static List<String> css(String css) {
        List<String> out = new ArrayList<>();
        Matcher m = CSS_URL.matcher(css);
        while (m.find()) {
            String value = m.group(1).trim().toLowerCase(Locale.ROOT);
            // an empty url() loads nothing (CSS Values and Units Level 4, "Resource Locators": "If the value of the
            // url() is the empty string ... the url must resolve to an invalid resource")
            if (!value.isEmpty() && !value.startsWith("data:image/")) {
                out.add("css url(" + m.group(1) + ")");
            }
        }
        if (CSS_IMPORT.matcher(css).find()) {
            out.add("css @import");
        }
        Matcher s = CSS_STRING_URL.matcher(css);
        while (s.find()) {
            out.add("css string " + s.group());
        }
        if (css.toLowerCase(Locale.ROOT).contains("expression(")) {
            out.add("css expression()");
        }
        return out;
    }
}
