package org.wte.web;

import java.util.HashMap;
import java.util.Map;

/**
 * A page to render: a template under templates/ (e.g. "account/login.ftlh") and its model. The
 * {@link ViewWriter} adds "ctx" (the {@link PageContext}) before rendering.
 */
public record View(String template, Map<String, Object> model) {

    public static View of(String template) {
        return new View(template, new HashMap<>());
    }

    public View with(String key, Object value) {
        model.put(key, value);
        return this;
    }
}
