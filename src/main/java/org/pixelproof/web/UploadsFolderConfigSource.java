package org.pixelproof.web;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;

/**
 * SECURITY-CRITICAL. Supplies the default of {@code quarkus.http.body.uploads-directory}: a new private folder
 * ({@link UploadsFolder#createPrivate}, mode {@code 0700}, unguessable name {@code pixelproof-uploads-<random>}) in
 * {@code java.io.tmpdir}, one per process, created the first time the value is asked for. A fixed name in the shared
 * temporary folder would let another local user create it first and then read or replace the uploads.
 *
 * <p>Its ordinal, {@value #ORDINAL}, is below every place an operator sets configuration (the application's own
 * {@code application.properties} 250, {@code config/application.properties} 260, {@code .env} 295, environment
 * variables 300, system properties 400) and above Quarkus's built-in default ({@code ${java.io.tmpdir}/uploads}, a
 * fixed name again). A folder set by an operator is therefore used as is and verified at start-up by
 * {@link UploadsFolderGuard}.
 *
 * <p>Quarkus reads the property when the HTTP server and the REST layer are set up at run time ({@code VertxHttpConfig}
 * is a run-time configuration root), so the folder is made when the web app starts; the source answers nothing while
 * Quarkus builds the application or runs its static initialisation, and the command line (which does not start
 * Quarkus) never gets a folder. If the folder cannot be created the source answers nothing and {@link #creationFailure()} keeps the
 * reason, which {@link UploadsFolderGuard} reports by failing the start.
 *
 * <p>Registered through {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}. Thread-safe.
 */
public final class UploadsFolderConfigSource implements ConfigSource {

    /** The Quarkus property it supplies. */
    public static final String PROPERTY = "quarkus.http.body.uploads-directory";

    /** Its ordinal: above Quarkus's defaults, below {@code application.properties} (250). */
    public static final int ORDINAL = 240;

    /** The name shown by configuration tools, and compared by {@link UploadsFolderGuard} to tell who set the value. */
    public static final String NAME = "PixelProof private uploads folder";

    /** The start of the folder's name; random digits follow. */
    public static final String PREFIX = "pixelproof-uploads-";

    private static final Object LOCK = new Object();
    private static Path folder;
    private static RuntimeException failure;

    @Override
    public Set<String> getPropertyNames() {
        return running() ? Set.of(PROPERTY) : Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        String value = getValue(PROPERTY);
        return value == null ? Map.of() : Map.of(PROPERTY, value);
    }

    @Override
    public String getValue(String propertyName) {
        if (!PROPERTY.equals(propertyName) || !running()) {
            return null;
        }
        Path dir = folder();
        return dir == null ? null : dir.toString();
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /**
     * @return true once the application is starting or running; false while Quarkus builds the application (it
     *         reads every configuration source then, and would otherwise make a folder on the build machine and
     *         record its path in the application as a default) and during static initialisation
     */
    private static boolean running() {
        ExecutionMode mode = ExecutionMode.current();
        return mode == ExecutionMode.RUNTIME_INIT || mode == ExecutionMode.RUNNING;
    }

    /**
     * @return the folder this process created, creating it on the first call; null if it could not be created
     *         ({@link #creationFailure()} says why)
     */
    static Path folder() {
        synchronized (LOCK) {
            if (folder == null && failure == null) {
                try {
                    folder = UploadsFolder.createPrivate(Path.of(System.getProperty("java.io.tmpdir")), PREFIX);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            return folder;
        }
    }

    /** @return the folder if this process created one already, else null; never creates it */
    static Path createdFolder() {
        synchronized (LOCK) {
            return folder;
        }
    }

    /** @return why the folder could not be created, or null */
    static RuntimeException creationFailure() {
        synchronized (LOCK) {
            return failure;
        }
    }
}
