package io.camellanggraph.callback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Exchanges waiting for their run's callback ({@code awaitWebhook=true}), keyed by correlation id. Nothing is
 * parked on a thread: a waiter is a map entry and a timeout task; whoever delivers the outcome (receiver or
 * reconciler) resumes it. Registered before the run is created, because the callback can beat the create
 * response.
 */
public final class Correlator {

    /** How many timed-out correlation ids are remembered, so their late outcomes are settled at once. */
    static final int EXPIRED_KEPT = 10_000;

    private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    /** Correlation ids whose waiter timed out in this JVM (the newest ones): nobody will ever take their outcome here. */
    private final Map<String, Boolean> expired = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > EXPIRED_KEPT;
        }
    });

    public Correlator(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Registers a waiter: {@code onDelivery} with the outcome, or {@code onTimeout} after {@code timeoutMillis}, or
     * {@code onStop} when the callback path stops first ({@link #stopAll()}): exactly one of them runs.
     */
    public void await(String correlationId, long timeoutMillis, Consumer<CallbackDelivery> onDelivery, Runnable onTimeout,
            Runnable onStop) {
        Waiter waiter = new Waiter(onDelivery, onStop);
        waiters.put(correlationId, waiter);
        if (timeoutMillis > 0) {
            try {
                waiter.timeout = timer.schedule(() -> {
                    if (waiters.remove(correlationId, waiter)) {
                        expired.put(correlationId, Boolean.TRUE);
                        onTimeout.run();
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) {
                // a waiter without its timeout would wait forever: refuse it instead
                waiters.remove(correlationId, waiter);
                throw rejected;
            }
        }
    }

    /**
     * The callback path stops: every waiting exchange fails now (its {@code onStop}) instead of hanging until its
     * timeout, which would never fire once the scheduler is shut down. Returns how many were waiting.
     */
    public int stopAll() {
        int stopped = 0;
        for (String correlationId : waiters.keySet()) {
            Waiter waiter = waiters.remove(correlationId);
            if (waiter != null) {
                if (waiter.timeout != null) {
                    waiter.timeout.cancel(false);
                }
                waiter.onStop.run();
                stopped++;
            }
        }
        return stopped;
    }

    /** Forgets a waiter whose run could not be created. */
    public void cancel(String correlationId) {
        Waiter waiter = waiters.remove(correlationId);
        if (waiter != null && waiter.timeout != null) {
            waiter.timeout.cancel(false);
        }
    }

    /** Resumes the waiting exchange; {@code false} when nobody waits for this correlation id. */
    boolean complete(String correlationId, CallbackDelivery delivery) {
        Waiter waiter = correlationId == null ? null : waiters.remove(correlationId);
        if (waiter == null) {
            return false;
        }
        if (waiter.timeout != null) {
            waiter.timeout.cancel(false);
        }
        waiter.onDelivery.accept(delivery);
        return true;
    }

    /** Whether a waiter for this correlation id timed out in this JVM (its outcome, if it comes, came too late). */
    boolean hasExpired(String correlationId) {
        return correlationId != null && expired.containsKey(correlationId);
    }

    public int size() {
        return waiters.size();
    }

    private static final class Waiter {
        final Consumer<CallbackDelivery> onDelivery;
        final Runnable onStop;
        volatile ScheduledFuture<?> timeout;

        Waiter(Consumer<CallbackDelivery> onDelivery, Runnable onStop) {
            this.onDelivery = onDelivery;
            this.onStop = onStop;
        }
    }
}
