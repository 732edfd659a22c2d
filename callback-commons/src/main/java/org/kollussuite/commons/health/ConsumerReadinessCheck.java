package org.kollussuite.commons.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.kollussuite.commons.messaging.Consumers;
import org.kollussuite.commons.messaging.SupervisedConsumer;

/** Ready while every consumer of the service consumes; each consumer's state is in the data. */
@Readiness
@ApplicationScoped
public class ConsumerReadinessCheck implements HealthCheck {

    static final String NAME = "Message consumers";

    private final Consumers consumers;

    public ConsumerReadinessCheck(Consumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        return describe(HealthCheckResponse.named(NAME), consumers)
                .status(consumers.all().stream().allMatch(SupervisedConsumer::consuming)).build();
    }

    static HealthCheckResponseBuilder describe(HealthCheckResponseBuilder builder, Consumers consumers) {
        for (SupervisedConsumer consumer : consumers.all()) {
            builder.withData(consumer.name(), consumer.consuming() ? "consuming"
                    : "idle for " + consumer.idleFor().toSeconds() + " s: " + consumer.lastProblem());
        }
        return builder;
    }
}
