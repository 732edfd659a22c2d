package org.kollussuite.player;

import io.quarkus.test.junit.QuarkusTest;
import org.kollussuite.commons.testing.ServiceContractTest;

@QuarkusTest
class PlayerServiceContractTest extends ServiceContractTest {
}
