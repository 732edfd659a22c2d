package org.kollussuite.player.domain;

import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;

import java.util.Map;

/** Decides one kind of player callback: the payload to sign, or a signed refusal of what cannot be decided. */
public interface CallbackDecider {

    /** The callback's name in metrics and the rejected-callback record: play, drm or next-episode. */
    String callback();

    Map<String, Object> decide(Channel channel, CallbackParameters parameters, String sourceAddress);

    /**
     * A denial of a callback that cannot be decided, recorded for operators with {@code error} and
     * {@code message}; the viewer reads only the channel's configured text, never parser output.
     */
    Map<String, Object> refuse(Channel channel, CallbackParameters parameters, String sourceAddress, String error,
                               String message);
}
