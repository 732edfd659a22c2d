package org.kollussuite.platform.domain;

import java.util.List;

/** The five platform callbacks, with the parameters that identify one real-world change of each. */
public enum CallbackType {

    UPLOAD("upload", List.of("upload_file_key")),
    TRANSCODING("transcoding", List.of("upload_file_key", "transcoding_result")),
    CONTENT_UPDATE("content-update", List.of("upload_file_key", "update_type", "filename", "full_filename",
            "media_content_key", "channel_key")),
    CHANNEL_ADD("channel-add", List.of("upload_file_key", "channel_key", "media_content_key")),
    CHANNEL_REMOVE("channel-remove", List.of("upload_file_key", "channel_key", "media_content_key"));

    private final String path;
    private final List<String> identifyingParameters;

    CallbackType(String path, List<String> identifyingParameters) {
        this.path = path;
        this.identifyingParameters = identifyingParameters;
    }

    /** The last segment of its URL, {@code /callbacks/platform/<path>}. */
    public String path() {
        return path;
    }

    /** Parameters whose values, with the type, make the deduplication key. */
    public List<String> identifyingParameters() {
        return identifyingParameters;
    }
}
