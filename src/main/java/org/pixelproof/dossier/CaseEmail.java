package org.pixelproof.dossier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * One e-mail of a case: its analysis, the original bytes (attached to the PDF, hashed on every page) and the message
 * as read again from those bytes (for the annexes: full headers, source excerpts, the rendering without loads).
 *
 * <p>The constructor checks that the bytes are the analysed ones: their SHA-256 must equal
 * {@link Analysis#sha256()}, else the dossier would attest a file it was not built from. Immutable and thread-safe
 * (do not modify the array).
 *
 * @param analysis the analysis
 * @param original the original {@code .eml} bytes as uploaded
 * @param email    the message as read from {@code original} by {@code ingest}
 * @throws IllegalArgumentException when the bytes do not hash to the analysis's SHA-256
 */
public record CaseEmail(Analysis analysis, byte[] original, ReceivedEmail email) {
    public CaseEmail {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(email, "email");
        String sha = sha256(original);
        if (!sha.equalsIgnoreCase(analysis.sha256())) {
            throw new IllegalArgumentException("the original bytes hash to " + sha + ", not to the analysed "
                    + analysis.sha256());
        }
    }

    /** @return lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
