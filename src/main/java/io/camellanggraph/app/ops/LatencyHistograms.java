package io.camellanggraph.app.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.camellanggraph.callback.LatencyListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The callback path's latencies as Prometheus histograms (buckets, so p99 can be graphed):
 * app-added latency, from a claim's receipt to the hand-over of its outcome [langgraph_callback_dispatch_seconds_bucket],
 * and confirmation latency, how long the LangGraph server took to confirm a claim [langgraph_callback_confirm_seconds_bucket].
 */
final class LatencyHistograms implements LatencyListener {

    private final Timer dispatch;
    private final Timer confirm;

    LatencyHistograms(MeterRegistry registry) {
        dispatch = histogram(registry, "langgraph.callback.dispatch",
                "App-added latency: from an outcome's receipt to its hand-over to the route or waiting exchange");
        confirm = histogram(registry, "langgraph.callback.confirm",
                "Confirmation latency: how long the LangGraph server took to confirm a webhook claim");
    }

    @Override
    public void confirmed(String dedupKey, long millis) {
        confirm.record(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void dispatched(String dedupKey, long appAddedMillis) {
        dispatch.record(appAddedMillis, TimeUnit.MILLISECONDS);
    }

    private static Timer histogram(MeterRegistry registry, String name, String description) {
        // buckets from 1 ms to 30 s: below, the app adds nothing worth a bucket; above, the reconciler takes over
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }
}
