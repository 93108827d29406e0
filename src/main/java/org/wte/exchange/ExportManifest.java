package org.wte.exchange;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wte.content.PartService;

/**
 * WTE's own manifest, {@code wte-export.json}: written from an export's tree, and read back (strictly: every
 * key of the right type, every node where its type may be) into the {@link ExchangeNode} tree an import
 * creates. Version 1:
 * <pre>
 * { "format": "wte-export", "version": 1, "exportedAt": "2026-…Z",
 *   "referenceDate": "2026-09-07" | null,         timed actions' offsets count from its midnight
 *   "externalReferences": [ {"node": "4", "title": "…"} ],   cross-references that left the tree
 *   "root": { "ref", "type", "title", "label", "order", "status", "displayMode", "content",
 *             "quizzes": ["key", …], "files": [ {"kind", "filename", "mimeType", "order", "entry"} ],
 *             "timedActions": [ {"type", "options": {…}, "offsetSeconds"} ], "children": [ … ] } }
 * </pre>
 */
public final class ExportManifest {
    public static final String NAME = "wte-export.json";
    public static final String FORMAT = "wte-export";
    public static final int VERSION = 1;
    /** More nodes than entries a ZIP may have makes no sense. */
    static final int MAX_NODES = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern REF = Pattern.compile("[0-9]{1,18}");
    private static final Set<String> TYPES = Set.of("module", "part", "page");
    private static final Set<String> STATUSES = Set.of("available", "unavailable", "archived");
    private static final Set<String> MODES = Set.of("text", "workspace");
    private static final Set<String> KINDS = Set.of("asset", "template");

    /** A cross-reference that left the exported tree: the node whose text holds it. */
    public record External(String node, String title) {}

    /** What an export writes besides the tree: quiz keys per ref, references out, the reference date. */
    public record Contents(ExchangeNode root, Map<String, List<String>> quizzes, List<External> externals,
                           LocalDate referenceDate, Instant exportedAt) {}

    /** What reading gives: the tree and the reference date its timed actions count from (or null). */
    public record Read(ExchangeNode root, LocalDate referenceDate) {}

    private ExportManifest() {}

