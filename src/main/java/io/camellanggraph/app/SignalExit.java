package io.camellanggraph.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The app's exit code after a stop by SIGTERM (systemd, Kubernetes, {@code podman stop}). Camel Main stops the app
 * cleanly within {@code camel.main.shutdown-timeout} from its own shutdown hook, but the JVM still exits with 143
 * (128 + SIGTERM), which service managers count as a failure. This hook holds the JVM's shutdown until the main
 * thread has finished stopping, so that the main thread can end the process with the app's own exit code.
 */
final class SignalExit {

    private final AtomicBoolean signalled = new AtomicBoolean();
    /** Counted down only when the app ends by itself: after a signal the hook waits until the main thread halts. */
    private final CountDownLatch ended = new CountDownLatch(1);

    private SignalExit() {
    }

    /** {@code maxWaitSeconds}: how long a stop may take before the JVM exits anyway (with 143). */
    static SignalExit install(long maxWaitSeconds) {
        SignalExit exit = new SignalExit();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exit.signalled.set(true);
            try {
                exit.ended.await(maxWaitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "camel-langgraph-exit"));
        return exit;
    }

    /** Ends the process with {@code code}; during a signalled shutdown by halting (System.exit would wait for the hooks). */
    void exit(int code) {
        if (signalled.get()) {
            Runtime.getRuntime().halt(code);
        }
        ended.countDown();
        System.exit(code);
    }
}
