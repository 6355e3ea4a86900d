package io.camellanggraph.app.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator page and its JSON API, on the management server's router (never on the webhook port):
 * <pre>
 * GET  /langgraph/                     the page (index.html, app.js, app.css: no external assets); ?token= logs in
 * GET  /langgraph/api/status?limit=&amp;q=&amp;status=&amp;source=&amp;callback=   the view as JSON (page, status command)
 * GET  /langgraph/api/runs/{run id}    one run's detail: payload, error, interrupts, timeline
 * POST /langgraph/api/replay/{key}     replays a dead letter by dedup key or run id     (admin token)
 * POST /langgraph/api/run-now/{route}  fires a Quartz schedule now, once               (admin token)
 * POST /langgraph/api/answer/{thread}:{interrupt}?answer=..  answers a waiting interrupt once (admin token)
 * </pre>
 * Reading needs the viewer token or a loopback bind ({@link ViewerAccess}); changes need the admin token
 * ({@link AdminAccess}, every attempt audited).
 */
public final class OperatorHttp {

    public static final String BASE = "/langgraph";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorHttp.class);
    /** The admin actions that take a body: run now (another input), pause and resume (a note). */
    private static final List<String> BODY_ACTIONS = List.of("run-now", "pause", "resume");
    /** Largest run-now input or pause note. */
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "login.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "chart.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final OperatorView view;
    private final ViewerAccess viewers;
    private final ObjectMapper mapper = new ObjectMapper();

    OperatorHttp(OperatorView view, ViewerAccess viewers) {
        this.view = view;
        this.viewers = viewers;
    }

    public void install(Router router) {
        // Vert.x matches /langgraph and /langgraph/ alike; the page's relative links need the slash
        router.get(BASE).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                page(ctx);
            } else {
                ctx.response().setStatusCode(302).putHeader("Location", BASE + "/").end();
            }
        });
        // scripts and styles hold no data: the login page needs them before any credential
        for (String name : List.of("app.js", "chart.js", "app.css")) {
            router.get(BASE + "/" + name).handler(ctx -> asset(ctx, 200, name));
        }
        // store queries, health checks and the scheduler block: off the event loop
        router.get(BASE + "/api/status").blockingHandler(ctx -> read(ctx, this::status), false);
        router.get(BASE + "/api/runs/:runId").blockingHandler(ctx -> read(ctx, this::run), false);
        router.post(BASE + "/api/replay/:key").blockingHandler(ctx -> change(ctx, "replay", this::replay), false);
        // run now may carry another input, pause a note: the only requests with a body (bounded)
        for (String action : BODY_ACTIONS) {
            router.post(BASE + "/api/" + action + "/:key").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        }
        router.post(BASE + "/api/run-now/:key").blockingHandler(ctx -> change(ctx, "run-now", this::runNow), false);
        router.post(BASE + "/api/pause/:key").blockingHandler(ctx -> change(ctx, "pause", (key, note) -> pause(key, true, note)), false);
        router.post(BASE + "/api/resume/:key").blockingHandler(ctx -> change(ctx, "resume", (key, note) -> pause(key, false, note)), false);
        router.post(BASE + "/api/answer/:key").blockingHandler(ctx -> change(ctx, "answer",
                (key, ignored) -> answer(key, ctx.request().getParam("answer"))), false);
    }

    private void page(RoutingContext ctx) {
        String token = ctx.request().getParam("token");
        if (token != null && viewers.tokenRequired()) {
            if (viewers.login(token)) {
                // the token leaves the address bar at once; the session cookie stands for it from now on
                secured(ctx.response()).setStatusCode(303).putHeader("Set-Cookie", viewers.sessionCookie())
                        .putHeader("Location", BASE + "/").end();
            } else {
                asset(ctx, 401, "login.html");
            }
        } else if (readable(ctx)) {
            asset(ctx, 200, "index.html");
        } else if (viewers.closed()) {
            secured(ctx.response()).setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(closedMessage());
        } else {
            asset(ctx, 401, "login.html");
        }
    }

    private void read(RoutingContext ctx, Consumer<RoutingContext> handler) {
        if (readable(ctx)) {
            handler.accept(ctx);
        } else if (viewers.closed()) {
            json(ctx, 403, error(closedMessage()));
        } else {
            json(ctx, 401, error("viewer token required (Authorization: Bearer <token>, or log in at " + BASE + "/)"));
        }
    }

    private void status(RoutingContext ctx) {
        int limit = 50;
        String asked = ctx.request().getParam("limit");
        if (asked != null && asked.matches("\\d{1,4}")) {
            limit = Math.max(1, Math.min(1000, Integer.parseInt(asked)));
        }
        DeliveryView.Filter filter = new DeliveryView.Filter(ctx.request().getParam("q"), ctx.request().getParam("status"),
                ctx.request().getParam("source"), ctx.request().getParam("callback"));
        try {
            json(ctx, 200, mapper.writeValueAsString(view.status(limit, filter)));
        } catch (Exception e) {
            LOG.warn("Operator status failed: {}", e.getMessage());
            json(ctx, 500, error("status unavailable"));
        }
    }

    private void run(RoutingContext ctx) {
        String runId = ctx.pathParam("runId");
        if (runId == null || !KEY.matcher(runId).matches() || runId.contains(":")) {
            json(ctx, 400, error("not a run id"));
            return;
        }
        try {
            ObjectNode run = view.run(runId);
            json(ctx, run == null ? 404 : 200, run == null ? error("no outcome of this run in the store") : mapper.writeValueAsString(run));
        } catch (Exception e) {
            LOG.warn("Run detail of {} failed: {}", runId, e.getMessage());
            json(ctx, 500, error("run detail unavailable"));
        }
    }

    /** An admin action on {@code key}: answers with its status and body, audited by the caller. */
    private interface Action {
        Answer apply(String key, String body) throws Exception;
    }

    private record Answer(int status, String outcome, String audited, Map<String, Object> body) {
    }

    private Answer replay(String key, String ignored) {
        List<String> replayed = view.replay(key);
        return replayed.isEmpty() ? new Answer(404, "not-found", key, Map.of("error", "no dead letter with this dedup key or run id"))
                : new Answer(200, "ok", String.join(",", replayed), Map.of("replayed", replayed));
    }

    private Answer runNow(String routeId, String input) throws Exception {
        return view.runNow(routeId, input == null || input.isBlank() ? null : input)
                ? new Answer(200, "ok", routeId, Map.of("fired", routeId))
                : new Answer(404, "not-found", routeId, Map.of("error", "no Quartz schedule with this route id here"));
    }

    /** Pauses or resumes a langgraph:schedule (for every instance sharing the store) or a server-side cron, by name. */
    private Answer pause(String name, boolean paused, String note) throws Exception {
        return view.pause(name, paused, note == null || note.isBlank() ? null : note.strip())
                ? new Answer(200, "ok", name, Map.of(paused ? "paused" : "resumed", name))
                : new Answer(404, "not-found", name, Map.of("error", "no langgraph:schedule or langgraph:cron with this name here"));
    }

    /** The answer travels as the query parameter {@code answer}; it is not audited, the interrupt's key is. */
    private Answer answer(String key, String answer) {
        try {
            io.camellanggraph.store.Decision d = view.answer(key, answer);
            return d == null ? new Answer(404, "not-found", key, Map.of("error", "no interrupt waits for input under this key"))
                    : new Answer(200, "ok", key, Map.of("resumeRunId", d.runId()));
        } catch (io.camellanggraph.resume.LangGraphResumeRefusedException e) {
            return new Answer(409, "refused", key, Map.of("error", e.getReason() + ": " + e.getMessage()));
        } catch (io.camellanggraph.client.LangGraphUnreachableException e) {
            return new Answer(503, "unreachable", key, Map.of("error", "LangGraph server unreachable, the interrupt still waits"));
        } catch (io.camellanggraph.client.LangGraphApiException e) {
            // the server did not take the resume run (a busy thread: 409): the answer is withdrawn, the interrupt waits
            return new Answer(e.getStatusCode() == 409 ? 409 : 502, "server-refused", key, Map.of("error",
                    "the LangGraph server did not take the resume run (" + e.getStatusCode() + "), the interrupt still waits: "
                            + e.getDetail()));
        }
    }

    private void change(RoutingContext ctx, String action, Action operation) {
        AdminAccess admin = view.admin();
        String key = ctx.pathParam("key");
        String from = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        if (!admin.enabled()) {
            admin.audit(action, "read-only", key, from);
            json(ctx, 403, error("read-only: no admin token configured (langgraph.admin-token)"));
        } else if (!admin.authorised(ctx.request().getHeader("Authorization"))) {
            admin.audit(action, "unauthorized", key, from);
            json(ctx, 401, error("admin token required (Authorization: Bearer <token>)"));
        } else if (key == null || !KEY.matcher(key).matches()) {
            admin.audit(action, "invalid", key, from);
            json(ctx, 400, error("not a dedup key, run id or route id"));
        } else {
            try {
                // only run-now, pause and resume have a body handler (the others take no body)
                Answer answer = operation.apply(key, BODY_ACTIONS.contains(action) ? ctx.body().asString() : null);
                admin.audit(action, answer.outcome(), answer.audited(), from);
                json(ctx, answer.status(), mapper.writeValueAsString(answer.body()));
            } catch (Exception e) {
                LOG.warn("{} of {} failed: {}", action, AdminAccess.printable(key), e.getMessage());
                json(ctx, 500, error(action + " failed: " + e.getMessage()));
            }
        }
    }

    private boolean readable(RoutingContext ctx) {
        return viewers.readable(ctx.request().getHeader("Authorization"), ctx.request().getHeader("Cookie"));
    }

    private static String closedMessage() {
        return "operator view closed: the management server is not bound to loopback and no langgraph.viewer-token is set";
    }

    private String error(String message) {
        try {
            return mapper.writeValueAsString(Map.of("error", message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void asset(RoutingContext ctx, int status, String name) {
        HttpServerResponse response = secured(ctx.response()).setStatusCode(status).putHeader("Content-Type", ASSETS.get(name));
        response.end(Buffer.buffer(load(name)));
    }

    private static void json(RoutingContext ctx, int status, String body) {
        secured(ctx.response()).setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static HttpServerResponse secured(HttpServerResponse response) {
        return response.putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", CSP);
    }

    private static byte[] load(String name) {
        try (InputStream in = OperatorHttp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("operator page asset missing: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
