package org.wte.quiz;

import java.time.Instant;
import java.util.Set;

import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.web.CurrentUser;

/** A module → part → page with a quiz, its owner, and helpers to add members and answer, on a test database. */
final class QuizFixture {
    /** Question 1: single choice, the second is right. Question 2: multiple choice, the first and third. */
    static final String QUIZ = """
            Read this, then answer.

            ```quiz key="basics"
            ? What does HTML stand for?
            - [ ] High Tech Modern Language
            - [x] HyperText Markup Language
            - [ ] Home Tool Markup Language

            ?? Which are block elements?
            - [x] div
            - [ ] span
            - [x] p
            ```
            """;

    final CompositionRoot root;
    final CurrentUser owner;
    final long module;
    final long part;
    final long page;

    QuizFixture(CompositionRoot root) {
        this(root, "owner@example.org");
    }

    /** Another module of its own, with another owner. */
    QuizFixture(CompositionRoot root, String ownerEmail) {
        this.root = root;
        long ownerId = root.database().inTransaction(s -> user(s, ownerEmail, "Olga Owner"));
        owner = new CurrentUser(ownerId, ownerEmail, "Olga Owner", Set.of("modules.create"), false, false, false);
        long[] ids = root.database().inTransaction(s -> {
            Part m = root.partService().createModule(s, owner, "Module", "");
            Part p = root.partService().createChild(s, owner, m.getId(), "Part", "", null, null);
            Part g = root.partService().createChild(s, owner, p.getId(), "Page", "", null, null);
            for (Part x : new Part[] {m, p, g}) {
                x.setStatus(PartStatus.AVAILABLE);
            }
            return new long[] {m.getId(), p.getId(), g.getId()};
        });
        module = ids[0];
        part = ids[1];
        page = ids[2];
        save(page, QUIZ);
    }

    void save(long partId, String markdown) {
        root.database().run(s -> root.partService().update(s, owner, partId, null, null, markdown, null));
    }

    /** A new user with this role in the module (null: no role). */
    CurrentUser member(String email, String name, Role role) {
        long id = root.database().inTransaction(s -> {
            long u = user(s, email, name);
            if (role != null) {
                s.persist(new ModuleRole(s.get(Part.class, module), s.get(User.class, u), role, Instant.now()));
            }
            return u;
        });
        return new CurrentUser(id, email, name, Set.of(), false, false, false);
    }

    QuizAnswering.Checked answer(CurrentUser who, String json) {
        return answer(who, page, "basics", json);
    }

    QuizAnswering.Checked answer(CurrentUser who, long pageId, String key, String json) {
        return root.database().inTransaction(s -> root.quizAnswering().check(s, who, pageId, key, json));
    }

    /** The stored answer of a user to question n (from 0) of the page's quiz, or null. */
    QuizAnswer stored(CurrentUser who, int question) {
        return root.database().inTransaction(s -> s.createQuery("from QuizAnswer a where a.user.id = :u "
                        + "and a.question.position = :n and a.question.quiz.part.id = :p", QuizAnswer.class)
                .setParameter("u", who.id()).setParameter("n", question).setParameter("p", page)
                .uniqueResultOptional().orElse(null));
    }

    long answerCount() {
        return root.database().inTransaction(s -> s.createQuery("select count(a) from QuizAnswer a", Long.class)
                .getSingleResult());
    }

    private static long user(org.hibernate.Session s, String email, String name) {
        User u = new User(email, name, UserStatus.ACTIVE, Instant.now());
        s.persist(u);
        return u.getId();
    }
}
