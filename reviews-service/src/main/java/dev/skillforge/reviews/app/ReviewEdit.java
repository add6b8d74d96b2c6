package dev.skillforge.reviews.app;

/** What a reviewer says: stars and optional words, already validated by the API layer. */
public record ReviewEdit(int rating, String title, String text) {
}
