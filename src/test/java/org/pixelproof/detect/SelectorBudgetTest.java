package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The selector-matching budgets of the visibility cascade stop hostile sheets only: ordinary large sheets, and
 * attribute selectors whose values hold spaces, are applied to the last rule.
 */
class SelectorBudgetTest {

    static String body(String sheet, int cells) {
        StringBuilder b = new StringBuilder("<html><head><style>").append(sheet).append("</style></head><body><table>");
        for (int i = 0; i < cells; i++) {
            b.append("<tr><td class=c>cell</td></tr>");
        }
        return b.append("</table><p class=gone>hidden text</p></body></html>").toString();
    }

    @Test
    void compoundsCountsSpacesInsideAttributeValues() {
        // one compound selector, an attribute selector whose value holds spaces
        assertEquals(1, TextVisibility.compounds("[title=\"a b c d\"]"));
    }

    @Test
    void oneAttributeSelectorWithSpacesSpendsTheWholeBudget() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            words.append(" w");
        }
        // CssScanner keeps 300 characters of a selector: about 147 "compounds" each; three such rules
        String rule = "[title=\"" + words + "\"]{color:red}\n";
        String sheet = rule + rule.replace("title", "alt") + rule.replace("title", "name") + ".gone{display:none}";
        Document doc = Jsoup.parse(body(sheet, 5_000), ""); // about 10,000 elements, 401 "compounds"
        assertNotNull(TextVisibility.of(doc).hiddenBy(doc.selectFirst("p.gone")), "p.gone is display:none");
    }

    @Test
    void anOrdinaryLargeNewsletterSheetKeepsItsLastRules() {
        // 300 ordinary rules of two selectors of two and three compounds (5 compounds a rule), 1,000 table rows
        StringBuilder sheet = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sheet.append("table.t").append(i).append(" td.c, .a").append(i).append(" .b td{color:#333}\n");
        }
        sheet.append(".gone{display:none}");
        Document doc = Jsoup.parse(body(sheet.toString(), 1_000), "");
        assertNotNull(TextVisibility.of(doc).hiddenBy(doc.selectFirst("p.gone")), "p.gone is display:none");
    }
}
