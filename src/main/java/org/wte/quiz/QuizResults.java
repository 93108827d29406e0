package org.wte.quiz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Session;
import org.wte.account.User;
import org.wte.content.Part;
import org.wte.content.Parts;
import org.wte.enrolment.Role;

/**
 * Teachers' view of the answers below a module, part or page: per question, how the module's students
 * (role student, not blocked) did. Each student counts in exactly one group: correct first time (first and
 * latest answers right), correct later (first wrong, latest right), incorrect (latest answer wrong), or not
 * answered. Owners' and tutors' own tries are left out.
 */
public final class QuizResults {
    static final String[] GROUPS = {"correct first time", "correct later", "incorrect", "not answered"};

    private final Parts parts;
    private final QuizStore store;

    public QuizResults(Parts parts, QuizStore store) {
        this.parts = parts;
        this.store = store;
    }

    /** One question's counts; they add up to the number of students. */
    public record QuestionRow(int number, String text, long firstTime, long later, long incorrect, long notAnswered) {
        public long answered() {
            return firstTime + later + incorrect;
        }
    }

    public record QuizBlock(String key, String chartId, List<QuestionRow> questions) {
        /** The rows of the {@code stacked} chart macro: one per question, the four groups in order. */
        public List<Map<String, Object>> chart() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (QuestionRow q : questions) {
                long[] values = {q.firstTime(), q.later(), q.incorrect(), q.notAnswered()};
                List<Map<String, Object>> segments = new ArrayList<>();
                for (int i = 0; i < GROUPS.length; i++) {
                    segments.add(Map.of("name", GROUPS[i], "value", values[i]));
                }
                rows.add(Map.of("label", "Question " + q.number(), "segments", segments));
            }
            return rows;
        }
    }

    public record PageBlock(long id, String title, String type, List<QuizBlock> quizzes) {}

    public record ResultsPage(long id, String title, String type, long students, List<PageBlock> pages) {
        public int quizCount() {
            return pages.stream().mapToInt(p -> p.quizzes().size()).sum();
        }
    }

    /** One student's answer to one question, with where it stands, for the CSV. */
    public record AnswerRow(String student, String email, String page, String quiz, int questionNumber,
                            String question, List<String> choices, QuizAnswer answer) {}

    /** Where one stored question is: for the statistics and the CSV. */
    private record Located(Part part, Quiz quiz, QuizStore.StoredQuestion question) {}

    public ResultsPage results(Session s, Part part) {
        List<Located> located = catalogue(s, part);
        long students = students(s, part.module());
        Map<Long, long[]> counts = counts(s, part.module(), located);
        Map<Long, PageBlock> pages = new LinkedHashMap<>();
        Map<Long, QuizBlock> quizzes = new LinkedHashMap<>();
        for (Located l : located) {
            PageBlock page = pages.computeIfAbsent(l.part().getId(), id -> new PageBlock(id, l.part().getTitle(),
                    l.part().getType().label(), new ArrayList<>()));
            QuizBlock quiz = quizzes.computeIfAbsent(l.quiz().getId(), id -> {
                QuizBlock b = new QuizBlock(l.quiz().getKey(), "quiz-chart-" + id, new ArrayList<>());
                page.quizzes().add(b);
                return b;
            });
            long[] c = counts.getOrDefault(l.question().id(), new long[3]);
            long notAnswered = Math.max(0, students - c[0] - c[1] - c[2]);
            quiz.questions().add(new QuestionRow(l.question().position() + 1, l.question().text(), c[0], c[1], c[2],
                    notAnswered));
        }
        return new ResultsPage(part.getId(), part.getTitle(), part.getType().label(), students,
                new ArrayList<>(pages.values()));
    }

    /** How many quizzes lie in this node and below it (for the link to the results). */
    public long quizCount(Session s, Part part) {
        return s.createQuery("select count(q) from Quiz q where q.part.id in (:ids)", Long.class)
                .setParameterList("ids", parts.subtree(s, part)).getSingleResult();
    }

    /** Every student's answer below this node, in the order of the pages, quizzes, questions, then by name. */
    public List<AnswerRow> answers(Session s, Part part) {
        List<Located> located = catalogue(s, part);
        List<AnswerRow> rows = new ArrayList<>();
        if (located.isEmpty()) {
            return rows;
        }
        Map<Long, Located> byQuestion = new HashMap<>();
        located.forEach(l -> byQuestion.put(l.question().id(), l));
        Map<Long, List<Object[]>> answersByQuestion = new HashMap<>();
        for (Object[] row : s.createQuery("select a, u from QuizAnswer a join a.user u where a.question.id in (:q) "
                        + "and exists (select 1 from ModuleRole r where r.user = u and r.module = :m "
                        + "and r.role = :student and r.blocked = false) order by lower(u.displayName), u.id", Object[].class)
                .setParameterList("q", byQuestion.keySet()).setParameter("m", part.module())
                .setParameter("student", Role.STUDENT).list()) {
            QuizAnswer a = (QuizAnswer) row[0];
            answersByQuestion.computeIfAbsent(a.getQuestion().getId(), k -> new ArrayList<>()).add(row);
        }
        for (Located l : located) {
            for (Object[] row : answersByQuestion.getOrDefault(l.question().id(), List.of())) {
                User u = (User) row[1];
                rows.add(new AnswerRow(u.getDisplayName(), u.getEmail(), l.part().getTitle(), l.quiz().getKey(),
                        l.question().position() + 1, l.question().text(), l.question().choices(), (QuizAnswer) row[0]));
            }
        }
        return rows;
    }

    /** Every question below the node, in reading order: the node, then its children depth-first. */
    private List<Located> catalogue(Session s, Part part) {
        List<Located> out = new ArrayList<>();
        collect(s, part, out);
        return out;
    }

    private void collect(Session s, Part part, List<Located> out) {
        for (Quiz quiz : store.quizzes(s, part)) {
            for (QuizStore.StoredQuestion q : store.questions(s, quiz)) {
                out.add(new Located(part, quiz, q));
            }
        }
        for (Part child : parts.children(s, part)) {
            collect(s, child, out);
        }
    }

    private static long students(Session s, Part module) {
        return s.createQuery("select count(r) from ModuleRole r where r.module = :m and r.role = :student "
                        + "and r.blocked = false", Long.class).setParameter("m", module)
                .setParameter("student", Role.STUDENT).getSingleResult();
    }

    /** Question id → {correct first time, correct later, incorrect} among the module's students. */
    private static Map<Long, long[]> counts(Session s, Part module, List<Located> located) {
        Map<Long, long[]> counts = new HashMap<>();
        if (located.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = s.createQuery("select a.question.id, "
                        + "sum(case when a.latestCorrect = true and a.firstCorrect = true then 1 else 0 end), "
                        + "sum(case when a.latestCorrect = true and a.firstCorrect = false then 1 else 0 end), "
                        + "sum(case when a.latestCorrect = false then 1 else 0 end) "
                        + "from QuizAnswer a where a.question.id in (:q) and exists (select 1 from ModuleRole r "
                        + "where r.user = a.user and r.module = :m and r.role = :student and r.blocked = false) "
                        + "group by a.question.id", Object[].class)
                .setParameterList("q", located.stream().map(l -> l.question().id()).toList())
                .setParameter("m", module).setParameter("student", Role.STUDENT).list();
        for (Object[] row : rows) {
            counts.put(((Number) row[0]).longValue(), new long[] {((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), ((Number) row[3]).longValue()});
        }
        return counts;
    }
}
