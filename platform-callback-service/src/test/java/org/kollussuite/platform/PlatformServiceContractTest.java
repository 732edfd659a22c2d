package org.kollussuite.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.kollussuite.commons.testing.ServiceContractTest;

@QuarkusTest
class PlatformServiceContractTest extends ServiceContractTest {
}
