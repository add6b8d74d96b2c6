package dev.skillforge.courses.app.search;

import java.util.List;

import dev.skillforge.data.search.CourseCard;

/** One page of ranked results and the cursor of the next (null on the last page). */
record RankedPage(List<CourseCard> items, SearchCursor next) {
}
