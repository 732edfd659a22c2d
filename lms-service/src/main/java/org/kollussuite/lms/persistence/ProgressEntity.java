package org.kollussuite.lms.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A learner's progress as the API reads it; written only by {@link ProgressStore}. */
@Entity
@Table(name = "lms_progress")
public class ProgressEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "channel_key")
    public String channelKey;

    @Column(name = "media_content_key")
    public String mediaContentKey;

    @Column(name = "client_user_id")
    public String clientUserId;

    @Column(name = "block_count")
    public int blockCount;

    @Column(name = "block_watched")
    public boolean[] blockWatched;

    @Column(name = "watched_blocks")
    public int watchedBlocks;

    public int percent;

    public long playtime;

    @Column(name = "real_playtime")
    public long realPlaytime;

    public Integer duration;

    @Column(name = "last_position")
    public Integer lastPosition;

    public int sessions;

    @Column(name = "playtime_percent")
    public Integer playtimePercent;

    /** The normalization rules applied to any of its snapshots, as a bit set. */
    public int normalized;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
