package org.kollussuite.commons.event;

/** The event types of the suite; each is also the routing key on the {@code kollus.events} exchange. */
public final class EventTypes {

    public static final String EXCHANGE = "kollus.events";

    public static final String CONTENT_UPLOADED = "kollus.content.uploaded";
    public static final String CONTENT_TRANSCODED = "kollus.content.transcoded";
    public static final String CONTENT_TRANSCODING_FAILED = "kollus.content.transcoding-failed";
    public static final String CONTENT_UPDATED = "kollus.content.updated";
    public static final String CHANNEL_CONTENT_ADDED = "kollus.channel.content-added";
    public static final String CHANNEL_CONTENT_REMOVED = "kollus.channel.content-removed";
    public static final String PLAYBACK_AUTHORIZED = "kollus.playback.authorized";
    public static final String PLAYBACK_DENIED = "kollus.playback.denied";
    public static final String DOWNLOAD_AUTHORIZED = "kollus.download.authorized";
    public static final String DOWNLOAD_DENIED = "kollus.download.denied";
    public static final String DOWNLOAD_COMPLETED = "kollus.download.completed";
    public static final String DOWNLOAD_OFFLINE_CHECKED = "kollus.download.offline-checked";
    public static final String LMS_PROGRESSED = "kollus.lms.progressed";
    public static final String LMS_COMPLETED = "kollus.lms.completed";

    private EventTypes() {
    }
}
