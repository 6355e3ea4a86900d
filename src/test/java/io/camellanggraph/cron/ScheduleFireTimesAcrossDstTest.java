package io.camellanggraph.cron;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fire times of Camel-side schedules across the real 2026 DST changes of Europe/Berlin (29 March, 25 October) and
 * America/New_York (8 March, 1 November), computed from the expression (no waiting for the clock), for the Unix and the
 * Quartz form of each schedule. What they prove is what docs/schedules-and-crons.md "Schedules" documents: a local time that does not
 * exist (spring forward) is not fired that day; a local time that happens twice (fall back) fires once, at its second
 * occurrence (standard time).
 */
@Tag("fast")
class ScheduleFireTimesAcrossDstTest {

    private static List<ZonedDateTime> fires(String expression, String zone, String after, int count) {
        SchedulePolicy policy = SchedulePolicy.from("dst", CronExpressions.toQuartz(expression), zone, new HashMap<>());
        List<ZonedDateTime> fires = new ArrayList<>();
        Date t = Date.from(Instant.parse(after));
        for (int i = 0; i < count; i++) {
            t = policy.expression().getNextValidTimeAfter(t);
            fires.add(t.toInstant().atZone(ZoneId.of(zone)));
        }
        return fires;
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 2 * * *", "0 30 2 * * ?"})
    void aDailyTickAtATimeThatDoesNotExistOnSpringForwardIsNotFiredThatDayInBerlin(String expression) {
        List<ZonedDateTime> fires = fires(expression, "Europe/Berlin", "2026-03-27T12:00:00Z", 3);
        // 28 March at 02:30 CET, then nothing on the 29th (02:00 jumps to 03:00), then 30 March at 02:30 CEST
        assertThat(fires).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"), Instant.parse("2026-03-31T00:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 2 * * *", "0 30 2 * * ?"})
    void aDailyTickAtATimeThatDoesNotExistOnSpringForwardIsNotFiredThatDayInNewYork(String expression) {
        List<ZonedDateTime> fires = fires(expression, "America/New_York", "2026-03-07T12:00:00Z", 2);
        assertThat(fires).extracting(ZonedDateTime::toInstant)
                .containsExactly(Instant.parse("2026-03-09T06:30:00Z"), Instant.parse("2026-03-10T06:30:00Z"));
        assertThat(fires.get(0).getDayOfMonth()).as("8 March has no 02:30").isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 2 * * *", "0 30 2 * * ?"})
    void aDailyTickAtATimeThatHappensTwiceOnFallBackFiresOnceAtTheSecondInBerlin(String expression) {
        List<ZonedDateTime> fires = fires(expression, "Europe/Berlin", "2026-10-24T12:00:00Z", 2);
        // 25 October: 02:30 CEST (00:30Z) and 02:30 CET (01:30Z) both exist; only the second fires
        assertThat(fires).extracting(ZonedDateTime::toInstant)
                .containsExactly(Instant.parse("2026-10-25T01:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(fires.get(0).getOffset().getTotalSeconds()).isEqualTo(3600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 1 * * *", "0 30 1 * * ?"})
    void aDailyTickAtATimeThatHappensTwiceOnFallBackFiresOnceAtTheSecondInNewYork(String expression) {
        List<ZonedDateTime> fires = fires(expression, "America/New_York", "2026-10-31T12:00:00Z", 2);
        // 1 November: 01:30 EDT (05:30Z) and 01:30 EST (06:30Z); only the second fires
        assertThat(fires).extracting(ZonedDateTime::toInstant)
                .containsExactly(Instant.parse("2026-11-01T06:30:00Z"), Instant.parse("2026-11-02T06:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/30 * * * *", "0 0/30 * * * ?"})
    void halfHourlyTicksSkipTheMissingHourAndFireTheRepeatedHourOnceInBerlin(String expression) {
        List<Instant> spring = fires(expression, "Europe/Berlin", "2026-03-29T00:00:00Z", 3).stream().map(ZonedDateTime::toInstant).toList();
        // 01:30 CET, then 03:00 CEST: every real half hour still gets its tick (02:00-03:00 local does not exist)
        assertThat(spring).containsExactly(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:00:00Z"),
                Instant.parse("2026-03-29T01:30:00Z"));
        List<Instant> autumn = fires(expression, "Europe/Berlin", "2026-10-24T23:00:00Z", 3).stream().map(ZonedDateTime::toInstant).toList();
        // 01:30 CEST, then 02:00 CET: the first pass of 02:00 and 02:30 (CEST) is not fired, a 90-minute gap
        assertThat(autumn).containsExactly(Instant.parse("2026-10-24T23:30:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
                Instant.parse("2026-10-25T01:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 * * * *", "0 0 * * * ?"})
    void hourlyTicksInNewYorkFireTheRepeatedHourOnceAtItsSecondPass(String expression) {
        List<Instant> fires = fires(expression, "America/New_York", "2026-11-01T04:30:00Z", 3).stream().map(ZonedDateTime::toInstant).toList();
        // 01:00 happens twice: 01:00 EDT (05:00Z) is not fired, 01:00 EST (06:00Z) is; then 02:00 EST (07:00Z): two hours
        // pass between the 00:00 EDT tick (04:00Z) and the next
        assertThat(fires).containsExactly(Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-01T07:00:00Z"),
                Instant.parse("2026-11-01T08:00:00Z"));
    }
}
