package dev.skillforge.local.scale;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.Quiz;
import dev.skillforge.data.lesson.QuizQuestion;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.search.SearchTerms;
import dev.skillforge.data.user.UserProfile;

/**
 * The synthetic platform a scale run seeds, as the services' own records (Course, Lesson, UserProfile, Enrollment,
 * Review), decided deterministically by the sizes: who exists, what each course is called, who is enrolled
 * where and who reviewed what. Course 0 is the large course (learners 0 .. bigEnrollments-1 are enrolled in it); the
 * other enrollments and the words of titles and tags follow Zipf's law, so a few courses and words are very popular.
 * Ids are UUIDs like the ones the services issue (name-based here, so a run can be repeated).
 */
public final class Catalog {

    /** The course with {@link ScaleSizes#bigEnrollments()} learners. */
    public static final int BIG = 0;
    static final int BIG_COURSE_LESSONS = 20;
    static final int LESSONS = 5;
    /** The lesson (by position) that has a quiz, in every course. */
    public static final int QUIZ_LESSON = 1;
    static final int QUIZ_QUESTIONS = 3;
    private static final int REVIEW_PERCENT = 10;
    private static final Duration CATALOGUE_AGE = Duration.ofDays(730);

    private static final String[] OPENERS = {"Practical", "Modern", "Applied", "Complete", "Essential", "Hands-on", "Advanced",
        "Beginning", "Effective", "Professional", "Mastering", "Understanding"};
    /** Topic words, most popular first (Zipf picks low ranks most often). */
    private static final String[] WORDS = {"python", "data", "web", "java", "design", "machine", "learning", "javascript",
        "cloud", "marketing", "sql", "security", "react", "excel", "statistics", "photography", "kubernetes", "docker",
        "finance", "writing", "spanish", "music", "drawing", "leadership", "networking", "linux", "algorithms", "rust",
        "golang", "typescript", "analytics", "accounting", "painting", "guitar", "piano", "french", "german", "japanese",
        "negotiation", "productivity", "blockchain", "testing", "devops", "aws", "azure", "terraform", "android", "swift",
        "kotlin", "flutter", "unity", "animation", "illustrator", "photoshop", "branding", "seo", "copywriting", "sales",
        "economics", "calculus", "algebra", "geometry", "physics", "chemistry", "biology", "nutrition", "yoga", "fitness",
        "meditation", "cooking", "baking", "gardening", "woodworking", "sewing", "chess", "poker", "investing", "trading",
        "crypto", "ethics", "philosophy", "history", "psychology", "sociology", "architecture", "interior", "fashion",
        "jewelry", "ceramics", "calligraphy", "screenwriting", "podcasting", "video", "editing", "lighting", "acting",
        "singing", "dance", "ballet", "salsa", "compilers", "databases", "graphql", "microservices", "serverless", "lambda",
        "dynamodb", "postgres", "mongodb", "redis", "kafka", "spark", "hadoop", "pandas", "numpy", "tensorflow", "pytorch",
        "vision", "robotics", "arduino", "electronics", "embedded", "firmware", "networks", "routing", "cryptography",
        "forensics", "pentesting", "compliance", "auditing", "agile", "scrum", "kanban", "product", "ux", "figma",
        "typography", "color", "storytelling", "rhetoric", "debate", "latin", "greek", "mandarin", "korean", "arabic"};
    private static final String[] CATEGORIES = {"programming", "data-science", "design", "business", "it-operations",
        "security", "languages", "music", "photography", "marketing", "mathematics", "personal-development"};
    private static final String[] LEVELS = {"beginner", "intermediate", "advanced", "all-levels"};
    private static final String[] FILLER = {"we", "build", "small", "examples", "step", "by", "step", "then", "look", "at",
        "what", "goes", "wrong", "and", "why", "each", "idea", "comes", "with", "exercises", "you", "can", "check", "yourself"};

    private final ScaleSizes sizes;
    private final Instant now;
    private final int instructors;
    private final Zipf words = new Zipf(WORDS.length);
    private final Zipf categories = new Zipf(CATEGORIES.length);
    /** Learner indexes enrolled in each course (course 0: the large course). */
    private final int[][] learnersOf;

    public Catalog(ScaleSizes sizes, Instant now) {
        this.sizes = sizes;
        this.now = Timestamps.millis(now);
        this.instructors = Math.max(2, sizes.courses() / 10);
        this.learnersOf = enrollmentsByCourse();
    }

    public ScaleSizes sizes() {
        return sizes;
    }

    public int instructors() {
        return instructors;
    }

    // ---- ids

    public static String learnerId(int learner) {
        return id("learner", learner);
    }

    public static String instructorId(int instructor) {
        return id("instructor", instructor);
    }

    public static String courseId(int course) {
        return id("course", course);
    }