    public static byte[] write(Contents contents) {
        ObjectNode top = JSON.createObjectNode();
        top.put("format", FORMAT);
        top.put("version", VERSION);
        top.put("exportedAt", contents.exportedAt().toString());
        if (contents.referenceDate() == null) {
            top.putNull("referenceDate");
        } else {
            top.put("referenceDate", contents.referenceDate().toString());
        }
        ArrayNode externals = top.putArray("externalReferences");
        for (External e : contents.externals()) {
            externals.addObject().put("node", e.node()).put("title", e.title());
        }
        top.set("root", node(contents.root(), contents.quizzes()));
        try {
            return JSON.writeValueAsBytes(top);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode node(ExchangeNode n, Map<String, List<String>> quizzes) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ref", n.ref());
        o.put("type", n.type());
        o.put("title", n.title());
        o.put("label", n.label());
        o.put("order", n.order());
        o.put("status", n.status());
        o.put("displayMode", n.displayMode());
        o.put("content", n.content());
        ArrayNode keys = o.putArray("quizzes");
        quizzes.getOrDefault(n.ref(), List.of()).forEach(keys::add);
        ArrayNode files = o.putArray("files");
        for (ExchangeNode.ExchangeFile f : n.files()) {
            files.addObject().put("kind", f.kind()).put("filename", f.filename()).put("mimeType", f.mimeType())
                    .put("order", f.order()).put("entry", f.entry());
        }
        ArrayNode tasks = o.putArray("timedActions");
        for (ExchangeNode.ExchangeTimedTask t : n.timedTasks()) {
            ObjectNode task = tasks.addObject();
            task.put("type", t.type());
            try {
                task.set("options", JSON.readTree(t.options()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored options of a timed action are not JSON", e);
            }
            task.put("offsetSeconds", t.offsetSeconds());
        }
        ArrayNode children = o.putArray("children");
        n.children().forEach(c -> children.add(node(c, quizzes)));
        return o;
    }

    // ------------------------------------------------------------------ reading

    public static Read read(byte[] json) {
        JsonNode top;
        try {
            top = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new ImportProblem(NAME + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ImportProblem(NAME + " cannot be read: " + e.getMessage());
        }
        if (top == null || !top.isObject()) {
            throw new ImportProblem(NAME + " must hold a JSON object.");
        }
        JsonNode format = top.get("format");
        if (format == null || !format.isTextual()) {
            throw new ImportProblem(NAME + " does not say its format (the key \u201cformat\u201d is missing).");
        }
        if (!format.asText().equals(FORMAT)) {
            throw new ImportProblem(NAME + " names the format \u201c" + format.asText() + "\u201d: this WTE reads only "
                    + "\u201c" + FORMAT + "\u201d, version " + VERSION + ".");
        }
        JsonNode version = top.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw new ImportProblem(NAME + " does not say its format version (\u201cversion\u201d must be a whole "
                    + "number).");
        }
        if (version.asLong() != VERSION) {
            throw new ImportProblem("This file is a WTE export of format version " + version.asText()
                    + ", which this WTE cannot read (it reads version " + VERSION + ").");
        }
        LocalDate reference = null;
        JsonNode date = top.get("referenceDate");
        if (date != null && !date.isNull()) {
            if (!date.isTextual()) {
                throw new ImportProblem(NAME + ": \u201creferenceDate\u201d must be a date such as 2026-09-07, or null.");
            }
            try {
                reference = LocalDate.parse(date.asText());
            } catch (DateTimeParseException e) {
                throw new ImportProblem(NAME + ": \u201creferenceDate\u201d must be a date such as 2026-09-07, not \u201c"
                        + date.asText() + "\u201d.");
            }
        }
        JsonNode root = top.get("root");
        if (root == null || !root.isObject()) {
            throw new ImportProblem(NAME + " has no \u201croot\u201d object: there is nothing to import.");
        }
        Set<String> refs = new HashSet<>();
        ExchangeNode tree = readNode(root, null, refs, 0);
        return new Read(tree, reference);
    }

    private static ExchangeNode readNode(JsonNode o, String parentType, Set<String> refs, int depth) {
        if (depth > 2) {
            throw new ImportProblem(NAME + ": the tree is deeper than module, part, page.");
        }
        if (refs.size() >= MAX_NODES) {
            throw new ImportProblem(NAME + ": too many parts and pages (at most " + MAX_NODES + ").");
        }
        String ref = text(o, "ref", "the root", true);
        if (!REF.matcher(ref).matches()) {
            throw new ImportProblem(NAME + ": the ref \u201c" + ref + "\u201d is not a number.");
        }
        String where = "the node with ref " + ref;
        if (!refs.add(ref)) {
            throw new ImportProblem(NAME + ": two nodes have the ref " + ref + ".");
        }
        String type = oneOf(o, "type", where, TYPES);
        if (parentType == null ? false : !type.equals(childOf(parentType))) {
            throw new ImportProblem(NAME + ": " + where + " is a " + type + " inside a " + parentType + "; a "
                    + parentType + " can only hold " + (childOf(parentType) == null ? "nothing"
                    : childOf(parentType) + "s") + ".");
        }
        String title = text(o, "title", where, true).strip();
        if (title.isEmpty() || title.length() > PartService.MAX_TITLE) {
            throw new ImportProblem(NAME + ": " + where + " needs a title of 1 to " + PartService.MAX_TITLE
                    + " characters.");
        }
        where = "the " + type + " \u201c" + title + "\u201d (ref " + ref + ")";
        String label = text(o, "label", where, false).strip();
        if (label.length() > PartService.MAX_LABEL) {
            throw new ImportProblem(NAME + ": the label of " + where + " is longer than " + PartService.MAX_LABEL
                    + " characters.");
        }
        int order = integer(o, "order", where);
        String status = oneOf(o, "status", where, STATUSES);
        String mode = oneOf(o, "displayMode", where, MODES);
        String content = text(o, "content", where, false);
        if (content.length() > PartService.MAX_CONTENT) {
            throw new ImportProblem(NAME + ": the text of " + where + " is longer than " + PartService.MAX_CONTENT
                    + " characters.");
        }
        for (JsonNode key : array(o, "quizzes", where)) {
            if (!key.isTextual()) {
                throw new ImportProblem(NAME + ": \u201cquizzes\u201d of " + where + " must list quiz names.");
            }
        }
        List<ExchangeNode.ExchangeFile> files = new ArrayList<>();
        for (JsonNode f : array(o, "files", where)) {
            if (!f.isObject()) {
                throw new ImportProblem(NAME + ": each of the \u201cfiles\u201d of " + where + " must be an object.");
            }
            String fileWhere = "a file of " + where;
            files.add(new ExchangeNode.ExchangeFile(oneOf(f, "kind", fileWhere, KINDS),
                    text(f, "filename", fileWhere, true), text(f, "mimeType", fileWhere, false),
                    integer(f, "order", fileWhere), text(f, "entry", fileWhere, true)));
        }
        List<ExchangeNode.ExchangeTimedTask> tasks = new ArrayList<>();
        for (JsonNode t : array(o, "timedActions", where)) {
            String taskWhere = "a timed action of " + where;
            if (!t.isObject()) {
                throw new ImportProblem(NAME + ": " + taskWhere + " must be an object.");
            }
            String taskType = text(t, "type", taskWhere, true);
            JsonNode options = t.get("options");
            if (options == null || !options.isObject()) {
                throw new ImportProblem(NAME + ": " + taskWhere + " needs \u201coptions\u201d, an object.");
            }
            for (Iterator<JsonNode> values = options.elements(); values.hasNext(); ) {
                if (!values.next().isTextual()) {
                    throw new ImportProblem(NAME + ": the options of " + taskWhere + " must all be strings.");
                }
            }
            JsonNode offset = t.get("offsetSeconds");
            if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong()) {
                throw new ImportProblem(NAME + ": " + taskWhere + " needs \u201coffsetSeconds\u201d, a whole number.");
            }
            try {
                tasks.add(new ExchangeNode.ExchangeTimedTask(taskType, JSON.writeValueAsString(
                        JSON.convertValue(options, new TypeReference<java.util.LinkedHashMap<String, String>>() {})),
                        offset.asLong()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        List<ExchangeNode> children = new ArrayList<>();
        for (JsonNode c : array(o, "children", where)) {
            if (!c.isObject()) {
                throw new ImportProblem(NAME + ": each child of " + where + " must be an object.");
            }
            children.add(readNode(c, type, refs, depth + 1));
        }
        return new ExchangeNode(ref, type, title, label, order, status, mode, content, files, tasks, children);
    }

    static String childOf(String type) {
        return switch (type) {
            case "module" -> "part";
            case "part" -> "page";
            default -> null;
        };
    }

    private static String text(JsonNode o, String key, String where, boolean required) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ImportProblem(NAME + ": " + where + " lacks \u201c" + key + "\u201d.");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new ImportProblem(NAME + ": \u201c" + key + "\u201d of " + where + " must be a string.");
        }
        return v.asText();
    }

    private static String oneOf(JsonNode o, String key, String where, Set<String> allowed) {
        String v = text(o, key, where, true);
        if (!allowed.contains(v)) {
            throw new ImportProblem(NAME + ": \u201c" + key + "\u201d of " + where + " is \u201c" + v
                    + "\u201d; it must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return v;
    }

    private static int integer(JsonNode o, String key, String where) {
        JsonNode v = o.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new ImportProblem(NAME + ": \u201c" + key + "\u201d of " + where + " must be a whole number, 0 or "
                    + "more.");
        }
        return v.asInt();
    }

    private static Iterable<JsonNode> array(JsonNode o, String key, String where) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ImportProblem(NAME + ": \u201c" + key + "\u201d of " + where + " must be a list.");
        }
        return v;
    }
}
