package org.kollussuite.commons.outbox;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.kollussuite.commons.testing.FaultNodes;

import java.util.Map;

/** An instance on the broker node the tests own, which refuses messages larger than 1 MiB. */
public class FaultBrokerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rabbitmq-host", FaultNodes.HOST,
                "rabbitmq-port", String.valueOf(FaultNodes.RABBITMQ_PORT),
                "rabbitmq-virtual-host", FaultNodes.RABBITMQ_VIRTUAL_HOST);
    }
}
