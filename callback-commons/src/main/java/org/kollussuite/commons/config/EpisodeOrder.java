package org.kollussuite.commons.config;

/** How the contents of a channel are ordered to find the next episode. */
public enum EpisodeOrder {
    /** Natural order of title or file name. */
    TITLE,
    /** Order in which contents were added to the channel. */
    ADDED
}
