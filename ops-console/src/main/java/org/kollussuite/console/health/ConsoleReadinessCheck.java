package org.kollussuite.console.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kollussuite.console.client.Service;
import org.kollussuite.console.config.ConsoleConfig;

/**
 * The console is ready once it has started with a valid configuration. It deliberately does not follow
 * the services' readiness: its pages are what shows an operator that a service is down, so it must stay
 * in rotation exactly then. The base URLs it uses are reported to help spot a wrong setting.
 */
@Readiness
@ApplicationScoped
public class ConsoleReadinessCheck implements HealthCheck {

    private final ConsoleConfig config;

    public ConsoleReadinessCheck(ConsoleConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ops-console").up()
                .withData(Service.PLATFORM.label(), config.platformUrl())
                .withData(Service.PLAYER.label(), config.playerUrl())
                .withData(Service.LMS.label(), config.lmsUrl())
                .withData(Service.NOTIFIER.label(), config.notifierUrl())
                .build();
    }
}
