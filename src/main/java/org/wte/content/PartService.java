package org.wte.content;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.hibernate.Session;
import org.wte.account.User;
import org.wte.markup.Rendered;
import org.wte.quiz.QuizStore;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.timedtask.PartTimedTasks;
import org.wte.web.CurrentUser;
import org.wte.web.FormErrors;

/**
 * Changes to the content tree: create, edit, change status, reorder, delete. Every method checks the
 * caller's rights itself, and every id in a request is checked to belong where the URL says.
 */
public final class PartService {
    public static final int MAX_TITLE = 255;
    public static final int MAX_LABEL = 100;
    public static final int MAX_CONTENT = 1_000_000;

    private final Parts parts;
    private final ContentAccess access;
    private final MarkupContent markup;
    private final QuizStore quizzes;
    private final PartTimedTasks timedTasks;

    public PartService(Parts parts, ContentAccess access, MarkupContent markup, QuizStore quizzes,
                       PartTimedTasks timedTasks) {
        this.quizzes = quizzes;
        this.timedTasks = timedTasks;
        this.parts = parts;
        this.access = access;
        this.markup = markup;
    }

    /** The part if the user may see it; 404 otherwise (the same answer as for a part that does not exist). */
    public Part visible(Session s, CurrentUser user, long id) {
        Part part = parts.byId(s, id).orElseThrow(() -> new NotFoundException("There is no such page."));
        if (!access.of(s, user, part).view()) {
            throw new NotFoundException("There is no such page.");
        }
        return part;
    }

    /** The part if the user may edit it: 404 if invisible, 403 if visible but not editable. */
    public Part editable(Session s, CurrentUser user, long id) {
        Part part = parts.byId(s, id).orElseThrow(() -> new NotFoundException("There is no such page."));
        Access a = access.of(s, user, part);
        if (!a.view()) {
            throw new NotFoundException("There is no such page.");
        }
        if (!a.edit()) {
            throw new ForbiddenException("Only the module's owners may change it.");
        }
        return part;
    }

    /**
     * The part if the user sees everything of its module (its owners and tutors, administrators): their
     * statistics and students' work. 404 if invisible, 403 with {@code refusal} for everyone else.
     */
    public Part forTeachers(Session s, CurrentUser user, long id, String refusal) {
        return requireTeacher(s, user, visible(s, user, id), refusal);
    }

    /** {@link #forTeachers} for a part already found visible. */
    public Part requireTeacher(Session s, CurrentUser user, Part part, String refusal) {
        if (!access.of(s, user, part).seesEverything()) {
            throw new ForbiddenException(refusal);
        }
        return part;
    }

    public Part createModule(Session s, CurrentUser user, String title, String label) {
        if (user == null || !user.can(org.wte.account.Permission.MODULES_CREATE)) {
            throw new ForbiddenException("Only teachers may create modules.");
        }
        FormErrors errors = new FormErrors();
        String t = checkTitle(title, errors);
        String l = checkLabel(label, errors);
        errors.throwIfAny();
        Instant now = Instant.now();
        Part module = new Part(null, PartType.MODULE, t, PartStatus.UNAVAILABLE, now);
        module.setLabel(l);
        module.setSortOrder(0);
        s.persist(module);
        s.persist(new ModuleRole(module, s.getReference(User.class, user.id()), Role.OWNER, now));
        return module;
    }

    /** A new child (unavailable until the teacher makes it available), after `afterId` or at the end. */
    public Part createChild(Session s, CurrentUser user, long parentId, String title, String label, Long beforeId,
                            Long afterId) {
        Part parent = editable(s, user, parentId);
        PartType type = parent.getType().childType();
        if (type == null) {
            throw new FormErrors.Invalid("title", "A page cannot hold other pages.");
        }
        FormErrors errors = new FormErrors();
        String t = checkTitle(title, errors);
        String l = checkLabel(label, errors);
        errors.throwIfAny();
        List<Part> siblings = new ArrayList<>(parts.children(s, parent));
        int index = siblings.size();
        if (beforeId != null || afterId != null) {
            long anchor = beforeId != null ? beforeId : afterId;
            int at = indexOf(siblings, anchor);
            if (at < 0) {
                throw new FormErrors.Invalid("title", "The page to insert beside is not in this part.");
            }
            index = beforeId != null ? at : at + 1;
        }
        Part child = new Part(parent, type, t, PartStatus.UNAVAILABLE, Instant.now());
        child.setLabel(l);
        if (type == PartType.PAGE) {
            child.setDisplayMode(parent.getDisplayMode());
        }
        s.persist(child);
        siblings.add(index, child);
        renumber(siblings);
        return child;
    }

