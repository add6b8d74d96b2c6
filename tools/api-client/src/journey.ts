/*
 * A learner journey through the typed client: an instructor writes and publishes a course with a text lesson and a
 * quiz, a learner finds it in the catalog, enrolls, completes the lesson, passes the quiz and reviews it, and the
 * course's rating shows the review. Every answer is read through the generated types.
 *
 *   BASE_URL=http://localhost:8080 INSTRUCTOR_TOKEN=... STUDENT_TOKEN=... node dist/journey.js
 *
 * Prints one line per step; exits 1 with the step, the status and the problem on the first unexpected answer.
 */
import { createSkillForgeClient } from "./client.js";

/** What every openapi-fetch call answers: the documented body of a success, or the documented problem of an error. */
type Answer<Data, Problem> =
    | { data: Data; error?: never; response: Response }
    | { data?: never; error: Problem; response: Response };

class JourneyFailure extends Error {}

function env(name: string): string {
    const value = process.env[name];
    if (value === undefined || value === "") {
        throw new JourneyFailure(`${name} is not set (BASE_URL, INSTRUCTOR_TOKEN and STUDENT_TOKEN are required)`);
    }
    return value;
}

/** The body of an answer with exactly this status, or a failure naming the step, the status and the problem. */
function expect<Data, Problem>(step: string, answer: Answer<Data, Problem>, status: number): Data {
    const { response } = answer;
    if (answer.data === undefined) {
        throw new JourneyFailure(`${step}: expected ${status}, got ${response.status} ${JSON.stringify(answer.error)}`);
    }
    if (response.status !== status) {
        throw new JourneyFailure(`${step}: expected ${status}, got ${response.status} ${JSON.stringify(answer.data)}`);
    }
    return answer.data;
}

/** A value the step needs, which the document allows to be absent or null. */
function present<T>(step: string, what: string, value: T | null | undefined): T {
    if (value === undefined || value === null) {
        throw new JourneyFailure(`${step}: the answer has no ${what}`);
    }
    return value;
}

