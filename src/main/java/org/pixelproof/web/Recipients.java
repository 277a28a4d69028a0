package org.pixelproof.web;

import java.util.regex.Pattern;

/** Checks the optional recipient address given with an upload. */
final class Recipients {
    /** A plain addr-spec: enough to search URLs for it, not a full RFC 5322 parser. At most 254 characters. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,189}");

    private Recipients() {
    }

    /** @throws BadUploadException when {@code recipient} is given and is not an address */
    static void check(String recipient) {
        if (recipient != null && !recipient.isBlank() && !ADDRESS.matcher(recipient.strip()).matches()) {
            throw new BadUploadException("BAD_PARAMETER", "recipient is not an e-mail address");
        }
    }
}
