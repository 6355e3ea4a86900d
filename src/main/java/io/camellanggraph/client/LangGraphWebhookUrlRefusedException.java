package io.camellanggraph.client;

import java.util.Locale;

/**
 * 422 on a run or cron creation because the webhook URL breaks the server's {@code webhooks.url} policy in its
 * {@code langgraph.json} (the {@code detail} texts of langgraph_api's {@code validate_webhook_url_or_raise}).
 * {@link #getReason()} names which rule, and the message names the setting that fixes it.
 * No request of this app can succeed until the setting changes, so the exception carries no stack trace: a Quartz
 * tick per second would otherwise print one each time.
 */
public class LangGraphWebhookUrlRefusedException extends LangGraphValidationException {

    /** The server's rules, each with the setting that fixes it. */
    public enum Reason {
        HTTPS_REQUIRED("set langgraph.webhook.base-url to the https URL the server reaches this app at, or set"
                + " webhooks.url.require_https to false in the server's langgraph.json. Trap: as soon as langgraph.json has any"
                + " webhooks.url key, require_https defaults to true"),
        DOMAIN_NOT_ALLOWED("add the host of langgraph.webhook.base-url to webhooks.url.allowed_domains"
                + " in the server's langgraph.json, or set langgraph.webhook.base-url to a host listed there"),
        PORT_NOT_ALLOWED("add the port of langgraph.webhook.base-url to webhooks.url.allowed_ports in the server's"
                + " langgraph.json (a URL without a port means 443 for https, 80 for http), or move the app to an allowed port"),
        URL_TOO_LONG("raise webhooks.url.max_url_length in the server's langgraph.json (2048 as soon as"
                + " any webhooks.url key is set, 4096 otherwise), or shorten langgraph.webhook.base-url, langgraph.webhook.path"
                + " or the callback name"),
        LOOPBACK_BLOCKED("set langgraph.webhook.base-url to an address of this app the server reaches that is not"
                + " loopback, or (local development only) set webhooks.url.disable_loopback to false in the server's langgraph.json"),
        PRIVATE_ADDRESS_BLOCKED("set langgraph.webhook.base-url to a public address of this app, or set"
                + " webhooks.url.disable_private_ips to false in the server's langgraph.json"),
        DNS_RESOLUTION_FAILED("set langgraph.webhook.base-url to a host name the LangGraph server can resolve"),
        HOST_BLOCKED("the server always blocks this kind of target (link-local, reserved or metadata"
                + " addresses, *.svc.cluster.local unless listed exactly in webhooks.url.allowed_domains): set"
                + " langgraph.webhook.base-url to another address of this app"),
        INVALID_HOSTNAME("set langgraph.webhook.base-url to scheme://host[:port]");

        private final String fix;

        Reason(String fix) {
            this.fix = fix;
        }

        /** What to change so the server accepts the URL. */
        public String fix() {
            return fix;
        }

        /** The rule a 422 detail reports, or null when it is not about the webhook URL. */
        static Reason of(String detail) {
            String d = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
            if (d.startsWith("webhook host blocked:")) {
                // the server's SSRF check: the host or what it resolves to
                return d.contains("loopback") || d.contains("localhost") ? LOOPBACK_BLOCKED
                        : d.contains("private ip") ? PRIVATE_ADDRESS_BLOCKED
                        : d.contains("dns resolution") ? DNS_RESOLUTION_FAILED
                        : HOST_BLOCKED;
            }
            if (d.startsWith("webhook port ") && d.endsWith(" not allowed")) {
                return PORT_NOT_ALLOWED;
            }
            return d.equals("webhook must use https") ? HTTPS_REQUIRED
                    : d.equals("webhook domain not allowed") ? DOMAIN_NOT_ALLOWED
                    : d.equals("webhook url too long") ? URL_TOO_LONG
                    : d.startsWith("loopback webhooks") ? LOOPBACK_BLOCKED
                    : d.startsWith("invalid webhook hostname") ? INVALID_HOSTNAME
                    : null;
        }
    }

    private final Reason reason;

    private LangGraphWebhookUrlRefusedException(String call, String detail, Reason reason) {
        super(call, detail, "LangGraph server refused this app's webhook URL (422 to " + call + ": " + detail + "): " + reason.fix);
        this.reason = reason;
    }

    /** A 422 whose detail is a webhook URL policy refusal as this exception, any other as a plain validation error. */
    static LangGraphValidationException of(String call, String detail) {
        Reason reason = Reason.of(detail);
        return reason == null ? new LangGraphValidationException(call, detail) : new LangGraphWebhookUrlRefusedException(call, detail, reason);
    }

    public Reason getReason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
