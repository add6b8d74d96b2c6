package dev.skillforge.data.media;

/** What an uploaded object is for; each purpose has its own key prefix, types and size limit. */
public enum MediaPurpose {
    /** A course's cover image: public through the CDN. */
    COVER("cover"),
    /** A lesson's file (video, audio, PDF, image): signed URLs for those who may read the lesson. */
    LESSON_FILE("lessonFile"),
    /** A user's profile picture: public through the CDN. */
    AVATAR("avatar");

    private final String value;

    MediaPurpose(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static MediaPurpose of(String value) {
        for (MediaPurpose purpose : values()) {
            if (purpose.value.equals(value)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown media purpose " + value);
    }
}
