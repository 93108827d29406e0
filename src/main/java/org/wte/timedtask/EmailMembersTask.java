package org.wte.timedtask;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;
import org.wte.content.Part;
import org.wte.content.PartType;
import org.wte.enrolment.Role;
import org.wte.web.FormErrors;

/**
 * E-mails the module's members of the chosen roles: an outside effect. The runner leases the action, this
 * writes one outbox mail per recipient under a key unique to (action, recipient), and the outbox sends them;
 * a run that takes over after a crash writes only the mails that are missing.
 */
public final class EmailMembersTask implements TimedTaskType {
    public static final String NAME = "email-members";
    static final int SUBJECT_MAX = 200;
    static final int BODY_MAX = 20_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "E-mail the module's users";
    }

    @Override
    public Effect effect() {
        return Effect.OUTSIDE;
    }

    @Override
    public Map<String, String> defaults(PartType partType) {
        return Map.of("roles", "student", "subject", "", "body", "");
    }

    @Override
    public Map<String, String> readOptions(MultivaluedMap<String, String> form, PartType partType, FormErrors errors) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> roles = new ArrayList<>();
        for (String r : values(form, "roles")) {
            for (String piece : r.split(",")) {
                if (!piece.isBlank()) {
                    roles.add(piece.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        options.put("roles", String.join(",", roles));
        String subject = form.getFirst("subject") == null ? "" : form.getFirst("subject").strip();
        String body = form.getFirst("body") == null ? "" : form.getFirst("body").strip();
        options.put("subject", subject);
        options.put("body", body);
        String problem = checkRoles(options.get("roles"));
        if (problem != null) {
            errors.add("roles", problem);
        }
        if (subject.isEmpty()) {
            errors.add("subject", "Write a subject.");
        } else if (subject.length() > SUBJECT_MAX) {
            errors.add("subject", "The subject is " + subject.length() + " characters long; at most " + SUBJECT_MAX
                    + " fit.");
        }
        if (body.isEmpty()) {
            errors.add("body", "Write the message.");
        } else if (body.length() > BODY_MAX) {
            errors.add("body", "The message is " + body.length() + " characters long; at most " + BODY_MAX + " fit.");
        }
        return options;
    }

    @Override
    public String describe(Map<String, String> options) {
        if (checkRoles(options.get("roles")) != null) {
            return "E-mail the module's users (broken: no valid roles)";
        }
        return "E-mail the " + String.join(", ", roles(options.get("roles")).stream().map(r -> r.label() + "s")
                .toList()) + ": \u201c" + options.getOrDefault("subject", "") + "\u201d";
    }

    @Override
    public TaskResult run(TaskExecution x) {
        String problem = checkRoles(x.options().get("roles"));
        if (problem != null) {
            throw new TaskFailure(problem);
        }
        String subject = x.options().get("subject");
        String body = x.options().get("body");
        if (subject == null || subject.isBlank() || body == null) {
            throw new TaskFailure("the action has no subject or no message");
        }
        Set<Role> roles = roles(x.options().get("roles"));
        int written = x.services().database().inTransaction(s -> {
            Part part = s.get(Part.class, x.partId());
            if (part == null) {
                throw new TaskFailure("its part no longer exists");
            }
            return x.services().mailer().notifyMembers(s, part, "timed-task:" + x.taskId(), subject, body, roles);
        });
        return TaskResult.done(written + " mail(s) queued for the "
                + String.join(", ", roles.stream().map(r -> r.label() + "s").toList()) + ".");
    }

    static Set<Role> roles(String text) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (text != null) {
            for (String piece : text.split(",")) {
                try {
                    roles.add(Role.valueOf(piece.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    return EnumSet.noneOf(Role.class);
                }
            }
        }
        return roles;
    }

    static String checkRoles(String text) {
        return roles(text).isEmpty() ? "Choose at least one of: students, tutors, owners." : null;
    }
}
