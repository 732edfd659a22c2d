package org.kollussuite.player.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One content of one channel, as the channel events told this service. */
@Entity
@Table(name = "channel_content")
public class ChannelContentEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "channel_key")
    public String channelKey;

    @Column(name = "media_content_key")
    public String mediaContentKey;

    @Column(name = "upload_file_key")
    public String uploadFileKey;

    /** The file name Kollus reported: what viewers see and what TITLE order sorts. */
    public String title;

    @Column(name = "added_at")
    public Instant addedAt;

    /** Set while the content is out of the channel. */
    @Column(name = "removed_at")
    public Instant removedAt;

    /** Time of the latest event applied; an older event changes nothing. */
    @Column(name = "changed_at")
    public Instant changedAt;
}
