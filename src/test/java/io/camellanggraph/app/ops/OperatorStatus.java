package io.camellanggraph.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.CamelContext;

/** The operator page's document ({@code /langgraph/api/status}) for a test context that runs no management server. */
public final class OperatorStatus {

    private OperatorStatus() {
    }

    /** What the page shows now, unfiltered, at most {@code limit} rows per list. */
    public static JsonNode of(CamelContext context, int limit) throws Exception {
        LangGraphComponent langgraph = context.getComponent("langgraph", LangGraphComponent.class);
        OperatorView view = new OperatorView(context, langgraph, langgraph.callbackHub(), new ScheduleTracker(), new RunTimeline(),
                new AdminAccess(""), "test");
        return view.status(limit, new DeliveryView.Filter(null, null, null, null));
    }
}
