package org.wte.exchange;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.LocalDateTime;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/**
 * Builds export ZIPs exactly as the original Python WTE wrote them (shared/original-export-format.md §2,
 * §3): {@code content.json} first and deflated, written as Python's {@code json.dumps} does (ASCII only,
 * {@code ", "} and {@code ": "}), then {@code assets/<id>} in id order, deflated for {@code text*}
 * mimetypes and stored otherwise. Part ids are numbered in pre-order, asset ids in post-order, as the
 * original did. Each format version writes only the keys that version had. For the importer's tests too.
 */
public final class OriginalExportZips {
    /** The versions of the format (§7): which keys a part object has. */
    public enum Format {
        /** 1.2 and later: id, type, display_mode, label. */
        CURRENT,
        /** 1.0.x/1.1: id and display_mode, legacy types, no label. */
        V1_1,
        /** 1.0: id, no display_mode, no label. */
        V1_0,
        /** Before 1.0: no ids. */
        PRE_1_0
    }

    /** A file attached to a part: its name, mimetype, type (asset or template), order and bytes. */
    public record File(String filename, String mimeType, String type, int order, byte[] data) {
    }

    /** A module, part or page as the original held it; values set to null are written as null. */
    public static final class Node {
        final String type;
        final String title;
        final Map<String, Object> values = new LinkedHashMap<>();
        final List<Node> children = new ArrayList<>();
        final List<File> assets = new ArrayList<>();

        Node(String type, String title) {
            this.type = type;
            this.title = title;
            values.put("status", "unavailable");
            values.put("order", 0);
            values.put("content", "");
        }

        public Node displayMode(String mode) {
            values.put("display_mode", mode);
            return this;
        }

        public Node label(String label) {
            values.put("label", label);
            return this;
        }

        public Node status(String status) {
            values.put("status", status);
            return this;
        }

        public Node order(Object order) {
            values.put("order", order);
            return this;
        }

        public Node content(String rst) {
            values.put("content", rst);
            return this;
        }

        /** Adds a child; its order is its position unless set before. */
        public Node child(Node child) {
            children.add(child);
            return this;
        }

        public Node asset(String filename, String mimeType, byte[] data) {
            assets.add(new File(filename, mimeType, "asset", countOf("asset") + 1, data));
            return this;
        }

        public Node template(String filename, String mimeType, String text) {
            assets.add(new File(filename, mimeType, "template", countOf("template") + 1,
                    text.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        private int countOf(String kind) {
            return (int) assets.stream().filter(a -> a.type().equals(kind)).count();
        }
    }

    private OriginalExportZips() {
    }

    public static Node node(String type, String title) {
        return new Node(type, title);
    }

    /** The ZIP's bytes. */
    public static byte[] zip(Node root, Format format) {
        List<File> files = new ArrayList<>();
        String json = contentJson(root, format, files);
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        List<Boolean> deflated = new ArrayList<>();
        names.add("content.json");
        contents.add(json.getBytes(StandardCharsets.US_ASCII));
        deflated.add(true);
        for (int id = 0; id < files.size(); id++) {
            File file = files.get(id);
            byte[] data = file.data() == null ? new byte[0] : file.data();
            names.add("assets/" + id);
            contents.add(data);
            deflated.add(file.mimeType().startsWith("text") || data.length == 0);
        }
        return write(names, contents, deflated, LocalDateTime.now());
    }

    /**
     * A ZIP as Python's {@code zipfile.writestr} makes it: sizes in the local headers (no data
     * descriptors), no zip64, no extra fields, no comment, external attributes 0600, made on Unix.
     */
    static byte[] write(List<String> names, List<byte[]> contents, List<Boolean> deflated, LocalDateTime time) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int dosTime = (time.getHour() << 11) | (time.getMinute() << 5) | (time.getSecond() / 2);
        int dosDate = ((time.getYear() - 1980) << 9) | (time.getMonthValue() << 5) | time.getDayOfMonth();
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i).getBytes(StandardCharsets.US_ASCII);
            byte[] data = contents.get(i);
            boolean deflate = deflated.get(i);
            byte[] stored = deflate ? deflate(data) : data;
            CRC32 crc = new CRC32();
            crc.update(data);
            int offset = out.size();
            int method = deflate ? 8 : 0;
            le32(out, 0x04034b50);
            le16(out, 20);
            le16(out, 0);
            le16(out, method);
            le16(out, dosTime);
            le16(out, dosDate);
            le32(out, (int) crc.getValue());
            le32(out, stored.length);
            le32(out, data.length);
            le16(out, name.length);
            le16(out, 0);
            out.writeBytes(name);
            out.writeBytes(stored);
            le32(central, 0x02014b50);
            le16(central, (3 << 8) | 20);
            le16(central, 20);
            le16(central, 0);
            le16(central, method);
            le16(central, dosTime);
            le16(central, dosDate);
            le32(central, (int) crc.getValue());
            le32(central, stored.length);
            le32(central, data.length);
            le16(central, name.length);
            le16(central, 0);
            le16(central, 0);
            le16(central, 0);
            le16(central, 0);
            le32(central, 0600 << 16);
            le32(central, offset);
            central.writeBytes(name);
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        le32(out, 0x06054b50);
        le16(out, 0);
        le16(out, 0);
        le16(out, names.size());
        le16(out, names.size());
        le32(out, central.size());
        le32(out, centralOffset);
        le16(out, 0);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, int value) {
        le16(out, value & 0xffff);
        le16(out, (value >>> 16) & 0xffff);
    }

