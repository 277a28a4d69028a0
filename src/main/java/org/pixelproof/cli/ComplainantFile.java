package org.pixelproof.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pixelproof.dossier.AddressPeriod;
import org.pixelproof.dossier.Complainant;
import org.pixelproof.dossier.ComplainantCheck;
import org.pixelproof.dossier.ConsentAsked;
import org.pixelproof.dossier.DossierBuilder;
import org.pixelproof.dossier.PriorRequest;

/**
 * Reads the complainant's details for the dossiers (issue 4, item 1) from the {@code --complainant FILE} YAML and the
 * {@code --complainant-*} options, which override the file. They are passed to the dossiers as given: nothing about
 * the complainant is invented.
 *
 * <p>YAML keys (all optional), those of {@link Complainant}: {@code name}, {@code postalAddress} (lines separated by
 * line breaks), {@code email}, {@code addressGivenHow}, {@code addressGivenWhen} (in the complainant's words; an
 * impossible ISO-looking date such as {@code 2024-13-45} is refused),
 * {@code addressGivenOn} (the exact date, {@code 2026-05-03}; a value that is not such a date is refused, naming the
 * field), {@code addressGivenPeriod} ({@code before} or
 * {@code after} the CNIL recommendation of 14 April 2026, when only that is known), {@code addressNeverGiven}
 * ({@code true} when they never gave their address to the sender), {@code consentAsked} ({@code yes}, {@code no} or
 * {@code dont_know}), {@code priorRequest} with {@code sentOn}, {@code content}, {@code answeredOn} and
 * {@code answer} (dates as {@code 2025-11-02}), {@code actingFor} and {@code mandate} ({@code true}/{@code false}),
 * {@code objectToMarketing} ({@code true}: the DPO letter objects to direct marketing; {@code false}: it asks to keep
 * the e-mails without tracking; absent: the letter leaves both options to choose). An unknown key is an error, so
 * that a typo does not silently drop a fact.
 */
final class ComplainantFile {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ComplainantFile() {
    }

    /**
     * @param file    the YAML file, or {@code null}
     * @param name    {@code --complainant-name}, or {@code null}
     * @param address {@code --complainant-address}, or {@code null}
     * @param email   {@code --complainant-email}, or {@code null}
     * @return the complainant, {@link Complainant#UNKNOWN} when nothing was given
     * @throws IllegalArgumentException with a message for the user when the file cannot be read, or when a date in it
     *                                  cannot be right (not a {@code yyyy-MM-dd} date, in the future, an answer before
     *                                  its request, an impossible ISO date in {@code addressGivenWhen}:
     *                                  {@link ComplainantCheck}); the message names the field
     */
    static Complainant read(Path file, String name, String address, String email) {
        Complainant c = file == null ? Complainant.UNKNOWN : parse(file);
        List<ComplainantCheck.Problem> problems = ComplainantCheck.check(c,
                java.time.LocalDate.now(DossierBuilder.ZONE));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream()
                    .map(p -> "--complainant " + file + ": " + p.field() + ": " + p.messageEn())
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        return new Complainant(name != null ? name : c.name(), address != null ? address : c.postalAddress(),
                email != null ? email : c.email(), c.addressGivenHow(), c.addressGivenWhen(), c.consentAsked(),
                c.priorRequest(), c.actingFor(), c.mandate(), c.addressGivenOn(), c.addressGivenPeriod(),
                c.addressNeverGiven(), c.objectToMarketing());
    }

    /** The file's shape: the complainant's fields, with the period written {@code before} or {@code after}. */
    private record Yaml(String name, String postalAddress, String email, String addressGivenHow,
            String addressGivenWhen, java.time.LocalDate addressGivenOn, Period addressGivenPeriod,
            Boolean addressNeverGiven, ConsentAsked consentAsked, PriorRequest priorRequest, String actingFor,
            Boolean mandate, Boolean objectToMarketing) {
        Complainant complainant() {
            return new Complainant(name, postalAddress, email, addressGivenHow, addressGivenWhen, consentAsked,
                    priorRequest, actingFor, mandate, addressGivenOn,
                    addressGivenPeriod == null ? null : addressGivenPeriod.period, addressNeverGiven,
                    objectToMarketing);
        }
    }

