package org.pixelproof.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Test-only endpoint: tells where the server wrote an uploaded file, and the folder's owner and permissions, while the
 * file is still there (it is deleted at the end of the request).
 */
@jakarta.ws.rs.Path("/test-only/upload-folder")
public class UploadFolderProbe {

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> where(@RestForm("email") FileUpload email) throws IOException {
        Path file = email.uploadedFile();
        Path folder = file.getParent();
        return Map.of("file", file.toString(), "folder", folder.toString(),
                "folderMode", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder,
                        LinkOption.NOFOLLOW_LINKS)),
                "folderOwner", Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName(),
                "fileMode", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
