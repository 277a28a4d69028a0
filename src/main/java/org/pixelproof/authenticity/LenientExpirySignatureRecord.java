package org.pixelproof.authenticity;

import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;

/**
 * jDKIM's signature record, except that validation does not reject a signature whose {@code x=} lies before
 * <em>today</em>. RFC 6376 section 3.5 lets a verifier treat an expired signature as invalid; jDKIM compares
 * {@code x=} with the system clock, which would declare every newsletter older than a few days expired. PixelProof
 * examines old messages, so it checks the cryptography first and compares {@code x=} with the delivery time itself
 * (see {@link DkimVerification}). Every other check of jDKIM's validation is kept.
 */
final class LenientExpirySignatureRecord extends SignatureRecordImpl {
    private boolean validating;

    LenientExpirySignatureRecord(String data) {
        super(data);
    }

    @Override
    public void validate() {
        validating = true;
        try {
            super.validate();
        } finally {
            validating = false;
        }
    }

    @Override
    protected CharSequence getValue(String tag) {
        if (validating && "x".equals(tag)) {
            return null;
        }
        return super.getValue(tag);
    }
}
