package org.kollussuite.console.security;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.common.util.URLUtils;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A form body with a broken percent escape (such as {@code next=%zz}) fails while the framework decodes it, before
 * any resource runs; that is the sender's mistake, so it gets a 400 page, not the 500 the failure would give.
 */
public class UnreadableForm {

    private static final Logger LOG = Logger.getLogger(UnreadableForm.class);

    private final Template error;

    public UnreadableForm(@Location("error") Template error) {
        this.error = error;
    }

    @ServerExceptionMapper
    public Response refuse(IllegalArgumentException failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        boolean undecodable = trace.length > 0 && URLUtils.class.getName().equals(trace[0].getClassName());
        if (!undecodable) {
            // Any other one is the console's own fault: answered as the framework would, and logged as such.
            LOG.error("a request failed", failure);
            return page(500, "Something went wrong", "The console could not answer this request. Nothing was "
                    + "changed. Try again; if it keeps failing, its log says why.");
        }
        return page(400, "Form refused", "This form has a broken percent escape, so the console cannot read it. "
                + "Nothing was changed. Reload the page and send the form again.");
    }

    private Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML + ";charset=UTF-8")
                .entity(error.data("title", title).data("message", message).data("nav", "bare").render()).build();
    }
}
