package org.kollussuite.simulator.wire;

/**
 * One element of a DRM callback's {@code items} array. {@code startAt} and {@code sessionKey} are
 * those of an offline playback (kind 3), null for the other kinds.
 */
public record DrmItem(int kind, Viewer viewer, String mediaContentKey, Long startAt, String sessionKey) {
}
