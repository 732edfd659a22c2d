package org.kollussuite.commons.messaging;

/** Names of the reactive-messaging channels the suite configures. */
public final class MessagingChannels {

    /** Outgoing channel bound to the {@code kollus.events} topic exchange, fed only by the outbox relay. */
    public static final String EVENTS_OUT = "kollus-events-out";

    private MessagingChannels() {
    }
}