    static String lessonId(int course, int position) {
        return id("lesson-" + course, position);
    }

    private static String id(String kind, int index) {
        return UUID.nameUUIDFromBytes(("skillforge-scale-" + kind + "-" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- people

    public UserProfile learner(int learner) {
        Instant joined = before(now, CATALOGUE_AGE, seed("joined", learner));
        String id = learnerId(learner);
        return new UserProfile(id, "learner" + learner + "@scale.skillforge.test", "Learner " + learner, "student", null, 1, joined,
                joined, id);
    }

    public UserProfile instructor(int instructor) {
        Instant joined = now.minus(CATALOGUE_AGE).minus(Duration.ofDays(30));
        String id = instructorId(instructor);
        return new UserProfile(id, "instructor" + instructor + "@scale.skillforge.test", "Instructor " + instructor, "instructor",
                "Teaches on SkillForge.", 1, joined, joined, id);
    }

    public int ownerOf(int course) {
        return course % instructors;
    }

    // ---- courses

    public boolean published(int course) {
        return course % 25 != 24;
    }

    public Course course(int course) {
        Random random = new Random(seed("course", course));
        Instant created = before(now.minus(Duration.ofDays(2)), CATALOGUE_AGE, seed("created", course));
        Instant publishedAt = published(course) ? created.plus(Duration.ofDays(1)) : null;
        List<String> title = titleWords(course);
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < 2 + course % 2; i++) {
            tags.add(WORDS[words.next(random)]);
        }
        String owner = instructorId(ownerOf(course));
        return new Course(courseId(course), owner, String.join(" ", title), text(random, 700), CATEGORIES[categories.next(random)],
                List.copyOf(tags), LEVELS[course % LEVELS.length], null, published(course) ? CourseStatus.PUBLISHED : CourseStatus.DRAFT,
                published(course) ? 2 : 1, created, publishedAt == null ? created : publishedAt, owner, publishedAt);
    }

    /** An opener and two or three topic words, capitalized: "Applied Python Data". */
    private List<String> titleWords(int course) {
        Random random = new Random(seed("title", course));
        List<String> title = new ArrayList<>(List.of(OPENERS[random.nextInt(OPENERS.length)]));
        Set<String> topics = new LinkedHashSet<>();
        while (topics.size() < 2 + course % 2) {
            topics.add(WORDS[words.next(random)]);
        }
        topics.forEach(word -> title.add(Character.toUpperCase(word.charAt(0)) + word.substring(1)));
        return title;
    }

    public int lessonCount(int course) {
        return course == BIG ? BIG_COURSE_LESSONS : LESSONS;
    }

    public List<Lesson> lessons(Course course, int index) {
        Random random = new Random(seed("lessons", index));
        List<Lesson> lessons = new ArrayList<>();
        for (int position = 0; position < lessonCount(index); position++) {
            Instant added = course.createdAt().plus(Duration.ofMinutes(position + 1));
            Quiz quiz = position == QUIZ_LESSON ? quiz(random) : null;
            lessons.add(new Lesson(course.courseId(), lessonId(index, position), position + 1,
                    "Lesson " + (position + 1) + ": " + WORDS[words.next(random)] + " in practice", text(random, 160),
                    text(random, 1_800 + random.nextInt(1_200)), null, 5 + random.nextInt(26), quiz, 1, added, added,
                    course.ownerId()));
        }
        return lessons;
    }

    private static Quiz quiz(Random random) {
        List<QuizQuestion> questions = new ArrayList<>();
        for (int q = 0; q < QUIZ_QUESTIONS; q++) {
            questions.add(new QuizQuestion("q" + (q + 1), "Which of these is true (" + (q + 1) + ")?",
                    List.of("the first", "the second", "the third", "the fourth"), correctOption(q)));
        }
        return new Quiz(60, questions);
    }

    /** The answer key of question {@code q} (zero-based) of every quiz. */
    public static int correctOption(int q) {
        return q % 4;
    }

    public static int quizQuestions() {
        return QUIZ_QUESTIONS;
    }

    // ---- enrollments and reviews

    /** Learner indexes enrolled in a course, in learner order. */
    public int[] learnersOf(int course) {
        return learnersOf[course];
    }

    /**
     * Besides the large course: two other published courses for a quarter of the learners ({@code learner % 4 == 3}), none
     * for the rest; popular courses more often.
     */
    public int[] otherCourses(int learner) {
        int count = learner % 4 == 3 ? 2 : 0;
        if (count == 0 || sizes.courses() < 3) {
            return new int[0];
        }
        Zipf popularity = coursePopularity();
        Random random = new Random(seed("enrolls", learner));
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int attempt = 0; chosen.size() < count && attempt < 20; attempt++) {
            int course = 1 + popularity.next(random);
            if (published(course)) {
                chosen.add(course);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private Zipf popularity;

    private synchronized Zipf coursePopularity() {
        if (popularity == null) {
            popularity = new Zipf(sizes.courses() - 1);
        }
        return popularity;
    }

    private int[][] enrollmentsByCourse() {
        List<List<Integer>> byCourse = new ArrayList<>();
        for (int c = 0; c < sizes.courses(); c++) {
            byCourse.add(new ArrayList<>());
        }
        for (int learner = 0; learner < sizes.learners(); learner++) {
            if (learner < sizes.bigEnrollments()) {
                byCourse.get(BIG).add(learner);
            }
            for (int course : otherCourses(learner)) {
                byCourse.get(course).add(learner);
            }
        }
        int[][] result = new int[sizes.courses()][];
        for (int c = 0; c < result.length; c++) {
            result[c] = byCourse.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    public boolean enrolled(int learner, int course) {
        return java.util.Arrays.binarySearch(learnersOf[course], learner) >= 0;
    }

    public Enrollment enrollment(int learner, Course course, int index) {
        Instant enrolledAt = between(course.publishedAt(), now.minus(Duration.ofHours(1)), seed("enrolled-" + index, learner));
        return new Enrollment(learnerId(learner), course.courseId(), enrolledAt, null, learnerId(learner));
    }

    /** About one learner in ten reviewed a course they are in. */
    public boolean reviewed(int learner, int course) {
        return new SplittableRandom(seed("reviewed-" + course, learner)).nextInt(100) < REVIEW_PERCENT;
    }

    public Review review(int learner, Enrollment enrollment, int index) {
        SplittableRandom random = new SplittableRandom(seed("review-" + index, learner));
        int roll = random.nextInt(100);
        int rating = roll < 40 ? 5 : roll < 70 ? 4 : roll < 85 ? 3 : roll < 93 ? 2 : 1;
        Instant written = between(enrollment.enrolledAt(), now.minus(Duration.ofMinutes(30)), seed("written-" + index, learner));
        return new Review(enrollment.courseId(), enrollment.userId(), rating, "Rated " + rating + " by learner " + learner,
                text(new Random(seed("review-text", learner)), 200), 1, written, written, enrollment.userId());
    }

    // ---- searches

    /**
     * Queries as learners type them: mostly one topic word, popular words more often (Zipf over the words of the
     * published catalogue ranked by how many courses have them), some two words of one course's title, some a category.
     * Every query matches at least one published course.
     */
    public List<String> searches(int count) {
        Map<String, Integer> courseCounts = new HashMap<>();
        List<List<String>> titles = new ArrayList<>();
        for (int c = 0; c < sizes.courses(); c++) {
            if (!published(c)) {
                continue;
            }
            Course course = course(c);
            Set<String> terms = new LinkedHashSet<>(SearchTerms.words(course.title()));
            course.tags().forEach(tag -> terms.addAll(SearchTerms.words(tag)));
            terms.forEach(term -> courseCounts.merge(term, 1, Integer::sum));
            titles.add(SearchTerms.words(course.title()));
        }
        List<String> ranked = courseCounts.keySet().stream()
                .sorted(Comparator.comparing((String word) -> courseCounts.get(word)).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
        Zipf byPopularity = new Zipf(ranked.size());
        Random random = new Random(seed("searches", count));
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            if (kind < 70) {
                queries.add(ranked.get(byPopularity.next(random)));
            } else if (kind < 90) {
                List<String> title = titles.get(random.nextInt(titles.size()));
                queries.add(title.get(1) + " " + title.get(title.size() - 1));
            } else {
                queries.add(course(pickPublished(random)).category().replace('-', ' '));
            }
        }
        return queries;
    }

    private int pickPublished(Random random) {
        int course;
        do {
            course = random.nextInt(sizes.courses());
        } while (!published(course));
        return course;
    }

    // ---- helpers

    private static long seed(String what, int index) {
        return what.hashCode() * 1_000_003L + index;
    }

    private static Instant before(Instant end, Duration span, long seed) {
        return Timestamps.millis(end.minusMillis((long) (new SplittableRandom(seed).nextDouble() * span.toMillis())));
    }

    private static Instant between(Instant from, Instant to, long seed) {
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        return Timestamps.millis(from.plusMillis((long) (new SplittableRandom(seed).nextDouble() * span)));
    }

    /** Plain prose of about {@code length} characters from the topic and filler words. */
    private String text(Random random, int length) {
        StringBuilder text = new StringBuilder();
        boolean sentenceStart = true;
        while (text.length() < length) {
            String word = random.nextInt(4) == 0 ? WORDS[words.next(random)] : FILLER[random.nextInt(FILLER.length)];
            text.append(sentenceStart ? word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1) : word);
            sentenceStart = random.nextInt(12) == 0;
            text.append(sentenceStart ? ". " : " ");
        }
        return text.toString().trim();
    }
}
