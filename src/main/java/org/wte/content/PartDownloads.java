package org.wte.content;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.ws.rs.NotFoundException;
import org.hibernate.Session;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.wte.asset.Asset;
import org.wte.asset.AssetKind;
import org.wte.asset.AssetService;
import org.wte.web.CurrentUser;

/**
 * A part for offline reading: a ZIP of plain HTML files that open from the disk with no server. index.html
 * holds the part's text and the list of its pages; each page the reader may see is one file
 * ({@code 01-slug.html}) with previous / index / next links; the assets the pages show or link to are copied
 * under {@code assets/}; one style sheet (markup.css and a basic layout). Links to other pages of the part
 * point inside the ZIP, cross-references leaving the part point to the site (absolute, from app.url);
 * quizzes keep their questions without a way to answer, videos become links, show/hide blocks become
 * {@code <details>}. Pages a student may not see are not in the ZIP.
 */
public final class PartDownloads {
    static final String STYLE = "style.css";
    /** Basic layout for the offline files, after markup.css. */
    static final String LAYOUT_CSS = """

            /* Offline copy: basic layout */
            body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433;
                   background: #fff; margin: 0; }
            .offline { max-width: 48rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
            .offline-top, .offline-nav { display: flex; justify-content: space-between; gap: 1rem; flex-wrap: wrap;
                   font-size: .95rem; }
            .offline-top { border-bottom: 1px solid #d5dae1; padding-bottom: .5rem; margin-bottom: 1rem; }
            .offline-nav { border-top: 1px solid #d5dae1; padding-top: .75rem; margin-top: 2rem; }
            .offline-footer { color: #5b6473; font-size: .85rem; margin-top: 2rem; }
            .offline-note { background: #fff7e0; border-left: 4px solid #e0a800; padding: .5rem .75rem; }
            .offline-pages li { margin: .25rem 0; }
            a { color: #0b5cad; }
            img { max-width: 100%; height: auto; }
            details.wte-showhide { border: 1px solid #d5dae1; border-radius: 4px; padding: .5rem .75rem; margin: 1rem 0; }
            details.wte-showhide > summary { cursor: pointer; font-weight: 600; }
            """;
    private static final Pattern OWN_URL = Pattern.compile("/parts/(\\d{1,18})(?:/assets/([^/?#]+))?/?([?#].*)?");
    private static final Pattern EMBED = Pattern.compile("https://www\\.youtube-nocookie\\.com/embed/([A-Za-z0-9_-]{6,20})"
            + "(?:\\?start=(\\d+))?");

    private final Parts parts;
    private final ContentAccess access;
    private final MarkupContent markup;
    private final AssetService assets;
    private final String siteUrl;

    /** {@code siteUrl} is app.url (scheme, host and mount path), for the links that leave the part. */
    public PartDownloads(Parts parts, ContentAccess access, MarkupContent markup, AssetService assets, String siteUrl) {
        this.parts = parts;
        this.access = access;
        this.markup = markup;
        this.assets = assets;
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
    }

    /** The part, if this reader may see it and it is a part (modules and pages have no download): 404 otherwise. */
    public Part downloadable(Session s, CurrentUser user, long id) {
        Part part = parts.byId(s, id).orElseThrow(() -> new NotFoundException("There is no such page."));
        if (!access.of(s, user, part).view()) {
            throw new NotFoundException("There is no such page.");
        }
        if (part.getType() != PartType.PART) {
            throw new NotFoundException("Only a part (with its pages) can be downloaded, not a "
                    + part.getType().label() + ".");
        }
        return part;
    }

    /** The ZIP's name: the part's title made safe for any file system, e.g. "week-1-html-basics.zip". */
    public static String fileName(Part part) {
        return slug(part.getTitle(), "part") + ".zip";
    }

    /** The pages this reader gets: those listed to them on the part's page, in order. */
    List<Part> pages(Session s, CurrentUser user, Part part) {
        Access a = access.of(s, user, part);
        return parts.children(s, part).stream().filter(c -> ContentAccess.lists(a, c)).toList();
    }

