package io.camellanggraph.resume;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.sql.DataSource;

/**
 * A store's pool with one armed step: the first statement whose SQL matches runs a step just before it is prepared, or
 * just after its connection is closed. Two racing sides can so be stopped at a chosen statement and the other side run
 * meanwhile, in a chosen order, without timing. A connection is taken from the pool only when its statement is prepared,
 * so a side waiting in a step holds none (SQLite's single writing connection stays free for the other side).
 */
final class PausingDataSource {

    private record Step(Predicate<String> sql, boolean afterClose, Runnable action) {
    }

    private final DataSource pool;
    private final AtomicReference<Step> armed = new AtomicReference<>();

    PausingDataSource(DataSource pool) {
        this.pool = pool;
    }

    /** Runs {@code action} once, before the next statement matching {@code sql} is prepared. */
    void before(Predicate<String> sql, Runnable action) {
        armed.set(new Step(sql, false, action));
    }

    /** Runs {@code action} once, after the connection of the next statement matching {@code sql} is closed. */
    void afterClose(Predicate<String> sql, Runnable action) {
        armed.set(new Step(sql, true, action));
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> "getConnection".equals(method.getName()) ? connection() : invoke(method, pool, args));
    }

    private Connection connection() {
        Connection[] real = new Connection[1];
        Runnable[] onClose = new Runnable[1];
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ("close".equals(method.getName())) {
                        if (real[0] != null) {
                            real[0].close();
                        }
                        if (onClose[0] != null) {
                            onClose[0].run();
                        }
                        return null;
                    }
                    if ("prepareStatement".equals(method.getName())) {
                        Step step = armed.get();
                        if (step != null && step.sql().test((String) args[0]) && armed.compareAndSet(step, null)) {
                            if (step.afterClose()) {
                                onClose[0] = step.action();
                            } else {
                                step.action().run();
                            }
                        }
                    }
                    if (real[0] == null) {
                        real[0] = pool.getConnection();
                    }
                    return invoke(method, real[0], args);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
