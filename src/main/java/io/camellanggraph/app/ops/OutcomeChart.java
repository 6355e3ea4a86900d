package io.camellanggraph.app.ops;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.InboxRecord;
import io.camellanggraph.store.UnconfirmedClaim;

/**
 * The data of the page's chart: outcomes received per minute over the last hour, one series per run status
 * ({@code success}, {@code error}, {@code timeout} ...; a success that stopped at an interrupt, as far as the
 * {@link RunTimeline} saw it, counts as {@code interrupted}), plus the dead letters among them and the claims the
 * server did not confirm. The page draws it (SVG); nothing here knows about drawing.
 */
final class OutcomeChart {

    static final int MINUTES = 60;
    private static final long MINUTE = 60_000;
    /** Enough for a busy hour; beyond it the chart shows the newest ones (the scrape's counters have them all). */
    private static final int MAX_OUTCOMES = 10_000;
    /** However many pages poll, the inbox is read for the chart at most this often. */
    private static final long REUSED_MILLIS = 5_000;

    private final ObjectMapper mapper;
    private final RunTimeline timeline;
    private final DeliveryView deliveries;
    private volatile ObjectNode last;
    private volatile long lastAt;

    OutcomeChart(ObjectMapper mapper, RunTimeline timeline, DeliveryView deliveries) {
        this.mapper = mapper;
        this.timeline = timeline;
        this.deliveries = deliveries;
    }

    ObjectNode lastHour(CallbackStore store, long now) {
        ObjectNode chart = last;
        if (chart == null || now - lastAt >= REUSED_MILLIS) {
            chart = compute(store, now);
            last = chart;
            lastAt = now;
        }
        return chart;
    }

    private ObjectNode compute(CallbackStore store, long now) {
        long end = (now / MINUTE + 1) * MINUTE;
        long start = end - MINUTES * MINUTE;
        Map<String, int[]> series = new TreeMap<>();
        for (InboxRecord record : store.recent(MAX_OUTCOMES)) {
            if (record.entry().receivedAt() < start) {
                // newest first: the rest is older still
                break;
            }
            int minute = (int) ((record.entry().receivedAt() - start) / MINUTE);
            if (minute >= MINUTES) {
                continue;
            }
            RunTimeline.Stages seen = timeline.of(record.entry().dedupKey());
            String status = seen != null && seen.interrupts != null ? "interrupted"
                    : deliveries.body(record.entry().body()).path("status").asText("unknown");
            series.computeIfAbsent(status, k -> new int[MINUTES])[minute]++;
            if ("failed".equals(record.state())) {
                series.computeIfAbsent("dead letter", k -> new int[MINUTES])[minute]++;
            }
        }
        for (UnconfirmedClaim claim : store.unconfirmed(MAX_OUTCOMES)) {
            if (claim.at() < start) {
                break;
            }
            int minute = (int) ((claim.at() - start) / MINUTE);
            if (minute < MINUTES) {
                series.computeIfAbsent("unconfirmed", k -> new int[MINUTES])[minute]++;
            }
        }
        ObjectNode chart = mapper.createObjectNode().put("start", start).put("minuteMillis", MINUTE).put("minutes", MINUTES);
        ObjectNode out = chart.putObject("series");
        series.forEach((name, counts) -> {
            ArrayNode values = out.putArray(name);
            for (int count : counts) {
                values.add(count);
            }
        });
        return chart;
    }
}
