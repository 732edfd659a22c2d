package org.kollussuite.simulator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kollussuite.simulator.delivery.Redelivery;
import org.kollussuite.simulator.http.Answer;

import java.io.IOException;

/**
 * Judges the answers to the callbacks whose body Kollus ignores, against what the suite promises
 * (suite-contract.md §2): platform callbacks answered accepted or duplicate, LMS snapshots 200 {"result":1}.
 */
public final class SuiteAnswerCheck {

    /** An LMS snapshot that got an HTTP answer other than 200 {"result":1}: the player drops it. */
    private static final String SNAPSHOT_LOST = "snapshot-lost";

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

    /**
     * The player re-sends a snapshot only when it got no answer at all, so any HTTP answer is final: one
     * other than 200 {"result":1} tells of a snapshot the suite may not have stored, and it is lost.
     */
    public static void lms(Redelivery.Delivery delivery, Violations.Sink sink) {
        Answer answer = delivery.lastAnswer();
        if (!answer.answered()) {
            delivered(delivery, sink);
        } else if (answer.status() != 200 || json(answer.body()).path("result").asInt(-1) != 1) {
            sink.violation(SNAPSHOT_LOST, "snapshot lost: the player does not re-send after an HTTP answer, and this one was "
                    + (answer.status() == 200 ? "200 without {\"result\":1}" : answer.status() + ", not 200"));
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
