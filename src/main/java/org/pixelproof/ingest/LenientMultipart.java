package org.pixelproof.ingest;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;

/**
 * Angus' multipart parser with its leniency chosen per instance instead of through JVM-wide System properties
 * ({@code mail.mime.multipart.*} are read by {@link MimeMultipart#initializeProperties()} from System properties,
 * which a library must not set for everyone):
 * <ul>
 *   <li>{@code ignoremissingendboundary = true}: a truncated multipart keeps its last part
 *       ({@link #isComplete()} tells, and {@code ingest} records {@link AnomalyCode#MISSING_END_BOUNDARY});</li>
 *   <li>{@code allowempty = true}: content without the boundary gives zero parts instead of an exception, so that
 *       {@code ingest} can try its own recovery;</li>
 *   <li>{@code ignoremissingboundaryparameter = false} and {@code ignoreexistingboundaryparameter = false}: the
 *       boundary is always given explicitly by {@code ingest}, which guesses a missing one itself with a length cap
 *       (Angus would take any line starting with {@code --}, and its Boyer-Moore set-up is quadratic in the
 *       boundary's length).</li>
 * </ul>
 * The data source must give a {@code jakarta.mail.internet.SharedInputStream} so that parts are views of the input,
 * not copies. Not thread-safe (like {@link MimeMultipart}); one instance per multipart node.
 */
final class LenientMultipart extends MimeMultipart {
    LenientMultipart(DataSource source) throws MessagingException {
        super(source);
    }

    @Override
    protected void initializeProperties() {
        ignoreMissingEndBoundary = true;
        allowEmpty = true;
        ignoreMissingBoundaryParameter = false;
        ignoreExistingBoundaryParameter = false;
    }
}
