package org.kollussuite.platform.persistence;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.kollussuite.platform.domain.CallbackOutcome;
import org.kollussuite.platform.domain.CallbackType;
import org.kollussuite.platform.domain.TranscodingState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Read-only queries of the admin API over the catalog and the inbox. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogQueries {

    /** A content with every channel membership it has had. */
    public record CatalogEntry(ContentEntity content, List<ChannelMembershipEntity> channels) {
    }

    public List<CatalogEntry> contents(String channelKey, TranscodingState state, int limit, int offset) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (channelKey != null && !channelKey.isBlank()) {
            conditions.add("uploadFileKey in (select m.uploadFileKey from ChannelMembershipEntity m "
                    + "where m.channelKey = :channel and m.state = :added)");
            parameters.and("channel", channelKey).and("added", ChannelMembershipEntity.State.ADDED);
        }
        if (state != null) {
            conditions.add("transcodingState = :state");
            parameters.and("state", state);
        }
        List<ContentEntity> contents = ContentEntity.<ContentEntity>find(String.join(" and ", conditions),
                        Sort.descending("updatedAt").and("uploadFileKey"), parameters)
                .range(offset, offset + limit - 1).list();
        if (contents.isEmpty()) {
            return List.of();
        }
        Map<String, List<ChannelMembershipEntity>> memberships = ChannelMembershipEntity
                .<ChannelMembershipEntity>list("uploadFileKey in ?1", Sort.by("id"),
                        contents.stream().map(c -> c.uploadFileKey).toList())
                .stream().collect(Collectors.groupingBy(m -> m.uploadFileKey));
        return contents.stream()
                .map(c -> new CatalogEntry(c, memberships.getOrDefault(c.uploadFileKey, List.of())))
                .toList();
    }

    public Optional<CatalogEntry> content(String uploadFileKey) {
        return ContentEntity.<ContentEntity>findByIdOptional(uploadFileKey)
                .map(c -> new CatalogEntry(c, ChannelMembershipEntity.list("uploadFileKey", Sort.by("id"), uploadFileKey)));
    }

    public List<InboxEntryEntity> callbacks(CallbackOutcome status, CallbackType type, String uploadFileKey,
                                            Instant since, Instant until, int limit, int offset) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (status != null) {
            conditions.add("status = :status");
            parameters.and("status", status);
        }
        if (type != null) {
            conditions.add("callbackType = :type");
            parameters.and("type", type);
        }
        if (uploadFileKey != null && !uploadFileKey.isBlank()) {
            conditions.add("uploadFileKey = :uploadFileKey");
            parameters.and("uploadFileKey", uploadFileKey);
        }
        if (since != null) {
            conditions.add("receivedAt >= :since");
            parameters.and("since", since);
        }
        if (until != null) {
            conditions.add("receivedAt < :until");
            parameters.and("until", until);
        }
        return InboxEntryEntity.<InboxEntryEntity>find(String.join(" and ", conditions), Sort.descending("id"), parameters)
                .range(offset, offset + limit - 1).list();
    }
}
