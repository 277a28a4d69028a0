package org.pixelproof.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.dossier.AddressPeriod;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.dossier.Complainant;
import org.pixelproof.dossier.ComplainantCheck;
import org.pixelproof.dossier.ConsentAsked;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierBuilder;
import org.pixelproof.dossier.DossierTemplates;
import org.pixelproof.dossier.Language;
import org.pixelproof.dossier.LetterKind;
import org.pixelproof.dossier.PriorRequest;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.pdf.DossierPdf;
import org.pixelproof.preview.CleanedCopy;
import org.pixelproof.preview.PreviewLimits;
import org.pixelproof.preview.SafePreview;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.store.AnalysisStore;
import org.pixelproof.store.StoredAnalysis;

/**
 * The documents made from a stored analysis: the dossier PDF and the letters ({@code dossier}, {@code pdf}), the
 * safe preview and the cleaned copies ({@code preview}). Each is made from the original bytes read back from the store
 * (checked against their SHA-256) and read again by {@code ingest}: the dossier attests exactly the stored file.
 * PDFs are cached in the store per kind and language, and dropped when the complainant's details change. Making a
 * PDF, the preview or a cleaned copy takes a turn of {@link HeavyWork} (a {@link ServerBusyException} when none comes
 * in time), on the request's thread and with no time limit: unlike the analysis, these cannot be interrupted, and they
 * are bounded by the input and preview limits (see {@link HeavyWork} for the reasons). Thread-safe.
 */
@ApplicationScoped
public class Documents {

    @Inject
    Analyses analyses;

    @Inject
    AnalysisStore store;

    @Inject
    Pipeline pipeline;

    @Inject
    RuleSet rules;

    @Inject
    Clock clock;

    @Inject
    HeavyWork heavy;

    private final SafePreview preview = new SafePreview();
    /** The dossier's annex is laid out in memory by the PDF renderer: it gets the tighter limits. */
    private final SafePreview annexPreview = new SafePreview(PreviewLimits.ANNEX, false);
    private final CleanedCopy cleaned = new CleanedCopy();
    private final DossierTemplates templates = DossierTemplates.standard();
    private final DossierPdf pdf = new DossierPdf(templates, new org.pixelproof.pdf.PdfRenderer());

    /**
     * @param stored an analysis
     * @param lang   {@code fr} or {@code en}
     * @return the dossier PDF, in the complainant's name when they gave their details
     */
    public byte[] dossierPdf(StoredAnalysis stored, String lang) {
        String id = stored.analysis().id();
        return store.document(id, "dossier", lang).orElseGet(() -> {
            byte[] bytes = heavy.run(() -> pdf.dossier(dossier(stored, lang)));
            store.saveDocument(id, "dossier", lang, bytes);
            return bytes;
        });
    }

    /** @return one letter as plain text (UTF-8) */
    public String letterText(StoredAnalysis stored, LetterKind letter, String lang) {
        return templates.letterText(dossier(stored, lang), letter);
    }

    /** @return one letter as PDF */
    public byte[] letterPdf(StoredAnalysis stored, LetterKind letter, String lang) {
        String id = stored.analysis().id();
        String kind = "letter-" + letter.slug();
        return store.document(id, kind, lang).orElseGet(() -> {
            byte[] bytes = heavy.run(() -> pdf.letter(dossier(stored, lang), letter));
            store.saveDocument(id, kind, lang, bytes);
            return bytes;
        });
    }

    /**
     * @return the safe preview of the message: a complete HTML document where every remote reference is replaced by a
     *         marked placeholder and nothing active remains
     */
    public String safePreview(StoredAnalysis stored, String lang) {
        Analysis a = stored.analysis();
        return heavy.run(() -> preview.render(read(stored), a.trackers(), a.links()).htmlDocument());
    }

    /** @return the message without its trackers, as an {@code .eml} */
    public byte[] cleanedEml(StoredAnalysis stored) {
        Analysis a = stored.analysis();
        return heavy.run(() -> cleaned.eml(read(stored), a.trackers(), a.links()));
    }

    /** @return the message without its trackers, as a standalone HTML page */
    public String cleanedHtml(StoredAnalysis stored, String lang) {
        Analysis a = stored.analysis();
        return heavy.run(() -> cleaned.html(read(stored), a.trackers(), a.links()));
    }

    private byte[] original(StoredAnalysis stored) {
        return analyses.original(stored.analysis().id()).orElseThrow(NotFoundException::new);
    }

    private ReceivedEmail read(StoredAnalysis stored) {
        return pipeline.read(original(stored), stored.analysis().file());
    }

