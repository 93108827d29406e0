package org.wte.markup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.renderer.html.HtmlWriter;

/**
 * The quiz block: its line syntax, its validation and its HTML.
 *
 * <pre>
 * ```quiz key="week-1"
 * ? What does HTML stand for?
 * - [x] HyperText Markup Language
 * - [ ] High Tech Modern Language
 *
 * ?? Which of these are block elements?
 * - [x] &lt;div&gt;
 * - [ ] &lt;span&gt;
 * ```
 * </pre>
 *
 * A question starts with {@code ?}; it is multiple-choice when it has more than one correct choice, or
 * when it starts with {@code ??} (tick all that apply). Choices are {@code - [x] correct} and
 * {@code - [ ] wrong}; an indented line continues the question or choice above it.
 *
 * <p>Stored HTML contains quiz placeholders with only the question/choice texts and stable ids
 * (data-quiz key, question index, choice index) — never which choices are correct.
 */
public final class QuizMarkup {
    public static final String QUIZ_ATTRIBUTE = "data-quiz";
    public static final String QUESTION_ATTRIBUTE = "data-question";
    public static final String CHOICE_ATTRIBUTE = "data-choice";

    private static final Pattern QUESTION = Pattern.compile("(\\?\\??)(?!\\?)\\s*(.*)");
    private static final Pattern CHOICE = Pattern.compile("[-*+]\\s+\\[([ xX]?)\\](.*)");
    private static final Pattern LOOKS_LIKE_CHOICE = Pattern.compile("[-*+](?:\\s.*)?");

    private QuizMarkup() {
    }

    /**
     * A quiz block read: the quiz when it is valid, the author's errors otherwise. {@code questionLines}
     * holds the source line of each question (empty when the quiz is invalid).
     */
    public record Parsed(Optional<QuizDefinition> quiz, List<MarkupError> errors, List<Integer> questionLines) {
        public Parsed {
            errors = List.copyOf(errors);
            questionLines = List.copyOf(questionLines);
        }
    }

    /** Renders the text of a question or choice (the author's inline Markdown) as HTML. */
    @FunctionalInterface
    interface InlineText {
        String html(String markdown, int line);
    }

    private static final class Draft {
        final int line;
        final boolean forcedMultiple;
        final StringBuilder text;
        final List<StringBuilder> choices = new ArrayList<>();
        final List<Boolean> correct = new ArrayList<>();

        Draft(int line, boolean forcedMultiple, String text) {
            this.line = line;
            this.forcedMultiple = forcedMultiple;
            this.text = new StringBuilder(text);
        }
    }

