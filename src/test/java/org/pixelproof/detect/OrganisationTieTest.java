package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelproof.rules.RuleSetLoader;

/** {@link OrganisationTie}: which hosts count, and when a name is tied to them. */
class OrganisationTieTest {

    private static final VendorIndex VENDORS = new VendorIndex(RuleSetLoader.loadDefault());

    /**
     * @param from  the From address
     * @param dkim  the DKIM d= domain, or null
     * @param links link URLs of the message
     * @return the ties of such a message
     */
    private static OrganisationTie ties(String from, String dkim, String... links) {
        String domain = from.substring(from.indexOf('@') + 1);
        SenderIdentity s = new SenderIdentity(from, null, domain, null, null,
                dkim == null ? List.of() : List.of(dkim), List.of(), null, null, null, null, false, null, null,
                List.of(), List.of());
        List<Link> ls = new ArrayList<>();
        for (String u : links) {
            WebUrl w = WebUrl.of(u, null);
            ls.add(new Link(u, w.host(), "", null, null, new Location("1", "a", "href", null), List.of()));
        }
        return OrganisationTie.of(s, ls, VENDORS);
    }

    @Test
    void theHostsAreTheSendingSigningBouncingUnsubscribeAndLinkedOnesNeverTheLocalPart() {
        SenderIdentity s = new SenderIdentity("ledgerly-alerts@casa-lunaris.es", "Ledgerly", "casa-lunaris.es", null,
                "bounce-7@qzvk.shared.klaviyomail.com", List.of("shared.klaviyomail.com"),
                List.of("https://manage.kmail-lists.com/u?a=1", "mailto:unsub-9@lists.mailer-hub.com?subject=x"),
                "Ledgerly SAS", null, null, null, false, null, null, List.of(), List.of());
        Link l = new Link("https://ctrk.klclick1.com/l/01H", "ctrk.klclick1.com", "", "https://scan-now.example.net/x",
                "T1", new Location("1", "a", "href", null), List.of());
        OrganisationTie t = OrganisationTie.of(s, List.of(l), VENDORS);
        assertEquals(java.util.Set.of("casa-lunaris.es", "shared.klaviyomail.com", "qzvk.shared.klaviyomail.com",
                "manage.kmail-lists.com", "lists.mailer-hub.com", "ctrk.klclick1.com", "scan-now.example.net"),
                t.hosts());
        assertFalse(t.tied("Ledgerly SAS", "© Ledgerly SAS 2022."), "the From local part is not a tie");
        assertFalse(t.tied("Ledgerly", null));
    }

    @Test
    void aWordOfTheNameInsideAnyLabelTies() {
        assertTrue(ties("news@shop.katjes.de", null).tied("Katjes Fassin GmbH + Co. KG", null));
        assertTrue(ties("willkommen@email.trustedshops.de", null).tied("Trusted Shops AG", null));
        assertTrue(ties("x@mailer-hub.com", null, "https://brisaleo.sendwave-mail.net/c/1").tied("Brisaleo SARL",
                null), "an ESP account named after the sender");
        assertFalse(ties("x@mailer-hub.com", null).tied("Brisaleo SARL", null));
    }

    @Test
    void shortWordsAndInitialsTieOnlyWithTheRegistrableLabel() {
        assertTrue(ties("info@ef.com", null).tied("EF Education First Ltd.", null), "capital two-letter word");
        assertTrue(ties("derabend@newsletter.rp-online.de", null).tied("Rheinische Post Verlagsgesellschaft mbH", null),
                "initials as a hyphen-separated part");
        assertTrue(ties("info@edf.fr", null).tied("Electricité de France SA", null), "initials with 'de'");
        assertFalse(ties("no-reply@mg.noshow.example.com", null).tied("Maison Galerie SARL", null),
                "mg of mg.noshow... is a mail server's name, not the registrable label");
        assertFalse(ties("x@ef.com", null).tied("Ef Studio Ltd", null), "a lower-case two-letter word is no acronym");
    }

