package org.kollussuite.player.domain;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CacheLoadersTest {

    @Test
    void aLoadThatCannotEvenWaitIsRefusedAtOnceInsteadOfQueued() throws InterruptedException {
        CacheLoaders loaders = new CacheLoaders(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(2);
        Runnable blocked = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.countDown();
        };
        loaders.executor().execute(blocked);
        loaders.executor().execute(blocked);

        assertThrows(RejectedExecutionException.class, () -> loaders.executor().execute(ran::countDown));

        release.countDown();
        assertTrue(ran.await(5, TimeUnit.SECONDS), "the loads that were let in all ran");
    }

    @Test
    void anEntryWeighsMoreTheLongerItsIdsAndTheMoreItsEntitlements() {
        EntitlementCache.Key shortKey = new EntitlementCache.Key("channel", "u");
        EntitlementCache.Key longKey = new EntitlementCache.Key("channel", "u".repeat(200));
        Entitlement one = new Entitlement(1, "u", "channel", "content", null, null, false, null);

        assertTrue(EntitlementCache.weight(longKey, List.of()) > EntitlementCache.weight(shortKey, List.of()));
        assertTrue(EntitlementCache.weight(shortKey, List.of(one, one)) > EntitlementCache.weight(shortKey, List.of(one)));
    }
}
