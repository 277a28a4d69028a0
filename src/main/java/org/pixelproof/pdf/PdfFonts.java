package org.pixelproof.pdf;

import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.xhtmlrenderer.pdf.ITextFontResolver;

/**
 * The fonts of PixelProof's PDFs, all embedded (subsets, {@link BaseFont#IDENTITY_H}), never the unembedded base-14
 * defaults.
 *
 * <ul>
 *   <li>Primary: the Liberation fonts (Sans, Serif, Mono; regular, bold, italic, bold italic) that
 *       {@code com.github.librepdf:openpdf-fonts-extra} ships as classpath resources {@code liberation/*.ttf}. They
 *       cover Latin (French included), Greek and Cyrillic. They are also registered under the generic and common
 *       family names (serif, sans-serif, Arial, Georgia, Courier...), and Flying Saucer's base-14 families are
 *       removed, so that any font an e-mail asks for resolves to an embedded font.</li>
 *   <li>Fallbacks: font files found on the machine, in {@link #DEFAULT_FALLBACKS} order (e.g. Debian's
 *       {@code fonts-droid-fallback} for Chinese, Japanese and Korean). Flying Saucer draws a text run with one font,
 *       so {@link PdfRenderer} gives each run of characters the primary font lacks the first fallback that has
 *       them.</li>
 *   <li>Emoji no font has are drawn as a small square, U+25A1 (the dossier's annex says so); other characters no
 *       font has are written as their code point, {@code [U+0F00]}, so that nothing disappears silently; the
 *       attached original keeps the exact text.</li>
 * </ul>
 * Font files are parsed once per JVM and shared. Immutable and thread-safe.
 */
public final class PdfFonts {
    /** The family the dossier's CSS names for body text. */
    public static final String SANS = "Liberation Sans";
    /** The serif family. */
    public static final String SERIF = "Liberation Serif";
    /** The monospaced family, for headers and URLs. */
    public static final String MONO = "Liberation Mono";

