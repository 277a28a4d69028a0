package org.pixelproof.web;

import java.util.List;
import java.util.stream.Collectors;
import org.pixelproof.dossier.ComplainantCheck;
import org.pixelproof.dossier.Language;

/**
 * What is wrong with a refused dossier form, each problem tied to the form field it is about, so that the page lists
 * them above the form (each linking to its field) and shows each one next to its field. Immutable.
 *
 * @param items the problems, in the order of the form's fields; empty when there is none
 */
public record FormProblems(List<Item> items) {

    /** No problem: the form as first shown. */
    public static final FormProblems NONE = new FormProblems(List.of());

    /**
     * One problem.
     *
     * @param field   the {@code name} and {@code id} of the form field it is about, e.g. {@code answerDate}
     * @param message what is wrong and what to do, in the page's language
     */
    public record Item(String field, String message) {
    }

    public FormProblems {
        items = List.copyOf(items);
    }

    /**
     * @param problems the problems found by {@link Documents#check}
     * @param language the page's language
     * @return them, tied to the dossier form's fields
     */
    static FormProblems of(List<ComplainantCheck.Problem> problems, Language language) {
        return new FormProblems(problems.stream().map(p -> new Item(formField(p.field()), p.message(language)))
                .toList());
    }

    /**
     * @param field a field name of {@link ComplainantCheck} (as in the command line's YAML)
     * @return the name of the dossier form's field for it ({@link ComplainantDetails}), e.g. {@code answerDate} for
     *         {@code priorRequest.answeredOn}
     * @throws IllegalArgumentException for a field the form does not have
     */
    static String formField(String field) {
        return switch (field) {
            case ComplainantCheck.ADDRESS_GIVEN_WHEN -> "whenAddressGiven";
            case ComplainantCheck.ADDRESS_GIVEN_ON -> "addressGivenOn";
            case ComplainantCheck.REQUEST_SENT_ON -> "earlierRequestDate";
            case ComplainantCheck.ANSWERED_ON -> "answerDate";
            default -> throw new IllegalArgumentException("no such form field: " + field);
        };
    }

    /** @return true when there is at least one problem */
    public boolean any() {
        return !items.isEmpty();
    }

    /**
     * @param field the {@code name} of a form field
     * @return the messages about that field, separated by a space, or an empty string when there is none
     */
    public String at(String field) {
        return items.stream().filter(i -> i.field().equals(field)).map(Item::message)
                .collect(Collectors.joining(" "));
    }
}
