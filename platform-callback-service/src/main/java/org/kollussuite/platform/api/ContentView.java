package org.kollussuite.platform.api;

import org.kollussuite.platform.domain.Catalog;
import org.kollussuite.platform.domain.TranscodingState;
import org.kollussuite.platform.persistence.CatalogQueries;
import org.kollussuite.platform.persistence.ChannelMembershipEntity;
import org.kollussuite.platform.persistence.ContentEntity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A content of the catalog with every channel it is or was in. */
public record ContentView(String uploadFileKey, String filename, String fullFilename,
                          TranscodingState transcodingState, String lastUpdateType, Instant uploadedAt,
                          Instant transcodedAt, Instant createdAt, Instant updatedAt, List<Membership> channels) {

    /** The content's place in one channel. */
    public record Membership(String channelKey, String channelName, String mediaContentKey, List<String> profileKeys,
                             String state, Instant addedAt, Instant removedAt) {

        static Membership of(ChannelMembershipEntity entity) {
            return new Membership(entity.channelKey, entity.channelName, entity.mediaContentKey,
                    Catalog.profileKeys(entity.profileKeys), entity.state.name().toLowerCase(Locale.ROOT),
                    entity.addedAt, entity.removedAt);
        }
    }

    static ContentView of(CatalogQueries.CatalogEntry entry) {
        ContentEntity content = entry.content();
        List<ChannelMembershipEntity> memberships = entry.channels();
        return new ContentView(content.uploadFileKey, content.filename, content.fullFilename, content.transcodingState,
                content.lastUpdateType, content.uploadedAt, content.transcodedAt, content.createdAt, content.updatedAt,
                memberships.stream().map(Membership::of).toList());
    }
}
