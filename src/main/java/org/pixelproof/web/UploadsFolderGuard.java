package org.pixelproof.web;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * SECURITY-CRITICAL. Keeps the uploads folder ({@code quarkus.http.body.uploads-directory}) private to the server's
 * user ({@link UploadsFolder}):
 * <ul>
 * <li><b>At start-up</b> it checks the folder and refuses to start otherwise, with a message that says why and how to
 * fix it. The default folder ({@link UploadsFolderConfigSource}) was made private by this process; a folder set by an
 * operator (system property, environment variable {@code QUARKUS_HTTP_BODY_UPLOADS_DIRECTORY}, an
 * {@code application.properties}) is created with mode {@code 0700} if absent, and must otherwise be a real
 * directory owned by the server's user with no group or other permissions.</li>
 * <li><b>Before each multipart upload</b> it checks the folder again (a few {@code stat} calls) and recreates it,
 * private, if it has vanished (a temporary-folder cleaner such as {@code systemd-tmpfiles} removes old folders in
 * {@code /tmp}; the REST layer would otherwise recreate it with the default permissions). An upload that finds the
 * folder no longer private is refused with 500 (JSON under {@code /api/}, the error page elsewhere) before any byte of
 * it is written, and the reason is logged.</li>
 * <li><b>At shutdown</b> it removes the folder this process created if it is empty (best effort; a file left by a
 * crash keeps it).</li>
 * </ul>
 */
@ApplicationScoped
public class UploadsFolderGuard {

    private static final Logger LOG = Logger.getLogger(UploadsFolderGuard.class);

    @Inject
    ObjectMapper json;

    private volatile Path folder;
    private volatile UserPrincipal serverUser;

    /**
     * Verifies (or creates) the folder; an exception here stops Quarkus from starting.
     *
     * @throws UploadsFolder.UnsafeFolderException if the folder is not private or cannot be made
     */
    void onStart(@Observes StartupEvent event) {
        ConfigValue configured = ConfigProvider.getConfig().getConfigValue(UploadsFolderConfigSource.PROPERTY);
        boolean ours = UploadsFolderConfigSource.NAME.equals(configured.getSourceName());
        if (UploadsFolderConfigSource.creationFailure() != null
                && configured.getSourceOrdinal() <= UploadsFolderConfigSource.ORDINAL) {
            // Nobody set the property and the private folder could not be made: the value would be Quarkus's own
            // default, a fixed name in the shared temporary folder.
            throw UploadsFolderConfigSource.creationFailure();
        }
        String value = configured.getValue();
        if (value == null || value.isBlank()) {
            throw new UploadsFolder.UnsafeFolderException(UploadsFolderConfigSource.PROPERTY + " is empty. Set it to "
                    + "a private folder (mode 0700) or unset it.");
        }
        serverUser = UploadsFolder.serverUser();
        try {
            folder = UploadsFolder.prepare(Path.of(value), serverUser);
        } catch (UploadsFolder.UnsafeFolderException e) {
            throw new UploadsFolder.UnsafeFolderException("PixelProof will not start: " + e.getMessage()
                    + " (value of " + UploadsFolderConfigSource.PROPERTY + " from " + configured.getSourceName()
                    + ")", e);
        }
        LOG.debugf("Uploads are written to %s (%s)", folder, ours ? "private folder of this process"
                : "configured by " + configured.getSourceName());
    }

    /** Removes the folder this process created, if empty. */
    void onStop(@Observes ShutdownEvent event) {
        Path created = UploadsFolderConfigSource.createdFolder();
        if (created != null) {
            try {
                Files.deleteIfExists(created);
            } catch (DirectoryNotEmptyException e) {
                LOG.warnf("The uploads folder %s is not empty at shutdown (an upload interrupted by a crash?); "
                        + "it was left in place", created);
            } catch (IOException e) {
                LOG.debugf("Could not remove the uploads folder %s: %s", created, e.getClass().getSimpleName());
            }
        }
    }

    void register(@Observes Filters filters) {
        // After SecurityHeaders (10,000) and BodyLimitFilter (9,000): a refused upload still gets the headers.
        filters.register(this::beforeUpload, 8_000);
    }

    private void beforeUpload(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String type = request.getHeader("Content-Type");
        Path dir = folder;
        if (dir == null || request.method() != HttpMethod.POST || type == null
                || !type.regionMatches(true, 0, "multipart/", 0, 10)) {
            rc.next();
            return;
        }
        try {
            UploadsFolder.prepare(dir, serverUser);
        } catch (UploadsFolder.UnsafeFolderException e) {
            LOG.errorf("Upload refused: %s", e.getMessage());
            refuse(rc);
            return;
        }
        rc.next();
    }

    private void refuse(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String body;
        String contentType;
        if (ErrorMappers.isApi(request.path())) {
            contentType = "application/json";
            try {
                body = json.writeValueAsString(new ApiError(500, Problem.INTERNAL_ERROR.name(),
                        "the server cannot keep uploads private at the moment; its administrator must fix the "
                                + "uploads folder (see the server log)"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            contentType = "text/html; charset=UTF-8";
            Page page = Languages.page(request);
            body = ErrorMappers.Templates.error(page, 500, Problem.INTERNAL_ERROR, null, null, List.of())
                    .setLocale(page.locale()).render();
        }
        rc.response().setStatusCode(500).putHeader("Content-Type", contentType).putHeader("Connection", "close")
                .end(body);
    }
}
