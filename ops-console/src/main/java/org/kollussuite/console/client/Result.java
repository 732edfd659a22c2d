package org.kollussuite.console.client;

import io.quarkus.qute.TemplateData;

import java.util.function.Function;

/**
 * What one admin-API call gave: a value, or what failed in words an operator can act on. A page shows
 * the failure in place of the part it would have filled and renders the rest.
 *
 * @param unreachable whether the service did not answer at all (down, or too slow), as opposed to refusing
 * @param status      the HTTP status the service answered with, 0 when it did not answer
 */
@TemplateData
public record Result<T>(Service service, T value, String problem, boolean unreachable, int status) {

    public static <T> Result<T> ok(Service service, T value) {
        return new Result<>(service, value, null, false, 200);
    }

    public static <T> Result<T> unreachable(Service service, String problem) {
        return new Result<>(service, null, problem, true, 0);
    }

    public static <T> Result<T> refused(Service service, int status, String problem) {
        return new Result<>(service, null, problem, false, status);
    }

    public boolean ok() {
        return problem == null;
    }

    public boolean notFound() {
        return status == 404;
    }

    public <R> Result<R> map(Function<T, R> mapper) {
        return ok() ? ok(service, mapper.apply(value)) : new Result<>(service, null, problem, unreachable, status);
    }
}
