package org.kollussuite.simulator.wire;

/** One uploaded file and its playback key in the simulated channel, as Kollus names them. */
public record Episode(String uploadFileKey, String filename, String fullFilename, String mediaContentKey,
                      String channelName, String profileKey, int durationSeconds) {
}
