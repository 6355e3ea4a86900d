package io.camellanggraph.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a {@code langgraph:<operation>} endpoint does: one LangGraph API call per producer operation, two consumers. */
public enum LangGraphOperation {
    /** Background run, thread or stateless; the result comes back by webhook. */
    run,
    /** Run and wait for the final values, answered inline. */
    wait,
    /** Run and read its server-sent events to the end. */
    stream,
    /** Several stateless background runs in one call; the body is a JSON array of inputs. */
    batch,
    /** Create a server-side cron (thread cron when a thread is given). */
    cron,
    cronSearch,
    cronGet,
    cronUpdate,
    cronDelete,
    cronCount,
    getRun,
    joinRun,
    cancelRun,
    createThread,
    getThreadState,
    /** Answer a pending interrupt once (by its resume handle) and start the resume run, whose outcome is routed. */
    resume,
    info,
    /** Consumer: run outcomes delivered by webhook (or recovered by polling). */
    webhook,
    /** Consumer: a Camel-side clock, a Quartz route whose schedule may be written in Unix syntax. */
    schedule;

    /** The operation of that name; an unknown one fails with the valid names (where valueOf says only "No enum constant"). */
    public static LangGraphOperation of(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown langgraph operation '" + name + "'. Valid operations: "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }

    /** Operations whose result only comes back by webhook: {@code webhook=auto} is their default. */
    public boolean webhookByDefault() {
        return this == run || this == batch || this == cron;
    }
}
