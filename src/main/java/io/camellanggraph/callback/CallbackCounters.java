package io.camellanggraph.callback;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts what happened to callbacks, for health, metrics and the tests: received, refused by reason, routed ...; and
 * passes each outcome's latencies on to the {@link LatencyListener}s (histograms, timelines) that want them.
 */
public final class CallbackCounters {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final List<Consumer<String>> newNameListeners = new CopyOnWriteArrayList<>();
    private final List<LatencyListener> latencyListeners = new CopyOnWriteArrayList<>();

    public void addLatencyListener(LatencyListener listener) {
        latencyListeners.add(listener);
    }

    /** The server confirmed a claim: counted as {@code confirm.ms}/{@code confirm.count}, and told to the listeners. */
    public void confirmed(String dedupKey, long millis) {
        add("confirm.ms", millis);
        increment("confirm.count");
        latencyListeners.forEach(l -> l.confirmed(dedupKey, millis));
    }

    /** An outcome was handed over, {@code appAddedMillis} after its receipt: {@code dispatch.ms}/{@code dispatch.count}. */
    public void dispatched(String dedupKey, long appAddedMillis) {
        add("dispatch.ms", appAddedMillis);
        increment("dispatch.count");
        latencyListeners.forEach(l -> l.dispatched(dedupKey, appAddedMillis));
    }

    public void increment(String name) {
        add(name, 1);
    }

    /** Adds {@code amount} (e.g. milliseconds of a latency sum) to the counter {@code name}. */
    public void add(String name, long amount) {
        LongAdder adder = counters.get(name);
        if (adder == null) {
            LongAdder created = new LongAdder();
            adder = counters.putIfAbsent(name, created);
            if (adder == null) {
                adder = created;
                created.add(amount);
                newNameListeners.forEach(listener -> listener.accept(name));
                return;
            }
        }
        adder.add(amount);
    }

    /** Tells {@code listener} every counter name, those counted so far now and each new one when first counted (metrics). */
    public void onNewName(Consumer<String> listener) {
        newNameListeners.add(listener);
        counters.keySet().forEach(listener);
    }

    public long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }
}
