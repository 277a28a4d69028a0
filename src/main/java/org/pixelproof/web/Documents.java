package org.pixelproof.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
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
import org.pixelproof.preview.SafePreview;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.store.AnalysisStore;
import org.pixelproof.store.StoredAnalysis;

/**
 * The documents made from a stored analysis: the dossier PDF and the letters ({@code dossier}, {@code pdf}), the
 * safe preview and the cleaned copies ({@code preview}). Each is made from the original bytes read back from the store
 * (checked against their SHA-256) and read again by {@code ingest}: the dossier attests exactly the stored file.
 * PDFs are cached in the store per kind and language, and dropped when the complainant's details change.
 * Thread-safe.
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

    private final SafePreview preview = new SafePreview();
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
            byte[] bytes = pdf.dossier(dossier(stored, lang));
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
            byte[] bytes = pdf.letter(dossier(stored, lang), letter);
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
        return preview.render(read(stored), a.trackers(), a.links()).htmlDocument();
    }

    /** @return the message without its trackers, as an {@code .eml} */
    public byte[] cleanedEml(StoredAnalysis stored) {
        Analysis a = stored.analysis();
        return cleaned.eml(read(stored), a.trackers(), a.links());
    }

    /** @return the message without its trackers, as a standalone HTML page */
    public String cleanedHtml(StoredAnalysis stored, String lang) {
        Analysis a = stored.analysis();
        return cleaned.html(read(stored), a.trackers(), a.links());
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
        return new DossierBuilder(rules, clock, preview).build(List.of(email), complainant, Language.fromCode(lang));
    }

    /**
     * @param stored  the analysis the details are for
     * @param details the dossier form's fields
     * @return what is wrong with the dates given (in the future, an answer before its request), empty when they are plausible ({@link ComplainantCheck})
     */
    public List<ComplainantCheck.Problem> check(StoredAnalysis stored, ComplainantDetails details) {
        return ComplainantCheck.check(toComplainant(details), LocalDate.now(clock.withZone(DossierBuilder.ZONE)));
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
                d.addressGivenOn() == null ? null : date(d.addressGivenOn()), period,
                "yes".equals(d.addressNeverGiven()) ? Boolean.TRUE : null, objectToMarketing);
    }

    private static LocalDate date(String iso) {
        return iso.isEmpty() ? null : LocalDate.parse(iso);
    }
}
