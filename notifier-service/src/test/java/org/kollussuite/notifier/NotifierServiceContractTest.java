package org.kollussuite.notifier;

import io.quarkus.test.junit.QuarkusTest;
import org.kollussuite.commons.testing.ServiceContractTest;

@QuarkusTest
class NotifierServiceContractTest extends ServiceContractTest {
}
