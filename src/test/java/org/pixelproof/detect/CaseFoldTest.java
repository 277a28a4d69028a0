package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CaseFoldTest {

    @Test
    void lowerCaseKeepsEveryIndex() {
        String s = "\u0130\u0130 HTTPS://X.Example/\u0130Alex";
        String lower = CaseFold.lowerKeepingIndexes(s);
        assertEquals(s.length(), lower.length());
        assertEquals("ii https://x.example/ialex", lower);
        assertEquals(s.indexOf("Alex"), lower.indexOf("alex"));
        String already = "already lower, 123";
        assertSame(already, CaseFold.lowerKeepingIndexes(already));
        assertEquals("\ud801\udc28", CaseFold.lowerKeepingIndexes("\ud801\udc28"), "surrogates stay as they are");
    }
}
