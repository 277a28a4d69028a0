package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrenchTypographyTest {
    private static final String NB = "\u00A0";
    private static final String NNB = "\u202F";

    @Test
    void punctuationNeverStartsALine() {
        assertEquals("Objet" + NB + ": x" + NNB + "; y" + NNB + "! z" + NNB + "?", FrenchTypography.text(
                "Objet : x ; y ! z ?"));
        assertEquals("«" + NB + "Soldes" + NB + "»", FrenchTypography.text("« Soldes »"));
        // nothing to do where there is no space before the sign: URLs, times, CSS
        assertEquals("https://x.example/a?b=c 03:43 width:1px;", FrenchTypography.text(
                "https://x.example/a?b=c 03:43 width:1px;"));
    }

    @Test
    void inATemplateOnlyTheTextAndTheStringLiteralsChange() {
        String template = "{! note : a comment stays as it is !}<p>Nom : {d.name ?: '[à compléter : nom]'} ;"
                + " {#if x}« {x} »{/if}</p>";
        assertEquals("{! note : a comment stays as it is !}<p>Nom" + NB + ": {d.name ?: '[à compléter" + NB
                + ": nom]'}" + NNB + "; {#if x}«" + NB + "{x}" + NB + "»{/if}</p>", FrenchTypography.template(template));
        // the Elvis operator and the tags themselves are untouched
        assertEquals("{a ?: \"b\"}", FrenchTypography.template("{a ?: \"b\"}"));
        // a brace followed by a space is text for Qute, and for the typography
        assertEquals("@page { x" + NB + ": y }", FrenchTypography.template("@page { x : y }"));
    }
}