    /** content.json alone, as the original wrote it. */
    public static String contentJson(Node root, Format format) {
        return contentJson(root, format, new ArrayList<>());
    }

    private static String contentJson(Node root, Format format, List<File> files) {
        int[] nextId = {0};
        Map<String, Object> tree = asDict(root, format, nextId, files);
        StringBuilder out = new StringBuilder();
        write(tree, out);
        return out.toString();
    }

    /** {@code part_as_dict}: ids in pre-order; the children's assets numbered before the part's own. */
    private static Map<String, Object> asDict(Node node, Format format, int[] nextId, List<File> files) {
        Map<String, Object> dict = new LinkedHashMap<>();
        if (format != Format.PRE_1_0) {
            dict.put("id", nextId[0]++);
        }
        dict.put("type", node.type);
        if (format == Format.CURRENT || format == Format.V1_1) {
            dict.put("display_mode", node.values.getOrDefault("display_mode", null));
        }
        if (format == Format.CURRENT) {
            dict.put("label", node.values.getOrDefault("label", null));
        }
        dict.put("title", node.title);
        dict.put("status", node.values.get("status"));
        dict.put("order", node.values.get("order"));
        dict.put("content", node.values.get("content"));
        List<Object> children = new ArrayList<>();
        for (int i = 0; i < node.children.size(); i++) {
            Node child = node.children.get(i);
            if (Integer.valueOf(0).equals(child.values.get("order")) && i > 0) {
                child.values.put("order", i);
            }
            children.add(asDict(child, format, nextId, files));
        }
        if (!children.isEmpty()) {
            dict.put("children", children);
        }
        List<Object> assets = new ArrayList<>();
        for (File file : node.assets) {
            Map<String, Object> asset = new LinkedHashMap<>();
            asset.put("id", files.size());
            asset.put("filename", file.filename());
            asset.put("mimetype", file.mimeType());
            asset.put("type", file.type());
            asset.put("order", file.order());
            files.add(file);
            assets.add(asset);
        }
        if (!assets.isEmpty()) {
            dict.put("assets", assets);
        }
        return dict;
    }

