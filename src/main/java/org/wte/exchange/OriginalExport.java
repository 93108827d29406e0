package org.wte.exchange;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.wte.asset.FileNames;
import org.wte.asset.FileTypes;
import org.wte.exchange.ExchangeNode.ExchangeFile;

/**
 * The original Python WTE's export ({@code content.json} of its ZIP, see shared/original-export-format.md)
 * read into WTE's exchange tree, its reStructuredText converted to Markdown ({@link RstToMarkdown}).
 *
 * <p>Refused whole, with an {@link ImportProblem} that says what and where: a file that is not JSON (or
 * has a key twice), a node without a type or title or with an unknown type, children or assets that are
 * not lists, nesting other than module → part → page, ids missing on some nodes, not whole numbers or
 * repeated, two file entries with one id, unpaired surrogates. Imported and listed in the report: an
 * order that is not a whole number (the node keeps its place), an unknown status or display mode, a
 * label longer than WTE's, and file entries that cannot be used (missing keys, bad name or type, a
 * second file of one name): each is skipped and reported, never silently. Without a {@code display_mode}
 * key (before 1.1) a part shows the workspace, as the original imported it. Refs are the file's ids;
 * files from before 1.0 have none, so refs are generated and every cross-reference is external.
 * The ZIP's entries are the importer's: each file's entry is {@code assets/<id>}, which it must find.
 */
