package org.wte.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The students' progress in one part, or in each part of a module: what teachers' dashboards and the CSV show.
 * Made by {@link #build} from plain rows, without the database, so that the counting rules are tested alone:
 * <ul>
 * <li>a part's pages are those students can see (available or archived);</li>
 * <li>a student has <em>completed</em> a part when they visited every one of its pages, is <em>in progress</em>
 * after at least one, and has <em>not started</em> before any (a part without pages counts nobody as started);</li>
 * <li>the time quartiles are over the students who started, since those who never opened a page would only
 * pull every figure to zero (how many did not start is shown beside them);</li>
 * <li>only the students given count: the caller passes the module's students who are not blocked.</li>
 * </ul>
 */
public record ProgressReport(long id, String title, boolean module, List<PartSummary> parts, List<StudentRow> students,
                             int pageCount) {

    /** A page or a part: its id and title. */
    public record Ref(long id, String title) {}

    /** A part and the pages it counts. */
    public record PartPages(Ref part, List<Ref> pages) {}

    public record Student(long userId, String name, String email) {}

    /** A reading position: the page a student last opened in a part, and when. */
    public record Position(long userId, long partId, long pageId, Instant at) {}

    /** How many students visited a page, and how often it was opened in all. */
    public record PageStat(long id, String title, int students, long visits) {}

    public record PartSummary(long id, String title, int pages, int completed, int inProgress, int notStarted,
                              Quartiles time, List<PageStat> pageStats) {
        public int students() {
            return completed + inProgress + notStarted;
        }
    }

    /**
     * One student's line. {@code current}: the page they last opened (in the module: the latest over its parts),
     * null if none; {@code lastVisit} null if never.
     */
    public record StudentRow(long userId, String name, String email, int visited, int pages, Ref current,
                             long seconds, Instant lastVisit) {
        public String time() {
            return TimeSpent.format(seconds);
        }
    }

    public static ProgressReport build(Ref target, boolean module, List<PartPages> parts, List<Student> students,
                                       List<PageVisits.Visit> visits, List<Position> positions, Map<Long, Ref> titles) {
        Map<Long, Map<Long, PageVisits.Visit>> byStudent = new HashMap<>();
        for (PageVisits.Visit v : visits) {
            byStudent.computeIfAbsent(v.userId(), k -> new HashMap<>()).put(v.pageId(), v);
        }
        Map<Long, Position> latest = new HashMap<>();
        for (Position p : positions) {
            latest.merge(p.userId(), p, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        int pageCount = parts.stream().mapToInt(p -> p.pages().size()).sum();
        List<PartSummary> summaries = new ArrayList<>();
        for (PartPages part : parts) {
            int completed = 0;
            int inProgress = 0;
            List<Long> times = new ArrayList<>();
            int[] studentsPerPage = new int[part.pages().size()];
            long[] visitsPerPage = new long[part.pages().size()];
            for (Student st : students) {
                Map<Long, PageVisits.Visit> mine = byStudent.getOrDefault(st.userId(), Map.of());
                int visited = 0;
                long seconds = 0;
                for (int i = 0; i < part.pages().size(); i++) {
                    PageVisits.Visit v = mine.get(part.pages().get(i).id());
                    if (v != null && v.visits() > 0) {
                        visited++;
                        studentsPerPage[i]++;
                        visitsPerPage[i] += v.visits();
                    }
                    seconds += v == null ? 0 : v.activeSeconds();
                }
                if (visited > 0) {
                    times.add(seconds);
                    if (visited == part.pages().size()) {
                        completed++;
                    } else {
                        inProgress++;
                    }
                }
            }
            List<PageStat> stats = new ArrayList<>();
            for (int i = 0; i < part.pages().size(); i++) {
                Ref page = part.pages().get(i);
                stats.add(new PageStat(page.id(), page.title(), studentsPerPage[i], visitsPerPage[i]));
            }
            summaries.add(new PartSummary(part.part().id(), part.part().title(), part.pages().size(), completed,
                    inProgress, students.size() - completed - inProgress, Quartiles.of(times), stats));
        }
        List<StudentRow> rows = new ArrayList<>();
        for (Student st : students) {
            Map<Long, PageVisits.Visit> mine = byStudent.getOrDefault(st.userId(), Map.of());
            int visited = 0;
            long seconds = 0;
            Instant last = null;
            for (PartPages part : parts) {
                for (Ref page : part.pages()) {
                    PageVisits.Visit v = mine.get(page.id());
                    if (v == null) {
                        continue;
                    }
                    visited += v.visits() > 0 ? 1 : 0;
                    seconds += v.activeSeconds();
                    last = last == null || v.lastVisit().isAfter(last) ? v.lastVisit() : last;
                }
            }
            Position at = latest.get(st.userId());
            rows.add(new StudentRow(st.userId(), st.name(), st.email(), visited, pageCount,
                    at == null ? null : titles.get(at.pageId()), seconds, last));
        }
        rows.sort(Comparator.comparing((StudentRow r) -> r.name().toLowerCase(java.util.Locale.ROOT))
                .thenComparing(StudentRow::email));
        return new ProgressReport(target.id(), target.title(), module, summaries, rows, pageCount);
    }

    /** The summary of a part's report (a part's report has exactly one). */
    public PartSummary only() {
        return parts.get(0);
    }

    /** Seconds as the pages show them (the same words as everywhere else). */
    public String time(long seconds) {
        return TimeSpent.format(seconds);
    }

    public int studentCount() {
        return students.size();
    }
}
