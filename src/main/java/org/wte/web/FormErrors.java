package org.wte.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Field name → message, for re-showing a form with each error next to its field. */
public final class FormErrors {
    private final Map<String, String> errors = new LinkedHashMap<>();

    public FormErrors add(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /** In the order the fields were checked, which is the order of the form. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** Thrown by a service when input is wrong; resources turn it into a 400 with the form re-shown. */
    public static final class Invalid extends RuntimeException {
        private final FormErrors errors;

        public Invalid(FormErrors errors) {
            super("invalid input: " + errors.errors);
            this.errors = errors;
        }

        public Invalid(String field, String message) {
            this(new FormErrors().add(field, message));
        }

        public FormErrors errors() {
            return errors;
        }
    }

    public void throwIfAny() {
        if (!isEmpty()) {
            throw new Invalid(this);
        }
    }
}
