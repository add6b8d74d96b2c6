/*
 * The README's example, compiled with the client so that it stays true: a course's rating, read through the typed client.
 */
import { createSkillForgeClient } from "./client.js";

export async function describeRating(baseUrl: string, courseId: string, accessToken: () => string | undefined): Promise<string> {
    const api = createSkillForgeClient(baseUrl, accessToken);
    const { data, error, response } = await api.GET("/courses/{courseId}/rating", { params: { path: { courseId } } });
    if (error) {
        // A problem document from the function (type, title, status, detail, errors), or API Gateway's own { message }
        const why = "title" in error ? `${error.title}: ${error.detail ?? ""}` : error.message;
        throw new Error(`${response.status} ${why}`);
    }
    return `${data.average} stars from ${data.reviewCount} reviews`; // data is a RatingView: both fields always there
}
