/**
 * Builds the evidence dossier and the letters from one or more analyses: what they say, language by language,
 * rendered from the Qute templates of {@code templates/} into XHTML and plain text.
 */
package org.pixelproof.dossier;
