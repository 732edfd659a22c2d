package org.kollussuite.simulator.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds callbacks exactly as Kollus sends them (kollus-callbacks.md §2 to §6): form-urlencoded
 * POST bodies whose values are strings, JSON structures as JSON text inside a form field, the token
 * in the query string of the registered URL.
 */
public final class KollusRequests {

    /** The platform callbacks, by the last segment of their URL. */
    public enum PlatformCallback {
        UPLOAD("upload"), TRANSCODING("transcoding"), CONTENT_UPDATE("content-update"),
        CHANNEL_ADD("channel-add"), CHANNEL_REMOVE("channel-remove");

        private final String path;

        PlatformCallback(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SuiteTarget target;
    private final Clock clock;

    public KollusRequests(SuiteTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    /**
     * A platform callback about {@code episode}; {@code transcodingSucceeded} only matters for
     * transcoding. Upload and transcoding carry no channel fields; channel callbacks carry all of them.
     */
    public CallbackRequest platform(PlatformCallback callback, Episode episode, boolean transcodingSucceeded) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("content_provider_key", target.serviceAccountKey());
        if (callback != PlatformCallback.TRANSCODING) {
            form.put("full_filename", episode.fullFilename());
        }
        form.put("filename", episode.filename());
        form.put("upload_file_key", episode.uploadFileKey());
        switch (callback) {
            case TRANSCODING -> form.put("transcoding_result", transcodingSucceeded ? "success" : "fail");
            case CONTENT_UPDATE -> form.put("update_type", "metadata");
            case CHANNEL_ADD, CHANNEL_REMOVE -> {
                form.put("media_content_key", episode.mediaContentKey());
                form.put("channel_key", target.channelKey());
                form.put("channel_name", episode.channelName());
                form.put("profile_key", episode.profileKey());
                form.put("update_type", callback == PlatformCallback.CHANNEL_ADD ? "add" : "delete");
            }
            default -> {
            }
        }
        return new CallbackRequest(CallbackType.PLATFORM, callback.path() + " " + episode.uploadFileKey(),
                uri(target.platformUrl(), "/callbacks/platform/" + callback.path(), ""), Form.encode(form));
    }

    /** A play callback of {@code kind} (1 before playback, 3 when the player is ready). */
    public CallbackRequest play(int kind, Viewer viewer, String mediaContentKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", Integer.toString(kind));
        form.put("client_user_id", viewer.clientUserId());
        form.put("player_id", viewer.playerId());
        form.put("hardware_id", "");
        form.put("device_name", viewer.deviceName());
        form.put("media_content_key", mediaContentKey);
        form.put("uservalues", userValues().toString());
        return new CallbackRequest(CallbackType.PLAY, "play kind " + kind + " " + viewer.clientUserId(),
                channelUri(target.playerUrl(), "play", ""), Form.encode(form));
    }

    /** A v2 DRM callback: one form field {@code items} holding the JSON array of the items. */
    public CallbackRequest drm(List<DrmItem> items) {
        ArrayNode array = JSON.createArrayNode();
        long now = clock.instant().getEpochSecond();
        for (DrmItem item : items) {
            ObjectNode element = array.addObject()
                    .put("kind", item.kind())
                    .put("client_user_id", item.viewer().clientUserId())
                    .put("player_id", item.viewer().playerId())
                    .put("hardware_id", "")
                    .put("device_name", item.viewer().deviceName())
                    .put("media_content_key", item.mediaContentKey());
            element.set("uservalues", userValues());
            element.put("localtime", now);
            if (item.kind() == 3) {
                element.put("start_at", item.startAt())
                        .put("session_key", item.sessionKey())
                        .put("content_expired", 0)
                        .put("check_expired", 0)
                        .put("reset_req", 0)
                        .put("expiration_date", 0);
            }
        }
        String kinds = items.stream().map(item -> Integer.toString(item.kind())).reduce((a, b) -> a + "," + b).orElse("");
        return new CallbackRequest(CallbackType.DRM, "drm kind " + kinds + " " + items.get(0).viewer().clientUserId(),
                channelUri(target.playerUrl(), "drm", ""), Form.encode(Map.of("items", array.toString())));
    }

    /**
     * A snapshot of {@code session} in the channel's LMS shape. A document goes as the standard template
     * {@code ...?json_data={JSON_DATA}&client_user_id={CLIENT_USER_ID}&start_at={START_AT}} registers it:
     * the plain parameters in the query string, the JSON document in the form body under the channel's
     * parameter name. Flat parameters go in the form body: with two per block they would outgrow the
     * request line a server accepts.
     */
    public CallbackRequest lms(ViewerSession session) {
        String description = "lms " + session.viewer().clientUserId() + " session " + session.startAt();
        if (target.lmsShape() == LmsShape.FLAT) {
            return new CallbackRequest(CallbackType.LMS, description, channelUri(target.lmsUrl(), "lms", ""),
                    Form.encode(session.flatParameters()));
        }
        String query = "&client_user_id=" + Form.encode(session.viewer().clientUserId()) + "&start_at=" + session.startAt();
        String document = session.document(target.lmsShape().blockInfo());
        return new CallbackRequest(CallbackType.LMS, description, channelUri(target.lmsUrl(), "lms", query),
                Form.encode(Map.of(target.lmsJsonParam(), document)));
    }

    /** A next-episode request with the parameters this suite assumes (kollus-callbacks.md §9.9). */
    public CallbackRequest nextEpisode(Viewer viewer, String mediaContentKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mck", mediaContentKey);
        form.put("client_user_id", viewer.clientUserId());
        form.put("uservalues", userValues().toString());
        return new CallbackRequest(CallbackType.NEXT_EPISODE, "next-episode after " + mediaContentKey,
                channelUri(target.playerUrl(), "next-episode", ""), Form.encode(form));
    }

    private static ObjectNode userValues() {
        return JSON.createObjectNode().put("uservalue0", "kollus-simulator");
    }

    private URI channelUri(URI base, String callback, String query) {
        return uri(base, "/callbacks/channels/" + Form.encodeSegment(target.channelKey()) + "/" + callback, query);
    }

    private URI uri(URI base, String path, String query) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + path + "?token=" + Form.encode(target.callbackToken()) + query);
    }
}
