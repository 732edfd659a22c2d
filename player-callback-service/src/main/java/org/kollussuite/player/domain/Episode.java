package org.kollussuite.player.domain;

import java.time.Instant;

/** A content currently in a channel, as next-episode answers need it. */
public record Episode(String mediaContentKey, String title, Instant addedAt) {
}
