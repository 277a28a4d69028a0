package org.pixelproof.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pixelproof.dossier.Complainant;
import org.pixelproof.dossier.ComplainantCheck;
import org.pixelproof.web.Complaints;

/**
 * With {@code --complainant} (or the {@code --complainant-*} options) and a dossier output: says on stderr, once at the
 * end, where the complainant's statements contradict the e-mails that get a dossier
 * ({@link ComplainantCheck#pointsToCheck}: an e-mail address none of them was sent to, an address given after a
 * message was sent). These do not stop the run: the statement may be right (an alias, a forwarded mailbox). One line
 * per kind of contradiction, with how many e-mails show it and the first one, worded in English; printed as warnings,
 * even with {@code --quiet}: they are what must be checked before a dossier is signed and sent. With {@code --sender},
 * only the e-mails of the senders chosen (those that get dossiers) are checked.
 *
 * <p>Used by the writer thread only.
 */
final class ComplainantPointsSink implements OutcomeSink {
    private final Complainant complainant;
    private final Reporter reporter;
    private final SenderSelection selection;
    private long withDossier;
    /** Per code of {@link ComplainantCheck.Problem#code()}: how many e-mails, and the first one's name and message. */
    private final Map<String, Object[]> byCode = new LinkedHashMap<>();

    /**
     * @param complainant the complainant's statements, as read from the command line
     * @param reporter    where the lines go
     */
    ComplainantPointsSink(Complainant complainant, Reporter reporter) {
        this(complainant, reporter, SenderSelection.ALL);
    }

    /**
     * @param complainant the complainant's statements, as read from the command line
     * @param reporter    where the lines go
     * @param selection   the senders that get dossiers ({@code --sender}): the e-mails of the others are not checked
     */
    ComplainantPointsSink(Complainant complainant, Reporter reporter, SenderSelection selection) {
        this.complainant = complainant;
        this.reporter = reporter;
        this.selection = selection;
    }

    @Override
    public void accept(Outcome outcome) {
        if (!outcome.ok() || outcome.duplicate() || !Complaints.possible(outcome.analysis())
                || !selection.test(outcome.analysis())) {
            return;
        }
        withDossier++;
        for (ComplainantCheck.Problem p : ComplainantCheck.pointsToCheck(complainant, List.of(outcome.analysis()))) {
            Object[] seen = byCode.computeIfAbsent(p.code(), c -> new Object[] {0L, outcome.name(), p.messageEn()});
            seen[0] = (Long) seen[0] + 1;
        }
    }

    @Override
    public void finish() {
        for (Object[] seen : byCode.values()) {
            long n = (Long) seen[0];
            reporter.warning("--complainant: to check before sending: " + n + " of the " + withDossier + " e-mail(s) "
                    + "with a dossier contradict what it states; the first, " + Reporter.printable((String) seen[1])
                    + ": " + seen[2]);
        }
    }
}
