package org.kollussuite.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service in turn is killed with SIGKILL while Kollus keeps calling, and started again as a supervisor
 * would: what was acknowledged survives, retries fill in what was not, and nothing is published twice.
 */
@ExtendWith(SuiteExtension.class)
class ServiceKillsIT {

    @Test
    void killingEachServiceUnderLoadLosesNoAcknowledgedCallback(Suite suite) throws Exception {
        try (KollusLoad load = new KollusLoad(suite)) {
            load.start();
            Set<Integer> killedPlayers = load.killEachServiceInTurn(0);
            load.stop();

            assertTrue(load.statuses("upload").containsKey(0), "some uploads met the killed platform service");
            assertTrue(load.statuses("lms").containsKey(KollusLoad.NO_ANSWER), "some snapshots met the killed lms service");
            load.resendUntilAcknowledged();
            load.assertNothingLostNorDoubled(killedPlayers);
        }
    }
}
