package org.wte.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** One-time messages shown on the next page (after a redirect), kept in the session. */
public final class Flash {
    private static final String ATTRIBUTE = "wte.flash";

    public record Message(String kind, String text) implements Serializable {}

    private Flash() {}

    public static void success(HttpServletRequest request, String text) {
        add(request, "success", text);
    }

    public static void info(HttpServletRequest request, String text) {
        add(request, "info", text);
    }

    public static void error(HttpServletRequest request, String text) {
        add(request, "error", text);
    }

    @SuppressWarnings("unchecked")
    private static void add(HttpServletRequest request, String kind, String text) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            ArrayList<Message> list = (ArrayList<Message>) session.getAttribute(ATTRIBUTE);
            list = list == null ? new ArrayList<>() : new ArrayList<>(list);
            list.add(new Message(kind, text));
            session.setAttribute(ATTRIBUTE, list);
        }
    }

    /** The waiting messages, removed from the session. */
    @SuppressWarnings("unchecked")
    static List<Message> take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return List.of();
        }
        synchronized (session) {
            List<Message> list = (List<Message>) session.getAttribute(ATTRIBUTE);
            if (list == null) {
                return List.of();
            }
            session.removeAttribute(ATTRIBUTE);
            return list;
        }
    }
}
