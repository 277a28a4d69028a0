package org.pixelproof.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** PixelProof's own version, read from the build ({@code pixelproof-version.properties}, filtered by Maven). */
public final class ToolVersion {
    private static final String VERSION = load();

    private ToolVersion() {
    }

    /** @return the version, e.g. {@code "0.1.0-SNAPSHOT"}, or {@code "dev"} when run from unfiltered sources. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/pixelproof-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
