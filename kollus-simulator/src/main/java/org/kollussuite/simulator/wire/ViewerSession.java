package org.kollussuite.simulator.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One viewing session of one viewer on one content, as the Kollus player tracks it for the LMS
 * callback (kollus-callbacks.md §5): the position, the cumulative times of §5.2 and the seconds
 * watched, from which each snapshot's blocks are derived. Not thread-safe: one session, one caller.
 */
public final class ViewerSession {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    }

    /** Stays paused {@code seconds}: the player runs, nothing plays. */
    public void pause(int seconds) {
        runtime += seconds;
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

    /** Blocks watched through, times 100, over the block count: the progress the LMS service owes. */
    public int expectedPercent() {
        int through = 0;
        for (int block = 0; block < blockCount; block++) {
            through += watchedIn(block) == high(block) - low(block) ? 1 : 0;
        }
        return through * 100 / blockCount;
    }

    /** The session's cumulative {@code json_data} document now. */
    public String snapshot() {
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
        ObjectNode blockInfo = document.putObject("block_info").put("block_count", blockCount);
        ObjectNode blocks = blockInfo.putObject("blocks");
        for (int block = 0; block < blockCount; block++) {
            int seconds = watchedIn(block);
            int length = high(block) - low(block);
            blocks.put("b" + block, seconds == length ? 1 : 0)
                    .put("t" + block, seconds)
                    .put("p" + block, length == 0 ? 100 : seconds * 100 / length);
        }
        document.putObject("uservalues").put("uservalue0", "kollus-simulator");
        return document.toString();
    }

    private int low(int block) {
        return (int) ((long) block * watched.length / blockCount);
    }

    private int high(int block) {
        return (int) ((long) (block + 1) * watched.length / blockCount);
    }

    private int watchedIn(int block) {
        int seconds = 0;
        for (int second = low(block); second < high(block); second++) {
            seconds += watched[second] ? 1 : 0;
        }
        return seconds;
    }
}
