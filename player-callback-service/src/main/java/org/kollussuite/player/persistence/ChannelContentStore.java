package org.kollussuite.player.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.kollussuite.player.domain.Episode;

import java.time.Instant;
import java.util.List;

/** The read model of channel contents: written by the channel event consumer, read by next-episode answers. */
@ApplicationScoped
public class ChannelContentStore {

    private final EntityManager entityManager;

    public ChannelContentStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The contents currently in {@code channelKey}, in no particular order. */
    @ActivateRequestContext
    public List<Episode> present(String channelKey) {
        return ChannelContentEntity.<ChannelContentEntity>find("channelKey = ?1 and removedAt is null", channelKey)
                .stream()
                .map(c -> new Episode(c.mediaContentKey, c.title == null ? c.mediaContentKey : c.title, c.addedAt))
                .toList();
    }

    /**
     * Records that a content was added at {@code at}, unless a later event about it was applied already.
     * Answers whether anything changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean added(String channelKey, String mediaContentKey, String uploadFileKey, String title, Instant at) {
        return entityManager.createNativeQuery("""
                        insert into channel_content (channel_key, media_content_key, upload_file_key, title, added_at,
                                                     removed_at, changed_at)
                        values (?1, ?2, ?3, ?4, ?5, null, ?5)
                        on conflict (channel_key, media_content_key) do update
                           set upload_file_key = coalesce(excluded.upload_file_key, channel_content.upload_file_key),
                               title = coalesce(excluded.title, channel_content.title),
                               added_at = case when channel_content.removed_at is null
                                               then coalesce(channel_content.added_at, excluded.added_at)
                                               else excluded.added_at end,
                               removed_at = null, changed_at = excluded.changed_at
                         where channel_content.changed_at < excluded.changed_at
                        """)
                .setParameter(1, channelKey).setParameter(2, mediaContentKey).setParameter(3, uploadFileKey)
                .setParameter(4, title).setParameter(5, at)
                .executeUpdate() == 1;
    }

    /** Records that a content was removed at {@code at}, unless a later event about it was applied already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean removed(String channelKey, String mediaContentKey, String uploadFileKey, Instant at) {
        return entityManager.createNativeQuery("""
                        insert into channel_content (channel_key, media_content_key, upload_file_key, removed_at, changed_at)
                        values (?1, ?2, ?3, ?4, ?4)
                        on conflict (channel_key, media_content_key) do update
                           set removed_at = excluded.removed_at, changed_at = excluded.changed_at
                         where channel_content.changed_at < excluded.changed_at
                        """)
                .setParameter(1, channelKey).setParameter(2, mediaContentKey).setParameter(3, uploadFileKey)
                .setParameter(4, at)
                .executeUpdate() == 1;
    }
}
