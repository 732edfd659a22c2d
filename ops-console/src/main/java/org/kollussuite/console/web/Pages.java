package org.kollussuite.console.web;

import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.kollussuite.console.client.Result;

import java.net.URI;

/** The answers every action shares: back to a page after success, or a page saying what failed or was refused. */
@ApplicationScoped
public class Pages {

    private final Template message;

    public Pages(Template message) {
        this.message = message;
    }

    /** Post/redirect/get: the browser shows {@code location} and a reload does not repeat the action. */
    public Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    /**
     * A failed action: what was tried, why it failed and that nothing changed. The status mirrors the
     * service's refusal ({@code 404} for something that no longer exists), or {@code 503} when the
     * service did not answer.
     */
    public Response failed(String action, Result<?> result, String backUrl, String backLabel) {
        int status = result.unreachable() ? 503 : result.status() >= 400 ? result.status() : 502;
        return page(status, action + " failed", result.problem() + ". Nothing was changed.", backUrl, backLabel);
    }

    /** A refused input: {@code 400} and what is wrong. */
    @ServerExceptionMapper
    public Response badInput(BadInputException e) {
        return page(400, e.title(), e.getMessage(), e.backUrl(), e.backLabel());
    }

    private Response page(int status, String title, String text, String backUrl, String backLabel) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(message.data("nav", "").data("title", title).data("message", text)
                        .data("backUrl", backUrl).data("backLabel", backLabel))
                .build();
    }
}
