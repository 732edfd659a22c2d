package org.kollussuite.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The service's supervised consumers, for its health checks. */
@ApplicationScoped
public class Consumers {

    private final List<SupervisedConsumer> all = new CopyOnWriteArrayList<>();

    /** Starts {@code consumer} and watches it; answers it. */
    public SupervisedConsumer start(SupervisedConsumer consumer) {
        all.add(consumer);
        consumer.start();
        return consumer;
    }

    public List<SupervisedConsumer> all() {
        return List.copyOf(all);
    }
}
