package org.pixelproof.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The complainant's details for the dossiers (issue 4, item 1), given with the {@code --complainant-*} options or a
 * {@code --complainant FILE} in YAML, and passed to the dossiers as they are: nothing else about the complainant is
 * invented. Every field may be {@code null}.
 *
 * <p>YAML keys: {@code name}, {@code postalAddress}, {@code email}, {@code addressGivenHow} (how the address was given
 * to the sender, e.g. "account created on the web shop"), {@code addressGivenOn} (a date, {@code 2024-03-01}),
 * {@code consentAsked} ({@code true}/{@code false}: whether the sender ever asked for consent to tracking),
 * {@code priorRequestOn} (date of an earlier request to the sender) and {@code priorRequest} (its content). Unknown
 * keys are an error, so that a typo does not silently drop a fact.
 *
 * @param name             full name
 * @param postalAddress    postal address
 * @param email            e-mail address
 * @param addressGivenHow  how the address was given to the sender
 * @param addressGivenOn   when it was given
 * @param consentAsked     whether the sender ever asked for consent to tracking
 * @param priorRequestOn   date of an earlier request to the sender
 * @param priorRequest     content of that request
 */
record Complainant(
        @JsonProperty("name") String name,
        @JsonProperty("postalAddress") String postalAddress,
        @JsonProperty("email") String email,
        @JsonProperty("addressGivenHow") String addressGivenHow,
        @JsonProperty("addressGivenOn") LocalDate addressGivenOn,
        @JsonProperty("consentAsked") Boolean consentAsked,
        @JsonProperty("priorRequestOn") LocalDate priorRequestOn,
        @JsonProperty("priorRequest") String priorRequest) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final Complainant NONE = new Complainant(null, null, null, null, null, null, null, null);

    boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * Reads a complainant file.
     *
     * @throws IllegalArgumentException with a message naming the file (and the line, for a syntax error)
     */
    static Complainant read(Path file) {
        try {
            Complainant c = YAML.readValue(file.toFile(), Complainant.class);
            return c == null ? NONE : c;
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("--complainant " + file + ": unknown key '" + e.getPropertyName()
                    + "'; known keys: name, postalAddress, email, "
                    + "addressGivenHow, addressGivenOn, consentAsked, priorRequestOn, priorRequest");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("--complainant " + file + ": not valid YAML (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("--complainant " + file + ": cannot be read ("
                    + InputWalker.reason(e) + ")");
        }
    }

    /** @return this complainant with the non-null fields of {@code override} replacing its own. */
    Complainant with(Complainant override) {
        return new Complainant(
                override.name != null ? override.name : name,
                override.postalAddress != null ? override.postalAddress : postalAddress,
                override.email != null ? override.email : email,
                override.addressGivenHow != null ? override.addressGivenHow : addressGivenHow,
                override.addressGivenOn != null ? override.addressGivenOn : addressGivenOn,
                override.consentAsked != null ? override.consentAsked : consentAsked,
                override.priorRequestOn != null ? override.priorRequestOn : priorRequestOn,
                override.priorRequest != null ? override.priorRequest : priorRequest);
    }
}
