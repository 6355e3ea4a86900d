package io.camellanggraph.cron;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fire times of Camel-side schedules across the real 2026 DST changes of Europe/Berlin (29 March, 25 October) and
 * America/New_York (8 March, 1 November), for the Unix and the Quartz form of each schedule, as the real Quartz
 * triggers of {@code langgraph:schedule} routes compute them ({@link QuartzFireTimes}), in JVMs whose default zone is
 * another one with DST of its own: New York for the Berlin schedules, Berlin for the others. What they prove is what
 * docs/schedules-and-crons.md "Schedules" documents: a local time that does not exist (spring forward) is not fired that day; a local time
 * that happens twice (fall back) fires once, at its second occurrence (standard time); a schedule without
 * {@code timezone} is in UTC, whatever the JVM's zone.
 */
@Tag("fast")
class ScheduleFireTimesAcrossDstTest {

    private static final List<QuartzFireTimes.Schedule> IN_BERLIN = new ArrayList<>();
    private static final List<QuartzFireTimes.Schedule> ELSEWHERE = new ArrayList<>();
    private static final Map<String, QuartzFireTimes.Fires> TRIGGERS = new LinkedHashMap<>();

    private static void schedule(List<QuartzFireTimes.Schedule> list, String name, String[] expressions, String zone, String after, int count) {
        for (int i = 0; i < expressions.length; i++) {
            list.add(new QuartzFireTimes.Schedule(name + "-" + i, expressions[i], zone, Instant.parse(after), count));
        }
    }

    @BeforeAll
    static void computeTheTriggersFireTimesInJvmsOfOtherZones() throws Exception {
        String[] daily0230 = {"30 2 * * *", "0 30 2 * * ?"};
        schedule(IN_BERLIN, "berlin-spring", daily0230, "Europe/Berlin", "2026-03-27T12:00:00Z", 3);
        schedule(IN_BERLIN, "berlin-autumn", daily0230, "Europe/Berlin", "2026-10-24T12:00:00Z", 2);
        schedule(IN_BERLIN, "berlin-half-spring", new String[] {"*/30 * * * *", "0 0/30 * * * ?"}, "Europe/Berlin", "2026-03-29T00:00:00Z", 3);
        schedule(IN_BERLIN, "berlin-half-autumn", new String[] {"*/30 * * * *", "0 0/30 * * * ?"}, "Europe/Berlin", "2026-10-24T23:00:00Z", 3);
        schedule(ELSEWHERE, "ny-spring", daily0230, "America/New_York", "2026-03-07T12:00:00Z", 2);
        schedule(ELSEWHERE, "ny-autumn", new String[] {"30 1 * * *", "0 30 1 * * ?"}, "America/New_York", "2026-10-31T12:00:00Z", 2);
        schedule(ELSEWHERE, "ny-hourly", new String[] {"0 * * * *", "0 0 * * * ?"}, "America/New_York", "2026-11-01T04:30:00Z", 3);
        schedule(ELSEWHERE, "utc-spring", daily0230, null, "2026-03-27T12:00:00Z", 3);
        TRIGGERS.putAll(QuartzFireTimes.inJvmZone("America/New_York", IN_BERLIN));
        TRIGGERS.putAll(QuartzFireTimes.inJvmZone("Europe/Berlin", ELSEWHERE));
    }

    private static List<Instant> fires(String name, int form) {
        QuartzFireTimes.Fires trigger = TRIGGERS.get(name + "-" + form);
        assertThat(trigger).as("trigger %s-%d", name, form).isNotNull();
        return trigger.after();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aDailyTickAtATimeThatDoesNotExistOnSpringForwardIsNotFiredThatDayInBerlin(int form) {
        // 28 March at 02:30 CET, then nothing on the 29th (02:00 jumps to 03:00), then 30 March at 02:30 CEST
        assertThat(fires("berlin-spring", form)).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"), Instant.parse("2026-03-31T00:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aDailyTickAtATimeThatDoesNotExistOnSpringForwardIsNotFiredThatDayInNewYork(int form) {
        List<Instant> fires = fires("ny-spring", form);
        assertThat(fires).containsExactly(Instant.parse("2026-03-09T06:30:00Z"), Instant.parse("2026-03-10T06:30:00Z"));
        assertThat(fires.get(0).atZone(ZoneId.of("America/New_York")).getDayOfMonth()).as("8 March has no 02:30").isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aDailyTickAtATimeThatHappensTwiceOnFallBackFiresOnceAtTheSecondInBerlin(int form) {
        List<Instant> fires = fires("berlin-autumn", form);
        // 25 October: 02:30 CEST (00:30Z) and 02:30 CET (01:30Z) both exist; only the second fires
        assertThat(fires).containsExactly(Instant.parse("2026-10-25T01:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(fires.get(0).atZone(ZoneId.of("Europe/Berlin")).getOffset().getTotalSeconds()).isEqualTo(3600);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aDailyTickAtATimeThatHappensTwiceOnFallBackFiresOnceAtTheSecondInNewYork(int form) {
        // 1 November: 01:30 EDT (05:30Z) and 01:30 EST (06:30Z); only the second fires
        assertThat(fires("ny-autumn", form)).containsExactly(Instant.parse("2026-11-01T06:30:00Z"), Instant.parse("2026-11-02T06:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void halfHourlyTicksSkipTheMissingHourAndFireTheRepeatedHourOnceInBerlin(int form) {
        // 01:30 CET, then 03:00 CEST: every real half hour still gets its tick (02:00-03:00 local does not exist)
        assertThat(fires("berlin-half-spring", form)).containsExactly(Instant.parse("2026-03-29T00:30:00Z"),
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T01:30:00Z"));
        // 01:30 CEST, then 02:00 CET: the first pass of 02:00 and 02:30 (CEST) is not fired, a 90-minute gap
        assertThat(fires("berlin-half-autumn", form)).containsExactly(Instant.parse("2026-10-24T23:30:00Z"),
                Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-25T01:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void hourlyTicksInNewYorkFireTheRepeatedHourOnceAtItsSecondPass(int form) {
        // 01:00 happens twice: 01:00 EDT (05:00Z) is not fired, 01:00 EST (06:00Z) is; then 02:00 EST (07:00Z): two hours
        // pass between the 00:00 EDT tick (04:00Z) and the next
        assertThat(fires("ny-hourly", form)).containsExactly(Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-01T07:00:00Z"),
                Instant.parse("2026-11-01T08:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aScheduleWithoutTimezoneFiresEveryDayAtTheSameUtcTimeInAJvmWhoseZoneSkipsThatHour(int form) {
        // 02:30 UTC each day, 29 March included, though the JVM's zone (Berlin) has no 02:30 that day
        assertThat(fires("utc-spring", form)).containsExactly(Instant.parse("2026-03-28T02:30:00Z"),
                Instant.parse("2026-03-29T02:30:00Z"), Instant.parse("2026-03-30T02:30:00Z"));
        assertThat(TRIGGERS.get("utc-spring-" + form).zone()).isEqualTo("UTC");
    }

    @Test
    void eachTriggerIsInItsSchedulesZoneNotTheJvms() {
        assertThat(TRIGGERS).hasSize(IN_BERLIN.size() + ELSEWHERE.size());
        TRIGGERS.forEach((name, trigger) -> assertThat(trigger.zone()).as(name)
                .isEqualTo(name.startsWith("berlin") ? "Europe/Berlin" : name.startsWith("ny") ? "America/New_York" : "UTC"));
    }
}
