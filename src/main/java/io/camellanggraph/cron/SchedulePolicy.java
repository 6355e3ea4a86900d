package io.camellanggraph.cron;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import org.apache.camel.util.TimeUtils;
import org.quartz.CronExpression;

/**
 * What a Camel-side schedule ({@code langgraph:schedule/<name>}) does besides ticking: catch-up of ticks missed while
 * no instance ran, the overlap policy while a run it started still runs, jitter, and its limits. Read from the
 * endpoint's parameters (the {@code @UriParam}s of the same names in {@code LangGraphConfiguration}).
 */
public record SchedulePolicy(String name, String quartzCron, TimeZone zone, CatchUp catchUp, long catchUpWindowMillis,
                             Overlap overlap, int bufferSize, long jitterMillis, int maxConcurrentRuns, int pauseAfterFailures) {

    /** Ticks missed while no instance ran: none run, the latest one runs, or each runs (within the window). */
    public enum CatchUp { none, last, all }

    /** A tick while the schedule's previous run still runs. */
    public enum Overlap { skip, bufferOne, bufferAll, cancelOther, allowAll }

    public static final String DEFAULT_WINDOW = "1h";
    public static final int DEFAULT_BUFFER = 100;

    /**
     * Takes the policy's parameters out of {@code parameters}; a bad value fails with what is allowed. The zone is
     * {@code timezone}, UTC when none is given: the one clock of the schedule's Quartz trigger, catch-up and the page.
     */
    static SchedulePolicy from(String name, String quartzCron, String timezone, Map<String, Object> parameters) {
        SchedulePolicy policy = new SchedulePolicy(name, quartzCron, zone(name, timezone),
                parse(CatchUp.class, name, "catchUp", parameters.remove("catchUp"), CatchUp.last),
                millis(name, "catchUpWindow", parameters.remove("catchUpWindow"), DEFAULT_WINDOW),
                parse(Overlap.class, name, "overlap", parameters.remove("overlap"), Overlap.skip),
                number(name, "bufferSize", parameters.remove("bufferSize"), DEFAULT_BUFFER),
                millis(name, "jitter", parameters.remove("jitter"), "0"),
                number(name, "maxConcurrentRuns", parameters.remove("maxConcurrentRuns"), 0),
                number(name, "pauseAfterFailures", parameters.remove("pauseAfterFailures"), 0));
        policy.expression();
        return policy;
    }

    /**
     * The schedule's time zone: UTC unless {@code timezone} is set; an unknown zone fails with its name, where
     * {@link TimeZone#getTimeZone(String)} alone would silently make it GMT.
     */
    private static TimeZone zone(String name, String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return TimeZone.getTimeZone(ZoneOffset.UTC);
        }
        try {
            // a fixed offset ("UTC+05:30", "+05:30") becomes the offset itself, which TimeZone knows as GMT+05:30
            return TimeZone.getTimeZone(ZoneId.of(timezone.trim()).normalized());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("langgraph:schedule/" + name + ": timezone=" + timezone
                    + " is not a known time zone (an IANA name such as Europe/Berlin, UTC, or an offset such as +05:30)", e);
        }
    }

    /** The schedule as a Quartz expression in its time zone (a new one each time: CronExpression is not thread-safe). */
    public CronExpression expression() {
        try {
            CronExpression expression = new CronExpression(quartzCron);
            expression.setTimeZone(zone);
            return expression;
        } catch (ParseException e) {
            throw new IllegalArgumentException("langgraph:schedule/" + name + ": invalid schedule " + quartzCron + ": " + e.getMessage(), e);
        }
    }

    /**
     * How many runs of this schedule may run at once before a tick counts as overlapping: {@code maxConcurrentRuns}
     * (1 unless set) for every policy but {@code allowAll}, which has no limit unless {@code maxConcurrentRuns} is set.
     */
    public int concurrencyLimit() {
        if (maxConcurrentRuns > 0) {
            return maxConcurrentRuns;
        }
        return overlap == Overlap.allowAll ? Integer.MAX_VALUE : 1;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String option, Object value, E defaultValue) {
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.toString().trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("langgraph:schedule/" + name + ": " + option + "=" + value + " is not one of "
                + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static long millis(String name, String option, Object value, String defaultValue) {
        String text = value == null || value.toString().isBlank() ? defaultValue : value.toString().trim().toLowerCase(Locale.ROOT);
        try {
            long millis = TimeUtils.toMilliSeconds(text);
            if (millis < 0) {
                throw new IllegalArgumentException("negative");
            }
            return millis;
        } catch (RuntimeException e) {
            // TimeUtils fails on some malformed texts with an index error rather than an IllegalArgumentException
            throw new IllegalArgumentException("langgraph:schedule/" + name + ": " + option + "=" + value
                    + " is not a duration (e.g. 30s, 5m, 1h, or milliseconds)", e);
        }
    }

    private static int number(String name, String option, Object value, int defaultValue) {
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.toString().trim());
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("langgraph:schedule/" + name + ": " + option + "=" + value + " is not a whole number >= 0", e);
        }
    }
}