    private Dossier dossier(StoredAnalysis stored, String lang) {
        Analysis a = stored.analysis();
        byte[] raw = original(stored);
        CaseEmail email = new CaseEmail(a, raw, pipeline.read(raw, a.file()));
        Complainant complainant = analyses.complainant(a.id()).map(Documents::toComplainant)
                .orElse(Complainant.UNKNOWN);
        return new DossierBuilder(rules, clock, annexPreview).build(List.of(email), complainant, Language.fromCode(lang));
    }

    /**
     * @param stored  the analysis the details are for
     * @param details the dossier form's fields
     * @return what is wrong with the dates given, in the order of the form's fields: a date field that is not an ISO
     *         {@code yyyy-MM-dd} date ({@code 2024-02-30}, {@code 30/02/2024}, {@code hier}), a date in the future, an
     *         answer before its request ({@link ComplainantCheck}); empty when they are plausible
     */
    public List<ComplainantCheck.Problem> check(StoredAnalysis stored, ComplainantDetails details) {
        List<ComplainantCheck.Problem> problems = new ArrayList<>();
        invalid(problems, ComplainantCheck.ADDRESS_GIVEN_ON, details.addressGivenOn());
        invalid(problems, ComplainantCheck.REQUEST_SENT_ON, details.earlierRequestDate());
        invalid(problems, ComplainantCheck.ANSWERED_ON, details.answerDate());
        problems.addAll(ComplainantCheck.check(toComplainant(details),
                LocalDate.now(clock.withZone(DossierBuilder.ZONE))));
        problems.sort(Comparator.comparingInt(p -> FORM_ORDER.indexOf(p.field())));
        return problems;
    }

    /**
     * @param stored   a stored analysis
     * @param details  the complainant's saved details
     * @param language the page's language
     * @return what the details state that the message contradicts ({@link ComplainantCheck#pointsToCheck}), worded in
     *         {@code language}; empty when nothing does. These do not stop the dossier.
     */
    public List<String> pointsToCheck(StoredAnalysis stored, ComplainantDetails details, Language language) {
        return ComplainantCheck.pointsToCheck(toComplainant(details), List.of(stored.analysis())).stream()
                .map(p -> p.message(language)).toList();
    }

    /** The complainant's fields in the order of the dossier form, for its list of problems. */
    private static final List<String> FORM_ORDER = List.of(ComplainantCheck.ADDRESS_GIVEN_WHEN,
            ComplainantCheck.ADDRESS_GIVEN_ON, ComplainantCheck.REQUEST_SENT_ON, ComplainantCheck.ANSWERED_ON);

    private static void invalid(List<ComplainantCheck.Problem> problems, String field, String typed) {
        if (typed != null && !typed.isBlank() && ComplainantCheck.isoDate(typed) == null) {
            problems.add(ComplainantCheck.invalidDate(field, typed));
        }
    }

    /** @return the dossier's complainant from the form's fields; blank fields stay "to be completed". */
    static Complainant toComplainant(ComplainantDetails d) {
        ConsentAsked consent = switch (d.askedConsent()) {
            case "yes" -> ConsentAsked.YES;
            case "no" -> ConsentAsked.NO;
            case "dont-know" -> ConsentAsked.DONT_KNOW;
            default -> null;
        };
        PriorRequest prior = null;
        if (!d.earlierRequestDate().isEmpty() || !d.earlierRequestContent().isEmpty() || !d.answerDate().isEmpty()
                || !d.answerContent().isEmpty()) {
            prior = new PriorRequest(date(d.earlierRequestDate()), d.earlierRequestContent(), date(d.answerDate()),
                    d.answerContent());
        }
        Boolean mandate = switch (d.mandate()) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> null;
        };
        AddressPeriod period = switch (d.addressPeriod() == null ? "" : d.addressPeriod()) {
            case "before" -> AddressPeriod.BEFORE_RECOMMENDATION;
            case "after" -> AddressPeriod.AFTER_RECOMMENDATION;
            default -> null;
        };
        Boolean objectToMarketing = switch (d.marketing() == null ? "" : d.marketing()) {
            case "object" -> Boolean.TRUE;
            case "keep" -> Boolean.FALSE;
            default -> null;
        };
        return new Complainant(d.name(), d.postalAddress(), d.email(), d.howAddressGiven(), d.whenAddressGiven(),
                consent, prior, d.actingFor(), d.actingFor().isEmpty() ? null : mandate,
                date(d.addressGivenOn()), period,
                "yes".equals(d.addressNeverGiven()) ? Boolean.TRUE : null, objectToMarketing);
    }

    /** @return the day of an ISO date field, {@code null} when blank or not a date (see {@link #check}). */
    private static LocalDate date(String iso) {
        return ComplainantCheck.isoDate(iso);
    }
}
