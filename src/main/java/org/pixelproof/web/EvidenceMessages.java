package org.pixelproof.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The result page's words about the evidence of each finding: how many links a click tracker groups, where each
 * identifier was read, how a long value is cut, and where the sender appears to be established. {@code {ev:key}} in
 * templates; texts in {@code messages/ev_fr.properties} (French, the default) and {@code messages/ev_en.properties}.
 *
 * <p>A bundle of its own rather than more keys in {@link Messages}: Quarkus 3.33 generates a bundle of more than 300
 * keys (enum constants counted) into code that fails verification at start-up (quarkusio/quarkus#55584, fixed by
 * #55653 in a later release); keeping each bundle to one concern keeps them all well under it.
 */
@MessageBundle(value = "ev", locale = "fr")
public interface EvidenceMessages {

    /** @return "Regroupe 35 liens de même forme vers ce serveur…", for a click tracker standing for several links */
    @Message
    String tracker_links(int count);

    /** @return the label of the full address of a tracker that groups several links (the first link's) */
    @Message
    String show_url_first();

    /** @return "source: the full address", when an identifier is in the address shown */
    @Message
    String found_in_url();

    /** @return "source: another link of the group (L7); excerpt:" */
    @Message
    String found_in_link(String link);

    /** @return the mark after a value cut for length, with its whole length in characters */
    @Message
    String value_cut(int length);

    /**
     * @return "outside France (country: Germany): …", or the same without the country when {@code country} is
     *         {@code null} (the address's shape shows only that it is not French)
     */
    @Message
    String sender_abroad(String country);
}
