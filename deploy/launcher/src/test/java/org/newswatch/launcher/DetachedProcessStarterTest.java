package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetachedProcessStarterTest {

    @TempDir
    Path root;

    @Test
    void aStepRunsUntilNewStartsAreRefused() {
        DetachedProcessStarter starter = new DetachedProcessStarter(new StateDirectory(root));

        assertEquals("started", starter.startStep("Kafka", () -> "started"));

        starter.refuseNewStarts();
        AtomicBoolean ran = new AtomicBoolean();
        LaunchFailure failure = assertThrows(LaunchFailure.class, () -> starter.startStep("PostgreSQL", () -> {
            ran.set(true);
            return "started";
        }));
        assertFalse(ran.get());
        assertEquals("stopping: PostgreSQL was not started", failure.getMessage());
    }

    @Test
    void refusingWaitsForTheStepUnderWay() throws Exception {
        DetachedProcessStarter starter = new DetachedProcessStarter(new StateDirectory(root));
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch finishStep = new CountDownLatch(1);
        CompletableFuture<String> step = CompletableFuture.supplyAsync(() -> starter.startStep("PostgreSQL", () -> {
            inStep.countDown();
            await(finishStep);
            return "started";
        }));
        assertTrue(inStep.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> refusal = CompletableFuture.runAsync(starter::refuseNewStarts);
        Thread.sleep(200);
        assertFalse(refusal.isDone(), "the stop waits until the step under way has finished");

        finishStep.countDown();
        refusal.get(10, TimeUnit.SECONDS);
        assertEquals("started", step.get(10, TimeUnit.SECONDS));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
