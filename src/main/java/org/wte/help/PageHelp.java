package org.wte.help;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.wte.content.PartView;

/**
 * Which help topic the "?" of a page opens, from the page's template (and, for the part page, whether the
 * reader edits it): one table, so that no resource has to know about help. A template is matched exactly
 * first, then by the longest directory prefix. PageHelpTest fails for a page template that has no topic.
 */
public final class PageHelp {
    /** Exact template names, before the prefixes. */
    private static final Map<String, String> EXACT = new LinkedHashMap<>();
    /** Directory prefixes; the longest match wins (features built elsewhere map by directory). */
    private static final Map<String, String> PREFIXES = new LinkedHashMap<>();

    static {
        EXACT.put("home.ftlh", "start");
        EXACT.put("error.ftlh", "start");
        EXACT.put("content/modules.ftlh", "modules");
        EXACT.put("content/edit.ftlh", "editing");
        EXACT.put("content/preview.ftlh", "editing");
        EXACT.put("enrolment/enrol.ftlh", "modules");
        EXACT.put("enrolment/leave.ftlh", "modules");
        EXACT.put("admin/timed-actions.ftlh", "cron");

        PREFIXES.put("account/", "account");
        PREFIXES.put("admin/", "administration");
        PREFIXES.put("asset/", "assets");
        PREFIXES.put("content/", "teaching");
        PREFIXES.put("enrolment/", "enrolment");
        PREFIXES.put("timedtask/", "timed-actions");
        PREFIXES.put("help/", "start");
        PREFIXES.put("workspace/", "workspace");
        PREFIXES.put("progress/", "progress");
        PREFIXES.put("quiz/", "quizzes");
        PREFIXES.put("exchange/", "exchange");
        PREFIXES.put("original/", "exchange");
        PREFIXES.put("download/", "download");
    }

    private PageHelp() {
    }

    /** The topic of a page, or empty when its template is not in the table (the "?" then opens the index). */
    public static Optional<String> topicFor(String template, Map<String, ?> model) {
        if (template == null) {
            return Optional.empty();
        }
        String name = template.startsWith("/") ? template.substring(1) : template;
        if (name.equals("content/part.ftlh")) {
            // Readers get the reader's guide; those who may change the part get the teacher's.
            Object part = model == null ? null : model.get("part");
            boolean edits = part instanceof PartView view && view.access() != null && view.access().edit();
            return Optional.of(edits ? "teaching" : "reading");
        }
        String exact = EXACT.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        int length = -1;
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            if (name.startsWith(prefix.getKey()) && prefix.getKey().length() > length) {
                best = prefix.getValue();
                length = prefix.getKey().length();
            }
        }
        return Optional.ofNullable(best);
    }
}
