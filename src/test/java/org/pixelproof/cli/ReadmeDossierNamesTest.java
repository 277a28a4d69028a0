package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's account of how per-e-mail dossiers are named from file names that are not in Latin letters says what
 * {@link DossierNames} does (new-user trial 18: it said such characters were "made {@code _}", while runs of them are
 * one {@code _}, dropped at the ends of a name, and a name with nothing left becomes {@code message}).
 */
class ReadmeDossierNamesTest {
    static final Path README = Path.of("README.md");

    /** One example: the input's path below the folder given, the dossier README names. */
    record Example(String input, String dossier) {
        String sentence() {
            return "`" + input + "` gives `" + dossier + "`";
        }
    }

    static final List<Example> EXAMPLES = List.of(
            new Example("Réponse 🎉 1.eml", "Reponse_1.pdf"),
            new Example("письмо 4.eml", "4.pdf"),
            new Example("Папка/письмо 4.eml", "4.pdf"),
            new Example("membre05/письмо.eml", "membre05_message.pdf"));

    @TempDir
    Path tmp;

    @Test
    void theExamplesOfReadmeAreWhatTheRunWrites() throws IOException {
        String readme = Files.readString(README).replaceAll("\\s+", " ");
        Path base = Files.createDirectories(tmp.resolve("exports")); // the folder given: analyze exports
        DossierNames names = DossierNames.forPaths(List.of(base.toString()));
        for (Example e : EXAMPLES) {
            assertTrue(readme.contains(e.sentence()), "README says " + e.sentence());
            assertEquals(e.dossier(), names.stem(base.resolve(e.input()).toString(), 0) + ".pdf", e.input());
        }
        assertTrue(readme.contains("`письмо.eml` and `メール.eml` give `message.pdf`"), "names with no Latin letter");
        assertEquals("message", names.stem(base.resolve("письмо.eml").toString(), 0));
        assertEquals("message", names.stem(base.resolve("メール.eml").toString(), 0));
        assertTrue(readme.contains("`Boîte de réception.mbox` gives `Boite_de_reception.mbox-00001.pdf`"), "accents");
        assertEquals("Boite_de_reception.mbox-00001", names.stem(base.resolve("Boîte de réception.mbox") + "#1", 1));
        assertFalse(readme.contains("is made `_` (an emoji"), "the old, wrong account is gone");
    }
}