    /**
     * Font files used as fallbacks when present, in order: Debian's {@code fonts-droid-fallback} (CJK),
     * {@code fonts-wqy-microhei}, {@code fonts-noto-cjk}, then DejaVu Sans (symbols, more scripts).
     */
    public static final List<Path> DEFAULT_FALLBACKS = List.of(
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));

    private static final String[][] LIBERATION = {
        {"LiberationSans-Regular.ttf", SANS}, {"LiberationSans-Bold.ttf", SANS},
        {"LiberationSans-Italic.ttf", SANS}, {"LiberationSans-BoldItalic.ttf", SANS},
        {"LiberationSerif-Regular.ttf", SERIF}, {"LiberationSerif-Bold.ttf", SERIF},
        {"LiberationSerif-Italic.ttf", SERIF}, {"LiberationSerif-BoldItalic.ttf", SERIF},
        {"LiberationMono-Regular.ttf", MONO}, {"LiberationMono-Bold.ttf", MONO},
        {"LiberationMono-Italic.ttf", MONO}, {"LiberationMono-BoldItalic.ttf", MONO},
    };

    /** Family names e-mails and browsers use, mapped to the Liberation family that stands in for them. */
    private static final Map<String, List<String>> ALIASES = Map.of(
            SANS, List.of("SansSerif", "sans-serif", "Arial", "Helvetica", "Helvetica Neue", "Verdana", "Tahoma",
                    "Trebuchet MS", "Segoe UI", "Roboto", "Open Sans", "Lato", "Calibri", "system-ui",
                    "-apple-system", "BlinkMacSystemFont", "Liberation Sans Narrow"),
            SERIF, List.of("Serif", "serif", "Times", "Times New Roman", "Georgia", "Cambria", "Garamond",
                    "Palatino", "Book Antiqua"),
            MONO, List.of("Monospaced", "monospace", "Courier", "Courier New", "Consolas", "Menlo", "Monaco"));

    private static final Map<String, BaseFont> CACHE = new ConcurrentHashMap<>();

    private final List<Path> fallbackFiles;
    private final BaseFont primary;
    private final List<BaseFont> fallbacks;
    /** The font families, built once: describing a font reads its file, which would cost every rendering. */
    private final Map<String, org.xhtmlrenderer.pdf.FontFamily> families;

    private PdfFonts(List<Path> fallbackFiles) {
        this.primary = load("liberation/" + LIBERATION[0][0]);
        List<BaseFont> fb = new ArrayList<>();
        List<Path> used = new ArrayList<>();
        for (Path p : fallbackFiles) {
            BaseFont f = loadFile(p);
            if (f != null) {
                fb.add(f);
                used.add(p);
            }
        }
        this.fallbacks = List.copyOf(fb);
        this.fallbackFiles = List.copyOf(used);
        ITextFontResolver scratch = new org.xhtmlrenderer.pdf.ITextRenderer().getFontResolver();
        describe(scratch);
        this.families = Map.copyOf(scratch.getFonts());
    }

    /**
     * @return the Liberation fonts and the {@link #DEFAULT_FALLBACKS} present on this machine; built once per JVM (the
     *         first call reads the font files, about half a second) and shared
     */
    public static PdfFonts standard() {
        return Shared.STANDARD;
    }

    /** @return the Liberation fonts only: characters outside Latin, Greek and Cyrillic show as code points. */
    public static PdfFonts liberationOnly() {
        return Shared.LIBERATION_ONLY;
    }

    /** Lazy holder: the shared instances are built on first use, thread-safely. */
    private static final class Shared {
        static final PdfFonts STANDARD = new PdfFonts(DEFAULT_FALLBACKS);
        static final PdfFonts LIBERATION_ONLY = new PdfFonts(List.of());
    }

    /**
     * @param files TrueType ({@code .ttf}, {@code .otf} with TrueType outlines) or collection ({@code .ttc}, first
     *              font) files, tried in order; missing or unreadable ones are skipped
     * @return the Liberation fonts with these fallbacks
     */
    public static PdfFonts withFallbacks(List<Path> files) {
        return new PdfFonts(Objects.requireNonNull(files, "files"));
    }

    /** @return the fallback font files actually loaded, in order. */
    public List<Path> fallbackFiles() {
        return fallbackFiles;
    }

    /** @return the CSS family name of fallback number {@code i} (0-based). */
    static String fallbackFamily(int i) {
        return "PixelProof Fallback " + (i + 1);
    }

    /**
     * @param codePoint a Unicode code point
     * @return {@code 0} when the primary fonts have it, {@code i + 1} when fallback {@code i} has it first, {@code -1}
     *         when no font has it
     */
    int fontFor(int codePoint) {
        if (primary.charExists(codePoint)) {
            return 0;
        }
        for (int i = 0; i < fallbacks.size(); i++) {
            if (fallbacks.get(i).charExists(codePoint)) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Gives a renderer's resolver these fonts, and only these: Flying Saucer's base-14 families (not embedded) are
     * removed. The families are shared read-only between renderings; no document can add to them, since
     * {@code @font-face} sources are refused by the user agent before any family is touched.
     */
    void registerWith(ITextFontResolver resolver) {
        Map<String, org.xhtmlrenderer.pdf.FontFamily> map = resolver.getFonts();
        map.clear();
        map.putAll(families);
    }

    private void describe(ITextFontResolver resolver) {
        java.util.Set<String> ours = new java.util.HashSet<>();
        for (String[] f : LIBERATION) {
            String resource = "liberation/" + f[0];
            BaseFont font = load(resource);
            resolver.addFont(font, resource, f[1]);
            ours.add(f[1]);
            for (String alias : ALIASES.get(f[1])) {
                resolver.addFont(font, resource, alias);
                ours.add(alias);
            }
        }
        for (int i = 0; i < fallbacks.size(); i++) {
            resolver.addFont(fallbacks.get(i), fallbackFiles.get(i).toString(), fallbackFamily(i));
            ours.add(fallbackFamily(i));
        }
        // Flying Saucer starts with the base-14 families (not embedded); keep only ours. The map is not empty, so
        // the resolver does not load them again, and its last resort, "Serif", is Liberation Serif.
        resolver.getFonts().keySet().retainAll(ours);
        for (var family : resolver.getFonts().values()) {
            family.getFontDescriptions().removeIf(d -> !isOurs(d.getFont()));
        }
    }

    private boolean isOurs(BaseFont f) {
        return f.getFontType() == BaseFont.FONT_TYPE_TTUNI || f.getFontType() == BaseFont.FONT_TYPE_TT;
    }

    private static BaseFont load(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("font resource missing from the classpath: " + r
                            + " (com.github.librepdf:openpdf-fonts-extra)");
                }
                byte[] bytes = in.readAllBytes();
                return BaseFont.createFont(r, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (com.lowagie.text.DocumentException e) {
                throw new IllegalStateException("cannot read font " + r, e);
            }
        });
    }

    private static BaseFont loadFile(Path p) {
        if (!Files.isReadable(p)) {
            return null;
        }
        String name = p.toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String key = lower.endsWith(".ttc") ? name + ",0" : name;
        try {
            return CACHE.computeIfAbsent(key, k -> {
                try {
                    return BaseFont.createFont(k, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                } catch (IOException | com.lowagie.text.DocumentException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException | com.lowagie.text.ExceptionConverter e) {
            return null;
        }
    }
}
