package org.kollussuite.simulator.wire;

/** One end user on one device, as the Kollus player describes them in its callbacks. */
public record Viewer(String clientUserId, String playerId, String deviceName) {
}
