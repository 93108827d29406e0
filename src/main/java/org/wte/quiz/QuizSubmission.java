package org.wte.quiz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the page sends for one quiz: {@code {"answers": {"0": [1], "1": [0, 2]}}}, question index → the
 * indexes of the ticked choices. Read by hand, not by data binding, so every malformed body gets a message
 * a person can read (400), never a parser's internals.
 */
public record QuizSubmission(Map<Integer, ChoiceSet> answers) {
    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public QuizSubmission {
        answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    public static QuizSubmission parse(String body) {
        if (body == null || body.isBlank()) {
            throw bad("The answers are missing.");
        }
        if (body.length() > MAX_BODY) {
            throw new AnswerRefused(413, "The answers are too large.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad("The answers are not valid JSON.");
        }
        JsonNode answers = root == null ? null : root.get("answers");
        if (answers == null || !answers.isObject()) {
            throw bad("Send the answers as {\"answers\": {\"question number\": [choice numbers]}}.");
        }
        Map<Integer, ChoiceSet> parsed = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = answers.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            int question = index(field.getKey(), "question");
            JsonNode choices = field.getValue();
            if (!choices.isArray()) {
                throw bad("The choices of question " + (question + 1) + " must be a list of numbers.");
            }
            List<Integer> list = new ArrayList<>();
            for (JsonNode c : choices) {
                if (!c.isInt()) {
                    throw bad("The choices of question " + (question + 1) + " must be whole numbers.");
                }
                list.add(c.intValue());
            }
            if (new TreeSet<>(list).size() != list.size()) {
                throw bad("A choice of question " + (question + 1) + " is given twice.");
            }
            parsed.put(question, ChoiceSet.of(list));
        }
        return new QuizSubmission(parsed);
    }

    private static int index(String text, String what) {
        try {
            int i = Integer.parseInt(text);
            if (i >= 0) {
                return i;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw bad("'" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "' is not a " + what + " number.");
    }

    private static AnswerRefused bad(String message) {
        return new AnswerRefused(400, message);
    }
}
