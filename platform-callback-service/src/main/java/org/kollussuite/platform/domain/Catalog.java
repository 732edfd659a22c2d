package org.kollussuite.platform.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.platform.persistence.ChannelMembershipEntity;
import org.kollussuite.platform.persistence.ChannelMembershipEntity.State;
import org.kollussuite.platform.persistence.ContentEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.kollussuite.platform.domain.Parameters.*;

/**
 * Applies accepted callbacks to the content catalog and answers the events of the changes they made.
 * A callback that changes nothing (a late copy of something already known) yields no event.
 *
 * <p>Only the {@link InboxProcessor} writes the catalog, one instance at a time, so rows need no locks.
 * Kollus sends no timestamps, so order is decided by what each state can follow: an upload notice
 * never moves a content back from transcoded; a removal seen before its addition leaves the
 * membership removed when the late addition arrives.
 */
@ApplicationScoped
public class Catalog {

    public static final String SOURCE = CloudEvent.sourceOf("platform-callback-service");

    private static final Set<String> SUCCESS = Set.of("success", "succeeded", "succeed", "ok", "1", "true");
    private static final Set<String> FAILURE = Set.of("fail", "failed", "failure", "error", "0", "false");

    private final EntityManager entityManager;

    public Catalog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The state a {@code transcoding_result} reports, or empty when it is not one we know. */
    public static Optional<TranscodingState> transcodingResult(String value) {
        String normalized = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (SUCCESS.contains(normalized)) {
            return Optional.of(TranscodingState.TRANSCODED);
        }
        if (FAILURE.contains(normalized)) {
            return Optional.of(TranscodingState.TRANSCODING_FAILED);
        }
        return Optional.empty();
    }

    /** The catalog rows a batch of callbacks touches, read up front so that applying them reads nothing more. */
    public static final class Rows {

        private final Map<String, ContentEntity> contents = new HashMap<>();
        private final Map<MembershipKey, ChannelMembershipEntity> memberships = new HashMap<>();
    }

    private record MembershipKey(String channelKey, String mediaContentKey) {
    }

