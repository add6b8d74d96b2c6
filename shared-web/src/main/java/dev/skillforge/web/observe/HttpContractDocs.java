package dev.skillforge.web.observe;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.skillforge.web.routes.RouteTable;

/**
 * Documents the standard HTTP contract every function keeps (see docs/problems.md): a HEAD operation beside every GET
 * (its headers, no body), on every path the methods the route table serves there and the 405 any other method gets,
 * and the Location of every 201.
 */
final class HttpContractDocs {

    private HttpContractDocs() {
    }

    /** Location on a 201: the created resource, which a GET reads. */
    static void location(Operation operation) {
        APIResponse created = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("201");
        if (created != null) {
            created.addHeader("Location", OASFactory.createHeader()
                    .description("The created resource itself; GET reads it")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")));
        }
    }

    /**
     * The 405 every operation's path gives any method it does not serve, with its Allow header, so that a client generated
     * from the document knows the answer (the path's description lists the served methods).
     */
    static void methodNotAllowed(Operation operation) {
        if (operation.getResponses().getAPIResponse("405") == null) {
            operation.getResponses().addAPIResponse("405", OASFactory.createAPIResponse()
                    .description("The path is served, but not with this method; nothing changes")
                    .addHeader("Allow", OASFactory.createHeader().description("Every method served on the path, HEAD wherever GET is")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        }
    }

    /**
     * The conditional answers every GET can give (HttpCaching): its ETag, a 304 without a body for an If-None-Match that
     * names it, and a 412 for an If-Match that does not.
     */
    static void conditionalRead(Operation get, Content problem) {
        APIResponse ok = get.getResponses().getAPIResponse("200");
        if (ok == null) {
            return;
        }
        ok.addHeader("ETag", etag("The answer's version (a public read's is a hash of its content); send it as If-None-Match to "
                + "revalidate. Absent on a personal read of something without a version"));
        get.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                .description("Not modified: If-None-Match names the current ETag; no body")
                .addHeader("ETag", etag("The current version, the one If-None-Match named")));
        if (get.getResponses().getAPIResponse("412") == null) {
            get.getResponses().addAPIResponse("412", OASFactory.createAPIResponse()
                    .description("If-Match names no current version of what is read; the read is not answered").content(problem));
        }
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header etag(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    /** HEAD beside every GET, and each path's served methods with the 405 the others answer. */
    static void headAndAllow(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getGET() != null && item.getHEAD() == null) {
                item.setHEAD(head(item.getGET()));
            }
            List<String> allowed = RouteTable.allowedMethods(path);
            if (!allowed.isEmpty()) {
                String allow = String.join(", ", allowed);
                item.setDescription("Served methods: " + allow + ". Any other method answers 405 `/problems/method-not-allowed` "
                        + "with `Allow: " + allow + "`.");
            }
        });
    }

    /** The GET's summary, parameters, security and answers (statuses and headers), every answer without a body. */
    private static Operation head(Operation get) {
        APIResponses responses = OASFactory.createAPIResponses();
        for (Map.Entry<String, APIResponse> answer : get.getResponses().getAPIResponses().entrySet()) {
            APIResponse withoutBody = OASFactory.createAPIResponse().description(answer.getValue().getDescription());
            if (answer.getValue().getHeaders() != null) {
                answer.getValue().getHeaders().forEach(withoutBody::addHeader);
            }
            responses.addAPIResponse(answer.getKey(), withoutBody);
        }
        return OASFactory.createOperation()
                .summary(get.getSummary())
                .operationId(get.getOperationId() == null ? null : get.getOperationId() + "_head")
                .description("What GET answers (status, ETag, Cache-Control, Content-Type, Content-Length, a 304 for a matching "
                        + "If-None-Match) without the body, with the same authorization.")
                .tags(get.getTags())
                .parameters(get.getParameters())
                .security(get.getSecurity())
                .responses(responses);
    }
}
