package org.wte.timedtask;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A timed action's options as stored: a flat JSON object of strings. */
public final class TaskOptions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    private TaskOptions() {}

    public static String write(Map<String, String> options) {
        try {
            return JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The options, or a {@link TaskFailure} that says they are broken (never retried: they will not mend). */
    public static Map<String, String> read(String json) {
        try {
            Map<String, String> map = JSON.readValue(json == null ? "" : json, MAP);
            if (map == null) {
                throw new TaskFailure("the action's options are empty");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new TaskFailure("the action's options are not valid: " + e.getOriginalMessage());
        }
    }
}
