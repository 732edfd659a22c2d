package org.kollussuite.commons.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A queue consumer that resumes by itself: it owns a connection that never recovers on its own
 * ({@link BrokerConnections}), and when that connection or its channel is lost (a broker restart, a
 * cut network, a channel closed by the broker, the consumer cancelled) a supervisor thread opens a
 * new one, declares the topology again and consumes again, backing off up to two seconds between
 * tries. Messages not yet acknowledged on the lost channel are redelivered by the broker, so handlers
 * must be idempotent; an acknowledgement meant for a lost channel is dropped, never sent on the new one.
 * At most {@code prefetch} messages are unacknowledged at once, so a burst of redeliveries can never
 * overflow what the handler queues.
 *
 * <p>Every restart increments {@code kollus.messaging.consumer.restarts{consumer}} and is logged with
 * its reason, and again when consumption resumes.
 */
public final class SupervisedConsumer {

    private static final Logger LOG = Logger.getLogger(SupervisedConsumer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(2);

    /** What becomes of a message once its handler is done. */
    public enum Outcome {
        /** Handled: removed from the queue. */
        ACK,
        /** Can never be handled: rejected without requeue, into the queue's dead-letter exchange if it has one. */
        DEAD_LETTER,
        /** Not handled now (the service is stopping): back to the queue for this or another replica. */
        REQUEUE
    }

    /** Handles one message; the returned stage says what to do with it. Called in queue order, on one thread. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<Outcome> handle(Delivery delivery) throws Exception;
    }

    /** Declares what the consumer needs on a new channel and answers the name of the queue to consume. */
    @FunctionalInterface
    public interface Topology {
        String declare(Channel channel) throws IOException;
    }

    private final String name;
    private final BrokerConnections connections;
    private final Topology topology;
    private final Handler handler;
    private final int prefetch;
    private final boolean autoAck;
    private final Runnable onResumed;
    private final Counter restarts;
    private volatile boolean running;
    /** When consumption last stopped or, before it first started, when the consumer started; null while consuming. */
    private volatile Instant idleSince = Instant.now();
    private volatile String lastProblem = "not started";
    private Thread supervisor;
    private volatile Session session;

    private SupervisedConsumer(Builder builder) {
        this.name = builder.name;
        this.connections = builder.connections;
        this.topology = builder.topology;
        this.handler = builder.handler;
        this.prefetch = builder.prefetch;
        this.autoAck = builder.autoAck;
        this.onResumed = builder.onResumed;
        this.restarts = Counter.builder("kollus.messaging.consumer.restarts")
                .description("Times a consumer lost its channel and opened a new one")
                .tag("consumer", builder.name).register(builder.registry);
    }

    /** A consumer named {@code name} (its connection's name in the broker, its metric tag and health entry). */
    public static Builder builder(String name, BrokerConnections connections, MeterRegistry registry) {
        return new Builder(name, connections, registry);
    }

    /** Settings of a {@link SupervisedConsumer}. */
    public static final class Builder {

        private final String name;
        private final BrokerConnections connections;
        private final MeterRegistry registry;
        private Topology topology;
        private Handler handler;
        private int prefetch = 100;
        private boolean autoAck;
        private Runnable onResumed = () -> {
        };

        private Builder(String name, BrokerConnections connections, MeterRegistry registry) {
            this.name = name;
            this.connections = connections;
            this.registry = registry;
        }

        public Builder topology(Topology topology) {
            this.topology = topology;
            return this;
        }

        public Builder handler(Handler handler) {
            this.handler = handler;
            return this;
        }

        /** Unacknowledged messages at most. */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** The broker forgets each message as it sends it: for notices whose loss costs nothing lasting. */
        public Builder autoAck(boolean autoAck) {
            this.autoAck = autoAck;
            return this;
        }

        /** Runs each time consumption resumes after a loss: messages may have been missed meanwhile. */
        public Builder onResumed(Runnable onResumed) {
            this.onResumed = onResumed;
            return this;
        }

        public SupervisedConsumer build() {
            if (topology == null || handler == null) {
                throw new IllegalStateException(name + ": a topology and a handler are required");
            }
            return new SupervisedConsumer(this);
        }
    }

    public String name() {
        return name;
    }

    /** Whether it is consuming now. */
    public boolean consuming() {
        return idleSince == null;
    }

    /** How long it has not been consuming; zero while it is. */
    public Duration idleFor() {
        Instant since = idleSince;
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
    }

    /** Why it last stopped consuming or could not start. */
    public String lastProblem() {
        return lastProblem;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        idleSince = Instant.now();
        supervisor = new Thread(this::supervise, "consumer-" + name);
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** Stops consuming; messages whose handling has not finished go back to the queue with the connection. */
    public void stop(Duration timeout) throws InterruptedException {
        running = false;
        Thread thread = supervisor;
        if (thread != null) {
            thread.interrupt();
            thread.join(timeout.toMillis());
        }
        Session current = session;
        if (current != null) {
            current.close();
        }
    }

    private void supervise() {
        Duration backoff = FIRST_BACKOFF;
        boolean lost = false;
        int failedTries = 0;
        while (running) {
            Session current = null;
            try {
                current = open();
                session = current;
                Duration idle = idleFor();
                idleSince = null;
                if (lost || failedTries > 0) {
                    LOG.infof("Consumer %s resumed after %d ms", name, idle.toMillis());
                    onResumed.run();
                }
                backoff = FIRST_BACKOFF;
                failedTries = 0;
                String reason = current.awaitLoss();
                if (!running) {
                    break;
                }
                idleSince = Instant.now();
                lastProblem = reason;
                lost = true;
                restarts.increment();
                LOG.warnf("Consumer %s lost its channel (%s); resuming", name, reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | TimeoutException | RuntimeException e) {
                lastProblem = e.toString();
                if (failedTries++ == 0) {
                    LOG.warnf("Consumer %s cannot consume yet, retrying: %s", name, e);
                } else {
                    LOG.debugf("Consumer %s still cannot consume: %s", name, e);
                }
            } finally {
                if (current != null) {
                    current.close();
                }
            }
            if (!sleep(backoff)) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Session open() throws IOException, TimeoutException {
        Connection connection = connections.open(name);
        try {
            Channel channel = connection.createChannel();
            String queue = topology.declare(channel);
            channel.basicQos(prefetch);
            Session opened = new Session(connection, channel);
            connection.addShutdownListener(cause -> opened.lost(describe(cause)));
            channel.basicConsume(queue, autoAck, name, opened.consumer());
            return opened;
        } catch (IOException | RuntimeException e) {
            BrokerConnections.abort(connection);
            throw e;
        }
    }

    private static String describe(ShutdownSignalException cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /** One connection and channel consuming; ends at its first loss. */
    private final class Session {

        private final Connection connection;
        private final Channel channel;
        private final CompletableFuture<String> loss = new CompletableFuture<>();

        Session(Connection connection, Channel channel) {
            this.connection = connection;
            this.channel = channel;
        }

        void lost(String reason) {
            loss.complete(reason);
        }

        /** Blocks until the channel or connection is lost, or the consumer stops; answers why. */
        String awaitLoss() throws InterruptedException {
            while (running) {
                try {
                    return loss.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillConsuming) {
                    if (!channel.isOpen()) {
                        return "the channel closed";
                    }
                } catch (ExecutionException impossible) {
                    return String.valueOf(impossible.getCause());
                }
            }
            return "stopping";
        }

        DefaultConsumer consumer() {
            return new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    CompletionStage<Outcome> outcome;
                    try {
                        outcome = handler.handle(new Delivery(envelope, properties, body));
                    } catch (Exception e) {
                        outcome = CompletableFuture.failedFuture(e);
                    }
                    if (!autoAck) {
                        outcome.whenComplete((settled, failure) -> settle(envelope.getDeliveryTag(), settled, failure));
                    }
                }

                @Override
                public void handleCancel(String consumerTag) {
                    lost("the broker cancelled the consumer");
                }

                @Override
                public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
                    lost(describe(signal));
                }
            };
        }

        private void settle(long tag, Outcome outcome, Throwable failure) {
            if (failure != null) {
                LOG.errorf("Consumer %s could not handle a message, dead-lettering it: %s", name, failure);
                outcome = Outcome.DEAD_LETTER;
            }
            synchronized (channel) {
                if (!channel.isOpen()) {
                    // The broker redelivers it on the next channel; this tag means nothing there.
                    return;
                }
                try {
                    switch (outcome) {
                        case ACK -> channel.basicAck(tag, false);
                        case DEAD_LETTER -> channel.basicReject(tag, false);
                        case REQUEUE -> channel.basicNack(tag, false, true);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debugf("Consumer %s could not settle a message on a closing channel: %s", name, e);
                }
            }
        }

        void close() {
            BrokerConnections.abort(connection);
        }
    }
}
