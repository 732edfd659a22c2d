package org.kollussuite.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.kollussuite.commons.testing.WebhookReceiver;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The CMS/LMS end of the suite: a real HTTP receiver that checks every delivery with the reference Standard
 * Webhooks verifier as it arrives, answers 401 to a bad signature, and keeps what it accepted.
 */
final class SignedWebhooks implements AutoCloseable {

    static final String PATH = "/kollus-events";

    /** One accepted delivery: its {@code webhook-id} and the CloudEvent it carried. */
    record Delivery(String webhookId, String type, String subject, String channel, String user, JsonNode data) {

        /** What makes two deliveries the same fact: type, subject and user, whatever their ids. */
        String fact() {
            return type + " " + subject + " " + user;
        }
    }

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final Webhook verifier;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    SignedWebhooks(String secret) {
        this.verifier = new Webhook(secret);
        receiver.on(PATH, this::check);
    }

    String url() {
        return receiver.url(PATH);
    }

    List<Delivery> deliveries(Predicate<Delivery> filter) {
        return deliveries.stream().filter(filter).toList();
    }

    /** Deliveries that failed verification: the signature, the content type or the body. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** Facts delivered under more than one {@code webhook-id}: an event published twice. */
    static Map<String, Set<String>> doubled(List<Delivery> deliveries) {
        return deliveries.stream().collect(Collectors.groupingBy(Delivery::fact,
                        Collectors.mapping(Delivery::webhookId, Collectors.toSet())))
                .entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private WebhookReceiver.Answer check(WebhookReceiver.Received request) {
        String id = request.header("webhook-id");
        try {
            verifier.verify(request.body(), request.headers());
            if (!"application/cloudevents+json".equals(request.header("content-type"))) {
                throw new WebhookVerificationException("content type " + request.header("content-type"));
            }
            JsonNode event = Http.JSON.readTree(request.body());
            if (!event.path("id").asText().equals(id)) {
                throw new WebhookVerificationException("webhook-id " + id + " is not the event id");
            }
            deliveries.add(new Delivery(id, event.path("type").asText(), event.path("subject").asText(null),
                    event.path("kolluschannel").asText(null), event.path("kollususer").asText(null), event.path("data")));
            return WebhookReceiver.Answer.ok();
        } catch (WebhookVerificationException | IOException e) {
            refused.add(id + ": " + e.getMessage());
            return WebhookReceiver.Answer.status(401);
        }
    }

    @Override
    public void close() {
        receiver.close();
    }
}
