package io.camellanggraph.store;

import java.util.List;

import javax.sql.DataSource;

/**
 * The fate of every tick of the Camel-side schedules, and each schedule's pause and failure streak, in two tables of
 * the callback store's database (same DataSource: SQLite embedded, PostgreSQL shared by a cluster).
 *
 * <p>A tick's row is keyed by schedule + scheduled time and inserted once ({@code INSERT ... ON CONFLICT DO
 * NOTHING}): whichever instance (or catch-up at start) inserts it owns the tick, so a tick runs at most once in a
 * cluster. Fate changes are conditional UPDATEs for the same reason.
 */
public final class ScheduleStore {

    private static final String STORE = "schedule store";
    private static final String TICK_COLUMNS = "schedule, scheduled_at, fate, recorded_at, run_id, thread_id, ended, detail, due_at";

    private final DataSource dataSource;

    public ScheduleStore(DataSource dataSource) {
        this.dataSource = dataSource;
        JdbcStatements.schema(dataSource, "schedule", (c, s) -> {
            s.execute("CREATE TABLE IF NOT EXISTS lg_schedule_tick (schedule VARCHAR(200) NOT NULL, scheduled_at BIGINT NOT NULL,"
                    + " fate VARCHAR(16) NOT NULL, recorded_at BIGINT NOT NULL, run_id VARCHAR(80), thread_id VARCHAR(80),"
                    + " ended INT NOT NULL DEFAULT 0, detail TEXT, due_at BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (schedule, scheduled_at))");
            if (!JdbcStatements.hasColumn(c, "lg_schedule_tick", "due_at")) {
                // a table of a version before jittered ticks were recorded waiting
                s.execute("ALTER TABLE lg_schedule_tick ADD COLUMN due_at BIGINT NOT NULL DEFAULT 0");
            }
            s.execute("CREATE INDEX IF NOT EXISTS lg_schedule_tick_fate ON lg_schedule_tick (schedule, fate)");
            // unended(): the ticks whose run may still run, and the recent ones; neither reads the skipped or missed
            // ticks of months past. prune(): the oldest ticks first
            s.execute("CREATE INDEX IF NOT EXISTS lg_schedule_tick_running ON lg_schedule_tick (schedule, scheduled_at)"
                    + " WHERE ended = 0 AND run_id IS NOT NULL");
            s.execute("CREATE INDEX IF NOT EXISTS lg_schedule_tick_recorded ON lg_schedule_tick (schedule, recorded_at)");
            s.execute("CREATE INDEX IF NOT EXISTS lg_schedule_tick_at ON lg_schedule_tick (scheduled_at)");
            s.execute("CREATE TABLE IF NOT EXISTS lg_schedule (schedule VARCHAR(200) PRIMARY KEY, declared_at BIGINT NOT NULL,"
                    + " paused INT NOT NULL DEFAULT 0, note TEXT, changed_at BIGINT NOT NULL, failure_streak INT NOT NULL DEFAULT 0)");
        });
    }

    /** Makes the schedule known (first time only): catch-up never looks back before this moment. */
    public void declare(String schedule, long now) {
        update("INSERT INTO lg_schedule (schedule, declared_at, changed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", schedule, now, now);
    }

    /** The schedule's state, or null when it was never declared. */
    public ScheduleState state(String schedule) {
        return JdbcStatements.first(dataSource, STORE, "SELECT declared_at, paused, note, changed_at, failure_streak FROM lg_schedule"
                + " WHERE schedule = ?", rs -> new ScheduleState(schedule, rs.getLong(1), rs.getInt(2) == 1, rs.getString(3),
                rs.getLong(4), rs.getInt(5)), schedule);
    }

    /** Pauses (true) or resumes the schedule with a note; false when the schedule is not known. */
    public boolean pause(String schedule, boolean paused, String note, long now) {
        return update("UPDATE lg_schedule SET paused = ?, note = ?, changed_at = ?, failure_streak = 0 WHERE schedule = ?",
                paused ? 1 : 0, note, now, schedule) == 1;
    }

    /** Counts a failed tick (or resets the count after a good one); returns the failures in a row. */
    public int failureStreak(String schedule, boolean failed) {
        update(failed ? "UPDATE lg_schedule SET failure_streak = failure_streak + 1 WHERE schedule = ?"
                : "UPDATE lg_schedule SET failure_streak = 0 WHERE schedule = ?", schedule);
        ScheduleState state = state(schedule);
        return state == null ? 0 : state.failureStreak();
    }

    /** Records a tick with its fate; false when the tick has a row already (another instance or catch-up owns it). */
    public boolean record(String schedule, long scheduledAt, TickFate fate, String detail, long now) {
        return record(schedule, scheduledAt, fate, detail, now, 0);
    }

    /** {@link #record(String, long, TickFate, String, long)} with the time a {@code waiting} tick is due to fire. */
    public boolean record(String schedule, long scheduledAt, TickFate fate, String detail, long now, long dueAt) {
        return update("INSERT INTO lg_schedule_tick (schedule, scheduled_at, fate, recorded_at, detail, due_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", schedule, scheduledAt, fate.value(), now, detail, dueAt) == 1;
    }

