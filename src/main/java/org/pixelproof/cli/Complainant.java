package org.pixelproof.cli;

/**
 * The complainant's details given on the command line, passed to the dossiers as they are; nothing else about the
 * complainant is invented. Every field may be {@code null}.
 *
 * @param name          full name
 * @param postalAddress postal address
 * @param email         e-mail address
 */
record Complainant(String name, String postalAddress, String email) {
    boolean isEmpty() {
        return name == null && postalAddress == null && email == null;
    }
}
