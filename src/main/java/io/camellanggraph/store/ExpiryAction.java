package io.camellanggraph.store;

import java.util.Locale;

/**
 * What the expiry of an interrupt nobody answered does (the webhook consumer's {@code onExpiry}), as stored in
 * {@code lg_awaiting.on_expiry} and shown on the operator page. The stored values ({@link #value()}) never change.
 */
public enum ExpiryAction {

    /** The interrupt is answered with the configured answer ({@code onExpiryAnswer}) and its run resumed. */
    RESUME,
    /** No answer is taken any more; the run stays where it stopped. */
    CANCEL,
    /** Its outcome is routed again with status {@code expired}, for a route to decide. */
    ROUTE;

    /** The stored (and configured) value: {@code resume}, {@code cancel} or {@code route}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of a configured or stored value (none: {@link #ROUTE}, the default); a clear error for anything else. */
    public static ExpiryAction of(String value) {
        if (value == null) {
            return ROUTE;
        }
        for (ExpiryAction action : values()) {
            if (action.value().equals(value)) {
                return action;
            }
        }
        throw new IllegalArgumentException("onExpiry must be resume, cancel or route, not '" + value + "'");
    }
}
