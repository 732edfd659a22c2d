package org.kollussuite.commons.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.kollussuite.commons.messaging.Consumers;

import java.time.Duration;

/**
 * Alive unless a consumer has not been consuming for longer than {@value #RESUME_LIMIT}: a consumer
 * resumes by itself within seconds of the broker coming back, so one that cannot for that long is
 * stuck, and only a restart of the pod helps.
 */
@Liveness
@ApplicationScoped
public class ConsumerLivenessCheck implements HealthCheck {

    /** How long a consumer may stay idle before the service reports itself not alive. */
    public static final String RESUME_LIMIT = "kollus.messaging.consumer-resume-limit";

    private final Consumers consumers;
    private final Duration limit;

    public ConsumerLivenessCheck(Consumers consumers,
                                 @ConfigProperty(name = RESUME_LIMIT, defaultValue = "PT2M") Duration limit) {
        this.consumers = consumers;
        this.limit = limit;
    }

    @Override
    public HealthCheckResponse call() {
        boolean stuck = consumers.all().stream().anyMatch(consumer -> consumer.idleFor().compareTo(limit) > 0);
        return ConsumerReadinessCheck.describe(HealthCheckResponse.named(ConsumerReadinessCheck.NAME), consumers)
                .withData("resume limit", limit.toString()).status(!stuck).build();
    }
}
