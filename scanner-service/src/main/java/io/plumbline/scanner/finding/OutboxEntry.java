package io.plumbline.scanner.finding;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event waiting to be sent; written in the transaction that changed the state it describes. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String topic;
    public String messageKey;
    public String payload;
    public Instant createdAt;
    public int attempts;
    public String lastError;

    public static OutboxEntry of(String topic, String key, String payload) {
        OutboxEntry entry = new OutboxEntry();
        entry.topic = topic;
        entry.messageKey = key;
        entry.payload = payload;
        entry.createdAt = Instant.now();
        return entry;
    }
}
