package io.camellanggraph.cron;

import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each conversion is checked against Quartz's own next-fire computation: the times Quartz picks for the converted
 * expression must be the wall-clock times a Unix cron in the same time zone would fire at, worked out here by hand.
 */
@Tag("fast")
class CronExpressionsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void unixWeekdaysRangeFiresMondayToFriday() throws ParseException {
        String quartz = CronExpressions.toQuartz("0 9 * * 1-5");

        assertThat(quartz).isEqualTo("0 0 9 ? * MON-FRI");
        // from Friday 2026-11-27 08:00: the same Friday, then Monday to Friday of the next week, then Monday
        List<ZonedDateTime> fires = quartzFires(quartz, BERLIN, "2026-11-27T08:00", 7);
        assertThat(fires).isEqualTo(at(BERLIN, "2026-11-27T09:00", "2026-11-30T09:00", "2026-12-01T09:00",
                "2026-12-02T09:00", "2026-12-03T09:00", "2026-12-04T09:00", "2026-12-07T09:00"));
        assertThat(fires).extracting(ZonedDateTime::getDayOfWeek)
                .containsExactly(FRIDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, MONDAY);
    }

    @Test
    void dayOfWeekNumbersBecomeDayNamesBecauseQuartzNumbersStartAtSunday() throws ParseException {
        assertThat(Stream.of("1", "2", "3", "4", "5", "6").map(day -> CronExpressions.toQuartz("0 0 * * " + day)))
                .containsExactly("0 0 0 ? * MON", "0 0 0 ? * TUE", "0 0 0 ? * WED",
                        "0 0 0 ? * THU", "0 0 0 ? * FRI", "0 0 0 ? * SAT");

        List<ZonedDateTime> fires = quartzFires(CronExpressions.toQuartz("30 7 * * 3"), BERLIN, "2026-11-27T00:00", 3);
        assertThat(fires).isEqualTo(at(BERLIN, "2026-12-02T07:30", "2026-12-09T07:30", "2026-12-16T07:30"));
        assertThat(fires).extracting(ZonedDateTime::getDayOfWeek).containsOnly(WEDNESDAY);
    }

    @Test
    void zeroAndSevenAreBothSunday() throws ParseException {
        assertThat(CronExpressions.toQuartz("0 10 * * 0")).isEqualTo("0 0 10 ? * SUN");
        assertThat(CronExpressions.toQuartz("0 10 * * 7")).isEqualTo("0 0 10 ? * SUN");

        List<ZonedDateTime> fires = quartzFires(CronExpressions.toQuartz("0 10 * * 7"), UTC, "2026-11-27T00:00", 3);
        assertThat(fires).isEqualTo(at(UTC, "2026-11-29T10:00", "2026-12-06T10:00", "2026-12-13T10:00"));
        assertThat(fires).extracting(ZonedDateTime::getDayOfWeek).containsOnly(SUNDAY);
    }

    @Test
    void restrictedDayOfMonthPutsQuestionMarkInDayOfWeek() throws ParseException {
        String quartz = CronExpressions.toQuartz("0 12 15 * *");

        assertThat(quartz).isEqualTo("0 0 12 15 * ?");
        assertThat(quartzFires(quartz, BERLIN, "2026-11-27T00:00", 3))
                .isEqualTo(at(BERLIN, "2026-12-15T12:00", "2027-01-15T12:00", "2027-02-15T12:00"));
    }

    @Test
    void unrestrictedDaysPutQuestionMarkInDayOfWeek() throws ParseException {
        String quartz = CronExpressions.toQuartz("* * * * *");

        assertThat(quartz).isEqualTo("0 * * * * ?");
        assertThat(quartzFires(quartz, BERLIN, "2026-11-27T23:58:30", 3))
                .isEqualTo(at(BERLIN, "2026-11-27T23:59", "2026-11-28T00:00", "2026-11-28T00:01"));
    }

    @Test
    void rangesAndListsInMinutesAndHoursKeepTheirMeaning() throws ParseException {
        String quartz = CronExpressions.toQuartz("0,30 8-10 * * *");

        assertThat(quartz).isEqualTo("0 0,30 8-10 * * ?");
        assertThat(quartzFires(quartz, BERLIN, "2026-11-27T07:00", 7)).isEqualTo(at(BERLIN, "2026-11-27T08:00",
                "2026-11-27T08:30", "2026-11-27T09:00", "2026-11-27T09:30", "2026-11-27T10:00", "2026-11-27T10:30",
                "2026-11-28T08:00"));
    }

    @Test
    void rangesAndListsInDayOfMonthKeepTheirMeaning() throws ParseException {
        String quartz = CronExpressions.toQuartz("0 6 1-3,15 * *");

        assertThat(quartz).isEqualTo("0 0 6 1-3,15 * ?");
        assertThat(quartzFires(quartz, BERLIN, "2026-11-27T00:00", 5)).isEqualTo(at(BERLIN, "2026-12-01T06:00",
                "2026-12-02T06:00", "2026-12-03T06:00", "2026-12-15T06:00", "2027-01-01T06:00"));
    }

    @Test
    void dayOfWeekRangeUpToSevenIncludesSundayWithoutWrappingAround() throws ParseException {
        String quartz = CronExpressions.toQuartz("0 9 * * 5-7");

        assertThat(quartz).isEqualTo("0 0 9 ? * SUN,FRI-SAT");
        List<ZonedDateTime> fires = quartzFires(quartz, BERLIN, "2026-11-26T12:00", 4);
        assertThat(fires).isEqualTo(at(BERLIN, "2026-11-27T09:00", "2026-11-28T09:00", "2026-11-29T09:00",
                "2026-12-04T09:00"));
        assertThat(fires).extracting(ZonedDateTime::getDayOfWeek).containsExactly(FRIDAY, SATURDAY, SUNDAY, FRIDAY);
    }

    @Test
    void dayOfWeekListMixesNumbersAndNamesInAnyCase() throws ParseException {
        String quartz = CronExpressions.toQuartz("0 9 * * fri,3,Sun");

        assertThat(quartz).isEqualTo("0 0 9 ? * SUN,WED,FRI");
        List<ZonedDateTime> fires = quartzFires(quartz, BERLIN, "2026-11-27T10:00", 4);
        assertThat(fires).isEqualTo(at(BERLIN, "2026-11-29T09:00", "2026-12-02T09:00", "2026-12-04T09:00",
                "2026-12-06T09:00"));
        assertThat(fires).extracting(ZonedDateTime::getDayOfWeek).containsExactly(SUNDAY, WEDNESDAY, FRIDAY, SUNDAY);
    }

    @Test
    void stepsInMinutesAndHoursKeepTheirMeaning() throws ParseException {
        String everyQuarterOfEverySixthHour = CronExpressions.toQuartz("*/15 */6 * * *");
        String steppedRanges = CronExpressions.toQuartz("10-40/15 9-17/4 * * *");

        assertThat(everyQuarterOfEverySixthHour).isEqualTo("0 */15 */6 * * ?");
        assertThat(quartzFires(everyQuarterOfEverySixthHour, BERLIN, "2026-11-27T05:50", 5)).isEqualTo(at(BERLIN,
                "2026-11-27T06:00", "2026-11-27T06:15", "2026-11-27T06:30", "2026-11-27T06:45", "2026-11-27T12:00"));
        assertThat(steppedRanges).isEqualTo("0 10-40/15 9-17/4 * * ?");
        assertThat(quartzFires(steppedRanges, BERLIN, "2026-11-27T00:00", 7)).isEqualTo(at(BERLIN,
                "2026-11-27T09:10", "2026-11-27T09:25", "2026-11-27T09:40", "2026-11-27T13:10", "2026-11-27T13:25",
                "2026-11-27T13:40", "2026-11-27T17:10"));
    }

    @Test
    void stepInDayOfMonthCountsFromTheFirst() throws ParseException {
        String quartz = CronExpressions.toQuartz("0 0 */10 * *");

        assertThat(quartz).isEqualTo("0 0 0 */10 * ?");
        assertThat(quartzFires(quartz, BERLIN, "2026-11-27T00:00", 5)).isEqualTo(at(BERLIN, "2026-12-01T00:00",
                "2026-12-11T00:00", "2026-12-21T00:00", "2026-12-31T00:00", "2027-01-01T00:00"));
    }

    @Test
    void stepsInDayOfWeekAreExpandedToDayNames() throws ParseException {
        String everyOtherDay = CronExpressions.toQuartz("0 9 * * */2");
        String everyOtherWeekday = CronExpressions.toQuartz("0 9 * * 1-5/2");

        assertThat(everyOtherDay).isEqualTo("0 0 9 ? * SUN,TUE,THU,SAT");
        assertThat(quartzFires(everyOtherDay, BERLIN, "2026-11-27T10:00", 5))
                .extracting(ZonedDateTime::getDayOfWeek).containsExactly(SATURDAY, SUNDAY, TUESDAY, THURSDAY, SATURDAY);
        assertThat(everyOtherWeekday).isEqualTo("0 0 9 ? * MON,WED,FRI");
        assertThat(quartzFires(everyOtherWeekday, BERLIN, "2026-11-27T10:00", 4)).isEqualTo(at(BERLIN,
                "2026-11-30T09:00", "2026-12-02T09:00", "2026-12-04T09:00", "2026-12-07T09:00"));
    }

    @Test
    void monthNamesBecomeNumbersSoQuartzKeepsTheirSteps() throws ParseException {
        String quartz = CronExpressions.toQuartz("0 0 1 jan-jun/2 *");

        // Quartz would read "JAN-JUN/2" as every month from January to June
        assertThat(quartz).isEqualTo("0 0 0 1 1-6/2 ?");
        assertThat(quartzFires(quartz, BERLIN, "2026-11-27T00:00", 4)).isEqualTo(at(BERLIN,
                "2027-01-01T00:00", "2027-03-01T00:00", "2027-05-01T00:00", "2028-01-01T00:00"));
        assertThat(CronExpressions.toQuartz("0 9 * DEC MON-FRI")).isEqualTo("0 0 9 ? 12 MON-FRI");
    }

    @Test
    void quartzExpressionsPassThroughUnchanged() {
        assertThat(CronExpressions.toQuartz("0 0/5 14 * * ?")).isEqualTo("0 0/5 14 * * ?");
        assertThat(CronExpressions.toQuartz("0 15 10 ? * 6L 2027")).isEqualTo("0 15 10 ? * 6L 2027");
    }

    @Test
    void invalidQuartzExpressionIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> CronExpressions.toQuartz("0 0 9 * * MON"))
                .withMessageContaining("'0 0 9 * * MON'").withMessageContaining("Quartz");
    }

    @Test
    void bothDayFieldsRestrictedIsRejectedSuggestingTwoSchedules() {
        assertThatIllegalArgumentException().isThrownBy(() -> CronExpressions.toQuartz("0 9 1 * 1"))
                .withMessageContaining("'0 9 1 * 1'")
                .withMessageContaining("EITHER")
                .withMessageContaining("two schedules");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cron", "* * * *", "1 2 3 4 5 6 7 8", "60 * * * *", "* 24 * * *", "* * 0 * *",
            "* * 32 * *", "* * * 13 *", "* * * * 8", "* * * * FOO", "* * * JANUARY *", "* * * * MON-FOO",
            "5-1 * * * *", "*/0 * * * *", "5/10 * * * *", "1,,2 * * * *", "-1 * * * *", "L * * * *", "* * ? * *"})
    void garbageIsRejectedNamingTheExpression(String expression) {
        assertThatIllegalArgumentException().isThrownBy(() -> CronExpressions.toQuartz(expression))
                .withMessageContaining("'" + expression + "'");
    }

    @Test
    void blankExpressionIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> CronExpressions.toQuartz(" "))
                .withMessageContaining("blank");
        assertThatIllegalArgumentException().isThrownBy(() -> CronExpressions.toQuartz(null))
                .withMessageContaining("blank");
    }

    @Test
    void isUnixMeansFiveFields() {
        assertThat(CronExpressions.isUnix("0 9 * * 1-5")).isTrue();
        assertThat(CronExpressions.isUnix("  0  9 * *\t1-5 ")).isTrue();
        assertThat(CronExpressions.isUnix("0 0 9 ? * MON-FRI")).isFalse();
        assertThat(CronExpressions.isUnix(null)).isFalse();
    }

    @Test
    void weekdaysFireAtNewYorkWallClockAcrossItsFallBack() throws ParseException {
        String quartz = CronExpressions.toQuartz("0 9 * * 1-5");

        // New York leaves daylight saving time on Sunday 2026-11-01: 09:00 is 13:00 UTC before, 14:00 UTC after
        List<ZonedDateTime> fires = quartzFires(quartz, NEW_YORK, "2026-10-30T08:00", 3);
        assertThat(fires).isEqualTo(at(NEW_YORK, "2026-10-30T09:00", "2026-11-02T09:00", "2026-11-03T09:00"));
        assertThat(fires).extracting(fire -> fire.toInstant().toString())
                .containsExactly("2026-10-30T13:00:00Z", "2026-11-02T14:00:00Z", "2026-11-03T14:00:00Z");
    }

    @Test
    void dailyScheduleKeepsBerlinWallClockAcrossSpringForward() throws ParseException {
        // Berlin moves from 02:00 to 03:00 on Sunday 2026-03-29
        List<ZonedDateTime> daily = quartzFires(CronExpressions.toQuartz("0 9 * * *"), BERLIN, "2026-03-27T12:00", 4);
        assertThat(daily).isEqualTo(at(BERLIN, "2026-03-28T09:00", "2026-03-29T09:00", "2026-03-30T09:00",
                "2026-03-31T09:00"));
        assertThat(daily).extracting(fire -> fire.getOffset().getTotalSeconds() / 3600).containsExactly(1, 2, 2, 2);

        List<ZonedDateTime> halfHourly = quartzFires(CronExpressions.toQuartz("*/30 * * * *"), BERLIN,
                "2026-03-29T01:00", 3);
        assertThat(halfHourly).isEqualTo(at(BERLIN, "2026-03-29T01:30", "2026-03-29T03:00", "2026-03-29T03:30"));
    }

    /**
     * Pins Quartz's behaviour inside DST transitions, where it differs from Vixie cron: Vixie runs a fixed-time job
     * whose time was skipped right after the jump, and runs hourly jobs in both passes of a repeated hour.
     */
    @Test
    void quartzSkipsTheBerlinSpringForwardGapAndTheFirstPassOfTheRepeatedHour() throws ParseException {
        assertThat(quartzFires(CronExpressions.toQuartz("30 2 * * *"), BERLIN, "2026-03-27T12:00", 2))
                .isEqualTo(at(BERLIN, "2026-03-28T02:30", "2026-03-30T02:30"));

        // Berlin moves from 03:00 back to 02:00 on Sunday 2026-10-25; 02:00 summer time (00:00 UTC) is skipped
        assertThat(quartzFires(CronExpressions.toQuartz("0 * * * *"), BERLIN, "2026-10-25T01:30", 2))
                .extracting(fire -> fire.toInstant().toString())
                .containsExactly("2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z");
    }

    /** The next {@code count} times Quartz fires the expression in the zone, after the local start time. */
    private static List<ZonedDateTime> quartzFires(String quartz, ZoneId zone, String start, int count)
            throws ParseException {
        CronExpression cron = new CronExpression(quartz);
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        List<ZonedDateTime> fires = new ArrayList<>();
        Date next = Date.from(LocalDateTime.parse(start).atZone(zone).toInstant());
        for (int i = 0; i < count; i++) {
            next = cron.getNextValidTimeAfter(next);
            fires.add(ZonedDateTime.ofInstant(next.toInstant(), zone));
        }
        return fires;
    }

    /** Wall-clock times in the zone, the way a Unix cron running in that zone reads them. */
    private static List<ZonedDateTime> at(ZoneId zone, String... localTimes) {
        return Stream.of(localTimes).map(time -> LocalDateTime.parse(time).atZone(zone)).toList();
    }
}
