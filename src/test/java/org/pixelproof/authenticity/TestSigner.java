package org.pixelproof.authenticity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.tagvalue.SignatureRecordTemplate;

/**
 * Signs test messages with jDKIM's {@link DKIMSigner} and an RSA key generated for the test, and writes the public key
 * to a DNS master file, as a sender would publish it.
 */
final class TestSigner {
    final KeyPair keys;
    final String domain;
    final String selector;

    TestSigner(String domain, String selector, int bits) {
        this.domain = domain;
        this.selector = selector;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            this.keys = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the TXT record a sender publishes: {@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>}. */
    String keyRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** @return a master-file line publishing {@code record} at this signer's key name, cut in 255-byte strings. */
    String zoneLine(String record) {
        StringBuilder b = new StringBuilder(selector + "._domainkey." + domain + ". 3600 IN TXT");
        for (int i = 0; i < record.length(); i += 255) {
            b.append(" \"").append(record, i, Math.min(record.length(), i + 255)).append('"');
        }
        return b.append('\n').toString();
    }

    /** Writes a zone file holding this signer's key (and other records that must be ignored). */
    Path writeZone(Path dir) {
        return writeZone(dir, zoneLine(keyRecord()));
    }

    static Path writeZone(Path dir, String lines) {
        try {
            Path zone = dir.resolve("dkim-keys.zone");
            Files.writeString(zone, "$TTL 3600\n; DKIM keys for the tests\n"
                    + "example.org. 3600 IN TXT \"v=spf1 -all\"\n" + lines, StandardCharsets.US_ASCII);
            return zone;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Signs {@code message} (CRLF line ends) and returns it with the DKIM-Signature prepended.
     *
     * @param tags the tags besides {@code v}, {@code d}, {@code s}, {@code bh} and {@code b}, e.g.
     *             {@code "a=rsa-sha256; c=relaxed/relaxed; h=from:to:subject;"}
     */
    String sign(String message, String tags) {
        String template = "v=1; d=" + domain + "; s=" + selector + "; " + tags + " bh=; b=;";
        DKIMSigner signer = new DKIMSigner(template, keys.getPrivate()) {
            @Override
            public SignatureRecord newSignatureRecordTemplate(String record) {
                return new PastExpiryTemplate(record);
            }
        };
        try {
            String field = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
            return fold(field) + "\r\n" + message;
        } catch (IOException | FailException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Folds a DKIM-Signature between tags, as real signers do (relaxed header canonicalisation ignores it). */
    private static String fold(String field) {
        return field.replace("; ", ";\r\n\t");
    }

    /** jDKIM's template refuses an {@code x=} already past; tests sign old messages on purpose. */
    private static final class PastExpiryTemplate extends SignatureRecordTemplate {
        private boolean validating;

        PastExpiryTemplate(String data) {
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
            return validating && "x".equals(tag) ? null : super.getValue(tag);
        }
    }
}