/** Asks again (every 250 ms) until the answer is there or the time is up: for what the stream processor fills in. */
async function within<T>(step: string, seconds: number, attempt: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
        const found = await attempt();
        if (found !== undefined) {
            return found;
        }
        if (Date.now() > deadline) {
            throw new JourneyFailure(`${step}: not within ${seconds} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

let steps = 0;

function done(line: string): void {
    steps += 1;
    console.log(`${String(steps).padStart(2)}. ${line}`);
}

async function journey(): Promise<void> {
    const baseUrl = env("BASE_URL");
    const instructor = createSkillForgeClient(baseUrl, env("INSTRUCTOR_TOKEN"));
    const learner = createSkillForgeClient(baseUrl, env("STUDENT_TOKEN"));
    const anyone = createSkillForgeClient(baseUrl);
    const word = `tsclient${Date.now().toString(36)}`;

    // The instructor writes a course: a draft, a text lesson and a lesson with a quiz.
    const course = expect("create the course", await instructor.POST("/courses", {
        body: {
            title: `Typed clients for frontends ${word}`,
            category: "programming",
            tags: ["typescript", "openapi"],
            description: "Calling an HTTP API from TypeScript with types generated from its OpenAPI document.",
            level: "beginner",
        },
    }), 201);
    const courseId = course.id;
    done(`instructor created course ${courseId} (${course.status})`);

    const textLesson = expect("add the text lesson", await instructor.POST("/courses/{courseId}/lessons", {
        params: { path: { courseId } },
        body: { title: "Generating the types", content: "npm run generate turns docs/openapi.json into src/generated/schema.ts.", durationMinutes: 5 },
    }), 201);
    const textLessonId = textLesson.id;
    done(`instructor added text lesson ${textLessonId}`);

    const quizLesson = expect("add the quiz lesson", await instructor.POST("/courses/{courseId}/lessons", {
        params: { path: { courseId } },
        body: {
            title: "Check: typed answers",
            quiz: {
                passMark: 100,
                questions: [
                    { prompt: "What makes the client's types?", options: ["a hand-written interface", "openapi-typescript"], correctOption: 1 },
                    { prompt: "What does an error answer carry?", options: ["a problem+json body", "an HTML page"], correctOption: 0 },
                ],
            },
        },
    }), 201);
    const quizLessonId = quizLesson.id;
    // The author's view of the quiz has the question ids and the answer key the instructor set.
    const answers: Record<string, number> = {};
    // (the quiz and its key are sent only to authors: optional in the document, so the compiler makes us check)
    for (const question of present("add the quiz lesson", "quiz", quizLesson.quiz).questions) {
        answers[question.id] = present("add the quiz lesson", "correctOption", question.correctOption);
    }
    done(`instructor added quiz lesson ${quizLessonId} with ${Object.keys(answers).length} questions`);

    // Publishing names the version it is based on: the course's current one, as If-Match.
    const draft = expect("read the draft", await instructor.GET("/courses/{courseId}", { params: { path: { courseId } } }), 200);
    const version = draft.version;
    const published = expect("publish", await instructor.POST("/courses/{courseId}/publish", {
        params: { path: { courseId }, header: { "If-Match": `"${version}"` } },
    }), 200);
    if (published.status !== "published") {
        throw new JourneyFailure(`publish: the course is ${published.status}`);
    }
    done(`instructor published version ${version}; the course is now version ${published.version}`);

    // The learner finds it: the catalog and the search index are read eventually consistent, a moment after publishing.
    const pages = await within("find the course in the catalog", 10, async () => {
        let cursor: string | undefined;
        let read = 0;
        do {
            const page = expect("list the catalog", await anyone.GET("/courses", {
                params: { query: cursor === undefined ? {} : { cursor } },
            }), 200);
            read += 1;
            if (page.items.some((item) => item.id === courseId)) {
                return read;
            }
            // The last page's cursor is null: the document types it string | null, and the compiler holds us to it.
            cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        return undefined;
    });
    done(`learner found the course in the catalog (${pages} page${pages === 1 ? "" : "s"} read)`);

    const hit = await within("find the course by search", 10, async () => {
        const results = expect("search", await anyone.GET("/courses/search", { params: { query: { q: word } } }), 200);
        return results.items.find((item) => item.id === courseId);
    });
    done(`learner found it by searching "${word}": ${hit.title} (${hit.summary ?? "no summary"})`);

    // Enrolls, reads the outline, completes the text lesson, passes the quiz.
    const enrollment = expect("enroll", await learner.POST("/enroll/{courseId}", { params: { path: { courseId } } }), 201);
    done(`learner enrolled at ${enrollment.enrolledAt}`);

    const outline = expect("read the outline", await learner.GET("/courses/{courseId}/lessons", { params: { path: { courseId } } }), 200);
    const lessons = outline.lessons;
    const quizView = lessons.find((lesson) => lesson.id === quizLessonId);
    if (lessons.length !== 2 || quizView === undefined || quizView.hasQuiz !== true) {
        throw new JourneyFailure(`read the outline: expected the two lessons, the second with a quiz: ${JSON.stringify(outline)}`);
    }
    done(`learner read the outline: ${outline.access} access, ${lessons.length} lessons, the second with a quiz`);

    const afterLesson = expect("complete the text lesson", await learner.PUT("/progress/{courseId}/{lessonId}", {
        params: { path: { courseId, lessonId: textLessonId } },
    }), 200);
    done(`learner completed the text lesson: ${afterLesson.completedLessons}/${afterLesson.totalLessons} lessons`);

    const result = expect("submit the quiz", await learner.POST("/progress/{courseId}/{lessonId}/quiz", {
        params: { path: { courseId, lessonId: quizLessonId } },
        body: { answers },
    }), 200);
    if (result.passed !== true) {
        throw new JourneyFailure(`submit the quiz: not passed: ${JSON.stringify(result)}`);
    }
    done(`learner passed the quiz: ${result.correctAnswers}/${result.totalQuestions} correct, score ${result.score}`);

    const progress = expect("read the progress", await learner.GET("/me/progress/{courseId}", { params: { path: { courseId } } }), 200);
    if (progress.percentComplete !== 100 || progress.completedAt == null) {
        throw new JourneyFailure(`read the progress: expected the course completed: ${JSON.stringify(progress)}`);
    }
    done(`learner completed the course at ${progress.completedAt}`);

    // Reviews it; the rating is the stream processor's, filled in a moment later.
    const review = expect("review", await learner.POST("/reviews/{courseId}", {
        params: { path: { courseId } },
        body: { rating: 5, title: "The compiler caught my typo", text: "Every answer was typed." },
    }), 201);
    done(`learner reviewed the course: ${review.rating} stars`);

    const rating = await within("read the rating", 30, async () => {
        const current = expect("read the rating", await anyone.GET("/courses/{courseId}/rating", { params: { path: { courseId } } }), 200);
        return current.reviewCount === 1 ? current : undefined;
    });
    if (rating.average !== 5) {
        throw new JourneyFailure(`read the rating: expected an average of 5: ${JSON.stringify(rating)}`);
    }
    done(`the course's rating: ${rating.average} from ${rating.reviewCount} review, ${rating.enrollmentCount} enrolled`);
}

journey().then(
    () => console.log(`journey passed: ${steps} steps`),
    (failure: unknown) => {
        console.error(`journey FAILED after ${steps} steps: ${failure instanceof Error ? failure.message : String(failure)}`);
        if (failure instanceof Error && !(failure instanceof JourneyFailure) && failure.stack !== undefined) {
            console.error(failure.stack);
        }
        process.exitCode = 1;
    },
);
