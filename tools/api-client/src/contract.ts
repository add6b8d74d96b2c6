/*
 * What the document promises about fields, checked by the compiler: if docs/openapi.json went back to calling every
 * field optional, or typed a null it sends as a plain string, these lines would stop compiling and the build would fail.
 */
import type { Schema } from "./client.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;
/** Whether a field may be left out of the object. */
type IsOptional<Type, Key extends keyof Type> = object extends Pick<Type, Key> ? true : false;

export type DocumentPromises = [
    // A list's last page sends "nextCursor": null; every page sends its items.
    Expect<Equals<Schema<"PageCourseView">["nextCursor"], string | null>>,
    Expect<Equals<IsOptional<Schema<"PageCourseView">, "nextCursor">, false>>,
    Expect<Equals<IsOptional<Schema<"PageCourseView">, "items">, false>>,
    // A course always has its id, title and version; its description and cover are left out when it has none.
    Expect<Equals<Schema<"CourseView">["id"], string>>,
    Expect<Equals<Schema<"CourseView">["version"], number>>,
    Expect<Equals<IsOptional<Schema<"CourseView">, "description">, true>>,
    Expect<Equals<IsOptional<Schema<"CourseView">, "coverImageUrl">, true>>,
    // A top-rated entry sends a missing category or cover as null.
    Expect<Equals<Schema<"TopRatedView">["category"], string | null>>,
    Expect<Equals<Schema<"TopRatedView">["coverImageUrl"], string | null>>,
    // A rating's counts are always there.
    Expect<Equals<Schema<"RatingView">["reviewCount"], number>>,
    Expect<Equals<IsOptional<Schema<"RatingView">, "average">, false>>,
    // A problem always names its type, title and status; detail is left out when there is none.
    Expect<Equals<Schema<"Problem">["type"], string>>,
    Expect<Equals<IsOptional<Schema<"Problem">, "detail">, true>>,
];