    /** {@code addressGivenPeriod} in the file: before or after the CNIL recommendation of 14 April 2026. */
    private enum Period {
        BEFORE(AddressPeriod.BEFORE_RECOMMENDATION), AFTER(AddressPeriod.AFTER_RECOMMENDATION);

        final AddressPeriod period;

        Period(AddressPeriod period) {
            this.period = period;
        }
    }

    private static Complainant parse(Path file) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = YAML.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return Complainant.UNKNOWN;
            }
            if (tree.get("consentAsked") != null && tree.get("consentAsked").isBoolean()) {
                // YAML 1.1 reads an unquoted yes/no as a boolean
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("consentAsked",
                        tree.get("consentAsked").booleanValue() ? "YES" : "NO");
            }
            List<ComplainantCheck.Problem> invalid = new ArrayList<>();
            invalidDate(tree, "addressGivenOn", ComplainantCheck.ADDRESS_GIVEN_ON, invalid);
            com.fasterxml.jackson.databind.JsonNode prior = tree.get("priorRequest");
            if (prior != null && prior.isObject()) {
                invalidDate(prior, "sentOn", ComplainantCheck.REQUEST_SENT_ON, invalid);
                invalidDate(prior, "answeredOn", ComplainantCheck.ANSWERED_ON, invalid);
            }
            if (!invalid.isEmpty()) {
                throw new IllegalArgumentException(invalid.stream()
                        .map(p -> "--complainant " + file + ": " + p.field() + ": " + p.messageEn())
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
            return YAML.treeToValue(tree, Yaml.class).complainant();
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("--complainant " + file + ": unknown key '" + e.getPropertyName()
                    + "'; known keys: name, postalAddress, email, addressGivenHow, addressGivenWhen, addressGivenOn, "
                    + "addressGivenPeriod (before|after), addressNeverGiven, consentAsked, priorRequest (sentOn, "
                    + "content, answeredOn, answer), actingFor, mandate, objectToMarketing");
        } catch (InvalidFormatException e) {
            throw new IllegalArgumentException("--complainant " + file + ": '" + e.getValue() + "' is not a valid "
                    + path(e) + (e.getTargetType() != null && e.getTargetType().isEnum()
                            ? (e.getTargetType() == Period.class ? " (expected before or after)"
                                    : " (expected yes, no or dont_know)")
                            : e.getTargetType() == Boolean.class || e.getTargetType() == boolean.class
                                    ? " (expected true or false)" : ""));
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new IllegalArgumentException("--complainant " + file + ": wrong kind of value for " + path(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("--complainant " + file + ": not valid YAML"
                    + (e.getLocation() == null ? "" : " (near line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("--complainant " + file + ": cannot be read ("
                    + InputWalker.reason(e) + ")");
        }
    }

    /**
     * Adds the problem of {@code parent.key} when it is given but is not an ISO {@code yyyy-MM-dd} date: a string such
     * as {@code 2024-02-30}, {@code 30/02/2024} or {@code hier}, or a number or boolean (which Jackson would otherwise
     * read as a count of days since 1970). A YAML date written {@code 2024-03-05}, quoted or not, is a date. Absent,
     * null or blank is "not known".
     */
    private static void invalidDate(com.fasterxml.jackson.databind.JsonNode parent, String key, String field,
            List<ComplainantCheck.Problem> out) {
        com.fasterxml.jackson.databind.JsonNode node = parent.get(key);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return; // a list or a map is "wrong kind of value", from Jackson
        }
        String text = node.asText();
        if (node.isTextual() && text.isBlank()) {
            return;
        }
        if (!node.isTextual() || ComplainantCheck.isoDate(text) == null) {
            out.add(ComplainantCheck.invalidDate(field, text));
        }
    }

    private static String path(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        e.getPath().forEach(r -> sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName()));
        return sb.length() == 0 ? "value" : sb.toString();
    }
}
