package org.kollussuite.platform.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.kollussuite.platform.domain.TranscodingState;

import java.time.Instant;

/** One uploaded file in the content catalog. */
@Entity
@Table(name = "content")
public class ContentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "upload_file_key")
    public String uploadFileKey;

    public String filename;

    @Column(name = "full_filename")
    public String fullFilename;

    @Enumerated(EnumType.STRING)
    @Column(name = "transcoding_state")
    public TranscodingState transcodingState;

    @Column(name = "last_update_type")
    public String lastUpdateType;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    @Column(name = "transcoded_at")
    public Instant transcodedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