    @Test
    void aDistinctiveLabelInsideTheNameOrInTheWordsLeadingToItTies() {
        assertTrue(ties("x@laposte.fr", null).tied("La Poste SA", null), "the name written without spaces");
        OrganisationTie header = ties("ralf@gutestunde.de", null);
        assertTrue(header.tied("Seminar GmbH", "Mein Unternehmen: Gute Stunde Verlags- und Seminar GmbH."),
                "the footer reader kept only the last words; the sentence leading to them names the domain");
        assertFalse(header.tied("Seminar GmbH", "Seminar GmbH. Sent with Gute Stunde."),
                "only what leads to the name counts, not what follows it");
        assertFalse(header.tied("Seminar GmbH", null));
        OrganisationTie linked = ties("x@mailer-hub.com", null, "https://www.gutestunde.de/");
        assertFalse(linked.tied("Seminar GmbH", "Gute Stunde Verlags- und Seminar GmbH"),
                "a linked site (\"Powered by ...\") is not looked for in the footer sentence");
        assertTrue(ties("x@mailer-hub.com", null).tied("Hub Partners Ltd", null),
                "a three-letter word as a hyphen-separated part of the registrable label");
        assertTrue(ties("x@xn--lumire-6ua.fr", null).tied("Lumière SA", null), "punycode read, accents folded");
        assertFalse(ties("x@noonspain.example", null, "https://elmo.example.net/x").tied("Velmora SAS", null),
                "a label inside a word of the name is a coincidence of letters");
        assertFalse(header.tied("Seminar GmbH", "Mein Unternehmen: Ngutestunde Verlags- und Seminar GmbH."),
                "nor inside a word of the sentence leading to it");
        assertTrue(ties("x@mailer-hub.com", null, "https://mcdo.example/").tied("McDonald's France SAS", null),
                "a label that starts a word may end inside it");
    }

    @Test
    void aNameWithNothingToCompareMakesNoClaim() {
        OrganisationTie t = ties("x@mailer-hub.com", null);
        assertNull(t.tied("B AG", null));
        assertNull(t.tied("Service Client SAS", null));
        assertNull(t.tied(null, null));
        assertNull(t.tied("2024", null));
    }

    @Test
    void aLongNameIsReadUpToItsFirstWordsOnly() {
        // a From display name of 30,000 one-letter words (a 64 KiB header): every prefix of its initials used to be
        // kept, about 450 million characters; only the first words can be the initials of a registrable label
        String name = "Qzxw " + "B ".repeat(30_000);
        OrganisationTie t = ties("x@noon.example", null);
        assertEquals(OrganisationTie.MAX_NAME_WORDS, OrganisationTie.initials(java.util.Collections.nCopies(30_000,
                "b")).stream().mapToInt(String::length).max().orElse(0), "initials of the first words only");
        assertFalse(t.tied(name, null));
        assertTrue(ties("x@qb.example", null).tied("Quai B" + " B".repeat(30_000), null),
                "the first words still give their initials");
        assertFalse(t.tied("Qzxw " + "B ".repeat(OrganisationTie.MAX_NAME_WORDS - 1) + "Noon", null),
                "a word past the limit is not read");
    }

    @Test
    void theLeadIsTheSentenceBeforeTheName() {
        assertEquals("Meine Firma: Zeit zu leben Verlags- und ",
                OrganisationTie.lead("Meine Firma: Zeit zu leben Verlags- und Trainings GmbH.", "Trainings GmbH")
                        .stripTrailing() + " ");
        assertEquals("", OrganisationTie.lead("Sent by Brisaleo. Nuvelia Ltd", "Nuvelia Ltd").strip());
        assertEquals("", OrganisationTie.lead("© Nuvelia Ltd", "Nuvelia Ltd").strip());
        assertEquals("", OrganisationTie.lead(null, "X"));
    }

    @Test
    void thePublicSuffixIsLeftOutOfTheLabels() {
        assertEquals("shop.katjes", OrganisationTie.withoutPublicSuffix("shop.katjes.de"));
        assertEquals("brand", OrganisationTie.withoutPublicSuffix("brand.co.uk"));
        assertEquals("news.brand", OrganisationTie.withoutPublicSuffix("news.brand.example"));
        assertEquals("localhost", OrganisationTie.withoutPublicSuffix("localhost"));
        assertEquals("Ledger ", OrganisationTie.withoutLegalForm("Ledger SAS"));
    }
}
