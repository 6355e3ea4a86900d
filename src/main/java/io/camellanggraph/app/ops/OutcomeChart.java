package io.camellanggraph.app.ops;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.CallbackStore.OutcomeMark;
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
    /** Enough for a busy hour; beyond it the chart shows the newest ones (the scrape counters have them all). */
    private static final int MAX_MARKS = 100_000;

    private final ObjectMapper mapper;
    private final RunTimeline timeline;

    OutcomeChart(ObjectMapper mapper, RunTimeline timeline) {
        this.mapper = mapper;
        this.timeline = timeline;
    }

    ObjectNode lastHour(CallbackStore store, long now) {
        long end = (now / MINUTE + 1) * MINUTE;
        long start = end - MINUTES * MINUTE;
        Map<String, int[]> series = new TreeMap<>();
        for (OutcomeMark mark : store.receivedSince(start, MAX_MARKS)) {
            int minute = (int) ((mark.receivedAt() - start) / MINUTE);
            if (minute < 0 || minute >= MINUTES) {
                continue;
            }
            RunTimeline.Stages seen = timeline.of(mark.dedupKey());
            String status = seen != null && seen.interrupts != null ? "interrupted"
                    : mark.dedupKey().substring(mark.dedupKey().lastIndexOf(':') + 1);
            series.computeIfAbsent(status, k -> new int[MINUTES])[minute]++;
            if ("failed".equals(mark.state())) {
                series.computeIfAbsent("dead letter", k -> new int[MINUTES])[minute]++;
            }
        }
        for (UnconfirmedClaim claim : store.unconfirmed(MAX_MARKS)) {
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
