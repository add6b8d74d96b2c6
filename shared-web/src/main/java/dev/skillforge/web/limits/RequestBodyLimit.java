package dev.skillforge.web.limits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.skillforge.data.problem.TooLarge;

/**
 * Refuses a request body over {@link #MAX_BYTES} with a 413 problem before anything parses or stores it. The largest
 * thing a client may send is a lesson (its content at most 200,000 UTF-8 bytes, its quiz, JSON escapes): 1 MiB is
 * generous for that and far below Lambda's 6 MB invocation payload, so an oversized body gets our answer, not a
 * platform error. The body is counted as read, not by its Content-Length header, which a client may leave out.
 */
public class RequestBodyLimit {

    public static final int MAX_BYTES = 1024 * 1024;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void limit(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        String declared = request.getHeaderString("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > MAX_BYTES) {
            throw tooLarge();
        }
        InputStream body = request.getEntityStream();
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        request.setEntityStream(new ByteArrayInputStream(bytes));
    }

    private static TooLarge tooLarge() {
        return new TooLarge("The request body is over " + MAX_BYTES + " bytes.");
    }
}
