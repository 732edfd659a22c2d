package org.kollussuite.platform.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.kollussuite.platform.domain.CallbackOutcome;
import org.kollussuite.platform.domain.CallbackType;

import java.time.Instant;
import java.util.Map;

/** One platform callback as received, with what became of it. */
@Entity
@Table(name = "callback_inbox")
public class InboxEntryEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "callback_type")
    public CallbackType callbackType;

    @Enumerated(EnumType.STRING)
    public CallbackOutcome status;

    @Column(name = "upload_file_key")
    public String uploadFileKey;

    @Column(name = "dedup_key")
    public String dedupKey;

    @Column(name = "source_address")
    public String sourceAddress;

    /** Every received parameter, the inbound token removed and the service account key masked. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> parameters;

    /** The error code of a rejection. */
    public String error;

    /** Why it was rejected, or why applying it to the catalog failed. */
    public String message;

    /** When an accepted callback was applied to the catalog; null until then. */
    @Column(name = "processed_at")
    public Instant processedAt;
}
