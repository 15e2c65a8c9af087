package io.plumbline.ticketing.finding;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * The consumer's reads and writes of findings, in plain JDBC on the transaction's connection: one query for the
 * batch's stored findings, then one batched insert and one batched update (rewritten into multi-row statements by
 * the driver, {@code reWriteBatchedInserts}). Hibernate would snapshot, dirty-check and write every column of every
 * finding one statement at a time; the consumer knows which rows are new and which columns an event changes.
 */
@ApplicationScoped
public class FindingRows {

    private final String table;

    public FindingRows(@ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.table = schema + ".finding";
    }

    /** A finding as stored: what the consumer needs to apply the next event of it (the rest the event carries). */
    public Map<String, TrackedFinding> stored(Collection<String> fingerprints) {
        return work(connection -> {
            Map<String, TrackedFinding> stored = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("select fingerprint, incident_id, sequence, state, "
                    + "suppression_id, severity from " + table + " where fingerprint = any (?)")) {
                Array array = connection.createArrayOf("text", fingerprints.toArray());
                select.setArray(1, array);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        TrackedFinding finding = new TrackedFinding();
                        finding.fingerprint = rows.getString(1);
                        finding.incidentId = rows.getLong(2);
                        finding.sequence = rows.getLong(3);
                        finding.state = rows.getString(4);
                        long suppression = rows.getLong(5);
                        finding.suppressionId = rows.wasNull() ? null : suppression;
                        finding.severity = rows.getString(6);
                        stored.put(finding.fingerprint, finding);
                    }
                }
                array.free();
            }
            return stored;
        });
    }

    /**
     * Inserts new findings. A fingerprint already there means another consumer stored it after this batch read:
     * the unique violation rolls the batch back and the consumer applies it again from a fresh read.
     */
    public void insert(Collection<TrackedFinding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        work(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " (fingerprint, incident_id, "
                    + "sequence, state, suppression_id, rule_id, severity, account_id, region, resource_arn, resource_type, "
                    + "resource_id, resource_name, resource_tags, message, first_seen_at, observed_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
                for (TrackedFinding f : findings) {
                    insert.setString(1, f.fingerprint);
                    insert.setLong(2, f.incidentId);
                    insert.setLong(3, f.sequence);
                    insert.setString(4, f.state);
                    if (f.suppressionId == null) {
                        insert.setNull(5, Types.BIGINT);
                    } else {
                        insert.setLong(5, f.suppressionId);
                    }
                    insert.setString(6, f.ruleId);
                    insert.setString(7, f.severity);
                    insert.setString(8, f.accountId);
                    insert.setString(9, f.region);
                    insert.setString(10, f.resourceArn);
                    insert.setString(11, f.resourceType);
                    insert.setString(12, f.resourceId);
                    insert.setString(13, f.resourceName);
                    insert.setString(14, f.resourceTags);
                    insert.setString(15, f.message);
                    insert.setObject(16, utc(f.firstSeenAt));
                    insert.setObject(17, utc(f.observedAt));
                    insert.setObject(18, utc(f.updatedAt));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** A known finding with the event applied, and the sequence it had when the batch read it. */
    public record Update(TrackedFinding finding, long readSequence) {}

    /**
     * Writes the event's side of known findings (never the suppression, which suppression rules own), guarded by the
     * sequence this batch read: a row another consumer changed meanwhile fails the batch, which is applied again.
     */
    public void update(Collection<Update> updates) {
        if (updates.isEmpty()) {
            return;
        }
        work(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update " + table + " set sequence = ?, state = ?, "
                    + "rule_id = ?, severity = ?, account_id = ?, region = ?, resource_arn = ?, resource_type = ?, "
                    + "resource_id = ?, resource_name = ?, resource_tags = ?::jsonb, message = ?, first_seen_at = ?, "
                    + "observed_at = ?, updated_at = ? where fingerprint = ? and sequence = ?")) {
                for (Update entry : updates) {
                    TrackedFinding f = entry.finding();
                    update.setLong(1, f.sequence);
                    update.setString(2, f.state);
                    update.setString(3, f.ruleId);
                    update.setString(4, f.severity);
                    update.setString(5, f.accountId);
                    update.setString(6, f.region);
                    update.setString(7, f.resourceArn);
                    update.setString(8, f.resourceType);
                    update.setString(9, f.resourceId);
                    update.setString(10, f.resourceName);
                    update.setString(11, f.resourceTags);
                    update.setString(12, f.message);
                    update.setObject(13, utc(f.firstSeenAt));
                    update.setObject(14, utc(f.observedAt));
                    update.setObject(15, utc(f.updatedAt));
                    update.setString(16, f.fingerprint);
                    update.setLong(17, entry.readSequence());
                    update.addBatch();
                }
                for (int count : update.executeBatch()) {
                    if (count == 0) {
                        throw new SQLException("a finding changed after this batch read it", "40001");
                    }
                }
            }
            return null;
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Runs on the connection of the caller's transaction, so the writes commit (or roll back) with everything else. */
    private static <T> T work(Work<T> work) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(work::on);
    }
}
