package org.pixelproof.web;

/**
 * The JSON body of every API error: {@code {"status":413,"error":"MESSAGE_TOO_LARGE","reason":"..."}}. The reason is
 * English, precise and free of the upload's content.
 *
 * @param status the HTTP status
 * @param error  a stable code: an {@link org.pixelproof.ingest.AnomalyCode} name for refused uploads, else
 *               {@code MISSING_FIELD}, {@code BAD_PARAMETER}, {@code NOT_FOUND}, {@code PAYLOAD_TOO_LARGE},
 *               {@code INTEGRITY_ERROR}, {@code INTERNAL_ERROR}...
 * @param reason what went wrong and, where possible, what to do
 */
public record ApiError(int status, String error, String reason) {
}
