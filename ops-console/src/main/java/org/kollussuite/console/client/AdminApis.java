package org.kollussuite.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.kollussuite.console.config.AdminTokenConfig;
import org.kollussuite.console.config.ConsoleConfig;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The four services' admin APIs as REST clients with short timeouts and the admin bearer token, and the
 * one place where a call's failure (down, slow, refused) becomes a {@link Result} instead of an exception.
 */
@ApplicationScoped
public class AdminApis {

    private static final Logger LOG = Logger.getLogger(AdminApis.class);

    /** Readiness of one service: UP or DOWN, and the body of the health endpoint. */
    @io.quarkus.qute.TemplateData
    public record Readiness(String status, JsonNode checks) {

        public boolean up() {
            return "UP".equals(status);
        }
    }

    private final Map<Service, String> baseUrls = new EnumMap<>(Service.class);
    private final Map<Service, HealthApi> health = new EnumMap<>(Service.class);
    private final PlatformApi platform;
    private final PlayerApi player;
    private final LmsApi lms;
    private final LmsApi lmsActions;
    private final NotifierApi notifier;
    private final ObjectMapper mapper;

    public AdminApis(ConsoleConfig config, AdminTokenConfig token, ObjectMapper mapper) {
        this.mapper = mapper;
        baseUrls.put(Service.PLATFORM, config.platformUrl());
        baseUrls.put(Service.PLAYER, config.playerUrl());
        baseUrls.put(Service.LMS, config.lmsUrl());
        baseUrls.put(Service.NOTIFIER, config.notifierUrl());
        ClientRequestFilter bearer = request -> request.getHeaders()
                .putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.apiToken());
        for (Service service : Service.values()) {
            health.put(service, client(config, service, bearer, HealthApi.class));
        }
        platform = client(config, Service.PLATFORM, bearer, PlatformApi.class);
        player = client(config, Service.PLAYER, bearer, PlayerApi.class);
        lms = client(config, Service.LMS, bearer, LmsApi.class);
        lmsActions = client(config, Service.LMS, bearer, LmsApi.class, config.actionTimeout());
        notifier = client(config, Service.NOTIFIER, bearer, NotifierApi.class);
    }

    private <T> T client(ConsoleConfig config, Service service, ClientRequestFilter bearer, Class<T> api) {
        return client(config, service, bearer, api, config.readTimeout());
    }

    private <T> T client(ConsoleConfig config, Service service, ClientRequestFilter bearer, Class<T> api,
                         Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrls.get(service)))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(bearer)
                .build(api);
    }

    public <T> Result<T> platform(Function<PlatformApi, T> call) {
        return call(Service.PLATFORM, platform, call);
    }

    public <T> Result<T> player(Function<PlayerApi, T> call) {
        return call(Service.PLAYER, player, call);
    }

    public <T> Result<T> lms(Function<LmsApi, T> call) {
        return call(Service.LMS, lms, call);
    }

    /** A call of lms-service that may take long (re-applying a channel), waited for up to {@code CONSOLE_ACTION_TIMEOUT}. */
    public <T> Result<T> lmsAction(Function<LmsApi, T> call) {
        return call(Service.LMS, lmsActions, call);
    }

    public <T> Result<T> notifier(Function<NotifierApi, T> call) {
        return call(Service.NOTIFIER, notifier, call);
    }

    /** The service's {@code /q/health/ready}: a 503 answer is a DOWN readiness, not a failure to ask. */
    public Result<Readiness> readiness(Service service) {
        return call(service, health.get(service), api -> {
            try (Response response = api.ready()) {
                return new Readiness("UP", mapper.readTree(response.readEntity(String.class)));
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() != 503) {
                    throw e;
                }
                return new Readiness("DOWN", body(e.getResponse()));
            } catch (java.io.IOException e) {
                return new Readiness("UP", null);
            }
        });
    }

    private <A, T> Result<T> call(Service service, A api, Function<A, T> call) {
        try {
            return Result.ok(service, call.apply(api));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            JsonNode body = body(e.getResponse());
            String message = body != null && body.hasNonNull("message") ? body.get("message").asText() : "no explanation";
            return Result.refused(service, status, service.label() + " answered " + status + ": " + message);
        } catch (ProcessingException e) {
            LOG.debugf("%s at %s did not answer: %s", service.label(), baseUrls.get(service), e.getMessage());
            return Result.unreachable(service, service.label() + " is down or not reachable at " + baseUrls.get(service)
                    + " (" + reason(e) + ")");
        }
    }

    private JsonNode body(Response response) {
        try {
            return mapper.readTree(response.readEntity(String.class));
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    private static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return "no answer in time";
            }
        }
        return "connection failed";
    }
}
