package org.kollussuite.simulator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kollussuite.simulator.delivery.Redelivery;

import java.io.IOException;

/**
 * Judges the answers to the callbacks whose body Kollus ignores, against what the suite promises
 * (suite-contract.md §2): platform callbacks answered accepted or duplicate, LMS snapshots {"result":1}.
 */
public final class SuiteAnswerCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteAnswerCheck() {
    }

    /**
     * A fresh callback delivered at once is due {@code accepted}, a re-sent one {@code duplicate};
     * after a failed attempt either is right, since the failed attempt may have been stored.
     */
    public static void platform(Redelivery.Delivery delivery, boolean resent, Violations.Sink sink) {
        if (!delivered(delivery, sink)) {
            return;
        }
        String result = json(delivery.lastAnswer().body()).path("result").asText("");
        boolean due = delivery.attempts() > 1 ? result.equals("accepted") || result.equals("duplicate")
                : result.equals(resent ? "duplicate" : "accepted");
        if (!due) {
            sink.violation("answer", "answered result '" + result + "', " + (resent ? "duplicate" : "accepted") + " was due");
        }
    }

    public static void lms(Redelivery.Delivery delivery, Violations.Sink sink) {
        if (delivered(delivery, sink) && json(delivery.lastAnswer().body()).path("result").asInt(-1) != 1) {
            sink.violation("answer", "a stored snapshot is due {\"result\":1}");
        }
    }

    private static boolean delivered(Redelivery.Delivery delivery, Violations.Sink sink) {
        if (!delivery.delivered()) {
            sink.violation("given-up", "not delivered after " + delivery.attempts() + " attempt(s), last: "
                    + delivery.lastAnswer().outcome());
        }
        return delivery.delivered();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
