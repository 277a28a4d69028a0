package org.pixelproof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The summary's first sentence reads naturally for 0, 1 and many e-mails (new-user report 18, item 14). */
class SummaryHeadlineTest {

    @Test
    void noEmailAtAll() {
        assertEquals("No e-mails were analysed.", SummarySink.headline(0, 0, 0, 0));
    }

    @Test
    void emailsWithoutTrackers() {
        assertEquals("Analysed 1 e-mail: no tracker found.", SummarySink.headline(1, 0, 0, 0));
        assertEquals("Analysed 3 e-mails: none with trackers.", SummarySink.headline(3, 0, 0, 0));
    }

    @Test
    void oneTrackedEmail() {
        assertEquals("Analysed 1 e-mail: it has trackers, without visible consent markers; its tracker URLs do not"
                + " carry the recipient's address.", SummarySink.headline(1, 1, 1, 0));
        assertEquals("Analysed 1 e-mail: it has trackers, with visible consent markers; a tracker URL carries the"
                + " recipient's address (plain, encoded or hashed).", SummarySink.headline(1, 1, 0, 1));
        assertEquals("Analysed 2 e-mails: 1 with trackers, without visible consent markers; its tracker URLs do not"
                + " carry the recipient's address.", SummarySink.headline(2, 1, 1, 0));
        assertEquals("Analysed 2 e-mails: 1 with trackers, without visible consent markers; in 1 e-mail, a tracker URL"
                + " carries the recipient's address (plain, encoded or hashed).", SummarySink.headline(2, 1, 1, 1));
    }

    @Test
    void manyEmails() {
        assertEquals("Analysed 144 e-mails: 101 with trackers, 98 of them without visible consent markers; in 12"
                + " e-mails, a tracker URL carries the recipient's address (plain, encoded or hashed).",
                SummarySink.headline(144, 101, 98, 12));
        assertEquals("Analysed 1,035 e-mails: 1,035 with trackers, all without visible consent markers; no tracker"
                + " URL carries the recipient's address.", SummarySink.headline(1035, 1035, 1035, 0));
        assertEquals("Analysed 5 e-mails: 4 with trackers, all with visible consent markers; in 1 e-mail, a tracker"
                + " URL carries the recipient's address (plain, encoded or hashed).",
                SummarySink.headline(5, 4, 0, 1));
    }
}
