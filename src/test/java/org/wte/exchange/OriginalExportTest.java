package org.wte.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wte.exchange.OriginalExportZips.node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wte.exchange.ExchangeNode.ExchangeFile;
import org.wte.exchange.OriginalExportZips.Format;

/** content.json → the exchange tree: the format's versions, its encoding, and every broken file's message. */
class OriginalExportTest {
    private static OriginalExport.Conversion convert(String json) {
        return OriginalExport.convert(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String json, String message) {
        ImportProblem problem = assertThrows(ImportProblem.class, () -> convert(json));
        assertEquals(message, problem.getMessage());
    }

    /** A minimal module holding {@code child}, in the current format. */
    private static String module(String child) {
        return "{\"id\": 0, \"type\": \"module\", \"title\": \"M\", \"status\": \"available\", \"order\": 0,"
                + " \"content\": \"\", \"display_mode\": null, \"label\": null, \"children\": [" + child + "]}";
    }

    private static String part(String extra) {
        return "{\"id\": 1, \"type\": \"part\", \"title\": \"P\", \"status\": \"available\", \"order\": 0,"
                + " \"content\": \"\", \"display_mode\": \"text_only\", \"label\": \"Lab\"" + extra + "}";
    }

    // ---- the versions of the format ---------------------------------------------------------------------------

    @Test
    void currentFormat() {
        OriginalExport.Conversion conversion = OriginalExport.convert(
                OriginalExportZips.contentJson(OriginalExportZips.currentModule(), Format.CURRENT)
                        .getBytes(StandardCharsets.US_ASCII));
        assertEquals(OriginalSamplesTest.LEFTOVERS_REPORT, conversion.report());
        ExchangeNode module = conversion.root();
        assertEquals(List.of("0", "module", "Web Design", "", 0, "available", "text"), summary(module));
        assertEquals("Welcome to *Web Design*.\n", module.content());
        assertEquals(List.of(new ExchangeFile("asset", "banner.png", "image/png", 1, "assets/3")), module.files());
        ExchangeNode part = module.children().get(0);
        assertEquals(List.of("1", "part", "HTML Basics", "Tutorial", 0, "unavailable", "workspace"), summary(part));
        // Asset ids in post-order: the part's files come before the module's.
        assertEquals(List.of(new ExchangeFile("asset", "logo.png", "image/png", 1, "assets/0"),
                new ExchangeFile("asset", "data.csv", "text/csv", 2, "assets/1"),
                new ExchangeFile("template", "index.html", "text/html", 1, "assets/2")), part.files());
        ExchangeNode elements = part.children().get(0);
        ExchangeNode practice = part.children().get(1);
        assertEquals(List.of("2", "page", "Elements", "Page", 0, "available", "text"), summary(elements));
        assertEquals(List.of("3", "page", "Practice", "Exercise", 1, "available", "text"), summary(practice));
        assertTrue(elements.content().startsWith("An HTML page is made of *elements*"), elements.content());
        assertTrue(elements.content().contains("[Practice](part:3)"), elements.content());
        assertTrue(elements.content().contains("the banner is ![banner.png](asset:banner.png)"), elements.content());
        assertTrue(practice.content().contains("Back to [](part:2)."), practice.content());
        assertTrue(elements.timedTasks().isEmpty());
        assertTrue(practice.children().isEmpty());
    }

    private static List<Object> summary(ExchangeNode node) {
        return List.of(node.ref(), node.type(), node.title(), node.label(), node.order(), node.status(),
                node.displayMode());
    }

    @Test
    void legacyTypesLabelsAndDisplayModes() {
        OriginalExport.Conversion conversion = OriginalExport.convert(
                OriginalExportZips.contentJson(OriginalExportZips.legacyModule(), Format.V1_1)
                        .getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(), conversion.report());
        ExchangeNode module = conversion.root();
        assertEquals(List.of("0", "module", "Programming 2015", "", 0, "archived", "text"), summary(module));
        ExchangeNode loops = module.children().get(0);
        ExchangeNode practice = module.children().get(1);
        assertEquals(List.of("1", "part", "Loops", "Tutorial", 0, "unavailable", "text"), summary(loops));
        assertEquals(List.of("2", "page", "While", "Page", 0, "unavailable", "text"), summary(loops.children().get(0)));
        assertEquals(List.of("3", "part", "Practice loops", "Exercise", 1, "unavailable", "workspace"), summary(practice));
        assertEquals(List.of("4", "page", "Count", "Task", 0, "unavailable", "text"), summary(practice.children().get(0)));
        assertEquals(List.of(new ExchangeFile("template", "main.js", "application/javascript", 1, "assets/0")),
                practice.files());
        assertEquals("Loop *while* true.\n\nNext: [Count](part:4)\n", loops.children().get(0).content());
        assertEquals("Count to ten:\n\n```\nfor (i = 1; i <= 10; i++) {}\n```\n", practice.children().get(0).content());
    }

    @Test
    void version1WithoutDisplayModesShowsPartsWithTheWorkspaceAsTheOriginalImportedThem() {
        OriginalExport.Conversion conversion = OriginalExport.convert(OriginalExportZips.contentJson(
                OriginalExportZips.legacyModule(), Format.V1_0).getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("content.json has no display modes (an export from before WTE 1.1): its parts show the"
                + " workspace, as the original imported them"), conversion.report());
        ExchangeNode module = conversion.root();
        assertEquals("text", module.displayMode());
        assertEquals("workspace", module.children().get(0).displayMode());
        assertEquals("text", module.children().get(0).children().get(0).displayMode());
    }

    @Test
    void beforeVersion1EveryCrossReferenceIsExternal() {
        OriginalExport.Conversion conversion = OriginalExport.convert(OriginalExportZips.contentJson(
                OriginalExportZips.preOneModule(), Format.PRE_1_0).getBytes(StandardCharsets.US_ASCII));
        ExchangeNode module = conversion.root();
        assertEquals("Caf\u00e9 \ud83c\udf89 Basics", module.title());
        assertEquals(List.of("0", "1", "2"), List.of(module.ref(), module.children().get(0).ref(),
                module.children().get(0).children().get(0).ref()));
        assertEquals("See [](part:external) and [Intro](part:external).\n", module.content());
        assertEquals(List.of("content.json has no part ids (an export from before WTE 1.0): every cross-reference"
                        + " leads outside the import and was kept as part:external",
                "content.json has no display modes (an export from before WTE 1.1): its parts show the workspace, as"
                        + " the original imported them",
                "Module 'Caf\u00e9 \ud83c\udf89 Basics', line 1: the cross-reference to part 12 leads outside the"
                        + " export; it was kept as part:external",
                "Module 'Caf\u00e9 \ud83c\udf89 Basics', line 1: the cross-reference to part 13 leads outside the"
                        + " export; it was kept as part:external"), conversion.report());
    }

    @Test
    void asciiEscapedUnicodeAndSurrogatePairsDecode() {
        String json = "{\"type\": \"page\", \"title\": \"Caf\\u00e9 \\ud83c\\udf89\", \"content\":"
                + " \"**\\u00fcber** \\u2013 \\ud83d\\ude00\", \"order\": 0, \"status\": \"available\"}";
        assertTrue(json.chars().allMatch(c -> c < 128));
        ExchangeNode page = convert(json).root();
        assertEquals("Caf\u00e9 \ud83c\udf89", page.title());
        assertEquals("**\u00fcber** \u2013 \ud83d\ude00\n", page.content());
    }

    @Test
    void loneSurrogatesAreRefusedAndControlCharactersLeaveTitles() {
        refused("{\"type\": \"page\", \"title\": \"A \\ud83c B\"}",
                "content.json: the title of the page at the top has a broken character (an unpaired \\ud83c escape)");
        refused("{\"type\": \"page\", \"title\": \"T\", \"content\": \"x \\udf89\"}",
                "content.json: the content of the page at the top has a broken character (an unpaired \\udf89 escape)");
        ExchangeNode page = convert("{\"type\": \"page\", \"title\": \"Two\\nlines\\u0000\\t\", \"label\": \"L\\r\\nX\","
                + " \"content\": \"a\\u0000b\"}").root();
        assertEquals("Two lines", page.title());
        assertEquals("L X", page.label());
        assertEquals("ab\n", page.content());
    }

    @Test
    void rawUtf8WithAByteOrderMarkIsReadToo() {
        byte[] json = ("\ufeff{\"type\": \"page\", \"title\": \"Caf\u00e9\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals("Caf\u00e9", OriginalExport.convert(json).root().title());
    }

    @Test
    void keyOrderDoesNotMatter() throws Exception {
        String json = OriginalExportZips.contentJson(OriginalExportZips.currentModule(), Format.CURRENT);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode shuffled = shuffle(mapper.readTree(json), mapper);
        String reordered = mapper.writeValueAsString(shuffled);
        assertTrue(!reordered.startsWith(json.substring(0, 12)), reordered);
        OriginalExport.Conversion original = OriginalExport.convert(json.getBytes(StandardCharsets.US_ASCII));
        OriginalExport.Conversion other = OriginalExport.convert(reordered.getBytes(StandardCharsets.UTF_8));
        assertEquals(original, other);
    }

    /** Every object's keys reversed, recursively. */
    private static JsonNode shuffle(JsonNode node, ObjectMapper mapper) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            Collections.reverse(keys);
            ObjectNode copy = mapper.createObjectNode();
            for (String key : keys) {
                copy.set(key, shuffle(node.get(key), mapper));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = mapper.createArrayNode();
            node.forEach(child -> copy.add(shuffle(child, mapper)));
            return copy;
        }
        return node;
    }

    // ---- what is reported and adjusted ----------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "null      | 0 | Part 'P': its order null is not a whole number; it keeps its place among its siblings (0)",
        "\"abc\"   | 0 | Part 'P': its order \"abc\" is not a whole number; it keeps its place among its siblings (0)",
        "2.5       | 0 | Part 'P': its order 2.5 is not a whole number; it keeps its place among its siblings (0)",
        "\"7\"     | 7 | ",
        "3.0       | 3 | ",
        "-2        | -2 | "})
    void ordersThatAreNotNumbersKeepTheirPlace(String order, int expected, String message) {
        OriginalExport.Conversion conversion = convert(module(part("").replace("\"order\": 0", "\"order\": " + order)));
        assertEquals(expected, conversion.root().children().get(0).order());
        assertEquals(message == null ? List.of() : List.of(message), conversion.report());
    }

    @Test
    void aMissingOrderKeepsThePlace() {
        OriginalExport.Conversion conversion = convert(module(part("") + ", " + part("")
                .replace("\"id\": 1", "\"id\": 2").replace(" \"order\": 0,", "")));
        assertEquals(1, conversion.root().children().get(1).order());
        assertEquals(List.of("Part 'P': its order is missing; it keeps its place among its siblings (1)"),
                conversion.report());
    }

    @Test
    void statusLabelAndDisplayModeProblemsAreReported() {
        String longLabel = "x".repeat(120);
        OriginalExport.Conversion conversion = convert(module(part("")
                .replace("\"status\": \"available\"", "\"status\": \"hidden\"")
                .replace("\"label\": \"Lab\"", "\"label\": \"" + longLabel + "\"")
                .replace("\"text_only\"", "\"../../etc/passwd\"")));
        ExchangeNode part = conversion.root().children().get(0);
        assertEquals("unavailable", part.status());
        assertEquals("x".repeat(100), part.label());
        assertEquals("text", part.displayMode());
        assertEquals(List.of("Part 'P': the status \"hidden\" is unknown; it is unavailable",
                "Part 'P': the label was shortened to 100 characters",
                "Part 'P': the display mode \"../../etc/passwd\" is unknown; it shows as text"), conversion.report());
    }

    @Test
    void aNullLabelIsEmptyAndAnAbsentOneOnANewTypeToo() {
        ExchangeNode module = convert(module(part("").replace("\"label\": \"Lab\"", "\"label\": null"))).root();
        assertEquals("", module.label());
        assertEquals("", module.children().get(0).label());
        assertEquals("", convert("{\"type\": \"part\", \"title\": \"T\"}").root().label());
        assertEquals("Task", convert("{\"type\": \"task\", \"title\": \"T\"}").root().label());
    }

    @Test
    void brokenFileEntriesAreSkippedAndReported() {
        String assets = ", \"assets\": ["
                + "{\"id\": 0, \"filename\": \"ok.png\", \"mimetype\": \"image/png\", \"type\": \"asset\", \"order\": 1},"
                + "{\"id\": 1, \"mimetype\": \"image/png\", \"type\": \"asset\", \"order\": 2},"
                + "{\"filename\": \"a.css\", \"type\": \"asset\"},"
                + "{\"id\": \"x\", \"filename\": \"b.css\", \"mimetype\": \"text/css\", \"type\": \"asset\"},"
                + "{\"id\": 4, \"filename\": \"../evil.sh\", \"mimetype\": \"text/plain\", \"type\": \"asset\"},"
                + "{\"id\": 5, \"filename\": \"mine.txt\", \"mimetype\": \"text/plain\", \"type\": \"file\"},"
                + "{\"id\": 6, \"filename\": \"OK.png\", \"mimetype\": \"image/png\", \"type\": \"asset\"},"
                + "{\"id\": 7, \"filename\": \"ok.png\", \"mimetype\": \"image/png\", \"type\": \"template\", \"order\": \"z\"},"
                + "{\"id\": 8, \"filename\": \"style.css\", \"mimetype\": \"text/css\\\"><script>\", \"type\": \"template\"},"
                + "\"nonsense\"]";
        OriginalExport.Conversion conversion = convert(module(part(assets)));
        assertEquals(List.of(new ExchangeFile("asset", "ok.png", "image/png", 1, "assets/0"),
                new ExchangeFile("template", "ok.png", "image/png", 1, "assets/7"),
                new ExchangeFile("template", "style.css", "text/css", 2, "assets/8")),
                conversion.root().children().get(0).files());
        assertEquals(List.of(
                "Part 'P': the file entry assets[1] has no filename; it was skipped",
                "Part 'P': the file entry assets[2] ('a.css') has no id, mimetype; it was skipped",
                "Part 'P': the file entry assets[3] has the id \"x\", which is not a whole number; it was skipped",
                "Part 'P': the file entry assets[4]: the file name '../evil.sh' cannot be used ("
                        + org.wte.asset.FileNames.problem("../evil.sh").orElseThrow() + "); it was skipped",
                "Part 'P': the file entry assets[5] ('mine.txt') has the type \"file\" (not asset or template); it was"
                        + " skipped",
                "Part 'P': the file entry assets[6]: a second asset named 'OK.png'; it was skipped",
                "Part 'P': the file entry assets[7] ('ok.png') has the order \"z\", which is not a whole number; it"
                        + " keeps its place (1)",
                "Part 'P': the file entry assets[8] ('style.css') has the type \"text/css\\\"><script>\"; text/css was"
                        + " used",
                "Part 'P': the file entry assets[9] is not an object; it was skipped"), conversion.report());
    }

    @Test
    void assetsAreFoundInTheNodeThenItsAncestors() {
        String json = "{\"id\": 0, \"type\": \"module\", \"title\": \"M\", \"order\": 0, \"content\": \"\", \"assets\": ["
                + "{\"id\": 1, \"filename\": \"pic.png\", \"mimetype\": \"image/png\", \"type\": \"asset\", \"order\": 1},"
                + "{\"id\": 2, \"filename\": \"doc.pdf\", \"mimetype\": \"application/pdf\", \"type\": \"asset\", \"order\": 2}],"
                + " \"children\": [{\"id\": 1, \"type\": \"part\", \"title\": \"P\", \"order\": 0, \"display_mode\": \"text_only\", \"content\": \"\", \"assets\": ["
                + "{\"id\": 0, \"filename\": \"doc.pdf\", \"mimetype\": \"image/png\", \"type\": \"asset\", \"order\": 1},"
                + "{\"id\": 3, \"filename\": \"tpl.html\", \"mimetype\": \"text/html\", \"type\": \"template\", \"order\": 1}],"
                + " \"children\": [{\"id\": 2, \"type\": \"page\", \"title\": \"G\", \"order\": 0,"
                + " \"content\": \":asset:`pic.png` :asset:`doc.pdf` :asset:`nope.txt` :asset:`tpl.html`\"}]}]}";
        OriginalExport.Conversion conversion = convert(json);
        assertEquals("![pic.png](asset:pic.png) ![doc.pdf](asset:doc.pdf) [](asset:nope.txt) [](asset:tpl.html)\n",
                conversion.root().children().get(0).children().get(0).content());
        assertEquals(List.of("Page 'G', line 1: no file 'nope.txt' is attached to this part or above it in the"
                + " export (the link was kept: attach the file or remove the link)",
                "Page 'G', line 1: no file 'tpl.html' is attached to this part or above it in the export (the link"
                + " was kept: attach the file or remove the link)"), conversion.report());
    }

    // ---- broken files: refused with what and where -----------------------------------------------------------

    @Test
    void emptyAndNotJson() {
        assertEquals("content.json is empty",
                assertThrows(ImportProblem.class, () -> OriginalExport.convert(new byte[0])).getMessage());
        refused("   ", "content.json is empty");
        assertTrue(assertThrows(ImportProblem.class, () -> convert("{\"type\": \"module\", "))
                .getMessage().startsWith("content.json is not valid JSON (line 1, column "));
        assertTrue(assertThrows(ImportProblem.class, () -> convert("{\"type\": \"page\", \"title\": \"T\"} {}"))
                .getMessage().startsWith("content.json is not valid JSON"));
        assertTrue(assertThrows(ImportProblem.class, () -> convert("{\"type\": \"page\", \"type\": \"part\"}"))
                .getMessage().contains("Duplicate field 'type'"));
        assertTrue(assertThrows(ImportProblem.class, () -> OriginalExport.convert(
                new byte[] {'{', '"', 't', (byte) 0xff, '"', ':', '1', '}'})).getMessage()
                .startsWith("content.json is not valid JSON"));
    }

    @Test
    void theTreeMustBeWellFormed() {
        refused("[1, 2]", "content.json: the top level is not an object (a module, part or page with its title, type"
                + " and children)");
        refused("{\"title\": \"T\"}", "content.json: the part at the top has no type");
        refused("{\"type\": 3, \"title\": \"T\"}", "content.json: the part at the top has a type that is not text: 3");
        refused("{\"type\": \"module\", \"content\": \"\"}", "content.json: the module at the top has no title");
        refused("{\"type\": \"module\", \"title\": \"  \"}", "content.json: the module at the top has an empty title");
        refused("{\"type\": \"module\", \"title\": [\"T\"]}",
                "content.json: the module at the top has a title that is not text: [\"T\"]");
        refused("{\"type\": \"module\", \"title\": \"" + "t".repeat(256) + "\"}",
                "content.json: the title of the module at the top has 256 characters; at most 255 are allowed");
        refused("{\"type\": \"module\", \"title\": \"M\", \"content\": 5}",
                "content.json: the content of the module at the top is not text");
        refused("{\"type\": \"module\", \"title\": \"M\", \"label\": {}}",
                "content.json: the label of the module at the top is not text");
        refused("{\"type\": \"module\", \"title\": \"M\", \"children\": {}}",
                "content.json: the children of the module at the top are not a list");
        refused("{\"type\": \"module\", \"title\": \"M\", \"children\": [{\"type\": \"part\", \"title\": \"P\"}, 7]}",
                "content.json: children[1] is not an object (a part with its title and type)");
        refused("{\"type\": \"module\", \"title\": \"M\", \"assets\": \"none\"}",
                "content.json: the assets of the module at the top are not a list");
    }

    @Test
    void childrenAreNamedByTheirPath() {
        refused(module(part(", \"children\": [{\"id\": 2, \"type\": \"page\", \"title\": \"A\"},"
                        + " {\"id\": 3, \"type\": \"page\", \"content\": \"x\"}]")),
                "content.json: the page at children[0].children[1] has no title");
        refused(module(part("").replace("\"part\"", "\"assignment\"")),
                "content.json: the part at children[0] ('P') has the type 'assignment', which WTE cannot import (it"
                        + " knows module, part and page, and the original's tutorial, exercise and task)");
    }

    @Test
    void nestingFollowsModulePartPage() {
        refused(module("{\"id\": 1, \"type\": \"page\", \"title\": \"Loose\"}"),
                "content.json: the page at children[0] ('Loose') is inside the module 'M', which can only hold parts"
                        + " (a module holds parts, a part holds pages)");
        refused(module("{\"id\": 1, \"type\": \"module\", \"title\": \"Inner\"}"),
                "content.json: the module at children[0] ('Inner') is inside the module 'M', which can only hold"
                        + " parts (a module holds parts, a part holds pages)");
        refused(module(part(", \"children\": [{\"id\": 2, \"type\": \"tutorial\", \"title\": \"T\"}]")),
                "content.json: the tutorial at children[0].children[0] ('T') is inside the part 'P', which can only"
                        + " hold pages (a module holds parts, a part holds pages)");
        refused("{\"type\": \"task\", \"title\": \"T\", \"children\": [{\"type\": \"page\", \"title\": \"Deep\"}]}",
                "content.json: the page at children[0] ('Deep') is inside the page 'T'; a page cannot hold anything");
    }

    @Test
    void idsAreAllThereWholeAndUnique() {
        refused(module(part("").replace("\"id\": 1, ", "")),
                "content.json: the part at children[0] ('P') has no id, but the other parts have one");
        refused(module(part("").replace("\"id\": 1", "\"id\": -1")),
                "content.json: the part at children[0] ('P') has the id -1, which is not a whole number of 0 or more");
        refused(module(part("").replace("\"id\": 1", "\"id\": \"1\"")),
                "content.json: the part at children[0] ('P') has the id \"1\", which is not a whole number of 0 or"
                        + " more");
        refused(module(part("").replace("\"id\": 1", "\"id\": 0")),
                "content.json: the part at children[0] ('P') has the id 0, like the module at the top ('M')");
        refused(module(part("")).replace("\"id\": 0, ", ""),
                "content.json: the part at children[0] ('P') has an id, but the top part has none");
    }

    @Test
    void twoFilesWithOneIdAreRefused() {
        String assets = ", \"assets\": ["
                + "{\"id\": 4, \"filename\": \"a.png\", \"mimetype\": \"image/png\", \"type\": \"asset\", \"order\": 1},"
                + "{\"id\": 4, \"filename\": \"b.png\", \"mimetype\": \"image/png\", \"type\": \"asset\", \"order\": 2}]";
        refused(module(part(assets)), "content.json: two files have the id 4 (the second in Part 'P'); each file needs"
                + " its own entry assets/<id>");
    }

    /** Damaged copies of a real export (fixed seed): a tree or an ImportProblem, never another exception. */
    @Test
    void damagedFilesGiveATreeOrAClearProblem() {
        String json = OriginalExportZips.contentJson(OriginalExportZips.currentModule(), Format.CURRENT);
        String[] replacements = {"", "null", "[]", "{}", "\"x\"", "-1", "1e400", "0.5", "\"\\ud800\"", "[{}]", "\"page\""};
        java.util.Random random = new java.util.Random(11);
        int refused = 0;
        for (int i = 0; i < 500; i++) {
            StringBuilder damaged = new StringBuilder(json);
            for (int cut = 0; cut < 1 + random.nextInt(3); cut++) {
                int at = random.nextInt(damaged.length());
                int end = Math.min(damaged.length(), at + random.nextInt(12));
                damaged.replace(at, end, replacements[random.nextInt(replacements.length)]);
            }
            try {
                OriginalExport.convert(damaged.toString().getBytes(StandardCharsets.UTF_8));
            } catch (ImportProblem problem) {
                assertTrue(problem.getMessage().startsWith("content.json"), problem.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 25 && refused < 500, "refused " + refused);
    }

    @Test
    void theJsonOfTheBuilderIsPythonsJsonDumps() {
        String json = OriginalExportZips.contentJson(node("page", "Caf\u00e9 \ud83c\udf89").content("a\n\"b\""),
                Format.CURRENT);
        assertEquals("{\"id\": 0, \"type\": \"page\", \"display_mode\": null, \"label\": null, \"title\":"
                + " \"Caf\\u00e9 \\ud83c\\udf89\", \"status\": \"unavailable\", \"order\": 0, \"content\":"
                + " \"a\\n\\\"b\\\"\"}", json);
    }
}
