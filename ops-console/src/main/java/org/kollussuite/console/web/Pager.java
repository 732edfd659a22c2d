package org.kollussuite.console.web;

import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * The page of a list and the links to its neighbours, keeping every filter. The admin APIs do not count,
 * so one row more than a page is asked for: its presence means there is a next page.
 */
@TemplateData
public record Pager(int number, int size, boolean hasPrevious, boolean hasNext, String previousUrl, String nextUrl) {

    /** The offset and limit to ask the API for page {@code number}. */
    public static int offset(int number, int size) {
        return (number - 1) * size;
    }

    public static int limit(int size) {
        return size + 1;
    }

    /** The rows of the page out of the {@code size + 1} fetched. */
    public static <T> List<T> rows(List<T> fetched, int size) {
        return fetched.size() > size ? fetched.subList(0, size) : fetched;
    }

    public static Pager of(UriInfo uri, int number, int size, int fetched) {
        boolean hasNext = fetched > size;
        return new Pager(number, size, number > 1, hasNext, link(uri, number - 1), link(uri, number + 1));
    }

    private static String link(UriInfo uri, int page) {
        return uri.getRequestUriBuilder().replaceQueryParam("page", Math.max(page, 1)).build().toString()
                .replaceFirst("^[a-z]+://[^/]+", "");
    }
}