public final class OriginalExport {
    /** The tree and what the teacher should know about the conversion, in tree order. */
    public record Conversion(ExchangeNode root, List<String> report) {
        public Conversion {
            report = List.copyOf(report);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_TITLE = 255;
    private static final int MAX_LABEL = 100;
    private static final Pattern MIME_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(?:\\s*;.*)?");
    private static final Map<String, String> TYPES = Map.of("module", "module", "part", "part", "page", "page",
            "tutorial", "part", "exercise", "part", "task", "page");
    private static final Map<String, String> LEGACY_LABELS = Map.of("tutorial", "Tutorial", "exercise", "Exercise",
            "page", "Page", "task", "Task");
    private static final Set<String> DISPLAY_MODES = Set.of("three_pane_html", "text_only", "default", "inherit");
    private static final Set<String> STATUSES = Set.of("available", "unavailable", "archived");

    private OriginalExport() {
    }

    /** content.json's bytes → the tree (content in WTE Markdown); ImportProblem with a clear message for a broken file. */
    public static Conversion convert(byte[] contentJson) {
        if (contentJson == null || contentJson.length == 0) {
            throw new ImportProblem("content.json is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(contentJson);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ImportProblem("content.json is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ImportProblem("content.json cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ImportProblem("content.json is empty");
        }
        if (!root.isObject()) {
            throw new ImportProblem("content.json: the top level is not an object (a module, part or page with its"
                    + " title, type and children)");
        }
        List<Raw> all = new ArrayList<>();
        Raw tree = read(root, "", null, 0, all);
        boolean withIds = all.get(0).json.has("id");
        Map<String, String> refs = ids(all, withIds);
        List<String> report = new ArrayList<>();
        if (!withIds) {
            for (int i = 0; i < all.size(); i++) {
                all.get(i).ref = String.valueOf(i);
            }
            report.add("content.json has no part ids (an export from before WTE 1.0): every cross-reference"
                    + " leads outside the import and was kept as part:external");
        }
        if (all.stream().anyMatch(raw -> raw.type.equals("part") && !raw.json.has("display_mode"))) {
            report.add("content.json has no display modes (an export from before WTE 1.1): its parts show the"
                    + " workspace, as the original imported them");
        }
        Set<Long> assetIds = new HashSet<>();
        ExchangeNode node = build(tree, List.of(), refs, assetIds, report);
        return new Conversion(node, report);
    }

    /** A node of the JSON, checked, before conversion. */
    private static final class Raw {
        final JsonNode json;
        final String path;
        final String fileType;
        final String type;
        final String title;
        final int position;
        final List<Raw> children = new ArrayList<>();
        String ref;

        Raw(JsonNode json, String path, String fileType, String type, String title, int position) {
            this.json = json;
            this.path = path;
            this.fileType = fileType;
            this.type = type;
            this.title = title;
            this.position = position;
        }

        String where() {
            return Character.toUpperCase(type.charAt(0)) + type.substring(1) + " '" + title + "'";
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "at the top" : "at " + path;
    }

    /** Reads and checks one node and its children (pre-order into {@code all}). */
    private static Raw read(JsonNode json, String path, Raw parent, int position, List<Raw> all) {
        JsonNode typeNode = json.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new ImportProblem("content.json: the part " + at(path) + " has no type");
        }
        if (!typeNode.isTextual()) {
            throw new ImportProblem("content.json: the part " + at(path) + " has a type that is not text: " + typeNode);
        }
        String fileType = typeNode.asText();
        String type = TYPES.get(fileType);
        String what = "the " + (type == null ? "part" : fileType) + " " + at(path);
        JsonNode titleNode = json.get("title");
        if (type == null) {
            String named = titleNode != null && titleNode.isTextual() ? " ('" + titleNode.asText() + "')" : "";
            throw new ImportProblem("content.json: the part " + at(path) + named + " has the type '" + fileType
                    + "', which WTE cannot import (it knows module, part and page, and the original's tutorial,"
                    + " exercise and task)");
        }
        if (titleNode == null || titleNode.isNull()) {
            throw new ImportProblem("content.json: " + what + " has no title");
        }
        if (!titleNode.isTextual()) {
            throw new ImportProblem("content.json: " + what + " has a title that is not text: " + titleNode);
        }
        String title = oneLine(checked(titleNode.asText(), "title", what));
        if (title.isEmpty()) {
            throw new ImportProblem("content.json: " + what + " has an empty title");
        }
        if (title.length() > MAX_TITLE) {
            throw new ImportProblem("content.json: the title of " + what + " has " + title.length()
                    + " characters; at most " + MAX_TITLE + " are allowed");
        }
        if (parent != null) {
            String expected = switch (parent.type) {
                case "module" -> "part";
                case "part" -> "page";
                default -> null;
            };
            if (expected == null) {
                throw new ImportProblem("content.json: " + what + " ('" + title + "') is inside the page '"
                        + parent.title + "'; a page cannot hold anything");
            }
            if (!expected.equals(type)) {
                throw new ImportProblem("content.json: " + what + " ('" + title + "') is inside the " + parent.type
                        + " '" + parent.title + "', which can only hold " + expected + "s (a module holds parts,"
                        + " a part holds pages)");
            }
        }
        for (String key : List.of("content", "label")) {
            JsonNode value = json.get(key);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw new ImportProblem("content.json: the " + key + " of " + what + " is not text");
            }
            if (value != null && value.isTextual()) {
                checked(value.asText(), key, what);
            }
        }
        Raw raw = new Raw(json, path, fileType, type, title, position);
        all.add(raw);
        JsonNode children = json.get("children");
        if (children != null && !children.isNull()) {
            if (!children.isArray()) {
                throw new ImportProblem("content.json: the children of " + what + " are not a list");
            }
            for (int i = 0; i < children.size(); i++) {
                String childPath = (path.isEmpty() ? "" : path + ".") + "children[" + i + "]";
                if (!children.get(i).isObject()) {
                    throw new ImportProblem("content.json: " + childPath + " is not an object (a part with its"
                            + " title and type)");
                }
                raw.children.add(read(children.get(i), childPath, raw, i, all));
            }
        }
        JsonNode assets = json.get("assets");
        if (assets != null && !assets.isNull() && !assets.isArray()) {
            throw new ImportProblem("content.json: the assets of " + what + " are not a list");
        }
        return raw;
    }

    /** {@code text} if every surrogate is paired (a lone {@code \\ud800} escape decodes to no character). */
    private static String checked(String text, String key, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ImportProblem("content.json: the " + key + " of " + what + " has a broken character (an"
                        + " unpaired \\u" + String.format("%04x", (int) c) + " escape)");
            }
        }
        return text;
    }

