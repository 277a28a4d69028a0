package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link IngestLimits#PERMISSIVE} (batch work on trusted mailboxes) reads what the default limits refuse. Not tagged
 * {@code hostile}: those limits (100 MiB messages, 20 MiB bodies) need more than the 256 MiB heap under which the
 * hostile corpus is checked with the default limits, so this runs in the ordinary surefire execution.
 */
class PermissiveLimitsTest {

    @Test
    void thirtyMegabytesIsReadWithinPermissiveLimits() {
        byte[] big = HostileMessages.largeHtml(30 << 20);
        ReceivedEmail read = new EmailParser(IngestLimits.PERMISSIVE, EmailParserTest.CLOCK).parse(big, "30mb.eml");
        assertTrue(read.rejection().isEmpty());
        BodyText body = read.bodies().get(0);
        assertTrue(body.truncated());
        assertEquals(IngestLimits.PERMISSIVE.maxBodyBytes(), body.text().length());
        assertTrue(read.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.BODY_TOO_LARGE));
    }
}
