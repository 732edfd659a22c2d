package org.kollussuite.platform.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A content's place in one channel, under that channel's media content key. */
@Entity
@Table(name = "channel_membership")
public class ChannelMembershipEntity extends PanacheEntityBase {

    /** Whether the content is currently in the channel. */
    public enum State {
        ADDED,
        REMOVED
    }

    // Ids come from the sequence fifty at a time, so that new memberships are inserted in batches.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channel_membership_id")
    @SequenceGenerator(name = "channel_membership_id", sequenceName = "channel_membership_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "upload_file_key")
    public String uploadFileKey;

    @Column(name = "channel_key")
    public String channelKey;

    @Column(name = "channel_name")
    public String channelName;

    @Column(name = "media_content_key")
    public String mediaContentKey;

    /** Encoding profile keys as Kollus sends them, joined by {@code |}. */
    @Column(name = "profile_keys")
    public String profileKeys;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "added_at")
    public Instant addedAt;

    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
