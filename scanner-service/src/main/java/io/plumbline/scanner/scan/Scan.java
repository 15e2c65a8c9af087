package io.plumbline.scanner.scan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One scan in the history. */
@Entity
@Table(name = "scan")
public class Scan extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public ScanStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> requestedRegions;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> requestedRules;

    /** Set for a targeted rescan of one resource. */
    public String targetArn;

    public Instant startedAt;
    public Instant finishedAt;
    public int resourcesEvaluated;
    public long awsCalls;
    public int findingsOpened;
    public int findingsResolved;
    public int findingsReopened;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<ScanError> errors = new ArrayList<>();
}
