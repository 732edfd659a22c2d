package org.kollussuite.console.security;

import io.quarkus.qute.Template;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The CSRF filter refuses a form without a valid token with a bare {@code 400}; this turns that refusal
 * into {@code 403} with a page that says what to do. The console's own answers always have a body, so a
 * bodiless 400 to a form post can only be the CSRF filter's.
 */
public class CsrfRefusal {

    private final Template error;

    public CsrfRefusal(Template error) {
        this.error = error;
    }

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity() && !"GET".equals(request.getMethod())) {
            response.setStatus(403);
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML + ";charset=UTF-8");
            response.setEntity(error.data("title", "Form refused")
                    .data("message", "This form was not sent from a page of this console, or the page is too old "
                            + "(its CSRF token is missing or wrong). Nothing was changed. Reload the page and send the "
                            + "form again.")
                    .data("nav", "bare").render());
        }
    }
}
