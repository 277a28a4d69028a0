package org.pixelproof.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pixelproof.analysis.Analysis;

/**
 * The storage tests, run against every database PixelProof supports: subclasses give a data source on an empty
 * schema. Uses the real Flyway migrations and a movable clock.
 */
abstract class AnalysisStoreContract {
    /** Every table of the schema, to prove that nothing remains. */
    static final List<String> TABLES = List.of("analysis", "original_message", "complainant", "generated_document");

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** A clock the tests move forward. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-02T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    MutableClock clock;
    AnalysisStore store;
    DataSource ds;

    /** @return a data source on an empty database (dropped or fresh). */
    abstract DataSource dataSource() throws Exception;

    @BeforeEach
    void migrate() throws Exception {
        ds = dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        clock = new MutableClock();
        store = new AnalysisStore(ds, JSON, clock, Duration.ofDays(30));
    }

    Analysis saveOne(String subject) {
        byte[] raw = TestAnalyses.message(subject);
        Analysis a = TestAnalyses.analysisOf(raw, subject, clock.instant());
        store.save(a, raw);
        return a;
    }

    @Test
    void roundTripKeepsTheAnalysisAndTheBytes() {
        byte[] raw = TestAnalyses.message("Soldes d'hiver");
        Analysis a = TestAnalyses.analysisOf(raw, "Soldes d'hiver", clock.instant());
        Instant expires = store.save(a, raw);
        assertEquals(clock.instant().plus(Duration.ofDays(30)), expires);
        StoredAnalysis back = store.record(a.id()).orElseThrow();
        assertEquals(a, back.analysis(), "the analysis comes back equal, field by field");
        assertEquals(expires, back.expiresAt());
        assertArrayEquals(raw, store.original(a.id()).orElseThrow());
    }

    @Test
    void unknownAndMalformedIdsAreAbsent() {
        saveOne("x");
        assertTrue(store.find("AAAAAAAAAAAAAAAAAAAAAA").isEmpty());
        assertTrue(store.find("../../etc/passwd").isEmpty());
        assertTrue(store.find(null).isEmpty());
        assertTrue(store.original("' OR 1=1 --").isEmpty());
        assertFalse(store.delete("short"));
    }

    @Test
    void bytesThatDoNotMatchTheAnalysisAreRefused() {
        byte[] raw = TestAnalyses.message("a");
        Analysis a = TestAnalyses.analysisOf(raw, "a", clock.instant());
        assertThrows(IllegalArgumentException.class, () -> store.save(a, TestAnalyses.message("b")));
        assertTrue(store.find(a.id()).isEmpty());
    }

    @Test
    void aCorruptedOriginalIsDetectedAndNeverServed() throws SQLException {
        Analysis a = saveOne("corrupt me");
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE original_message SET content = ? WHERE analysis_id = ?")) {
            byte[] tampered = TestAnalyses.message("corrupt mE");
            ps.setBytes(1, tampered);
            ps.setString(2, a.id());
            assertEquals(1, ps.executeUpdate());
        }
        IntegrityException e = assertThrows(IntegrityException.class, () -> store.original(a.id()));
        assertFalse(e.getMessage().contains("corrupt"), "the error does not quote the content");
    }

    @Test
    void aTamperedStoredDigestIsDetectedToo() throws SQLException {
        Analysis a = saveOne("digest");
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE original_message SET sha256 = ? WHERE analysis_id = ?")) {
            ps.setString(1, "0".repeat(64));
            ps.setString(2, a.id());
            ps.executeUpdate();
        }
        assertThrows(IntegrityException.class, () -> store.original(a.id()));
    }

    @Test
    void deleteLeavesNothingInAnyTable() throws SQLException {
        Analysis a = saveOne("to erase");
        Analysis other = saveOne("to keep");
        assertTrue(store.saveComplainant(a.id(), Map.of("name", "Alice Martin", "postalAddress", "1 rue X")));
        store.saveDocument(a.id(), "dossier", "fr", new byte[] {1, 2, 3});
        store.saveDocument(a.id(), "letter-dpo", "en", new byte[] {4});
        assertTrue(countRowsOf(a.id()) > 0);

        assertTrue(store.delete(a.id()));

        assertEquals(0, countRowsOf(a.id()), "no row of any table mentions the erased analysis");
        assertTrue(store.find(a.id()).isEmpty());
        assertTrue(store.original(a.id()).isEmpty());
        assertTrue(store.complainant(a.id(), Map.class).isEmpty());
        assertTrue(store.document(a.id(), "dossier", "fr").isEmpty());
        assertFalse(store.delete(a.id()), "a second delete finds nothing");
        assertTrue(store.find(other.id()).isPresent(), "the other analysis is untouched");
        assertTrue(store.original(other.id()).isPresent());
    }

    @Test
    void complainantDetailsRoundTripAndDropCachedDocuments() {
        Analysis a = saveOne("complainant");
        store.saveDocument(a.id(), "dossier", "fr", new byte[] {9});
        assertTrue(store.saveComplainant(a.id(), Map.of("name", "Alice")));
        assertTrue(store.document(a.id(), "dossier", "fr").isEmpty(), "documents naming old details are dropped");
        assertEquals("Alice", store.complainant(a.id(), Map.class).orElseThrow().get("name"));
        assertTrue(store.saveComplainant(a.id(), Map.of("name", "Alice B.")));
        assertEquals("Alice B.", store.complainant(a.id(), Map.class).orElseThrow().get("name"));
        assertFalse(store.saveComplainant("AAAAAAAAAAAAAAAAAAAAAA", Map.of("name", "x")));
    }

    @Test
    void expiredAnalysesAreHiddenAtOnceAndPurgedWithEverything() throws SQLException {
        Analysis old = saveOne("old");
        store.saveComplainant(old.id(), Map.of("name", "Bob"));
        store.saveDocument(old.id(), "dossier", "fr", new byte[] {1});
        clock.now = clock.now.plus(Duration.ofDays(20));
        Analysis recent = saveOne("recent");

        clock.now = clock.now.plus(Duration.ofDays(10)).plusSeconds(1);
        assertTrue(store.find(old.id()).isEmpty(), "past its retention, an analysis is no longer served");
        assertTrue(store.original(old.id()).isEmpty());
        assertTrue(store.complainant(old.id(), Map.class).isEmpty());
        assertTrue(store.find(recent.id()).isPresent());

        assertEquals(1, store.purgeExpired());
        assertEquals(0, countRowsOf(old.id()));
        assertEquals(1, store.count());
        assertEquals(0, store.purgeExpired(), "nothing more to purge");

        clock.now = clock.now.plus(Duration.ofDays(30));
        assertEquals(1, store.purgeExpired());
        assertEquals(0, store.count());
    }

    @Test
    void aStoreOnTheSameDatabaseSeesWhatAnotherStored() {
        Analysis a = saveOne("persisted");
        AnalysisStore second = new AnalysisStore(ds, JSON, clock, Duration.ofDays(30));
        assertEquals(a, second.find(a.id()).orElseThrow());
    }

    /** @return how many rows of all tables belong to {@code id}. */
    long countRowsOf(String id) throws SQLException {
        long n = 0;
        try (Connection c = ds.getConnection()) {
            for (String table : TABLES) {
                String column = table.equals("analysis") ? "id" : "analysis_id";
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n += rs.getLong(1);
                    }
                }
            }
        }
        return n;
    }
}
