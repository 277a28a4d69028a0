package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The result page makes each identifier checkable: a click tracker that groups several links says how many, the
 * recipient's address and every token are shown whole as found (or cut with a visible mark), and an identifier read
 * in another link than the one shown is given with that link's number and an excerpt of its address. A sender whose
 * postal address is outside France is said to be established there, and no SIREN is asked of it.
 */
@QuarkusTest
class EvidencePagesTest {
    private static final String TOKEN = "p1=%40Qx7pKfGm2hlZ%2BW3RqTSnYse9vgiiPKLnCfDTfGvMKE%3D";

    private static Document page(String resource, String lang) throws IOException {
        PageSession s = new PageSession();
        Response up = s.upload(PagesTest.resource(resource), "");
        assertEquals(303, up.statusCode(), up.asString());
        return Jsoup.parse(s.get("/analyses/" + PagesTest.idFrom(up) + "?lang=" + lang).asString());
    }

    private static Element row(Document d, String id) {
        for (Element r : d.select("table.trackers tbody tr")) {
            if (r.selectFirst("th").text().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no row " + id);
    }

    @Test
    void aGroupedClickTrackerSaysHowManyLinksAndWhereEachIdentifierWasRead() throws IOException {
        Document fr = page("/web/grouped-click-tracker.eml", "fr");
        Element t1 = row(fr, "T1");
        assertEquals("Regroupe 7 liens de même forme vers ce serveur (numérotés L1, L2… comme dans le dossier PDF).",
                t1.selectFirst(".tracker-links").text());
        assertEquals("Adresse complète (premier lien)", t1.selectFirst("details.url summary").text());
        String shown = t1.selectFirst("details.url code").text();
        assertFalse(shown.contains("p1="), "the first link carries no identifier: " + shown);

        Element address = t1.selectFirst("li.identifier");
        assertTrue(address.text().startsWith("votre adresse (encodée pour URL), paramètre de requête p1 "
                + "alex.martin%40example.org"), address.text());
        assertTrue(address.text().contains("source : un autre lien du groupe (L7), dont voici l'extrait :"),
                address.text());
        Element excerpt = address.selectFirst("code.excerpt");
        assertNotNull(excerpt, address.outerHtml());
        assertTrue(excerpt.text().startsWith("http://t.mailing.informatique-exemple.fr"), excerpt.text());
        assertTrue(excerpt.text().endsWith("7a8b9d07&p1=alex.martin%40example.org"), excerpt.text());
        assertEquals("alex.martin%40example.org", excerpt.selectFirst("mark").text());

        Element token = t1.selectFirst("li.token");
        assertEquals(TOKEN, token.selectFirst("code").text(), "the whole value as found, not a piece of it");
        assertTrue(token.text().contains("(L6)"), token.text());
        assertEquals(TOKEN, token.selectFirst("code.excerpt mark").text());

        Element en = row(page("/web/grouped-click-tracker.eml", "en"), "T1");
        assertTrue(en.selectFirst(".tracker-links").text().startsWith("Groups 7 links of the same shape"),
                en.text());
        assertTrue(en.selectFirst("li.identifier").text().contains("source: another link of the group (L7); excerpt:"),
                en.text());
    }

    @Test
    void anIdentifierInTheShownAddressSaysSoAndASingleTrackerIsNotAGroup() throws IOException {
        Element t1 = row(page("/web/german-publisher.eml", "fr"), "T1");
        assertTrue(t1.select(".tracker-links").isEmpty());
        assertEquals("Adresse complète", t1.selectFirst("details.url summary").text());
        Element token = t1.selectFirst("li.token");
        assertEquals("7Hq2Lm9Np4Rs6Tv8Wx0Yz3Ab", token.selectFirst("code").text());
        assertTrue(token.text().endsWith("source : l'adresse complète"), token.text());
    }

    @Test
    void aSenderInGermanyIsSaidToBeEstablishedThereAndNoSirenIsAsked() throws IOException {
        Document fr = page("/web/german-publisher.eml", "fr");
        Element sender = fr.getElementById("sender");
        assertTrue(sender.text().contains("Nordwest Zeitungsverlagsgesellschaft mbH"), sender.text());
        assertEquals("hors de France (pays : Allemagne) : l'organisme semble établi dans ce pays ; pas de numéro "
                + "SIREN à chercher, sauf s'il a un établissement en France",
                fr.getElementById("sender-abroad").text().replace('\u00a0', ' '));
        assertTrue(sender.select("ul.crosses li").stream().noneMatch(li -> li.text().equals("SIREN")),
                sender.text());

        Document fr2 = page("/web/grouped-click-tracker.eml", "fr");
        assertTrue(fr2.getElementById("sender-abroad") == null);
        assertTrue(fr2.getElementById("sender").select("ul.crosses li").stream()
                .anyMatch(li -> li.text().equals("SIREN")), "a French company without SIREN is still asked for one");
    }
}
