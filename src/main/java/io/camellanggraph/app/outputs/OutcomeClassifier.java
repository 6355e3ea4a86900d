package io.camellanggraph.app.outputs;

import java.util.Set;

import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The results route's content-based router, named once: from the confirmed outcome's headers, what kind of result it is
 * ({@value #RESULT_KIND}), which JMS queue takes it ({@value #QUEUE}) and whether a person gets an alert mail now
 * ({@value #ALERT}). The queues are set from the settings in the route's bean definition.
 *
 * <table>
 * <caption>kinds</caption>
 * <tr><th>outcome</th><th>kind</th><th>queue</th><th>alert</th></tr>
 * <tr><td>waiting at an interrupt</td><td>awaiting-input</td><td>approvals</td><td>yes</td></tr>
 * <tr><td>success</td><td>success</td><td>results</td><td>no</td></tr>
 * <tr><td>cancelled on request or superseded (interrupted or rollback, with the server's UserInterrupt /
 * UserRollback, or no error at all when a poll recovered it)</td><td>its status</td><td>results</td><td>no</td></tr>
 * <tr><td>anything else (error, timeout, an interrupted run with another error)</td><td>its status</td>
 * <td>failures</td><td>yes</td></tr>
 * </table>
 */
public class OutcomeClassifier {

    /** Exchange property: the kind of result (success, awaiting-input, error, timeout, interrupted, rollback, ...). */
    public static final String RESULT_KIND = "resultKind";
    /** Exchange property: the JMS queue of the outcome. */
    public static final String QUEUE = "queue";
    /** Exchange property: whether the alert mail goes out. */
    public static final String ALERT = "alert";

    private static final Set<String> CANCELLED = Set.of("interrupted", "rollback");
    private static final Set<String> CANCELLED_ON_REQUEST = Set.of("UserInterrupt", "UserRollback");

    private String resultsQueue;
    private String failuresQueue;
    private String approvalsQueue;

    public void classify(Exchange exchange) {
        Message in = exchange.getMessage();
        String status = in.getHeader(LangGraphConstants.RUN_STATUS, "", String.class);
        String errorType = in.getHeader(LangGraphConstants.ERROR_TYPE, String.class);
        if (in.getHeader(LangGraphConstants.INTERRUPTED, false, Boolean.class)) {
            set(exchange, "awaiting-input", approvalsQueue, true);
        } else if (status.equals("success")) {
            set(exchange, status, resultsQueue, false);
        } else if (CANCELLED.contains(status) && (errorType == null || CANCELLED_ON_REQUEST.contains(errorType))) {
            // nobody to alert: someone (or a multitask strategy) cancelled it
            set(exchange, status, resultsQueue, false);
        } else {
            set(exchange, status, failuresQueue, true);
        }
    }

    private static void set(Exchange exchange, String kind, String queue, boolean alert) {
        exchange.setProperty(RESULT_KIND, kind);
        exchange.setProperty(QUEUE, queue);
        exchange.setProperty(ALERT, alert);
    }

    public void setResultsQueue(String resultsQueue) {
        this.resultsQueue = resultsQueue;
    }

    public void setFailuresQueue(String failuresQueue) {
        this.failuresQueue = failuresQueue;
    }

    public void setApprovalsQueue(String approvalsQueue) {
        this.approvalsQueue = approvalsQueue;
    }
}
