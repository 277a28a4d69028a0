package org.pixelproof.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.AnalysisIds;

/**
 * Keeps analyses, the original bytes of each uploaded message, the complainant's details and generated documents in a
 * relational database (H2 or PostgreSQL, schema in {@code db/migration}, applied by Flyway).
 *
 * <p>Every row belongs to one analysis. {@link #delete(String)} removes all of them; {@link #purgeExpired()} does the
 * same for analyses whose retention has ended. Expired analyses are never returned, even before the purge runs.
 * Original bytes are checked against their SHA-256 on every read: a mismatch raises {@link IntegrityException}, the
 * bytes are never served.
 *
 * <p>Identifiers that are not {@linkplain AnalysisIds#isWellFormed well formed} are treated as unknown (no query is
 * made). Nothing in this class logs the content it stores.
 *
 * <p>Thread-safe: each call takes its own connection from the pool.
 */
public final class AnalysisStore {
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param dataSource a pooled data source whose schema Flyway has migrated
     * @param json       the mapper for {@link Analysis} and the complainant's details (needs Java time support)
     * @param clock      gives creation times and "now" for expiry
     * @param retention  how long an analysis is kept after its creation; positive
     */
    public AnalysisStore(DataSource dataSource, ObjectMapper json, Clock clock, Duration retention) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
    }

    /** @return the retention applied to new analyses. */
    public Duration retention() {
        return retention;
    }

    /**
     * Stores an analysis and the bytes it was made from, in one transaction.
     *
     * @param analysis the analysis; its id must be well formed and new
     * @param original the uploaded bytes; their SHA-256 must equal {@link Analysis#sha256()}
     * @return when the analysis will be purged
     * @throws IllegalArgumentException when the id is malformed or the bytes do not hash to the analysis' SHA-256
     * @throws StoreException           on a database error (a duplicate id included)
     */
    public Instant save(Analysis analysis, byte[] original) {
        if (!AnalysisIds.isWellFormed(analysis.id())) {
            throw new IllegalArgumentException("malformed analysis id");
        }
        String sha = sha256(original);
        if (!sha.equals(analysis.sha256())) {
            throw new IllegalArgumentException("the original bytes do not hash to the analysis' SHA-256");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(retention);
        String body = toJson(analysis);
        inTransaction(c -> {
            try (PreparedStatement a = c.prepareStatement(
                    "INSERT INTO analysis (id, created_at, expires_at, verdict, analysis_json) VALUES (?, ?, ?, ?, ?)")) {
                a.setString(1, analysis.id());
                a.setTimestamp(2, Timestamp.from(now));
                a.setTimestamp(3, Timestamp.from(expires));
                a.setString(4, analysis.verdict().name());
                a.setString(5, body);
                a.executeUpdate();
            }
            try (PreparedStatement o = c.prepareStatement(
                    "INSERT INTO original_message (analysis_id, sha256, size_bytes, content) VALUES (?, ?, ?, ?)")) {
                o.setString(1, analysis.id());
                o.setString(2, sha);
                o.setLong(3, original.length);
                o.setBytes(4, original);
                o.executeUpdate();
            }
            return null;
        });
        return expires;
    }

    /**
     * @param id an analysis id, possibly malformed
     * @return the analysis when it exists and has not expired
     * @throws StoreException on a database error or unreadable JSON
     */
    public Optional<Analysis> find(String id) {
        return record(id).map(StoredAnalysis::analysis);
    }

    /**
     * @param id an analysis id, possibly malformed
     * @return the analysis with its creation and expiry times, when it exists and has not expired
     */
    public Optional<StoredAnalysis> record(String id) {
        if (!AnalysisIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return query("SELECT created_at, expires_at, analysis_json FROM analysis WHERE id = ? AND expires_at > ?",
                ps -> {
                    ps.setString(1, id);
                    ps.setTimestamp(2, Timestamp.from(clock.instant()));
                }, rs -> new StoredAnalysis(fromJson(rs.getString(3), Analysis.class), rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2).toInstant()));
    }

    /**
     * Reads the original bytes back and checks them against the SHA-256 stored with them and the one of the analysis.
     *
     * @param id an analysis id, possibly malformed
     * @return the bytes, when the analysis exists and has not expired
     * @throws IntegrityException when the bytes no longer hash to the stored SHA-256 (they are not returned)
     * @throws StoreException     on a database error
     */
    public Optional<byte[]> original(String id) {
        if (!AnalysisIds.isWellFormed(id)) {
            return Optional.empty();
        }
        Optional<Object[]> row = query("SELECT o.sha256, o.size_bytes, o.content, a.analysis_json FROM original_message o"
                + " JOIN analysis a ON a.id = o.analysis_id WHERE o.analysis_id = ? AND a.expires_at > ?", ps -> {
                    ps.setString(1, id);
                    ps.setTimestamp(2, Timestamp.from(clock.instant()));
                }, rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getString(4)});
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String storedSha = ((String) row.get()[0]).trim();
        long size = (Long) row.get()[1];
        byte[] content = (byte[]) row.get()[2];
        String analysisSha = fromJson((String) row.get()[3], Analysis.class).sha256();
        String actual = sha256(content);
        if (!actual.equals(storedSha) || !actual.equals(analysisSha) || content.length != size) {
            throw new IntegrityException("the original message of an analysis no longer matches its SHA-256");
        }
        return Optional.of(content);
    }

    /**
     * Stores (or replaces) the complainant's details of an analysis and drops its cached documents, which named the
     * previous details.
     *
     * @param id      an existing, unexpired analysis id
     * @param details any Jackson-serialisable value (the dossier's complainant record)
     * @return false when the analysis does not exist or has expired
     */
    public boolean saveComplainant(String id, Object details) {
        if (!AnalysisIds.isWellFormed(id) || find(id).isEmpty()) {
            return false;
        }
        String body = toJson(details);
        Instant now = clock.instant();
        return inTransaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM complainant WHERE analysis_id = ?")) {
                d.setString(1, id);
                d.executeUpdate();
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM generated_document WHERE analysis_id = ?")) {
                d.setString(1, id);
                d.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement(
                    "INSERT INTO complainant (analysis_id, updated_at, details_json) VALUES (?, ?, ?)")) {
                i.setString(1, id);
                i.setTimestamp(2, Timestamp.from(now));
                i.setString(3, body);
                return i.executeUpdate() == 1;
            }
        });
    }

    /**
     * @param id   an analysis id, possibly malformed
     * @param type the record type the details were saved as
     * @return the complainant's details, when given for this unexpired analysis
     */
    public <T> Optional<T> complainant(String id, Class<T> type) {
        if (!AnalysisIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return query("SELECT c.details_json FROM complainant c JOIN analysis a ON a.id = c.analysis_id"
                + " WHERE c.analysis_id = ? AND a.expires_at > ?", ps -> {
                    ps.setString(1, id);
                    ps.setTimestamp(2, Timestamp.from(clock.instant()));
                }, rs -> fromJson(rs.getString(1), type));
    }

    /**
     * Caches a generated document (dossier PDF, letter) of an analysis.
     *
     * @param id      an existing analysis id
     * @param kind    what it is, e.g. {@code "dossier"}, at most 40 characters
     * @param lang    its language, e.g. {@code "fr"}
     * @param content its bytes
     */
    public void saveDocument(String id, String kind, String lang, byte[] content) {
        if (!AnalysisIds.isWellFormed(id)) {
            throw new IllegalArgumentException("malformed analysis id");
        }
        Instant now = clock.instant();
        inTransaction(c -> {
            try (PreparedStatement d = c.prepareStatement(
                    "DELETE FROM generated_document WHERE analysis_id = ? AND kind = ? AND lang = ?")) {
                d.setString(1, id);
                d.setString(2, kind);
                d.setString(3, lang);
                d.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO generated_document"
                    + " (analysis_id, kind, lang, created_at, content) VALUES (?, ?, ?, ?, ?)")) {
                i.setString(1, id);
                i.setString(2, kind);
                i.setString(3, lang);
                i.setTimestamp(4, Timestamp.from(now));
                i.setBytes(5, content);
                i.executeUpdate();
            }
            return null;
        });
    }

    /** @return the cached document, when there is one for this unexpired analysis. */
    public Optional<byte[]> document(String id, String kind, String lang) {
        if (!AnalysisIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return query("SELECT g.content FROM generated_document g JOIN analysis a ON a.id = g.analysis_id"
                + " WHERE g.analysis_id = ? AND g.kind = ? AND g.lang = ? AND a.expires_at > ?", ps -> {
                    ps.setString(1, id);
                    ps.setString(2, kind);
                    ps.setString(3, lang);
                    ps.setTimestamp(4, Timestamp.from(clock.instant()));
                }, rs -> rs.getBytes(1));
    }

    /**
     * Erases an analysis with everything attached to it: the original message, the complainant's details and the
     * generated documents, in one transaction.
     *
     * @param id an analysis id, possibly malformed
     * @return true when something was erased
     */
    public boolean delete(String id) {
        if (!AnalysisIds.isWellFormed(id)) {
            return false;
        }
        return inTransaction(c -> deleteAll(c, List.of(id)) > 0);
    }

    /**
     * Erases every analysis whose retention has ended, with everything attached to it.
     *
     * @return the number of analyses erased
     */
    public int purgeExpired() {
        return inTransaction(c -> {
            List<String> ids = new java.util.ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM analysis WHERE expires_at <= ?")) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return deleteAll(c, ids);
        });
    }

    /** @return the number of analyses stored, expired ones not yet purged included (for tests and monitoring). */
    public long count() {
        return query("SELECT COUNT(*) FROM analysis", ps -> { }, rs -> rs.getLong(1)).orElse(0L);
    }

    private static int deleteAll(Connection c, List<String> ids) throws SQLException {
        int erased = 0;
        for (String id : ids) {
            for (String table : new String[] {"generated_document", "complainant", "original_message"}) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE analysis_id = ?")) {
                    d.setString(1, id);
                    d.executeUpdate();
                }
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM analysis WHERE id = ?")) {
                d.setString(1, id);
                erased += d.executeUpdate();
            }
        }
        return erased;
    }

    /** @return lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T fromJson(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            // The exception's message may quote the stored content: keep only the type.
            throw new StoreException("cannot read a stored " + type.getSimpleName(), null);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getSQLState(), e);
        }
    }

    private <T> Optional<T> query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(reader.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getSQLState(), e);
        }
    }
}
