package io.camellanggraph.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

/**
 * Turns the cron schedules of LangGraph crons into expressions that camel-quartz can run.
 * <p>
 * LangGraph uses 5-field Unix cron ({@code minute hour day-of-month month day-of-week}, day-of-week 0-7 with 0 and 7
 * both Sunday). Quartz wants {@code second minute hour day-of-month month day-of-week [year]}, numbers its days 1=SUN
 * to 7=SAT and needs {@code ?} in one of the two day fields. Days of week are therefore written as names
 * ({@code SUN..SAT}), and month names as numbers, because Quartz silently ignores a step after a named range
 * ({@code JAN-MAR/2} fires in February too).
 */
public final class CronExpressions {

    private static final List<String> MONTHS = List.of(
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    /** Indexed by Unix day number: 0=SUN .. 6=SAT. */
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final String VALUE = "(\\d{1,2}|[A-Za-z]{3})";
    private static final Pattern ITEM = Pattern.compile("(?:(\\*)|" + VALUE + "(?:-" + VALUE + ")?)(?:/(\\d{1,2}))?");

    /** One list item of a Unix field: {@code *}, {@code n} or {@code a-b}, with an optional step. */
    private record Item(boolean star, int from, int to, int step) {
    }

    private CronExpressions() {
    }

    /** Whether the expression has the 5 fields of Unix cron (and so needs {@link #toQuartz} before Quartz can use it). */
    public static boolean isUnix(String expression) {
        return expression != null && fields(expression).length == 5;
    }

    /**
     * Returns the Quartz form of a 5-field Unix expression, or a valid 6/7-field Quartz expression unchanged.
     *
     * @throws IllegalArgumentException if the expression is invalid, or is Unix with both day-of-month and day-of-week
     *                                  restricted (Unix fires when either matches, which Quartz cannot express)
     */
    public static String toQuartz(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("Cron expression must not be blank");
        }
        String[] fields = fields(expression);
        if (fields.length == 6 || fields.length == 7) {
            if (!CronExpression.isValidExpression(expression)) {
                throw invalid(expression, "not a valid Quartz expression");
            }
            return expression;
        }
        if (fields.length != 5) {
            throw invalid(expression, "expected 5 fields (Unix) or 6-7 fields (Quartz) but found " + fields.length);
        }
        boolean anyDayOfMonth = fields[2].equals("*");
        boolean anyDayOfWeek = fields[4].equals("*");
        if (!anyDayOfMonth && !anyDayOfWeek) {
            throw invalid(expression, "it restricts both day-of-month and day-of-week, and Unix cron then fires on days"
                    + " matching EITHER field, which Quartz cannot express; use two schedules instead, one for each field");
        }
        String minute = numbers(parse(expression, "minute", fields[0], 0, 59, List.of()));
        String hour = numbers(parse(expression, "hour", fields[1], 0, 23, List.of()));
        String dayOfMonth = numbers(parse(expression, "day-of-month", fields[2], 1, 31, List.of()));
        String month = numbers(parse(expression, "month", fields[3], 1, 12, MONTHS));
        List<Item> daysOfWeek = parse(expression, "day-of-week", fields[4], 0, 7, DAYS);
        return String.join(" ", "0", minute, hour,
                anyDayOfWeek ? dayOfMonth : "?", month, anyDayOfWeek ? "?" : dayNames(daysOfWeek));
    }

    private static String[] fields(String expression) {
        return expression.trim().split("\\s+");
    }

    private static List<Item> parse(String expression, String field, String text, int min, int max, List<String> names) {
        List<Item> items = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = ITEM.matcher(part);
            if (!m.matches()) {
                throw invalid(expression, field + " '" + part + "' is not one of *, n, a-b, */n or a-b/n");
            }
            boolean star = m.group(1) != null;
            int from = star ? min : value(expression, field, m.group(2), min, max, names);
            int to = star ? max : m.group(3) == null ? from : value(expression, field, m.group(3), min, max, names);
            int step = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            if (from > to) {
                throw invalid(expression, field + " range '" + part + "' runs backwards");
            }
            if (step == 0 || (m.group(4) != null && !star && m.group(3) == null)) {
                throw invalid(expression, field + " step in '" + part + "' must be positive and follow * or a range");
            }
            items.add(new Item(star, from, to, step));
        }
        return items;
    }

    /** A number, or a name whose position in {@code names} counts from {@code min} (JAN=1, SUN=0). */
    private static int value(String expression, String field, String token, int min, int max, List<String> names) {
        String name = token.toUpperCase(Locale.ROOT);
        int value = Character.isDigit(token.charAt(0)) ? Integer.parseInt(token)
                : names.contains(name) ? names.indexOf(name) + min : -1;
        if (value < min || value > max) {
            throw invalid(expression, field + " '" + token + "' is not in " + min + "-" + max
                    + (names.isEmpty() ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1)));
        }
        return value;
    }

    /** Minutes, hours, days of month and months mean the same in Quartz, written with numbers. */
    private static String numbers(List<Item> items) {
        StringJoiner out = new StringJoiner(",");
        for (Item item : items) {
            String range = item.star() ? "*" : item.from() == item.to() ? "" + item.from() : item.from() + "-" + item.to();
            out.add(item.step() == 1 ? range : range + "/" + item.step());
        }
        return out.toString();
    }

    /** Expands Unix days (7 is Sunday again) and writes them as Quartz names, runs as non-wrapping ranges. */
    private static String dayNames(List<Item> items) {
        boolean[] on = new boolean[7];
        for (Item item : items) {
            for (int day = item.from(); day <= item.to(); day += item.step()) {
                on[day % 7] = true;
            }
        }
        StringJoiner out = new StringJoiner(",");
        for (int day = 0; day < 7; day++) {
            if (on[day]) {
                int end = day;
                while (end < 6 && on[end + 1]) {
                    end++;
                }
                out.add(end == day ? DAYS.get(day) : DAYS.get(day) + "-" + DAYS.get(end));
                day = end;
            }
        }
        return out.toString();
    }

    private static IllegalArgumentException invalid(String expression, String reason) {
        return new IllegalArgumentException("Invalid cron expression '" + expression + "': " + reason);
    }
}
