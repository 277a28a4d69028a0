package org.pixelproof.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The running server writes uploads only to a folder that the server's user alone can enter
 * ({@link UploadsFolderConfigSource}, {@link UploadsFolderGuard}). POSIX file systems only.
 */
@QuarkusTest
class UploadsFolderGuardTest {

    private Path folder;

    @BeforeEach
    void posixOnly() {
        ConfigValue value = ConfigProvider.getConfig().getConfigValue(UploadsFolderConfigSource.PROPERTY);
        folder = Path.of(value.getValue());
        assumeTrue(UploadsFolder.isPosix(folder), "POSIX permissions are not available on this file system");
    }

    private static Response probe() throws IOException {
        return given().multiPart("email", "newsletter.eml", AnalysisApiTest.sample(), "message/rfc822")
                .when().post("/test-only/upload-folder");
    }

    @Test
    void byDefaultEachStartUsesItsOwnPrivateFolder() throws IOException {
        ConfigValue value = ConfigProvider.getConfig().getConfigValue(UploadsFolderConfigSource.PROPERTY);
        assertEquals(UploadsFolderConfigSource.NAME, value.getSourceName(), "nobody set the property in the tests");
        assertTrue(folder.getFileName().toString().matches("pixelproof-uploads-\\d{6,}"),
                "an unguessable name, not a fixed one: " + folder);
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(), folder.getParent());
    }

    @Test
    void anUploadIsWrittenInThePrivateFolderOnly() throws IOException {
        Response r = probe();
        r.then().statusCode(200);
        assertEquals(folder.toString(), r.path("folder"), "the REST layer writes where the property says");
        assertEquals("rwx------", r.path("folderMode"), "no group or other permission on the folder");
        assertEquals(UploadsFolder.serverUser().getName(), r.path("folderOwner"));
        assertEquals("rw-------", r.path("fileMode"));
        assertTrue(!Files.exists(Path.of(r.<String>path("file"))), "the upload is deleted at the end of the request");
    }

    @Test
    void anUploadIsRefusedWhenTheFolderIsNoLongerPrivate() throws IOException {
        var before = Files.getPosixFilePermissions(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            given().multiPart("email", "newsletter.eml", AnalysisApiTest.sample(), "message/rfc822")
                    .when().post("/api/analyses")
                    .then().statusCode(500).body("error", equalTo("INTERNAL_ERROR"));
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(0, files.count(), "nothing was written to the open folder");
            }
        } finally {
            Files.setPosixFilePermissions(folder, before);
        }
        AnalysisApiTest.upload(AnalysisApiTest.sample());
    }

    @Test
    void aFolderRemovedByATemporaryFilesCleanerIsRecreatedPrivate() throws IOException {
        Files.delete(folder); // empty between requests
        Response r = probe();
        r.then().statusCode(200);
        assertEquals(folder.toString(), r.path("folder"));
        assertEquals("rwx------", r.path("folderMode"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder,
                LinkOption.NOFOLLOW_LINKS)));
    }
}