    /** A title or label on one line: control characters (line breaks, tabs, NUL) become spaces. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cc}\\u2028\\u2029]+", " ").strip();
    }

    /** Checks the export ids (all or none, whole numbers, unique) and maps each to its node's ref. */
    private static Map<String, String> ids(List<Raw> all, boolean withIds) {
        Map<String, String> refs = new HashMap<>();
        Map<BigInteger, Raw> seen = new HashMap<>();
        for (Raw raw : all) {
            JsonNode id = raw.json.get("id");
            String what = "the " + raw.fileType + " " + at(raw.path) + " ('" + raw.title + "')";
            if (!withIds) {
                if (id != null) {
                    throw new ImportProblem("content.json: " + what + " has an id, but the top part has none");
                }
                continue;
            }
            if (id == null || id.isNull()) {
                throw new ImportProblem("content.json: " + what + " has no id, but the other parts have one");
            }
            BigInteger value = wholeNumber(id);
            if (value == null || value.signum() < 0) {
                throw new ImportProblem("content.json: " + what + " has the id " + id + ", which is not a whole"
                        + " number of 0 or more");
            }
            Raw other = seen.put(value, raw);
            if (other != null) {
                throw new ImportProblem("content.json: " + what + " has the id " + value + ", like the "
                        + other.fileType + " " + at(other.path) + " ('" + other.title + "')");
            }
            raw.ref = value.toString();
            refs.put(value.toString(), raw.ref);
        }
        return refs;
    }

    /** A JSON integer (or an integral number such as 3.0); null otherwise. */
    private static BigInteger wholeNumber(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isNumber()) {
            try {
                return value.decimalValue().toBigIntegerExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return null; // a fraction, or a double such as 1e400 that is infinite
            }
        }
        return null;
    }

    private static ExchangeNode build(Raw raw, List<Map<String, String>> ancestorsFiles, Map<String, String> refs,
                                      Set<Long> assetIds, List<String> report) {
        JsonNode json = raw.json;
        String where = raw.where();
        int order = order(json.get("order"), raw.position, where, report);
        String status = status(json.get("status"), where, report);
        String label = label(json, raw.fileType, where, report);
        String displayMode = displayMode(json, raw.type, where, report);
        List<ExchangeFile> files = files(json.get("assets"), where, assetIds, report);

        Map<String, String> ownFiles = new HashMap<>();
        for (ExchangeFile file : files) {
            // Pages show assets; templates are starter files for the workspace, which WTE's Markdown cannot name.
            if (file.kind().equals("asset")) {
                ownFiles.putIfAbsent(file.filename(), file.mimeType());
            }
        }
        List<Map<String, String>> levels = new ArrayList<>();
        levels.add(ownFiles);
        levels.addAll(ancestorsFiles);
        RstToMarkdown.Links links = new RstToMarkdown.Links() {
            @Override
            public Optional<String> part(String id) {
                return Optional.ofNullable(refs.get(id.replaceFirst("^0+(?=[0-9])", "")));
            }

            @Override
            public Optional<String> assetMimeType(String name) {
                for (Map<String, String> level : levels) {
                    if (level.containsKey(name)) {
                        return Optional.of(level.get(name));
                    }
                }
                String key = FileNames.key(name);
                for (Map<String, String> level : levels) {
                    for (Map.Entry<String, String> entry : level.entrySet()) {
                        if (FileNames.key(entry.getKey()).equals(key)) {
                            return Optional.of(entry.getValue());
                        }
                    }
                }
                return Optional.empty();
            }
        };
        JsonNode contentNode = json.get("content");
        String rst = contentNode == null || contentNode.isNull() ? "" : contentNode.asText().replace("\u0000", "");
        RstToMarkdown.Result converted = RstToMarkdown.convert(rst, where, raw.title, links);
        report.addAll(converted.report());

        List<ExchangeNode> children = new ArrayList<>();
        for (Raw child : raw.children) {
            children.add(build(child, levels, refs, assetIds, report));
        }
        return new ExchangeNode(raw.ref, raw.type, raw.title, label, order, status, displayMode,
                converted.markdown(), files, List.of(), children);
    }

    private static int order(JsonNode value, int position, String where, List<String> report) {
        if (value != null && !value.isNull()) {
            BigInteger number = wholeNumber(value);
            if (number == null && value.isTextual() && value.asText().strip().matches("[-+]?[0-9]{1,9}")) {
                number = new BigInteger(value.asText().strip());
            }
            if (number != null && number.bitLength() < 32) {
                return number.intValue();
            }
        }
        report.add(where + ": its order " + (value == null ? "is missing" : value + " is not a whole number")
                + "; it keeps its place among its siblings (" + position + ")");
        return position;
    }

    private static String status(JsonNode value, String where, List<String> report) {
        if (value == null || value.isNull()) {
            return "unavailable";
        }
        String status = value.isTextual() ? value.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (!STATUSES.contains(status)) {
            report.add(where + ": the status " + value + " is unknown; it is unavailable");
            return "unavailable";
        }
        return status;
    }