    /** Whether the tick has a row (a fate) already. */
    public boolean recorded(String schedule, long scheduledAt) {
        return JdbcStatements.first(dataSource, STORE, "SELECT 1 FROM lg_schedule_tick WHERE schedule = ? AND scheduled_at = ?",
                rs -> Boolean.TRUE, schedule, scheduledAt) != null;
    }

    /** Moves a tick from one fate to another; false when it is not (any more) in {@code from}. */
    public boolean changeFate(String schedule, long scheduledAt, TickFate from, TickFate to, String detail, long now) {
        return update("UPDATE lg_schedule_tick SET fate = ?, detail = ?, recorded_at = ? WHERE schedule = ? AND scheduled_at = ? AND fate = ?",
                to.value(), detail, now, schedule, scheduledAt, from.value()) == 1;
    }

    /** The run a tick started. */
    public void attachRun(String schedule, long scheduledAt, String runId, String threadId) {
        update("UPDATE lg_schedule_tick SET run_id = ?, thread_id = ? WHERE schedule = ? AND scheduled_at = ?", runId, threadId, schedule, scheduledAt);
    }

    /** The tick's run has ended (or is gone from the server). */
    public void ended(String schedule, long scheduledAt) {
        update("UPDATE lg_schedule_tick SET ended = 1 WHERE schedule = ? AND scheduled_at = ?", schedule, scheduledAt);
    }

    /**
     * The latest scheduled time, at or before {@code atOrBefore}, of a tick of the schedule (run-now ticks aside), or 0
     * when it has none.
     */
    public long lastScheduled(String schedule, long atOrBefore) {
        Long last = JdbcStatements.first(dataSource, STORE, "SELECT scheduled_at FROM lg_schedule_tick WHERE schedule = ?"
                + " AND scheduled_at <= ? AND fate <> 'manual' ORDER BY scheduled_at DESC LIMIT 1", rs -> rs.getLong(1),
                schedule, atOrBefore);
        return last == null ? 0 : last;
    }

    /** The newest ticks of the schedule, newest first. */
    public List<ScheduleTick> last(String schedule, int limit) {
        return ticks("WHERE schedule = ? ORDER BY scheduled_at DESC LIMIT " + limit, schedule);
    }

    /**
     * Ticks whose run has not been seen ending (the runs that may still be running), oldest first, and ticks that fired
     * since {@code inFlightSince} and whose exchange has not ended yet (no run id yet).
     */
    public List<ScheduleTick> unended(String schedule, long inFlightSince) {
        // two index range reads (lg_schedule_tick_running, lg_schedule_tick_recorded): with the OR in one WHERE every
        // never-ended tick of the schedule was read, and skipped or missed ticks never end
        return ticks("WHERE schedule = ? AND ended = 0 AND run_id IS NOT NULL UNION ALL SELECT " + TICK_COLUMNS
                + " FROM lg_schedule_tick WHERE schedule = ? AND recorded_at > " + inFlightSince + " AND ended = 0 AND run_id IS NULL"
                + " AND fate IN ('fired', 'caught-up', 'manual') ORDER BY 2", schedule, schedule);
    }

    /** Ticks in this fate ({@code buffered}: waiting for the running run to end; {@code waiting}: jittered), oldest first. */
    public List<ScheduleTick> inFate(String schedule, TickFate fate) {
        return ticks("WHERE schedule = ? AND fate = '" + fate.value() + "' ORDER BY scheduled_at", schedule);
    }

    /**
     * Deletes at most {@code limit} ticks scheduled before {@code before} whose fate is settled: their run ended, or they
     * never had one (skipped, missed, failed), and not buffered. The newest tick of each schedule stays: catch-up starts
     * from it.
     */
    public int prune(long before, int limit) {
        return update("DELETE FROM lg_schedule_tick WHERE (schedule, scheduled_at) IN (SELECT schedule, scheduled_at FROM"
                + " lg_schedule_tick t WHERE scheduled_at < ? AND (ended = 1 OR run_id IS NULL) AND fate <> 'buffered'"
                + " AND scheduled_at < (SELECT n.scheduled_at FROM lg_schedule_tick n WHERE n.schedule = t.schedule"
                + " ORDER BY n.scheduled_at DESC LIMIT 1)"
                + " LIMIT " + limit + ")", before);
    }

    private List<ScheduleTick> ticks(String where, Object... schedule) {
        return JdbcStatements.query(dataSource, STORE, "SELECT " + TICK_COLUMNS + " FROM lg_schedule_tick " + where,
                rs -> new ScheduleTick(rs.getString(1), rs.getLong(2), TickFate.of(rs.getString(3)), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7) == 1, rs.getString(8), rs.getLong(9)), schedule);
    }

    private int update(String sql, Object... values) {
        return JdbcStatements.update(dataSource, STORE, sql, values);
    }
}
