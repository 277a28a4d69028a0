package org.pixelproof.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.Location;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;

/**
 * Web wording found by new-user test 18 (items 4 and 14), checked without booting Quarkus: the dossier form says which
 * answers the complaint quotes word for word (and, in English, that the complaint to file is French); an anomaly's
 * English detail does not follow a label that already holds a colon with a second colon; a marker read around a bare
 * URL is quoted without the URL's empty brackets.
 */
class FormAndAnomalyWordingTest {

    private static Properties messages(String lang) throws IOException {
        Properties p = new Properties();
        try (InputStream in = FormAndAnomalyWordingTest.class.getResourceAsStream("/messages/msg_" + lang
                + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void theDossierFormSaysWhichAnswersAreQuotedAndThatTheComplaintToFileIsFrench() throws IOException {
        Properties en = messages("en");
        String quoted = en.getProperty("dossier_quoted");
        assertTrue(quoted != null && quoted.contains("word for word") && quoted.contains("in French")
                && quoted.contains("the French complaint is the one to file"), quoted);
        assertTrue(en.getProperty("dossier_how_hint").contains("French complaint"), en.getProperty("dossier_how_hint"));
        assertTrue(en.getProperty("dossier_when_hint").contains("French complaint"),
                en.getProperty("dossier_when_hint"));
        String fr = messages("fr").getProperty("dossier_quoted");
        assertTrue(fr != null && fr.contains("mot pour mot") && fr.contains("plainte à la CNIL"), fr);
        String form = Files.readString(Path.of("templates/AnalysisResource/dossier.html"), StandardCharsets.UTF_8);
        assertTrue(form.contains("{msg:dossier_quoted}"), "the form shows the notice");
    }

    @Test
    void anAnomalysDetailFollowsItsLabelWithoutASecondColon() {
        Anomaly a = new Anomaly(AnomalyCode.FORWARDED_AS_ATTACHMENT, "1", "the input only wraps the message/rfc822 "
                + "part 2; that message was analysed (the wrapper had 0 anomalies, not listed)");
        String en = ViewExtensions.anomalyText(a, "en");
        assertEquals("message forwarded as an attachment: the attached message was analysed \u2013 the input only "
                + "wraps the message/rfc822 part 2; that message was analysed (the wrapper had 0 anomalies, not "
                + "listed)", en);
        assertFalse(ViewExtensions.anomalyText(a, "fr").contains("input"), "French shows the label alone");
    }

    @Test
    void aMarkerReadAroundABareUrlIsQuotedWithoutEmptyBrackets() {
        ConsentMarker m = new ConsentMarker(ConsentMarkerType.UNSUBSCRIBE_LINK, ") Manage preferences ( )",
                "https://t.harbour-books.example/prefs/manage", new Location("1", "text", null, null),
                "en.unsubscribe.manage-preferences");
        assertEquals("Manage preferences", ViewExtensions.quoted(m));
    }
}