    /** Reads, in at most two queries, every content and channel membership that {@code callbacks} name. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Rows load(Collection<CallbackParameters> callbacks) {
        Rows rows = new Rows();
        Set<String> uploadFileKeys = new HashSet<>();
        Set<String> channelKeys = new HashSet<>();
        Set<String> mediaContentKeys = new HashSet<>();
        for (CallbackParameters parameters : callbacks) {
            parameters.firstOf(UPLOAD_FILE_KEY).ifPresent(uploadFileKeys::add);
            Optional<String> channelKey = parameters.firstOf(CHANNEL_KEY);
            Optional<String> mediaContentKey = parameters.firstOf(MEDIA_CONTENT_KEY);
            if (channelKey.isPresent() && mediaContentKey.isPresent()) {
                channelKeys.add(channelKey.get());
                mediaContentKeys.add(mediaContentKey.get());
            }
        }
        if (!uploadFileKeys.isEmpty()) {
            entityManager.createQuery("from ContentEntity where uploadFileKey in ?1", ContentEntity.class)
                    .setParameter(1, uploadFileKeys)
                    .getResultStream().forEach(content -> rows.contents.put(content.uploadFileKey, content));
        }
        if (!channelKeys.isEmpty()) {
            // Both lists match a few more pairs than asked for; the map keeps exact pairs only.
            entityManager.createQuery("from ChannelMembershipEntity where channelKey in ?1 and mediaContentKey in ?2",
                            ChannelMembershipEntity.class)
                    .setParameter(1, channelKeys)
                    .setParameter(2, mediaContentKeys)
                    .getResultStream().forEach(membership -> rows.memberships.put(
                            new MembershipKey(membership.channelKey, membership.mediaContentKey), membership));
        }
        return rows;
    }

    /** Applies one callback to {@code rows}, which {@link #load} read for a batch including it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CloudEvent> apply(Rows rows, CallbackType type, CallbackParameters parameters) {
        Instant now = Instant.now();
        ContentEntity content = findOrCreate(rows, parameters.require(UPLOAD_FILE_KEY), now);
        boolean renamed = rename(content, parameters);
        List<CloudEvent> events = new ArrayList<>(1);
        switch (type) {
            case UPLOAD -> upload(content, now, events);
            case TRANSCODING -> transcoding(content, parameters, now, events);
            case CONTENT_UPDATE -> contentUpdate(content, parameters, events);
            case CHANNEL_ADD -> channelAdd(rows, content, parameters, now, events);
            case CHANNEL_REMOVE -> channelRemove(rows, content, parameters, now, events);
        }
        if (renamed || !events.isEmpty()) {
            content.updatedAt = now;
        }
        return events;
    }

    private ContentEntity findOrCreate(Rows rows, String uploadFileKey, Instant now) {
        return rows.contents.computeIfAbsent(uploadFileKey, key -> {
            ContentEntity content = new ContentEntity();
            content.uploadFileKey = key;
            content.transcodingState = TranscodingState.UNKNOWN;
            content.createdAt = now;
            content.updatedAt = now;
            entityManager.persist(content);
            return content;
        });
    }

    private static boolean rename(ContentEntity content, CallbackParameters parameters) {
        boolean changed = false;
        Optional<String> filename = parameters.firstOf(FILENAME);
        if (filename.isPresent() && !filename.get().equals(content.filename)) {
            content.filename = filename.get();
            changed = true;
        }
        Optional<String> fullFilename = parameters.firstOf(FULL_FILENAME);
        if (fullFilename.isPresent() && !fullFilename.get().equals(content.fullFilename)) {
            content.fullFilename = fullFilename.get();
            changed = true;
        }
        return changed;
    }

    private static void upload(ContentEntity content, Instant now, List<CloudEvent> events) {
        if (content.uploadedAt != null) {
            return;
        }
        content.uploadedAt = now;
        if (content.transcodingState == TranscodingState.UNKNOWN) {
            content.transcodingState = TranscodingState.UPLOADED;
        }
        events.add(event(EventTypes.CONTENT_UPLOADED, content.uploadFileKey, null, contentData(content)
                .put("fullFilename", content.fullFilename)));
    }

    private static void transcoding(ContentEntity content, CallbackParameters parameters, Instant now,
                                    List<CloudEvent> events) {
        TranscodingState result = transcodingResult(parameters.require(TRANSCODING_RESULT)).orElseThrow();
        if (content.transcodingState == result) {
            return;
        }
        content.transcodingState = result;
        if (result == TranscodingState.TRANSCODED) {
            content.transcodedAt = now;
        }
        String type = result == TranscodingState.TRANSCODED
                ? EventTypes.CONTENT_TRANSCODED : EventTypes.CONTENT_TRANSCODING_FAILED;
        events.add(event(type, content.uploadFileKey, null, contentData(content)));
    }

    private static void contentUpdate(ContentEntity content, CallbackParameters parameters, List<CloudEvent> events) {
        String updateType = parameters.get(UPDATE_TYPE).orElse(null);
        content.lastUpdateType = updateType;
        ObjectNode data = contentData(content).put("updateType", updateType);
        ObjectNode fields = data.putObject("fields");
        parameters.asMap().forEach((name, value) -> {
            if (!CONTENT_PROVIDER_KEY.equals(name)) {
                fields.put(name, value);
            }
        });
        String subject = parameters.firstOf(MEDIA_CONTENT_KEY).orElse(content.uploadFileKey);
        events.add(event(EventTypes.CONTENT_UPDATED, subject, parameters.firstOf(CHANNEL_KEY).orElse(null), data));
    }

    private void channelAdd(Rows rows, ContentEntity content, CallbackParameters parameters, Instant now,
                            List<CloudEvent> events) {
        ChannelMembershipEntity membership = membership(rows, content, parameters, now);
        membership.channelName = parameters.firstOf(CHANNEL_NAME).orElse(membership.channelName);
        membership.profileKeys = parameters.firstOf(PROFILE_KEY).orElse(membership.profileKeys);
        membership.updatedAt = now;
        boolean removalSeenFirst = membership.state == State.REMOVED && membership.removedAt != null
                && membership.addedAt == null;
        if (membership.state == State.ADDED || removalSeenFirst) {
            // Already in the channel, or this addition is older than the removal we already applied.
            membership.addedAt = membership.addedAt == null ? now : membership.addedAt;
            return;
        }
        membership.state = State.ADDED;
        membership.addedAt = now;
        membership.removedAt = null;
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("channelKey", membership.channelKey)
                .put("channelName", membership.channelName)
                .put("mediaContentKey", membership.mediaContentKey)
                .put("uploadFileKey", content.uploadFileKey)
                .put("filename", content.filename);
        ArrayNode profiles = data.putArray("profileKeys");
        profileKeys(membership.profileKeys).forEach(profiles::add);
        events.add(event(EventTypes.CHANNEL_CONTENT_ADDED, membership.mediaContentKey, membership.channelKey, data));
    }

    private void channelRemove(Rows rows, ContentEntity content, CallbackParameters parameters, Instant now,
                               List<CloudEvent> events) {
        ChannelMembershipEntity membership = membership(rows, content, parameters, now);
        membership.channelName = parameters.firstOf(CHANNEL_NAME).orElse(membership.channelName);
        membership.updatedAt = now;
        if (membership.state == State.REMOVED && membership.removedAt != null) {
            return;
        }
        membership.state = State.REMOVED;
        membership.removedAt = now;
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("channelKey", membership.channelKey)
                .put("mediaContentKey", membership.mediaContentKey)
                .put("uploadFileKey", content.uploadFileKey);
        events.add(event(EventTypes.CHANNEL_CONTENT_REMOVED, membership.mediaContentKey, membership.channelKey, data));
    }

    private ChannelMembershipEntity membership(Rows rows, ContentEntity content, CallbackParameters parameters,
                                               Instant now) {
        MembershipKey key = new MembershipKey(parameters.require(CHANNEL_KEY), parameters.require(MEDIA_CONTENT_KEY));
        return rows.memberships.computeIfAbsent(key, missing -> {
            ChannelMembershipEntity created = new ChannelMembershipEntity();
            created.uploadFileKey = content.uploadFileKey;
            created.channelKey = missing.channelKey();
            created.mediaContentKey = missing.mediaContentKey();
            created.state = State.REMOVED;
            created.updatedAt = now;
            entityManager.persist(created);
            return created;
        });
    }

    /** Profile keys as a list; Kollus joins several with {@code |}. */
    public static List<String> profileKeys(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static ObjectNode contentData(ContentEntity content) {
        return JsonNodeFactory.instance.objectNode()
                .put("uploadFileKey", content.uploadFileKey)
                .put("filename", content.filename);
    }

    private static CloudEvent event(String type, String subject, String channelKey, ObjectNode data) {
        return CloudEvent.create(SOURCE, type, subject, data).withExtension(CloudEvent.CHANNEL_EXTENSION, channelKey);
    }
}
