package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The text of a marker read around a bare URL of a plain-text body keeps no empty brackets (new-user report 18, item
 * 14: "Unsubscribe ( )", ") Manage preferences ( )").
 */
class ConsentMarkerTextTest {

    @Test
    void emptyBracketsLeftByABareUrlAreRemoved() {
        assertEquals("Unsubscribe", ConsentMarker.withoutUrlBrackets("Unsubscribe ( )"));
        assertEquals("Manage preferences", ConsentMarker.withoutUrlBrackets(") Manage preferences ( )"));
        assertEquals("Se désinscrire", ConsentMarker.withoutUrlBrackets("Se désinscrire < >"));
        assertEquals("Unsubscribe here", ConsentMarker.withoutUrlBrackets("Unsubscribe [ ] here"));
        assertEquals("Manage preferences", ConsentMarker.withoutUrlBrackets("] Manage preferences ("));
    }

    @Test
    void wordsInBracketsAreKept() {
        assertEquals("Unsubscribe (one click)", ConsentMarker.withoutUrlBrackets("Unsubscribe (one click)"));
        assertEquals("Gérer mes préférences", ConsentMarker.withoutUrlBrackets("Gérer mes préférences"));
        assertNull(ConsentMarker.withoutUrlBrackets(null));
    }
}
