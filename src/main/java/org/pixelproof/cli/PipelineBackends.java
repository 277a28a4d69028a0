package org.pixelproof.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisOptions;
import org.pixelproof.analysis.Analyzer;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.authenticity.AuthenticityChecker;
import org.pixelproof.dossier.CaseEmail;
import org.pixelproof.dossier.Complainant;
import org.pixelproof.dossier.ComplainantCheck;
import org.pixelproof.dossier.DossierBuilder;
import org.pixelproof.dossier.Language;
import org.pixelproof.ingest.EmailParser;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.OutlookMsgReader;
import org.pixelproof.pdf.DossierPdf;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.RuleSetLoader;

/**
 * The production {@link Backends}: {@link Analyzer} over the rule set shipped in the jar, {@code ingest}'s mbox and
 * Outlook readers, and the dossier builder with its PDF renderer. The rule set is loaded once per run and shared.
 */
final class PipelineBackends implements Backends {
    private RuleSet rules;

    private synchronized RuleSet rules() {
        if (rules == null) {
            rules = RuleSetLoader.loadDefault();
        }
        return rules;
    }

    @Override
    public Engine engine(EngineSettings s) {
        AuthenticityChecker checker;
        try {
            checker = s.dkimLookup() || s.dkimZoneFile() != null
                    ? AuthenticityChecker.create(s.dkimLookup(), s.dkimZoneFile())
                    : AuthenticityChecker.offline();
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("--dkim-zone-file " + s.dkimZoneFile() + ": cannot be used ("
                    + InputWalker.reason(e.getCause()) + ")");
        }
        Analyzer analyzer = new Analyzer(rules(), s.limits(), checker, Clock.systemUTC());
        AnalysisOptions options = new AnalysisOptions(s.recipients(), null);
        OutlookMsgReader outlook = new OutlookMsgReader(new EmailParser(s.limits()));
        return new Engine() {
            @Override
            public Analysis analyze(byte[] raw, String name) throws UnanalysableInputException {
                return analyzer.analyze(raw, name, options);
            }

            @Override
            public Analysis analyzeOutlookMsg(byte[] msg, String name) throws UnanalysableInputException {
                return analyzer.analyzeRead(outlook.read(msg, name), options);
            }
        };
    }

    @Override
    public MailboxFormats mailboxFormats() {
        return new IngestMailboxFormats();
    }

    @Override
    public DossierRenderer dossiers(DossierSettings s) {
        DossierBuilder builder = new DossierBuilder(rules(), Clock.systemUTC());
        DossierPdf pdf = DossierPdf.standard();
        EmailParser parser = new EmailParser(s.limits());
        OutlookMsgReader outlook = new OutlookMsgReader(parser);
        Language language = Language.fromCode(s.language());
        Complainant complainant = s.complainant() == null ? Complainant.UNKNOWN : s.complainant();
        return items -> {
            List<CaseEmail> emails = new ArrayList<>(items.size());
            for (DossierRenderer.Item item : items) {
                String name = item.analysis().file();
                emails.add(new CaseEmail(item.analysis(), item.raw(), item.outlook()
                        ? outlook.read(item.raw(), name) : parser.parse(item.raw(), name)));
            }
            List<ComplainantCheck.Problem> problems = ComplainantCheck.check(complainant,
                    LocalDate.now(DossierBuilder.ZONE));
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("--complainant: " + problems.stream()
                        .map(p -> p.field() + ": " + p.messageEn()).collect(Collectors.joining("; ")));
            }
            return pdf.dossier(builder.build(emails, complainant, language));
        };
    }
}