    /**
     * Reads the body of a quiz block. {@code line} is the line of the block's opening fence (the body
     * starts on the next line); {@code key} is the quiz's key within its page.
     */
    public static Parsed parse(String key, int line, String body) {
        List<MarkupError> errors = new ArrayList<>();
        List<Draft> drafts = new ArrayList<>();
        String[] lines = (body == null ? "" : body).split("\r\n|\r|\n", -1);
        StringBuilder continued = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = line + 1 + i;
            String raw = lines[i];
            if (raw.isBlank()) {
                continued = null;
                continue;
            }
            String text = raw.strip();
            Draft current = drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
            Matcher question = QUESTION.matcher(text);
            Matcher choice = CHOICE.matcher(text);
            if (question.matches()) {
                String questionText = question.group(2).strip();
                if (questionText.isEmpty()) {
                    errors.add(new MarkupError(lineNumber, "a question needs a text after the ?"));
                }
                Draft draft = new Draft(lineNumber, question.group(1).length() == 2, questionText);
                drafts.add(draft);
                continued = draft.text;
            } else if (choice.matches()) {
                String choiceText = choice.group(2).strip();
                if (current == null) {
                    errors.add(new MarkupError(lineNumber, "a choice before the first question"
                            + " (start a question with ? and its text)"));
                    continued = null;
                } else {
                    if (choiceText.isEmpty()) {
                        errors.add(new MarkupError(lineNumber, "a choice needs a text after [x] or [ ]"));
                    }
                    StringBuilder choiceBuilder = new StringBuilder(choiceText);
                    current.choices.add(choiceBuilder);
                    current.correct.add(choice.group(1).equalsIgnoreCase("x"));
                    continued = choiceBuilder;
                }
            } else if (Character.isWhitespace(raw.charAt(0)) && continued != null) {
                continued.append(continued.length() == 0 ? "" : " ").append(text);
            } else if (LOOKS_LIKE_CHOICE.matcher(text).matches() || text.startsWith("[")) {
                errors.add(new MarkupError(lineNumber, "cannot read the choice " + BlockOptions.shown(text)
                        + ": write - [x] text for a correct choice, - [ ] text for a wrong one"));
                continued = null;
            } else {
                errors.add(new MarkupError(lineNumber, "cannot read " + BlockOptions.shown(text)
                        + " in a quiz: a question starts with ?, a choice with - [x] or - [ ]"
                        + " (indent a line to continue the one above)"));
                continued = null;
            }
        }
        if (drafts.isEmpty() && errors.isEmpty()) {
            errors.add(new MarkupError(line, "the quiz has no question (start a question with ? and its text)"));
        }
        List<QuizDefinition.Question> questions = new ArrayList<>();
        List<Integer> questionLines = new ArrayList<>();
        for (Draft draft : drafts) {
            long correct = draft.correct.stream().filter(c -> c).count();
            if (draft.choices.isEmpty()) {
                errors.add(new MarkupError(draft.line, "the question has no choices"
                        + " (add lines - [x] correct and - [ ] wrong below it)"));
            } else if (draft.choices.size() < 2) {
                errors.add(new MarkupError(draft.line, "the question has only one choice; give at least two"));
            }
            if (!draft.choices.isEmpty() && correct == 0) {
                errors.add(new MarkupError(draft.line, "the question has no correct answer"
                        + " (mark at least one choice - [x])"));
            }
            List<QuizDefinition.Choice> choices = new ArrayList<>();
            for (int c = 0; c < draft.choices.size(); c++) {
                choices.add(new QuizDefinition.Choice(draft.choices.get(c).toString(), draft.correct.get(c)));
            }
            questions.add(new QuizDefinition.Question(draft.text.toString(), draft.forcedMultiple || correct > 1,
                    choices));
            questionLines.add(draft.line);
        }
        errors.sort(java.util.Comparator.comparingInt(MarkupError::line));
        if (!errors.isEmpty()) {
            return new Parsed(Optional.empty(), errors, List.of());
        }
        return new Parsed(Optional.of(new QuizDefinition(line, key, questions)), errors, questionLines);
    }

    /** The quiz's HTML with its texts as plain (escaped) text; never says which choices are correct. */
    public static String html(QuizDefinition quiz) {
        StringBuilder html = new StringBuilder();
        List<Integer> lines = new ArrayList<>();
        quiz.questions().forEach(q -> lines.add(quiz.line()));
        write(new HtmlWriter(html), quiz, lines, (text, line) -> {
            StringBuilder escaped = new StringBuilder();
            new HtmlWriter(escaped).text(text);
            return escaped.toString();
        });
        return MarkupPolicy.sanitize(html.toString());
    }

    /** Writes the quiz: texts (rendered by {@code inline}) and ids only. */
    static void write(HtmlWriter out, QuizDefinition quiz, List<Integer> questionLines, InlineText inline) {
        out.line();
        out.tag("div", attributes("class", "wte-quiz", QUIZ_ATTRIBUTE, quiz.key()));
        out.line();
        for (int q = 0; q < quiz.questions().size(); q++) {
            QuizDefinition.Question question = quiz.questions().get(q);
            int line = q < questionLines.size() ? questionLines.get(q) : quiz.line();
            out.tag("fieldset", attributes("class", "wte-quiz-question", QUESTION_ATTRIBUTE, String.valueOf(q)));
            out.tag("legend", attributes("class", "wte-quiz-text"));
            out.raw(inline.html(question.text(), line));
            out.tag("/legend");
            out.line();
            out.tag("p", attributes("class", "wte-quiz-hint"));
            out.text(question.multiple() ? "Select all that apply." : "Select one answer.");
            out.tag("/p");
            out.line();
            out.tag("ul", attributes("class", "wte-quiz-choices"));
            out.line();
            for (int c = 0; c < question.choices().size(); c++) {
                out.tag("li");
                out.tag("label", attributes("class", "wte-quiz-choice"));
                out.tag("input", attributes("type", question.multiple() ? "checkbox" : "radio",
                        "name", "wte-quiz-" + quiz.key() + "-" + q, "value", String.valueOf(c),
                        CHOICE_ATTRIBUTE, String.valueOf(c)), true);
                out.text(" ");
                out.tag("span", attributes("class", "wte-quiz-choice-text"));
                out.raw(inline.html(question.choices().get(c).text(), line));
                out.tag("/span");
                out.tag("/label");
                out.tag("/li");
                out.line();
            }
            out.tag("/ul");
            out.line();
            out.tag("/fieldset");
            out.line();
        }
        out.tag("/div");
        out.line();
    }

    private static Map<String, String> attributes(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
