package org.kollussuite.lms;

import io.quarkus.test.junit.QuarkusTest;
import org.kollussuite.commons.testing.ServiceContractTest;

@QuarkusTest
class LmsServiceContractTest extends ServiceContractTest {
}
