package org.pixelproof.pdf;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.pdf.ITextUserAgent;
import org.xhtmlrenderer.resource.CSSResource;
import org.xhtmlrenderer.resource.ImageResource;
import org.xhtmlrenderer.resource.XMLResource;

/**
 * The renderer's only way to the outside world, closed: every resource the layout asks for is recorded, and every
 * one that is neither a {@code data:} URI nor Flying Saucer's own default stylesheet (a resource of its jar, read
 * from the classpath) is refused: no stream opened, no connection, no DNS lookup. The dossier's CSS is inline and its
 * fonts are registered directly, so nothing legitimate is ever refused.
 *
 * <p>SECURITY-CRITICAL (DESIGN.md, invariant 1): the e-mail's own HTML goes into the annex; if a remote reference ever
 * slipped through {@code SafePreview}, this is where it stops. In Flying Saucer 9.13.3 every stream the renderer
 * opens (images, CSS, fonts, XML, binaries) goes through {@code resolveAndOpenStream}, overridden here to open
 * nothing; the resource getters are overridden as well, so that each request is recorded. Not thread-safe: one
 * instance per rendering.
 */
final class LocalOnlyUserAgent extends ITextUserAgent {
    private final List<String> requested = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    LocalOnlyUserAgent(ITextOutputDevice device, int dotsPerPixel) {
        super(device, dotsPerPixel);
    }

    /** @return every URI the renderer asked for, in order ({@code data:} URIs shortened). */
    List<String> requested() {
        return List.copyOf(requested);
    }

    /** @return every URI refused, in order. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** Flying Saucer's default XHTML stylesheet, inside its own jar. */
    private static final String DEFAULT_CSS = String.valueOf(
            org.xhtmlrenderer.simple.extend.XhtmlNamespaceHandler.class.getResource(
                    "/resources/css/XhtmlNamespaceHandler.css"));

    static boolean isLocal(String uri) {
        return uri != null && (uri.trim().toLowerCase(Locale.ROOT).startsWith("data:") || uri.equals(DEFAULT_CSS));
    }

    private static boolean isDefaultCss(String uri) {
        return DEFAULT_CSS.equals(uri);
    }

    private boolean allow(String uri) {
        requested.add(uri == null ? "null" : uri.length() > 200 ? uri.substring(0, 200) + "\u2026" : uri);
        if (isLocal(uri)) {
            return true;
        }
        refused.add(String.valueOf(uri));
        return false;
    }

    @Override
    public String resolveURI(String uri) {
        // never resolve against a base: a relative reference stays as written and is refused as non-local
        return uri;
    }

    @Override
    public ImageResource getImageResource(String uri) {
        if (!allow(uri)) {
            return new ImageResource(uri, null);
        }
        return super.getImageResource(uri);
    }

    @Override
    public CSSResource getCSSResource(String uri) {
        if (allow(uri) && isDefaultCss(uri)) {
            InputStream in = org.xhtmlrenderer.simple.extend.XhtmlNamespaceHandler.class.getResourceAsStream(
                    "/resources/css/XhtmlNamespaceHandler.css");
            if (in != null) {
                return new CSSResource(in);
            }
        }
        return new CSSResource(new ByteArrayInputStream(new byte[0]));
    }

    @Override
    public byte[] getBinaryResource(String uri) {
        if (!allow(uri)) {
            return null;
        }
        String u = uri.trim();
        int comma = u.indexOf(',');
        if (comma < 0 || !u.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(u.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public XMLResource getXMLResource(String uri) {
        allow(uri);
        return null;
    }

    @Override
    protected InputStream resolveAndOpenStream(String uri) {
        allow(uri);
        return null;
    }
}
