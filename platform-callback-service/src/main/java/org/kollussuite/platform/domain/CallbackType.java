package org.kollussuite.platform.domain;

import java.util.List;

/** The five platform callbacks, with the parameters that identify one real-world change of each and what it changes. */
public enum CallbackType {

    UPLOAD("upload", List.of("upload_file_key"), Change.UPLOAD),
    TRANSCODING("transcoding", List.of("upload_file_key", "transcoding_result"), Change.TRANSCODING),
    CONTENT_UPDATE("content-update", List.of("upload_file_key", "update_type", "filename", "full_filename",
            "media_content_key", "channel_key"), Change.CONTENT_UPDATE),
    CHANNEL_ADD("channel-add", List.of("upload_file_key", "channel_key", "media_content_key"), Change.CHANNEL_MEMBERSHIP),
    CHANNEL_REMOVE("channel-remove", List.of("upload_file_key", "channel_key", "media_content_key"),
            Change.CHANNEL_MEMBERSHIP);

    /** A kind of change, with the parameters naming its subject: the thing whose state callbacks of this kind set. */
    public enum Change {

        UPLOAD(List.of("upload_file_key")),
        TRANSCODING(List.of("upload_file_key")),
        CONTENT_UPDATE(List.of("upload_file_key")),
        // The catalog keeps one membership per channel and media content key, whichever the upload file key.
        CHANNEL_MEMBERSHIP(List.of("channel_key", "media_content_key"));

        private final List<String> subjectParameters;

        Change(List<String> subjectParameters) {
            this.subjectParameters = subjectParameters;
        }

        /** Parameters whose values, with the kind, make the subject key. */
        public List<String> subjectParameters() {
            return subjectParameters;
        }
    }

    private final String path;
    private final List<String> identifyingParameters;
    private final Change change;

    CallbackType(String path, List<String> identifyingParameters, Change change) {
        this.path = path;
        this.identifyingParameters = identifyingParameters;
        this.change = change;
    }

    /** The last segment of its URL, {@code /callbacks/platform/<path>}. */
    public String path() {
        return path;
    }

    /** Parameters whose values, with the type, make the deduplication key. */
    public List<String> identifyingParameters() {
        return identifyingParameters;
    }

    /** The kind of change it reports: channel addition and removal are one, setting a membership. */
    public Change change() {
        return change;
    }
}
