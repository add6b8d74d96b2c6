/*
 * The SkillForge API client a frontend imports: openapi-fetch over the types that openapi-typescript generates from
 * docs/openapi.json (npm run generate). Paths, parameters, bodies, answers and problems are all checked by the compiler.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

export type { components, paths };

/** A typed client: GET, POST, PUT, DELETE and HEAD take a documented path and answer `{ data, error, response }`. */
export type SkillForgeClient = Client<paths>;

/** The documented body schemas by name, e.g. `Schema<"CourseView">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

/** The RFC 9457 problem every error answer carries (docs/problems.md). */
export type Problem = Schema<"Problem">;

/** The bearer token: a fixed one, or a function asked before each request (for a token that is refreshed). */
export type TokenSource = string | (() => string | undefined);

/**
 * A client for the API at {@code baseUrl} (the stage's URL, or the local run's), calling as the token's user when a
 * token is given and anonymously otherwise (the catalog, search, ratings and reviews are public).
 */
export function createSkillForgeClient(baseUrl: string, token?: TokenSource): SkillForgeClient {
    const client = createClient<paths>({ baseUrl: baseUrl.replace(/\/+$/, "") });
    if (token !== undefined) {
        client.use(bearer(token));
    }
    return client;
}

function bearer(token: TokenSource): Middleware {
    return {
        onRequest({ request }) {
            const value = typeof token === "string" ? token : token();
            if (value !== undefined && value !== "") {
                request.headers.set("Authorization", `Bearer ${value}`);
            }
            return request;
        },
    };
}
