package io.camellanggraph.callback;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.client.Run;

/** What the confirm stage concluded about a {@link Claim}. */
public sealed interface Verdict {

    /**
     * The server confirms the run ended and belongs to this callback: route the server's copy.
     *
     * @param run         the server's run, with its thread's values (and error) added, redacted
     * @param body        {@code run} as JSON text, as routed
     * @param interrupted the run reported {@code success} but its thread waits at an interrupt
     * @param interrupts  the thread's pending interrupts, or null
     * @param claimedOtherStatus the claim named another status than the server's (a forgery, or a stale doorbell)
     */
    record Confirmed(Run run, String body, boolean interrupted, JsonNode interrupts, boolean claimedOtherStatus)
            implements Verdict {
    }

    /** The run exists and belongs to the callback but has not ended: the claim may be an early doorbell, check again. */
    record NotYet(String status) implements Verdict {
    }

    /** The server could not be asked (down, 5xx, timeout): check again later, the claim stays recorded. */
    record Unreachable(String detail) implements Verdict {
    }

    /** The server contradicts the claim: it is never routed. */
    record Refused(Reason reason, String detail) implements Verdict {
    }

    /** Why a claim was not confirmed; {@link #code()} is what metrics, logs and the operator page show. */
    enum Reason {
        /** No such run on the server (made up, or deleted). */
        UNKNOWN_RUN("unknown-run"),
        /** The run exists but carries another callback's correlation id. */
        OTHER_CALLBACK("other-callback"),
        /** The run was created on another assistant than the one this callback's run or cron uses. */
        OTHER_ASSISTANT("other-assistant"),
        /** A second, different outcome for a run whose outcome was routed already. */
        ALREADY_ROUTED("already-routed"),
        /** The claim named another status than the one the server reports (the server's was routed). */
        STATUS_MISMATCH("status-mismatch");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
