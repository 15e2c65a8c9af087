package io.plumbline.remediation.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The schema's own guarantees: one proposal per finding × action version, an audit log that cannot be rewritten. */
@QuarkusTest
class SchemaTest {

    @Inject
    AgroalDataSource db;

    private static String proposal(String fingerprint) {
        return "insert into remediation.proposal (id, fingerprint, action_id, action_version, rule_id, account_id, region,"
                + " resource_arn, resource_id, state, plan, requested_at, expires_at) values ('" + UUID.randomUUID() + "', '"
                + fingerprint + "', 'rds-enable-multi-az', 1, 'r', '123456789012', 'us-east-1', 'arn', 'id', 'PROPOSED', '{}',"
                + " now(), now() + interval '1 day')";
    }

    @Test
    void shouldKeepOneProposalPerFingerprintAndActionVersion() throws SQLException {
        String fingerprint = "fp-" + UUID.randomUUID();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(proposal(fingerprint));
            assertThatThrownBy(() -> s.executeUpdate(proposal(fingerprint))).hasMessageContaining("proposal_once");
            s.executeUpdate("delete from remediation.proposal where fingerprint = '" + fingerprint + "'");
        }
    }

    @Test
    void shouldRefuseToRewriteTheAuditLog() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into remediation.audit (at, actor, what, outcome) values (now(), 'test', 'check', 'ok')");
            assertThatThrownBy(() -> s.executeUpdate("update remediation.audit set outcome = 'changed' where actor = 'test'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from remediation.audit where actor = 'test'"))
                    .hasMessageContaining("append-only");
            assertThat(s.executeQuery("select 1").next()).isTrue();
        }
    }
}