    /** Writes the ZIP. {@code markupCss} is the site's markup.css, copied into the style sheet. */
    public void write(Session s, CurrentUser user, Part part, String markupCss, OutputStream out) throws IOException {
        List<Part> pages = pages(s, user, part);
        Map<Long, String> files = new LinkedHashMap<>();
        files.put(part.getId(), "index.html");
        int width = pages.size() >= 100 ? 3 : 2;
        for (int i = 0; i < pages.size(); i++) {
            String name = String.format(Locale.ROOT, "%0" + width + "d-%s.html", i + 1, slug(pages.get(i).getTitle(), "page"));
            files.put(pages.get(i).getId(), name);
        }
        Copy copy = new Copy(s, user, files);
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        entry(zip, "index.html", index(copy, part, pages));
        entry(zip, STYLE, (markupCss == null ? "" : markupCss) + LAYOUT_CSS);
        for (int i = 0; i < pages.size(); i++) {
            entry(zip, files.get(pages.get(i).getId()), page(copy, part, pages, i));
        }
        for (Map.Entry<Long, String> file : copy.assetFiles.entrySet()) {
            Asset asset = s.get(Asset.class, file.getKey());
            zip.putNextEntry(new ZipEntry(file.getValue()));
            zip.write(assets.content(s, asset));
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    // ------------------------------------------------------------------ the files

    private String index(Copy copy, Part part, List<Part> pages) {
        Document doc = shell(part.getTitle());
        Element main = doc.body().appendElement("div").addClass("offline");
        Element top = main.appendElement("nav").addClass("offline-top");
        top.appendElement("span").text("Offline copy");
        top.appendElement("a").attr("href", siteUrl + "/parts/" + part.getId()).text("Open on the site");
        main.appendElement("h1").text(part.getTitle());
        main.appendElement("article").addClass("content wte-markup").html(copy.body(part, siteUrl + "/parts/" + part.getId()));
        main.appendElement("h2").text("Pages");
        if (pages.isEmpty()) {
            main.appendElement("p").text("This part has no pages you can read yet.");
        } else {
            Element list = main.appendElement("ol").addClass("offline-pages");
            for (Part p : pages) {
                list.appendElement("li").appendElement("a").attr("href", copy.files.get(p.getId())).text(p.getTitle());
            }
        }
        footer(main, part);
        return html(doc);
    }

    private String page(Copy copy, Part part, List<Part> pages, int i) {
        Part page = pages.get(i);
        Document doc = shell(page.getTitle() + " · " + part.getTitle());
        Element main = doc.body().appendElement("div").addClass("offline");
        Element top = main.appendElement("nav").addClass("offline-top");
        top.appendElement("a").attr("href", "index.html").text(part.getTitle());
        top.appendElement("span").text("Page " + (i + 1) + " of " + pages.size());
        main.appendElement("h1").text(page.getTitle());
        main.appendElement("article").addClass("content wte-markup").html(copy.body(page, siteUrl + "/parts/" + page.getId()));
        Element nav = main.appendElement("nav").addClass("offline-nav").attr("aria-label", "Pages");
        if (i > 0) {
            nav.appendElement("a").attr("rel", "prev").attr("href", copy.files.get(pages.get(i - 1).getId()))
                    .text("← " + pages.get(i - 1).getTitle());
        } else {
            nav.appendElement("span");
        }
        nav.appendElement("a").attr("href", "index.html").text("All pages");
        if (i + 1 < pages.size()) {
            nav.appendElement("a").attr("rel", "next").attr("href", copy.files.get(pages.get(i + 1).getId()))
                    .text(pages.get(i + 1).getTitle() + " →");
        } else {
            nav.appendElement("span");
        }
        footer(main, page);
        return html(doc);
    }

    private void footer(Element main, Part part) {
        Element footer = main.appendElement("footer").addClass("offline-footer");
        footer.appendText("Offline copy of ");
        String url = siteUrl + "/parts/" + part.getId();
        footer.appendElement("a").attr("href", url).text(url);
        footer.appendText(". Quizzes and the workspace need the site.");
    }

    private static Document shell(String title) {
        Document doc = Document.createShell("");
        doc.outputSettings().charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.base).prettyPrint(false);
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.head().appendElement("title").text(title);
        doc.head().appendElement("link").attr("rel", "stylesheet").attr("href", STYLE);
        doc.selectFirst("html").attr("lang", "en");
        return doc;
    }

    private static String html(Document doc) {
        return "<!DOCTYPE html>\n" + doc.outerHtml() + "\n";
    }

    /** One ZIP in the making: the file of each part in it, and the assets the pages used so far. */
    private final class Copy {
        final Session s;
        final CurrentUser user;
        final Map<Long, String> files;
        /** Asset id → entry name under assets/. */
        final Map<Long, String> assetFiles = new LinkedHashMap<>();
        final Set<String> assetNames = new HashSet<>();
        final Map<Long, Boolean> readable = new HashMap<>();

        Copy(Session s, CurrentUser user, Map<Long, String> files) {
            this.s = s;
            this.user = user;
            this.files = files;
        }

        /** The text of a part as this reader sees it on the site, made to work from the disk. */
        String body(Part part, String onTheSite) {
            String html = markup.forReader(s, user, siteUrl, part.getCompiled() == null ? "" : part.getCompiled());
            Element body = Jsoup.parseBodyFragment(html).body();
            for (Element a : body.select("a[href]")) {
                a.attr("href", local(a.attr("href")));
                a.removeAttr("download");
            }
            for (Element img : body.select("img[src]")) {
                img.attr("src", local(img.attr("src")));
            }
            for (Element quiz : body.select("div.wte-quiz")) {
                quiz.select("input, button, textarea, select").remove();
                Element note = new Element("p").addClass("offline-note");
                note.appendText("Answering this quiz needs the site: ");
                note.appendElement("a").attr("href", onTheSite).text("open this page on the site");
                note.appendText(".");
                quiz.prependChild(note);
            }
            for (Element video : body.select("div.wte-video")) {
                Element frame = video.selectFirst("iframe");
                Element link = new Element("p").addClass("offline-video");
                String watch = frame == null ? null : watchUrl(frame.attr("src"));
                if (watch != null) {
                    link.appendText("Video: ");
                    link.appendElement("a").attr("href", watch).text(frame.attr("title").isBlank() ? watch : frame.attr("title"));
                    link.appendText(" (needs the Internet)");
                } else {
                    link.text("A video is shown here on the site.");
                }
                video.replaceWith(link);
            }
            for (Element block : body.select("div.wte-showhide")) {
                Element details = new Element("details").addClass("wte-showhide");
                if ("open".equals(block.attr("data-wte-initial"))) {
                    details.attr("open", true);
                }
                Element toggle = block.selectFirst("button.wte-showhide-toggle");
                details.appendElement("summary").text(toggle == null ? "Show" : toggle.text());
                Element inner = block.selectFirst("div.wte-showhide-body");
                if (inner != null) {
                    details.appendChildren(inner.childNodesCopy());
                }
                block.replaceWith(details);
            }
            // Nothing in a copy may run or load from the site (the sanitiser already forbids both).
            body.select("script, iframe, object, embed").remove();
            return body.html();
        }

        /** A URL of the site made local: a page of this part → its file, an asset → its copy; else unchanged. */
        String local(String url) {
            if (!url.startsWith(siteUrl + "/")) {
                return url;
            }
            Matcher m = OWN_URL.matcher(url.substring(siteUrl.length()));
            if (!m.matches()) {
                return url;
            }
            long partId = Long.parseLong(m.group(1));
            String fragment = m.group(3) != null && m.group(3).startsWith("#") ? m.group(3) : "";
            if (m.group(2) == null) {
                String file = files.get(partId);
                return file == null ? url : file + fragment;
            }
            return asset(partId, m.group(2)).orElse(url);
        }

        private Optional<String> asset(long partId, String encodedName) {
            String name;
            try {
                name = URLDecoder.decode(encodedName.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            boolean mayRead = readable.computeIfAbsent(partId, id -> parts.byId(s, id)
                    .map(owner -> access.of(s, user, owner).view()).orElse(false));
            if (!mayRead) {
                return Optional.empty();
            }
            Optional<Asset> found = parts.byId(s, partId).flatMap(owner -> assets.byName(s, owner, AssetKind.ASSET, name));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Asset asset = found.get();
            String entry = assetFiles.get(asset.getId());
            if (entry == null) {
                String safe = safeFileName(name);
                entry = "assets/" + safe;
                if (!assetNames.add(entry)) {
                    entry = "assets/" + asset.getId() + "-" + safe;
                    assetNames.add(entry);
                }
                assetFiles.put(asset.getId(), entry);
            }
            return Optional.of(entry);
        }
    }

    /** The watch page of an embedded YouTube video, with its start time; null when it is not one. */
    static String watchUrl(String embed) {
        Matcher m = EMBED.matcher(embed == null ? "" : embed);
        if (!m.lookingAt()) {
            return null;
        }
        return "https://www.youtube.com/watch?v=" + m.group(1) + (m.group(2) != null ? "&t=" + m.group(2) + "s" : "");
    }

    /** Lower-case ASCII letters, digits and hyphens, at most 40 characters; {@code fallback} when nothing is left. */
    static String slug(String title, String fallback) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }

    /** An asset's name as a ZIP entry: letters, digits, dot, hyphen and underscore only; never "." or "..". */
    static String safeFileName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String safe = ascii.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[.]+", "_");
        if (safe.length() > 100) {
            safe = safe.substring(safe.length() - 100);
        }
        return safe.isEmpty() ? "file" : safe;
    }
}
