package io.camellanggraph.callback;

/** Where the outcomes of one callback name go: implemented by the {@code langgraph:webhook} and cron consumers. */
public interface CallbackListener {

    /**
     * Routes the delivery and reports when done, asynchronously.
     *
     * @param done receives null when the route handled it, or the failure the route ended with
     */
    void deliver(CallbackDelivery delivery, java.util.function.Consumer<Throwable> done);
}
