package io.camellanggraph.cron;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.store.TickFate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which ticks missed while no instance ran are caught up, per catchUp policy and window; jitter's bound; bad options. */
@Tag("fast")
class CatchUpPlanTest {

    private static final long LAST = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli();
    /** Down from just after the 10:00 tick until 10:03:05: 10:01, 10:02 and 10:03 fell due. */
    private static final long NOW = Instant.parse("2026-12-02T10:03:05Z").toEpochMilli();

    private static SchedulePolicy policy(String... options) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            parameters.put(options[i], options[i + 1]);
        }
        SchedulePolicy policy = SchedulePolicy.from("minutely", CronExpressions.toQuartz("* * * * *"), "Europe/Berlin", parameters);
        assertThat(parameters).as("every policy option is taken out").isEmpty();
        return policy;
    }

    private static List<TickFate> fates(List<CatchUpPlan.Due> plan) {
        return plan.stream().map(CatchUpPlan.Due::fate).toList();
    }

    @Test
    void lastIsTheDefaultAndRunsOnlyTheLatestMissedTick() {
        List<CatchUpPlan.Due> plan = CatchUpPlan.plan(policy(), LAST, NOW);
        assertThat(plan).extracting(CatchUpPlan.Due::scheduledAt).containsExactly(LAST + 60_000, LAST + 120_000, LAST + 180_000);
        assertThat(fates(plan)).containsExactly(TickFate.MISSED, TickFate.MISSED, TickFate.CAUGHT_UP);
    }

    @Test
    void noneRecordsEveryMissedTickAndRunsNothing() {
        assertThat(fates(CatchUpPlan.plan(policy("catchUp", "none"), LAST, NOW))).containsOnly(TickFate.MISSED).hasSize(3);
    }

    @Test
    void allRunsEveryMissedTickWithinTheWindowAndRecordsOlderOnesMissed() {
        assertThat(fates(CatchUpPlan.plan(policy("catchUp", "all"), LAST, NOW))).containsOnly(TickFate.CAUGHT_UP).hasSize(3);
        // a 2-minute window: 10:01 is older than 10:01:05
        List<CatchUpPlan.Due> windowed = CatchUpPlan.plan(policy("catchUp", "ALL", "catchUpWindow", "2m"), LAST, NOW);
        assertThat(fates(windowed)).containsExactly(TickFate.MISSED, TickFate.CAUGHT_UP, TickFate.CAUGHT_UP);
        assertThat(windowed.get(0).detail()).contains("older than catchUpWindow");
    }

    @Test
    void lastRunsNothingWhenTheLatestMissedTickIsOlderThanTheWindow() {
        long muchLater = LAST + 3 * 3_600_000L + 20_000;
        List<CatchUpPlan.Due> plan = CatchUpPlan.plan(policy("catchUpWindow", "30s"), LAST, muchLater);
        // the latest tick (20 s ago) is inside a 30 s window and runs; everything before is missed
        assertThat(fates(plan).stream().filter(TickFate.CAUGHT_UP::equals)).hasSize(1);
        assertThat(fates(CatchUpPlan.plan(policy("catchUpWindow", "10s"), LAST, muchLater))).containsOnly(TickFate.MISSED);
    }

    @Test
    void aLongDowntimeRecordsAtMostTheNewestThousandTicksAndCountsTheRest() {
        long dayLater = LAST + 24 * 3_600_000L;
        List<CatchUpPlan.Due> plan = CatchUpPlan.plan(policy(), LAST, dayLater);
        assertThat(plan).hasSize(CatchUpPlan.MAX_TICKS);
        assertThat(plan.get(0).detail()).contains("and " + (24 * 60 - CatchUpPlan.MAX_TICKS) + " earlier ticks");
        assertThat(plan.get(plan.size() - 1).scheduledAt()).isEqualTo(dayLater);
    }

    @Test
    void nothingIsDueWhenNoTickFellInTheDowntime() {
        assertThat(CatchUpPlan.plan(policy(), LAST, LAST + 59_000)).isEmpty();
    }

    @Test
    void jitterStaysWithinItsBoundAndBeforeTheNextTick() {
        SchedulePolicy small = policy("jitter", "20s");
        SchedulePolicy large = policy("jitter", "5m");
        for (int i = 0; i < 2_000; i++) {
            assertThat(ScheduleTicks.jitterDelay(small, LAST)).isBetween(0L, 20_000L);
            // a per-minute schedule: a 5-minute jitter is cut to just before the next tick
            assertThat(ScheduleTicks.jitterDelay(large, LAST)).isBetween(0L, 59_999L);
        }
    }

    @Test
    void badOptionsFailWithWhatIsAllowed() {
        assertThatThrownBy(() -> policy("catchUp", "some")).hasMessageContaining("catchUp=some is not one of [none, last, all]");
        assertThatThrownBy(() -> policy("overlap", "queue")).hasMessageContaining("[skip, bufferOne, bufferAll, cancelOther, allowAll]");
        assertThatThrownBy(() -> policy("jitter", "soon")).hasMessageContaining("jitter=soon is not a duration");
        assertThatThrownBy(() -> policy("maxConcurrentRuns", "-1")).hasMessageContaining("maxConcurrentRuns=-1 is not a whole number");
    }

    @Test
    void concurrencyLimitIsOneExceptForAllowAllUnlessMaxConcurrentRunsIsSet() {
        assertThat(policy().concurrencyLimit()).isEqualTo(1);
        assertThat(policy("overlap", "allowAll").concurrencyLimit()).isEqualTo(Integer.MAX_VALUE);
        assertThat(policy("overlap", "allowAll", "maxConcurrentRuns", "3").concurrencyLimit()).isEqualTo(3);
        assertThat(policy("maxConcurrentRuns", "2").concurrencyLimit()).isEqualTo(2);
    }
}