    /**
     * Saves what the edit form sent. A field that is absent (null) is left as it is; the status is never
     * touched here.
     */
    public Rendered update(Session s, CurrentUser user, long id, String title, String label,
                                         String content, String displayMode) {
        Part part = editable(s, user, id);
        FormErrors errors = new FormErrors();
        String t = title == null ? null : checkTitle(title, errors);
        String l = label == null ? null : checkLabel(label, errors);
        DisplayMode mode = null;
        if (displayMode != null) {
            try {
                mode = DisplayMode.valueOf(displayMode.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("display_mode", "Choose text or workspace.");
            }
        }
        if (content != null && content.length() > MAX_CONTENT) {
            errors.add("content", "The text is too long: at most " + MAX_CONTENT + " characters.");
        }
        errors.throwIfAny();
        if (t != null) {
            part.setTitle(t);
        }
        if (l != null) {
            part.setLabel(l);
        }
        if (mode != null && part.getType() != PartType.MODULE) {
            part.setDisplayMode(mode);
        }
        Rendered result = null;
        if (content != null) {
            part.setContent(content.replace("\r\n", "\n"));
            result = compile(s, part);
        }
        part.touch(Instant.now());
        return result;
    }

    /** Compiles the stored Markdown again (after an upgrade of the markup): HTML and quizzes. */
    public Rendered compile(Session s, Part part) {
        Rendered result = markup.compile(s, part);
        part.setCompiled(result.html());
        quizzes.sync(s, part, result.quizzes());
        return result;
    }

    public void setStatus(Session s, CurrentUser user, long id, String statusInput) {
        Part part = editable(s, user, id);
        part.setStatus(statusFor(part, statusInput));
        part.touch(Instant.now());
    }

    /** The status a form asks for, if this part can take it. */
    public static PartStatus statusFor(Part part, String statusInput) {
        PartStatus status;
        try {
            status = PartStatus.valueOf(statusInput == null ? "" : statusInput.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FormErrors.Invalid("status", "Choose available, unavailable or archived.");
        }
        if (status == PartStatus.ARCHIVED && part.getType() != PartType.MODULE) {
            throw new FormErrors.Invalid("status", "Only a whole module can be archived.");
        }
        return status;
    }

    /** Puts the children in exactly this order; every id must be a child of this part, and all must be there. */
    public void reorder(Session s, CurrentUser user, long parentId, List<Long> order) {
        Part parent = editable(s, user, parentId);
        List<Part> children = parts.children(s, parent);
        if (order.size() != children.size() || !order.stream().distinct().toList().equals(order)) {
            throw new FormErrors.Invalid("order", "The new order must name each child of this part once.");
        }
        List<Part> sorted = new ArrayList<>();
        for (Long id : order) {
            int at = indexOf(children, id);
            if (at < 0) {
                throw new FormErrors.Invalid("order", "#" + id + " is not a child of this part.");
            }
            sorted.add(children.get(at));
        }
        renumber(sorted);
    }

    /** Moves one child up (-1) or down (+1) among its siblings: the keyboard-friendly reorder. */
    public void move(Session s, CurrentUser user, long parentId, long childId, int delta) {
        Part parent = editable(s, user, parentId);
        List<Part> children = new ArrayList<>(parts.children(s, parent));
        int at = indexOf(children, childId);
        if (at < 0) {
            throw new NotFoundException("#" + childId + " is not a child of this part.");
        }
        int to = Math.max(0, Math.min(children.size() - 1, at + delta));
        children.add(to, children.remove(at));
        renumber(children);
    }

    /**
     * Deletes the node and everything below it, in this transaction (the foreign keys cascade). Their timed
     * actions that have not run yet are cancelled in the same transaction, so none runs on a part that is gone.
     */
    public Part delete(Session s, CurrentUser user, long id) {
        Part part = parts.byId(s, id).orElseThrow(() -> new NotFoundException("There is no such page."));
        Access a = access.of(s, user, part);
        if (!a.view()) {
            throw new NotFoundException("There is no such page.");
        }
        if (!a.delete()) {
            throw new ForbiddenException("Only the module's owners may delete it.");
        }
        Part parent = part.getParent();
        timedTasks.cancelForDeletion(s, parts.subtree(s, part));
        s.flush();
        s.createMutationQuery("delete from Part p where p.id = :id").setParameter("id", id).executeUpdate();
        s.clear();
        return parent;
    }

    private static int indexOf(List<Part> list, long id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).getId() == id) {
                return i;
            }
        }
        return -1;
    }

    private static void renumber(List<Part> ordered) {
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).setSortOrder(i);
        }
    }

    private static String checkTitle(String title, FormErrors errors) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) {
            errors.add("title", "Enter a title.");
        } else if (t.length() > MAX_TITLE) {
            errors.add("title", "Use at most " + MAX_TITLE + " characters.");
        }
        return t;
    }

    private static String checkLabel(String label, FormErrors errors) {
        String l = label == null ? "" : label.strip();
        if (l.length() > MAX_LABEL) {
            errors.add("label", "Use at most " + MAX_LABEL + " characters.");
        }
        return l;
    }
}
