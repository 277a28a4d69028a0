package org.pixelproof.preview;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link CssSanitizer} on CSS whose quotes do not pair up (found by DetectFuzzTest#htmlBody). */
class CssSanitizerTest {

    @Test
    void noQuoteIsLeftInFrontOfARemoteUrlWhateverThePairing() {
        String css = "<link rspc.giflesheet\".a{background:url#(\"https://t.example.com/b\")}";
        CssSanitizer.Result r = CssSanitizer.sanitize(css, 10_000, u -> false, "css-style");
        assertFalse(r.css().contains("t.example.com"), r.css());
        assertTrue(r.removed().stream().anyMatch(x -> x.url().contains("t.example.com/b")));
        assertTrue(RemoteReferences.in("<style>" + r.css() + "</style>").isEmpty());
    }

    @Test
    void dataImagesAndPlainTextStay() {
        String css = ".a{background:url(\"data:image/png;base64,AAAA\");content:\"a / b\"}";
        CssSanitizer.Result r = CssSanitizer.sanitize(css, 10_000, u -> u.startsWith("data:image/"), "css-style");
        assertTrue(r.css().contains("data:image/png;base64,AAAA"), r.css());
        assertTrue(r.css().contains("a / b"), r.css());
    }

    @Test
    void removingAUrlCannotLeaveANewImport() {
        CssSanitizer.Result r = CssSanitizer.sanitize("@@importurl(https://t.example/x.css) \"https://cdn.example/y.css\";"
                + " .a{color:red}", 10_000, u -> false, "css-style");
        assertFalse(r.css().toLowerCase(java.util.Locale.ROOT).matches("(?s).*@import(?![-_a-z0-9]).*"), r.css());
        assertTrue(r.css().contains(".a{color:red}"), r.css());
        assertTrue(RemoteReferences.in("<style>" + r.css() + "</style>").isEmpty(), r.css());
    }
}
