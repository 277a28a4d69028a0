package org.pixelproof.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Writes a small Outlook {@code .msg} test file (an OLE2 compound document with MAPI property streams, as described in
 * Microsoft's [MS-OXMSG]) with Apache POI's POIFS, since POI's HSMF can read {@code .msg} files but not write them.
 * Holds the subject, sender, HTML body and the original Internet headers ({@code PidTagTransportMessageHeaders}),
 * the way Outlook saves a received message.
 */
final class OutlookMsgFixture {
    private OutlookMsgFixture() {
    }

    static void write(Path file, String transportHeaders, String subject, String senderEmail, String textBody,
            String htmlBody) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            unicode(fs, "0037", subject);                 // PidTagSubject
            unicode(fs, "0C1F", senderEmail);             // PidTagSenderEmailAddress
            unicode(fs, "0C1A", "Sender");                // PidTagSenderName
            unicode(fs, "1000", textBody);                // PidTagBody
            unicode(fs, "007D", transportHeaders);        // PidTagTransportMessageHeaders
            unicode(fs, "001A", "IPM.Note");              // PidTagMessageClass
            // PidTagHtml (binary)
            fs.createDocument(new ByteArrayInputStream(htmlBody.getBytes(StandardCharsets.UTF_8)),
                    "__substg1.0_10130102");
            // the fixed-size property stream of a top-level message: 32-byte header, no fixed properties
            fs.createDocument(new ByteArrayInputStream(ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN)
                    .array()), "__properties_version1.0");
            try (OutputStream out = Files.newOutputStream(file)) {
                fs.writeFilesystem(out);
            }
        }
    }

    private static void unicode(POIFSFileSystem fs, String propertyId, String value) throws IOException {
        fs.createDocument(new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_16LE)),
                "__substg1.0_" + propertyId + "001F");
    }
}
