package dev.skillforge.web.preconditions;

import java.util.function.Supplier;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The OpenAPI side of {@link ExpectedVersion}: every operation that takes If-Match changes an existing object, so it
 * documents the header and its answers (428, 412, 409), and every operation that names an object by path documents the
 * 404 that a missing and a hidden object share. The problem filter calls this for each operation.
 */
public final class PreconditionDocs {

    static final String IF_MATCH_DESCRIPTION = "The ETag of the version this change is based on (RFC 9110 section 13.1.1): "
            + "`*` (whatever version is current) or a comma-separated list of entity tags of which one must be the current "
            + "one. Compared strongly: a weak tag (`W/\"3\"`) never matches. Instead of this header, `version` may be sent in "
            + "the body; one of the two is required, and when both are sent they must name the same version "
            + "(If-Match exactly `\"<version>\"`), otherwise 400.";

    private PreconditionDocs() {
    }

    /** Adds what the operation's parameters imply; {@code problem} makes a response's problem+json content. */
    public static void document(Operation operation, Supplier<Content> problem) {
        if (operation.getParameters() == null || operation.getResponses() == null) {
            return;
        }
        boolean preconditioned = false;
        boolean namesObject = false;
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() == Parameter.In.HEADER && IfMatch.HEADER.equalsIgnoreCase(parameter.getName())) {
                // one header value (the resource reads it as its field lines, which is not the client's business)
                parameter.description(IF_MATCH_DESCRIPTION).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(java.util.List.of("\"3\"", "*", "\"2\", \"3\"")));
                preconditioned = true;
            }
            namesObject |= parameter.getIn() == Parameter.In.PATH;
        }
        if (namesObject) {
            add(operation, "404", "No such object, or one the caller may not see (a draft or unpublished course of someone "
                    + "else): the same answer for both", problem);
        }
        if (!preconditioned) {
            return;
        }
        add(operation, "428", "Neither If-Match nor `version` was sent: this change must name the version it is based on",
                problem);
        add(operation, "412", "If-Match names no current version (a stale, weak or unknown tag); `ETag` is the current one",
                problem).addHeader("ETag", etag());
        add(operation, "409", "`version` in the body is not the current one; `ETag` is the current one", problem)
                .addHeader("ETag", etag());
    }

    /** Adds the answer, or appends its description to one the operation already documents for another reason. */
    private static APIResponse add(Operation operation, String status, String description,
            Supplier<Content> problem) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null) {
            if (existing.getDescription() == null || !existing.getDescription().contains(description)) {
                existing.setDescription(existing.getDescription() == null ? description : existing.getDescription() + "; or: " + description);
            }
            existing.setContent(problem.get());
            return existing;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description).content(problem.get());
        operation.getResponses().addAPIResponse(status, response);
        return response;
    }

    private static Header etag() {
        return OASFactory.createHeader().description("The object's current version as a strong entity tag, such as \"4\"")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
}
