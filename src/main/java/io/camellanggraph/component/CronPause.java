package io.camellanggraph.component;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.cron.CronReconciler;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * Pause and resume of a server-side cron ({@code langgraph:cron/<name>}): the server's {@code enabled} field, PATCHed
 * now, and the pause with its note in the schedule store under {@code cron/<name>}, so that the route's reconciliation
 * at the next start keeps it disabled (its declared {@code enabled} is overridden while paused).
 */
public final class CronPause {

    private CronPause() {
    }

    /** The cron route's endpoint of that cron name, or null. */
    public static LangGraphEndpoint cronEndpoint(CamelContext context, String name) {
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof LangGraphEndpoint e && e.getOperation() == LangGraphOperation.cron && name.equals(e.getName())) {
                return e;
            }
        }
        return null;
    }

    /** Whether the store holds a pause of the cron (read when the route reconciles its cron). */
    static boolean paused(CallbackHub hub, String cronName) {
        ScheduleState state = store(hub).state(key(cronName));
        return state != null && state.paused();
    }

    /** The pause of the cron with its note, or null when it was never paused here. */
    public static ScheduleState state(CallbackHub hub, String cronName) {
        return store(hub).state(key(cronName));
    }

    /** Pauses (enabled=false) or resumes the cron of this route on the server and in the store; false when not on the server. */
    public static boolean pause(LangGraphEndpoint cron, boolean paused, String note) throws Exception {
        CallbackHub hub = cron.hub();
        List<JsonNode> owned = new CronReconciler(cron.client(), cron.getComponent().getAppName()).owned(cron.getName());
        if (owned.isEmpty()) {
            return false;
        }
        ScheduleStore store = store(hub);
        store.declare(key(cron.getName()), System.currentTimeMillis());
        store.pause(key(cron.getName()), paused, note, System.currentTimeMillis());
        ObjectNode patch = cron.getComponent().mapper().createObjectNode().put("enabled", !paused);
        for (JsonNode server : owned) {
            cron.client().updateCron(server.path("cron_id").asText(), patch);
        }
        return true;
    }

    private static String key(String cronName) {
        return "cron/" + cronName;
    }

    private static ScheduleStore store(CallbackHub hub) {
        if (!(hub.store() instanceof JdbcCallbackStore jdbc)) {
            throw new IllegalStateException("pausing a cron needs the JDBC callback store");
        }
        return new ScheduleStore(jdbc.dataSource());
    }
}
