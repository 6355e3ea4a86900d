package io.camellanggraph.cron;

import java.util.List;

/**
 * What reconciling one declared cron did (or, in plan mode, would do) on the server.
 *
 * @param name    the cron's name in this app
 * @param action  what was (or would be) done
 * @param cronId  the server's cron id after the change (null in plan mode for a creation, and after a deletion)
 * @param fields  the API fields that differed (for UPDATE and REPLACE)
 */
public record CronChange(String name, Action action, String cronId, List<String> fields) {

    /** Kinds of change, in the words a plan prints. */
    public enum Action { CREATE, UPDATE, REPLACE, UNCHANGED, DELETE }

    @Override
    public String toString() {
        return action + " cron '" + name + "'" + (cronId == null ? "" : " (" + cronId + ")")
                + (fields.isEmpty() ? "" : " fields " + fields);
    }
}
