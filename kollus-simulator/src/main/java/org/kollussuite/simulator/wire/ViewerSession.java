package org.kollussuite.simulator.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One viewing session of one viewer on one content, as the Kollus player tracks it for the LMS
 * callback (kollus-callbacks.md §5): the position, the cumulative times of §5.2 and the seconds
 * watched, from which each snapshot's blocks are derived. Not thread-safe: one session, one caller.
 */
public final class ViewerSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    // The names of a flat channel's plugin options, as docs/simulator.md tells the suite to map them.
    private static final String FLAT_CLIENT_USER_ID = "ID";
    private static final String FLAT_MEDIA_CONTENT_KEY = "MCK";
    private static final String FLAT_START_AT = "TM";
    private static final String FLAT_PLAYTIME = "PT";
    private static final String FLAT_REAL_PLAYTIME = "real_playtime";
    private static final String FLAT_LAST_PLAY_AT = "ET";
    private static final String FLAT_DURATION = "DUR";
    private static final String FLAT_STATUS = "status";
    // Followed by the 1-based block number: B1, T1 for the first block.
    private static final String FLAT_BLOCK_WATCHED = "B";
    private static final String FLAT_BLOCK_TIME = "T";
    private static final String STATUS_PLAY = "play";
    private static final String STATUS_STOP = "stop";

    private final Viewer viewer;
    private final Episode episode;
    private final long startAt;
    private final int blockCount;
    private final String serviceAccountKey;
    private final String channelKey;
    private final boolean[] watched;
    private int position;
    private long playtime;
    private long realPlaytime;
    private long runtime;
    private long showtime;
    private boolean paused;

    public ViewerSession(Viewer viewer, Episode episode, long startAt, int blockCount, String serviceAccountKey,
                         String channelKey) {
        this.viewer = viewer;
        this.episode = episode;
        this.startAt = startAt;
        this.blockCount = blockCount;
        this.serviceAccountKey = serviceAccountKey;
        this.channelKey = channelKey;
        this.watched = new boolean[episode.durationSeconds()];
    }

    /** Plays {@code seconds} at normal speed from the current position, stopping at the end. */
    public void play(int seconds) {
        int end = Math.min(watched.length, position + seconds);
        for (int second = position; second < end; second++) {
            realPlaytime += watched[second] ? 0 : 1;
            watched[second] = true;
        }
        playtime += end - position;
        runtime += end - position;
        showtime += end - position;
        position = end;
        paused = false;
    }

    /** Stays paused {@code seconds}: the player runs, nothing plays. */
    public void pause(int seconds) {
        runtime += seconds;
        paused = true;
    }

    public void seek(int to) {
        position = Math.max(0, Math.min(watched.length, to));
    }

    public int position() {
        return position;
    }

    public boolean ended() {
        return position >= watched.length;
    }

    public long startAt() {
        return startAt;
    }

    public Viewer viewer() {
        return viewer;
    }

    public Episode episode() {
        return episode;
    }

    /**
     * The progress the LMS service owes: blocks watched through, times 100, over the block count; for a
     * channel that sends no block information, the real playtime, times 100, over the duration.
     */
    public int expectedPercent(boolean blockInfo) {
        if (!blockInfo) {
            return (int) (realPlaytime * 100 / watched.length);
        }
        int through = 0;
        for (int block = 0; block < blockCount; block++) {
            through += watchedThrough(block) ? 1 : 0;
        }
        return through * 100 / blockCount;
    }

    /** The session's cumulative {@code json_data} document now, {@code block_info} only with {@code blockInfo}. */
    public String document(boolean blockInfo) {
        ObjectNode document = JSON.createObjectNode();
        document.putObject("user_info")
                .put("content_provider_key", serviceAccountKey)
                .put("client_user_id", viewer.clientUserId())
                .put("player_id", viewer.playerId())
                .put("hardware_id", "")
                .put("host_name", "kollus-simulator.local")
                .put("device", viewer.deviceName());
        int duration = watched.length;
        document.putObject("content_info")
                .put("media_content_key", episode.mediaContentKey())
                .put("channel_key", channelKey)
                .put("encoding_profile", episode.profileKey())
                .put("duration", duration)
                .put("start_at", startAt)
                .put("last_play_at", position)
                .put("playtime", playtime)
                .put("real_playtime", realPlaytime)
                .put("playtime_percent", realPlaytime * 100 / duration)
                .put("runtime", runtime)
                .put("showtime", showtime);
        if (blockInfo) {
            ObjectNode blocks = document.putObject("block_info").put("block_count", blockCount).putObject("blocks");
            for (int block = 0; block < blockCount; block++) {
                int seconds = watchedIn(block);
                int length = high(block) - low(block);
                blocks.put("b" + block, watchedThrough(block) ? 1 : 0)
                        .put("t" + block, seconds)
                        .put("p" + block, length == 0 ? 100 : seconds * 100 / length);
            }
        }
        document.putObject("uservalues").put("uservalue0", "kollus-simulator");
        return document.toString();
    }

    /**
     * The session's values now as a channel without the document sends them: renamed flat parameters,
     * blocks numbered from 1 and without their percent, and whether the player plays or stopped.
     */
    public Map<String, String> flatParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(FLAT_CLIENT_USER_ID, viewer.clientUserId());
        parameters.put(FLAT_MEDIA_CONTENT_KEY, episode.mediaContentKey());
        parameters.put(FLAT_START_AT, Long.toString(startAt));
        parameters.put(FLAT_PLAYTIME, Long.toString(playtime));
        parameters.put(FLAT_REAL_PLAYTIME, Long.toString(realPlaytime));
        parameters.put(FLAT_LAST_PLAY_AT, Integer.toString(position));
        parameters.put(FLAT_DURATION, Integer.toString(watched.length));
        for (int block = 0; block < blockCount; block++) {
            parameters.put(FLAT_BLOCK_WATCHED + (block + 1), watchedThrough(block) ? "1" : "0");
        }
        for (int block = 0; block < blockCount; block++) {
            parameters.put(FLAT_BLOCK_TIME + (block + 1), Integer.toString(watchedIn(block)));
        }
        parameters.put(FLAT_STATUS, paused || ended() ? STATUS_STOP : STATUS_PLAY);
        return parameters;
    }

    private int low(int block) {
        return (int) ((long) block * watched.length / blockCount);
    }

    private int high(int block) {
        return (int) ((long) (block + 1) * watched.length / blockCount);
    }

    private boolean watchedThrough(int block) {
        return watchedIn(block) == high(block) - low(block);
    }

    private int watchedIn(int block) {
        int seconds = 0;
        for (int second = low(block); second < high(block); second++) {
            seconds += watched[second] ? 1 : 0;
        }
        return seconds;
    }
}
