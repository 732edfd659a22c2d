package org.kollussuite.platform.domain;

/** Names of the platform callback parameters (kollus-callbacks.md §2.3). */
public final class Parameters {

    public static final String CONTENT_PROVIDER_KEY = "content_provider_key";
    public static final String UPLOAD_FILE_KEY = "upload_file_key";
    public static final String FILENAME = "filename";
    public static final String FULL_FILENAME = "full_filename";
    public static final String TRANSCODING_RESULT = "transcoding_result";
    public static final String UPDATE_TYPE = "update_type";
    public static final String MEDIA_CONTENT_KEY = "media_content_key";
    public static final String CHANNEL_KEY = "channel_key";
    public static final String CHANNEL_NAME = "channel_name";
    public static final String PROFILE_KEY = "profile_key";

    /** What the inbox shows instead of the service account key. */
    public static final String MASK = "***";

    private Parameters() {
    }
}
