package io.camellanggraph.app.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator page and its JSON API, on the management server's router (never on the webhook port):
 * <pre>
 * GET  /langgraph/                  the page (index.html, app.js, app.css: no external assets)
 * GET  /langgraph/api/status?limit= the view as JSON (what the page and the status command show)
 * POST /langgraph/api/replay/{key}  replays a dead letter by dedup key or run id; Authorization: Bearer &lt;admin token&gt;
 * </pre>
 */
public final class OperatorHttp {

    public static final String BASE = "/langgraph";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorHttp.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final OperatorView view;
    private final ObjectMapper mapper = new ObjectMapper();

    public OperatorHttp(OperatorView view) {
        this.view = view;
    }

    public void install(Router router) {
        // Vert.x matches /langgraph and /langgraph/ alike; the page's relative links need the slash
        router.get(BASE).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                asset(ctx, "index.html");
            } else {
                ctx.response().setStatusCode(302).putHeader("Location", BASE + "/").end();
            }
        });
        for (String name : ASSETS.keySet()) {
            router.get(BASE + "/" + name).handler(ctx -> asset(ctx, name));
        }
        // store queries and health checks block: off the event loop
        router.get(BASE + "/api/status").blockingHandler(this::status, false);
        router.post(BASE + "/api/replay/:key").blockingHandler(this::replay, false);
    }

    private void status(RoutingContext ctx) {
        int limit = 50;
        String asked = ctx.request().getParam("limit");
        if (asked != null && asked.matches("\\d{1,4}")) {
            limit = Math.max(1, Math.min(1000, Integer.parseInt(asked)));
        }
        try {
            json(ctx, 200, mapper.writeValueAsString(view.status(limit)));
        } catch (Exception e) {
            LOG.warn("Operator status failed: {}", e.getMessage());
            json(ctx, 500, error("status unavailable"));
        }
    }

    private void replay(RoutingContext ctx) {
        AdminAccess admin = view.admin();
        String key = ctx.pathParam("key");
        String from = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        if (!admin.enabled()) {
            admin.audit("replay", "read-only", key, from);
            json(ctx, 403, error("read-only: no admin token configured (langgraph.admin-token)"));
        } else if (!admin.authorised(ctx.request().getHeader("Authorization"))) {
            admin.audit("replay", "unauthorized", key, from);
            json(ctx, 401, error("admin token required (Authorization: Bearer <token>)"));
        } else if (key == null || !KEY.matcher(key).matches()) {
            admin.audit("replay", "invalid", key, from);
            json(ctx, 400, error("not a dedup key or run id"));
        } else {
            try {
                List<String> replayed = view.replay(key);
                if (replayed.isEmpty()) {
                    admin.audit("replay", "not-found", key, from);
                    json(ctx, 404, error("no dead letter with this dedup key or run id"));
                } else {
                    admin.audit("replay", "ok", String.join(",", replayed), from);
                    json(ctx, 200, mapper.writeValueAsString(Map.of("replayed", replayed)));
                }
            } catch (Exception e) {
                LOG.warn("Replay of {} failed: {}", AdminAccess.printable(key), e.getMessage());
                json(ctx, 500, error("replay failed: " + e.getMessage()));
            }
        }
    }

    private String error(String message) {
        try {
            return mapper.writeValueAsString(Map.of("error", message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void asset(RoutingContext ctx, String name) {
        HttpServerResponse response = secured(ctx.response()).putHeader("Content-Type", ASSETS.get(name));
        response.end(Buffer.buffer(read(name)));
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

    private static byte[] read(String name) {
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