    /** Python's json.dumps with its defaults: ensure_ascii, separators ", " and ": ". */
    static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            out.append(String.format("\\u%04x", (int) c)); // surrogates stay pairs
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ", ");
                write(entry.getKey().toString(), out);
                out.append(": ");
                write(entry.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    /** A small PNG image. */
    public static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the sample modules ---------------------------------------------------------------------------------

    /**
     * A 1.2+ module using every construct the converter supports: module "Web Design" (id 0) with the part
     * "HTML Basics" (id 1, three_pane_html) holding the pages "Elements" (2) and "Practice" (3), and
     * "Leftovers" (4) with what it cannot convert.
     */
    public static Node currentModule() {
        Node elements = node("page", "Elements").label("Page").status("available").content("""
                Elements
                ========

                An HTML page is made of *elements*, written with **tags** such as ``<p>``.
                See `the MDN guide <https://developer.mozilla.org/en-US/docs/Web/HTML>`_ and :crossref:`Practice<3>`,
                the `W3C`_ and `its validator`__, or just https://html.spec.whatwg.org/.

                .. _W3C: https://www.w3.org/
                __ https://validator.w3.org/

                Block elements
                --------------

                - ``div``, the generic block
                - ``p``, a paragraph

                  1. it starts on a new line
                  2. it takes the whole width

                HTML
                   The markup of the page.

                .. sourcecode:: html
                   :filename: index.html
                   :linenos: 1
                   :no-select:

                   <!DOCTYPE html>
                   <p>Hello</p>

                .. code:: css

                   p { color: navy; }

                Write it inline too: :code-html:`<em>hi</em>`.

                .. figure:: logo.png
                   :alt: The course logo

                   Our logo.

                The data is in :asset:`the table<data.csv>`; the banner is :asset:`banner.png`.

                ===========  ==========
                Tag          Closes
                ===========  ==========
                ``<p>``      yes
                ``<br>``     no
                ===========  ==========

                .. note:: Tags are not case-sensitive.
                """);
        Node practice = node("page", "Practice").label("Exercise").status("available").content("""
                Practice
                ========

                Watch this first:

                .. youtube:: https://www.youtube.com/watch?v=dQw4w9WgXcQ

                .. show-hide::
                   :title: Solution
                   :initial: hidden

                   Use a paragraph:

                   .. sourcecode:: html

                      <p>Hello</p>

                .. quiz:: basics
                   :title: Check yourself

                   .. quiz-question:: q1
                      :question: What does HTML stand for?
                      :type: single-choice

                      HyperText Markup Language [x]
                      High Tech Modern Language

                   .. quiz-question:: q2
                      :question: Which elements are inline?
                      :type: multi-choice

                      [x] span
                      [x] a
                      div

                Back to :crossref:`2`.

                +--------+---------+
                | Key    | Meaning |
                +========+=========+
                | Ctrl+S | save    |
                +--------+---------+
                """);
        Node leftovers = node("page", "Leftovers").label("Page").content("""
                What WTE does not have stays readable:

                .. raw:: html

                   <marquee>Hi</marquee>

                A :style:`red<color:red>` word, a `bad link <javascript:alert(1)>`_ and a video elsewhere:

                .. youtube:: https://vimeo.com/1234

                +-------+-------+
                | merged cell   |
                +-------+-------+
                """);
        Node part = node("part", "HTML Basics").label("Tutorial").displayMode("three_pane_html").content(
                        "Start with the elements, then practise.")
                .asset("logo.png", "image/png", png(4, 3))
                .asset("data.csv", "text/csv", "tag,closes\np,yes\nbr,no\n".getBytes(StandardCharsets.UTF_8))
                .template("index.html", "text/html", "<!DOCTYPE html>\n<title>Mine</title>\n")
                .child(elements).child(practice).child(leftovers);
        return node("module", "Web Design").status("available").content("Welcome to *Web Design*.")
                .asset("banner.png", "image/png", png(8, 2))
                .child(part);
    }

    /** A 1.1 module with the legacy types and display modes and no labels. */
    public static Node legacyModule() {
        return node("module", "Programming 2015").displayMode("default").status("archived").content("Old course.")
                .child(node("tutorial", "Loops").displayMode("text_only")
                        .child(node("page", "While").displayMode("inherit").content("Loop *while* true.\n\n"
                                + "Next: :crossref:`Count<4>`")))
                .child(node("exercise", "Practice loops").displayMode("three_pane_html")
                        .template("main.js", "application/javascript", "console.log(1);\n")
                        .child(node("task", "Count").displayMode("inherit").content("Count to ten::\n\n"
                                + "    for (i = 1; i <= 10; i++) {}\n")));
    }

    /** An export from before 1.0: no ids (cross-references cannot be resolved), no display modes. */
    public static Node preOneModule() {
        return node("module", "Caf\u00e9 \ud83c\udf89 Basics").content("See :crossref:`12` and :crossref:`Intro<13>`.")
                .child(node("tutorial", "Intro").content("Hello")
                        .child(node("page", "First").content("Text")));
    }

    /** Writes the sample ZIPs (run by hand: they live under src/test/resources/exchange/original/). */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "src/test/resources/exchange/original");
        Files.createDirectories(folder);
        Files.write(folder.resolve("web-design-1.2.zip"), zip(currentModule(), Format.CURRENT));
        Files.write(folder.resolve("programming-1.1.zip"), zip(legacyModule(), Format.V1_1));
        Files.write(folder.resolve("cafe-pre-1.0.zip"), zip(preOneModule(), Format.PRE_1_0));
    }
}