    /** §6: the label if the key is there (null → none); absent on the legacy types, their old name. */
    private static String label(JsonNode json, String fileType, String where, List<String> report) {
        if (!json.has("label")) {
            return LEGACY_LABELS.getOrDefault(fileType, "");
        }
        JsonNode value = json.get("label");
        String label = value.isNull() ? "" : oneLine(value.asText());
        if (label.length() > MAX_LABEL) {
            report.add(where + ": the label was shortened to " + MAX_LABEL + " characters");
            label = label.substring(0, MAX_LABEL).strip();
        }
        return label;
    }

    private static String displayMode(JsonNode json, String type, String where, List<String> report) {
        JsonNode value = json.get("display_mode");
        if (value == null) {
            // The original imported a part without the key with its HTML editor (three_pane_html).
            return type.equals("part") ? "workspace" : "text";
        }
        if (value.isNull()) {
            return "text";
        }
        String mode = value.isTextual() ? value.asText() : value.toString();
        if (mode.equals("three_pane_html")) {
            return "workspace";
        }
        if (!DISPLAY_MODES.contains(mode)) {
            report.add(where + ": the display mode " + value + " is unknown; it shows as text");
        }
        return "text";
    }

    /** The node's files; an entry that cannot be used is skipped and reported, never silently. */
    private static List<ExchangeFile> files(JsonNode assets, String where, Set<Long> assetIds, List<String> report) {
        List<ExchangeFile> files = new ArrayList<>();
        if (assets == null || assets.isNull()) {
            return files;
        }
        Set<String> names = new HashSet<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < assets.size(); i++) {
            JsonNode asset = assets.get(i);
            String entry = where + ": the file entry assets[" + i + "]";
            if (!asset.isObject()) {
                report.add(entry + " is not an object; it was skipped");
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String key : List.of("id", "filename", "mimetype", "type")) {
                if (!asset.hasNonNull(key)) {
                    missing.add(key);
                }
            }
            if (!missing.isEmpty()) {
                report.add(entry + (asset.path("filename").isTextual() ? " ('" + asset.get("filename").asText() + "')" : "")
                        + " has no " + String.join(", ", missing) + "; it was skipped");
                continue;
            }
            BigInteger id = wholeNumber(asset.get("id"));
            if (id == null || id.signum() < 0 || id.bitLength() > 62) {
                report.add(entry + " has the id " + asset.get("id") + ", which is not a whole number; it was skipped");
                continue;
            }
            if (!assetIds.add(id.longValue())) {
                throw new ImportProblem("content.json: two files have the id " + id + " (the second in " + where
                        + "); each file needs its own entry assets/<id>");
            }
            String filename = asset.get("filename").asText();
            Optional<String> nameProblem = asset.get("filename").isTextual() ? FileNames.problem(filename)
                    : Optional.of("it is not text");
            if (nameProblem.isPresent()) {
                report.add(entry + ": the file name '" + filename + "' cannot be used (" + nameProblem.get()
                        + "); it was skipped");
                continue;
            }
            String kind = asset.get("type").asText();
            if (!kind.equals("asset") && !kind.equals("template")) {
                report.add(entry + " ('" + filename + "') has the type " + asset.get("type") + " (not asset or"
                        + " template); it was skipped");
                continue;
            }
            if (!names.add(kind + "/" + FileNames.key(filename))) {
                report.add(entry + ": a second " + kind + " named '" + filename + "'; it was skipped");
                continue;
            }
            String mimeType = asset.get("mimetype").asText().strip();
            if (!MIME_TYPE.matcher(mimeType).matches()) {
                String guessed = FileTypes.fromName(filename);
                report.add(entry + " ('" + filename + "') has the type " + asset.get("mimetype") + "; "
                        + guessed + " was used");
                mimeType = guessed;
            }
            int position = positions.merge(kind, 1, Integer::sum);
            JsonNode orderNode = asset.get("order");
            BigInteger order = orderNode == null ? null : wholeNumber(orderNode);
            if (order == null || order.bitLength() >= 32) {
                if (orderNode != null) {
                    report.add(entry + " ('" + filename + "') has the order " + orderNode + ", which is not a whole"
                            + " number; it keeps its place (" + position + ")");
                }
                order = BigInteger.valueOf(position);
            }
            files.add(new ExchangeFile(kind, filename, mimeType, order.intValue(), "assets/" + id));
        }
        return files;
    }
}
