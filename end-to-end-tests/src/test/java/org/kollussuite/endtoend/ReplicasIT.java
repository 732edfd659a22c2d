package org.kollussuite.endtoend;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two replicas of each service behind a load balancer, as Kubernetes runs them: one replica of each service
 * in turn is killed with SIGKILL under load and started again. The other replica takes over at once, so Kollus
 * gets an answer to every callback, and nothing acknowledged is lost, doubled or delivered out of its
 * subject's order (docs/operations.md, Scaling).
 */
class ReplicasIT {

    @Test
    void killingOneReplicaOfEachServiceUnderLoadLosesDoublesOrReordersNothing() throws Exception {
        try (Suite suite = Suite.startReplicated(); KollusLoad load = new KollusLoad(suite)) {
            load.start();
            Set<Integer> killedPlayers = load.killEachServiceInTurn(0);
            load.stop();

            for (String kind : new String[] {"upload", "transcoding", "lms", "play"}) {
                assertEquals(Set.of(200), load.statuses(kind).keySet(), kind + " answers " + load.statuses(kind)
                        + ": with a replica left, every callback is answered 200 (0: no answer)");
            }
            load.resendUntilAcknowledged();
            load.assertNothingLostNorDoubled(killedPlayers);
        }
    }
}
