package org.kollussuite.player.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.config.Channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code kollus.player.decisions{channel,callback,kind,result}}, {@code kollus.player.next.episode.none{channel,reason}} and the latency histogram
 * {@code kollus.player.decision.duration{callback}} (from the request being read to the answer being signed).
 */
@ApplicationScoped
public class DecisionMetrics {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void decided(Channel channel, String callback, Integer kind, boolean allowed) {
        registry.counter("kollus.player.decisions", "channel", channel.alias(), "callback", callback,
                "kind", kindLabel(callback, kind), "result", allowed ? "allowed" : "denied").increment();
    }

    /** A received kind becomes a label only when the callback documents it: any other value would be a new series. */
    static String kindLabel(String callback, Integer kind) {
        if (kind == null) {
            return "unknown";
        }
        boolean documented = switch (callback) {
            case PlayDecisions.CALLBACK -> kind == PlayRequest.BEFORE_PLAYBACK || kind == PlayRequest.PLAYER_READY;
            case DrmDecisions.CALLBACK -> kind >= DrmItem.DOWNLOAD && kind <= DrmItem.OFFLINE_PLAY;
            default -> false;
        };
        return documented ? kind.toString() : "invalid";
    }

    /** A next-episode answer without a next episode, and why (a fixed set of reasons). */
    public void noNextEpisode(Channel channel, String reason) {
        registry.counter("kollus.player.next.episode.none", "channel", channel.alias(), "reason", reason).increment();
    }

    public void took(String callback, long startNanos) {
        timers.computeIfAbsent(callback, name -> Timer.builder("kollus.player.decision.duration")
                        .description("Time to decide and sign a player callback answer")
                        .tag("callback", name)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
